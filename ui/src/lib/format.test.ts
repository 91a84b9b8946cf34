import { describe, expect, it } from 'vitest';
import { countOf, formatPgy, formatRoles, formatWeeks, planSummary } from './format';

describe('formatWeeks', () => {
  it.each([
    [28, '4'],
    [14, '2'],
    [7, '1'],
    [0, '0'],
    [29, '4.1'],
    [30, '4.3'],
    [31, '4.4'],
    [35, '5'],
    [364, '52'],
    [365, '52.1'],
    [3, '0.4'],
  ])('%i days -> %s weeks', (days, weeks) => {
    expect(formatWeeks(days)).toBe(weeks);
  });
});

describe('planSummary', () => {
  const blocks = (n: number) => Array.from({ length: n }, () => ({}) as never);

  it.each([
    [13, 1, '13 blocks, 1 leftover day'],
    [12, 0, '12 blocks, 0 leftover days'],
    [1, 3, '1 block, 3 leftover days'],
    [0, 0, '0 blocks, 0 leftover days'],
  ])('%i blocks and %i leftover -> %s', (n, leftoverDays, text) => {
    expect(planSummary({ blocks: blocks(n), leftoverDays })).toBe(text);
  });
});

describe('small formats', () => {
  it('counts with irregular plurals', () => {
    expect(countOf(2, 'person', 'people')).toBe('2 people');
    expect(countOf(1, 'person', 'people')).toBe('1 person');
  });

  it.each([
    [1, 'PGY-1'],
    [10, 'PGY-10'],
    [null, '—'],
  ])('PGY %s -> %s', (level, text) => {
    expect(formatPgy(level)).toBe(text);
  });

  it('joins roles readably', () => {
    expect(formatRoles(['resident', 'program_director'])).toBe('resident, program director');
    expect(formatRoles([])).toBe('');
  });
});
