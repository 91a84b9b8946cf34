//! `rotunda bench hours`: the work-hour rules over a program's year, timed. Each resident works a
//! 12-hour day shift five days in seven, with a 26-hour in-house call every fourth night and some
//! home call, across 13 four-week blocks; every rule is checked per block and the daily chart
//! with its four-week average is drawn, as the compliance screen does for each resident.

use std::collections::BTreeSet;
use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rotunda_core::hours::Compliance;
use rotunda_core::hours::rules::{Entry, EntryKind, Window};
use uuid::Uuid;

fn year_of(resident: u32, start: NaiveDate) -> Vec<Entry> {
    let at = |day: i64, hour: i64| -> NaiveDateTime {
        start.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::days(day) + Duration::hours(hour)
    };
    let mut entries = Vec::new();
    let offset = i64::from(resident % 7);
    for day in 0..364 {
        let weekday = (day + offset) % 7;
        let entry = |start: NaiveDateTime, hours: i64, kind| Entry {
            id: Uuid::now_v7(),
            start,
            end: start + Duration::hours(hours),
            kind,
        };
        if (day + offset) % 4 == 0 {
            // Now and then a call runs long: 30 hours.
            let hours = if (day + offset) % 52 == 0 { 30 } else { 26 };
            entries.push(entry(at(day, 7), hours, EntryKind::InHouseCall));
        } else if (day + offset) % 4 == 1 {
            continue; // the day after call
        } else if weekday < 5 {
            entries.push(entry(at(day, 6), 12, EntryKind::InHouseShift));
            if weekday == 2 {
                entries.push(entry(at(day, 21), 2, EntryKind::HomeCallWorked));
            }
        }
    }
    entries
}

pub fn bench(residents: u32) {
    let start = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default();
    let windows: Vec<Window> = (0..13)
        .map(|b| Window::four_weeks(start + Duration::days(28 * b)))
        .collect();
    let years: Vec<Vec<Entry>> = (0..residents).map(|r| year_of(r, start)).collect();
    let leave = BTreeSet::new();
    let entries: usize = years.iter().map(Vec::len).sum();
    let mut runs = Vec::new();
    let mut violations = 0;
    for _ in 0..5 {
        let began = Instant::now();
        violations = years
            .iter()
            .map(|year| Compliance::of(year, &leave, &windows).violations.len())
            .sum::<usize>();
        runs.push(began.elapsed().as_secs_f64() * 1000.0);
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "{residents} residents, {entries} entries over 13 blocks: {violations} violations found"
    );
    println!(
        "rules and chart for the program's year: median {:.1} ms of 5 ({:.1} to {:.1}), {:.2} ms a resident",
        runs[2],
        runs[0],
        runs[4],
        runs[2] / f64::from(residents.max(1))
    );
}
