//! The database kernel: who is acting, transactions that carry the actor for the audit log,
//! the migration guard, and the translation of constraint violations into words.

pub mod constraints;
pub mod migrate;

pub use sqlx::PgPool;
use sqlx::{Postgres, Transaction};

use crate::Result;

/// Who is making a change, written by the audit triggers into every audit row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(String);

impl Actor {
    /// The person at this computer, through the given front door (`desktop`, `cli`).
    pub fn local_user(door: &str) -> Self {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown".to_string());
        Actor(format!("{door}:{user}"))
    }

    pub fn named(name: impl Into<String>) -> Self {
        Actor(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Starts the transaction of one user action, with the actor set for the audit triggers.
pub async fn begin(pool: &PgPool, actor: &Actor) -> Result<Transaction<'static, Postgres>> {
    let mut tx = pool.begin().await?;
    sqlx::query_scalar!(
        "select set_config('rotunda.actor', $1, true)",
        actor.as_str()
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(tx)
}
