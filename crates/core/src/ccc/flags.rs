//! Early-warning flags: rules over a resident's evidence, each with its parameters as data and
//! each flag with its reason in words. Pure: facts in, flags out.
//!
//! - Low late in PGY-2: a subcompetency at or below a level (2.5) in the spring of PGY-2 — in
//!   national data that predicted not reaching Level 4 by graduation.
//! - Level dropped: lower than the previous period.
//! - No recent EPA: no EPA assessment in the last N weeks while on a rotation.
//! - Below the cohort: median entrustment well below the median of the same PGY level.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::milestone::{PeriodName, Rating, Term};
use crate::ids::{ResidentId, SubcompetencyId};

/// A rule and its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "rule")]
pub enum FlagRule {
    LowLatePgy2 { at_most: f64 },
    LevelDropped,
    NoRecentEpa { weeks: i64 },
    BelowCohort { by: f64 },
}

impl FlagRule {
    /// The rules a program starts with.
    pub const DEFAULTS: [FlagRule; 4] = [
        FlagRule::LowLatePgy2 { at_most: 2.5 },
        FlagRule::LevelDropped,
        FlagRule::NoRecentEpa { weeks: 4 },
        FlagRule::BelowCohort { by: 1.0 },
    ];

    pub fn code(self) -> &'static str {
        match self {
            FlagRule::LowLatePgy2 { .. } => "low_late_pgy2",
            FlagRule::LevelDropped => "level_dropped",
            FlagRule::NoRecentEpa { .. } => "no_recent_epa",
            FlagRule::BelowCohort { .. } => "below_cohort",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    pub resident_id: ResidentId,
    /// The rule's code, e.g. `level_dropped`.
    pub rule: String,
    pub subcompetency_id: Option<SubcompetencyId>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResidentFacts {
    pub id: ResidentId,
    pub pgy: i32,
    /// Their rotations, as (code, first day, last day).
    pub rotations: Vec<(String, NaiveDate, NaiveDate)>,
    /// Their EPA assessments, as (day, entrustment level).
    pub assessments: Vec<(NaiveDate, i32)>,
}

/// Everything the rules look at, for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagFacts {
    pub period: PeriodName,
    /// The period's first and last days: assessments inside count for the cohort rule.
    pub period_days: (NaiveDate, NaiveDate),
    /// The day "recent" is measured from: today, or the period's last day if earlier.
    pub as_of: NaiveDate,
    pub residents: Vec<ResidentFacts>,
    /// Subcompetency codes, for the reasons.
    pub codes: HashMap<SubcompetencyId, String>,
    pub now: HashMap<(ResidentId, SubcompetencyId), Rating>,
    pub before: HashMap<(ResidentId, SubcompetencyId), Rating>,
}

/// The median of the values (sorted in place), or None for none.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

fn level_words(level: f64) -> String {
    Rating::Level { level }.label()
}

/// Every flag the rules raise, by resident in the order given, then by rule.
pub fn evaluate(rules: &[FlagRule], facts: &FlagFacts) -> Vec<Flag> {
    let mut out = Vec::new();
    let code = |s: &SubcompetencyId| facts.codes.get(s).cloned().unwrap_or_else(|| "?".into());
    let mut sorted_now: Vec<(&(ResidentId, SubcompetencyId), &Rating)> = facts.now.iter().collect();
    sorted_now.sort_by_key(|((_, s), _)| code(s));

    // The cohort medians, per PGY level, over the period's assessments.
    let in_period = |d: &NaiveDate| facts.period_days.0 <= *d && *d <= facts.period_days.1;
    let resident_median = |r: &ResidentFacts| {
        let mut levels: Vec<f64> = r
            .assessments
            .iter()
            .filter(|(d, _)| in_period(d))
            .map(|(_, l)| f64::from(*l))
            .collect();
        median(&mut levels)
    };
    let mut cohort: HashMap<i32, Vec<f64>> = HashMap::new();
    for r in &facts.residents {
        cohort.entry(r.pgy).or_default().extend(
            r.assessments
                .iter()
                .filter(|(d, _)| in_period(d))
                .map(|(_, l)| f64::from(*l)),
        );
    }
    let cohort_median: HashMap<i32, (f64, usize)> = cohort
        .into_iter()
        .filter_map(|(pgy, mut v)| {
            let n = facts.residents.iter().filter(|r| r.pgy == pgy).count();
            median(&mut v).map(|m| (pgy, (m, n)))
        })
        .collect();

    for r in &facts.residents {
        for rule in rules {
            match *rule {
                FlagRule::LowLatePgy2 { at_most } => {
                    if r.pgy != 2 || facts.period.term != Term::Spring {
                        continue;
                    }
                    for ((who, sub), rating) in &sorted_now {
                        if let (true, Some(level)) = (*who == r.id, rating.level())
                            && level <= at_most
                        {
                            out.push(Flag {
                                resident_id: r.id,
                                rule: rule.code().into(),
                                subcompetency_id: Some(*sub),
                                reason: format!(
                                    "{} at {} at the end of PGY-2 (at or below {} then predicts not reaching Level 4 by graduation)",
                                    code(sub),
                                    level_words(level),
                                    level_words(at_most)
                                ),
                            });
                        }
                    }
                }
                FlagRule::LevelDropped => {
                    for ((who, sub), rating) in &sorted_now {
                        if *who != r.id {
                            continue;
                        }
                        let before = facts.before.get(&(*who, *sub)).and_then(|b| b.level());
                        if let (Some(now), Some(before)) = (rating.level(), before)
                            && now < before
                        {
                            out.push(Flag {
                                resident_id: r.id,
                                rule: rule.code().into(),
                                subcompetency_id: Some(*sub),
                                reason: format!(
                                    "{} went down from {} to {} since {}",
                                    code(sub),
                                    level_words(before),
                                    level_words(now),
                                    facts
                                        .period
                                        .previous()
                                        .map_or("the last period".to_string(), |p| p.to_string())
                                ),
                            });
                        }
                    }
                }
                FlagRule::NoRecentEpa { weeks } => {
                    let Some((rotation, _, _)) = r
                        .rotations
                        .iter()
                        .find(|(_, start, end)| *start <= facts.as_of && facts.as_of <= *end)
                    else {
                        continue;
                    };
                    let since = facts.as_of - chrono::Duration::weeks(weeks);
                    let last = r
                        .assessments
                        .iter()
                        .map(|(d, _)| *d)
                        .filter(|d| *d <= facts.as_of)
                        .max();
                    if last.is_none_or(|d| d < since) {
                        out.push(Flag {
                            resident_id: r.id,
                            rule: rule.code().into(),
                            subcompetency_id: None,
                            reason: format!(
                                "No EPA assessment in the {weeks} weeks to {} while on {rotation} ({})",
                                facts.as_of,
                                last.map_or("none ever".to_string(), |d| format!("last on {d}"))
                            ),
                        });
                    }
                }
                FlagRule::BelowCohort { by } => {
                    let (Some(mine), Some((theirs, n))) =
                        (resident_median(r), cohort_median.get(&r.pgy))
                    else {
                        continue;
                    };
                    if *n >= 3 && theirs - mine >= by {
                        out.push(Flag {
                            resident_id: r.id,
                            rule: rule.code().into(),
                            subcompetency_id: None,
                            reason: format!(
                                "Median entrustment {mine} this period against {theirs} for the {n} PGY-{} residents",
                                r.pgy
                            ),
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
