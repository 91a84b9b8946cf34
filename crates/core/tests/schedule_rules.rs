//! The rules a grid shows, read from stored rows (requirement tallies, back to back, heavy runs,
//! site capacity), and leave and elective requests as a coordinator records them.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::ErrorKind;
use rotunda_core::academic::service as academic;
use rotunda_core::demo;
use rotunda_core::schedule::checks::Rule;
use rotunda_core::schedule::edit::{self, CellEdit};
use rotunda_core::schedule::grid::{self, GridResident, ScheduleGrid};
use rotunda_core::schedule::leave::{self, LeaveInput, RequestInput};
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The demo year with empty cells.
async fn empty_demo(pool: &PgPool) -> ScheduleGrid {
    let summary = demo::load_demo(pool, &common::actor(), 11, today())
        .await
        .unwrap();
    sqlx::query("delete from rotation_assignments")
        .execute(pool)
        .await
        .unwrap();
    let year = academic::list_years(pool, summary.program.id)
        .await
        .unwrap()[0]
        .id;
    grid::grid(pool, year).await.unwrap()
}

fn cell(g: &ScheduleGrid, r: &GridResident, block: usize, code: &str) -> CellEdit {
    CellEdit {
        resident_id: r.id,
        block_id: g.blocks[block].id,
        half: None,
        rotation_code: Some(code.into()),
        site_id: None,
        supervisor_id: None,
        expected: None,
    }
}

