//! The resident roster's columns and rules.

use chrono::NaiveDate;

use super::RosterKind;
use super::RowProblem;
use super::columns::{Cells, Changes, Column, Layout, cell};
use super::plan::Roster;

pub struct Residents;

/// A resident's fields as one file row gives them; `None` is an empty cell.
#[derive(Debug, Clone)]
pub struct ResidentRecord {
    pub pgy_level: i32,
    pub entry_pgy_level: Option<i32>,
    pub matriculation_date: Option<NaiveDate>,
    pub expected_graduation_date: Option<NaiveDate>,
    pub actual_graduation_date: Option<NaiveDate>,
    pub track: Option<String>,
    pub medical_school: Option<String>,
    pub degree_type: Option<&'static str>,
    pub status: Option<&'static str>,
}

/// A residents row as stored, without its ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResident {
    pub pgy_level: i32,
    pub entry_pgy_level: i32,
    pub matriculation_date: Option<NaiveDate>,
    pub expected_graduation_date: Option<NaiveDate>,
    pub actual_graduation_date: Option<NaiveDate>,
    pub track: Option<String>,
    pub medical_school: Option<String>,
    pub degree_type: Option<String>,
    pub status: String,
}

impl StoredResident {
    /// A new, active resident at `pgy`, who entered at that level; nothing else known yet.
    pub fn at_level(pgy: i32) -> Self {
        StoredResident {
            pgy_level: pgy,
            entry_pgy_level: pgy,
            matriculation_date: None,
            expected_graduation_date: None,
            actual_graduation_date: None,
            track: None,
            medical_school: None,
            degree_type: None,
            status: "active".to_string(),
        }
    }
}

pub const STATUSES: &[(&str, &[&str])] = &[
    ("active", &[]),
    ("leave_of_absence", &["loa", "leave"]),
    ("off_cycle", &["offcycle"]),
    ("completed", &["graduated"]),
    ("withdrawn", &[]),
];

pub const DEGREES: &[(&str, &[&str])] = &[
    ("MD", &["M.D."]),
    ("DO", &["D.O."]),
    ("MBBS", &[]),
    ("MBChB", &[]),
    ("other", &[]),
];

macro_rules! column {
    ($name:literal, required, [$($alias:literal),*]) => {
        Column { name: $name, aliases: &[$($alias),*], required: true }
    };
    ($name:literal, [$($alias:literal),*]) => {
        Column { name: $name, aliases: &[$($alias),*], required: false }
    };
}
pub(super) use column;

/// The columns people files share, first in every export.
macro_rules! person_columns {
    () => {
        [
            column!("email", required, ["e-mail", "email address", "mail"]),
            column!("first_name", required, ["first", "given name", "forename"]),
            column!("last_name", required, ["last", "surname", "family name"]),
            column!("phone", ["phone number", "mobile", "cell"]),
        ]
    };
}
pub(super) use person_columns;

static COLUMNS: [Column; 13] = {
    let [email, first, last, phone] = person_columns!();
    [
        email,
        first,
        last,
        phone,
        column!(
            "pgy_level",
            required,
            ["pgy", "level", "year", "training level"]
        ),
        column!("entry_pgy_level", ["entry pgy", "entry level"]),
        column!("matriculation_date", ["matriculation", "start date"]),
        column!(
            "expected_graduation_date",
            ["expected graduation", "graduation date"]
        ),
        column!(
            "actual_graduation_date",
            ["actual graduation", "graduated on"]
        ),
        column!("track", []),
        column!("medical_school", ["school", "med school"]),
        column!("degree", ["degree type", "degree_type"]),
        column!("status", []),
    ]
};

impl Roster for Residents {
    type Record = ResidentRecord;
    type Stored = StoredResident;
    const KIND: RosterKind = RosterKind::Residents;
    const ROLE: &'static str = "resident";
    const COLUMNS: &'static [Column] = &COLUMNS;

