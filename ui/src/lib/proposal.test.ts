import { describe, expect, it } from 'vitest';
import type { Conflict } from './bindings';
import { countByRule, objectiveLine, objectiveWords } from './proposal';

describe('objectiveWords', () => {
  it('names each part with its count and cost', () => {
    expect(
      objectiveWords({ unmetRequestsCost: 20, heavyPairs: 3, heavyPairsCost: 12, heavySpread: 1, heavySpreadCost: 5, total: 37 }),
    ).toBe('Cost 37: unmet requests 20 · 3 heavy pairs 12 · heavy spread 1 block 5');
  });
});

describe('objectiveLine', () => {
  it('steps down as the cost falls and runs to the right edge', () => {
    const line = objectiveLine(
      [
        { ms: 0, total: 100 },
        { ms: 50, total: 40 },
      ],
      101,
      21,
    );
    expect(line).toBe('1.0,1.0 100.0,1.0 100.0,20.0 100.0,20.0');
  });
  it('draws nothing without points and a flat line for one', () => {
    expect(objectiveLine([], 100, 20)).toBe('');
    expect(objectiveLine([{ ms: 5, total: 7 }], 100, 20)).toBe('99.0,10.0 99.0,10.0');
  });
});

describe('countByRule', () => {
  it('counts and orders the rules still broken', () => {
    const c = (rule: Conflict['rule']): Conflict => ({
      rule,
      message: '',
      residentIds: [],
      blockIds: [],
      half: null,
      rotationTypeId: null,
      assignmentIds: [],
    });
    expect(countByRule([c('agreement'), c('siteCapacity'), c('agreement')])).toEqual([
      { rule: 'agreement', name: 'Site agreement not in force', count: 2 },
      { rule: 'siteCapacity', name: 'Site over capacity', count: 1 },
    ]);
  });
});
