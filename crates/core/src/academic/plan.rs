//! Block generation: turns a year's dates and a pattern into the list of blocks, before anything
//! is written, so the UI can preview it live. Pure: no database, no clock.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::pattern::{BlockPattern, Leftover};
use crate::{Error, Result};

#[derive(Debug, Clone)]
pub struct PlanSpec {
    pub year_start: NaiveDate,
    pub year_end: NaiveDate,
    pub pattern: BlockPattern,
    /// The day rotations switch, when it differs from the year's first day. Block 1 then runs
    /// from the year's start to the day before the second switch.
    pub switch_day: Option<NaiveDate>,
    pub leftover: Leftover,
    /// Split every block into two halves (the second half starts at the midpoint).
    pub split_halves: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedBlock {
    pub number: i32,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub split_date: Option<NaiveDate>,
    pub days: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub blocks: Vec<PlannedBlock>,
    /// Days the pattern did not fill (negative when the year is shorter than the pattern).
    pub leftover_days: i32,
}

pub fn block_name(number: i32) -> String {
    format!("Block {number}")
}

/// The first day of the second half of a block of `days` days starting on `start`.
pub fn midpoint_split(start: NaiveDate, days: i32) -> Option<NaiveDate> {
    (days >= 2).then(|| start + Days::new((days / 2) as u64))
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date + Days::new(days as u64)
    } else {
        date - Days::new(days.unsigned_abs())
    }
}

/// Plans the blocks of a year. Errors name the input field at fault.
pub fn plan_blocks(spec: &PlanSpec) -> Result<Plan> {
    let (start, end) = (spec.year_start, spec.year_end);
    if end <= start {
        return Err(Error::invalid(
            "endDate",
            format!("The year must end after it starts ({start})"),
        ));
    }
    let year_days = days_between(start, end) + 1;
    let nominal = i64::from(spec.pattern.nominal_days());
    let anchor = match spec.switch_day {
        Some(day) if day != start => {
            if days_between(start, day).abs() >= nominal {
                return Err(Error::invalid(
                    "switchDay",
                    format!(
                        "The rotation switch day must fall within {} days of the year's first day ({start}); {day} does not",
                        nominal - 1
                    ),
                ));
            }
            Some(day)
        }
        _ => None,
    };
    if matches!(spec.leftover, Leftover::First)
        && (anchor.is_some() || spec.pattern == BlockPattern::Months)
    {
        return Err(Error::invalid(
            "leftover",
            if anchor.is_some() {
                "With a rotation switch day the blocks follow the switches; leftover days can go to the last block or an extra block"
            } else {
                "Calendar-month blocks keep their month boundaries; leftover days can go to the last block or an extra block"
            },
        ));
    }

    // The k-th switch after the anchor (k = 0 is the anchor itself, the year's start by default).
    let base = anchor.unwrap_or(start);
    let switch = |k: u32| -> Option<NaiveDate> {
        match spec.pattern {
            BlockPattern::Months => base.checked_add_months(Months::new(k)),
            BlockPattern::Fixed { days, .. } | BlockPattern::Days(days) => {
                base.checked_add_days(Days::new(u64::from(k) * u64::from(days)))
            }
        }
    };
    let overflow = || {
        Error::invalid(
            "pattern",
            "The pattern runs past the last representable date",
        )
    };

    let count: u32 = match spec.pattern {
        BlockPattern::Fixed { count, .. } => count,
        BlockPattern::Months => 12,
        BlockPattern::Days(days) if anchor.is_none() => {
            let fit = year_days / i64::from(days);
            if fit == 0 {
                return Err(Error::invalid(
                    "pattern",
                    format!("The year has {year_days} days, fewer than one block of {days} days"),
                ));
            }
            fit as u32
        }
        BlockPattern::Days(_) => {
            let mut k = 1;
            while switch(k).ok_or_else(overflow)? <= end {
                k += 1;
            }
            k
        }
    };

    let mut starts: Vec<NaiveDate> = Vec::with_capacity(count as usize + 1);
    starts.push(start);
    for k in 1..count {
        starts.push(switch(k).ok_or_else(overflow)?);
    }
    let nominal_end = switch(count).ok_or_else(overflow)? - Days::new(1);
    let leftover = days_between(nominal_end, end);
    if leftover.abs() >= nominal {
        return Err(Error::invalid(
            "pattern",
            format!(
                "The year has {year_days} days but {} covers {} days; choose another pattern or a custom length in days",
                describe(spec.pattern, count),
                days_between(start, nominal_end) + 1
            ),
        ));
    }

    match spec.leftover {
        Leftover::First if leftover != 0 => {
            for s in starts.iter_mut().skip(1) {
                *s = shift(*s, leftover);
            }
        }
        Leftover::Extra if leftover > 0 => starts.push(nominal_end + Days::new(1)),
        _ => {}
    }

    let blocks = starts
        .iter()
        .enumerate()
        .map(|(i, &block_start)| {
            let block_end = starts.get(i + 1).map_or(end, |next| *next - Days::new(1));
            let days = (days_between(block_start, block_end) + 1) as i32;
            let number = i as i32 + 1;
            PlannedBlock {
                number,
                name: block_name(number),
                start_date: block_start,
                end_date: block_end,
                split_date: if spec.split_halves {
                    midpoint_split(block_start, days)
                } else {
                    None
                },
                days,
            }
        })
        .collect();
    Ok(Plan {
        blocks,
        leftover_days: leftover as i32,
    })
}

