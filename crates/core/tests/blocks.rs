//! Blocks against a real database: generation, replacement, edits under optimistic concurrency,
//! and the rules the database enforces on its own when the core is bypassed.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::academic::{BlockEditInput, GenerateBlocksInput, YearEditInput, service};
use rotunda_core::{Error, ErrorKind};
use sqlx::PgPool;

fn edit(block: &rotunda_core::academic::Block, start: &str, end: &str) -> BlockEditInput {
    BlockEditInput {
        id: block.id,
        version: block.version,
        name: block.name.clone(),
        start_date: start.into(),
        end_date: end.into(),
        split_date: None,
        move_neighbours: false,
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn thirteen_four_week_blocks_are_generated_and_recorded(pool: PgPool) {
    let (_, year, blocks) = common::year_with_blocks(&pool).await;
    assert_eq!(blocks.len(), 13);
    assert_eq!(blocks[0].start_date.to_string(), "2026-07-01");
    assert_eq!(blocks[12].end_date.to_string(), "2027-06-30");
    assert_eq!(
        blocks[12].days, 29,
        "the leftover day goes to the last block"
    );
    let year = service::year_by_id(&pool, year.id).await.unwrap();
    assert_eq!(year.block_count, 13);
    assert_eq!(year.block_pattern.as_deref(), Some("13x4w"));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn generating_over_existing_blocks_needs_confirmation(pool: PgPool) {
    let (_, year, _) = common::year_with_blocks(&pool).await;
    let preview = service::preview_blocks(&pool, common::plan(&year, "26x2w"))
        .await
        .unwrap();
    assert_eq!(preview.blocks.len(), 26);
    assert_eq!(
        preview.existing_blocks, 13,
        "the preview says what would be replaced"
    );
    let refused = service::generate_blocks(
        &pool,
        &common::actor(),
        GenerateBlocksInput {
            plan: common::plan(&year, "26x2w"),
            replace_existing: false,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert_eq!(
        service::list_blocks(&pool, year.id).await.unwrap().len(),
        13,
        "nothing was replaced without confirmation"
    );
    let replaced = service::generate_blocks(
        &pool,
        &common::actor(),
        GenerateBlocksInput {
            plan: common::plan(&year, "26x2w"),
            replace_existing: true,
        },
    )
    .await
    .unwrap();
    assert_eq!(replaced.len(), 26);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_overlapping_edit_names_the_blocks_and_writes_nothing(pool: PgPool) {
    let (_, year, blocks) = common::year_with_blocks(&pool).await;
    let err = service::update_block(
        &pool,
        &common::actor(),
        edit(&blocks[2], "2026-08-20", "2026-09-22"),
    )
    .await
    .unwrap_err();
    let report = err.report();
    assert_eq!(report.kind, ErrorKind::Conflict);
    assert_eq!(
        report.message,
        "Block 3 overlaps Block 2: 2026-07-29..2026-08-25"
    );
    assert_eq!(report.field.as_deref(), Some("startDate"));
    assert_eq!(
        service::list_blocks(&pool, year.id).await.unwrap(),
        blocks,
        "nothing was written"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_edit_that_opens_a_gap_is_refused_unless_neighbours_move(pool: PgPool) {
    let (_, year, blocks) = common::year_with_blocks(&pool).await;
    let gap = service::update_block(
        &pool,
        &common::actor(),
        edit(&blocks[2], "2026-08-30", "2026-09-22"),
    )
    .await
    .unwrap_err();
    assert_eq!(gap.report().field.as_deref(), Some("startDate"));
    assert!(gap.to_string().contains("2026-08-26..2026-08-29"), "{gap}");

    let mut moving = edit(&blocks[2], "2026-08-30", "2026-09-22");
    moving.move_neighbours = true;
    let after = service::update_block(&pool, &common::actor(), moving)
        .await
        .unwrap();
    assert_eq!(
        after[1].end_date.to_string(),
        "2026-08-29",
        "Block 2 now ends the day before Block 3 starts"
    );
    assert_eq!(after[2].start_date.to_string(), "2026-08-30");
    assert_eq!(after[1].version, blocks[1].version + 1);
    let year = service::year_by_id(&pool, year.id).await.unwrap();
    assert_eq!(year.block_count, 13);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_stale_block_edit_is_a_conflict_and_writes_nothing(pool: PgPool) {
    let (_, year, blocks) = common::year_with_blocks(&pool).await;
    let mut rename = edit(&blocks[0], "2026-07-01", "2026-07-28");
    rename.name = "Orientation".into();
    service::update_block(&pool, &common::actor(), rename.clone())
        .await
        .unwrap();
    rename.name = "Stale rename".into();
    let err = service::update_block(&pool, &common::actor(), rename)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("changed by someone else"), "{err}");
    let now = service::list_blocks(&pool, year.id).await.unwrap();
    assert_eq!(now[0].name, "Orientation", "the stale edit wrote nothing");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_database_refuses_an_overlapping_block_when_the_core_is_bypassed(pool: PgPool) {
    let (_, year, _) = common::year_with_blocks(&pool).await;
    // Deferred constraints fire at commit: the raw statement succeeds, the commit is refused.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("update blocks set start_date = '2026-08-20' where academic_year_id = $1 and block_number = 3")
        .bind(year.id.0)
        .execute(&mut *tx)
        .await
        .unwrap();
    let err = Error::from(tx.commit().await.unwrap_err());
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("Two blocks of this year would overlap: 2026-08-20..2026-09-22 and 2026-07-29..2026-08-25"), "{err}");
    let block3: chrono::NaiveDate = sqlx::query_scalar(
        "select start_date from blocks where academic_year_id = $1 and block_number = 3",
    )
    .bind(year.id.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        block3.to_string(),
        "2026-08-26",
        "the refused change did not land"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_database_refuses_gaps_and_blocks_outside_the_year(pool: PgPool) {
    let (_, year, _) = common::year_with_blocks(&pool).await;
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("update blocks set start_date = '2026-08-30' where academic_year_id = $1 and block_number = 3")
        .bind(year.id.0)
        .execute(&mut *tx)
        .await
        .unwrap();
    let gap = Error::from(tx.commit().await.unwrap_err());
    assert_eq!(
        gap.to_string(),
        "Gap: Block 2 ends on 2026-08-25 but Block 3 starts on 2026-08-30"
    );

    let mut tx = pool.begin().await.unwrap();
    sqlx::query("update blocks set end_date = '2027-07-15' where academic_year_id = $1 and block_number = 13")
        .bind(year.id.0)
        .execute(&mut *tx)
        .await
        .unwrap();
    let outside = Error::from(tx.commit().await.unwrap_err());
    assert!(
        outside
            .to_string()
            .contains("lies outside the academic year 2026-2027"),
        "{outside}"
    );

    // With gaps allowed, the same gap is accepted.
    let year = service::year_by_id(&pool, year.id).await.unwrap();
    service::update_year(
        &pool,
        &common::actor(),
        YearEditInput {
            id: year.id,
            version: year.version,
            name: year.name.clone(),
            start_date: "2026-07-01".into(),
            end_date: "2027-06-30".into(),
            is_current: true,
            allow_gaps: true,
        },
    )
    .await
    .unwrap();
    sqlx::query("update blocks set start_date = '2026-08-30' where academic_year_id = $1 and block_number = 3")
        .bind(year.id.0)
        .execute(&pool)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_year_whose_blocks_are_referenced_cannot_be_deleted_and_says_by_what(pool: PgPool) {
    let (_, year, blocks) = common::year_with_blocks(&pool).await;
    // Rotation assignments arrive with the schedule; a stand-in table refers to a block the same way.
    sqlx::query("create table rotation_assignments_probe (id uuid primary key, block_id uuid not null references blocks (id))")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("insert into rotation_assignments_probe values ($1, $2)")
        .bind(uuid::Uuid::now_v7())
        .bind(blocks[4].id.0)
        .execute(&pool)
        .await
        .unwrap();
    let year = service::year_by_id(&pool, year.id).await.unwrap();
    let err = service::delete_year(&pool, &common::actor(), year.id, year.version)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(
        err.to_string(),
        "The academic year 2026-2027 cannot be deleted: rotation assignments probe still refer to its blocks"
    );
    assert_eq!(
        service::list_blocks(&pool, year.id).await.unwrap().len(),
        13,
        "nothing was deleted"
    );

    sqlx::query("delete from rotation_assignments_probe")
        .execute(&pool)
        .await
        .unwrap();
    let year = service::year_by_id(&pool, year.id).await.unwrap();
    service::delete_year(&pool, &common::actor(), year.id, year.version)
        .await
        .unwrap();
    assert!(
        service::year_by_id(&pool, year.id).await.is_err(),
        "an unreferenced year can be deleted"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn split_dates_are_stored_and_checked(pool: PgPool) {
    let (_, year, blocks) = common::year_with_blocks(&pool).await;
    let mut split = edit(&blocks[0], "2026-07-01", "2026-07-28");
    split.split_date = Some("2026-07-15".into());
    let after = service::update_block(&pool, &common::actor(), split.clone())
        .await
        .unwrap();
    assert_eq!(
        after[0].split_date.map(|d| d.to_string()).as_deref(),
        Some("2026-07-15")
    );

    let mut outside = split;
    outside.version = after[0].version;
    outside.split_date = Some("2026-08-15".into());
    let err = service::update_block(&pool, &common::actor(), outside)
        .await
        .unwrap_err();
    assert_eq!(err.report().field.as_deref(), Some("splitDate"));
    let raw = sqlx::query("update blocks set split_date = start_date where academic_year_id = $1 and block_number = 2")
        .bind(year.id.0)
        .execute(&pool)
        .await
        .unwrap_err();
    assert_eq!(
        Error::from(raw).report().field.as_deref(),
        Some("splitDate")
    );
}
