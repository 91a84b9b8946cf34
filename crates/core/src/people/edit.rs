//! One person in a program, in full, and the edits a coordinator makes to them: their name and
//! contact, their resident or faculty record, their roles (added, or ended on a day; never
//! deleted). Every edit carries the version it read; a stale one is a conflict and writes nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgPool};
use ts_rs::TS;

use super::edit_store as store;
use super::parse_pgy;
use super::roster::columns::parse_choice;
use super::roster::faculty::RANKS;
use super::roster::residents::{DEGREES, STATUSES};
use super::roster::store as people_store;
use crate::db::{self, Actor};
use crate::ids::{FacultyId, MembershipId, ProgramId, ResidentId, UserId};
use crate::{Error, Result, input};

pub const ROLES: &[&str] = &[
    "resident",
    "faculty",
    "program_director",
    "associate_pd",
    "coordinator",
    "ccc_chair",
    "ccc_member",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    pub id: MembershipId,
    pub role: String,
    pub started_at: NaiveDate,
    pub ended_at: Option<NaiveDate>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentDetail {
    pub id: ResidentId,
    pub pgy_level: i32,
    pub entry_pgy_level: i32,
    pub matriculation_date: Option<NaiveDate>,
    pub expected_graduation_date: Option<NaiveDate>,
    pub actual_graduation_date: Option<NaiveDate>,
    pub track: Option<String>,
    pub medical_school: Option<String>,
    pub degree_type: Option<String>,
    pub status: String,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FacultyDetail {
    pub id: FacultyId,
    pub rank: Option<String>,
    pub department: Option<String>,
    pub specialty: Option<String>,
    pub is_core_faculty: bool,
    pub teaching_percentage: Option<i32>,
    pub started_at: Option<NaiveDate>,
    pub version: i32,
}

/// A person as the People screen's detail shows them, within one program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonDetail {
    pub user_id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub is_active: bool,
    pub version: i32,
    pub memberships: Vec<Membership>,
    pub resident: Option<ResidentDetail>,
    pub faculty: Option<FacultyDetail>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonEditInput {
    pub program_id: ProgramId,
    pub user_id: UserId,
    pub version: i32,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub is_active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentEditInput {
    pub program_id: ProgramId,
    pub id: ResidentId,
    pub version: i32,
    pub pgy_level: i32,
    pub entry_pgy_level: i32,
    pub matriculation_date: String,
    pub expected_graduation_date: String,
    pub actual_graduation_date: String,
    pub track: String,
    pub medical_school: String,
    pub degree: String,
    pub status: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FacultyEditInput {
    pub program_id: ProgramId,
    pub id: FacultyId,
    pub version: i32,
    pub rank: String,
    pub department: String,
    pub specialty: String,
    pub is_core_faculty: bool,
    pub teaching_percentage: Option<i32>,
    pub started_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AddRoleInput {
    pub program_id: ProgramId,
    pub user_id: UserId,
    pub role: String,
    pub started_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EndRoleInput {
    pub program_id: ProgramId,
    pub id: MembershipId,
    pub version: i32,
    pub ended_at: String,
}

/// One of a closed list, or an `invalid` error on `field` naming what is allowed.
fn choice(
    field: &'static str,
    label: &str,
    value: &str,
    choices: &[(&'static str, &[&str])],
) -> Result<Option<String>> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_choice(value, choices)
        .map(|c| Some(c.to_string()))
        .ok_or_else(|| {
            let allowed: Vec<&str> = choices.iter().map(|(c, _)| *c).collect();
            Error::invalid(
                field,
                format!(
                    "{label} '{}' is not one of: {}",
                    value.trim(),
                    allowed.join(", ")
                ),
            )
        })
}

async fn detail(conn: &mut PgConnection, program: ProgramId, user: UserId) -> Result<PersonDetail> {
    let person = store::person(conn, user)
        .await?
        .ok_or_else(|| Error::not_found("The person"))?;
    Ok(PersonDetail {
        memberships: store::memberships(conn, program, user).await?,
        resident: store::resident(conn, program, user).await?,
        faculty: store::faculty(conn, program, user).await?,
        ..person
    })
}

pub async fn person_detail(
    pool: &PgPool,
    program: ProgramId,
    user: UserId,
) -> Result<PersonDetail> {
    let mut conn = pool.acquire().await?;
    detail(&mut conn, program, user).await
}

pub async fn update_person(
    pool: &PgPool,
    actor: &Actor,
    edit: PersonEditInput,
) -> Result<PersonDetail> {
    let first = input::text("firstName", "First name", &edit.first_name, 100)?;
    let last = input::text("lastName", "Last name", &edit.last_name, 100)?;
    let email = input::email("email", &edit.email)?;
    let phone = input::optional_text("phone", "Phone", &edit.phone, 40)?;
    let mut tx = db::begin(pool, actor).await?;
    let row = store::PersonChange {
        id: edit.user_id,
        version: edit.version,
        email: &email,
        first_name: &first,
        last_name: &last,
        phone: phone.as_deref(),
        is_active: edit.is_active,
    };
    if !store::update_person(&mut tx, &row).await? {
        return Err(Error::stale(&format!("{first} {last}")));
    }
    let detail = detail(&mut tx, edit.program_id, edit.user_id).await?;
    tx.commit().await?;
    Ok(detail)
}

pub async fn update_resident(
    pool: &PgPool,
    actor: &Actor,
    edit: ResidentEditInput,
) -> Result<PersonDetail> {
    let pgy = parse_pgy(edit.pgy_level)?;
    let entry = parse_pgy(edit.entry_pgy_level).map_err(|_| {
        Error::invalid(
            "entryPgyLevel",
            format!(
                "The entry PGY level must be between 1 and 10, not {}",
                edit.entry_pgy_level
            ),
        )
    })?;
    if entry > pgy {
        return Err(Error::invalid(
            "entryPgyLevel",
            format!("Entry PGY {entry} is above the current PGY {pgy}"),
        ));
    }
    let matriculation = input::optional_date(
        "matriculationDate",
        "Matriculation",
        Some(&edit.matriculation_date),
    )?;
    let expected = input::optional_date(
        "expectedGraduationDate",
        "Expected graduation",
        Some(&edit.expected_graduation_date),
    )?;
    let actual = input::optional_date(
        "actualGraduationDate",
        "Actual graduation",
        Some(&edit.actual_graduation_date),
    )?;
    if let (Some(start), Some(end)) = (matriculation, expected)
        && end <= start
    {
        return Err(Error::invalid(
            "expectedGraduationDate",
            format!("Expected graduation {end} is not after matriculation {start}"),
        ));
    }
    let status = choice("status", "Status", &edit.status, STATUSES)?
        .ok_or_else(|| Error::invalid("status", "Status is required"))?;
    let change = store::ResidentChange {
        id: edit.id,
        version: edit.version,
        pgy_level: pgy,
        entry_pgy_level: entry,
        matriculation_date: matriculation,
        expected_graduation_date: expected,
        actual_graduation_date: actual,
        track: input::optional_text("track", "Track", &edit.track, 100)?,
        medical_school: input::optional_text(
            "medicalSchool",
            "Medical school",
            &edit.medical_school,
            200,
        )?,
        degree_type: choice("degree", "Degree", &edit.degree, DEGREES)?,
        status,
    };
    let mut tx = db::begin(pool, actor).await?;
    let user = store::update_resident(&mut tx, &change)
        .await?
        .ok_or_else(|| Error::stale("The resident record"))?;
    let detail = detail(&mut tx, edit.program_id, user).await?;
    tx.commit().await?;
    Ok(detail)
}

pub async fn update_faculty(
    pool: &PgPool,
    actor: &Actor,
    edit: FacultyEditInput,
) -> Result<PersonDetail> {
    if let Some(p) = edit.teaching_percentage
        && !(0..=100).contains(&p)
    {
        return Err(Error::invalid(
            "teachingPercentage",
            format!("Teaching must be 0 to 100 %, not {p}"),
        ));
    }
    let change = store::FacultyChange {
        id: edit.id,
        version: edit.version,
        rank: choice("rank", "Rank", &edit.rank, RANKS)?,
        department: input::optional_text("department", "Department", &edit.department, 200)?,
        specialty: input::optional_text("specialty", "Specialty", &edit.specialty, 200)?,
        is_core_faculty: edit.is_core_faculty,
        teaching_percentage: edit.teaching_percentage,
        started_at: input::optional_date("startedAt", "Start date", Some(&edit.started_at))?,
    };
    let mut tx = db::begin(pool, actor).await?;
    let user = store::update_faculty(&mut tx, &change)
        .await?
        .ok_or_else(|| Error::stale("The faculty record"))?;
    let detail = detail(&mut tx, edit.program_id, user).await?;
    tx.commit().await?;
    Ok(detail)
}

/// Gives a person another role in the program from a day on (the resident and faculty roles
/// come with their records, through the add forms and roster import).
pub async fn add_role(pool: &PgPool, actor: &Actor, new: AddRoleInput) -> Result<PersonDetail> {
    let role = ROLES
        .iter()
        .find(|r| **r == new.role.trim())
        .ok_or_else(|| {
            Error::invalid(
                "role",
                format!(
                    "'{}' is not a role: use one of {}",
                    new.role.trim(),
                    ROLES.join(", ")
                ),
            )
        })?;
    if matches!(*role, "resident" | "faculty") {
        return Err(Error::invalid(
            "role",
            format!(
                "Add {role}s with the Add {role} form or a roster import: they need their {role} record"
            ),
        ));
    }
    let from = input::date("startedAt", "Start date", &new.started_at)?;
    let mut tx = db::begin(pool, actor).await?;
    people_store::insert_memberships(&mut tx, new.program_id, role, &[(new.user_id, from)]).await?;
    let detail = detail(&mut tx, new.program_id, new.user_id).await?;
    tx.commit().await?;
    Ok(detail)
}

/// Ends a role on a day. The membership stays, with its dates: nothing about a person is deleted.
pub async fn end_role(pool: &PgPool, actor: &Actor, end: EndRoleInput) -> Result<PersonDetail> {
    let on = input::date("endedAt", "End date", &end.ended_at)?;
    let mut tx = db::begin(pool, actor).await?;
    let (user, started) = store::membership(&mut tx, end.id)
        .await?
        .ok_or_else(|| Error::not_found("The role"))?;
    if on < started {
        return Err(Error::invalid(
            "endedAt",
            format!("The role started on {started}; it cannot end before that"),
        ));
    }
    if !store::end_membership(&mut tx, end.id, end.version, on).await? {
        return Err(Error::stale("The role"));
    }
    let detail = detail(&mut tx, end.program_id, user).await?;
    tx.commit().await?;
    Ok(detail)
}
