//! `rotunda assessments import`: EPA assessments from another system's CSV through the core's import.

use std::path::Path;

use chrono::Local;
use rotunda_core::assessment::epa_import::EpaImportReport;
use rotunda_core::assessment::epa_import_store::import_epa_assessments;
use rotunda_core::connect::Connection;
use rotunda_core::db::Actor;
use rotunda_core::people::roster::ImportMode;
use rotunda_core::{Error, Result};

use crate::output;
use crate::roster::{print_problems, print_row_problems, program_or_only, read_file};

fn print_report(file: &Path, report: &EpaImportReport) {
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

pub async fn import(
    json: bool,
    connection: &Connection,
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
    let report = import_epa_assessments(
        &connection.pool,
        &Actor::local_user("cli"),
        program.id,
        &text,
        mode,
        Local::now().date_naive(),
        &|_| {},
    )
    .await?;
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
    if report.applied {
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
