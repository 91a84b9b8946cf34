import { describe, expect, it } from 'vitest';
import { defaultAcademicYear, inclusiveDays, isoDate, nextAcademicYear, shortDate, weekday } from './dates';

describe('defaultAcademicYear', () => {
  it.each([
    ['2026-07-01', '2026-2027', '2026-07-01', '2027-06-30'],
    ['2026-12-31', '2026-2027', '2026-07-01', '2027-06-30'],
    ['2027-01-01', '2026-2027', '2026-07-01', '2027-06-30'],
    ['2027-06-30', '2026-2027', '2026-07-01', '2027-06-30'],
    ['2026-06-30', '2025-2026', '2025-07-01', '2026-06-30'],
    ['2028-02-29', '2027-2028', '2027-07-01', '2028-06-30'],
  ])('today %s -> %s (%s .. %s)', (today, name, startDate, endDate) => {
    const [y, m, d] = today.split('-').map(Number);
    expect(defaultAcademicYear(new Date(y, m - 1, d))).toEqual({ name, startDate, endDate });
  });
});

describe('nextAcademicYear', () => {
  const today = new Date(2026, 8, 15); // 15 Sep 2026

  it.each([
    [[], '2026-2027'],
    [['2024-07-01', '2025-07-01'], '2026-2027'],
    [['2026-07-01'], '2027-2028'],
    [['2025-07-01', '2027-07-01', '2026-07-01'], '2028-2029'],
  ])('existing %j -> %s', (existing, name) => {
    expect(nextAcademicYear(existing, today).name).toBe(name);
  });
});

describe('isoDate and weekday', () => {
  it('formats the local date with zero padding', () => {
    expect(isoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it.each([
    ['2026-07-01', 'Wed'],
    ['2027-06-30', 'Wed'],
    ['2026-07-06', 'Mon'],
    ['not a date', ''],
  ])('%s is a %s', (iso, day) => {
    expect(weekday(iso)).toBe(day);
  });
});

describe('inclusiveDays', () => {
  it.each([
    ['2026-07-01', '2026-07-28', 28],
    ['2026-07-01', '2026-07-01', 1],
    ['2026-07-01', '2027-06-30', 365],
    ['2027-07-01', '2028-06-30', 366],
    ['2026-10-20', '2026-11-16', 28],
    ['2026-07-02', '2026-07-01', null],
    ['', '2026-07-01', null],
    ['2026-07-01', 'soon', null],
  ])('%s .. %s -> %s', (start, end, days) => {
    expect(inclusiveDays(start, end)).toBe(days);
  });
});

describe('shortDate', () => {
  it('names the month and drops the year', () => {
    expect(shortDate('2026-07-01')).toBe('Jul 1');
    expect(shortDate('2027-12-29')).toBe('Dec 29');
    expect(shortDate('garbage')).toBe('garbage');
  });
});
