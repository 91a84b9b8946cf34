import { describe, expect, it } from 'vitest';
import {
  RULE_NAMES,
  leaveWords,
  requestRows,
  shownAs,
  afterEdit,
  groupByRule,
  byLevel,
  cellKey,
  cellsOf,
  editsFor,
  idsOf,
  indexConflicts,
  leaveByCell,
  moveOrSwap,
  parseTyped,
  rectangle,
  textOn,
  withCurrentExpected,
} from './schedule';

import { ROTATIONS, assignment, conflict } from './scheduleTestkit';

describe('parseTyped', () => {
  it('finds a code in any case and clears on nothing', () => {
    expect(parseTyped(' icu ', ROTATIONS, false)).toEqual({ kind: 'whole', code: 'ICU' });
    expect(parseTyped('', ROTATIONS, false)).toEqual({ kind: 'clear' });
    expect(parseTyped('-', ROTATIONS, false)).toEqual({ kind: 'clear' });
  });
  it('names an unknown code', () => {
    expect(parseTyped('XYZ', ROTATIONS, false)).toEqual({ kind: 'unknown', code: 'XYZ' });
    expect(parseTyped('GS/XYZ', ROTATIONS, true)).toEqual({ kind: 'unknown', code: 'XYZ' });
  });
  it('reads two halves only for a split block', () => {
    expect(parseTyped('gs/tra', ROTATIONS, true)).toEqual({ kind: 'halves', first: 'GS', second: 'TRA' });
    expect(parseTyped('/tra', ROTATIONS, true)).toEqual({ kind: 'halves', first: null, second: 'TRA' });
    expect(parseTyped('gs/tra', ROTATIONS, false).kind).toBe('unknown');
  });
});

describe('cells and edits', () => {
  const cells = cellsOf([
    assignment('a1', 'ana', 'b1', 'GS'),
    assignment('a2', 'ben', 'b2', 'GS', 'first'),
    assignment('a3', 'ben', 'b2', 'TRA', 'second'),
  ]);

  it('groups a block held in halves into one cell', () => {
    const ben = cells.get(cellKey('ben', 'b2'))!;
    expect(ben.first?.id).toBe('a2');
    expect(ben.second?.id).toBe('a3');
    expect(idsOf(ben)).toEqual(['a2', 'a3']);
    expect(idsOf(undefined)).toEqual([]);
  });

  it('sets every selected cell and carries what each showed', () => {
    const edits = editsFor(
      { kind: 'whole', code: 'ICU' },
      [
        { residentId: 'ana', blockId: 'b1' },
        { residentId: 'cy', blockId: 'b1' },
      ],
      { cells, splitBlocks: new Set() },
    );
    expect(edits.map((e) => [e.residentId, e.rotationCode, e.expected])).toEqual([
      ['ana', 'ICU', ['a1']],
      ['cy', 'ICU', []],
    ]);
  });

  it('sets both halves of a split block', () => {
    const edits = editsFor({ kind: 'halves', first: 'GS', second: null }, [{ residentId: 'ben', blockId: 'b2' }], {
      cells,
      splitBlocks: new Set(['b2']),
    });
    expect(edits.map((e) => [e.half, e.rotationCode])).toEqual([
      ['first', 'GS'],
      ['second', null],
    ]);
    expect(edits[0].expected).toEqual(['a2', 'a3']);
  });

  it('moves a cell by emptying the source, swaps by exchanging', () => {
    const codeOf = (id: string) => id.replace('rot-', '');
    const move = moveOrSwap({ residentId: 'ana', blockId: 'b1' }, { residentId: 'cy', blockId: 'b1' }, cells, codeOf, false);
    expect(move.map((e) => [e.residentId, e.rotationCode, e.expected])).toEqual([
      ['cy', 'GS', []],
      ['ana', null, ['a1']],
    ]);
    const swap = moveOrSwap({ residentId: 'ana', blockId: 'b1' }, { residentId: 'ben', blockId: 'b2' }, cells, codeOf, true);
    expect(swap.map((e) => [e.residentId, e.blockId, e.half, e.rotationCode])).toEqual([
      ['ben', 'b2', null, 'GS'],
      ['ana', 'b1', 'first', 'GS'],
      ['ana', 'b1', 'second', 'TRA'],
    ]);
  });
});

describe('indexConflicts', () => {
  it('puts coverage on the block, tallies on the resident, the rest on the cell', () => {
    const ix = indexConflicts([
      conflict('coverageShort', [], ['b1']),
      conflict('coverageOver', ['ana', 'ben'], ['b2']),
      conflict('requirementShort', ['ana'], []),
      conflict('eligibility', ['cy'], ['b3']),
    ]);
    expect(ix.byBlock.get('b1')?.length).toBe(1);
    expect(ix.byBlock.get('b2')?.length).toBe(1);
    expect(ix.byCell.get(cellKey('ben', 'b2'))?.[0].rule).toBe('coverageOver');
    expect(ix.byCell.has(cellKey('ana', 'b1'))).toBe(false);
    expect(ix.byResident.get('ana')?.[0].rule).toBe('requirementShort');
    expect(ix.byCell.get(cellKey('cy', 'b3'))?.[0].rule).toBe('eligibility');
  });
});

