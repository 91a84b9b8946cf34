import { describe, expect, it } from 'vitest';
import type { RotationType } from './bindings';
import { coverageWords, formState, requirementWords, rotationInput } from './catalogue';

const icu: RotationType = {
  id: 'r1',
  code: 'ICU',
  name: 'Intensive care',
  category: 'core',
  colour: '#f28e2b',
  heavy: true,
  noBackToBack: true,
  defaultSiteId: 's1',
  defaultSupervisorId: 'f1',
  minResidents: 2,
  maxResidents: 5,
  isActive: true,
  requirements: [
    { pgyLevel: 1, minWeeks: 4, maxWeeks: 8 },
    { pgyLevel: 3, minWeeks: 0, maxWeeks: 4 },
  ],
  coverageOverrides: [],
  version: 3,
};

describe('words', () => {
  it('summarises requirements and coverage', () => {
    expect(requirementWords(icu.requirements)).toBe('PGY-1 4–8 wk · PGY-3 0–4 wk');
    expect(requirementWords([])).toBe('every level, no limits');
    expect(coverageWords(2, 5)).toBe('2–5 a block');
    expect(coverageWords(8, null)).toBe('at least 8 a block');
    expect(coverageWords(0, null)).toBe('any number');
    expect(coverageWords(0, 0)).toBe('closed');
  });
});

describe('the rotation form', () => {
  it('shows every level, eligible where a requirement exists, and round-trips', () => {
    const f = formState(icu);
    expect(f.levels.map((l) => l.eligible)).toEqual([true, false, true, false, false]);
    const input = rotationInput({ ...f, defaultSupervisorId: 'f1' });
    expect(input.requirements).toEqual(icu.requirements);
    expect(input.maxResidents).toBe(5);
    expect(input.defaultSupervisorId).toBe('f1');
    expect(formState({ ...icu, defaultSupervisorId: 'f9' }).defaultSupervisorId).toBe('f9');
  });
  it('reads blank numbers as zero minimums and no maximum', () => {
    const f = formState(null);
    f.minResidents = null;
    f.levels[1] = { pgy: 2, eligible: true, minWeeks: null, maxWeeks: 4 };
    const input = rotationInput(f);
    expect(input.minResidents).toBe(0);
    expect(input.maxResidents).toBeNull();
    expect(input.requirements).toEqual([{ pgyLevel: 2, minWeeks: 0, maxWeeks: 4 }]);
  });
});
