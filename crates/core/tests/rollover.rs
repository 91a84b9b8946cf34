//! Year rollover against a real database: a mixed class (graduating, promoting, off cycle, on
//! leave) moves into the next year in one transaction, and the undo puts everything back.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::ErrorKind;
use rotunda_core::academic::rollover::RolloverAction;
use rotunda_core::academic::rollover_service::{apply_rollover, preview_rollover, undo_rollover};
use rotunda_core::academic::service as academic;
use rotunda_core::demo;
use rotunda_core::ids::ProgramId;
use sqlx::PgPool;

/// Every resident's level, status, graduation date and whether their resident membership is open.
async fn roster_state(
    pool: &PgPool,
    program: ProgramId,
) -> Vec<(String, i32, String, Option<NaiveDate>, bool)> {
    sqlx::query_as(
        "select u.email::text, r.pgy_level, r.status, r.actual_graduation_date,
                exists(select 1 from program_memberships m where m.user_id = r.user_id and m.program_id = r.program_id
                       and m.role = 'resident' and m.ended_at is null)
         from residents r join users u on u.id = r.user_id where r.program_id = $1 order by u.email",
    )
    .bind(program.0)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn demo_program(pool: &PgPool) -> ProgramId {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    demo::load_demo(pool, &common::actor(), 5, today)
        .await
        .unwrap()
        .program
        .id
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_mixed_class_rolls_over_and_the_undo_puts_it_back(pool: PgPool) {
    let program = demo_program(&pool).await;
    let before = roster_state(&pool, program).await;

    let preview = preview_rollover(&pool, program).await.unwrap();
    assert_eq!(
        (preview.from_year.as_str(), preview.new_year.as_str()),
        ("2026-2027", "2027-2028")
    );
    assert_eq!(preview.blocks.len(), 13);
    assert_eq!(preview.pattern.as_deref(), Some("13x4w"));
    // Seven PGY-5s and two preliminary interns finish; one off cycle and one on leave stay.
    assert_eq!(
        (preview.graduating, preview.staying, preview.promoted),
        (9, 2, 29)
    );
    let off_cycle = preview
        .residents
        .iter()
        .find(|r| r.status == "off_cycle")
        .unwrap();
    assert_eq!(
        (off_cycle.action, off_cycle.to_pgy),
        (RolloverAction::Stay, off_cycle.from_pgy)
    );
    assert!(off_cycle.reason.contains("own date"));
    assert_eq!(
        roster_state(&pool, program).await,
        before,
        "the preview wrote"
    );

    apply_rollover(&pool, &common::actor(), program)
        .await
        .unwrap();
    let years = academic::list_years(&pool, program).await.unwrap();
    let current: Vec<_> = years.iter().filter(|y| y.is_current).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(
        (current[0].name.as_str(), current[0].block_count),
        ("2027-2028", 13)
    );

    let after = roster_state(&pool, program).await;
    for (old, new) in before.iter().zip(&after) {
        let change = preview
            .residents
            .iter()
            .find(|r| r.from_pgy == old.1 && r.status == old.2);
        assert!(change.is_some());
        match (old.1, old.2.as_str(), new.2.as_str()) {
            (_, "off_cycle" | "leave_of_absence", _) => assert_eq!(new.1, old.1, "{}", old.0),
            (_, "active", "completed") => {
                assert_eq!(
                    new.3.map(|d| d.to_string()).as_deref(),
                    Some("2027-06-30"),
                    "{}",
                    old.0
                );
                assert!(!new.4, "{}: membership still open", old.0);
            }
            (_, "active", "active") => assert_eq!(new.1, old.1 + 1, "{}", old.0),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(after.iter().filter(|r| r.2 == "completed").count(), 9);

    let undone = undo_rollover(&pool, &common::actor(), program)
        .await
        .unwrap();
    assert_eq!(undone.current_year, "2026-2027");
    assert_eq!(undone.removed_year.as_deref(), Some("2027-2028"));
    assert_eq!(undone.residents_restored, 38);
    assert_eq!(roster_state(&pool, program).await, before);
    let years = academic::list_years(&pool, program).await.unwrap();
    assert_eq!(years[0].name, "2026-2027");
    assert!(years[0].is_current);
    assert!(years.iter().all(|y| y.name != "2027-2028"));

    let nothing = undo_rollover(&pool, &common::actor(), program)
        .await
        .unwrap_err();
    assert_eq!(nothing.kind(), ErrorKind::NotFound);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_undo_is_refused_once_a_resident_was_changed_since(pool: PgPool) {
    let program = demo_program(&pool).await;
    apply_rollover(&pool, &common::actor(), program)
        .await
        .unwrap();
    let changed: (String,) = sqlx::query_as(
        "update residents set track = 'Research' where id = (select id from residents where program_id = $1
             and status = 'active' order by id limit 1)
         returning (select first_name || ' ' || last_name from users where users.id = residents.user_id)",
    )
    .bind(program.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    let before = roster_state(&pool, program).await;
    let err = undo_rollover(&pool, &common::actor(), program)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains(&changed.0), "{err}");
    assert_eq!(
        roster_state(&pool, program).await,
        before,
        "a refused undo wrote"
    );
}
