// Calendar arithmetic on ISO dates ("2026-07-01") and the default academic year
// (July 1 .. June 30) that a new-year form starts from.
export type YearDefaults = { name: string; startDate: string; endDate: string };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar date of `d` as "YYYY-MM-DD". */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The academic year starting on July 1 of `startYear`. */
export function academicYearStarting(startYear: number): YearDefaults {
  return {
    name: `${startYear}-${startYear + 1}`,
    startDate: `${startYear}-07-01`,
    endDate: `${startYear + 1}-06-30`,
  };
}

/** The academic year (July 1 .. June 30) that contains `today`. */
export function defaultAcademicYear(today: Date): YearDefaults {
  const startYear = today.getMonth() >= 6 ? today.getFullYear() : today.getFullYear() - 1;
  return academicYearStarting(startYear);
}

/**
 * Defaults for a new year of a program: the year containing `today`, or, when the program
 * already has that year or a later one, the year after the latest existing start.
 */
export function nextAcademicYear(existingStartDates: readonly string[], today: Date): YearDefaults {
  const base = defaultAcademicYear(today);
  const baseYear = Number(base.startDate.slice(0, 4));
  const latest = existingStartDates
    .map((s) => Number(s.slice(0, 4)))
    .filter((y) => Number.isFinite(y))
    .reduce((a, b) => Math.max(a, b), -Infinity);
  return latest >= baseYear ? academicYearStarting(latest + 1) : base;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Three-letter weekday of an ISO date, or "" when it is not one. */
export function weekday(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? '' : WEEKDAYS[d.getUTCDay()];
}

function utcDay(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : t / 86_400_000;
}

/** Days from `start` to `end`, both included (a block's length); null when either is not a date or end is before start. */
export function inclusiveDays(start: string, end: string): number | null {
  const a = utcDay(start);
  const b = utcDay(end);
  if (a === null || b === null || b < a) return null;
  return b - a + 1;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jul 1" for "2026-07-01": a column heading's short date. */
export function shortDate(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return m >= 1 && m <= 12 && d ? `${MONTHS[m - 1]} ${d}` : iso;
}
