//! SQL of the organisation room.

use sqlx::PgConnection;

use super::Program;
use crate::Result;
use crate::ids::{CompanyId, InstitutionId, ProgramId, SponsoringInstitutionId};

pub async fn first_company(conn: &mut PgConnection) -> Result<Option<CompanyId>> {
    Ok(
        sqlx::query_scalar!(r#"select id as "id: CompanyId" from companies order by id limit 1"#)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn insert_company(conn: &mut PgConnection, id: CompanyId, name: &str) -> Result<()> {
    sqlx::query!(
        "insert into companies (id, name) values ($1, $2)",
        id.0,
        name
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn institution_by_name(
    conn: &mut PgConnection,
    company: CompanyId,
    name: &str,
) -> Result<Option<InstitutionId>> {
    Ok(sqlx::query_scalar!(
        r#"select id as "id: InstitutionId" from institutions where company_id = $1 and lower(name) = lower($2)"#,
        company.0,
        name
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn insert_institution(
    conn: &mut PgConnection,
    id: InstitutionId,
    company: CompanyId,
    name: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into institutions (id, company_id, name) values ($1, $2, $3)",
        id.0,
        company.0,
        name
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn sponsor_of_institution(
    conn: &mut PgConnection,
    institution: InstitutionId,
) -> Result<Option<SponsoringInstitutionId>> {
    Ok(sqlx::query_scalar!(
        r#"select id as "id: SponsoringInstitutionId" from sponsoring_institutions where institution_id = $1"#,
        institution.0
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn insert_sponsor(
    conn: &mut PgConnection,
    id: SponsoringInstitutionId,
    institution: InstitutionId,
) -> Result<()> {
    sqlx::query!(
        "insert into sponsoring_institutions (id, institution_id) values ($1, $2)",
        id.0,
        institution.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_program(
    conn: &mut PgConnection,
    id: ProgramId,
    sponsor: SponsoringInstitutionId,
    code: &str,
    name: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into programs (id, sponsoring_institution_id, code, name) values ($1, $2, $3::text::citext, $4)",
        id.0,
        sponsor.0,
        code,
        name
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Programs with their sponsoring institution's name, optionally narrowed to one id or code.
async fn programs_matching(
    conn: &mut PgConnection,
    id: Option<ProgramId>,
    code: Option<&str>,
) -> Result<Vec<Program>> {
    Ok(sqlx::query_as!(
        Program,
        r#"select p.id as "id: ProgramId", p.code::text as "code!", p.name, i.name as sponsoring_institution,
                  p.time_zone, p.version
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join institutions i on i.id = s.institution_id
           where ($1::uuid is null or p.id = $1) and ($2::text is null or p.code = $2::text::citext)
           order by p.code"#,
        id.map(|p| p.0),
        code
    )
    .fetch_all(conn)
    .await?)
}

pub async fn programs(conn: &mut PgConnection) -> Result<Vec<Program>> {
    programs_matching(conn, None, None).await
}

pub async fn program_by_id(conn: &mut PgConnection, id: ProgramId) -> Result<Option<Program>> {
    Ok(programs_matching(conn, Some(id), None)
        .await?
        .into_iter()
        .next())
}

pub async fn program_by_code(conn: &mut PgConnection, code: &str) -> Result<Option<Program>> {
    Ok(programs_matching(conn, None, Some(code))
        .await?
        .into_iter()
        .next())
}

/// Renames a program and sets its clock, if `version` is still the one stored.
pub async fn update_program(
    conn: &mut PgConnection,
    program: ProgramId,
    version: i32,
    name: &str,
    time_zone: &str,
) -> Result<bool> {
    let done = sqlx::query!(
        "update programs set name = $3, time_zone = $4 where id = $1 and version = $2",
        program.0,
        version,
        name,
        time_zone
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The zones PostgreSQL knows, by name (Europe/Madrid, America/Chicago, UTC…).
pub async fn time_zones(conn: &mut PgConnection) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar!(
        r#"select name as "name!" from pg_timezone_names
           where name !~ '^(posix|right)/' order by name"#
    )
    .fetch_all(conn)
    .await?)
}

pub async fn company_of_program(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Option<CompanyId>> {
    Ok(sqlx::query_scalar!(
        r#"select i.company_id as "id: CompanyId"
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join institutions i on i.id = s.institution_id
           where p.id = $1"#,
        program.0
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn set_program_details(
    conn: &mut PgConnection,
    program: ProgramId,
    specialty: Option<&str>,
    acgme_program_id: Option<&str>,
    director: Option<crate::ids::UserId>,
) -> Result<()> {
    sqlx::query!(
        "update programs set specialty_code = $2, acgme_program_id = $3, program_director_id = $4 where id = $1",
        program.0,
        specialty,
        acgme_program_id,
        director.map(|u| u.0)
    )
    .execute(conn)
    .await?;
    Ok(())
}
