//! The CCC packet from the demo program: its text names the meeting, a resident, their EPA counts
//! and levels as stored, and a flag's reason; the file is written where asked.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::assessment::milestone::{PeriodName, Rating};
use rotunda_core::assessment::milestone_store::{self, LevelEntry};
use rotunda_core::ccc::packet;
use rotunda_core::demo;
use rotunda_core::ids::SubcompetencyId;
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_packet_shows_each_residents_evidence_as_stored_and_their_flags(pool: PgPool) {
    let summary = demo::load_demo(&pool, &common::actor(), 7, today())
        .await
        .unwrap();
    let program = summary.program.id;
    let fall = PeriodName::parse("period", "2026-2027-fall").unwrap();
    let meeting = packet::meeting_of(&pool, program, &fall).await.unwrap();
    let m = rotunda_core::ccc::store::meeting(&pool, meeting)
        .await
        .unwrap();
    // A PGY-3 (rated last spring) whose PC1 goes down this fall.
    let who = m.agenda.iter().find(|a| a.pgy == 3).unwrap();
    let pc1: uuid::Uuid = sqlx::query_scalar("select id from subcompetencies where code = 'PC1'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let spring: f64 = sqlx::query_scalar(
        "select m.level::float8 from milestone_assessments m join academic_years y on y.id = m.academic_year_id
         where m.resident_id = $1 and m.subcompetency_id = $2 and y.name = '2025-2026' and m.term = 'spring'",
    )
    .bind(who.resident_id.0)
    .bind(pc1)
    .fetch_one(&pool)
    .await
    .unwrap();
    milestone_store::set_levels(
        &pool,
        &common::actor(),
        program,
        &fall,
        &[LevelEntry {
            resident_id: who.resident_id,
            subcompetency_id: SubcompetencyId(pc1),
            rating: Some(Rating::Level {
                level: spring - 1.0,
            }),
            rationale: None,
            version: None,
        }],
    )
    .await
    .unwrap();

    let doc = packet::document(&pool, meeting, today(), "2026-11-22 09:00".into())
        .await
        .unwrap();
    let mine = doc.residents.iter().find(|r| r.name == who.name).unwrap();
    // The EPA counts and levels as stored.
    let stored: Vec<(i32, i64, i32)> = sqlx::query_as(
        "select e.number, count(*), (array_agg(a.entrustment_level order by a.assessed_on desc, a.submitted_at desc))[1]
         from epa_assessments a join epas e on e.id = a.epa_id
         where a.resident_id = $1 and a.deleted_at is null and a.assessed_on <= $2
         group by e.number order by e.number",
    )
    .bind(who.resident_id.0)
    .bind(m.meeting_date)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        mine.epas
            .iter()
            .map(|e| (e.number, e.count as i64, e.latest))
            .collect::<Vec<_>>(),
        stored
    );

    let dir = std::env::temp_dir().join(format!("rotunda-ccc-packet-{}", uuid::Uuid::now_v7()));
    let path = dir.join("packets").join("fall.pdf");
    let pdf = rotunda_core::reports::packet::render_packet(&doc, &mut |_| {}).unwrap();
    rotunda_core::files::write_export(&path, &pdf.bytes).unwrap();
    let text = common::pdftotext(&path, None);
    assert!(
        text.contains("Clinical Competency Committee — 2026-2027-fall"),
        "{text}"
    );
    let heading = format!("{} — PGY-3", who.name);
    let at = text.find(&heading).unwrap();
    // The resident's own pages: from their heading on.
    let theirs = &text[at..];
    let (number, count, latest) = stored[0];
    let row = theirs
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with(&format!("{number} {}", mine.epas[0].short_name))
        })
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().rev().take(3).collect();
    assert_eq!(cells[2], count.to_string(), "{row}");
    assert_eq!(cells[0], latest.to_string(), "{row}");
    let drop = format!(
        "PC1 went down from {} to {} since 2025-2026-spring",
        Rating::Level { level: spring }.label(),
        Rating::Level {
            level: spring - 1.0
        }
        .label()
    );
    assert!(theirs.contains(&drop), "{drop} on their pages");
    assert!(pdf.pages as usize > doc.residents.len());
    std::fs::remove_dir_all(&dir).unwrap();
}
