//! The rules that raise notifications. Each reads the database for what is due today and names a
//! recipient, the variables for its template and a key saying what raised it; the centre stores
//! each key once, so running the rules again (every pass, on every desktop) raises nothing new.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use sqlx::PgConnection;
use uuid::Uuid;

use super::NotificationKind;
use crate::Result;
use crate::hours::store as hours;
use crate::ids::{ProgramId, UserId};

/// A notification a rule wants to exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    pub program: Option<ProgramId>,
    pub recipient: Option<UserId>,
    pub kind: NotificationKind,
    pub variables: BTreeMap<String, String>,
    pub dedupe_key: String,
}

impl Raised {
    fn new(
        program: ProgramId,
        recipient: Uuid,
        kind: NotificationKind,
        dedupe_key: String,
        variables: &[(&str, String)],
    ) -> Self {
        Raised {
            program: Some(program),
            recipient: Some(UserId(recipient)),
            kind,
            variables: variables
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.clone()))
                .collect(),
            dedupe_key,
        }
    }
}

/// A finished rotation is owed its supervisor's assessment for this long after it ends.
const ASSESSMENT_GRACE_DAYS: i64 = 14;
/// Owed assessments are raised for rotations that ended within this many days.
const ASSESSMENT_LOOKBACK_DAYS: i64 = 28;
/// Work-hour violations are raised for blocks that started within this many days.
const HOURS_LOOKBACK_DAYS: i64 = 56;

/// Every rule for one program, as of `today`.
pub async fn due(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Vec<Raised>> {
    let mut out = assessments_owed(conn, program, today).await?;
    out.extend(agreements_expiring(conn, program, today).await?);
    out.extend(ccc_invitations(conn, program, today).await?);
    out.extend(hours_violations(conn, program, today).await?);
    Ok(out)
}

/// A supervisor who has not assessed a resident whose rotation with them ended lately: no EPA
/// assessment of theirs dated in the rotation or within the grace days after it.
async fn assessments_owed(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Vec<Raised>> {
    let rows = sqlx::query!(
        r#"select a.id, f.user_id, fu.first_name || ' ' || fu.last_name as "faculty!",
                  ru.first_name || ' ' || ru.last_name as "resident!", rt.name as rotation,
                  a.start_date, a.end_date
           from rotation_assignments a
           join residents r on r.id = a.resident_id
           join users ru on ru.id = r.user_id
           join faculty f on f.id = a.supervisor_id
           join users fu on fu.id = f.user_id
           join rotation_types rt on rt.id = a.rotation_type_id
           where r.program_id = $1 and rt.category <> 'leave_like'
             and a.end_date < $2 and a.end_date >= $2 - $3::int
             and not exists (
                 select 1 from epa_assessments e
                 where e.resident_id = a.resident_id and e.assessor_id = a.supervisor_id
                   and e.deleted_at is null
                   and e.assessed_on between a.start_date and a.end_date + $4::int)
           order by a.end_date, a.id"#,
        program.0,
        today,
        ASSESSMENT_LOOKBACK_DAYS as i32,
        ASSESSMENT_GRACE_DAYS as i32,
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            Raised::new(
                program,
                r.user_id,
                NotificationKind::AssessmentOwed,
                format!("assessment_owed:{}", r.id),
                &[
                    ("faculty", r.faculty),
                    ("resident", r.resident),
                    ("rotation", r.rotation),
                    ("start_date", r.start_date.to_string()),
                    ("end_date", r.end_date.to_string()),
                ],
            )
        })
        .collect())
}

/// Who holds any of `roles` in the program today; a program director is also the program's own.
async fn holding(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
    roles: &[&str],
) -> Result<Vec<Uuid>> {
    let roles: Vec<String> = roles.iter().map(|r| (*r).to_string()).collect();
    Ok(sqlx::query_scalar!(
        r#"select distinct user_id as "id!" from (
               select m.user_id from program_memberships m
               where m.program_id = $1 and m.role = any($3)
                 and m.started_at <= $2 and (m.ended_at is null or m.ended_at >= $2)
               union
               select p.program_director_id from programs p
               where p.id = $1 and p.program_director_id is not null
                 and 'program_director' = any($3)) who
           order by 1"#,
        program.0,
        today,
        &roles
    )
    .fetch_all(conn)
    .await?)
}

/// The people who run the program: its coordinators and program directors.
const OFFICE: &[&str] = &["coordinator", "program_director"];
const DIRECTORS: &[&str] = &["program_director"];

