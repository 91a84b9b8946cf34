//! What importing a file of records (EPA assessments, work hours) does, row by row: each row new,
//! already stored, or bad with the column and the reason. Nothing is written unless every row is
//! good, so the report is also the preview.

use serde::Serialize;
use ts_rs::TS;

use crate::csv_table::{self, Table, Unreadable};
use crate::people::roster::columns::{Column, Layout};
use crate::people::roster::{FileProblem, RowOutcome, RowProblem};

/// How many good rows a report lists (every bad one is listed).
const LISTED: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordRow {
    pub line: u32,
    /// The row's cells as the file has them, under `RecordsReport::headers`.
    pub cells: Vec<String>,
    /// Whose record it is, as the file names them.
    pub resident: String,
    /// "EPA 3 · 2026-10-02".
    pub what: String,
    /// `new`, `unchanged` (the same record is stored already, or earlier in the file) or `invalid`.
    pub outcome: RowOutcome,
    pub problems: Vec<RowProblem>,
}

/// The preview of an import, or what it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordsReport {
    pub headers: Vec<String>,
    pub ignored_columns: Vec<String>,
    pub file_problems: Vec<FileProblem>,
    pub total_rows: u32,
    pub new_rows: u32,
    pub duplicate_rows: u32,
    pub invalid_rows: u32,
    /// In file order: every invalid row, and valid ones up to a limit; `rows_left_out` counts the rest.
    pub rows: Vec<RecordRow>,
    pub rows_left_out: u32,
    pub applied: bool,
}

impl RecordsReport {
    /// A report on a file before its rows are read (or one that cannot be read).
    pub fn empty(headers: Vec<String>, ignored: Vec<String>, problems: Vec<FileProblem>) -> Self {
        RecordsReport {
            headers,
            ignored_columns: ignored,
            file_problems: problems,
            total_rows: 0,
            new_rows: 0,
            duplicate_rows: 0,
            invalid_rows: 0,
            rows: Vec::new(),
            rows_left_out: 0,
            applied: false,
        }
    }

    /// Counts a row, and lists it if it is bad or the list is not yet long.
    pub fn add(&mut self, row: RecordRow) {
        self.total_rows += 1;
        match row.outcome {
            RowOutcome::New => self.new_rows += 1,
            RowOutcome::Unchanged => self.duplicate_rows += 1,
            _ => self.invalid_rows += 1,
        }
        if row.outcome == RowOutcome::Invalid || self.rows.len() < LISTED {
            self.rows.push(row);
        } else {
            self.rows_left_out += 1;
        }
    }

    pub fn is_valid(&self) -> bool {
        self.file_problems.is_empty() && self.invalid_rows == 0
    }
}

/// A file of records opened against its columns: its rows, with the report they are counted into,
/// or the report of why no row is read.
pub enum Opened {
    Rows {
        table: Table,
        layout: Layout,
        report: RecordsReport,
    },
    Refused(RecordsReport),
}

/// Reads a file: refused when it cannot be read, lacks a required column (or has one twice), or
/// has a header and no rows; `noun` names its rows ("assessments").
pub fn open(text: &str, columns: &'static [Column], noun: &str) -> Opened {
    let table = match csv_table::read(text) {
        Ok(t) => t,
        Err(Unreadable(message)) => {
            return Opened::Refused(RecordsReport::empty(
                Vec::new(),
                Vec::new(),
                vec![FileProblem {
                    column: None,
                    message,
                }],
            ));
        }
    };
    let layout = Layout::new(columns, &table.headers);
    let mut report = RecordsReport::empty(
        table.headers.clone(),
        layout.ignored.clone(),
        layout.problems.clone(),
    );
    if report.file_problems.is_empty() && table.rows.is_empty() {
        report.file_problems.push(FileProblem {
            column: None,
            message: format!("The file has a header but no {noun}"),
        });
    }
    if report.file_problems.is_empty() {
        Opened::Rows {
            table,
            layout,
            report,
        }
    } else {
        Opened::Refused(report)
    }
}
