//! One round of notifications, as the app's background worker and `rotunda notify run` do it:
//! every program's rules, then one delivery pass when the webhook is on.

use chrono::{Local, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::centre;
use super::delivery::{self, PassReport};
use super::webhook;
use crate::Result;
use crate::db::{Actor, PgPool};
use crate::ids::ProgramId;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundReport {
    /// New notifications raised.
    #[ts(type = "number")]
    pub raised: u64,
    /// None when no webhook is on.
    pub delivery: Option<PassReport>,
    /// Deliveries still waiting for a later try.
    #[ts(type = "number")]
    pub waiting: i64,
    /// Deliveries that gave up.
    #[ts(type = "number")]
    pub dead: i64,
}

/// Raises what is due in every program as of today (local), then delivers what is due, the
/// newly raised included.
pub async fn round(pool: &PgPool, actor: &Actor) -> Result<RoundReport> {
    let today = Local::now().date_naive();
    let programs =
        sqlx::query_scalar!(r#"select id as "id: ProgramId" from programs order by code"#)
            .fetch_all(pool)
            .await?;
    let mut raised = 0;
    for program in programs {
        raised += centre::raise_due(pool, actor, program, today).await?;
    }
    let delivery = match webhook::active(pool).await? {
        Some(hook) => {
            let client = delivery::client(&hook)?;
            Some(delivery::run_pass(pool, &client, &hook, Utc::now()).await?)
        }
        None => None,
    };
    let left = sqlx::query!(
        r#"select count(*) filter (where status = 'pending') as "waiting!",
                  count(*) filter (where status = 'dead') as "dead!"
           from notification_deliveries"#
    )
    .fetch_one(pool)
    .await?;
    Ok(RoundReport {
        raised,
        delivery,
        waiting: left.waiting,
        dead: left.dead,
    })
}
