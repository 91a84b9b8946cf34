// The Ctrl+K jump palette's matching: which destinations a typed query keeps, best first.
export type Destination = { id: string; label: string; hint?: string; keywords?: string };

function score(d: Destination, q: string): number {
  const label = d.label.toLowerCase();
  const haystack = `${label} ${(d.hint ?? '').toLowerCase()} ${(d.keywords ?? '').toLowerCase()}`;
  if (label.startsWith(q)) return 0;
  if (label.split(/[\s—-]+/).some((w) => w.startsWith(q))) return 1;
  if (haystack.includes(q)) return 2;
  // Letters in order ("yab" finds "Years and Blocks").
  let i = 0;
  for (const ch of haystack) if (ch === q[i]) i += 1;
  return i === q.length ? 3 : -1;
}

/** Destinations matching `query` (case-insensitive), best match first, stable within a rank. */
export function filterDestinations<T extends Destination>(items: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...items];
  return items
    .map((item, index) => ({ item, index, rank: score(item, q) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.item);
}
