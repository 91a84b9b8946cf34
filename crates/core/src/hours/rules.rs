//! The work-hour rules (ACGME Common Program Requirements VI.F), pure: one resident's entries
//! and leave days in, violations out, each naming the rule, the window, the figure against the
//! limit and the entries behind it.
//!
//! - 80 hours a week, averaged over the window (four weeks): every kind of entry counts.
//! - One day in seven free, averaged over the window: a day free is a whole 24 hours without
//!   work, so 48 free hours are two days.
//! - In-house call no more often than every third night, averaged over the window.
//! - At most 24 hours of continuous work, plus up to 4 for transitions (28 in all).
//! - 14 hours free after 24 hours of in-house call, and 8 hours free between shifts.
//!
//! Leave days are left out of both sides of every average: their hours are not counted and the
//! window is that many days shorter. The continuous-work and rest rules look at work in the
//! hospital (every kind but home call, whose hours count toward the 80 only). Times are local
//! wall-clock times; an entry across midnight or a window's edge counts in each part.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    InHouseShift,
    InHouseCall,
    /// Clinical work done while on call from home.
    HomeCallWorked,
    Moonlighting,
    Conference,
}

impl EntryKind {
    /// Work in the hospital, which the continuous-work and rest rules look at.
    pub fn in_house(self) -> bool {
        !matches!(self, EntryKind::HomeCallWorked)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub id: Uuid,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "HoursRule")]
pub enum Rule {
    EightyHours,
    DayOffInSeven,
    CallEveryThirdNight,
    ContinuousDuty,
    RestAfterCall,
    RestBetweenShifts,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::EightyHours,
        Rule::DayOffInSeven,
        Rule::CallEveryThirdNight,
        Rule::ContinuousDuty,
        Rule::RestAfterCall,
        Rule::RestBetweenShifts,
    ];

    /// Its name in the database and in keys: the same as its serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::EightyHours => "eighty_hours",
            Rule::DayOffInSeven => "day_off_in_seven",
            Rule::CallEveryThirdNight => "call_every_third_night",
            Rule::ContinuousDuty => "continuous_duty",
            Rule::RestAfterCall => "rest_after_call",
            Rule::RestBetweenShifts => "rest_between_shifts",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Rule::EightyHours => "80 hours a week, averaged over four weeks",
            Rule::DayOffInSeven => "One day in seven free, averaged over four weeks",
            Rule::CallEveryThirdNight => "In-house call no more than every third night",
            Rule::ContinuousDuty => "At most 24 hours of continuous work, plus 4 for transitions",
            Rule::RestAfterCall => "14 hours free after 24 hours of in-house call",
            Rule::RestBetweenShifts => "8 hours free between shifts",
        }
    }
}

pub const WEEKLY_HOURS: f64 = 80.0;
pub const CONTINUOUS_HOURS: i64 = 24;
pub const TRANSITION_HOURS: i64 = 4;
pub const REST_AFTER_CALL_HOURS: i64 = 14;
pub const REST_BETWEEN_SHIFTS_HOURS: i64 = 8;

/// Days counted by the averages: `start` and the days after it, `days` in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveDate,
    pub days: u32,
}

impl Window {
    /// The usual four weeks from a day: a block's, or any day for the rolling view.
    pub fn four_weeks(start: NaiveDate) -> Self {
        Window { start, days: 28 }
    }

    pub fn end(self) -> NaiveDate {
        self.start + Duration::days(i64::from(self.days))
    }

