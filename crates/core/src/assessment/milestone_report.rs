//! The milestone reports from the database: one period's levels for a whole program, which the
//! program summary and the ADS export read; the resident report lives in `milestone_resident`
//! and is re-exported here so the reports have one home.

use std::collections::HashMap;
use std::path::Path;

use sqlx::PgConnection;

use super::milestone::{PeriodName, Rating};
use super::milestone_distribution::Distribution;
use super::milestone_store::{Period, period, program_milestone_set, years_back};
use crate::academic::calendar_export::{ExportProgress, ExportedFile, render_and_write};
use crate::db::PgPool;
use crate::ids::{MilestoneSetId, ProgramId, ResidentId, SubcompetencyId};
use crate::reports::milestone_summary::{
    MilestoneSummary, PgyGroup, SummaryRow, render_milestone_summary,
};
use crate::{Error, Result};

pub use super::milestone_resident::{
    export_resident_milestones, resident_by_email, resident_report,
};

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodSubcompetency {
    pub id: SubcompetencyId,
    pub code: String,
    pub name: String,
    /// `Patient Care`.
    pub competency: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodResident {
    pub id: ResidentId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// Their PGY level during the period.
    pub pgy: i32,
}

/// A program's levels of one period: every resident in training then or rated then, by PGY and
/// name, and every subcompetency of the program's milestone set, in the set's order.
#[derive(Debug, Clone)]
pub struct PeriodLevels {
    pub program_code: String,
    pub program_name: String,
    pub period: Period,
    /// `General Surgery Milestones 2.0 (2.0)`.
    pub milestone_set: String,
    pub subcompetencies: Vec<PeriodSubcompetency>,
    pub residents: Vec<PeriodResident>,
    pub ratings: HashMap<(ResidentId, SubcompetencyId), Rating>,
}

impl PeriodLevels {
    pub fn rating(&self, resident: ResidentId, sub: SubcompetencyId) -> Option<Rating> {
        self.ratings.get(&(resident, sub)).copied()
    }
}

pub(super) async fn program_names(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<(String, String)> {
    let p = sqlx::query!(
        r#"select code::text as "code!", name from programs where id = $1"#,
        program.0
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| Error::not_found("The program"))?;
    Ok((p.code, p.name))
}

pub(super) async fn set_name(conn: &mut PgConnection, set: MilestoneSetId) -> Result<String> {
    Ok(sqlx::query_scalar!(
        r#"select name || ' (' || set_version || ')' as "name!" from milestone_sets where id = $1"#,
        set.0
    )
    .fetch_one(conn)
    .await?)
}

pub(super) async fn subcompetencies(
    conn: &mut PgConnection,
    set: MilestoneSetId,
) -> Result<Vec<PeriodSubcompetency>> {
    Ok(sqlx::query!(
        r#"select s.id as "id: SubcompetencyId", s.code, s.name, c.name as competency
           from subcompetencies s join ref_competencies c on c.code = s.competency_code
           where s.milestone_set_id = $1 order by c.display_order, s.display_order"#,
        set.0
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| PeriodSubcompetency {
        id: r.id,
        code: r.code,
        name: r.name,
        competency: r.competency,
    })
    .collect())
}

pub async fn period_levels(
    conn: &mut PgConnection,
    program: ProgramId,
    name: &PeriodName,
) -> Result<PeriodLevels> {
    let (program_code, program_name) = program_names(conn, program).await?;
    let period = period(conn, program, name).await?;
    let set = program_milestone_set(conn, program).await?;
    let milestone_set = set_name(conn, set).await?;
    let subcompetencies = subcompetencies(conn, set).await?;
    let back = years_back(conn, program, period.year_id).await?;
    let term = period.name.term.as_str();
    let residents = sqlx::query!(
        r#"select r.id as "id: ResidentId", u.first_name, u.last_name, u.email::text as "email!",
                  r.pgy_level
           from residents r join users u on u.id = r.user_id
           where r.program_id = $1
             and (exists (select 1 from milestone_assessments m
                          join subcompetencies s on s.id = m.subcompetency_id and s.milestone_set_id = $5
                          where m.resident_id = r.id and m.academic_year_id = $2 and m.term = $3
                            and m.deleted_at is null)
                  or (r.status not in ('completed', 'withdrawn') and r.pgy_level - $4 >= 1))
           order by r.pgy_level, u.last_name, u.first_name, u.email"#,
        program.0,
        period.year_id.0,
        term,
        back,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| PeriodResident {
        id: r.id,
        first_name: r.first_name,
        last_name: r.last_name,
        email: r.email,
        pgy: (r.pgy_level - back).max(1),
    })
    .collect();
    let ratings = sqlx::query!(
        r#"select m.resident_id as "resident_id: ResidentId",
                  m.subcompetency_id as "subcompetency_id: SubcompetencyId",
                  m.level::float8 as level, m.not_yet_assessable
           from milestone_assessments m join subcompetencies s on s.id = m.subcompetency_id
           join residents r on r.id = m.resident_id and r.program_id = $4
           where s.milestone_set_id = $1 and m.academic_year_id = $2 and m.term = $3
             and m.deleted_at is null"#,
        set.0,
        period.year_id.0,
        term,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter_map(|r| {
        Rating::from_row(r.level, r.not_yet_assessable)
            .map(|rating| ((r.resident_id, r.subcompetency_id), rating))
    })
    .collect();
    Ok(PeriodLevels {
        program_code,
        program_name,
        period,
        milestone_set,
        subcompetencies,
        residents,
        ratings,
    })
}

/// The program milestone summary of a period: per PGY level, each subcompetency's distribution.
pub async fn summary(
    pool: &PgPool,
    program: ProgramId,
    name: &PeriodName,
    generated_at: String,
) -> Result<MilestoneSummary> {
    let mut conn = pool.acquire().await?;
    let levels = period_levels(&mut conn, program, name).await?;
    let mut groups: Vec<PgyGroup> = Vec::new();
    let mut pgys: Vec<i32> = levels.residents.iter().map(|r| r.pgy).collect();
    pgys.dedup();
    for pgy in pgys {
        let residents: Vec<&PeriodResident> =
            levels.residents.iter().filter(|r| r.pgy == pgy).collect();
        let rows = levels
            .subcompetencies
            .iter()
            .map(|s| SummaryRow {
                competency: s.competency.clone(),
                code: s.code.clone(),
                name: s.name.clone(),
                distribution: Distribution::of(residents.iter().map(|r| levels.rating(r.id, s.id))),
            })
            .collect();
        groups.push(PgyGroup {
            pgy,
            residents: u32::try_from(residents.len()).unwrap_or(u32::MAX),
            rows,
        });
    }
    Ok(MilestoneSummary {
        program_code: levels.program_code,
        program_name: levels.program_name,
        period: levels.period.name.to_string(),
        milestone_set: levels.milestone_set,
        generated_at,
        groups,
    })
}

pub(super) fn generated_now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()
}

/// Writes the program milestone summary of a period to `path`.
pub async fn export_milestone_summary(
    pool: &PgPool,
    program: ProgramId,
    name: &PeriodName,
    path: &Path,
    progress: impl FnMut(ExportProgress) + Send + 'static,
) -> Result<ExportedFile> {
    let doc = summary(pool, program, name, generated_now()).await?;
    render_and_write(doc, render_milestone_summary, path, progress).await
}