describe('helpers', () => {
  it('picks readable text on light and dark colours', () => {
    expect(textOn('#edc948')).toBe('#111111');
    expect(textOn('#59539b')).toBe('#ffffff');
    expect(textOn('nonsense')).toBe('#000000');
  });
  it('groups residents by level in order', () => {
    const groups = byLevel([{ pgy: 1 }, { pgy: 1 }, { pgy: 2 }]);
    expect(groups.map((g) => [g.pgy, g.residents.length])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });
  it('spans a rectangle between two corners in either direction', () => {
    expect(rectangle(['a', 'b', 'c'], [1, 2, 3], [2, 1], [1, 0])).toEqual([
      ['b', 1],
      ['b', 2],
      ['c', 1],
      ['c', 2],
    ]);
  });
  it('marks the blocks a leave period touches', () => {
    const blocks = [
      { id: 'b1', startDate: '2026-07-01', endDate: '2026-07-28' },
      { id: 'b2', startDate: '2026-07-29', endDate: '2026-08-25' },
    ] as Parameters<typeof leaveByCell>[0];
    const leave = leaveByCell(blocks, [
      { id: 'l', residentId: 'ana', kind: 'vacation', startDate: '2026-07-20', endDate: '2026-08-02', note: null },
    ]);
    expect([...leave.keys()]).toEqual([cellKey('ana', 'b1'), cellKey('ana', 'b2')]);
  });
});

describe('groupByRule', () => {
  it('keeps the core order and counts each rule', () => {
    const groups = groupByRule([conflict('coverageShort', [], ['b1']), conflict('coverageShort', [], ['b2']), conflict('eligibility', ['a'], ['b1'])]);
    expect(groups.map((g) => [g.rule, g.conflicts.length, RULE_NAMES[g.rule]])).toEqual([
      ['coverageShort', 2, 'Too few residents'],
      ['eligibility', 1, 'Not eligible at this level'],
    ]);
  });
});

describe('leave and requests', () => {
  it('says what leave is and when', () => {
    expect(leaveWords({ id: 'l', residentId: 'a', kind: 'loa', startDate: '2026-09-01', endDate: '2026-09-28', note: null })).toBe(
      'Leave of absence 2026-09-01..2026-09-28',
    );
  });
  it('gives three ranked rows, the resident’s own first', () => {
    const rows = requestRows(
      [
        { resident: 'a', rank: 2, rotation: 'r2', block: null },
        { resident: 'b', rank: 1, rotation: 'r9', block: 'b1' },
        { resident: 'a', rank: 1, rotation: 'r1', block: 'b3' },
      ],
      'a',
    );
    expect(rows).toEqual([
      { rotationTypeId: 'r1', blockId: 'b3' },
      { rotationTypeId: 'r2', blockId: null },
      { rotationTypeId: null, blockId: null },
    ]);
  });
});

describe('shownAs', () => {
  it('shows the typed entry until the answer comes', () => {
    expect(shownAs({ kind: 'whole', code: 'ICU' })).toBe('ICU');
    expect(shownAs({ kind: 'halves', first: 'GS', second: null })).toBe('GS/');
    expect(shownAs({ kind: 'clear' })).toBe('');
  });
});

describe('afterEdit', () => {
  it('drops the removed rows, adds the new ones, replaces the touched tallies and all conflicts', () => {
    const grid = {
      assignments: [assignment('a1', 'ana', 'b1', 'GS'), assignment('a2', 'ben', 'b1', 'GS')],
      tallies: [
        { residentId: 'ana', rotationTypeId: 'rot-GS', weeks: 4, minWeeks: 0, maxWeeks: null },
        { residentId: 'ben', rotationTypeId: 'rot-GS', weeks: 4, minWeeks: 0, maxWeeks: null },
      ],
      conflicts: [conflict('coverageShort', [], ['b1'])],
    } as unknown as Parameters<typeof afterEdit>[0];
    const next = afterEdit(grid, {
      removed: ['a1'],
      added: [assignment('a3', 'ana', 'b1', 'ICU')],
      residents: ['ana'],
      tallies: [{ residentId: 'ana', rotationTypeId: 'rot-ICU', weeks: 4, minWeeks: 0, maxWeeks: null }],
      conflicts: [],
      undo: [],
      changed: 2,
    });
    expect(next.assignments.map((a) => a.id)).toEqual(['a2', 'a3']);
    expect(next.tallies.map((t) => `${t.residentId}:${t.rotationTypeId}`)).toEqual(['ben:rot-GS', 'ana:rot-ICU']);
    expect(next.conflicts).toEqual([]);
    expect(grid.assignments.length).toBe(2);
  });
});

describe('withCurrentExpected', () => {
  it('checks each undone cell against what it shows now, leaving unchecked edits alone', () => {
    const edit = (residentId: string, expected: string[] | null) => ({
      residentId,
      blockId: 'b1',
      half: null,
      rotationCode: 'GS',
      siteId: null,
      supervisorId: null,
      expected,
    });
    const now = [assignment('new1', 'ana', 'b1', 'ICU'), assignment('x', 'ana', 'b2', 'GS'), assignment('new2', 'ben', 'b1', 'GS')];
    const out = withCurrentExpected([edit('ana', ['old']), edit('ana', null), edit('cy', ['gone'])], now);
    expect(out.map((e) => e.expected)).toEqual([['new1'], null, []]);
  });
});