    fn parse(cells: &mut Cells) -> Option<ResidentRecord> {
        let before = cells.problems.len();
        let record = ResidentRecord {
            pgy_level: cells.pgy("pgy_level", true).unwrap_or(0),
            entry_pgy_level: cells.pgy("entry_pgy_level", false),
            matriculation_date: cells.date("matriculation_date"),
            expected_graduation_date: cells.date("expected_graduation_date"),
            actual_graduation_date: cells.date("actual_graduation_date"),
            track: cells.optional("track", 100),
            medical_school: cells.optional("medical_school", 200),
            degree_type: cells.choice("degree", DEGREES),
            status: cells.choice("status", STATUSES),
        };
        (cells.problems.len() == before).then_some(record)
    }

    fn fresh(record: &ResidentRecord, layout: &Layout) -> StoredResident {
        let mut blank = StoredResident::at_level(record.pgy_level);
        blank.entry_pgy_level = record.entry_pgy_level.unwrap_or(record.pgy_level);
        Self::merge(&blank, record, layout)
    }

    fn merge(stored: &StoredResident, r: &ResidentRecord, layout: &Layout) -> StoredResident {
        let mut after = stored.clone();
        after.pgy_level = r.pgy_level;
        if let Some(entry) = r.entry_pgy_level {
            after.entry_pgy_level = entry;
        }
        if layout.has("matriculation_date") {
            after.matriculation_date = r.matriculation_date;
        }
        if layout.has("expected_graduation_date") {
            after.expected_graduation_date = r.expected_graduation_date;
        }
        if layout.has("actual_graduation_date") {
            after.actual_graduation_date = r.actual_graduation_date;
        }
        if layout.has("track") {
            after.track = r.track.clone();
        }
        if layout.has("medical_school") {
            after.medical_school = r.medical_school.clone();
        }
        if layout.has("degree") {
            after.degree_type = r.degree_type.map(str::to_string);
        }
        if let Some(status) = r.status {
            after.status = status.to_string();
        }
        after
    }

    fn check(s: &StoredResident, layout: &Layout) -> Vec<RowProblem> {
        let mut problems = Vec::new();
        if s.entry_pgy_level > s.pgy_level {
            problems.push(RowProblem {
                column: layout.header("entry_pgy_level"),
                message: format!(
                    "Entry PGY {} is above the current PGY {}",
                    s.entry_pgy_level, s.pgy_level
                ),
            });
        }
        if let (Some(start), Some(end)) = (s.matriculation_date, s.expected_graduation_date)
            && end <= start
        {
            problems.push(RowProblem {
                column: layout.header("expected_graduation_date"),
                message: format!("Expected graduation {end} is not after matriculation {start}"),
            });
        }
        problems
    }

    fn changes(a: &StoredResident, b: &StoredResident) -> Vec<String> {
        Changes::default()
            .note("PGY level", Some(a.pgy_level), Some(b.pgy_level))
            .note(
                "Entry PGY",
                Some(a.entry_pgy_level),
                Some(b.entry_pgy_level),
            )
            .note("Matriculation", a.matriculation_date, b.matriculation_date)
            .note(
                "Expected graduation",
                a.expected_graduation_date,
                b.expected_graduation_date,
            )
            .note(
                "Actual graduation",
                a.actual_graduation_date,
                b.actual_graduation_date,
            )
            .note("Track", a.track.as_ref(), b.track.as_ref())
            .note(
                "Medical school",
                a.medical_school.as_ref(),
                b.medical_school.as_ref(),
            )
            .note("Degree", a.degree_type.as_ref(), b.degree_type.as_ref())
            .note("Status", Some(&a.status), Some(&b.status))
            .into_words()
    }

    fn starts(s: &StoredResident) -> Option<NaiveDate> {
        s.matriculation_date
    }

    fn export_cells(s: &StoredResident) -> Vec<String> {
        vec![
            s.pgy_level.to_string(),
            s.entry_pgy_level.to_string(),
            cell(&s.matriculation_date),
            cell(&s.expected_graduation_date),
            cell(&s.actual_graduation_date),
            cell(&s.track),
            cell(&s.medical_school),
            cell(&s.degree_type),
            s.status.clone(),
        ]
    }
}
