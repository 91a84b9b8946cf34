//! The rules on crafted weeks: each at, just under and just over its limit; leave inside the
//! window; a shift across midnight and across a window's edge.
#![allow(clippy::unwrap_used)]

use super::*;

fn day(n: i64) -> NaiveDate {
    // Day 0 is Monday 2026-09-07, a block's first day.
    NaiveDate::from_ymd_opt(2026, 9, 7).unwrap() + Duration::days(n)
}

fn at(n: i64, hour: u32) -> NaiveDateTime {
    day(n).and_hms_opt(hour, 0, 0).unwrap()
}

fn entry(start: NaiveDateTime, hours: i64, kind: EntryKind) -> Entry {
    Entry {
        id: Uuid::now_v7(),
        start,
        end: start + Duration::hours(hours),
        kind,
    }
}

fn shift(n: i64, hour: u32, hours: i64) -> Entry {
    entry(at(n, hour), hours, EntryKind::InHouseShift)
}

const WINDOW: Window = Window {
    start: match NaiveDate::from_ymd_opt(2026, 9, 7) {
        Some(d) => d,
        None => panic!("a real date"),
    },
    days: 28,
};

fn rules(violations: &[Violation]) -> Vec<Rule> {
    violations.iter().map(|v| v.rule).collect()
}

fn no_leave() -> BTreeSet<NaiveDate> {
    BTreeSet::new()
}

/// Four weeks of `per_day`-hour shifts from 06:00 on the days given (0-27).
fn shifts(days: impl IntoIterator<Item = i64>, per_day: i64) -> Vec<Entry> {
    days.into_iter().map(|d| shift(d, 6, per_day)).collect()
}

/// Every day but one in seven (days 6, 13, 20, 27 free).
fn six_in_seven() -> impl Iterator<Item = i64> {
    (0..28).filter(|d| d % 7 != 6)
}

#[test]
fn eighty_hours_at_just_under_and_just_over() {
    // 24 days of work, 4 free: 320 hours is 80 a week exactly.
    let at_limit: Vec<Entry> = six_in_seven()
        .map(|d| entry(at(d, 6), 0, EntryKind::InHouseShift))
        .map(|mut e| {
            e.end = e.start + Duration::minutes(800);
            e
        })
        .collect();
    assert!(averaged(&at_limit, &no_leave(), WINDOW).is_empty());

    let mut over = at_limit.clone();
    over[0].end += Duration::hours(1);
    let v = averaged(&over, &no_leave(), WINDOW);
    assert_eq!(rules(&v), [Rule::EightyHours]);
    assert_eq!(v[0].figure, 80.3);
    assert_eq!(v[0].limit, 80.0);
    assert_eq!(v[0].entries.len(), 24);
    assert_eq!(v[0].message, "80.3 hours a week over 28 days (limit 80)");

    let mut under = at_limit;
    under[0].end -= Duration::hours(1);
    assert!(averaged(&under, &no_leave(), WINDOW).is_empty());
}

#[test]
fn leave_leaves_both_sides_of_the_average() {
    // A week of leave (days 7-13) and 13.5-hour days on the other 18 working days: 243 hours
    // over three weeks is 81 a week. Counting the leave week as zero hours would hide it (60.75).
    let leave: BTreeSet<NaiveDate> = (7..14).map(day).collect();
    let worked: Vec<Entry> = six_in_seven()
        .filter(|d| !(7..14).contains(d))
        .map(|d| {
            let mut e = shift(d, 6, 13);
            e.end += Duration::minutes(30);
            e
        })
        .collect();
    let v = averaged(&worked, &leave, WINDOW);
    assert_eq!(rules(&v), [Rule::EightyHours]);
    assert_eq!(v[0].figure, 81.0);
    assert!(v[0].message.contains("over 21 days"));
    // Hours on a leave day are not counted either.
    let mut on_leave = worked.clone();
    on_leave.push(shift(8, 6, 12));
    assert_eq!(averaged(&on_leave, &leave, WINDOW)[0].figure, 81.0);
}

