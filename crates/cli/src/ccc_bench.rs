//! `rotunda bench ccc`: the CCC packet at scale — the demo program grown to 150 residents with two
//! years of evidence (about 60,000 EPA assessments), the packet of one meeting written from the
//! database to a file (time and the process's peak memory), then the assessment table filled to a
//! million rows and a resident's EPA progress read (from the view, and straight from the table).

use std::time::{Duration, Instant};

use rotunda_core::ccc::{MeetingInput, bench, packet, store};
use rotunda_core::connect::Connection;
use rotunda_core::db::Actor;
use rotunda_core::{Error, Result, demo};

use crate::output;

/// The goals, and what a web-style pipeline (HTML printed to PDF by headless Chromium) takes on
/// this machine for the same packet, for scale.
const GOAL_SECONDS: f64 = 1.3;
const GOAL_MB: f64 = 160.0;
const WEB_SECONDS: f64 = 13.0;
const WEB_MB: f64 = 1600.0;
const GOAL_PROGRESS_MS: f64 = 100.0;

pub(crate) fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The process's peak resident memory so far, in MB (Linux; None elsewhere).
pub(crate) fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub async fn bench_ccc(
    json: bool,
    residents: u32,
    per_resident: i32,
    progress_rows: i64,
    connection: &Connection,
) -> Result<()> {
    let pool = &connection.pool;
    let actor = Actor::named("bench:ccc");
    let today = chrono::Local::now().date_naive();
    let started = Instant::now();
    let summary = demo::load_demo(pool, &actor, 7, today).await?;
    let program = summary.program.id;
    let extra = residents.saturating_sub(summary.residents);
    let assessments = bench::grow_program(
        pool,
        program,
        &crate::roster::generated_roster(extra),
        per_resident,
        today,
    )
    .await?;
    let current = rotunda_core::academic::service::list_years(pool, program)
        .await?
        .into_iter()
        .find(|y| y.is_current)
        .ok_or_else(|| Error::not_found("The demo's current year"))?;
    let term = if chrono::Datelike::month(&today) >= 7 {
        "fall"
    } else {
        "spring"
    };
    let committee = store::meetings(pool, program).await?;
    let members: Vec<_> = committee
        .first()
        .map(|m| m.attendees.iter().map(|a| a.id).collect())
        .unwrap_or_default();
    let meeting = store::create_meeting(
        pool,
        &actor,
        &MeetingInput {
            program_id: program,
            period: format!("{}-{term}", current.name),
            meeting_date: (today + chrono::Days::new(21)).to_string(),
            chair_id: members.first().copied(),
            attendee_ids: members,
        },
    )
    .await?;
    let setup = started.elapsed();

    let dir = std::env::temp_dir().join(format!("rotunda-bench-ccc-{}", std::process::id()));
    let mut runs = Vec::new();
    let mut pages = 0;
    let mut bytes = 0;
    for k in 0..3 {
        let path = dir.join(format!("packet-{k}.pdf"));
        let t = Instant::now();
        let file = packet::export_packet(pool, meeting.id, &path, |_| {}).await?;
        runs.push(t.elapsed());
        pages = file.pages;
        bytes = file.bytes;
    }
    let peak = peak_mb();
    let _ = std::fs::remove_dir_all(&dir);
    let packet_time = median(runs.clone());

    let filled = bench::fill_progress_table(pool, program, progress_rows).await?;
    let resident = meeting
        .agenda
        .first()
        .map(|a| a.resident_id)
        .ok_or_else(|| Error::not_found("A resident on the agenda"))?;
    let mut from_view = Vec::new();
    let mut from_table = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        bench::progress_from_view(pool, resident).await?;
        from_view.push(t.elapsed());
        let t = Instant::now();
        bench::progress_from_table(pool, resident).await?;
        from_table.push(t.elapsed());
    }
    let (view_ms, table_ms) = (
        median(from_view).as_secs_f64() * 1000.0,
        median(from_table).as_secs_f64() * 1000.0,
    );
    let secs = packet_time.as_secs_f64();
    if json {
        output::json(&serde_json::json!({
            "residents": meeting.agenda.len(),
            "assessments": assessments,
            "setupSeconds": setup.as_secs_f64(),
            "packetSeconds": runs.iter().map(Duration::as_secs_f64).collect::<Vec<_>>(),
            "packetMedianSeconds": secs,
            "packetPages": pages,
            "packetBytes": bytes,
            "peakMemoryMb": peak,
            "progressRows": filled,
            "progressFromViewMs": view_ms,
            "progressFromTableMs": table_ms,
        }));
    } else {
        println!(
            "{} residents on the agenda, {assessments} EPA assessments over two years (set up in {:.1} s)",
            meeting.agenda.len(),
            setup.as_secs_f64()
        );
        println!(
            "packet, database to file: median {secs:.2} s of 3 ({}), {pages} pages, {:.1} MB",
            runs.iter()
                .map(|d| format!("{:.2}", d.as_secs_f64()))
                .collect::<Vec<_>>()
                .join(", "),
            f64::from(bytes) / 1_048_576.0
        );
        match peak {
            Some(mb) => println!(
                "peak memory of this process: {mb:.0} MB (goal under {GOAL_MB:.0} MB; the web pipeline's {WEB_MB:.0} MB is {:.0}× that)",
                WEB_MB / mb
            ),
            None => println!("peak memory: not measured on this system"),
        }
        println!(
            "time against the goal of {GOAL_SECONDS} s: {:.2}×; the web pipeline's {WEB_SECONDS} s is {:.1}× this",
            secs / GOAL_SECONDS,
            WEB_SECONDS / secs
        );
        println!(
            "EPA progress of one resident over {filled} assessments: {view_ms:.2} ms from the view, {table_ms:.1} ms straight from the table (median of 21; goal {GOAL_PROGRESS_MS} ms)"
        );
    }
    Ok(())
}
