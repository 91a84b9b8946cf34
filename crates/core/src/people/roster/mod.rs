//! Roster files: importing residents and faculty from CSV (a preview of every row, then one
//! all-or-nothing transaction, matched by e-mail so the same file twice changes nothing) and
//! exporting them with the same columns.

pub mod columns;
mod export;
pub(crate) mod faculty;
mod import;
pub(crate) mod plan;
pub(crate) mod residents;
pub(crate) mod store;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use export::{RosterExport, export_roster, roster_csv};
pub use import::{ImportMode, import_roster};

/// Which roster a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RosterKind {
    Residents,
    Faculty,
}

impl RosterKind {
    pub fn noun(self) -> &'static str {
        match self {
            RosterKind::Residents => "residents",
            RosterKind::Faculty => "faculty",
        }
    }
}

impl std::str::FromStr for RosterKind {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "residents" | "resident" => Ok(RosterKind::Residents),
            "faculty" => Ok(RosterKind::Faculty),
            other => Err(crate::Error::invalid(
                "kind",
                format!("'{other}' is not a roster: use residents or faculty"),
            )),
        }
    }
}

/// Something wrong with the file as a whole (its header, or that it is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileProblem {
    pub column: Option<String>,
    pub message: String,
}

/// Something wrong with one cell (or, with an empty column, the row as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// The column's header as the file writes it.
    pub column: String,
    pub message: String,
}

/// What importing a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RowOutcome {
    New,
    Update,
    Unchanged,
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    pub line: u32,
    pub cells: Vec<String>,
    pub email: String,
    pub name: String,
    pub outcome: RowOutcome,
    /// What an update changes, in words ("PGY level: 2 → 3").
    pub changes: Vec<String>,
    pub problems: Vec<RowProblem>,
}

/// The preview of an import, or what it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub kind: RosterKind,
    pub headers: Vec<String>,
    pub ignored_columns: Vec<String>,
    pub file_problems: Vec<FileProblem>,
    pub total_rows: u32,
    pub new_rows: u32,
    pub updated_rows: u32,
    pub unchanged_rows: u32,
    pub invalid_rows: u32,
    /// In file order: every invalid row, and valid ones up to a limit; `rows_left_out` counts the rest.
    pub rows: Vec<ImportRow>,
    pub rows_left_out: u32,
    pub applied: bool,
}

impl ImportReport {
    pub fn is_valid(&self) -> bool {
        self.file_problems.is_empty() && self.invalid_rows == 0
    }
}

/// How far an import's writing has come, in rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}
