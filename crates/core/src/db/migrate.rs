//! Schema migrations, run on every connect. A database whose schema is newer than this build is
//! refused before anything is written to it.

use sqlx::PgPool;
use sqlx::migrate::Migrator;

use crate::{Error, Result};

pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// The newest schema version this build knows.
pub fn app_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The newest schema version applied to the database, if it was ever migrated.
pub async fn database_schema_version(pool: &PgPool) -> Result<Option<i64>> {
    let exists = sqlx::query_scalar!(
        r#"select to_regclass('public._sqlx_migrations') is not null as "exists!""#
    )
    .fetch_one(pool)
    .await?;
    if !exists {
        return Ok(None);
    }
    // Dynamic: the bookkeeping table may not exist when queries are checked at build time.
    let version: Option<i64> =
        sqlx::query_scalar("select max(version) from _sqlx_migrations where success")
            .fetch_one(pool)
            .await?;
    Ok(version)
}

/// Brings the schema and the shipped reference sets up to date, or refuses a database set up by a
/// newer Rotunda, untouched.
pub async fn migrate(pool: &PgPool) -> Result<()> {
    let app = app_schema_version();
    if let Some(database) = database_schema_version(pool).await?
        && database > app
    {
        return Err(Error::SchemaTooNew { database, app });
    }
    MIGRATOR.run(pool).await?;
    // The reference sets Rotunda ships are data, brought up to date on every database it opens.
    crate::assessment::reference_store::install_shipped(pool).await?;
    Ok(())
}
