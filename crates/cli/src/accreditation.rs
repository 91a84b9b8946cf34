//! `rotunda report accreditation` and `rotunda bench accreditation`: the accreditation summary
//! of an academic year written from the database to a PDF, once or timed over several runs.

use std::path::Path;
use std::time::{Duration, Instant};

use rotunda_core::academic::calendar_export::ExportedFile;
use rotunda_core::connect::Connection;
use rotunda_core::db::Actor;
use rotunda_core::ids::AcademicYearId;
use rotunda_core::org::accreditation::{export_accreditation_summary, summary};
use rotunda_core::{Error, ErrorKind, Result, demo};

use crate::ccc_bench::{median, peak_mb};
use crate::output;

fn wrote(json: bool, file: &ExportedFile, took: Duration) {
    if json {
        output::json(file)
    } else {
        let plural = if file.pages == 1 { "" } else { "s" };
        println!(
            "Wrote {} ({} page{plural}, {} bytes) in {:.2} s.",
            file.path,
            file.pages,
            file.bytes,
            took.as_secs_f64()
        )
    }
}

pub async fn report(
    json: bool,
    connection: &Connection,
    year: AcademicYearId,
    out: &Path,
) -> Result<()> {
    let started = Instant::now();
    let file = export_accreditation_summary(&connection.pool, year, out, |_| {}).await?;
    wrote(json, &file, started.elapsed());
    Ok(())
}

/// Times the summary of the demo program's current year: the demo is loaded first unless the
/// database already holds it.
pub async fn bench(json: bool, runs: u32, connection: &Connection) -> Result<()> {
    let pool = &connection.pool;
    let today = chrono::Local::now().date_naive();
    let program = match rotunda_core::org::service::program_by_code(pool, demo::DEMO_CODE).await {
        Ok(p) => p,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            demo::load_demo(pool, &Actor::named("bench:accreditation"), 7, today)
                .await?
                .program
        }
        Err(e) => return Err(e),
    };
    let year = rotunda_core::academic::service::list_years(pool, program.id)
        .await?
        .into_iter()
        .find(|y| y.is_current)
        .ok_or_else(|| Error::not_found("The demo's current year"))?;
    let dir = std::env::temp_dir().join(format!(
        "rotunda-bench-accreditation-{}",
        std::process::id()
    ));
    let (mut whole, mut gathering) = (Vec::new(), Vec::new());
    let mut last = None;
    for k in 0..runs.max(1) {
        let t = Instant::now();
        summary(pool, year.id, today, String::new()).await?;
        gathering.push(t.elapsed());
        let path = dir.join(format!("accreditation-{k}.pdf"));
        let t = Instant::now();
        last = Some(export_accreditation_summary(pool, year.id, &path, |_| {}).await?);
        whole.push(t.elapsed());
    }
    let peak = peak_mb();
    let _ = std::fs::remove_dir_all(&dir);
    let (pages, bytes) = last.map_or((0, 0), |f| (f.pages, f.bytes));
    let secs = median(whole.clone()).as_secs_f64();
    let gather = median(gathering).as_secs_f64();
    if json {
        output::json(&serde_json::json!({
            "program": program.code,
            "year": year.name,
            "seconds": whole.iter().map(Duration::as_secs_f64).collect::<Vec<_>>(),
            "medianSeconds": secs,
            "gatheringMedianSeconds": gather,
            "pages": pages,
            "bytes": bytes,
            "peakMemoryMb": peak,
        }));
    } else {
        println!(
            "accreditation summary of {} {}, database to file: median {secs:.3} s of {} ({}), {pages} pages, {bytes} bytes",
            program.code,
            year.name,
            whole.len(),
            whole
                .iter()
                .map(|d| format!("{:.3}", d.as_secs_f64()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!("of which gathering from the database: median {gather:.3} s");
        match peak {
            Some(mb) => println!("peak memory of this process: {mb:.0} MB"),
            None => println!("peak memory: not measured on this system"),
        }
    }
    Ok(())
}
