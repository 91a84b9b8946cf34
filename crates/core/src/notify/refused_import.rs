//! A refused import, told to the program's office: the doors (the app's import wizards and the
//! command line) know the file's name, the core knows its problems. An import of a file with bad
//! rows writes nothing, so the office may not otherwise learn that a nightly feed stopped.

use chrono::NaiveDate;

use super::centre;
use super::raise::ImportRefusal;
use crate::Result;
use crate::csv_report::RecordsReport;
use crate::db::{Actor, PgPool};
use crate::ids::ProgramId;
use crate::people::roster::{FileProblem, ImportReport, RowProblem};

/// What was wrong with a refused file: how many problems, and the first in words.
pub trait Refused {
    /// None when the file was good.
    fn refusal(&self) -> Option<(usize, String)>;
}

fn refusal<'a>(
    file: &[FileProblem],
    rows: impl Iterator<Item = (u32, &'a [RowProblem])>,
) -> Option<(usize, String)> {
    let mut lines: Vec<String> = file
        .iter()
        .map(|p| match &p.column {
            Some(c) => format!("column {c}: {}", p.message),
            None => p.message.clone(),
        })
        .collect();
    for (line, problems) in rows {
        lines.extend(
            problems
                .iter()
                .map(|p| format!("line {line}, {}: {}", p.column, p.message)),
        );
    }
    let first = lines.first()?.clone();
    Some((lines.len(), first))
}

impl Refused for RecordsReport {
    fn refusal(&self) -> Option<(usize, String)> {
        refusal(
            &self.file_problems,
            self.rows.iter().map(|r| (r.line, r.problems.as_slice())),
        )
    }
}

impl Refused for ImportReport {
    fn refusal(&self) -> Option<(usize, String)> {
        refusal(
            &self.file_problems,
            self.rows.iter().map(|r| (r.line, r.problems.as_slice())),
        )
    }
}

/// Tells the office when an applied import was refused; a good file raises nothing. Returns how
/// many notifications it raised.
pub async fn tell_office(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    today: NaiveDate,
    what: &str,
    file: &str,
    report: &impl Refused,
) -> Result<u64> {
    let Some((problems, first)) = report.refusal() else {
        return Ok(0);
    };
    let refusal = ImportRefusal {
        what,
        file,
        problems,
        first_problem: &first,
    };
    centre::import_failed(pool, actor, program, today, &refusal).await
}
