//! The block schedule against a real database: the exclusion and block-fit constraints under raw
//! SQL, grid edits with undo, locks, stale edits, and the rules read from stored rows.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::ErrorKind;
use rotunda_core::academic::service as academic;
use rotunda_core::demo;
use rotunda_core::ids::{AcademicYearId, ResidentId};
use rotunda_core::schedule::Half;
use rotunda_core::schedule::checks::Rule;
use rotunda_core::schedule::edit::{self, CellEdit};
use rotunda_core::schedule::grid::{self, ScheduleGrid};
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The demo year with its schedule cleared, so each test starts from empty cells.
async fn demo_year(pool: &PgPool) -> ScheduleGrid {
    let summary = demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap();
    sqlx::query("delete from rotation_assignments")
        .execute(pool)
        .await
        .unwrap();
    let years = academic::list_years(pool, summary.program.id)
        .await
        .unwrap();
    grid::grid(pool, years[0].id).await.unwrap()
}

fn cell(g: &ScheduleGrid, resident: ResidentId, block: usize, code: Option<&str>) -> CellEdit {
    CellEdit {
        resident_id: resident,
        block_id: g.blocks[block].id,
        half: None,
        rotation_code: code.map(str::to_string),
        site_id: None,
        supervisor_id: None,
        expected: None,
    }
}

fn codes_of(g: &ScheduleGrid, resident: ResidentId, block: usize) -> Vec<(Option<Half>, String)> {
    let mut out: Vec<_> = g
        .assignments
        .iter()
        .filter(|a| a.resident_id == resident && a.block_id == g.blocks[block].id)
        .map(|a| {
            let code = g
                .rotations
                .iter()
                .find(|r| r.id == a.rotation_type_id)
                .unwrap()
                .code
                .clone();
            (a.half, code)
        })
        .collect();
    out.sort();
    out
}

/// An edit's outcome with the grid as it now reads.
struct Edited {
    grid: ScheduleGrid,
    undo: Vec<CellEdit>,
    changed: usize,
}

