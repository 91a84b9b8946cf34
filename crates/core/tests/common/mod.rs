//! Fixtures shared by the database tests: a program, a year, its blocks.
#![allow(dead_code, clippy::unwrap_used)]

use rotunda_core::academic::{
    AcademicYear, Block, BlockPlanInput, GenerateBlocksInput, Leftover, NewYearInput, service,
};
use rotunda_core::db::Actor;
use rotunda_core::org::{NewProgramInput, Program, service as org};
use sqlx::PgPool;

pub fn actor() -> Actor {
    Actor::named("test:coordinator")
}

pub async fn program(pool: &PgPool, code: &str) -> Program {
    org::create_program(
        pool,
        &actor(),
        NewProgramInput {
            code: code.into(),
            name: "General Surgery".into(),
            institution: "Hôpital Saint-Éloi".into(),
        },
    )
    .await
    .unwrap()
}

pub async fn year(
    pool: &PgPool,
    program: &Program,
    name: &str,
    start: &str,
    end: &str,
) -> AcademicYear {
    service::create_year(
        pool,
        &actor(),
        NewYearInput {
            program_id: program.id,
            name: name.into(),
            start_date: start.into(),
            end_date: end.into(),
            is_current: false,
        },
    )
    .await
    .unwrap()
}

pub fn plan(year: &AcademicYear, pattern: &str) -> BlockPlanInput {
    BlockPlanInput {
        year_id: year.id,
        pattern: pattern.into(),
        switch_day: None,
        leftover: Leftover::Last,
        split_halves: false,
    }
}

/// A program with the year 2026-2027 cut into 13 four-week blocks.
pub async fn year_with_blocks(pool: &PgPool) -> (Program, AcademicYear, Vec<Block>) {
    let program = program(pool, "GS").await;
    let year = year(pool, &program, "2026-2027", "2026-07-01", "2027-06-30").await;
    let blocks = service::generate_blocks(
        pool,
        &actor(),
        GenerateBlocksInput {
            plan: plan(&year, "13x4w"),
            replace_existing: false,
        },
    )
    .await
    .unwrap();
    (program, year, blocks)
}

/// Text of the PDF (or of pages `first..=last`), laid out as on the page.
pub fn pdftotext(path: &std::path::Path, pages: Option<(u32, u32)>) -> String {
    let mut cmd = std::process::Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(path).arg("-").output().unwrap_or_else(|e| {
        panic!("cannot run pdftotext ({e}); install poppler-utils (apt-get install poppler-utils)")
    });
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Collapse no-break spaces so assertions read naturally.
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ")
}