#[test]
fn a_day_off_in_seven_at_just_under_and_just_over() {
    // Four free days in 28 (the work goes on after the window): enough.
    let four_free = shifts(six_in_seven().chain([28]), 10);
    assert!(!rules(&averaged(&four_free, &no_leave(), WINDOW)).contains(&Rule::DayOffInSeven));
    // Three: one short.
    let three_free = shifts((0..29).filter(|d| *d != 6 && *d != 13 && *d != 20), 10);
    let v = averaged(&three_free, &no_leave(), WINDOW);
    let off = v.iter().find(|v| v.rule == Rule::DayOffInSeven).unwrap();
    assert_eq!((off.figure, off.limit), (3.0, 4.0));
    assert_eq!(off.message, "3 days free in 28 days (at least 4 needed)");
}

#[test]
fn a_day_off_is_a_whole_24_hours_not_a_calendar_day() {
    // Nights from 20:00 to 08:00, every day but days 6, 13, 20 and 27: each free calendar day
    // runs from 08:00 after a night to 20:00 the next evening, 36 hours, one day off. The last
    // one starts in this window and ends in the next: it counts here.
    let nights: Vec<Entry> = six_in_seven()
        .chain([28])
        .map(|d| shift(d, 20, 12))
        .collect();
    let v = averaged(&nights, &no_leave(), WINDOW);
    assert!(!rules(&v).contains(&Rule::DayOffInSeven), "{v:?}");
    // The night of day 7 started at 07:00 instead: 23 free hours after day 6 are no day at all.
    let mut short = nights;
    for e in &mut short {
        if e.start.date() == day(7) {
            e.start = at(7, 7);
        }
    }
    let v = averaged(&short, &no_leave(), WINDOW);
    let off = v.iter().find(|v| v.rule == Rule::DayOffInSeven).unwrap();
    assert_eq!(off.figure, 3.0);
}

#[test]
fn call_every_third_night_at_just_under_and_just_over() {
    // Nine calls in 28 days (28 / 3 = 9.3): allowed. Ten: one too many.
    let call = |d: i64| entry(at(d, 17), 14, EntryKind::InHouseCall);
    let nine: Vec<Entry> = (0..9).map(|i| call(i * 3)).collect();
    assert!(!rules(&averaged(&nine, &no_leave(), WINDOW)).contains(&Rule::CallEveryThirdNight));
    let mut ten = nine.clone();
    ten.push(call(27));
    let v = averaged(&ten, &no_leave(), WINDOW);
    let calls = v
        .iter()
        .find(|v| v.rule == Rule::CallEveryThirdNight)
        .unwrap();
    assert_eq!((calls.figure, calls.limit), (10.0, 9.3));
    assert_eq!(calls.entries.len(), 10);
    // Home call is not in-house call.
    let home: Vec<Entry> = (0..28)
        .map(|d| entry(at(d, 22), 1, EntryKind::HomeCallWorked))
        .collect();
    assert!(!rules(&averaged(&home, &no_leave(), WINDOW)).contains(&Rule::CallEveryThirdNight));
}

#[test]
fn continuous_work_at_just_under_and_just_over_24_plus_4() {
    let (from, to) = (at(0, 0), at(28, 0));
    let call = |hours| vec![entry(at(0, 7), hours, EntryKind::InHouseCall)];
    assert!(continuous(&call(28), from, to).is_empty());
    assert!(continuous(&call(27), from, to).is_empty());
    let v = continuous(&call(29), from, to);
    assert_eq!(rules(&v), [Rule::ContinuousDuty]);
    assert_eq!((v[0].figure, v[0].limit), (29.0, 28.0));
    // Two entries that touch are one stretch: a 24-hour call then a 5-hour clinic.
    let joined = vec![
        entry(at(0, 7), 24, EntryKind::InHouseCall),
        entry(at(1, 7), 5, EntryKind::Conference),
    ];
    let v = continuous(&joined, from, to);
    assert_eq!(rules(&v), [Rule::ContinuousDuty]);
    assert_eq!(v[0].entries.len(), 2);
}