async fn edit(pool: &PgPool, year: AcademicYearId, edits: Vec<CellEdit>) -> Edited {
    let out = edit::edit_cells(pool, &common::actor(), year, edits)
        .await
        .unwrap();
    Edited {
        grid: grid::grid(pool, year).await.unwrap(),
        undo: out.undo,
        changed: out.changed,
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_demo_has_a_catalogue_leave_and_requests(pool: PgPool) {
    let g = demo_year(&pool).await;
    assert_eq!(g.rotations.len(), 11);
    assert_eq!(g.residents.len(), 40);
    assert!(
        g.residents.windows(2).all(|w| w[0].pgy <= w[1].pgy),
        "grouped by PGY"
    );
    assert_eq!(g.leave.len(), 8);
    let requests: i64 = sqlx::query_scalar("select count(*) from elective_requests")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(requests > 0);
    let clinic = g.rotations.iter().find(|r| r.code == "CLIN").unwrap();
    assert_eq!(clinic.coverage_in(g.blocks[5].id), (0, Some(0)));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_database_refuses_two_overlapping_assignments_for_one_resident(pool: PgPool) {
    let g = demo_year(&pool).await;
    let r = g.residents[0].id;
    edit(&pool, g.year.id, vec![cell(&g, r, 0, Some("GS"))]).await;
    let b = &g.blocks[0];
    let err = sqlx::query(
        "insert into rotation_assignments (id, resident_id, rotation_type_id, block_id, start_date, end_date)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(r.0)
    .bind(g.rotations[0].id.0)
    .bind(b.id.0)
    .bind(b.start_date)
    .bind(b.end_date)
    .execute(&pool)
    .await
    .unwrap_err();
    let db = err.as_database_error().unwrap();
    assert_eq!(db.code().as_deref(), Some("23P01"));
    assert_eq!(db.constraint(), Some("rotation_assignments_no_overlap"));
    let e = rotunda_core::Error::from(err);
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert!(
        e.to_string()
            .starts_with("The resident already has an assignment on those dates: "),
        "{e}"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_assignment_must_be_a_whole_block_or_a_half(pool: PgPool) {
    let g = demo_year(&pool).await;
    let b = &g.blocks[1];
    let err = sqlx::query(
        "insert into rotation_assignments (id, resident_id, rotation_type_id, block_id, start_date, end_date)
         values ($1, $2, $3, $4, $5, $5 + 3)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(g.residents[0].id.0)
    .bind(g.rotations[0].id.0)
    .bind(b.id.0)
    .bind(b.start_date)
    .execute(&pool)
    .await
    .unwrap_err();
    let db = err.as_database_error().unwrap();
    assert_eq!(db.constraint(), Some("rotation_assignments_fit_block"));
    assert!(
        db.message().contains("neither the whole of Block 2"),
        "{}",
        db.message()
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn typing_a_rotation_into_a_cell_is_checked_and_undone(pool: PgPool) {
    let g = demo_year(&pool).await;
    let year = g.year.id;
    // Three PGY-1 residents in the clinic in the holiday block, where it is closed.
    let pgy1: Vec<ResidentId> = g
        .residents
        .iter()
        .filter(|r| r.pgy == 1)
        .map(|r| r.id)
        .collect();
    let out = edit(
        &pool,
        year,
        pgy1[..3]
            .iter()
            .map(|r| cell(&g, *r, 5, Some("clin")))
            .collect(),
    )
    .await;
    assert_eq!(out.changed, 3);
    assert_eq!(
        codes_of(&out.grid, pgy1[0], 5),
        vec![(None, "CLIN".to_string())]
    );
    let closed = out
        .grid
        .conflicts
        .iter()
        .find(|c| c.rule == Rule::CoverageOver)
        .unwrap();
    assert!(
        closed
            .message
            .starts_with("Block 6: CLIN is closed but has 3 residents"),
        "{}",
        closed.message
    );
    assert_eq!(closed.resident_ids.len(), 3);
    let tally = out
        .grid
        .tallies
        .iter()
        .find(|t| {
            t.resident_id == pgy1[0] && t.rotation_type_id == closed.rotation_type_id.unwrap()
        })
        .unwrap();
    assert_eq!(
        (tally.weeks, tally.min_weeks, tally.max_weeks),
        (4, 4, Some(8))
    );

    let undone = edit(&pool, year, out.undo).await;
    assert!(codes_of(&undone.grid, pgy1[0], 5).is_empty());
    assert!(
        !undone
            .grid
            .conflicts
            .iter()
            .any(|c| c.rule == Rule::CoverageOver)
    );
    // Undoing the undo is a redo.
    let redone = edit(&pool, year, undone.undo).await;
    assert_eq!(
        codes_of(&redone.grid, pgy1[2], 5),
        vec![(None, "CLIN".to_string())]
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_half_of_a_split_block_keeps_the_other_half(pool: PgPool) {
    let g = demo_year(&pool).await;
    let b = &g.blocks[2];
    sqlx::query("update blocks set split_date = start_date + 14 where id = $1")
        .bind(b.id.0)
        .execute(&pool)
        .await
        .unwrap();
    let r = g.residents[10].id;
    let g = grid::grid(&pool, g.year.id).await.unwrap();
    let out = edit(&pool, g.year.id, vec![cell(&g, r, 2, Some("GS"))]).await;
    let mut half = cell(&out.grid, r, 2, Some("TRA"));
    half.half = Some(Half::Second);
    let out = edit(&pool, g.year.id, vec![half]).await;
    assert_eq!(
        codes_of(&out.grid, r, 2),
        vec![
            (Some(Half::First), "GS".to_string()),
            (Some(Half::Second), "TRA".to_string())
        ]
    );
    let back = edit(&pool, g.year.id, out.undo).await;
    assert_eq!(codes_of(&back.grid, r, 2), vec![(None, "GS".to_string())]);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn locked_cells_refuse_edits_until_unlocked(pool: PgPool) {
    let g = demo_year(&pool).await;
    let r = g.residents[0].id;
    let out = edit(&pool, g.year.id, vec![cell(&g, r, 0, Some("GS"))]).await;
    edit::set_locked(
        &pool,
        &common::actor(),
        g.year.id,
        vec![(r, g.blocks[0].id)],
        true,
    )
    .await
    .unwrap();
    let err = edit::edit_cells(
        &pool,
        &common::actor(),
        g.year.id,
        vec![cell(&out.grid, r, 0, Some("TRA"))],
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("is locked"), "{err}");
    edit::set_locked(
        &pool,
        &common::actor(),
        g.year.id,
        vec![(r, g.blocks[0].id)],
        false,
    )
    .await
    .unwrap();
    let out = edit(&pool, g.year.id, vec![cell(&out.grid, r, 0, Some("TRA"))]).await;
    assert_eq!(codes_of(&out.grid, r, 0), vec![(None, "TRA".to_string())]);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_edit_of_a_cell_someone_else_changed_is_refused_and_writes_nothing(pool: PgPool) {
    let g = demo_year(&pool).await;
    let (a, b) = (g.residents[0].id, g.residents[1].id);
    // Someone else fills the cell after this user loaded the grid (which showed it empty).
    edit(&pool, g.year.id, vec![cell(&g, a, 0, Some("GS"))]).await;
    let mut mine = cell(&g, a, 0, Some("TRA"));
    mine.expected = Some(vec![]);
    let other = cell(&g, b, 0, Some("TRA"));
    let err = edit::edit_cells(&pool, &common::actor(), g.year.id, vec![other, mine])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("changed by someone else"), "{err}");
    let now = grid::grid(&pool, g.year.id).await.unwrap();
    assert_eq!(codes_of(&now, a, 0), vec![(None, "GS".to_string())]);
    assert!(codes_of(&now, b, 0).is_empty(), "all or nothing");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_unknown_code_is_named_and_nothing_is_written(pool: PgPool) {
    let g = demo_year(&pool).await;
    let err = edit::edit_cells(
        &pool,
        &common::actor(),
        g.year.id,
        vec![
            cell(&g, g.residents[0].id, 0, Some("GS")),
            cell(&g, g.residents[1].id, 0, Some("XYZ")),
        ],
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("rotationCode"));
    assert!(err.to_string().contains("'XYZ'"));
    let now = grid::grid(&pool, g.year.id).await.unwrap();
    assert!(now.assignments.is_empty());
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn rules_read_from_stored_rows_name_the_rows(pool: PgPool) {
    let g = demo_year(&pool).await;
    let year = g.year.id;
    let pgy1 = g.residents.iter().find(|r| r.pgy == 1).unwrap();
    let on_leave = &g.leave[0];
    let leave_block = g
        .blocks
        .iter()
        .position(|b| b.start_date == on_leave.start_date)
        .unwrap();
    // The PLA expires 45 days after the demo is loaded: block 7 runs past it.
    let out = edit(
        &pool,
        year,
        vec![
            cell(&g, pgy1.id, 0, Some("CHIEF")),
            cell(&g, on_leave.resident_id, leave_block, Some("GS")),
            cell(
                &g,
                g.residents.iter().find(|r| r.pgy == 4).unwrap().id,
                6,
                Some("COMM"),
            ),
        ],
    )
    .await;
    let by_rule = |rule: Rule| {
        out.grid
            .conflicts
            .iter()
            .filter(|c| c.rule == rule)
            .map(|c| c.message.clone())
            .collect::<Vec<_>>()
    };
    let eligibility = by_rule(Rule::Eligibility);
    assert_eq!(eligibility.len(), 1);
    assert!(
        eligibility[0].contains("(PGY-1) is on CHIEF in Block 1, but CHIEF is for PGY-5 only"),
        "{eligibility:?}"
    );
    let leave = by_rule(Rule::OverLeave);
    assert_eq!(leave.len(), 1);
    assert!(leave[0].contains("is on vacation"), "{leave:?}");
    let agreement = by_rule(Rule::Agreement);
    assert_eq!(agreement.len(), 1);
    assert!(agreement[0].starts_with("Block 7: St. Brigid General Surgery Service cannot take residents, its agreement expires on 2027-01-06"), "{agreement:?}");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_edit_answers_with_what_changed_and_the_years_rules(pool: PgPool) {
    let g = demo_year(&pool).await;
    let r = g.residents[4].id;
    let first = edit(&pool, g.year.id, vec![cell(&g, r, 3, Some("GS"))]).await;
    let old = first
        .grid
        .assignments
        .iter()
        .find(|a| a.resident_id == r)
        .unwrap()
        .id;
    let out = edit::edit_cells(
        &pool,
        &common::actor(),
        g.year.id,
        vec![cell(&g, r, 3, Some("TRA"))],
    )
    .await
    .unwrap();
    let now = grid::grid(&pool, g.year.id).await.unwrap();
    assert_eq!(out.removed, vec![old]);
    assert_eq!(out.added.len(), 1);
    assert!(now.assignments.contains(&out.added[0]));
    assert_eq!(out.residents, vec![r]);
    let theirs: Vec<_> = now
        .tallies
        .iter()
        .filter(|t| t.resident_id == r)
        .cloned()
        .collect();
    assert_eq!(out.tallies, theirs);
    assert_eq!(out.conflicts, now.conflicts);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_cell_takes_the_rotations_site_and_supervisor_or_the_ones_chosen(pool: PgPool) {
    let g = demo_year(&pool).await;
    let year = g.year.id;
    let r = g.residents[0].id;
    // The grid offers the program's sites and faculty to choose from.
    assert_eq!(g.sites.len(), 6);
    assert_eq!(g.faculty.len(), 25);
    let gs = g.rotations.iter().find(|x| x.code == "GS").unwrap();
    let (home, lead) = (
        gs.default_site_id.unwrap(),
        gs.default_supervisor_id.unwrap(),
    );
    assert!(g.faculty.iter().any(|f| f.id == lead && f.is_core));

    let typed = edit(&pool, year, vec![cell(&g, r, 0, Some("GS"))]).await;
    let a = &typed.grid.assignments[0];
    assert_eq!((a.site_id, a.supervisor_id), (Some(home), Some(lead)));

    // Choosing another site and supervisor for that cell keeps the rotation.
    let elsewhere = g.sites.iter().find(|s| s.id != home).unwrap().id;
    let other = g.faculty.iter().find(|f| f.id != lead).unwrap().id;
    let chosen = edit(
        &pool,
        year,
        vec![CellEdit {
            site_id: Some(elsewhere),
            supervisor_id: Some(other),
            expected: Some(vec![a.id]),
            ..cell(&typed.grid, r, 0, Some("GS"))
        }],
    )
    .await;
    let b = &chosen.grid.assignments[0];
    assert_eq!(codes_of(&chosen.grid, r, 0), vec![(None, "GS".to_string())]);
    assert_eq!((b.site_id, b.supervisor_id), (Some(elsewhere), Some(other)));

    // Undo puts the rotation's own back.
    let undone = edit(&pool, year, chosen.undo).await;
    let c = &undone.grid.assignments[0];
    assert_eq!((c.site_id, c.supervisor_id), (Some(home), Some(lead)));
}
