//! Adding to a program's organisation: a participating institution, an agreement with it, a
//! clinical site; and renewing or ending an agreement. Each answers with the organisation again.

use chrono::{Local, NaiveDate};
use serde::Deserialize;
use sqlx::{PgConnection, PgPool};
use ts_rs::TS;

use super::agreements::Organisation;
use super::agreements_store::{
    self as store, AgreementChange, InstitutionChange, NewAgreement, NewInstitution, NewSite,
    ProgramSponsor, SiteChange, SponsorDetails,
};
use super::parse_program_code;
use crate::db::{self, Actor};
use crate::ids::{AgreementId, InstitutionId, ProgramId, SiteId, UserId};
use crate::{Error, Result, input};

pub const INSTITUTION_TYPES: &[&str] = &[
    "academic_medical_center",
    "community_hospital",
    "va",
    "ambulatory",
    "other",
];
pub const AGREEMENT_TYPES: &[&str] = &["pla", "affiliation_agreement"];
pub const AGREEMENT_STATUSES: &[&str] = &["pending", "active", "expired", "terminated"];
pub const ACCREDITATION_STATUSES: &[&str] = &[
    "initial",
    "initial_with_warning",
    "continued",
    "continued_with_warning",
    "probation",
    "withdrawn",
];
pub const SITE_TYPES: &[&str] = &["primary", "affiliate", "va", "community", "other"];

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewInstitutionInput {
    pub program_id: ProgramId,
    pub name: String,
    pub institution_type: String,
    pub acgme_institution_id: String,
    pub address: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SiteEditInput {
    pub program_id: ProgramId,
    pub id: SiteId,
    pub version: i32,
    pub name: String,
    pub site_type: String,
    pub classification: String,
    pub capacity: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstitutionEditInput {
    pub program_id: ProgramId,
    pub id: InstitutionId,
    pub version: i32,
    pub name: String,
    pub institution_type: String,
    pub acgme_institution_id: String,
}

/// The sponsoring institution's officers and accreditation.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SponsorEditInput {
    pub program_id: ProgramId,
    pub version: i32,
    pub dio_name: String,
    pub dio_email: String,
    pub gmec_chair_id: Option<UserId>,
    pub accreditation_status: String,
    pub next_site_visit: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAgreementInput {
    pub program_id: ProgramId,
    pub participating_institution_id: InstitutionId,
    pub agreement_type: String,
    pub effective_date: String,
    pub expiration_date: String,
    pub status: String,
    /// Cover all of the sponsor's programs, not only this one.
    pub all_programs: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgreementEditInput {
    pub program_id: ProgramId,
    pub id: AgreementId,
    pub version: i32,
    pub effective_date: String,
    pub expiration_date: String,
    pub status: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewSiteInput {
    pub program_id: ProgramId,
    pub institution_id: InstitutionId,
    /// Required for a site of a participating institution: the agreement it operates under.
    pub agreement_id: Option<AgreementId>,
    pub code: String,
    pub name: String,
    pub site_type: String,
    pub classification: String,
    pub capacity: Option<i32>,
}

fn one_of<'a>(
    field: &'static str,
    label: &str,
    value: &str,
    allowed: &[&'a str],
) -> Result<&'a str> {
    let v = value.trim();
    allowed.iter().find(|a| **a == v).copied().ok_or_else(|| {
        Error::invalid(
            field,
            format!("{label} '{v}' is not one of: {}", allowed.join(", ")),
        )
    })
}

/// An institution name already used: the conflict belongs to the form's name field.
fn name_taken(e: Error) -> Error {
    match e {
        Error::Conflict { message, .. } => Error::Conflict {
            message,
            field: Some("name"),
        },
        other => other,
    }
}

fn agreement_dates(effective: &str, expiration: &str) -> Result<(NaiveDate, Option<NaiveDate>)> {
    let from = input::date("effectiveDate", "Effective date", effective)?;
    let until = input::optional_date("expirationDate", "Expiration date", Some(expiration))?;
    if let Some(end) = until
        && end < from
    {
        return Err(Error::invalid(
            "expirationDate",
            format!("The agreement cannot expire ({end}) before it takes effect ({from})"),
        ));
    }
    Ok((from, until))
}

async fn sponsor(conn: &mut PgConnection, program: ProgramId) -> Result<ProgramSponsor> {
    store::program_sponsor(conn, program)
        .await?
        .ok_or_else(|| Error::not_found("The program"))
}

async fn organisation(conn: &mut PgConnection, program: ProgramId) -> Result<Organisation> {
    store::organisation(conn, program, Local::now().date_naive()).await
}

/// Adds an institution the sponsor may make agreements with.
pub async fn add_institution(
    pool: &PgPool,
    actor: &Actor,
    new: NewInstitutionInput,
) -> Result<Organisation> {
    let name = input::text("name", "Institution name", &new.name, 200)?;
    let kind = one_of(
        "institutionType",
        "Type",
        &new.institution_type,
        INSTITUTION_TYPES,
    )?;
    let acgme = input::optional_text(
        "acgmeInstitutionId",
        "ACGME institution id",
        &new.acgme_institution_id,
        20,
    )?;
    let address = input::optional_text("address", "Address", &new.address, 300)?;
    let mut tx = db::begin(pool, actor).await?;
    let company = sponsor(&mut tx, new.program_id).await?.company;
    let id = InstitutionId::new();
    store::insert_institution(
        &mut tx,
        &NewInstitution {
            id,
            company,
            name: &name,
            institution_type: kind,
            acgme_institution_id: acgme.as_deref(),
            address: address.as_deref(),
        },
    )
    .await
    .map_err(name_taken)?;
    let org = organisation(&mut tx, new.program_id).await?;
    tx.commit().await?;
    Ok(org)
}

pub async fn add_agreement(
    pool: &PgPool,
    actor: &Actor,
    new: NewAgreementInput,
) -> Result<Organisation> {
    let kind = one_of(
        "agreementType",
        "Type",
        &new.agreement_type,
        AGREEMENT_TYPES,
    )?;
    let status = one_of("status", "Status", &new.status, AGREEMENT_STATUSES)?;
    let (from, until) = agreement_dates(&new.effective_date, &new.expiration_date)?;
    let mut tx = db::begin(pool, actor).await?;
    let own = sponsor(&mut tx, new.program_id).await?;
    if new.participating_institution_id == own.institution {
        return Err(Error::invalid(
            "participatingInstitutionId",
            "The sponsoring institution needs no agreement with itself",
        ));
    }
    let programs = if new.all_programs {
        Vec::new()
    } else {
        vec![new.program_id]
    };
    store::insert_agreement(
        &mut tx,
        &NewAgreement {
            id: AgreementId::new(),
            sponsor: own.sponsor,
            participant: new.participating_institution_id,
            agreement_type: kind,
            effective_date: from,
            expiration_date: until,
            status,
            programs: &programs,
        },
    )
    .await?;
    let org = organisation(&mut tx, new.program_id).await?;
    tx.commit().await?;
    Ok(org)
}

/// Renews an agreement (new dates) or ends it (status), if nobody changed it meanwhile.
pub async fn update_agreement(
    pool: &PgPool,
    actor: &Actor,
    edit: AgreementEditInput,
) -> Result<Organisation> {
    let status = one_of("status", "Status", &edit.status, AGREEMENT_STATUSES)?;
    let (from, until) = agreement_dates(&edit.effective_date, &edit.expiration_date)?;
    let mut tx = db::begin(pool, actor).await?;
    let change = AgreementChange {
        id: edit.id,
        version: edit.version,
        effective_date: from,
        expiration_date: until,
        status,
    };
    if !store::update_agreement(&mut tx, &change).await? {
        return Err(Error::stale("The agreement"));
    }
    let org = organisation(&mut tx, edit.program_id).await?;
    tx.commit().await?;
    Ok(org)
}

/// Adds a clinical site: at the sponsor's own institution, or at a participating one under an
/// agreement with it.
pub async fn add_site(pool: &PgPool, actor: &Actor, new: NewSiteInput) -> Result<Organisation> {
    let code = parse_program_code(&new.code).map_err(|_| {
        Error::invalid(
            "code",
            "A site code is 1 to 16 letters, digits, - or _, e.g. RUH-OR",
        )
    })?;
    let name = input::text("name", "Site name", &new.name, 200)?;
    let kind = one_of("siteType", "Type", &new.site_type, SITE_TYPES)?;
    let classification =
        input::optional_text("classification", "Classification", &new.classification, 100)?;
    if new.capacity.is_some_and(|c| c < 0) {
        return Err(Error::invalid("capacity", "Capacity cannot be negative"));
    }
    let mut tx = db::begin(pool, actor).await?;
    let own = sponsor(&mut tx, new.program_id).await?;
    let agreement = if new.institution_id == own.institution {
        None
    } else {
        let id = new.agreement_id.ok_or_else(|| {
            Error::invalid(
                "agreementId",
                "A site of another institution operates under an agreement: choose it",
            )
        })?;
        match store::agreement_parties(&mut tx, id).await? {
            Some((s, p)) if s == own.sponsor && p == new.institution_id => Some(id),
            _ => {
                return Err(Error::invalid(
                    "agreementId",
                    "That agreement is not between the sponsor and this site's institution",
                ));
            }
        }
    };
    store::insert_site(
        &mut tx,
        &NewSite {
            id: SiteId::new(),
            institution: new.institution_id,
            agreement,
            code: &code,
            name: &name,
            site_type: kind,
            classification: classification.as_deref(),
            capacity: new.capacity,
        },
    )
    .await?;
    let org = organisation(&mut tx, new.program_id).await?;
    tx.commit().await?;
    Ok(org)
}

/// Sets the sponsor's DIO, GMEC chair, accreditation status and next site visit.
pub async fn update_sponsor(
    pool: &PgPool,
    actor: &Actor,
    edit: SponsorEditInput,
) -> Result<Organisation> {
    let dio_name = input::optional_text("dioName", "DIO", &edit.dio_name, 200)?;
    let dio_email = match edit.dio_email.trim() {
        "" => None,
        text => Some(input::email("dioEmail", text)?),
    };
    let status = match edit.accreditation_status.trim() {
        "" => None,
        text => Some(one_of(
            "accreditationStatus",
            "Accreditation status",
            text,
            ACCREDITATION_STATUSES,
        )?),
    };
    let visit = input::optional_date(
        "nextSiteVisit",
        "Next site visit",
        Some(&edit.next_site_visit),
    )?;
    let mut tx = db::begin(pool, actor).await?;
    let own = sponsor(&mut tx, edit.program_id).await?;
    let details = SponsorDetails {
        dio_name: dio_name.as_deref(),
        dio_email: dio_email.as_deref(),
        dio_user: None,
        gmec_chair: edit.gmec_chair_id,
        accreditation_status: status,
        next_site_visit: visit,
    };
    if !store::set_sponsor_details(&mut tx, own.sponsor, edit.version, &details).await? {
        return Err(Error::stale("The sponsoring institution"));
    }
    let org = organisation(&mut tx, edit.program_id).await?;
    tx.commit().await?;
    Ok(org)
}

/// Changes a site's name, type, classification or capacity (its code and institution stay).
pub async fn update_site(
    pool: &PgPool,
    actor: &Actor,
    edit: SiteEditInput,
) -> Result<Organisation> {
    let name = input::text("name", "Site name", &edit.name, 200)?;
    let kind = one_of("siteType", "Type", &edit.site_type, SITE_TYPES)?;
    let classification = input::optional_text(
        "classification",
        "Classification",
        &edit.classification,
        100,
    )?;
    if edit.capacity.is_some_and(|c| c < 0) {
        return Err(Error::invalid("capacity", "Capacity cannot be negative"));
    }
    let mut tx = db::begin(pool, actor).await?;
    let change = SiteChange {
        id: edit.id,
        version: edit.version,
        name: &name,
        site_type: kind,
        classification: classification.as_deref(),
        capacity: edit.capacity,
    };
    if !store::update_site(&mut tx, &change).await? {
        return Err(Error::stale("The site"));
    }
    let org = organisation(&mut tx, edit.program_id).await?;
    tx.commit().await?;
    Ok(org)
}

/// Changes an institution's name, type or ACGME id.
pub async fn update_institution(
    pool: &PgPool,
    actor: &Actor,
    edit: InstitutionEditInput,
) -> Result<Organisation> {
    let name = input::text("name", "Institution name", &edit.name, 200)?;
    let kind = one_of(
        "institutionType",
        "Type",
        &edit.institution_type,
        INSTITUTION_TYPES,
    )?;
    let acgme = input::optional_text(
        "acgmeInstitutionId",
        "ACGME institution id",
        &edit.acgme_institution_id,
        20,
    )?;
    let mut tx = db::begin(pool, actor).await?;
    let change = InstitutionChange {
        id: edit.id,
        version: edit.version,
        name: &name,
        institution_type: kind,
        acgme_institution_id: acgme.as_deref(),
    };
    let written = store::update_institution(&mut tx, &change)
        .await
        .map_err(name_taken)?;
    if !written {
        return Err(Error::stale(&format!("The institution {name}")));
    }
    let org = organisation(&mut tx, edit.program_id).await?;
    tx.commit().await?;
    Ok(org)
}
