//! `rotunda assessments import` and `rotunda hours import`: files of records from other systems
//! (EPA assessments, work hours) through the core's imports, which add rows and never change one.

use std::path::Path;

use chrono::Local;
use rotunda_core::assessment::epa_import_store::import_epa_assessments;
use rotunda_core::connect::Connection;
use rotunda_core::csv_report::RecordsReport;
use rotunda_core::db::Actor;
use rotunda_core::hours::import::import_hours;
use rotunda_core::people::roster::ImportMode;
use rotunda_core::{Error, Result};

use crate::output;
use crate::roster::{print_problems, print_row_problems, program_or_only, read_file};

fn print_report(file: &Path, report: &RecordsReport) {
    println!(
        "{}: {}: {} new, {} already there, {} with problems",
        file.display(),
        output::count(report.total_rows, "row", "rows"),
        report.new_rows,
        report.duplicate_rows,
        report.invalid_rows
    );
    print_problems(&report.ignored_columns, &report.file_problems);
    for row in &report.rows {
        print_row_problems(row.line, &row.problems);
    }
}

/// Which records a file holds.
#[derive(Debug, Clone, Copy)]
pub enum Records {
    Assessments,
    Hours,
}

pub async fn import(
    json: bool,
    connection: &Connection,
    records: Records,
    file: &Path,
    program: Option<&str>,
    dry_run: bool,
) -> Result<()> {
    let program = program_or_only(connection, program).await?;
    let text = read_file(file)?;
    let mode = if dry_run {
        ImportMode::Preview
    } else {
        ImportMode::Apply
    };
    let actor = Actor::local_user("cli");
    let report = match records {
        Records::Assessments => {
            import_epa_assessments(
                &connection.pool,
                &actor,
                program.id,
                &text,
                mode,
                Local::now().date_naive(),
                &|_| {},
            )
            .await?
        }
        Records::Hours => import_hours(&connection.pool, &actor, program.id, &text, mode).await?,
    };
    if json {
        output::json(&report);
    } else {
        print_report(file, &report);
    }
    if !report.is_valid() {
        return Err(Error::invalid(
            "file",
            format!(
                "{} has problems (above); nothing was imported",
                file.display()
            ),
        ));
    }
    if report.applied && matches!(records, Records::Assessments) {
        // Writes from the command line bring the analytics views up to date before returning.
        rotunda_core::assessment::epa_store::refresh_analytics(&connection.pool).await?;
    }
    if !json {
        println!(
            "{}",
            if report.applied {
                format!("Imported into {}.", program.code)
            } else {
                "Dry run: nothing was written.".to_string()
            }
        );
    }
    Ok(())
}
