//! The faculty roster's columns and rules.

use chrono::NaiveDate;

use super::columns::{Cells, Changes, Column, Layout, cell};
use super::plan::Roster;
use super::residents::{column, person_columns};
use super::{RosterKind, RowProblem};

pub struct Faculty;

#[derive(Debug, Clone)]
pub struct FacultyRecord {
    pub rank: Option<&'static str>,
    pub department: Option<String>,
    pub specialty: Option<String>,
    pub is_core_faculty: bool,
    pub teaching_percentage: Option<i32>,
    pub started_at: Option<NaiveDate>,
}

/// A faculty row as stored, without its ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredFaculty {
    pub rank: Option<String>,
    pub department: Option<String>,
    pub specialty: Option<String>,
    pub is_core_faculty: bool,
    pub teaching_percentage: Option<i32>,
    pub started_at: Option<NaiveDate>,
}

pub const RANKS: &[(&str, &[&str])] = &[
    ("instructor", &[]),
    ("assistant_professor", &["asst professor", "assistant prof"]),
    (
        "associate_professor",
        &["assoc professor", "associate prof"],
    ),
    ("professor", &["full professor"]),
    ("clinical", &["clinical faculty"]),
    ("other", &[]),
];

static COLUMNS: [Column; 10] = {
    let [email, first, last, phone] = person_columns!();
    [
        email,
        first,
        last,
        phone,
        column!("rank", ["academic rank", "title"]),
        column!("department", ["dept"]),
        column!("specialty", []),
        column!("core_faculty", ["core", "is core faculty"]),
        column!(
            "teaching_percentage",
            ["teaching %", "teaching percent", "teaching"]
        ),
        column!("start_date", ["started", "started at"]),
    ]
};

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

impl Roster for Faculty {
    type Record = FacultyRecord;
    type Stored = StoredFaculty;
    const KIND: RosterKind = RosterKind::Faculty;
    const ROLE: &'static str = "faculty";
    const COLUMNS: &'static [Column] = &COLUMNS;

    fn parse(cells: &mut Cells) -> Option<FacultyRecord> {
        let before = cells.problems.len();
        let record = FacultyRecord {
            rank: cells.choice("rank", RANKS),
            department: cells.optional("department", 200),
            specialty: cells.optional("specialty", 200),
            is_core_faculty: cells.flag("core_faculty").unwrap_or(false),
            teaching_percentage: cells.percentage("teaching_percentage"),
            started_at: cells.date("start_date"),
        };
        (cells.problems.len() == before).then_some(record)
    }

    fn fresh(record: &FacultyRecord, layout: &Layout) -> StoredFaculty {
        Self::merge(&StoredFaculty::default(), record, layout)
    }

    fn merge(stored: &StoredFaculty, r: &FacultyRecord, layout: &Layout) -> StoredFaculty {
        let mut after = stored.clone();
        if layout.has("rank") {
            after.rank = r.rank.map(str::to_string);
        }
        if layout.has("department") {
            after.department = r.department.clone();
        }
        if layout.has("specialty") {
            after.specialty = r.specialty.clone();
        }
        if layout.has("core_faculty") {
            after.is_core_faculty = r.is_core_faculty;
        }
        if layout.has("teaching_percentage") {
            after.teaching_percentage = r.teaching_percentage;
        }
        if layout.has("start_date") {
            after.started_at = r.started_at;
        }
        after
    }

    fn check(_: &StoredFaculty, _: &Layout) -> Vec<RowProblem> {
        Vec::new()
    }

    fn changes(a: &StoredFaculty, b: &StoredFaculty) -> Vec<String> {
        Changes::default()
            .note("Rank", a.rank.as_ref(), b.rank.as_ref())
            .note("Department", a.department.as_ref(), b.department.as_ref())
            .note("Specialty", a.specialty.as_ref(), b.specialty.as_ref())
            .note(
                "Core faculty",
                Some(yes_no(a.is_core_faculty)),
                Some(yes_no(b.is_core_faculty)),
            )
            .note("Teaching %", a.teaching_percentage, b.teaching_percentage)
            .note("Start date", a.started_at, b.started_at)
            .into_words()
    }

    fn starts(s: &StoredFaculty) -> Option<NaiveDate> {
        s.started_at
    }

    fn export_cells(f: &StoredFaculty) -> Vec<String> {
        vec![
            cell(&f.rank),
            cell(&f.department),
            cell(&f.specialty),
            yes_no(f.is_core_faculty).to_string(),
            cell(&f.teaching_percentage),
            cell(&f.started_at),
        ]
    }
}
