//! The audit log: every write leaves a row with its actor and before/after images, and the log
//! itself cannot be changed.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::academic::{BlockEditInput, service};
use rotunda_core::db::Actor;
use rotunda_core::people::roster::{ImportMode, RosterKind, import_roster};
use rotunda_core::{Error, ErrorKind};
use serde_json::Value;
use sqlx::{PgPool, Row};

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_edit_is_audited_with_actor_and_before_and_after(pool: PgPool) {
    let (_, _, blocks) = common::year_with_blocks(&pool).await;
    let block = &blocks[0];
    service::update_block(
        &pool,
        &Actor::named("desktop:mara.coordinator"),
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

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_roster_import_leaves_one_audit_row_per_written_row(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let text = "email,first_name,last_name,pgy_level\n\
                jose.nunez@example.org,José,Núñez,1\n\
                zoe@example.org,Zoë,Ødegaard,2\n\
                wei@example.org,伟,王,3\n";
    let report = import_roster(
        &pool,
        &Actor::named("desktop:mara.coordinator"),
        program.id,
        RosterKind::Residents,
        text,
        ImportMode::Apply,
        &|_| {},
    )
    .await
    .unwrap();
    assert!(report.applied, "the roster imported");

    for table in ["users", "program_memberships", "residents"] {
        // The tables are ours, not input: formatting the name in is safe.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "select a.actor, a.action, a.before, a.after = to_jsonb(t) as image_is_the_row
             from audit_logs a left join {table} t on t.id = a.row_id
             where a.table_name = $1"
        )))
        .bind(table)
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(rows.len(), 3, "{table}: one audit row per written row");
        for row in &rows {
            assert_eq!(row.get::<String, _>("actor"), "desktop:mara.coordinator");
            assert_eq!(row.get::<String, _>("action"), "insert");
            assert_eq!(row.get::<Option<Value>, _>("before"), None);
            assert_eq!(
                row.get::<Option<bool>, _>("image_is_the_row"),
                Some(true),
                "{table}: the after image is the stored row it names"
            );
        }
    }
}

/// A table tracked by a later migration, through `track_table`, written many rows at a time.
async fn tracked_probe(pool: &PgPool) {
    for statement in [
        "create table audit_probe (
             id uuid primary key, name text not null, rank integer not null,
             created_at timestamptz not null default clock_timestamp(),
             updated_at timestamptz not null default clock_timestamp(),
             version integer not null default 1)",
        "select track_table('audit_probe')",
    ] {
        sqlx::query(statement).execute(pool).await.unwrap();
    }
}

async fn as_actor(pool: &PgPool, statement: &'static str) -> Result<u64, Error> {
    let mut tx = rotunda_core::db::begin(pool, &Actor::named("cli:office")).await?;
    let done = sqlx::query(statement).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_many_row_update_pairs_each_rows_before_and_after(pool: PgPool) {
    tracked_probe(&pool).await;
    as_actor(
        &pool,
        "insert into audit_probe (id, name, rank)
         select gen_random_uuid(), 'Row ' || n, n from generate_series(1, 5) n",
    )
    .await
    .unwrap();
    // Every row changes differently, so a before paired with the wrong after would show.
    let updated = as_actor(
        &pool,
        "update audit_probe set name = name || ' renamed', rank = rank * 10 where rank <= 4",
    )
    .await
    .unwrap();
    assert_eq!(updated, 4);

    let rows = sqlx::query(
        "select actor, row_id, before, after from audit_logs
         where table_name = 'audit_probe' and action = 'update'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 4, "one audit row per updated row");
    for row in &rows {
        assert_eq!(row.get::<String, _>("actor"), "cli:office");
        let id: uuid::Uuid = row.get("row_id");
        let before: Value = row.get("before");
        let after: Value = row.get("after");
        assert_eq!(
            before["id"],
            id.to_string(),
            "the before image is its row's"
        );
        assert_eq!(after["id"], id.to_string(), "the after image is its row's");
        let rank = before["rank"].as_i64().unwrap();
        assert_eq!(before["name"], format!("Row {rank}"));
        assert_eq!(after["name"], format!("Row {rank} renamed"));
        assert_eq!(after["rank"].as_i64(), Some(rank * 10));
        assert_eq!(before["version"].as_i64(), Some(1));
        assert_eq!(after["version"].as_i64(), Some(2), "the version was bumped");
    }

    let deleted = as_actor(&pool, "delete from audit_probe where rank >= 20")
        .await
        .unwrap();
    assert_eq!(deleted, 3);
    let gone: Vec<(String, Option<Value>, Value)> = sqlx::query_as(
        "select actor, after, before from audit_logs
         where table_name = 'audit_probe' and action = 'delete' order by (before->>'rank')::int",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let ranks: Vec<&Value> = gone.iter().map(|(_, _, before)| &before["rank"]).collect();
    assert_eq!(
        ranks,
        [20, 30, 40],
        "each deleted row leaves its last image"
    );
    assert!(
        gone.iter()
            .all(|(actor, after, _)| actor == "cli:office" && after.is_none())
    );
    let inserts: i64 = sqlx::query_scalar(
        "select count(*) from audit_logs where table_name = 'audit_probe' and action = 'insert'
         and actor = 'cli:office' and before is null",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(inserts, 5, "one audit row per inserted row");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_update_that_changes_a_rows_id_is_refused(pool: PgPool) {
    tracked_probe(&pool).await;
    as_actor(
        &pool,
        "insert into audit_probe (id, name, rank) values (gen_random_uuid(), 'Row 1', 1)",
    )
    .await
    .unwrap();
    let err = as_actor(&pool, "update audit_probe set id = gen_random_uuid()")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert!(err.to_string().contains("cannot change"), "{err}");
    let updates: i64 =
        sqlx::query_scalar("select count(*) from audit_logs where action = 'update'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(updates, 0, "nothing was written");
}
