// Words and shapes for a schedule proposal: the objective's parts in a sentence, the objective
// over time as an SVG polyline, and the rules a proposal still breaks, counted by rule.
import type { Conflict, ObjectiveParts, Rule } from './bindings';
import { RULE_NAMES } from './schedule';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Cost 36: unmet requests 20 · 3 heavy pairs 12 · heavy spread 1 block 4". */
export function objectiveWords(o: ObjectiveParts): string {
  return [
    `Cost ${o.total}: unmet requests ${o.unmetRequestsCost}`,
    `${plural(o.heavyPairs, 'heavy pair')} ${o.heavyPairsCost}`,
    `heavy spread ${plural(o.heavySpread, 'block')} ${o.heavySpreadCost}`,
  ].join(' · ');
}

/** Points of a polyline drawing the objective (y) over time (x) in a `width` × `height` box;
 *  lower cost is drawn lower, as a falling line reads as progress. */
export function objectiveLine(points: Array<{ ms: number; total: number }>, width: number, height: number): string {
  if (points.length === 0) return '';
  const maxMs = Math.max(...points.map((p) => p.ms), 1);
  const totals = points.map((p) => p.total);
  const [lo, hi] = [Math.min(...totals), Math.max(...totals)];
  // SVG's y grows downwards: the highest cost sits at the top.
  const y = (t: number) => (hi === lo ? height / 2 : ((hi - t) / (hi - lo)) * (height - 2) + 1);
  const x = (ms: number) => (ms / maxMs) * (width - 2) + 1;
  // A step line: the cost holds until the next better schedule.
  const out: string[] = [];
  points.forEach((p, i) => {
    if (i > 0) out.push(`${x(p.ms).toFixed(1)},${y(points[i - 1].total).toFixed(1)}`);
    out.push(`${x(p.ms).toFixed(1)},${y(p.total).toFixed(1)}`);
  });
  out.push(`${(width - 1).toFixed(1)},${y(points[points.length - 1].total).toFixed(1)}`);
  return out.join(' ');
}

/** The rules a proposal would still break, most frequent first. */
export function countByRule(conflicts: Conflict[]): Array<{ rule: Rule; name: string; count: number }> {
  const counts = new Map<Rule, number>();
  for (const c of conflicts) counts.set(c.rule, (counts.get(c.rule) ?? 0) + 1);
  return [...counts.entries()]
    .map(([rule, count]) => ({ rule, name: RULE_NAMES[rule], count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