/// An active agreement covering the program that expires within 90 days: a 90-day notice, then
/// a 30-day notice, to the program's office.
async fn agreements_expiring(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Vec<Raised>> {
    let agreements = sqlx::query!(
        r#"select a.id, a.agreement_type, i.name as institution, a.expiration_date as "expiration_date!"
           from program_agreements pa
           join participation_agreements a on a.id = pa.agreement_id
           join institutions i on i.id = a.participating_institution_id
           where pa.program_id = $1 and a.status = 'active'
             and a.expiration_date between $2 and $2 + 90
           order by a.expiration_date, a.id"#,
        program.0,
        today
    )
    .fetch_all(&mut *conn)
    .await?;
    if agreements.is_empty() {
        return Ok(Vec::new());
    }
    let office = holding(conn, program, today, OFFICE).await?;
    let mut out = Vec::new();
    for a in agreements {
        let days_left = (a.expiration_date - today).num_days();
        let notice = if days_left <= 30 { 30 } else { 90 };
        let what = if a.agreement_type == "pla" {
            "Program letter of agreement"
        } else {
            "Affiliation agreement"
        };
        let name = format!("{what} with {}", a.institution);
        for user in &office {
            out.push(Raised::new(
                program,
                *user,
                NotificationKind::AgreementExpiring,
                format!("agreement_expiring:{}:{notice}:{user}", a.id),
                &[
                    ("agreement", name.clone()),
                    ("institution", a.institution.clone()),
                    ("expiration_date", a.expiration_date.to_string()),
                    ("days_left", days_left.to_string()),
                    ("notice", notice.to_string()),
                ],
            ));
        }
    }
    Ok(out)
}

/// Each member (and the chair) of a CCC meeting still to come is invited; a meeting moved to
/// another date invites them again.
async fn ccc_invitations(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Vec<Raised>> {
    let rows = sqlx::query!(
        r#"select m.id, m.meeting_date, m.term, p.name as program, u.id as user_id,
                  u.first_name || ' ' || u.last_name as "member!",
                  (select cu.first_name || ' ' || cu.last_name from faculty cf
                     join users cu on cu.id = cf.user_id where cf.id = m.chair_id) as chair,
                  (select count(*) from ccc_agenda_items ai where ai.meeting_id = m.id) as "residents!"
           from ccc_meetings m
           join programs p on p.id = m.program_id
           join lateral (
               select f.user_id from ccc_attendees at join faculty f on f.id = at.faculty_id
               where at.meeting_id = m.id
               union
               select f.user_id from faculty f where f.id = m.chair_id) who on true
           join users u on u.id = who.user_id
           where m.program_id = $1 and m.status = 'scheduled' and m.meeting_date >= $2
           order by m.meeting_date, u.last_name, u.first_name, u.id"#,
        program.0,
        today
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            Raised::new(
                program,
                r.user_id,
                NotificationKind::CccInvitation,
                format!("ccc_invitation:{}:{}:{}", r.id, r.user_id, r.meeting_date),
                &[
                    ("member", r.member),
                    ("program", r.program),
                    ("term", r.term),
                    ("meeting_date", r.meeting_date.to_string()),
                    ("chair", r.chair.unwrap_or_else(|| "the chair".to_string())),
                    ("residents", r.residents.to_string()),
                ],
            )
        })
        .collect())
}

/// Each rule a resident broke in the program's recent blocks, to the program's directors.
async fn hours_violations(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
) -> Result<Vec<Raised>> {
    let found = hours::program_compliance_on(
        conn,
        program,
        None,
        today - Duration::days(HOURS_LOOKBACK_DAYS),
        today,
    )
    .await?;
    if found.iter().all(|(_, c)| c.violations.is_empty()) {
        return Ok(Vec::new());
    }
    let directors = holding(conn, program, today, DIRECTORS).await?;
    let mut out = Vec::new();
    for (resident, compliance) in found {
        // "Last, First" in lists; a sentence says "First Last".
        let name = match resident.name.split_once(", ") {
            Some((last, first)) => format!("{first} {last}"),
            None => resident.name.clone(),
        };
        for v in &compliance.violations {
            let window = format!(
                "{} to {}",
                v.from.format("%Y-%m-%d %H:%M"),
                v.to.format("%Y-%m-%d %H:%M")
            );
            for user in &directors {
                out.push(Raised::new(
                    program,
                    *user,
                    NotificationKind::HoursViolation,
                    format!(
                        "hours_violation:{}:{}:{}:{user}",
                        resident.id.0,
                        v.rule.as_str(),
                        v.from.format("%Y-%m-%dT%H:%M")
                    ),
                    &[
                        ("resident", name.clone()),
                        ("rule", v.rule.title().to_string()),
                        ("window", window.clone()),
                        ("figure", v.message.clone()),
                    ],
                ));
            }
        }
    }
    Ok(out)
}

/// An import that was refused: what it held, the file's name, and its problems.
#[derive(Debug, Clone, Copy)]
pub struct ImportRefusal<'a> {
    /// "resident roster", "work hours"…
    pub what: &'a str,
    pub file: &'a str,
    pub problems: usize,
    pub first_problem: &'a str,
}

/// An import that was refused, for the program's office: raised by the import itself, once per
/// attempt.
pub async fn import_failed(
    conn: &mut PgConnection,
    program: ProgramId,
    today: NaiveDate,
    refusal: &ImportRefusal<'_>,
) -> Result<Vec<Raised>> {
    let attempt = Uuid::now_v7();
    Ok(holding(conn, program, today, OFFICE)
        .await?
        .into_iter()
        .map(|user| {
            Raised::new(
                program,
                user,
                NotificationKind::ImportFailed,
                format!("import_failed:{attempt}:{user}"),
                &[
                    ("what", refusal.what.to_string()),
                    ("file", refusal.file.to_string()),
                    ("problems", refusal.problems.to_string()),
                    ("first_problem", refusal.first_problem.to_string()),
                ],
            )
        })
        .collect())
}
