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
use crate::roster::{print_problems, print_row_problems, program_or_only, read_file, tell_office};

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
        if !dry_run {
            let what = match records {
                Records::Assessments => "EPA assessments",
                Records::Hours => "work hours",
            };
            tell_office(&connection.pool, &actor, program.id, what, file, &report).await;
        }
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

/// `report hours`: the compliance report of the program, or of one resident named by e-mail.
pub async fn report_hours(
    json: bool,
    connection: &Connection,
    program: &str,
    (from, to): (&str, &str),
    resident: Option<&str>,
    out: &Path,
) -> Result<()> {
    let pool = &connection.pool;
    let program = rotunda_core::org::service::program_by_code(pool, program).await?;
    let from = rotunda_core::input::date("from", "--from", from)?;
    let to = rotunda_core::input::date("to", "--to", to)?;
    let resident = match resident {
        Some(email) => {
            let mut conn = pool.acquire().await?;
            let found = rotunda_core::assessment::milestone_report::resident_by_email(
                &mut conn,
                Some(program.id),
                email,
            )
            .await?;
            Some(found.0)
        }
        None => None,
    };
    let file = rotunda_core::hours::store::export_report(
        pool,
        program.id,
        resident,
        from,
        to,
        out,
        |_| {},
    )
    .await?;
    if json {
        output::json(&file);
    } else {
        let plural = if file.pages == 1 { "" } else { "s" };
        println!(
            "Wrote {} ({} page{plural}, {} bytes).",
            file.path, file.pages, file.bytes
        );
    }
    Ok(())
}
