//! SQL of institutions, participation agreements and clinical sites.

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::agreements::{Agreement, ClinicalSite, Institution, Organisation, Sponsor, standing};
use crate::Result;
use crate::ids::{
    AgreementId, CompanyId, InstitutionId, ProgramId, SiteId, SponsoringInstitutionId, UserId,
};

pub struct NewInstitution<'a> {
    pub id: InstitutionId,
    pub company: CompanyId,
    pub name: &'a str,
    pub institution_type: &'a str,
    pub acgme_institution_id: Option<&'a str>,
    pub address: Option<&'a str>,
}

pub async fn insert_institution(conn: &mut PgConnection, new: &NewInstitution<'_>) -> Result<()> {
    sqlx::query!(
        "insert into institutions (id, company_id, name, type, acgme_institution_id, address)
         values ($1, $2, $3, $4, $5, $6)",
        new.id.0,
        new.company.0,
        new.name,
        new.institution_type,
        new.acgme_institution_id,
        new.address
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct SponsorDetails<'a> {
    pub dio_name: Option<&'a str>,
    pub dio_email: Option<&'a str>,
    pub dio_user: Option<UserId>,
    pub gmec_chair: Option<UserId>,
    pub accreditation_status: Option<&'a str>,
    pub next_site_visit: Option<NaiveDate>,
}

/// Writes the sponsor's officers and accreditation if nobody changed them since `version`.
pub async fn set_sponsor_details(
    conn: &mut PgConnection,
    sponsor: SponsoringInstitutionId,
    version: i32,
    d: &SponsorDetails<'_>,
) -> Result<bool> {
    let done = sqlx::query!(
        "update sponsoring_institutions
         set dio_name = $3, dio_email = $4::text::citext, dio_user_id = $5, gmec_chair_id = $6,
             acgme_accreditation_status = $7, next_site_visit = $8
         where id = $1 and version = $2",
        sponsor.0,
        version,
        d.dio_name,
        d.dio_email,
        d.dio_user.map(|u| u.0),
        d.gmec_chair.map(|u| u.0),
        d.accreditation_status,
        d.next_site_visit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewAgreement<'a> {
    pub id: AgreementId,
    pub sponsor: SponsoringInstitutionId,
    pub participant: InstitutionId,
    pub agreement_type: &'a str,
    pub effective_date: NaiveDate,
    pub expiration_date: Option<NaiveDate>,
    pub status: &'a str,
    /// Empty: the agreement covers all of the sponsor's programs.
    pub programs: &'a [ProgramId],
}

pub async fn insert_agreement(conn: &mut PgConnection, new: &NewAgreement<'_>) -> Result<()> {
    sqlx::query!(
        "insert into participation_agreements (id, sponsoring_institution_id, participating_institution_id,
             agreement_type, effective_date, expiration_date, status, applies_to_all_programs)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        new.id.0,
        new.sponsor.0,
        new.participant.0,
        new.agreement_type,
        new.effective_date,
        new.expiration_date,
        new.status,
        new.programs.is_empty()
    )
    .execute(&mut *conn)
    .await?;
    let programs: Vec<uuid::Uuid> = new.programs.iter().map(|p| p.0).collect();
    sqlx::query!(
        "insert into participation_agreement_programs (agreement_id, program_id) select $1, unnest($2::uuid[])",
        new.id.0,
        &programs
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewSite<'a> {
    pub id: SiteId,
    pub institution: InstitutionId,
    pub agreement: Option<AgreementId>,
    pub code: &'a str,
    pub name: &'a str,
    pub site_type: &'a str,
    pub classification: Option<&'a str>,
    pub capacity: Option<i32>,
}

pub async fn insert_site(conn: &mut PgConnection, new: &NewSite<'_>) -> Result<()> {
    sqlx::query!(
        "insert into clinical_sites (id, institution_id, participation_agreement_id, code, name, type,
             site_classification, capacity, is_participating_site)
         values ($1, $2, $3::uuid, $4::text::citext, $5, $6, $7, $8, $3::uuid is not null)",
        new.id.0,
        new.institution.0,
        new.agreement.map(|a| a.0),
        new.code,
        new.name,
        new.site_type,
        new.classification,
        new.capacity
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn sponsor_of_program(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Option<Sponsor>> {
    Ok(sqlx::query_as!(
        Sponsor,
        r#"select i.name as institution, s.dio_name, s.dio_email::text as dio_email,
                  s.gmec_chair_id as "gmec_chair_id: UserId", g.first_name || ' ' || g.last_name as gmec_chair,
                  s.version,
                  s.acgme_accreditation_status as accreditation_status, s.next_site_visit
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join institutions i on i.id = s.institution_id
           left join users g on g.id = s.gmec_chair_id
           where p.id = $1"#,
        program.0
    )
    .fetch_optional(conn)
    .await?)
}

/// Everything the Organisation screen shows for a program, each agreement's standing taken on `today`.
pub async fn organisation(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Organisation> {
    Ok(Organisation {
        sponsor: sponsor_of_program(conn, program)
            .await?
            .ok_or_else(|| crate::Error::not_found("The program"))?,
        institutions: institutions_of_program(conn, program).await?,
        agreements: agreements_of_program(conn, program, today).await?,
        sites: sites_of_program(conn, program, today).await?,
    })
}

/// The institutions of the sponsor's company: its own first, then those it may make agreements with.
pub async fn institutions_of_program(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Vec<Institution>> {
    Ok(sqlx::query_as!(
        Institution,
        r#"select i.id as "id: InstitutionId", i.name, i.type as institution_type, i.acgme_institution_id,
                  (i.id = s.institution_id) as "is_sponsor!", i.version
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join institutions own on own.id = s.institution_id
           join institutions i on i.company_id = own.company_id
           where p.id = $1
           order by (i.id = s.institution_id) desc, i.name"#,
        program.0
    )
    .fetch_all(conn)
    .await?)
}

/// The agreements that cover a program (all-program agreements of its sponsor, or naming it).
pub async fn agreements_of_program(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Vec<Agreement>> {
    let rows = sqlx::query!(
        r#"select a.id as "id: AgreementId", i.id as "participating_institution_id: InstitutionId",
                  i.name as participating_institution, a.agreement_type,
                  a.effective_date, a.expiration_date, a.status, a.applies_to_all_programs, a.version,
                  coalesce(array_agg(cp.code::text order by cp.code) filter (where cp.id is not null), '{}')
                      as "program_codes!"
           from program_agreements pa
           join participation_agreements a on a.id = pa.agreement_id
           join institutions i on i.id = a.participating_institution_id
           left join participation_agreement_programs ap on ap.agreement_id = a.id
           left join programs cp on cp.id = ap.program_id
           where pa.program_id = $1
           group by a.id, i.id
           order by a.expiration_date nulls last, i.name"#,
        program.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (standing, days_left) =
                standing(&r.status, r.effective_date, r.expiration_date, today);
            Agreement {
                id: r.id,
                participating_institution_id: r.participating_institution_id,
                participating_institution: r.participating_institution,
                agreement_type: r.agreement_type,
                effective_date: r.effective_date,
                expiration_date: r.expiration_date,
                status: r.status,
                applies_to_all_programs: r.applies_to_all_programs,
                program_codes: r.program_codes,
                standing,
                days_left,
                version: r.version,
            }
        })
        .collect())
}

/// The sites a program can rotate to: the sponsor's own, and those under an agreement covering it.
pub async fn sites_of_program(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Vec<ClinicalSite>> {
    let rows = sqlx::query!(
        r#"select c.id as "id: SiteId", c.code::text as code, c.name, i.name as institution, c.type as site_type,
                  c.site_classification, c.capacity, c.version,
                  a.id as "agreement_id?: AgreementId", a.status as "agreement_status?",
                  a.effective_date as "agreement_effective?", a.expiration_date as agreement_expires
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join clinical_sites c
             on c.institution_id = s.institution_id
             or c.participation_agreement_id in
                  (select pa.agreement_id from program_agreements pa where pa.program_id = p.id)
           join institutions i on i.id = c.institution_id
           left join participation_agreements a on a.id = c.participation_agreement_id
           where p.id = $1
           order by (c.institution_id = s.institution_id) desc, c.name"#,
        program.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let agreement = match (&r.agreement_status, r.agreement_effective) {
                (Some(status), Some(effective)) => {
                    Some(standing(status, effective, r.agreement_expires, today))
                }
                _ => None,
            };
            ClinicalSite {
                id: r.id,
                code: r.code,
                name: r.name,
                institution: r.institution,
                site_type: r.site_type,
                classification: r.site_classification,
                capacity: r.capacity,
                agreement_id: r.agreement_id,
                agreement_standing: agreement.map(|(s, _)| s),
                agreement_expires: r.agreement_expires,
                agreement_days_left: agreement.and_then(|(_, d)| d),
                version: r.version,
            }
        })
        .collect())
}

/// The program's sponsoring institution: its id, its own institution, and the company.
pub struct ProgramSponsor {
    pub sponsor: SponsoringInstitutionId,
    pub institution: InstitutionId,
    pub company: CompanyId,
}

pub async fn program_sponsor(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Option<ProgramSponsor>> {
    Ok(sqlx::query_as!(
        ProgramSponsor,
        r#"select s.id as "sponsor: SponsoringInstitutionId", s.institution_id as "institution: InstitutionId",
                  i.company_id as "company: CompanyId"
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join institutions i on i.id = s.institution_id
           where p.id = $1"#,
        program.0
    )
    .fetch_optional(conn)
    .await?)
}

/// The sponsor and the participating institution of an agreement.
pub async fn agreement_parties(
    conn: &mut PgConnection,
    agreement: AgreementId,
) -> Result<Option<(SponsoringInstitutionId, InstitutionId)>> {
    let row = sqlx::query!(
        r#"select sponsoring_institution_id as "sponsor: SponsoringInstitutionId",
                  participating_institution_id as "participant: InstitutionId"
           from participation_agreements where id = $1"#,
        agreement.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.sponsor, r.participant)))
}

pub struct AgreementChange<'a> {
    pub id: AgreementId,
    pub version: i32,
    pub effective_date: NaiveDate,
    pub expiration_date: Option<NaiveDate>,
    pub status: &'a str,
}

/// False when the version is stale: nothing was written.
pub async fn update_agreement(conn: &mut PgConnection, c: &AgreementChange<'_>) -> Result<bool> {
    let done = sqlx::query!(
        "update participation_agreements set effective_date = $3, expiration_date = $4, status = $5
         where id = $1 and version = $2",
        c.id.0,
        c.version,
        c.effective_date,
        c.expiration_date,
        c.status
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct SiteChange<'a> {
    pub id: SiteId,
    pub version: i32,
    pub name: &'a str,
    pub site_type: &'a str,
    pub classification: Option<&'a str>,
    pub capacity: Option<i32>,
}

/// False when the version is stale: nothing was written.
pub async fn update_site(conn: &mut PgConnection, c: &SiteChange<'_>) -> Result<bool> {
    let done = sqlx::query!(
        "update clinical_sites set name = $3, type = $4, site_classification = $5, capacity = $6
         where id = $1 and version = $2",
        c.id.0,
        c.version,
        c.name,
        c.site_type,
        c.classification,
        c.capacity
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct InstitutionChange<'a> {
    pub id: InstitutionId,
    pub version: i32,
    pub name: &'a str,
    pub institution_type: &'a str,
    pub acgme_institution_id: Option<&'a str>,
}

pub async fn update_institution(
    conn: &mut PgConnection,
    c: &InstitutionChange<'_>,
) -> Result<bool> {
    let done = sqlx::query!(
        "update institutions set name = $3, type = $4, acgme_institution_id = $5 where id = $1 and version = $2",
        c.id.0,
        c.version,
        c.name,
        c.institution_type,
        c.acgme_institution_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