fn describe(pattern: BlockPattern, count: u32) -> String {
    match pattern {
        BlockPattern::Months => "12 calendar months".to_string(),
        BlockPattern::Fixed { days, .. } | BlockPattern::Days(days) => {
            format!("{count} blocks of {days} days")
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn spec(start: &str, end: &str, pattern: &str) -> PlanSpec {
        PlanSpec {
            year_start: d(start),
            year_end: d(end),
            pattern: BlockPattern::parse(pattern).unwrap(),
            switch_day: None,
            leftover: Leftover::Last,
            split_halves: false,
        }
    }

    fn dates(plan: &Plan, number: usize) -> (String, String, i32) {
        let b = &plan.blocks[number - 1];
        (b.start_date.to_string(), b.end_date.to_string(), b.days)
    }

    /// Every plan tiles the year exactly: no gap, no overlap, first and last day covered.
    fn assert_tiles(plan: &Plan, s: &PlanSpec) {
        assert_eq!(
            plan.blocks.first().unwrap().start_date,
            s.year_start,
            "starts on the year's first day"
        );
        assert_eq!(
            plan.blocks.last().unwrap().end_date,
            s.year_end,
            "ends on the year's last day"
        );
        for pair in plan.blocks.windows(2) {
            assert_eq!(
                pair[0].end_date + Days::new(1),
                pair[1].start_date,
                "{} and {} touch",
                pair[0].name,
                pair[1].name
            );
        }
        let total: i32 = plan.blocks.iter().map(|b| b.days).sum();
        assert_eq!(
            i64::from(total),
            days_between(s.year_start, s.year_end) + 1,
            "days add up to the year"
        );
    }

    #[test]
    fn thirteen_four_week_blocks_give_the_leftover_day_to_the_last_block() {
        let s = spec("2026-07-01", "2027-06-30", "13x4w");
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(plan.blocks.len(), 13);
        assert_eq!(plan.leftover_days, 1);
        assert_eq!(
            dates(&plan, 1),
            ("2026-07-01".into(), "2026-07-28".into(), 28)
        );
        assert_eq!(
            dates(&plan, 2),
            ("2026-07-29".into(), "2026-08-25".into(), 28)
        );
        assert_eq!(
            dates(&plan, 13),
            ("2027-06-02".into(), "2027-06-30".into(), 29)
        );
        assert_eq!(plan.blocks[2].name, "Block 3");
        assert_tiles(&plan, &s);
    }

    #[test]
    fn a_leap_year_leaves_two_days_over() {
        let s = spec("2027-07-01", "2028-06-30", "13x4w");
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(plan.leftover_days, 2);
        assert_eq!(
            dates(&plan, 13),
            ("2028-06-01".into(), "2028-06-30".into(), 30)
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn leftover_days_can_go_to_the_first_block_instead() {
        let mut s = spec("2027-07-01", "2028-06-30", "13x4w");
        s.leftover = Leftover::First;
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(
            dates(&plan, 1),
            ("2027-07-01".into(), "2027-07-30".into(), 30)
        );
        assert_eq!(plan.blocks[12].days, 28);
        assert_tiles(&plan, &s);
    }

    #[test]
    fn leftover_days_can_become_an_extra_block() {
        let mut s = spec("2026-07-01", "2027-06-30", "30d");
        s.leftover = Leftover::Extra;
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(plan.blocks.len(), 13);
        assert_eq!(
            dates(&plan, 13),
            ("2027-06-26".into(), "2027-06-30".into(), 5)
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn a_custom_length_fits_as_many_blocks_as_the_year_holds() {
        let s = spec("2026-07-01", "2027-06-30", "30d");
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(plan.blocks.len(), 12);
        assert_eq!(plan.leftover_days, 5);
        assert_eq!(plan.blocks[11].days, 35);
        assert_tiles(&plan, &s);
    }

    #[test]
    fn twelve_calendar_months_follow_the_months() {
        let s = spec("2026-07-01", "2027-06-30", "12m");
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(plan.blocks.len(), 12);
        assert_eq!(plan.leftover_days, 0);
        assert_eq!(
            dates(&plan, 2),
            ("2026-08-01".into(), "2026-08-31".into(), 31)
        );
        assert_eq!(
            dates(&plan, 8),
            ("2027-02-01".into(), "2027-02-28".into(), 28)
        );
        assert_eq!(
            dates(&plan, 12),
            ("2027-06-01".into(), "2027-06-30".into(), 30)
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn calendar_months_include_a_leap_february() {
        let s = spec("2027-07-01", "2028-06-30", "12m");
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(
            dates(&plan, 8),
            ("2028-02-01".into(), "2028-02-29".into(), 29)
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn twenty_six_two_week_blocks() {
        let s = spec("2026-07-01", "2027-06-30", "26x2w");
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(plan.blocks.len(), 26);
        assert_eq!(
            dates(&plan, 1),
            ("2026-07-01".into(), "2026-07-14".into(), 14)
        );
        assert_eq!(
            dates(&plan, 26),
            ("2027-06-16".into(), "2027-06-30".into(), 15)
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn a_switch_day_after_the_start_makes_block_one_run_to_the_day_before_the_second_switch() {
        let mut s = spec("2026-07-01", "2027-06-30", "13x4w");
        s.switch_day = Some(d("2026-07-06")); // the Monday after a Wednesday start
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(plan.blocks.len(), 13);
        assert_eq!(
            dates(&plan, 1),
            ("2026-07-01".into(), "2026-08-02".into(), 33)
        );
        assert_eq!(
            dates(&plan, 2),
            ("2026-08-03".into(), "2026-08-30".into(), 28)
        );
        assert_eq!(
            dates(&plan, 13),
            ("2027-06-07".into(), "2027-06-30".into(), 24)
        );
        assert!(
            plan.blocks
                .iter()
                .skip(1)
                .all(|b| b.start_date.format("%a").to_string() == "Mon"),
            "every later block starts on the switch weekday"
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn a_switch_day_before_the_start_shortens_block_one() {
        let mut s = spec("2026-07-01", "2027-06-30", "13x4w");
        s.switch_day = Some(d("2026-06-29"));
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(
            dates(&plan, 1),
            ("2026-07-01".into(), "2026-07-26".into(), 26)
        );
        assert_eq!(
            dates(&plan, 13),
            ("2027-05-31".into(), "2027-06-30".into(), 31)
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn a_switch_day_with_a_custom_length_keeps_adding_blocks_to_the_end_of_the_year() {
        let mut s = spec("2026-07-01", "2027-06-30", "14d");
        s.switch_day = Some(d("2026-07-06"));
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(
            dates(&plan, 1),
            ("2026-07-01".into(), "2026-07-19".into(), 19)
        );
        assert!(
            plan.blocks
                .iter()
                .skip(1)
                .all(|b| b.start_date.format("%a").to_string() == "Mon")
        );
        assert_tiles(&plan, &s);
    }

    #[test]
    fn a_switch_day_equal_to_the_start_changes_nothing() {
        let plain = plan_blocks(&spec("2026-07-01", "2027-06-30", "13x4w")).unwrap();
        let mut s = spec("2026-07-01", "2027-06-30", "13x4w");
        s.switch_day = Some(d("2026-07-01"));
        assert_eq!(plan_blocks(&s).unwrap(), plain);
    }

    #[test]
    fn a_switch_day_a_whole_block_away_is_refused() {
        let mut s = spec("2026-07-01", "2027-06-30", "13x4w");
        s.switch_day = Some(d("2026-08-15"));
        match plan_blocks(&s) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "switchDay");
                assert!(message.contains("2026-08-15"), "{message}");
            }
            other => panic!("expected an invalid switch day, got {other:?}"),
        }
    }

    #[test]
    fn leftover_to_the_first_block_is_refused_with_a_switch_day_or_months() {
        let mut s = spec("2026-07-01", "2027-06-30", "13x4w");
        s.switch_day = Some(d("2026-07-06"));
        s.leftover = Leftover::First;
        assert!(matches!(
            plan_blocks(&s),
            Err(Error::Invalid {
                field: "leftover",
                ..
            })
        ));
        let mut m = spec("2026-07-01", "2027-06-30", "12m");
        m.leftover = Leftover::First;
        assert!(matches!(
            plan_blocks(&m),
            Err(Error::Invalid {
                field: "leftover",
                ..
            })
        ));
    }

    #[test]
    fn a_year_too_short_or_long_for_the_pattern_is_refused() {
        for (start, end, pattern) in [
            ("2026-07-01", "2026-12-31", "13x4w"),
            ("2026-07-01", "2027-09-30", "13x4w"),
            ("2026-07-01", "2026-07-10", "30d"),
        ] {
            let result = plan_blocks(&spec(start, end, pattern));
            assert!(
                matches!(
                    result,
                    Err(Error::Invalid {
                        field: "pattern",
                        ..
                    })
                ),
                "{start}..{end} {pattern}: {result:?}"
            );
        }
    }

    #[test]
    fn a_year_ending_before_it_starts_is_refused() {
        let result = plan_blocks(&spec("2026-07-01", "2026-06-30", "13x4w"));
        assert!(matches!(
            result,
            Err(Error::Invalid {
                field: "endDate",
                ..
            })
        ));
    }

    #[test]
    fn split_halves_start_the_second_half_at_the_midpoint() {
        let mut s = spec("2026-07-01", "2027-06-30", "13x4w");
        s.split_halves = true;
        let plan = plan_blocks(&s).unwrap();
        assert_eq!(
            plan.blocks[0].split_date,
            Some(d("2026-07-15")),
            "a 28-day block splits into two 14-day halves"
        );
        assert_eq!(
            plan.blocks[12].split_date,
            Some(d("2027-06-16")),
            "the 29-day last block: 14 then 15 days"
        );
        assert!(plan.blocks.iter().all(|b| {
            b.split_date
                .is_some_and(|x| x > b.start_date && x <= b.end_date)
        }));
    }

    #[test]
    fn a_one_day_block_cannot_be_split() {
        assert_eq!(midpoint_split(d("2026-07-01"), 1), None);
        assert_eq!(midpoint_split(d("2026-07-01"), 2), Some(d("2026-07-02")));
    }
}
