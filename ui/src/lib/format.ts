// Small text formats shared by the tables: block length in weeks, counts with their noun,
// the plan summary under the block preview, and PGY levels.
import type { BlockPlan } from './bindings';

/** Days as weeks: "4" when whole, otherwise one decimal ("4.3"). */
export function formatWeeks(days: number): string {
  const weeks = days / 7;
  if (Number.isInteger(weeks)) return String(weeks);
  const rounded = weeks.toFixed(1);
  return rounded.endsWith('.0') ? rounded.slice(0, -2) : rounded;
}

/** "1 block", "13 blocks". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "13 blocks, 1 leftover day". */
export function planSummary(plan: Pick<BlockPlan, 'blocks' | 'leftoverDays'>): string {
  return `${countOf(plan.blocks.length, 'block')}, ${countOf(plan.leftoverDays, 'leftover day')}`;
}

/** "PGY-2", or an em dash for people without a level. */
export function formatPgy(level: number | null): string {
  return level === null ? '—' : `PGY-${level}`;
}

/** Roles as a reader sees them: "resident, faculty". */
export function formatRoles(roles: readonly string[]): string {
  return roles.map((r) => r.replaceAll('_', ' ')).join(', ');
}
