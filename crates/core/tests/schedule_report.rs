//! The schedule's documents from a real database: the PDF's text (pdftotext) and a site's CSV.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::academic::service as academic;
use rotunda_core::demo;
use rotunda_core::schedule::edit::{self, CellEdit};
use rotunda_core::schedule::grid;
use rotunda_core::schedule::report;
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_schedule_pdf_and_a_sites_csv_show_who_is_where(pool: PgPool) {
    let summary = demo::load_demo(&pool, &common::actor(), 7, today())
        .await
        .unwrap();
    let year = academic::list_years(&pool, summary.program.id)
        .await
        .unwrap()[0]
        .id;
    // From empty cells, so the site's CSV holds exactly the stays made here.
    sqlx::query("delete from rotation_assignments")
        .execute(&pool)
        .await
        .unwrap();
    let g = grid::grid(&pool, year).await.unwrap();
    let senior = g.residents.iter().find(|r| r.pgy == 4).unwrap();
    let junior = g.residents.iter().find(|r| r.pgy == 1).unwrap();
    let cell = |r: &grid::GridResident, b: usize, code: &str| CellEdit {
        resident_id: r.id,
        block_id: g.blocks[b].id,
        half: None,
        rotation_code: Some(code.into()),
        site_id: None,
        supervisor_id: None,
        expected: None,
    };
    edit::edit_cells(
        &pool,
        &common::actor(),
        year,
        vec![
            cell(senior, 1, "COMM"),
            cell(junior, 0, "SICU"),
            cell(junior, 1, "CLIN"),
        ],
    )
    .await
    .unwrap();

    let dir = tempdir();
    let path = dir.join("GS-schedule.pdf");
    let file = report::export_schedule_pdf(&pool, year, None, &path, |_| {})
        .await
        .unwrap();
    assert!(
        file.pages >= 3,
        "the grid, the legend and the affiliate sites: {}",
        file.pages
    );
    let text = common::pdftotext(&path, None);
    for want in [
        "Block schedule 2026-2027",
        "General Surgery (GS)",
        "40 residents, 13 blocks",
        "PGY-1",
        "SICU",
        "Legend",
        "Surgical ICU",
        "Who comes when: St. Brigid General Surgery Service",
        "Who comes when: St. Brigid Endoscopy Suite",
        "No resident is scheduled at this site this year.",
    ] {
        assert!(text.contains(want), "the PDF lacks {want:?}");
    }
    assert!(text.contains(&senior.name), "the senior resident is named");

    let only = dir.join("site.pdf");
    report::export_schedule_pdf(&pool, year, Some("sbch-gen".into()), &only, |_| {})
        .await
        .unwrap();
    let site_text = common::pdftotext(&only, None);
    assert!(site_text.contains("Who comes when: St. Brigid General Surgery Service"));
    assert!(
        !site_text.contains("Legend"),
        "a site's PDF is its page alone"
    );
    assert!(site_text.contains("2026-07-29"));

    let csv = report::site_csv(&pool, year, "SBCH-GEN").await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Resident,E-mail,PGY,Rotation code,Rotation,Block,From,To,Weeks"
    );
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with(&format!("{},", senior.name)), "{csv}");
    assert!(
        lines[1]
            .ends_with(",4,COMM,Community Surgery (St. Brigid),Block 2,2026-07-29,2026-08-25,4"),
        "{csv}"
    );

    let err = report::site_csv(&pool, year, "NOPE").await.unwrap_err();
    assert_eq!(err.field(), Some("site"));
    assert!(err.to_string().contains("SBCH-GEN"), "{err}");
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rotunda-schedule-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
