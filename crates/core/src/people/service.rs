//! Adding residents and faculty by hand; one person may hold several roles in a program.

use chrono::Local;
use sqlx::{PgConnection, PgPool};

use super::roster::faculty::StoredFaculty;
use super::roster::plan::{NewPerson, Person};
use super::roster::residents::StoredResident;
use super::roster::store as roster_store;
use super::{NewFacultyInput, NewResidentInput, PersonRow, parse_pgy, store};
use crate::db::{self, Actor};
use crate::ids::{ProgramId, UserId};
use crate::org::store as org_store;
use crate::{Error, Result, input};

/// Finds the person by e-mail or registers them; names of an existing person are kept.
async fn find_or_create_user(
    conn: &mut PgConnection,
    program: ProgramId,
    email: &str,
    first: &str,
    last: &str,
) -> Result<UserId> {
    let found = roster_store::users_by_email(conn, &[email.to_string()]).await?;
    if let Some(user) = found.first() {
        return Ok(user.id);
    }
    let company = org_store::company_of_program(conn, program)
        .await?
        .ok_or_else(|| Error::not_found("The program"))?;
    let new = NewPerson {
        id: UserId::new(),
        person: Person {
            email: email.to_string(),
            first_name: first.to_string(),
            last_name: last.to_string(),
            phone: None,
        },
    };
    roster_store::insert_users(conn, company, std::slice::from_ref(&new)).await?;
    Ok(new.id)
}

async fn person(conn: &mut PgConnection, program: ProgramId, user: UserId) -> Result<PersonRow> {
    store::people_of_program(conn, program, Some(user))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::not_found("The person"))
}

pub async fn add_resident(
    pool: &PgPool,
    actor: &Actor,
    new: NewResidentInput,
) -> Result<PersonRow> {
    let first = input::text("firstName", "First name", &new.first_name, 100)?;
    let last = input::text("lastName", "Last name", &new.last_name, 100)?;
    let email = input::email("email", &new.email)?;
    let pgy = parse_pgy(new.pgy_level)?;
    let today = Local::now().date_naive();

    let mut tx = db::begin(pool, actor).await?;
    let user = find_or_create_user(&mut tx, new.program_id, &email, &first, &last).await?;
    if store::is_resident(&mut tx, user, new.program_id).await? {
        return Err(Error::Conflict {
            message: format!("{email} is already a resident of this program"),
            field: Some("email"),
        });
    }
    roster_store::insert_memberships(&mut tx, new.program_id, "resident", &[(user, today)]).await?;
    let resident = StoredResident {
        matriculation_date: Some(today),
        ..StoredResident::at_level(pgy)
    };
    roster_store::insert_residents(&mut tx, new.program_id, &[(user, resident, today)]).await?;
    let row = person(&mut tx, new.program_id, user).await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn add_faculty(pool: &PgPool, actor: &Actor, new: NewFacultyInput) -> Result<PersonRow> {
    let first = input::text("firstName", "First name", &new.first_name, 100)?;
    let last = input::text("lastName", "Last name", &new.last_name, 100)?;
    let email = input::email("email", &new.email)?;
    let today = Local::now().date_naive();

    let mut tx = db::begin(pool, actor).await?;
    let user = find_or_create_user(&mut tx, new.program_id, &email, &first, &last).await?;
    if store::is_faculty(&mut tx, user, new.program_id).await? {
        return Err(Error::Conflict {
            message: format!("{email} is already on this program's faculty"),
            field: Some("email"),
        });
    }
    roster_store::insert_memberships(&mut tx, new.program_id, "faculty", &[(user, today)]).await?;
    let faculty = StoredFaculty {
        is_core_faculty: new.is_core,
        started_at: Some(today),
        ..StoredFaculty::default()
    };
    roster_store::insert_faculty(&mut tx, new.program_id, &[(user, faculty, today)]).await?;
    let row = person(&mut tx, new.program_id, user).await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn list_people(pool: &PgPool, program: ProgramId) -> Result<Vec<PersonRow>> {
    let mut conn = pool.acquire().await?;
    store::people_of_program(&mut conn, program, None).await
}
