import { describe, expect, it } from 'vitest';
import type { DayFigures } from './bindings';
import { chart, defaultRange, whenLabel } from './hours';

const day = (n: number, hours: number, avg: number | null, onLeave = false): DayFigures => ({
  day: `2026-09-${String(7 + n).padStart(2, '0')}`,
  hours,
  fourWeekAverage: avg,
  onLeave,
});

describe('the hours chart', () => {
  it('scales bars to a day and the average to a week, with the limit at 80', () => {
    const c = chart([day(0, 12, null), day(1, 24, 50), day(2, 0, 100, true)], 300, 100);
    expect(c.bars.map((b) => [b.x, Math.round(b.height)])).toEqual([
      [0, 50],
      [100, 100],
      [200, 0],
    ]);
    expect(c.bars[2].leave).toBe(true);
    expect(c.limitY).toBeCloseTo(20);
    // The line starts where the average starts, and runs to the next day.
    expect(c.average).toBe('M150.0,50.0L250.0,0.0');
  });

  it('grows its scales for long days and weeks', () => {
    const c = chart([day(0, 30, 120)], 100, 100);
    expect([c.dayTop, c.weekTop]).toEqual([30, 120]);
    expect(c.bars[0].height).toBe(100);
  });
});

describe('dates', () => {
  it('opens on the last twelve weeks', () => {
    expect(defaultRange('2026-11-22')).toEqual({ from: '2026-08-30', to: '2026-11-22' });
  });
  it('writes a wall-clock time for people', () => {
    expect(whenLabel('2026-09-07T06:00')).toBe('Mon 7 Sep 06:00');
  });
});
