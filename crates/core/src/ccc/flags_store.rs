//! Early-warning flags from the database: the program's rules (its own rows, else the defaults)
//! and the facts of one period — levels now and before, rotations, EPA assessments.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sqlx::PgConnection;

use super::flags::{self, Flag, FlagFacts, FlagRule, ResidentFacts};
use crate::assessment::milestone::{PeriodName, Term};
use crate::assessment::milestone_store;
use crate::db::PgPool;
use crate::ids::{ProgramId, ResidentId, SubcompetencyId};
use crate::{Error, Result};

/// The program's enabled rules: its own when it has set any, else Rotunda's defaults.
pub async fn rules_of(conn: &mut PgConnection, program: ProgramId) -> Result<Vec<FlagRule>> {
    let rows = sqlx::query!(
        r#"select rule, enabled, at_most::float8 as at_most, weeks, by_levels::float8 as by_levels
           from flag_rules where program_id = $1 order by rule"#,
        program.0
    )
    .fetch_all(conn)
    .await?;
    if rows.is_empty() {
        return Ok(FlagRule::DEFAULTS.to_vec());
    }
    rows.into_iter()
        .filter(|r| r.enabled)
        .map(|r| {
            Ok(match r.rule.as_str() {
                "low_late_pgy2" => FlagRule::LowLatePgy2 {
                    at_most: r.at_most.unwrap_or(2.5),
                },
                "level_dropped" => FlagRule::LevelDropped,
                "no_recent_epa" => FlagRule::NoRecentEpa {
                    weeks: i64::from(r.weeks.unwrap_or(4)),
                },
                "below_cohort" => FlagRule::BelowCohort {
                    by: r.by_levels.unwrap_or(1.0),
                },
                other => {
                    return Err(Error::invalid(
                        "rule",
                        format!("'{other}' is not a flag rule"),
                    ));
                }
            })
        })
        .collect()
}

/// The first and last days of a period: fall runs to the last day of the year's first calendar
/// year, spring from the first day of the next.
pub fn period_days(start: NaiveDate, end: NaiveDate, term: Term) -> (NaiveDate, NaiveDate) {
    let new_year = NaiveDate::from_ymd_opt(start.year() + 1, 1, 1).unwrap_or(end);
    match term {
        Term::Fall => (start, new_year.pred_opt().unwrap_or(start).min(end)),
        Term::Spring => (new_year.max(start), end),
    }
}

/// Every flag for a program's residents in a period, measured up to `today`.
pub async fn flags_for(
    pool: &PgPool,
    program: ProgramId,
    name: &PeriodName,
    today: NaiveDate,
) -> Result<Vec<Flag>> {
    let mut conn = pool.acquire().await?;
    let rules = rules_of(&mut conn, program).await?;
    let grid = milestone_store::grid(pool, program, name).await?;
    let (start, end) = sqlx::query_as::<_, (NaiveDate, NaiveDate)>(
        "select start_date, end_date from academic_years where id = $1",
    )
    .bind(grid.period.year_id.0)
    .fetch_one(&mut *conn)
    .await?;
    let days = period_days(start, end, name.term);
    let ids: Vec<uuid::Uuid> = grid.residents.iter().map(|r| r.id.0).collect();
    let rotations = sqlx::query!(
        r#"select a.resident_id as "resident: ResidentId", t.code::text as "code!", a.start_date, a.end_date
           from rotation_assignments a join rotation_types t on t.id = a.rotation_type_id
           where a.resident_id = any($1) and t.category <> 'leave_like'"#,
        &ids
    )
    .fetch_all(&mut *conn)
    .await?;
    let assessments = sqlx::query!(
        r#"select resident_id as "resident: ResidentId", assessed_on, entrustment_level
           from epa_assessments
           where resident_id = any($1) and deleted_at is null and assessed_on <= $2"#,
        &ids,
        days.1
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut residents: Vec<ResidentFacts> = grid
        .residents
        .iter()
        .map(|r| ResidentFacts {
            id: r.id,
            pgy: r.pgy,
            rotations: Vec::new(),
            assessments: Vec::new(),
        })
        .collect();
    let index: HashMap<ResidentId, usize> = residents
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    for r in rotations {
        if let Some(&i) = index.get(&r.resident) {
            residents[i]
                .rotations
                .push((r.code, r.start_date, r.end_date));
        }
    }
    for a in assessments {
        if let Some(&i) = index.get(&a.resident) {
            residents[i]
                .assessments
                .push((a.assessed_on, a.entrustment_level));
        }
    }
    let mut now = HashMap::new();
    let mut before = HashMap::new();
    for c in &grid.cells {
        let key: (ResidentId, SubcompetencyId) = (c.resident_id, c.subcompetency_id);
        if let Some(r) = c.rating {
            now.insert(key, r);
        }
        if let Some(r) = c.previous {
            before.insert(key, r);
        }
    }
    let facts = FlagFacts {
        period: name.clone(),
        period_days: days,
        as_of: today.min(days.1),
        residents,
        codes: grid
            .subcompetencies
            .iter()
            .map(|s| (s.id, s.code.clone()))
            .collect(),
        now,
        before,
    };
    Ok(flags::evaluate(&rules, &facts))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_year_splits_at_the_new_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let (start, end) = (d(2026, 7, 1), d(2027, 6, 30));
        assert_eq!(
            period_days(start, end, Term::Fall),
            (start, d(2026, 12, 31))
        );
        assert_eq!(period_days(start, end, Term::Spring), (d(2027, 1, 1), end));
    }
}
