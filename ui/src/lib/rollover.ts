// The rollover wizard's order and words.
import type { ResidentRollover, RolloverAction } from './bindings';

const ORDER: Record<RolloverAction, number> = { graduate: 0, stay: 1, promote: 2 };

/** Graduates first, then those staying, then the promoted; each group by PGY (highest first), then name. */
export function byAction(rows: readonly ResidentRollover[]): ResidentRollover[] {
  return [...rows].sort(
    (a, b) =>
      ORDER[a.action] - ORDER[b.action] ||
      b.fromPgy - a.fromPgy ||
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
}

export function actionWord(action: RolloverAction): string {
  return { promote: 'promoted', graduate: 'graduates', stay: 'stays' }[action];
}
