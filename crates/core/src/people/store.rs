//! SQL of the people room.

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::PersonRow;
use crate::Result;
use crate::ids::{CompanyId, FacultyId, MembershipId, ProgramId, ResidentId, UserId};

pub async fn user_by_email(conn: &mut PgConnection, email: &str) -> Result<Option<UserId>> {
    Ok(sqlx::query_scalar!(
        r#"select id as "id: UserId" from users where email = $1::text::citext"#,
        email
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn insert_user(
    conn: &mut PgConnection,
    id: UserId,
    company: CompanyId,
    email: &str,
    first: &str,
    last: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into users (id, company_id, email, first_name, last_name) values ($1, $2, $3::text::citext, $4, $5)",
        id.0,
        company.0,
        email,
        first,
        last
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_membership(
    conn: &mut PgConnection,
    user: UserId,
    program: ProgramId,
    role: &str,
    from: NaiveDate,
) -> Result<()> {
    sqlx::query!(
        "insert into program_memberships (id, user_id, program_id, role, started_at) values ($1, $2, $3, $4, $5)",
        MembershipId::new().0,
        user.0,
        program.0,
        role,
        from
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn is_resident(
    conn: &mut PgConnection,
    user: UserId,
    program: ProgramId,
) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from residents where user_id = $1 and program_id = $2) as "exists!""#,
        user.0,
        program.0
    )
    .fetch_one(conn)
    .await?)
}

pub async fn is_faculty(conn: &mut PgConnection, user: UserId, program: ProgramId) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from faculty where user_id = $1 and program_id = $2) as "exists!""#,
        user.0,
        program.0
    )
    .fetch_one(conn)
    .await?)
}

pub async fn insert_resident(
    conn: &mut PgConnection,
    user: UserId,
    program: ProgramId,
    pgy: i32,
    from: NaiveDate,
) -> Result<()> {
    sqlx::query!(
        "insert into residents (id, user_id, program_id, pgy_level, entry_pgy_level, matriculation_date)
         values ($1, $2, $3, $4, $4, $5)",
        ResidentId::new().0,
        user.0,
        program.0,
        pgy,
        from
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_faculty(
    conn: &mut PgConnection,
    user: UserId,
    program: ProgramId,
    is_core: bool,
    from: NaiveDate,
) -> Result<()> {
    sqlx::query!(
        "insert into faculty (id, user_id, program_id, is_core_faculty, started_at) values ($1, $2, $3, $4, $5)",
        FacultyId::new().0,
        user.0,
        program.0,
        is_core,
        from
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The people with a current membership in a program, with their roles.
pub async fn people_of_program(
    conn: &mut PgConnection,
    program: ProgramId,
    only: Option<UserId>,
) -> Result<Vec<PersonRow>> {
    Ok(sqlx::query_as!(
        PersonRow,
        r#"select u.id as "user_id: UserId",
                  u.first_name || ' ' || u.last_name as "name!",
                  u.email::text as "email!",
                  array_agg(distinct m.role order by m.role) as "roles!",
                  r.pgy_level as "pgy_level?",
                  r.status as "status?"
           from users u
           join program_memberships m on m.user_id = u.id and m.program_id = $1
                and (m.ended_at is null or m.ended_at >= current_date)
           left join residents r on r.user_id = u.id and r.program_id = $1
           where $2::uuid is null or u.id = $2
           group by u.id, r.pgy_level, r.status
           order by u.last_name, u.first_name"#,
        program.0,
        only.map(|u| u.0)
    )
    .fetch_all(conn)
    .await?)
}