fn messages(g: &ScheduleGrid, rule: Rule, who: &GridResident) -> Vec<String> {
    g.conflicts
        .iter()
        .filter(|c| c.rule == rule && c.resident_ids.contains(&who.id))
        .map(|c| c.message.clone())
        .collect()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn tallies_back_to_back_heavy_runs_and_capacity_are_read_from_stored_rows(pool: PgPool) {
    let g = empty_demo(&pool).await;
    let pgy1: Vec<&GridResident> = g.residents.iter().filter(|r| r.pgy == 1).collect();
    let ana = pgy1[0];
    // NF three blocks running: back to back twice, three heavy blocks in a row, 12 of at most 8 weeks.
    let mut edits = vec![
        cell(&g, ana, 0, "NF"),
        cell(&g, ana, 1, "NF"),
        cell(&g, ana, 2, "NF"),
    ];
    // Four residents in the Pediatric Pavilion (capacity 3) in block 5.
    let seniors: Vec<&GridResident> = g.residents.iter().filter(|r| r.pgy == 3).collect();
    edits.extend(seniors.iter().take(4).map(|r| cell(&g, r, 4, "PEDS")));
    edit::edit_cells(&pool, &common::actor(), g.year.id, edits)
        .await
        .unwrap();
    let out = grid::grid(&pool, g.year.id).await.unwrap();

    assert_eq!(
        messages(&out, Rule::BackToBack, ana).len(),
        2,
        "blocks 1-2 and 2-3"
    );
    let heavy = messages(&out, Rule::ConsecutiveHeavy, ana);
    assert_eq!(heavy.len(), 1);
    assert!(heavy[0].contains("has 3 heavy blocks in a row (Block 1, Block 2, Block 3: NF, NF, NF); the program allows 2 in a row"), "{heavy:?}");
    let over = messages(&out, Rule::RequirementOver, ana);
    assert_eq!(
        over,
        vec![format!(
            "{} has 12 weeks of NF; PGY-1 residents may do at most 8 (Block 1, Block 2, Block 3)",
            ana.name
        )]
    );
    let short = messages(&out, Rule::RequirementShort, ana);
    assert!(
        short.iter().any(|m| m
            == &format!(
                "{} has 0 of the 4 weeks of SICU PGY-1 residents need",
                ana.name
            )),
        "{short:?}"
    );
    let capacity: Vec<_> = out
        .conflicts
        .iter()
        .filter(|c| c.rule == Rule::SiteCapacity)
        .collect();
    assert_eq!(capacity.len(), 1);
    assert!(
        capacity[0]
            .message
            .starts_with("Block 5: Riverside Children's Pavilion takes 3 residents but has 4"),
        "{}",
        capacity[0].message
    );
    assert_eq!(capacity[0].resident_ids.len(), 4);
    let tally = out
        .tallies
        .iter()
        .find(|t| t.resident_id == ana.id && t.weeks == 12)
        .unwrap();
    assert_eq!((tally.min_weeks, tally.max_weeks), (4, Some(8)));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn leave_is_recorded_flagged_under_an_assignment_and_never_overlaps(pool: PgPool) {
    let g = empty_demo(&pool).await;
    let r = g
        .residents
        .iter()
        .find(|r| !g.leave.iter().any(|l| l.resident_id == r.id))
        .unwrap();
    let b = &g.blocks[3];
    edit::edit_cells(
        &pool,
        &common::actor(),
        g.year.id,
        vec![cell(&g, r, 3, "GS")],
    )
    .await
    .unwrap();
    let input = |start: &str, end: &str| LeaveInput {
        resident_id: r.id,
        kind: "sick".into(),
        start_date: start.into(),
        end_date: end.into(),
        note: None,
    };
    let start = b.start_date.to_string();
    let end = (b.start_date + chrono::Days::new(4)).to_string();
    let id = leave::add_leave(&pool, &common::actor(), input(&start, &end))
        .await
        .unwrap();
    let now = grid::grid(&pool, g.year.id).await.unwrap();
    let over = messages(&now, Rule::OverLeave, r);
    assert_eq!(
        over,
        vec![format!(
            "{} is on sick leave {start}..{end} but is on GS in Block 4",
            r.name
        )]
    );

    let err = leave::add_leave(&pool, &common::actor(), input(&end, &end))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.to_string()
            .starts_with("The resident already has leave on those dates"),
        "{err}"
    );

    leave::remove_leave(&pool, &common::actor(), id)
        .await
        .unwrap();
    let now = grid::grid(&pool, g.year.id).await.unwrap();
    assert!(messages(&now, Rule::OverLeave, r).is_empty());
    let err = leave::remove_leave(&pool, &common::actor(), id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn requests_are_replaced_in_rank_order_and_at_most_three(pool: PgPool) {
    let g = empty_demo(&pool).await;
    let r = g.residents.iter().find(|r| r.pgy == 3).unwrap();
    let code = |c: &str| g.rotations.iter().find(|x| x.code == c).unwrap().id;
    let wishes = vec![
        RequestInput {
            rotation_type_id: code("VASC"),
            block_id: Some(g.blocks[2].id),
        },
        RequestInput {
            rotation_type_id: code("RES"),
            block_id: None,
        },
    ];
    leave::set_requests(&pool, &common::actor(), g.year.id, r.id, wishes)
        .await
        .unwrap();
    let now = grid::grid(&pool, g.year.id).await.unwrap();
    let mine: Vec<_> = now.requests.iter().filter(|q| q.resident == r.id).collect();
    assert_eq!(mine.len(), 2);
    assert_eq!(
        (mine[0].rank, mine[0].rotation, mine[0].block),
        (1, code("VASC"), Some(g.blocks[2].id))
    );
    assert_eq!((mine[1].rank, mine[1].block), (2, None));

    let four = vec![
        RequestInput {
            rotation_type_id: code("RES"),
            block_id: None
        };
        4
    ];
    let err = leave::set_requests(&pool, &common::actor(), g.year.id, r.id, four)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("requests"));
    let twice = vec![
        RequestInput {
            rotation_type_id: code("RES"),
            block_id: None
        };
        2
    ];
    let err = leave::set_requests(&pool, &common::actor(), g.year.id, r.id, twice)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Request 2 repeats"), "{err}");

    leave::set_requests(&pool, &common::actor(), g.year.id, r.id, vec![])
        .await
        .unwrap();
    let now = grid::grid(&pool, g.year.id).await.unwrap();
    assert!(now.requests.iter().all(|q| q.resident != r.id));
}
