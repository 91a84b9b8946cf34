//! The residents a form or a screen chooses from (those in training, by PGY and name), and the
//! program's residents by e-mail, as the record imports name them.

use serde::Serialize;
use sqlx::PgConnection;
use ts_rs::TS;

use crate::Result;
use crate::ids::{ProgramId, ResidentId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentChoice {
    pub id: ResidentId,
    /// "Last, First".
    pub name: String,
    pub pgy: i32,
    pub email: String,
}

/// The program's residents in training (active, off cycle or on leave of absence).
pub async fn residents(conn: &mut PgConnection, program: ProgramId) -> Result<Vec<ResidentChoice>> {
    Ok(sqlx::query_as!(
        ResidentChoice,
        r#"select r.id as "id: ResidentId", u.last_name || ', ' || u.first_name as "name!",
                  r.pgy_level as pgy, u.email::text as "email!"
           from residents r join users u on u.id = r.user_id
           where r.program_id = $1 and r.status in ('active', 'off_cycle', 'leave_of_absence')
           order by r.pgy_level, u.last_name, u.first_name, r.id"#,
        program.0
    )
    .fetch_all(conn)
    .await?)
}

/// Every resident of the program (whatever their status) by lower-case e-mail: how files from
/// other systems name them.
pub async fn residents_by_email(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<std::collections::HashMap<String, ResidentId>> {
    Ok(sqlx::query!(
        r#"select lower(u.email::text) as "email!", r.id as "id: ResidentId"
           from residents r join users u on u.id = r.user_id where r.program_id = $1"#,
        program.0
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.email, r.id))
    .collect())
}