    fn dates(self) -> impl Iterator<Item = NaiveDate> {
        (0..self.days).map(move |d| self.start + Duration::days(i64::from(d)))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    pub rule: Rule,
    #[ts(type = "string")]
    pub from: NaiveDateTime,
    #[ts(type = "string")]
    pub to: NaiveDateTime,
    /// What was found, in the limit's unit (hours a week, days off, calls, hours).
    pub figure: f64,
    pub limit: f64,
    /// "84.5 hours a week over 28 days (limit 80)".
    pub message: String,
    #[ts(type = "string[]")]
    pub entries: Vec<Uuid>,
}

fn hours(d: Duration) -> f64 {
    d.num_seconds() as f64 / 3600.0
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

/// The parts of [start, end) that fall on days counted (in the window, not on leave).
fn counted_parts(
    start: NaiveDateTime,
    end: NaiveDateTime,
    window: Window,
    leave: &BTreeSet<NaiveDate>,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut parts = Vec::new();
    let mut day = start.date();
    while midnight(day) < end {
        let next = day + Duration::days(1);
        if day >= window.start && day < window.end() && !leave.contains(&day) {
            let from = start.max(midnight(day));
            let to = end.min(midnight(next));
            if from < to {
                parts.push((from, to));
            }
        }
        day = next;
    }
    parts
}

/// Continuous stretches of in-house work: entries that touch or overlap, merged, with the
/// entries in each.
fn stretches(entries: &[Entry]) -> Vec<(NaiveDateTime, NaiveDateTime, Vec<&Entry>)> {
    let mut in_house: Vec<&Entry> = entries.iter().filter(|e| e.kind.in_house()).collect();
    in_house.sort_by_key(|e| (e.start, e.end));
    let mut out: Vec<(NaiveDateTime, NaiveDateTime, Vec<&Entry>)> = Vec::new();
    for e in in_house {
        match out.last_mut() {
            Some(last) if e.start <= last.1 => {
                last.1 = last.1.max(e.end);
                last.2.push(e);
            }
            _ => out.push((e.start, e.end, vec![e])),
        }
    }
    out
}

fn ids<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<Uuid> {
    entries.into_iter().map(|e| e.id).collect()
}

/// Whole free days that start in [from, to): each 24 hours without work (in the window or after
/// it, so a day off across the window's end counts in the window it starts in). Leave days are
/// neither work nor free time.
fn days_off(
    entries: &[Entry],
    leave: &BTreeSet<NaiveDate>,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> i64 {
    let mut busy: Vec<(NaiveDateTime, NaiveDateTime)> =
        entries.iter().map(|e| (e.start, e.end)).collect();
    busy.extend(
        leave
            .iter()
            .map(|d| (midnight(*d), midnight(*d + Duration::days(1)))),
    );
    busy.sort();
    let day = Duration::hours(24);
    // Free periods laid end to end from the gap's start: those that fit, and start before `to`.
    let count = |a: NaiveDateTime, b: Option<NaiveDateTime>| -> i64 {
        let a = a.max(from);
        if a >= to {
            return 0;
        }
        let starting = (to - a).num_seconds().div_euclid(day.num_seconds())
            + i64::from((to - a).num_seconds() % day.num_seconds() != 0);
        match b {
            Some(b) if b > a => ((b - a).num_seconds() / day.num_seconds()).min(starting),
            Some(_) => 0,
            None => starting,
        }
    };
    let mut total = 0;
    let mut cursor = from;
    for (a, b) in busy {
        if a > cursor {
            total += count(cursor, Some(a));
        }
        cursor = cursor.max(b);
    }
    total + count(cursor, None)
}

/// Hours worked on the window's counted days, and the entries with any of them.
fn worked_in<'a>(
    entries: &'a [Entry],
    leave: &BTreeSet<NaiveDate>,
    window: Window,
) -> (f64, Vec<&'a Entry>) {
    let mut worked = Duration::zero();
    let mut behind = Vec::new();
    for e in entries {
        let parts = counted_parts(e.start, e.end, window, leave);
        if !parts.is_empty() {
            behind.push(e);
        }
        worked += parts
            .iter()
            .fold(Duration::zero(), |sum, (a, b)| sum + (*b - *a));
    }
    (hours(worked), behind)
}

/// Hours a week over the window's days not on leave, or none when every day is leave.
pub fn weekly_hours(entries: &[Entry], leave: &BTreeSet<NaiveDate>, window: Window) -> Option<f64> {
    let counted = window.dates().filter(|d| !leave.contains(d)).count();
    (counted > 0).then(|| round1(worked_in(entries, leave, window).0 / (counted as f64 / 7.0)))
}

/// The averaged rules over one window.
pub fn averaged(entries: &[Entry], leave: &BTreeSet<NaiveDate>, window: Window) -> Vec<Violation> {
    let counted_days = window.dates().filter(|d| !leave.contains(d)).count();
    if counted_days == 0 {
        return Vec::new();
    }
    let (from, to) = (midnight(window.start), midnight(window.end()));
    let weeks = counted_days as f64 / 7.0;
    let mut out = Vec::new();

    let (worked, behind) = worked_in(entries, leave, window);
    let weekly = worked / weeks;
    if weekly > WEEKLY_HOURS {
        out.push(Violation {
            rule: Rule::EightyHours,
            from,
            to,
            figure: round1(weekly),
            limit: WEEKLY_HOURS,
            message: format!(
                "{:.1} hours a week over {counted_days} days (limit {WEEKLY_HOURS})",
                round1(weekly)
            ),
            entries: ids(behind.iter().copied()),
        });
    }

    let days_off = days_off(entries, leave, from, to);
    let needed = counted_days as f64 / 7.0;
    if (days_off as f64) < needed {
        out.push(Violation {
            rule: Rule::DayOffInSeven,
            from,
            to,
            figure: days_off as f64,
            limit: round1(needed),
            message: format!(
                "{days_off} days free in {counted_days} days (at least {} needed)",
                fmt_days(needed)
            ),
            entries: ids(behind.iter().copied()),
        });
    }

    // In-house call, counted by the night it starts.
    let calls: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::InHouseCall)
        .filter(|e| {
            let day = e.start.date();
            day >= window.start && day < window.end() && !leave.contains(&day)
        })
        .collect();
    let allowed = counted_days as f64 / 3.0;
    if calls.len() as f64 > allowed {
        out.push(Violation {
            rule: Rule::CallEveryThirdNight,
            from,
            to,
            figure: calls.len() as f64,
            limit: round1(allowed),
            message: format!(
                "{} in-house calls in {counted_days} days (at most {})",
                calls.len(),
                fmt_days(allowed)
            ),
            entries: ids(calls),
        });
    }
    out
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn fmt_days(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        format!("{x:.1}")
    }
}

/// The rules on single stretches of work and the rest between them, for stretches that end
/// inside [from, to).
pub fn continuous(entries: &[Entry], from: NaiveDateTime, to: NaiveDateTime) -> Vec<Violation> {
    let limit = Duration::hours(CONTINUOUS_HOURS + TRANSITION_HOURS);
    let all = stretches(entries);
    let mut out = Vec::new();
    for (i, (start, end, members)) in all.iter().enumerate() {
        if *end <= from || *end > to {
            continue;
        }
        let length = *end - *start;
        if length > limit {
            out.push(Violation {
                rule: Rule::ContinuousDuty,
                from: *start,
                to: *end,
                figure: round1(hours(length)),
                limit: hours(limit),
                message: format!(
                    "{:.1} hours of continuous work (limit {} + {})",
                    hours(length),
                    CONTINUOUS_HOURS,
                    TRANSITION_HOURS
                ),
                entries: ids(members.iter().copied()),
            });
        }
        let Some((next_start, _, next_members)) = all.get(i + 1) else {
            continue;
        };
        let rest = *next_start - *end;
        let long_call = length >= Duration::hours(CONTINUOUS_HOURS)
            && members.iter().any(|e| e.kind == EntryKind::InHouseCall);
        let (rule, needed) = if long_call {
            (Rule::RestAfterCall, REST_AFTER_CALL_HOURS)
        } else {
            (Rule::RestBetweenShifts, REST_BETWEEN_SHIFTS_HOURS)
        };
        if rest < Duration::hours(needed) {
            out.push(Violation {
                rule,
                from: *end,
                to: *next_start,
                figure: round1(hours(rest)),
                limit: needed as f64,
                message: format!(
                    "{:.1} hours free before the next shift (at least {needed})",
                    hours(rest)
                ),
                entries: ids(members.iter().chain(next_members.iter()).copied()),
            });
        }
    }
    out
}

/// Every rule over the windows given (the blocks, or one rolling window): the averaged rules per
/// window, and the rules on stretches of work that end in any of them. Sorted by time and rule.
pub fn check(entries: &[Entry], leave: &BTreeSet<NaiveDate>, windows: &[Window]) -> Vec<Violation> {
    let mut out: Vec<Violation> = windows
        .iter()
        .flat_map(|w| averaged(entries, leave, *w))
        .collect();
    for w in windows {
        out.extend(continuous(entries, midnight(w.start), midnight(w.end())));
    }
    out.sort_by_key(|v| (v.from, v.rule));
    out.dedup_by(|a, b| a.rule == b.rule && a.from == b.from && a.to == b.to);
    out
}

/// The time worked on each day of the window (an entry across midnight split between its days).
pub fn worked_per_day(entries: &[Entry], window: Window) -> Vec<Duration> {
    let none = BTreeSet::new();
    let mut totals = vec![Duration::zero(); window.days as usize];
    for e in entries {
        for (a, b) in counted_parts(e.start, e.end, window, &none) {
            if let Some(total) = usize::try_from((a.date() - window.start).num_days())
                .ok()
                .and_then(|i| totals.get_mut(i))
            {
                *total += b - a;
            }
        }
    }
    totals
}

/// The hours worked on each day, for the chart of a resident's weeks.
pub fn hours_per_day(entries: &[Entry], window: Window) -> Vec<(NaiveDate, f64)> {
    window
        .dates()
        .zip(worked_per_day(entries, window))
        .map(|(day, worked)| (day, round1(hours(worked))))
        .collect()
}

/// For each day of the window, hours a week over the four weeks ending that day, leave days left
/// out of both sides (none when all 28 are leave): the same figure as `weekly_hours` of that
/// four-week window, by one running sum.
pub fn four_week_averages(
    entries: &[Entry],
    leave: &BTreeSet<NaiveDate>,
    window: Window,
) -> Vec<Option<f64>> {
    let span = Window {
        start: window.start - Duration::days(27),
        days: window.days + 27,
    };
    let daily: Vec<(NaiveDate, Duration)> = span
        .dates()
        .zip(worked_per_day(entries, span))
        .map(|(d, w)| {
            (
                d,
                if leave.contains(&d) {
                    Duration::zero()
                } else {
                    w
                },
            )
        })
        .collect();
    let mut sum = Duration::zero();
    let mut counted = 0u32;
    let mut out = Vec::with_capacity(window.days as usize);
    for (i, (day, worked)) in daily.iter().enumerate() {
        sum += *worked;
        counted += u32::from(!leave.contains(day));
        if i >= 28 {
            let (gone, dropped) = daily[i - 28];
            sum -= dropped;
            counted -= u32::from(!leave.contains(&gone));
        }
        if i >= 27 {
            out.push((counted > 0).then(|| round1(hours(sum) / (f64::from(counted) / 7.0))));
        }
    }
    out
}

#[cfg(test)]
mod tests;
