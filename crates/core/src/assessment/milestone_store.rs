//! Milestone levels in the database: the CCC grid of one period (residents down, subcompetencies
//! across, each cell with the previous period's level beside it), setting levels in one
//! transaction, and copying the previous period forward. A resident whose review for the period
//! is final is locked until an amendment is opened.

use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use ts_rs::TS;

use super::milestone::{PeriodName, Rating};
use crate::db::{self, Actor, PgPool};
use crate::ids::{
    AcademicYearId, MilestoneAssessmentId, MilestoneSetId, ProgramId, ResidentId, SubcompetencyId,
};
use crate::{Error, Result};

/// A period found in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub year_id: AcademicYearId,
    pub name: PeriodName,
}

/// Finds the program's academic year by name.
pub async fn period(
    conn: &mut PgConnection,
    program: ProgramId,
    name: &PeriodName,
) -> Result<Period> {
    let year = sqlx::query_scalar!(
        r#"select id as "id: AcademicYearId" from academic_years where program_id = $1 and name = $2"#,
        program.0,
        name.year
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| {
        Error::invalid(
            "period",
            format!("This program has no academic year named {}", name.year),
        )
    })?;
    Ok(Period {
        year_id: year,
        name: name.clone(),
    })
}

/// The milestone set a program rates against: its own choice, else the newest shipped set of its
/// specialty.
pub async fn program_milestone_set(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<MilestoneSetId> {
    sqlx::query_scalar!(
        r#"select coalesce(p.milestone_set_id,
                  (select s.id from milestone_sets s
                    where s.specialty_code = p.specialty_code and s.program_id is null
                    order by s.created_at desc limit 1)) as "id: MilestoneSetId"
           from programs p where p.id = $1"#,
        program.0
    )
    .fetch_optional(conn)
    .await?
    .flatten()
    .ok_or_else(|| {
        Error::invalid(
            "program",
            "This program has no milestone set yet: set its specialty or import its milestones first",
        )
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GridSubcompetency {
    pub id: SubcompetencyId,
    pub code: String,
    pub name: String,
    /// PC, MK, ...: the grid groups columns by it.
    pub competency: String,
    /// Levels 1 to 5.
    pub descriptors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GridRow {
    pub id: ResidentId,
    pub name: String,
    /// Their PGY level during the period.
    pub pgy: i32,
    /// A final review for this period holds the resident's levels.
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneCell {
    pub resident_id: ResidentId,
    pub subcompetency_id: SubcompetencyId,
    pub id: Option<MilestoneAssessmentId>,
    pub rating: Option<Rating>,
    pub rationale: Option<String>,
    pub version: Option<i32>,
    /// The previous period's rating, shown beside the cell.
    pub previous: Option<Rating>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneGrid {
    pub period: Period,
    pub previous: Option<PeriodName>,
    pub subcompetencies: Vec<GridSubcompetency>,
    pub residents: Vec<GridRow>,
    /// Only cells with a rating now or before.
    pub cells: Vec<MilestoneCell>,
}

/// How many academic years `year` lies before the program's current one (0 for the current year
/// or when none is current): a resident's PGY level then was theirs now less this.
pub async fn years_back(
    conn: &mut PgConnection,
    program: ProgramId,
    year: AcademicYearId,
) -> Result<i32> {
    Ok(sqlx::query_scalar!(
        r#"select coalesce((select (extract(year from c.start_date) - extract(year from y.start_date))::int
                            from academic_years c, academic_years y
                            where c.program_id = $1 and c.is_current and y.id = $2), 0) as "back!""#,
        program.0,
        year.0
    )
    .fetch_one(conn)
    .await?)
}

/// The residents of a period whose final review holds their levels (no amendment open).
pub async fn locked_residents(
    conn: &mut PgConnection,
    program: ProgramId,
    period: &Period,
) -> Result<Vec<ResidentId>> {
    Ok(sqlx::query_scalar!(
        r#"select distinct r.resident_id as "id: ResidentId"
           from ccc_resident_reviews r join ccc_meetings m on m.id = r.meeting_id
           where m.program_id = $1 and m.academic_year_id = $2 and m.term = $3 and r.status = 'final'
             and not exists (select 1 from ccc_resident_reviews a where a.amends_review_id = r.id)"#,
        program.0,
        period.year_id.0,
        period.name.term.as_str()
    )
    .fetch_all(conn)
    .await?)
}

pub async fn grid(pool: &PgPool, program: ProgramId, name: &PeriodName) -> Result<MilestoneGrid> {
    let mut conn = pool.acquire().await?;
    let period = period(&mut conn, program, name).await?;
    let set = program_milestone_set(&mut conn, program).await?;
    let subcompetencies = sqlx::query!(
        r#"select s.id as "id: SubcompetencyId", s.code, s.name, c.abbreviation,
                  array(select d.descriptor from milestone_level_descriptors d
                        where d.subcompetency_id = s.id order by d.level) as "descriptors!"
           from subcompetencies s join ref_competencies c on c.code = s.competency_code
           where s.milestone_set_id = $1 order by c.display_order, s.display_order"#,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| GridSubcompetency {
        id: r.id,
        code: r.code,
        name: r.name,
        competency: r.abbreviation,
        descriptors: r.descriptors,
    })
    .collect();
    let locked = locked_residents(&mut conn, program, &period).await?;
    let back = years_back(&mut conn, program, period.year_id).await?;
    let residents = sqlx::query!(
        r#"select r.id as "id: ResidentId", u.first_name || ' ' || u.last_name as "name!", r.pgy_level
           from residents r join users u on u.id = r.user_id
           where r.program_id = $1
             and (r.status not in ('completed', 'withdrawn')
                  or exists (select 1 from milestone_assessments m
                             where m.resident_id = r.id and m.academic_year_id = $2 and m.term = $3
                               and m.deleted_at is null))
           order by r.pgy_level, u.last_name, u.first_name"#,
        program.0,
        period.year_id.0,
        period.name.term.as_str()
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| GridRow {
        locked: locked.contains(&r.id),
        id: r.id,
        name: r.name,
        pgy: (r.pgy_level - back).max(1),
    })
    .collect();
    let previous = name.previous();
    let previous_year = match &previous {
        Some(p) => sqlx::query_scalar!(
            r#"select id as "id: AcademicYearId" from academic_years where program_id = $1 and name = $2"#,
            program.0,
            p.year
        )
        .fetch_optional(&mut *conn)
        .await?,
        None => None,
    };
    let cells = sqlx::query!(
        r#"with now as (
             select m.id, m.resident_id, m.subcompetency_id, m.level::float8 as level, m.not_yet_assessable,
                    m.rationale, m.version
             from milestone_assessments m join subcompetencies s on s.id = m.subcompetency_id
             where s.milestone_set_id = $1 and m.academic_year_id = $2 and m.term = $3 and m.deleted_at is null),
           before as (
             select m.resident_id, m.subcompetency_id, m.level::float8 as level, m.not_yet_assessable
             from milestone_assessments m join subcompetencies s on s.id = m.subcompetency_id
             where s.milestone_set_id = $1 and m.academic_year_id = $4 and m.term = $5 and m.deleted_at is null)
           select coalesce(n.resident_id, b.resident_id) as "resident_id!: ResidentId",
                  coalesce(n.subcompetency_id, b.subcompetency_id) as "subcompetency_id!: SubcompetencyId",
                  n.id as "id?: MilestoneAssessmentId", n.level as "level?", n.not_yet_assessable as "not_yet?",
                  n.rationale as "rationale?", n.version as "version?",
                  b.level as "before_level?", b.not_yet_assessable as "before_not_yet?"
           from now n full join before b
             on b.resident_id = n.resident_id and b.subcompetency_id = n.subcompetency_id"#,
        set.0,
        period.year_id.0,
        period.name.term.as_str(),
        previous_year.map(|y| y.0),
        previous.as_ref().map(|p| p.term.as_str())
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| MilestoneCell {
        resident_id: r.resident_id,
        subcompetency_id: r.subcompetency_id,
        id: r.id,
        rating: Rating::from_row(r.level, r.not_yet.unwrap_or(false)),
        rationale: r.rationale,
        version: r.version,
        previous: Rating::from_row(r.before_level, r.before_not_yet.unwrap_or(false)),
    })
    .collect();
    Ok(MilestoneGrid {
        period,
        previous,
        subcompetencies,
        residents,
        cells,
    })
}

/// One cell to set: a rating, or `None` to clear it. `version` is what the user saw (None: the
/// cell was empty).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelEntry {
    pub resident_id: ResidentId,
    pub subcompetency_id: SubcompetencyId,
    pub rating: Option<Rating>,
    #[serde(default)]
    pub rationale: Option<String>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Sets many cells of a period in one transaction; nothing is written if any is refused.
pub async fn set_levels(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    name: &PeriodName,
    entries: &[LevelEntry],
) -> Result<usize> {
    let mut tx = db::begin(pool, actor).await?;
    let period = period(&mut tx, program, name).await?;
    let set = program_milestone_set(&mut tx, program).await?;
    let locked = locked_residents(&mut tx, program, &period).await?;
    let mut changed = 0;
    for e in entries {
        if let Some(Rating::Level { level }) = e.rating {
            Rating::from_level("rating", level)?;
        }
        if locked.contains(&e.resident_id) {
            return Err(Error::conflict(
                "This resident's review for the period is final: open an amendment to change their levels",
            ));
        }
        let in_set = sqlx::query_scalar!(
            r#"select exists (select 1 from subcompetencies s join residents r on r.id = $2
                              where s.id = $1 and s.milestone_set_id = $3 and r.program_id = $4) as "yes!""#,
            e.subcompetency_id.0,
            e.resident_id.0,
            set.0,
            program.0
        )
        .fetch_one(&mut *tx)
        .await?;
        if !in_set {
            return Err(Error::invalid(
                "subcompetencyId",
                "That subcompetency or resident is not this program's",
            ));
        }
        let rationale = crate::input::optional_text(
            "rationale",
            "The rationale",
            e.rationale.as_deref().unwrap_or(""),
            4000,
        )?;
        let current = sqlx::query!(
            r#"select id as "id: MilestoneAssessmentId", version from milestone_assessments
               where resident_id = $1 and subcompetency_id = $2 and academic_year_id = $3 and term = $4
                 and deleted_at is null"#,
            e.resident_id.0,
            e.subcompetency_id.0,
            period.year_id.0,
            period.name.term.as_str()
        )
        .fetch_optional(&mut *tx)
        .await?;
        if current.as_ref().map(|c| c.version) != e.version {
            return Err(Error::stale("A milestone level"));
        }
        let level = e.rating.and_then(Rating::level);
        let not_yet = matches!(e.rating, Some(Rating::NotYetAssessable));
        match (current, e.rating) {
            (None, None) => continue,
            (None, Some(_)) => {
                sqlx::query!(
                    "insert into milestone_assessments
                       (id, resident_id, subcompetency_id, academic_year_id, term, level, not_yet_assessable, rationale)
                     values ($1, $2, $3, $4, $5, $6::float8::numeric(2, 1), $7, $8)",
                    MilestoneAssessmentId::new().0,
                    e.resident_id.0,
                    e.subcompetency_id.0,
                    period.year_id.0,
                    period.name.term.as_str(),
                    level,
                    not_yet,
                    rationale
                )
                .execute(&mut *tx)
                .await?;
            }
            (Some(c), Some(_)) => {
                sqlx::query!(
                    "update milestone_assessments
                     set level = $2::float8::numeric(2, 1), not_yet_assessable = $3, rationale = $4,
                         assessed_on = current_date
                     where id = $1",
                    c.id.0,
                    level,
                    not_yet,
                    rationale
                )
                .execute(&mut *tx)
                .await?;
            }
            (Some(c), None) => {
                sqlx::query!(
                    "update milestone_assessments set deleted_at = clock_timestamp(), deleted_by = $2 where id = $1",
                    c.id.0,
                    actor.as_str()
                )
                .execute(&mut *tx)
                .await?;
            }
        }
        changed += 1;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Copies the previous period's ratings into the cells of this period that are still empty, for
/// the residents given (all when empty); locked residents are left alone. Returns how many cells.
pub async fn copy_forward(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    name: &PeriodName,
    residents: &[ResidentId],
) -> Result<u64> {
    let previous = name.previous().ok_or_else(|| {
        Error::invalid(
            "period",
            format!("{name} has no period before it to copy from"),
        )
    })?;
    let mut tx = db::begin(pool, actor).await?;
    let now = period(&mut tx, program, name).await?;
    let before = period(&mut tx, program, &previous).await?;
    let set = program_milestone_set(&mut tx, program).await?;
    let locked: Vec<uuid::Uuid> = locked_residents(&mut tx, program, &now)
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect();
    let chosen: Vec<uuid::Uuid> = residents.iter().map(|r| r.0).collect();
    let copied = sqlx::query!(
        r#"insert into milestone_assessments
             (id, resident_id, subcompetency_id, academic_year_id, term, level, not_yet_assessable, rationale)
           select gen_random_uuid(), b.resident_id, b.subcompetency_id, $3, $4, b.level, b.not_yet_assessable,
                  'Copied forward from ' || $7
           from milestone_assessments b
           join subcompetencies s on s.id = b.subcompetency_id and s.milestone_set_id = $1
           join residents r on r.id = b.resident_id and r.program_id = $2
           where b.academic_year_id = $5 and b.term = $6 and b.deleted_at is null
             and (cardinality($8::uuid[]) = 0 or b.resident_id = any($8))
             and not (b.resident_id = any($9))
             and not exists (select 1 from milestone_assessments n
                             where n.resident_id = b.resident_id and n.subcompetency_id = b.subcompetency_id
                               and n.academic_year_id = $3 and n.term = $4 and n.deleted_at is null)"#,
        set.0,
        program.0,
        now.year_id.0,
        now.name.term.as_str(),
        before.year_id.0,
        before.name.term.as_str(),
        previous.to_string(),
        &chosen,
        &locked
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(copied)
}
