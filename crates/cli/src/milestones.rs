//! The milestone commands: a resident's milestone report or the program summary of a period as
//! PDF, and a period's levels as CSV for entering them in ADS.

use std::path::Path;

use rotunda_core::Result;
use rotunda_core::assessment::milestone::PeriodName;
use rotunda_core::assessment::{milestone_csv, milestone_report};
use rotunda_core::connect::Connection;
use rotunda_core::org::service as org;

use crate::output;

/// With a resident, their report (the program only picks among their residencies); else the
/// program's summary. Clap makes sure one of the two is given.
pub async fn report(
    json: bool,
    connection: &Connection,
    resident: Option<&str>,
    program: Option<&str>,
    period: &str,
    out: &Path,
) -> Result<()> {
    let pool = &connection.pool;
    let period = PeriodName::parse("period", period)?;
    let program = match program {
        Some(code) => Some(org::program_by_code(pool, code).await?.id),
        None => None,
    };
    let file = match (resident, program) {
        (Some(email), _) => {
            let mut conn = pool.acquire().await?;
            let (resident, _) =
                milestone_report::resident_by_email(&mut conn, program, email).await?;
            drop(conn);
            milestone_report::export_resident_milestones(pool, resident, &period, out, |_| {})
                .await?
        }
        (None, Some(program)) => {
            milestone_report::export_milestone_summary(pool, program, &period, out, |_| {}).await?
        }
        (None, None) => {
            return Err(rotunda_core::Error::invalid(
                "resident",
                "Name a resident with --resident or a program with --program",
            ));
        }
    };
    if json {
        output::json(&file)
    } else {
        let plural = if file.pages == 1 { "" } else { "s" };
        println!(
            "Wrote {} ({} page{plural}, {} bytes).",
            file.path, file.pages, file.bytes
        )
    }
    Ok(())
}

pub async fn export(
    json: bool,
    connection: &Connection,
    program: &str,
    period: &str,
    out: &Path,
) -> Result<()> {
    let pool = &connection.pool;
    let period = PeriodName::parse("period", period)?;
    let program = org::program_by_code(pool, program).await?;
    let done = milestone_csv::export_milestone_csv(pool, program.id, &period, out).await?;
    if json {
        output::json(&done)
    } else {
        println!(
            "Wrote {} ({}, {}).",
            done.path,
            output::count(done.rows, "resident", "residents"),
            output::count(done.subcompetencies, "subcompetency", "subcompetencies")
        )
    }
    Ok(())
}
