// The rotation catalogue as the Rotations panel shows and edits it: summaries in words, and the
// form's rows (one per PGY level, eligible or not) turned into what the core takes.
import type { Requirement, RotationCategory, RotationType, RotationTypeInput } from './bindings';

export const CATEGORIES: ReadonlyArray<{ value: RotationCategory; label: string }> = [
  { value: 'core', label: 'Core' },
  { value: 'elective', label: 'Elective' },
  { value: 'leave_like', label: 'Leave-like' },
];

export const LEVELS = [1, 2, 3, 4, 5] as const;

/** "PGY-1 4–8 wk · PGY-2 0–8 wk", or "every level" when the rotation names none. */
export function requirementWords(reqs: Requirement[]): string {
  if (reqs.length === 0) return 'every level, no limits';
  return reqs.map((r) => `PGY-${r.pgyLevel} ${r.minWeeks}–${r.maxWeeks} wk`).join(' · ');
}

/** "2–5 a block", "at least 8 a block", "any number". */
export function coverageWords(min: number, max: number | null): string {
  if (max === null) return min === 0 ? 'any number' : `at least ${min} a block`;
  if (max === 0) return 'closed';
  return `${min}–${max} a block`;
}

/** One PGY level's row in the form. */
export interface LevelRow {
  pgy: number;
  eligible: boolean;
  minWeeks: number | null;
  maxWeeks: number | null;
}

export interface RotationFormState {
  code: string;
  name: string;
  category: RotationCategory;
  colour: string;
  heavy: boolean;
  noBackToBack: boolean;
  defaultSiteId: string | null;
  defaultSupervisorId: string | null;
  minResidents: number | null;
  maxResidents: number | null;
  levels: LevelRow[];
}

export function formState(r: RotationType | null): RotationFormState {
  return {
    code: r?.code ?? '',
    name: r?.name ?? '',
    category: r?.category ?? 'core',
    colour: r?.colour ?? '#9db4d9',
    heavy: r?.heavy ?? false,
    noBackToBack: r?.noBackToBack ?? false,
    defaultSiteId: r?.defaultSiteId ?? null,
    defaultSupervisorId: r?.defaultSupervisorId ?? null,
    minResidents: r?.minResidents ?? 0,
    maxResidents: r?.maxResidents ?? null,
    levels: LEVELS.map((pgy) => {
      const req = r?.requirements.find((q) => q.pgyLevel === pgy);
      return { pgy, eligible: !!req, minWeeks: req?.minWeeks ?? 0, maxWeeks: req?.maxWeeks ?? 8 };
    }),
  };
}

/** What the core takes; blank numbers become 0 (minimums) or no limit (maximum residents). The
 *  core checks every rule and names the field that breaks one. */
export function rotationInput(f: RotationFormState): RotationTypeInput {
  const num = (v: number | null) => (v === null || Number.isNaN(v) ? 0 : v);
  return {
    code: f.code,
    name: f.name,
    category: f.category,
    colour: f.colour,
    heavy: f.heavy,
    noBackToBack: f.noBackToBack,
    defaultSiteId: f.defaultSiteId,
    defaultSupervisorId: f.defaultSupervisorId,
    minResidents: num(f.minResidents),
    maxResidents: f.maxResidents === null || Number.isNaN(f.maxResidents) ? null : f.maxResidents,
    requirements: f.levels
      .filter((l) => l.eligible)
      .map((l) => ({ pgyLevel: l.pgy, minWeeks: num(l.minWeeks), maxWeeks: num(l.maxWeeks) })),
  };
}
