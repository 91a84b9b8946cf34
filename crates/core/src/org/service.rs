//! Creating and finding programs.

use sqlx::{PgConnection, PgPool};

use super::{NewProgramInput, Program, ProgramEditInput, parse_program_code, store};
use crate::db::{self, Actor};
use crate::ids::{CompanyId, InstitutionId, ProgramId, SponsoringInstitutionId};
use crate::{Error, Result, input};

/// The company everything belongs to (one per database today), made with `name` when there is none.
pub(crate) async fn company_or_new(conn: &mut PgConnection, name: &str) -> Result<CompanyId> {
    if let Some(id) = store::first_company(conn).await? {
        return Ok(id);
    }
    let id = CompanyId::new();
    store::insert_company(conn, id, name).await?;
    Ok(id)
}

/// Creates a program under its sponsoring institution, creating the institution when it is new.
pub async fn create_program(pool: &PgPool, actor: &Actor, new: NewProgramInput) -> Result<Program> {
    let code = parse_program_code(&new.code)?;
    let name = input::text("name", "Program name", &new.name, 200)?;
    let institution = input::text(
        "institution",
        "Sponsoring institution",
        &new.institution,
        200,
    )?;

    let mut tx = db::begin(pool, actor).await?;
    if store::program_by_code(&mut tx, &code).await?.is_some() {
        return Err(Error::Conflict {
            message: format!("A program with the code {code} already exists"),
            field: Some("code"),
        });
    }
    let company = company_or_new(&mut tx, &institution).await?;
    let institution_id = match store::institution_by_name(&mut tx, company, &institution).await? {
        Some(id) => id,
        None => {
            let id = InstitutionId::new();
            store::insert_institution(&mut tx, id, company, &institution).await?;
            id
        }
    };
    let sponsor = match store::sponsor_of_institution(&mut tx, institution_id).await? {
        Some(id) => id,
        None => {
            let id = SponsoringInstitutionId::new();
            store::insert_sponsor(&mut tx, id, institution_id).await?;
            id
        }
    };
    let id = ProgramId::new();
    store::insert_program(&mut tx, id, sponsor, &code, &name).await?;
    let program = store::program_by_id(&mut tx, id)
        .await?
        .ok_or_else(|| Error::not_found("The new program"))?;
    tx.commit().await?;
    Ok(program)
}

/// Renames a program and sets the zone of its wall clock. Work-hour entries are instants, so a
/// new zone shows the same moments on the new clock.
pub async fn update_program(
    pool: &PgPool,
    actor: &Actor,
    edit: &ProgramEditInput,
) -> Result<Program> {
    let name = input::text("name", "Program name", &edit.name, 200)?;
    let zone = edit.time_zone.trim();
    let mut tx = db::begin(pool, actor).await?;
    let known = store::time_zones(&mut tx).await?;
    if !known.iter().any(|z| z == zone) {
        return Err(Error::invalid(
            "timeZone",
            format!(
                "'{zone}' is not a time zone PostgreSQL knows; use a name like America/Chicago"
            ),
        ));
    }
    if !store::update_program(&mut tx, edit.id, edit.version, &name, zone).await? {
        return Err(Error::stale("The program"));
    }
    let program = store::program_by_id(&mut tx, edit.id)
        .await?
        .ok_or_else(|| Error::not_found("The program"))?;
    tx.commit().await?;
    Ok(program)
}

/// The time zones a program's clock may keep.
pub async fn time_zones(pool: &PgPool) -> Result<Vec<String>> {
    let mut conn = pool.acquire().await?;
    store::time_zones(&mut conn).await
}

pub async fn list_programs(pool: &PgPool) -> Result<Vec<Program>> {
    let mut conn = pool.acquire().await?;
    store::programs(&mut conn).await
}

/// Finds a program by its code (`GS`), case-insensitively.
pub async fn program_by_code(pool: &PgPool, code: &str) -> Result<Program> {
    let mut conn = pool.acquire().await?;
    store::program_by_code(&mut conn, code.trim())
        .await?
        .ok_or_else(|| Error::not_found(format!("Program {}", code.trim())))
}

pub async fn program_by_id(pool: &PgPool, id: ProgramId) -> Result<Program> {
    let mut conn = pool.acquire().await?;
    store::program_by_id(&mut conn, id)
        .await?
        .ok_or_else(|| Error::not_found("The program"))
}

/// The organisation around a program: its sponsor, institutions, agreements and sites, each
/// agreement's standing taken on `today`.
pub async fn organisation(
    pool: &PgPool,
    program: ProgramId,
    today: chrono::NaiveDate,
) -> Result<super::agreements::Organisation> {
    let mut conn = pool.acquire().await?;
    super::agreements_store::organisation(&mut conn, program, today).await
}
