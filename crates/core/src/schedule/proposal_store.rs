//! SQL for proposals: the year's elective requests, and the record of each applied proposal
//! (the edits that undo it) so the latest can be undone.

use sqlx::PgConnection;

use super::instance::ElectiveRequest;
use crate::Result;
use crate::ids::{AcademicYearId, BlockId, ResidentId, RotationTypeId, ScheduleApplicationId};

pub async fn requests_of_year(
    conn: &mut PgConnection,
    year: AcademicYearId,
) -> Result<Vec<ElectiveRequest>> {
    Ok(sqlx::query_as!(
        ElectiveRequest,
        r#"select resident_id as "resident: ResidentId", rank,
                  rotation_type_id as "rotation: RotationTypeId", block_id as "block: BlockId"
           from elective_requests where academic_year_id = $1 order by resident_id, rank"#,
        year.0
    )
    .fetch_all(conn)
    .await?)
}

pub async fn insert_application(
    conn: &mut PgConnection,
    id: ScheduleApplicationId,
    year: AcademicYearId,
    undo: &serde_json::Value,
    written: &[uuid::Uuid],
    objective: &serde_json::Value,
) -> Result<()> {
    sqlx::query!(
        "insert into schedule_applications (id, academic_year_id, replaced, written_ids, objective)
         values ($1, $2, $3, $4, $5)",
        id.0,
        year.0,
        undo,
        written,
        objective
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct StoredApplication {
    pub id: ScheduleApplicationId,
    pub undo: serde_json::Value,
}

/// The year's latest applied proposal that has not been undone.
pub async fn latest_application(
    conn: &mut PgConnection,
    year: AcademicYearId,
) -> Result<Option<StoredApplication>> {
    Ok(sqlx::query_as!(
        StoredApplication,
        r#"select id as "id: ScheduleApplicationId", replaced as undo
           from schedule_applications
           where academic_year_id = $1 and undone_at is null
           order by created_at desc limit 1"#,
        year.0
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn mark_undone(conn: &mut PgConnection, id: ScheduleApplicationId) -> Result<()> {
    sqlx::query!(
        "update schedule_applications set undone_at = clock_timestamp() where id = $1",
        id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}
