//! The schedule commands: the schedule PDF, a site's CSV, and (without a database) solving an
//! instance file.

use std::path::Path;

use rotunda_core::academic::calendar_export::ExportedFile;
use rotunda_core::academic::service;
use rotunda_core::connect::Connection;
use rotunda_core::schedule::report;
use rotunda_core::{Error, Result};

use crate::args::YearArg;
use crate::output;

fn wrote(json: bool, file: &ExportedFile) {
    if json {
        output::json(file)
    } else {
        let plural = if file.pages == 1 { "" } else { "s" };
        println!(
            "Wrote {} ({} page{plural}, {} bytes).",
            file.path, file.pages, file.bytes
        )
    }
}

pub async fn report_schedule(
    json: bool,
    connection: &Connection,
    which: &YearArg,
    out: &Path,
    site: Option<&str>,
) -> Result<()> {
    let program =
        rotunda_core::org::service::program_by_code(&connection.pool, &which.program).await?;
    let year = service::year_by_name(&connection.pool, program.id, &which.year).await?;
    let file = report::export_schedule_pdf(
        &connection.pool,
        year.id,
        site.map(str::to_string),
        out,
        |_| {},
    )
    .await?;
    wrote(json, &file);
    Ok(())
}

/// Who comes to a site when, as CSV; the program may be left out when there is one, the year
/// defaults to the program's current one.
pub async fn export_site(
    json: bool,
    connection: &Connection,
    site: &str,
    out: &Path,
    program: Option<&str>,
    year: Option<&str>,
) -> Result<()> {
    let program = crate::roster::program_or_only(connection, program).await?;
    let years = service::list_years(&connection.pool, program.id).await?;
    let year = match year {
        Some(name) => service::year_by_name(&connection.pool, program.id, name).await?,
        None => years.into_iter().find(|y| y.is_current).ok_or_else(|| {
            Error::invalid(
                "year",
                format!("{} has no current year: name one with --year", program.code),
            )
        })?,
    };
    let csv = report::site_csv(&connection.pool, year.id, site).await?;
    rotunda_core::files::write_export(out, csv.as_bytes())?;
    let rows = csv.lines().count().saturating_sub(1);
    if json {
        output::json(&serde_json::json!({ "path": out.display().to_string(), "rows": rows }));
    } else {
        println!(
            "Wrote {} ({}).",
            out.display(),
            output::count(u32::try_from(rows).unwrap_or(u32::MAX), "stay", "stays")
        );
    }
    Ok(())
}
