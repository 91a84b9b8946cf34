//! Year rollover: from the current academic year to the next, with the same block pattern;
//! residents are promoted, final-year residents graduate, and those off cycle or on leave stay
//! at their level. The decisions are pure and made here; `rollover_service` reads and writes.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::pattern::{BlockPattern, Leftover};
use super::plan::{PlanSpec, PlannedBlock};
use super::{AcademicYear, Block};
use crate::ids::{AcademicYearId, ProgramId, ResidentId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RolloverAction {
    Promote,
    Graduate,
    Stay,
}

/// What the rollover does to one resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentRollover {
    pub resident_id: ResidentId,
    pub user_id: UserId,
    pub name: String,
    pub action: RolloverAction,
    pub from_pgy: i32,
    pub to_pgy: i32,
    pub status: String,
    pub new_status: String,
    /// For a graduate, the day they finish: their expected date, or the year's last day.
    pub graduates_on: Option<NaiveDate>,
    /// Why, in words: "Final year: expected graduation 2027-06-30".
    pub reason: String,
}

/// Everything a rollover would do, shown before it is applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RolloverPreview {
    pub program_id: ProgramId,
    pub from_year_id: AcademicYearId,
    pub from_year: String,
    pub new_year: String,
    pub new_start: NaiveDate,
    pub new_end: NaiveDate,
    /// The new year's blocks, in the old year's pattern; empty when the old blocks follow none.
    pub blocks: Vec<PlannedBlock>,
    pub pattern: Option<String>,
    pub residents: Vec<ResidentRollover>,
    pub promoted: u32,
    pub graduating: u32,
    pub staying: u32,
}

/// A resident as the rollover reads them.
#[derive(Debug, Clone)]
pub struct RosterEntry {
    pub resident_id: ResidentId,
    pub user_id: UserId,
    pub name: String,
    pub pgy_level: i32,
    pub status: String,
    pub expected_graduation_date: Option<NaiveDate>,
    pub actual_graduation_date: Option<NaiveDate>,
}

/// The next year's name: `2026-2027` becomes `2027-2028`; any other name becomes the new dates' years.
pub fn next_year_name(name: &str, new_start: NaiveDate, new_end: NaiveDate) -> String {
    let parts: Vec<&str> = name.trim().split('-').collect();
    if let [a, b] = parts.as_slice()
        && let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>())
        && a > 999
        && b > 999
    {
        return format!("{}-{}", a + 1, b + 1);
    }
    format!("{}-{}", new_start.year(), new_end.year())
}

/// The next year's dates: the day after the old one ends, for as many months as it lasted.
pub fn next_year_dates(year: &AcademicYear) -> Option<(NaiveDate, NaiveDate)> {
    let start = year.end_date.checked_add_days(Days::new(1))?;
    let months = (year.end_date.year() - year.start_date.year()) * 12
        + year.end_date.month() as i32
        - year.start_date.month() as i32
        + 1;
    let end = start
        .checked_add_months(Months::new(u32::try_from(months.max(1)).ok()?))?
        .checked_sub_days(Days::new(1))?;
    Some((start, end))
}

/// The block pattern of the old year, replayed on the new dates: the same pattern, where the
/// leftover days went, and whether blocks were split. None when the old year follows no pattern.
pub fn next_plan(
    year: &AcademicYear,
    blocks: &[Block],
    start: NaiveDate,
    end: NaiveDate,
) -> Option<PlanSpec> {
    let pattern = BlockPattern::parse(year.block_pattern.as_deref()?).ok()?;
    let first = blocks.first()?;
    let nominal = i32::try_from(pattern.nominal_days()).ok()?;
    let leftover = match pattern {
        BlockPattern::Fixed { count, .. } if blocks.len() as u32 > count => Leftover::Extra,
        BlockPattern::Fixed { .. } | BlockPattern::Days(_) if first.days > nominal => {
            Leftover::First
        }
        _ => Leftover::Last,
    };
    Some(PlanSpec {
        year_start: start,
        year_end: end,
        pattern,
        switch_day: None,
        leftover,
        split_halves: blocks.iter().all(|b| b.split_date.is_some()),
    })
}

