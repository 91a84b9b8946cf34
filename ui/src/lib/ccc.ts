// The CCC screen's logic, kept out of the components so it can be tested: ratings as typed and
// shown, subcompetencies grouped by competency, the words for recommendations, and which cells
// the committee should look at twice.
import type { EpaAssessment, Flag, GridSubcompetency, Rating, ReviewInput, Review } from './bindings';

/** A rating as the grid writes it: "<1", "3", "3.5", "NYA", or "" for none. */
export function ratingLabel(r: Rating | null | undefined): string {
  if (!r) return '';
  if (r.kind === 'notYetAssessable') return 'NYA';
  if (r.level === 0) return '<1';
  return Number.isInteger(r.level) ? String(r.level) : r.level.toFixed(1);
}

export type Parsed = { ok: true; rating: Rating | null } | { ok: false; message: string };

/** A rating as typed: `3`, `3.5`, `3,5`, `<1`, `below 1`, `NYA`, `not yet`; empty clears. */
export function parseRating(text: string): Parsed {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: true, rating: null };
  if (['nya', 'na', 'n/a', 'not yet', 'not yet assessable'].includes(t)) {
    return { ok: true, rating: { kind: 'notYetAssessable' } };
  }
  if (['<1', 'below 1', '0'].includes(t)) return { ok: true, rating: { kind: 'level', level: 0 } };
  const level = Number(t.replace(',', '.'));
  if (Number.isFinite(level) && level >= 1 && level <= 5 && Number.isInteger(level * 2)) {
    return { ok: true, rating: { kind: 'level', level } };
  }
  return { ok: false, message: `'${text.trim()}' is not a level: use <1, 1, 1.5 … 5, or NYA` };
}

/** Subcompetencies under their competency (PC, MK, …), in the set's order. */
export function byCompetency(subs: GridSubcompetency[]): Array<{ competency: string; subs: GridSubcompetency[] }> {
  const out: Array<{ competency: string; subs: GridSubcompetency[] }> = [];
  for (const s of subs) {
    const last = out[out.length - 1];
    if (last && last.competency === s.competency) last.subs.push(s);
    else out.push({ competency: s.competency, subs: [s] });
  }
  return out;
}

/** The committee's flags where the screens show them: a subcompetency's under its cell (keyed
 *  `resident|subcompetency`), the rest under the resident. Reasons of one place are joined. */
export function flagPlaces(flags: readonly Flag[]): { cells: Map<string, string>; residents: Map<string, string[]> } {
  const cells = new Map<string, string>();
  const residents = new Map<string, string[]>();
  for (const f of flags) {
    if (f.subcompetencyId) {
      const key = `${f.residentId}|${f.subcompetencyId}`;
      const before = cells.get(key);
      cells.set(key, before ? `${before}; ${f.reason}` : f.reason);
    } else {
      residents.set(f.residentId, [...(residents.get(f.residentId) ?? []), f.reason]);
    }
  }
  return { cells, residents };
}

export const PERFORMANCES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'exceeds_expectations', label: 'Exceeds expectations' },
  { value: 'meets_expectations', label: 'Meets expectations' },
  { value: 'below_expectations', label: 'Below expectations' },
  { value: 'unsatisfactory', label: 'Unsatisfactory' },
];

export const RECOMMENDATIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'promote', label: 'Promote' },
  { value: 'promote_with_conditions', label: 'Promote with conditions' },
  { value: 'extend', label: 'Extend training' },
  { value: 'remediation', label: 'Remediation' },
  { value: 'graduate', label: 'Graduate' },
  { value: 'not_promote', label: 'Do not promote' },
];

/** The form's fields from a stored review (or empty for none). */
export function reviewForm(r: Review | null): ReviewInput {
  return {
    overallPerformance: r?.overallPerformance ?? null,
    recommendation: r?.recommendation ?? null,
    strengths: r?.strengths ?? null,
    areasForImprovement: r?.areasForImprovement ?? null,
    requiresRemediation: r?.requiresRemediation ?? false,
    remediationPlan: r?.remediationPlan ?? null,
  };
}

/** "2026-2027-fall" from a meeting's period. */
export const periodName = (p: { year: string; term: string }) => `${p.year}-${p.term}`;

/** Per EPA, in number order: how many assessments, the median and the latest level (the list
 *  comes newest first). */
export function epaSummary(
  list: Pick<EpaAssessment, 'epaNumber' | 'epaShortName' | 'entrustmentLevel'>[],
): Array<{ number: number; shortName: string; count: number; median: number; latest: number }> {
  const by = new Map<number, { shortName: string; levels: number[] }>();
  for (const a of list) {
    const e = by.get(a.epaNumber) ?? { shortName: a.epaShortName, levels: [] };
    e.levels.push(a.entrustmentLevel);
    by.set(a.epaNumber, e);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, e]) => {
      const sorted = [...e.levels].sort((x, y) => x - y);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      return { number, shortName: e.shortName, count: e.levels.length, median, latest: e.levels[0] };
    });
}

/** The agenda's order with one resident moved `delta` places (clamped to the ends), or null when
 *  it does not move. */
export function moved(order: readonly string[], id: string, delta: number): string[] | null {
  const at = order.indexOf(id);
  if (at < 0) return null;
  const to = Math.min(order.length - 1, Math.max(0, at + delta));
  if (to === at) return null;
  const out = order.filter((r) => r !== id);
  out.splice(to, 0, id);
  return out;
}
