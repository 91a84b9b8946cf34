//! Academic years against a real database: defaults, overlap, one current year per program.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::Error;
use rotunda_core::academic::{NewYearInput, YearEditInput, service};
use sqlx::PgPool;

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_first_year_of_a_program_becomes_current(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let first = common::year(&pool, &program, "2026-2027", "2026-07-01", "2027-06-30").await;
    let second = common::year(&pool, &program, "2027-2028", "2027-07-01", "2028-06-30").await;
    assert!(
        first.is_current,
        "a program's first year is its current year"
    );
    assert!(
        !second.is_current,
        "a later year does not take over unless asked"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn making_a_year_current_moves_the_flag(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    common::year(&pool, &program, "2026-2027", "2026-07-01", "2027-06-30").await;
    let next = service::create_year(
        &pool,
        &common::actor(),
        NewYearInput {
            program_id: program.id,
            name: "2027-2028".into(),
            start_date: "2027-07-01".into(),
            end_date: "2028-06-30".into(),
            is_current: true,
        },
    )
    .await
    .unwrap();
    let years = service::list_years(&pool, program.id).await.unwrap();
    let current: Vec<&str> = years
        .iter()
        .filter(|y| y.is_current)
        .map(|y| y.name.as_str())
        .collect();
    assert_eq!(
        current,
        vec![next.name.as_str()],
        "exactly one current year per program"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_overlapping_year_is_refused_with_both_years_named(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    common::year(&pool, &program, "2026-2027", "2026-07-01", "2027-06-30").await;
    let err = service::create_year(
        &pool,
        &common::actor(),
        NewYearInput {
            program_id: program.id,
            name: "Off-cycle".into(),
            start_date: "2027-01-01".into(),
            end_date: "2027-12-31".into(),
            is_current: false,
        },
    )
    .await
    .unwrap_err();
    let report = err.report();
    assert_eq!(report.field.as_deref(), Some("startDate"));
    assert_eq!(
        report.message,
        "Off-cycle (2027-01-01..2027-12-31) overlaps the academic year 2026-2027: 2026-07-01..2027-06-30"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_database_refuses_overlapping_years_and_two_current_years_on_its_own(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    common::year(&pool, &program, "2026-2027", "2026-07-01", "2027-06-30").await;
    let overlap = sqlx::query("insert into academic_years (id, program_id, name, start_date, end_date) values ($1, $2, 'raw', '2027-06-01', '2028-05-31')")
        .bind(uuid::Uuid::now_v7())
        .bind(program.id.0)
        .execute(&pool)
        .await
        .unwrap_err();
    let translated = Error::from(overlap);
    assert!(
        translated.to_string().contains("Two academic years of this program would overlap: 2027-06-01..2028-05-31 and 2026-07-01..2027-06-30"),
        "{translated}"
    );
    let second_current = sqlx::query("insert into academic_years (id, program_id, name, start_date, end_date, is_current) values ($1, $2, 'raw', '2027-07-01', '2028-06-30', true)")
        .bind(uuid::Uuid::now_v7())
        .bind(program.id.0)
        .execute(&pool)
        .await
        .unwrap_err();
    assert_eq!(
        Error::from(second_current).report().field.as_deref(),
        Some("isCurrent")
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn bad_year_input_names_the_field(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    for (name, start, end, field) in [
        ("", "2026-07-01", "2027-06-30", "name"),
        ("2026-2027", "2026-07-32", "2027-06-30", "startDate"),
        ("2026-2027", "2026-07-01", "2026-06-30", "endDate"),
        ("2026-2027", "2026-07-01", "2029-06-30", "endDate"),
    ] {
        let err = service::create_year(
            &pool,
            &common::actor(),
            NewYearInput {
                program_id: program.id,
                name: name.into(),
                start_date: start.into(),
                end_date: end.into(),
                is_current: false,
            },
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.report().field.as_deref(),
            Some(field),
            "{name} {start} {end}: {err}"
        );
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_stale_year_edit_is_a_conflict_and_writes_nothing(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let year = common::year(&pool, &program, "2026-2027", "2026-07-01", "2027-06-30").await;
    let edit = |name: &str| YearEditInput {
        id: year.id,
        version: year.version,
        name: name.into(),
        start_date: "2026-07-01".into(),
        end_date: "2027-06-30".into(),
        is_current: true,
        allow_gaps: false,
    };
    let renamed = service::update_year(&pool, &common::actor(), edit("AY 2026-27"))
        .await
        .unwrap();
    assert_eq!(
        renamed.version,
        year.version + 1,
        "the database bumps the version"
    );
    let err = service::update_year(&pool, &common::actor(), edit("Someone else's name"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), rotunda_core::ErrorKind::Conflict);
    assert_eq!(
        service::year_by_id(&pool, year.id).await.unwrap().name,
        "AY 2026-27",
        "the stale edit wrote nothing"
    );
}
