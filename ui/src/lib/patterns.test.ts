import { describe, expect, it } from 'vitest';
import { blocksSummary, patternChoiceOf, patternLabel, patternString } from './patterns';

describe('patternString', () => {
  it.each([
    ['13x4w', 30, '13x4w'],
    ['12m', null, '12m'],
    ['26x2w', null, '26x2w'],
    ['custom', 30, '30d'],
    ['custom', 28, '28d'],
    ['custom', null, 'd'],
    ['custom', Number.NaN, 'd'],
  ] as const)('%s with %s days -> %s', (choice, days, expected) => {
    expect(patternString(choice, days)).toBe(expected);
  });
});

describe('patternChoiceOf', () => {
  it.each([
    ['13x4w', { choice: '13x4w', customDays: null }],
    ['12m', { choice: '12m', customDays: null }],
    ['26x2w', { choice: '26x2w', customDays: null }],
    ['30d', { choice: 'custom', customDays: 30 }],
    [null, { choice: '13x4w', customDays: null }],
    ['weird', { choice: '13x4w', customDays: null }],
    ['custom', { choice: '13x4w', customDays: null }],
  ])('%s -> %j', (pattern, expected) => {
    expect(patternChoiceOf(pattern)).toEqual(expected);
  });

  it('round-trips every pattern string it produces', () => {
    for (const p of ['13x4w', '12m', '26x2w', '14d', '30d']) {
      const { choice, customDays } = patternChoiceOf(p);
      expect(patternString(choice, customDays)).toBe(p);
    }
  });
});

describe('patternLabel', () => {
  it.each([
    ['13x4w', '13 four-week blocks'],
    ['12m', '12 calendar months'],
    ['26x2w', '26 two-week blocks'],
    ['30d', '30-day blocks'],
    ['07d', '7-day blocks'],
    [null, 'No blocks yet'],
    ['', 'No blocks yet'],
    ['5x10w', '5x10w'],
  ])('%s -> %s', (pattern, label) => {
    expect(patternLabel(pattern)).toBe(label);
  });
});

describe('blocksSummary', () => {
  it.each([
    ['13x4w', 13, '13 four-week blocks'],
    ['12m', 12, '12 calendar months'],
    ['26x2w', 26, '26 two-week blocks'],
    ['30d', 12, '30-day blocks · 12 blocks'],
    ['30d', 1, '30-day blocks · 1 block'],
    ['13x4w', 14, '13 four-week blocks · 14 blocks'],
    [null, 0, 'No blocks yet'],
  ])('%s with %i blocks reads "%s"', (pattern, count, expected) => {
    expect(blocksSummary(pattern, count)).toBe(expected);
  });
});
