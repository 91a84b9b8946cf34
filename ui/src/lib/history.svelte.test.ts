import { describe, expect, it } from 'vitest';
import { History } from './history.svelte';

describe('History', () => {
  it('undoes, redoes, and forgets redo after a new action', () => {
    const h = new History();
    expect(h.canUndo).toBe(false);
    h.done([{ residentId: 'a', blockId: 'b', half: null, rotationCode: null, siteId: null, supervisorId: null, expected: null }]);
    const u = h.takeUndo()!;
    expect(u[0].residentId).toBe('a');
    h.undone(u);
    expect(h.canRedo).toBe(true);
    h.redone(h.takeRedo()!);
    expect(h.canUndo).toBe(true);
    h.undone([]);
    h.done([]);
    expect(h.canRedo).toBe(false);
  });
});
