//! Migrations on connect: a database set up by a newer Rotunda is refused and left untouched.
#![allow(clippy::unwrap_used)]

use rotunda_core::db::migrate;
use rotunda_core::{Error, ErrorKind};
use sqlx::PgPool;

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn migrating_an_up_to_date_database_changes_nothing(pool: PgPool) {
    let before: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    migrate::migrate(&pool).await.unwrap();
    let after: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(
        migrate::database_schema_version(&pool).await.unwrap(),
        Some(migrate::app_schema_version())
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_database_with_a_newer_schema_is_refused_untouched(pool: PgPool) {
    let future = migrate::app_schema_version() + 1_000_000;
    sqlx::query("insert into _sqlx_migrations (version, description, success, checksum, execution_time) values ($1, 'from a newer Rotunda', true, '\\x00', 1)")
        .bind(future)
        .execute(&pool)
        .await
        .unwrap();
    let snapshot =
        "select count(*)::bigint from pg_class where relnamespace = 'public'::regnamespace";
    let objects_before: i64 = sqlx::query_scalar(snapshot).fetch_one(&pool).await.unwrap();
    let rows_before: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();

    let err = migrate::migrate(&pool).await.unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { database, .. } if database == future));
    assert_eq!(err.kind(), ErrorKind::Unavailable);
    assert!(
        err.to_string().contains("newer Rotunda") && err.to_string().contains("was not changed"),
        "{err}"
    );

    let objects_after: i64 = sqlx::query_scalar(snapshot).fetch_one(&pool).await.unwrap();
    let rows_after: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        (objects_before, rows_before),
        (objects_after, rows_after),
        "the database was not touched"
    );
}
