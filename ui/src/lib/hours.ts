// The work-hours screen's logic, kept out of the components so it can be tested: the words for
// rules, kinds and statuses, the default dates, and the chart's geometry.
import type { DayFigures, EntryKind, HoursRule } from './bindings';

export const RULE_TITLES: Record<HoursRule, string> = {
  eighty_hours: '80 hours a week, averaged over four weeks',
  day_off_in_seven: 'One day in seven free, averaged over four weeks',
  call_every_third_night: 'In-house call no more than every third night',
  continuous_duty: 'At most 24 hours of continuous work, plus 4 for transitions',
  rest_after_call: '14 hours free after 24 hours of in-house call',
  rest_between_shifts: '8 hours free between shifts',
};

export const KIND_LABELS: Record<EntryKind, string> = {
  in_house_shift: 'In-house shift',
  in_house_call: 'In-house call',
  home_call_worked: 'Home call (worked)',
  moonlighting: 'Moonlighting',
  conference: 'Conference',
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-09-07T06:00" as "Mon 7 Sep 06:00". */
export function whenLabel(local: string): string {
  const [date, time = ''] = local.split('T');
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return local;
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${time.slice(0, 5)}`;
}

/** The last twelve weeks up to today, as the screen opens. */
export function defaultRange(today: string): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 84);
  return { from: d.toISOString().slice(0, 10), to: today };
}

export type Bar = { x: number; y: number; width: number; height: number; day: string; hours: number; leave: boolean };
export type Chart = { bars: Bar[]; average: string; limitY: number; dayTop: number; weekTop: number };

/** Bars of the hours each day (scale 0 to 24, or more), and the four-week average as a line (hours
 *  a week, scale 0 to 100 or more) with the 80-hour limit, in a `width` x `height` box. */
export function chart(days: DayFigures[], width: number, height: number): Chart {
  const dayTop = Math.max(24, ...days.map((d) => d.hours));
  const weekTop = Math.max(100, ...days.map((d) => d.fourWeekAverage ?? 0));
  const step = days.length > 0 ? width / days.length : width;
  const bars = days.map((d, i) => {
    const h = (d.hours / dayTop) * height;
    return { x: i * step, y: height - h, width: Math.max(1, step - 1), height: h, day: d.day, hours: d.hours, leave: d.onLeave };
  });
  let path = '';
  days.forEach((d, i) => {
    if (d.fourWeekAverage === null) return;
    const x = (i * step + step / 2).toFixed(1);
    const y = (height - (d.fourWeekAverage / weekTop) * height).toFixed(1);
    path += `${path === '' || days[i - 1]?.fourWeekAverage === null ? 'M' : 'L'}${x},${y}`;
  });
  return { bars, average: path, limitY: height - (80 / weekTop) * height, dayTop, weekTop };
}
