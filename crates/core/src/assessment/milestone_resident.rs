//! The resident milestone report from the database: the resident (found by e-mail for the CLI), their levels
//! across the periods up to the report's with the descriptor of each level reached, and the
//! committee's final review of the period; read into a view model, laid out and written.

use std::collections::HashMap;
use std::path::Path;

use sqlx::PgConnection;
use uuid::Uuid;

use super::milestone::{PeriodName, Rating, Term};
use super::milestone_report::{generated_now, program_names, set_name, subcompetencies};
use super::milestone_store::{period, program_milestone_set, years_back};
use crate::academic::calendar_export::{ExportProgress, ExportedFile, render_and_write};
use crate::db::PgPool;
use crate::ids::{ProgramId, ResidentId};
use crate::reports::milestones::{
    CompetencyLevels, FinalReview, ResidentMilestoneReport, SubcompetencyLevels,
    render_resident_milestones,
};
use crate::{Error, Result};

/// Periods the charts cover at most, ending with the report's.
const PERIODS: usize = 5;

/// A resident by e-mail (any case). With `program`, their residency there; without, their only
/// one. Unknown e-mail or no residency in the program: `not_found`; residencies in several
/// programs and none chosen: `invalid` on `program`.
pub async fn resident_by_email(
    conn: &mut PgConnection,
    program: Option<ProgramId>,
    email: &str,
) -> Result<(ResidentId, ProgramId)> {
    let email = email.trim();
    if email.is_empty() {
        return Err(Error::invalid("resident", "Give the resident's e-mail"));
    }
    let found = sqlx::query!(
        r#"select r.id as "id: ResidentId", r.program_id as "program_id: ProgramId", p.code::text as "code!"
           from residents r join users u on u.id = r.user_id join programs p on p.id = r.program_id
           where u.email = $1::text::citext order by p.code"#,
        email
    )
    .fetch_all(conn)
    .await?;
    match (program, found.as_slice()) {
        (_, []) => Err(Error::not_found(format!(
            "A resident with the e-mail {email}"
        ))),
        (Some(p), _) => found
            .iter()
            .find(|r| r.program_id == p)
            .map(|r| (r.id, r.program_id))
            .ok_or_else(|| Error::not_found(format!("{email} as a resident of this program"))),
        (None, [one]) => Ok((one.id, one.program_id)),
        (None, many) => Err(Error::invalid(
            "program",
            format!(
                "{email} is a resident in {}: choose the program",
                many.iter()
                    .map(|r| r.code.as_str())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        )),
    }
}

/// The resident milestone report of a period.
pub async fn resident_report(
    pool: &PgPool,
    resident: ResidentId,
    name: &PeriodName,
    generated_at: String,
) -> Result<ResidentMilestoneReport> {
    let mut conn = pool.acquire().await?;
    let program = sqlx::query_scalar!(
        r#"select program_id as "id: ProgramId" from residents where id = $1"#,
        resident.0
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("The resident"))?;
    let (program_code, program_name) = program_names(&mut conn, program).await?;
    let now = period(&mut conn, program, name).await?;
    let set = program_milestone_set(&mut conn, program).await?;
    let milestone_set = set_name(&mut conn, set).await?;
    let subs = subcompetencies(&mut conn, set).await?;
    let back = years_back(&mut conn, program, now.year_id).await?;
    let who = sqlx::query!(
        r#"select u.first_name || ' ' || u.last_name as "name!", u.email::text as "email!", r.pgy_level
           from residents r join users u on u.id = r.user_id where r.id = $1"#,
        resident.0
    )
    .fetch_one(&mut *conn)
    .await?;

    let mut periods = vec![name.clone()];
    while periods.len() < PERIODS {
        match periods.last().and_then(PeriodName::previous) {
            Some(p) => periods.push(p),
            None => break,
        }
    }
    periods.reverse();
    let years: Vec<String> = periods.iter().map(|p| p.year.clone()).collect();
    let mut ratings: HashMap<(Uuid, usize), Rating> = HashMap::new();
    for r in sqlx::query!(
        r#"select m.subcompetency_id, y.name as year, m.term, m.level::float8 as level, m.not_yet_assessable
           from milestone_assessments m join academic_years y on y.id = m.academic_year_id
           join subcompetencies s on s.id = m.subcompetency_id and s.milestone_set_id = $4
           where m.resident_id = $1 and y.program_id = $2 and y.name = any($3) and m.deleted_at is null"#,
        resident.0,
        program.0,
        &years,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let term = Term::parse(&r.term);
        let at = periods
            .iter()
            .position(|p| p.year == r.year && Some(p.term) == term);
        if let (Some(i), Some(rating)) = (at, Rating::from_row(r.level, r.not_yet_assessable)) {
            ratings.insert((r.subcompetency_id, i), rating);
        }
    }
    // The charts start at the first period the resident was rated in.
    let first = (0..periods.len())
        .find(|i| ratings.keys().any(|(_, p)| p == i))
        .unwrap_or(periods.len() - 1);
    let last = periods.len() - 1;

    let mut descriptors: HashMap<(Uuid, i32), String> = HashMap::new();
    for d in sqlx::query!(
        "select d.subcompetency_id, d.level, d.descriptor from milestone_level_descriptors d
         join subcompetencies s on s.id = d.subcompetency_id where s.milestone_set_id = $1",
        set.0
    )
    .fetch_all(&mut *conn)
    .await?
    {
        descriptors.insert((d.subcompetency_id, d.level), d.descriptor);
    }
    let review = sqlx::query!(
        r#"select m.meeting_date, v.recommendation as "recommendation!", v.overall_performance,
                  v.strengths, v.areas_for_improvement,
                  case when v.requires_remediation then v.remediation_plan end as remediation_plan,
                  v.amends_review_id is not null as "amendment!"
           from ccc_resident_reviews v join ccc_meetings m on m.id = v.meeting_id
           where v.resident_id = $1 and m.program_id = $2 and m.academic_year_id = $3 and m.term = $4
             and v.status = 'final'
           order by v.finalized_at desc limit 1"#,
        resident.0,
        program.0,
        now.year_id.0,
        now.name.term.as_str()
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(|r| FinalReview {
        meeting_date: r.meeting_date,
        recommendation: r.recommendation,
        overall_performance: r.overall_performance,
        strengths: r.strengths.filter(|s| !s.trim().is_empty()),
        areas_for_improvement: r.areas_for_improvement.filter(|s| !s.trim().is_empty()),
        remediation_plan: r.remediation_plan.filter(|s| !s.trim().is_empty()),
        amendment: r.amendment,
    });

    let mut competencies: Vec<CompetencyLevels> = Vec::new();
    for s in &subs {
        let at = |i: usize| ratings.get(&(s.id.0, i)).copied();
        let now_rating = at(last);
        let levels = SubcompetencyLevels {
            code: s.code.clone(),
            name: s.name.clone(),
            now: now_rating,
            previous: if last > 0 { at(last - 1) } else { None },
            reached: now_rating
                .and_then(Rating::level)
                .filter(|l| *l >= 1.0)
                .and_then(|l| {
                    let whole = l.floor() as i32;
                    descriptors
                        .get(&(s.id.0, whole))
                        .map(|d| (whole, d.clone()))
                }),
            levels: (first..=last)
                .map(|i| at(i).and_then(Rating::level))
                .collect(),
        };
        match competencies.last_mut() {
            Some(c) if c.name == s.competency => c.subcompetencies.push(levels),
            _ => competencies.push(CompetencyLevels {
                name: s.competency.clone(),
                subcompetencies: vec![levels],
            }),
        }
    }
    Ok(ResidentMilestoneReport {
        program_code,
        program_name,
        resident_name: who.name,
        email: who.email,
        pgy: (who.pgy_level - back).max(1),
        period: name.to_string(),
        previous_period: name.previous().map(|p| p.to_string()),
        milestone_set,
        generated_at,
        periods: periods[first..]
            .iter()
            .map(|p| format!("{} {}", p.year, p.term.as_str()))
            .collect(),
        competencies,
        review,
    })
}

/// Writes the resident milestone report of a period to `path` (`resident_by_email` finds the
/// resident named by e-mail).
pub async fn export_resident_milestones(
    pool: &PgPool,
    resident: ResidentId,
    name: &PeriodName,
    path: &Path,
    progress: impl FnMut(ExportProgress) + Send + 'static,
) -> Result<ExportedFile> {
    let doc = resident_report(pool, resident, name, generated_now()).await?;
    render_and_write(doc, render_resident_milestones, path, progress).await
}
