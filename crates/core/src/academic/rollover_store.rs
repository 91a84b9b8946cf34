//! SQL of year rollovers: the roster as the rollover reads it, the writes it makes, and the
//! record that lets it be undone.

use chrono::NaiveDate;
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use super::rollover::RosterEntry;
use crate::Result;
use crate::ids::{AcademicYearId, ProgramId, ResidentId, UserId};

pub async fn roster(conn: &mut PgConnection, program: ProgramId) -> Result<Vec<RosterEntry>> {
    Ok(sqlx::query_as!(
        RosterEntry,
        r#"select r.id as "resident_id: ResidentId", r.user_id as "user_id: UserId",
                  u.first_name || ' ' || u.last_name as "name!", r.pgy_level, r.status, r.expected_graduation_date,
                  r.actual_graduation_date
           from residents r join users u on u.id = r.user_id
           where r.program_id = $1
           order by r.pgy_level desc, u.last_name, u.first_name"#,
        program.0
    )
    .fetch_all(conn)
    .await?)
}

/// How many years the program's specialty takes, when it says.
pub async fn program_years(conn: &mut PgConnection, program: ProgramId) -> Result<Option<i32>> {
    Ok(sqlx::query_scalar!(
        "select s.typical_duration_years from programs p join ref_specialties s on s.code = p.specialty_code where p.id = $1",
        program.0
    )
    .fetch_optional(conn)
    .await?
    .flatten())
}

/// One resident's level, status and graduation date, as a rollover sets or an undo restores them.
pub struct ResidentState {
    pub resident: Uuid,
    pub pgy_level: i32,
    pub status: String,
    pub actual_graduation_date: Option<NaiveDate>,
}

/// Writes the states and returns each resident's version after the write.
pub async fn set_residents(
    conn: &mut PgConnection,
    states: &[ResidentState],
) -> Result<Vec<(Uuid, i32)>> {
    let ids: Vec<Uuid> = states.iter().map(|s| s.resident).collect();
    let levels: Vec<i32> = states.iter().map(|s| s.pgy_level).collect();
    let statuses: Vec<&str> = states.iter().map(|s| s.status.as_str()).collect();
    let dates: Vec<Option<NaiveDate>> = states.iter().map(|s| s.actual_graduation_date).collect();
    let rows = sqlx::query!(
        "update residents r set pgy_level = v.pgy, status = v.status, actual_graduation_date = v.graduated
         from unnest($1::uuid[], $2::int[], $3::text[], $4::date[]) as v(id, pgy, status, graduated)
         where r.id = v.id
         returning r.id, r.version",
        &ids,
        &levels,
        &statuses as &[&str],
        &dates as &[Option<NaiveDate>]
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.version)).collect())
}

/// The residents' current versions and names, to see whether anyone changed them since.
pub async fn resident_versions(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, i32, String)>> {
    let rows = sqlx::query!(
        r#"select r.id, r.version, u.first_name || ' ' || u.last_name as "name!"
           from residents r join users u on u.id = r.user_id where r.id = any($1)"#,
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.version, r.name))
        .collect())
}

/// Ends the open resident memberships of these people; returns the memberships ended.
pub async fn end_resident_memberships(
    conn: &mut PgConnection,
    program: ProgramId,
    ends: &[(UserId, NaiveDate)],
) -> Result<Vec<Uuid>> {
    let users: Vec<Uuid> = ends.iter().map(|(u, _)| u.0).collect();
    let dates: Vec<NaiveDate> = ends.iter().map(|(_, d)| *d).collect();
    Ok(sqlx::query_scalar!(
        "update program_memberships m set ended_at = greatest(v.ended, m.started_at)
         from unnest($2::uuid[], $3::date[]) as v(user_id, ended)
         where m.program_id = $1 and m.role = 'resident' and m.user_id = v.user_id and m.ended_at is null
         returning m.id",
        program.0,
        &users,
        &dates
    )
    .fetch_all(conn)
    .await?)
}

pub async fn reopen_memberships(conn: &mut PgConnection, ids: &[Uuid]) -> Result<()> {
    sqlx::query!(
        "update program_memberships set ended_at = null where id = any($1)",
        ids
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_current(
    conn: &mut PgConnection,
    program: ProgramId,
    year: AcademicYearId,
) -> Result<()> {
    sqlx::query!(
        "update academic_years set is_current = (id = $2) where program_id = $1 and (is_current or id = $2)",
        program.0,
        year.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_rollover(
    conn: &mut PgConnection,
    id: Uuid,
    program: ProgramId,
    from: AcademicYearId,
    to: AcademicYearId,
    changes: &Value,
) -> Result<()> {
    sqlx::query!(
        "insert into year_rollovers (id, program_id, from_year_id, to_year_id, changes) values ($1, $2, $3, $4, $5)",
        id,
        program.0,
        from.0,
        to.0,
        changes
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct RolloverRow {
    pub id: Uuid,
    pub from_year_id: AcademicYearId,
    pub to_year_id: Option<AcademicYearId>,
    pub changes: Value,
}

/// The program's latest rollover that has not been undone, locked for the undo.
pub async fn latest_rollover(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Option<RolloverRow>> {
    Ok(sqlx::query_as!(
        RolloverRow,
        r#"select id, from_year_id as "from_year_id: AcademicYearId", to_year_id as "to_year_id: AcademicYearId", changes
           from year_rollovers where program_id = $1 and undone_at is null
           order by created_at desc limit 1 for update"#,
        program.0
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn mark_undone(conn: &mut PgConnection, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update year_rollovers set undone_at = clock_timestamp() where id = $1",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}
