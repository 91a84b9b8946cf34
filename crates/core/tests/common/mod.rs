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
