//! SQL of one person's detail and its edits; every update checks the version it was given.

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::edit::{FacultyDetail, Membership, PersonDetail, ResidentDetail};
use crate::Result;
use crate::ids::{FacultyId, MembershipId, ProgramId, ResidentId, UserId};

/// The person's own fields; their memberships and records are read separately.
pub async fn person(conn: &mut PgConnection, user: UserId) -> Result<Option<PersonDetail>> {
    let row = sqlx::query!(
        r#"select id as "id: UserId", email::text as "email!", first_name, last_name, phone, is_active, version
           from users where id = $1"#,
        user.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| PersonDetail {
        user_id: r.id,
        email: r.email,
        first_name: r.first_name,
        last_name: r.last_name,
        phone: r.phone,
        is_active: r.is_active,
        version: r.version,
        memberships: Vec::new(),
        resident: None,
        faculty: None,
    }))
}

pub async fn memberships(
    conn: &mut PgConnection,
    program: ProgramId,
    user: UserId,
) -> Result<Vec<Membership>> {
    Ok(sqlx::query_as!(
        Membership,
        r#"select id as "id: MembershipId", role, started_at, ended_at, version
           from program_memberships where program_id = $1 and user_id = $2
           order by ended_at is not null, started_at desc, role"#,
        program.0,
        user.0
    )
    .fetch_all(conn)
    .await?)
}

pub async fn resident(
    conn: &mut PgConnection,
    program: ProgramId,
    user: UserId,
) -> Result<Option<ResidentDetail>> {
    Ok(sqlx::query_as!(
        ResidentDetail,
        r#"select id as "id: ResidentId", pgy_level, entry_pgy_level, matriculation_date, expected_graduation_date,
                  actual_graduation_date, track, medical_school, degree_type, status, version
           from residents where program_id = $1 and user_id = $2"#,
        program.0,
        user.0
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn faculty(
    conn: &mut PgConnection,
    program: ProgramId,
    user: UserId,
) -> Result<Option<FacultyDetail>> {
    Ok(sqlx::query_as!(
        FacultyDetail,
        r#"select id as "id: FacultyId", rank, department, specialty, is_core_faculty, teaching_percentage,
                  started_at, version
           from faculty where program_id = $1 and user_id = $2"#,
        program.0,
        user.0
    )
    .fetch_optional(conn)
    .await?)
}

pub struct PersonChange<'a> {
    pub id: UserId,
    pub version: i32,
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub phone: Option<&'a str>,
    pub is_active: bool,
}

/// False when the version is stale (or the person is gone): nothing was written.
pub async fn update_person(conn: &mut PgConnection, c: &PersonChange<'_>) -> Result<bool> {
    let done = sqlx::query!(
        "update users set email = $3::text::citext, first_name = $4, last_name = $5, phone = $6, is_active = $7
         where id = $1 and version = $2",
        c.id.0,
        c.version,
        c.email,
        c.first_name,
        c.last_name,
        c.phone,
        c.is_active
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct ResidentChange {
    pub id: ResidentId,
    pub version: i32,
    pub pgy_level: i32,
    pub entry_pgy_level: i32,
    pub matriculation_date: Option<NaiveDate>,
    pub expected_graduation_date: Option<NaiveDate>,
    pub actual_graduation_date: Option<NaiveDate>,
    pub track: Option<String>,
    pub medical_school: Option<String>,
    pub degree_type: Option<String>,
    pub status: String,
}

/// The resident's user when written; None when the version is stale.
pub async fn update_resident(
    conn: &mut PgConnection,
    c: &ResidentChange,
) -> Result<Option<UserId>> {
    Ok(sqlx::query_scalar!(
        r#"update residents set pgy_level = $3, entry_pgy_level = $4, matriculation_date = $5,
               expected_graduation_date = $6, actual_graduation_date = $7, track = $8, medical_school = $9,
               degree_type = $10, status = $11
           where id = $1 and version = $2
           returning user_id as "user_id: UserId""#,
        c.id.0,
        c.version,
        c.pgy_level,
        c.entry_pgy_level,
        c.matriculation_date,
        c.expected_graduation_date,
        c.actual_graduation_date,
        c.track,
        c.medical_school,
        c.degree_type,
        c.status
    )
    .fetch_optional(conn)
    .await?)
}

pub struct FacultyChange {
    pub id: FacultyId,
    pub version: i32,
    pub rank: Option<String>,
    pub department: Option<String>,
    pub specialty: Option<String>,
    pub is_core_faculty: bool,
    pub teaching_percentage: Option<i32>,
    pub started_at: Option<NaiveDate>,
}

pub async fn update_faculty(conn: &mut PgConnection, c: &FacultyChange) -> Result<Option<UserId>> {
    Ok(sqlx::query_scalar!(
        r#"update faculty set rank = $3, department = $4, specialty = $5, is_core_faculty = $6,
               teaching_percentage = $7, started_at = $8
           where id = $1 and version = $2
           returning user_id as "user_id: UserId""#,
        c.id.0,
        c.version,
        c.rank,
        c.department,
        c.specialty,
        c.is_core_faculty,
        c.teaching_percentage,
        c.started_at
    )
    .fetch_optional(conn)
    .await?)
}

/// Whose membership it is, and when it started.
pub async fn membership(
    conn: &mut PgConnection,
    id: MembershipId,
) -> Result<Option<(UserId, NaiveDate)>> {
    let row = sqlx::query!(
        r#"select user_id as "user_id: UserId", started_at from program_memberships where id = $1"#,
        id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.user_id, r.started_at)))
}

pub async fn end_membership(
    conn: &mut PgConnection,
    id: MembershipId,
    version: i32,
    on: NaiveDate,
) -> Result<bool> {
    let done = sqlx::query!(
        "update program_memberships set ended_at = $3 where id = $1 and version = $2",
        id.0,
        version,
        on
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
