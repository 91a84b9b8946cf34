import { describe, expect, it } from 'vitest';
import { assignmentsIn, defaultsOf } from './cellDetails';
import { ROTATIONS, assignment } from './scheduleTestkit';

describe('cell details', () => {
  it('lists a block’s assignments whole first, then the halves in order', () => {
    const list = [
      assignment('s', 'ana', 'b2', 'TRA', 'second'),
      assignment('x', 'ben', 'b2', 'GS'),
      assignment('f', 'ana', 'b2', 'GS', 'first'),
      assignment('o', 'ana', 'b1', 'ICU'),
    ];
    expect(assignmentsIn(list, 'ana', 'b2').map((a) => a.id)).toEqual(['f', 's']);
    expect(assignmentsIn(list, 'ana', 'b1').map((a) => a.id)).toEqual(['o']);
    expect(assignmentsIn(list, 'cy', 'b1')).toEqual([]);
  });

  it('names the rotation’s default site and supervisor, or none', () => {
    const gs = { ...ROTATIONS[0], defaultSiteId: 'site-1', defaultSupervisorId: 'fac-1' };
    const grid = {
      rotations: [gs, ROTATIONS[1]],
      sites: [{ id: 'site-1', code: 'RUH-OR', name: 'Riverside OR' }],
      faculty: [{ id: 'fac-1', name: 'Okafor, Ada', isCore: true }],
    };
    expect(defaultsOf(grid, assignment('a', 'ana', 'b1', 'GS'))).toMatchObject({ site: 'RUH-OR', supervisor: 'Okafor, Ada' });
    expect(defaultsOf(grid, assignment('a', 'ana', 'b1', 'ICU'))).toMatchObject({ site: null, supervisor: null });
    expect(defaultsOf(grid, assignment('a', 'ana', 'b1', 'TRA')).rotation).toBeUndefined();
  });
});