/// What happens to one resident when `year` ends.
pub fn decide(
    entry: &RosterEntry,
    year_end: NaiveDate,
    program_years: Option<i32>,
) -> Option<ResidentRollover> {
    let level = entry.pgy_level;
    let (action, to_pgy, new_status, reason) = match entry.status.as_str() {
        "completed" | "withdrawn" => return None,
        "off_cycle" => (
            RolloverAction::Stay,
            level,
            "off_cycle",
            match entry.expected_graduation_date {
                Some(d) => format!(
                    "Off cycle: stays PGY-{level}, moves on their own date (graduation expected {d})"
                ),
                None => format!("Off cycle: stays PGY-{level}, moves on their own date"),
            },
        ),
        "leave_of_absence" => (
            RolloverAction::Stay,
            level,
            "leave_of_absence",
            format!("On leave of absence: stays PGY-{level}"),
        ),
        _ => {
            let finishing = match entry.expected_graduation_date {
                Some(d) => d <= year_end,
                None => program_years.is_some_and(|years| level >= years),
            };
            if finishing {
                (
                    RolloverAction::Graduate,
                    level,
                    "completed",
                    match entry.expected_graduation_date {
                        Some(d) => format!("Final year: graduates (expected {d})"),
                        None => format!("Final year (PGY-{level}): graduates"),
                    },
                )
            } else if level >= 10 {
                (
                    RolloverAction::Stay,
                    level,
                    "active",
                    "PGY-10 is the highest level".to_string(),
                )
            } else {
                (
                    RolloverAction::Promote,
                    level + 1,
                    "active",
                    format!("PGY-{level} → PGY-{}", level + 1),
                )
            }
        }
    };
    let graduates_on = (action == RolloverAction::Graduate).then(|| {
        entry
            .expected_graduation_date
            .filter(|d| *d <= year_end)
            .unwrap_or(year_end)
    });
    Some(ResidentRollover {
        graduates_on,
        resident_id: entry.resident_id,
        user_id: entry.user_id,
        name: entry.name.clone(),
        action,
        from_pgy: level,
        to_pgy,
        status: entry.status.clone(),
        new_status: new_status.to_string(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn entry(level: i32, status: &str, graduation: Option<&str>) -> RosterEntry {
        RosterEntry {
            resident_id: ResidentId::new(),
            user_id: UserId::new(),
            name: "Zoë Ødegaard".into(),
            pgy_level: level,
            status: status.into(),
            expected_graduation_date: graduation.map(day),
            actual_graduation_date: None,
        }
    }

    #[test]
    fn a_mixed_class_is_promoted_graduated_or_kept() {
        let end = day("2027-06-30");
        let act =
            |e: &RosterEntry| decide(e, end, Some(5)).map(|r| (r.action, r.to_pgy, r.new_status));
        assert_eq!(
            act(&entry(2, "active", Some("2030-06-30"))),
            Some((RolloverAction::Promote, 3, "active".into()))
        );
        assert_eq!(
            act(&entry(5, "active", Some("2027-06-30"))),
            Some((RolloverAction::Graduate, 5, "completed".into()))
        );
        // A preliminary intern finishes after one year, whatever the program's length.
        assert_eq!(
            act(&entry(1, "active", Some("2027-06-30"))).map(|a| a.0),
            Some(RolloverAction::Graduate)
        );
        // Without a date, the program's length decides.
        assert_eq!(
            act(&entry(5, "active", None)).map(|a| a.0),
            Some(RolloverAction::Graduate)
        );
        assert_eq!(
            act(&entry(4, "active", None)).map(|a| a.0),
            Some(RolloverAction::Promote)
        );
        assert_eq!(
            act(&entry(4, "off_cycle", Some("2027-12-31"))),
            Some((RolloverAction::Stay, 4, "off_cycle".into()))
        );
        assert_eq!(
            act(&entry(2, "leave_of_absence", None)).map(|a| a.0),
            Some(RolloverAction::Stay)
        );
        assert_eq!(act(&entry(5, "completed", None)), None);
        // A graduate finishes on their own date inside the year, or on its last day.
        let on = |e: &RosterEntry| decide(e, end, Some(5)).and_then(|r| r.graduates_on);
        assert_eq!(
            on(&entry(5, "active", Some("2027-05-31"))),
            Some(day("2027-05-31"))
        );
        assert_eq!(on(&entry(5, "active", None)), Some(end));
        assert_eq!(on(&entry(2, "active", Some("2030-06-30"))), None);
        assert_eq!(act(&entry(3, "withdrawn", None)), None);
    }

    #[test]
    fn the_next_year_follows_the_old_one() {
        assert_eq!(
            next_year_name("2026-2027", day("2027-07-01"), day("2028-06-30")),
            "2027-2028"
        );
        assert_eq!(
            next_year_name("AY 26/27", day("2027-07-01"), day("2028-06-30")),
            "2027-2028"
        );
        let year = AcademicYear {
            id: AcademicYearId::new(),
            program_id: ProgramId::new(),
            name: "2026-2027".into(),
            start_date: day("2026-07-01"),
            end_date: day("2027-06-30"),
            is_current: true,
            allow_gaps: false,
            block_pattern: Some("13x4w".into()),
            block_count: 13,
            version: 1,
        };
        assert_eq!(
            next_year_dates(&year),
            Some((day("2027-07-01"), day("2028-06-30")))
        );
    }
}
