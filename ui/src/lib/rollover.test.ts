import { describe, expect, it } from 'vitest';
import type { ResidentRollover, RolloverAction } from './bindings';
import { actionWord, byAction } from './rollover';

const r = (name: string, action: RolloverAction, fromPgy: number): ResidentRollover => ({
  residentId: name,
  userId: name,
  name,
  action,
  fromPgy,
  toPgy: action === 'promote' ? fromPgy + 1 : fromPgy,
  status: 'active',
  newStatus: action === 'graduate' ? 'completed' : 'active',
  graduatesOn: action === 'graduate' ? '2027-06-30' : null,
  reason: '',
});

describe('byAction', () => {
  it('lists graduates, then those staying, then the promoted, highest PGY first', () => {
    const rows = [r('Ana', 'promote', 1), r('Bo', 'graduate', 5), r('Cy', 'promote', 3), r('Di', 'stay', 2), r('Él', 'graduate', 1)];
    expect(byAction(rows).map((x) => x.name)).toEqual(['Bo', 'Él', 'Di', 'Cy', 'Ana']);
    expect(rows[0].name).toBe('Ana');
  });
});

describe('actionWord', () => {
  it('says what happens', () => {
    expect(actionWord('graduate')).toBe('graduates');
    expect(actionWord('stay')).toBe('stays');
  });
});
