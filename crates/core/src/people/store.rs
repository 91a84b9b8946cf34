//! SQL of the people room.

use sqlx::PgConnection;

use super::PersonRow;
use crate::Result;
use crate::ids::{ProgramId, UserId};

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
