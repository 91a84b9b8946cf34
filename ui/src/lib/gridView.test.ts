import { describe, expect, it } from 'vitest';
import { gridView } from './gridView';
import { afterEdit, derive } from './schedule';
import { assignment, block, conflict, gridOf, resident } from './scheduleTestkit';

const RESIDENTS = [resident('ana', 1), resident('ben', 1), resident('cy', 2)];
const BLOCKS = [block(1), block(2, true)];
const GRID = gridOf(RESIDENTS, BLOCKS, [
  assignment('a1', 'ana', 'b1', 'GS'),
  assignment('a2', 'ben', 'b1', 'ICU'),
  assignment('a3', 'cy', 'b2', 'GS', 'first'),
  assignment('a4', 'cy', 'b2', 'TRA', 'second'),
]);
const NONE = new Map<string, string>();

describe('gridView', () => {
  it('draws rows by level, whole cells, halves and empty cells', () => {
    const view = gridView(derive(GRID), BLOCKS, NONE);
    expect(view.map((l) => [l.pgy, l.rows.map((r) => r.id)])).toEqual([
      [1, ['ana', 'ben']],
      [2, ['cy']],
    ]);
    const [ana, ben] = view[0].rows;
    const cy = view[1].rows[0];
    expect(ana.cells[0].parts.map((p) => p.code)).toEqual(['GS']);
    expect(ana.cells[1].parts).toEqual([]);
    expect(ana.cells[1].label).toBe('ana, Block 2: empty');
    expect(cy.cells[1].parts.map((p) => p.code)).toEqual(['GS', 'TRA']);
    expect(cy.cells[1].label).toBe('cy, Block 2: GS/TRA');
    expect([ana.i, ben.i, cy.i]).toEqual([0, 1, 2]);
    expect(ana.cells[0].title).toBe('GS 2026-07-01..2026-07-28');
  });

  it('keeps every cell and row an edit did not touch, and redraws the ones it did', () => {
    const before = gridView(derive(GRID), BLOCKS, NONE);
    const edited = afterEdit(GRID, {
      removed: ['a2'],
      added: [assignment('a5', 'ben', 'b1', 'TRA')],
      residents: ['ben'],
      tallies: [],
      conflicts: [conflict('eligibility', ['ben'], ['b1'])],
      undo: [],
      changed: 2,
    });
    const after = gridView(derive(edited), BLOCKS, NONE, before);
    const [ana, ben] = after[0].rows;
    expect(ana).toBe(before[0].rows[0]);
    expect(after[1]).toBe(before[1]);
    expect(ben).not.toBe(before[0].rows[1]);
    expect(ben.cells[1]).toBe(before[0].rows[1].cells[1]);
    expect(ben.cells[0].parts.map((p) => p.code)).toEqual(['TRA']);
    expect(ben.cells[0].bad).toBe(true);
    expect(ben.cells[0].title).toContain('⚠ eligibility');
  });

  it('shows a typed code at once, as pending, until the answer replaces it', () => {
    const d = derive(GRID);
    const before = gridView(d, BLOCKS, NONE);
    const typing = gridView(d, BLOCKS, new Map([['ana|b2', 'ICU'], ['cy|b2', '']]), before);
    expect(typing[0].rows[0].cells[1].parts.map((p) => p.code)).toEqual(['ICU']);
    expect(typing[0].rows[0].cells[1].pending).toBe(true);
    expect(typing[0].rows[0].cells[1].parts[0].colour).toBe('#9db4d9');
    expect(typing[1].rows[0].cells[1].parts).toEqual([]);
    expect(typing[0].rows[1]).toBe(before[0].rows[1]);
    const settled = gridView(d, BLOCKS, NONE, typing);
    expect(settled[0].rows[0].cells[1].pending).toBe(false);
    expect(settled[0].rows[0].cells[1].parts).toEqual([]);
  });

  it('names where and with whom in the cell’s tooltip', () => {
    const grid = {
      ...gridOf(RESIDENTS, BLOCKS, [{ ...assignment('a1', 'ana', 'b1', 'GS'), siteId: 's1', supervisorId: 'f1', isLocked: true }]),
      sites: [{ id: 's1', code: 'RUH-OR', name: 'Riverside OR' }],
      faculty: [{ id: 'f1', name: 'Okafor, Ada', isCore: true }],
    };
    const view = gridView(derive(grid), BLOCKS, NONE);
    expect(view[0].rows[0].cells[0].title).toBe('GS 2026-07-01..2026-07-28 at RUH-OR with Okafor, Ada (locked)');
    expect(view[0].rows[0].cells[0].locked).toBe(true);
  });

  it('counts a resident’s tally problems with their reasons', () => {
    const grid = gridOf(RESIDENTS, BLOCKS, [], [conflict('requirementShort', ['cy'], [])]);
    const view = gridView(derive(grid), BLOCKS, NONE);
    expect(view[1].rows[0].problems).toBe(1);
    expect(view[1].rows[0].tallyTitle).toBe('requirementShort');
    expect(view[0].rows[0].tallyTitle).toBe('Every requirement met');
  });
});
