//! The audit log: every write leaves a row with its actor and before/after images, and the log
//! itself cannot be changed.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::academic::{BlockEditInput, service};
use rotunda_core::{Error, ErrorKind};
use serde_json::Value;
use sqlx::{PgPool, Row};

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_edit_is_audited_with_actor_and_before_and_after(pool: PgPool) {
    let (_, _, blocks) = common::year_with_blocks(&pool).await;
    let block = &blocks[0];
    service::update_block(
        &pool,
        &rotunda_core::db::Actor::named("desktop:mara.coordinator"),
        BlockEditInput {
            id: block.id,
            version: block.version,
            name: "Orientation".into(),
            start_date: "2026-07-01".into(),
            end_date: "2026-07-28".into(),
            split_date: None,
            move_neighbours: false,
        },
    )
    .await
    .unwrap();
    let row = sqlx::query("select actor, action, before, after from audit_logs where table_name = 'blocks' and row_id = $1 and action = 'update'")
        .bind(block.id.0)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(row.get::<String, _>("actor"), "desktop:mara.coordinator");
    let before: Value = row.get("before");
    let after: Value = row.get("after");
    assert_eq!(before["name"], "Block 1");
    assert_eq!(after["name"], "Orientation");
    assert_eq!(
        after["version"].as_i64(),
        before["version"].as_i64().map(|v| v + 1)
    );

    let inserts: i64 = sqlx::query_scalar("select count(*) from audit_logs where table_name = 'blocks' and action = 'insert' and actor = 'test:coordinator'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        inserts, 13,
        "each generated block was audited under the acting user"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_write_outside_the_app_is_still_attributed(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    sqlx::query("update programs set name = 'Surgery' where id = $1")
        .bind(program.id.0)
        .execute(&pool)
        .await
        .unwrap();
    let actor: String = sqlx::query_scalar(
        "select actor from audit_logs where table_name = 'programs' and action = 'update'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        actor.starts_with("db:"),
        "attributed to the database role: {actor}"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn audit_rows_cannot_be_updated_deleted_or_truncated(pool: PgPool) {
    common::program(&pool, "GS").await;
    let before: i64 = sqlx::query_scalar("select count(*) from audit_logs")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(before > 0);
    for statement in [
        "update audit_logs set actor = 'someone else'",
        "delete from audit_logs",
        "truncate audit_logs",
    ] {
        let err = Error::from(sqlx::query(statement).execute(&pool).await.unwrap_err());
        assert_eq!(err.kind(), ErrorKind::Forbidden, "{statement}");
        assert!(
            err.to_string().contains("append-only"),
            "{statement}: {err}"
        );
    }
    let after: i64 = sqlx::query_scalar("select count(*) from audit_logs")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(after, before, "the log is unchanged");
    let tampered: i64 =
        sqlx::query_scalar("select count(*) from audit_logs where actor = 'someone else'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(tampered, 0);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn ids_made_by_the_database_are_uuid_v7(pool: PgPool) {
    let version: i32 = sqlx::query_scalar("select get_byte(uuid_send(rotunda_uuid_v7()), 6) >> 4")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(version, 7);
}
