//! "Propose schedule" against a real database: the demo year solved, applied in one transaction,
//! locked cells untouched, undone; an undo refused after a later edit; an impossible year named.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use rotunda_core::ErrorKind;
use rotunda_core::academic::service as academic;
use rotunda_core::demo;
use rotunda_core::ids::AcademicYearId;
use rotunda_core::schedule::checks::Rule;
use rotunda_core::schedule::edit::{self, CellEdit};
use rotunda_core::schedule::grid;
use rotunda_core::schedule::propose::{self, Proposal, ProposalOutcome, ProposeOptions};
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

async fn demo_year(pool: &PgPool) -> AcademicYearId {
    let summary = demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap();
    academic::list_years(pool, summary.program.id)
        .await
        .unwrap()[0]
        .id
}

async fn proposal(pool: &PgPool, year: AcademicYearId, keep_existing: bool) -> ProposalOutcome {
    let options = ProposeOptions {
        time_limit_secs: 2.0,
        seed: 3,
        keep_existing,
    };
    propose::propose(
        pool,
        year,
        options,
        Arc::new(AtomicBool::new(false)),
        |_| {},
    )
    .await
    .unwrap()
}

fn proposed(outcome: ProposalOutcome) -> Proposal {
    match outcome {
        ProposalOutcome::Proposed(p) => p,
        other => panic!("expected a proposal, got {other:?}"),
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_proposal_fills_the_year_keeps_locked_cells_and_is_undone(pool: PgPool) {
    let year = demo_year(&pool).await;
    let g = grid::grid(&pool, year).await.unwrap();
    let chief = g.residents.iter().find(|r| r.pgy == 5).unwrap();
    // One empty cell besides the chief's, so the proposal surely changes something.
    sqlx::query(
        "delete from rotation_assignments where id = (select id from rotation_assignments
         where resident_id <> $1 order by id limit 1)",
    )
    .bind(chief.id.0)
    .execute(&pool)
    .await
    .unwrap();
    let locked = edit::edit_cells(
        &pool,
        &common::actor(),
        year,
        vec![CellEdit {
            resident_id: chief.id,
            block_id: g.blocks[0].id,
            half: None,
            rotation_code: Some("VASC".into()),
            site_id: None,
            supervisor_id: None,
            expected: None,
        }],
    )
    .await
    .unwrap();
    let locked_id = locked
        .added
        .iter()
        .find(|a| a.resident_id == chief.id && a.block_id == g.blocks[0].id)
        .unwrap()
        .id;
    let locked_grid = edit::set_locked(
        &pool,
        &common::actor(),
        year,
        vec![(chief.id, g.blocks[0].id)],
        true,
    )
    .await
    .unwrap();

    let p = proposed(proposal(&pool, year, false).await);
    assert!(!p.changes.is_empty());
    assert!(
        p.changes
            .iter()
            .all(|c| !(c.resident_id == chief.id && c.block_id == g.blocks[0].id)),
        "the locked cell is not proposed to change"
    );
    let solver_rules = [
        Rule::CoverageShort,
        Rule::CoverageOver,
        Rule::Eligibility,
        Rule::RequirementShort,
        Rule::RequirementOver,
        Rule::BackToBack,
        Rule::ConsecutiveHeavy,
    ];
    let broken: Vec<_> = p
        .conflicts_after
        .iter()
        .filter(|c| solver_rules.contains(&c.rule))
        .collect();
    assert!(
        broken.is_empty(),
        "the proposal keeps every rule the solver weighs: {broken:?}"
    );
    assert_eq!(
        p.objective.total,
        p.objective.unmet_requests_cost
            + p.objective.heavy_pairs_cost
            + p.objective.heavy_spread_cost
    );

    let applied =
        propose::apply_proposal(&pool, &common::actor(), year, p.edits.clone(), p.objective)
            .await
            .unwrap();
    let cells = applied.grid.residents.len() * applied.grid.blocks.len();
    assert_eq!(
        applied.grid.assignments.len(),
        cells - applied.grid.leave.len(),
        "every cell but leave is filled"
    );
    let kept = applied
        .grid
        .assignments
        .iter()
        .find(|a| a.id == locked_id)
        .unwrap();
    assert!(kept.is_locked);

    let undone = propose::undo_proposal(&pool, &common::actor(), year)
        .await
        .unwrap();
    let cells = |g: &grid::ScheduleGrid| {
        let mut v: Vec<_> = g
            .assignments
            .iter()
            .map(|a| (a.resident_id, a.block_id, a.half, a.rotation_type_id))
            .collect();
        v.sort();
        v
    };
    let before = grid::grid(&pool, year).await.unwrap();
    assert_eq!(cells(&undone.grid), cells(&before));
    assert_eq!(
        cells(&undone.grid),
        cells(&locked_grid),
        "the schedule is as it was before the proposal"
    );
    assert!(
        undone
            .grid
            .assignments
            .iter()
            .any(|a| a.id == locked_id && a.is_locked)
    );
    let err = propose::undo_proposal(&pool, &common::actor(), year)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn undoing_a_proposal_after_a_later_edit_is_refused(pool: PgPool) {
    let year = demo_year(&pool).await;
    // One empty cell, so the proposal surely writes something.
    sqlx::query(
        "delete from rotation_assignments where id = (select id from rotation_assignments order by id limit 1)",
    )
    .execute(&pool)
    .await
    .unwrap();
    let p = proposed(proposal(&pool, year, false).await);
    // A cell the proposal wrote (a cell it left alone is not the proposal's to guard).
    let changed = p
        .changes
        .iter()
        .find(|c| !c.after.is_empty())
        .unwrap()
        .clone();
    let applied = propose::apply_proposal(&pool, &common::actor(), year, p.edits, p.objective)
        .await
        .unwrap();
    edit::edit_cells(
        &pool,
        &common::actor(),
        year,
        vec![CellEdit {
            resident_id: changed.resident_id,
            block_id: changed.block_id,
            half: None,
            rotation_code: None,
            site_id: None,
            supervisor_id: None,
            expected: None,
        }],
    )
    .await
    .unwrap();
    let err = propose::undo_proposal(&pool, &common::actor(), year)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.to_string()
            .contains("edited after the proposal was applied"),
        "{err}"
    );
    let now = grid::grid(&pool, year).await.unwrap();
    assert_eq!(
        now.assignments.len(),
        applied.grid.assignments.len() - 1,
        "nothing was changed"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_impossible_year_is_explained(pool: PgPool) {
    let year = demo_year(&pool).await;
    sqlx::query(
        "update rotation_types set min_residents = 30, max_residents = 30 where code = 'CHIEF'",
    )
    .execute(&pool)
    .await
    .unwrap();
    match proposal(&pool, year, false).await {
        ProposalOutcome::Impossible { reasons } => {
            assert!(reasons.iter().any(|r| r.contains("CHIEF")), "{reasons:?}");
        }
        other => panic!("expected an impossible year, got {other:?}"),
    }
}