#[test]
fn rest_after_call_and_between_shifts_at_just_under_and_just_over() {
    let (from, to) = (at(0, 0), at(28, 0));
    // A 24-hour call ending 07:00 on day 1; the next shift at 21:00 (14 hours): fine; at 20:00 not.
    let call = entry(at(0, 7), 24, EntryKind::InHouseCall);
    assert!(continuous(&[call, shift(1, 21, 8)], from, to).is_empty());
    let v = continuous(&[call, shift(1, 20, 8)], from, to);
    assert_eq!(rules(&v), [Rule::RestAfterCall]);
    assert_eq!((v[0].figure, v[0].limit), (13.0, 14.0));
    // Shifts: 8 hours between them is enough, 7 is not; after a short call the 8 applies.
    assert!(continuous(&[shift(0, 6, 12), shift(1, 2, 12)], from, to).is_empty());
    let v = continuous(&[shift(0, 6, 12), shift(1, 1, 12)], from, to);
    assert_eq!(rules(&v), [Rule::RestBetweenShifts]);
    assert_eq!(
        v[0].message,
        "7.0 hours free before the next shift (at least 8)"
    );
    let short_call = entry(at(0, 17), 14, EntryKind::InHouseCall);
    assert!(continuous(&[short_call, shift(1, 15, 8)], from, to).is_empty());
    // Home call worked counts toward the 80 but breaks no rest.
    let home = entry(at(0, 20), 2, EntryKind::HomeCallWorked);
    assert!(continuous(&[shift(0, 6, 12), home, shift(1, 6, 12)], from, to).is_empty());
}

#[test]
fn a_shift_across_midnight_and_across_the_windows_edge_counts_in_each_part() {
    // 18:00 on the window's last day to 06:00 the next: 6 hours in this window, 6 in the next.
    let night = shift(27, 18, 12);
    let next = Window::four_weeks(day(28));
    assert_eq!(
        hours_per_day(&[night], WINDOW).last().unwrap(),
        &(day(27), 6.0)
    );
    assert_eq!(hours_per_day(&[night], next)[0], (day(28), 6.0));
    // Across midnight inside a window: split between the two days.
    let per_day = hours_per_day(&[shift(3, 20, 10)], WINDOW);
    assert_eq!((per_day[3].1, per_day[4].1), (4.0, 6.0));
    // A stretch is judged in the window it ends in, once.
    let long = entry(at(27, 6), 30, EntryKind::InHouseCall);
    let v = check(&[long], &no_leave(), &[WINDOW, next]);
    assert_eq!(rules(&v), [Rule::ContinuousDuty]);
    assert_eq!(v[0].to, at(28, 12));
}

#[test]
fn a_window_all_on_leave_finds_nothing() {
    let leave: BTreeSet<NaiveDate> = (0..28).map(day).collect();
    assert!(averaged(&shifts(0..28, 16), &leave, WINDOW).is_empty());
}

#[test]
fn violations_come_sorted_by_time_then_rule() {
    let mut entries = shifts(0..28, 16);
    entries.push(shift(2, 23, 6));
    let v = check(&entries, &no_leave(), &[WINDOW]);
    assert!(
        v.windows(2)
            .all(|w| (w[0].from, w[0].rule) <= (w[1].from, w[1].rule))
    );
    assert_eq!(v[0].rule, Rule::EightyHours);
    assert!(rules(&v).contains(&Rule::DayOffInSeven));
}

#[test]
fn the_running_four_week_average_is_the_windows_own() {
    let mut entries = shifts(six_in_seven(), 13);
    entries.push(shift(40, 6, 20));
    let leave: BTreeSet<NaiveDate> = (30..34).map(day).collect();
    let span = Window {
        start: day(0),
        days: 60,
    };
    let running = four_week_averages(&entries, &leave, span);
    assert_eq!(running.len(), 60);
    for (i, average) in running.iter().enumerate() {
        let ending = day(i64::try_from(i).unwrap() - 27);
        assert_eq!(
            *average,
            weekly_hours(&entries, &leave, Window::four_weeks(ending)),
            "day {i}"
        );
    }
    assert_eq!(running[27], Some(78.0));
}
