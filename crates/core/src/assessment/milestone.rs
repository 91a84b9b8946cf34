//! Milestone levels and reporting periods, as people write them. A period is an academic year's
//! fall or spring half, named like `2025-2026-spring`; a level is "below 1" (stored as 0), 1, 1.5,
//! ... 5, or "not yet assessable" — a flag, not a level. Pure.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Fall,
    Spring,
}

impl Term {
    pub fn as_str(self) -> &'static str {
        match self {
            Term::Fall => "fall",
            Term::Spring => "spring",
        }
    }

    pub fn parse(text: &str) -> Option<Term> {
        match text.trim().to_lowercase().as_str() {
            "fall" | "autumn" => Some(Term::Fall),
            "spring" => Some(Term::Spring),
            _ => None,
        }
    }
}

/// A reporting period by name: the academic year's name and the half.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodName {
    pub year: String,
    pub term: Term,
}

impl PeriodName {
    /// `2025-2026-spring` (the year's own name, a dash, the half).
    pub fn parse(field: &'static str, text: &str) -> Result<PeriodName> {
        let t = text.trim();
        let refuse = || {
            Error::invalid(
                field,
                format!(
                    "'{t}' is not a period; write the academic year and the half, e.g. 2025-2026-spring"
                ),
            )
        };
        let (year, term) = t.rsplit_once('-').ok_or_else(refuse)?;
        let term = Term::parse(term).ok_or_else(refuse)?;
        if year.trim().is_empty() {
            return Err(refuse());
        }
        Ok(PeriodName {
            year: year.trim().to_string(),
            term,
        })
    }

    /// The period before: the fall of the same year before its spring; the spring of the year
    /// before a fall, when the year is named `YYYY-YYYY`.
    pub fn previous(&self) -> Option<PeriodName> {
        match self.term {
            Term::Spring => Some(PeriodName {
                year: self.year.clone(),
                term: Term::Fall,
            }),
            Term::Fall => {
                let (a, b) = self.year.split_once('-')?;
                let (a, b) = (a.parse::<i32>().ok()?, b.parse::<i32>().ok()?);
                Some(PeriodName {
                    year: format!("{}-{}", a - 1, b - 1),
                    term: Term::Spring,
                })
            }
        }
    }
}

impl std::fmt::Display for PeriodName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.year, self.term.as_str())
    }
}

/// A milestone rating: a level in half steps, or not yet assessable.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Rating {
    /// 0 = has not yet completed Level 1; else 1 to 5 in halves.
    Level {
        level: f64,
    },
    NotYetAssessable,
}

impl Rating {
    /// The level as the database stores it, or None when not yet assessable.
    pub fn level(self) -> Option<f64> {
        match self {
            Rating::Level { level } => Some(level),
            Rating::NotYetAssessable => None,
        }
    }

    /// A rating as a row stores it: the flag wins; a level alone is a level; neither is no rating.
    pub fn from_row(level: Option<f64>, not_yet_assessable: bool) -> Option<Rating> {
        match (level, not_yet_assessable) {
            (_, true) => Some(Rating::NotYetAssessable),
            (Some(level), false) => Some(Rating::Level { level }),
            (None, false) => None,
        }
    }

    /// Checks a level given as a number.
    pub fn from_level(field: &'static str, level: f64) -> Result<Rating> {
        let doubled = level * 2.0;
        if level == 0.0
            || ((1.0..=5.0).contains(&level) && (doubled - doubled.round()).abs() < 1e-9)
        {
            Ok(Rating::Level { level })
        } else {
            Err(Error::invalid(
                field,
                format!(
                    "{level} is not a milestone level: use below 1, 1, 1.5, 2, ... 5, or not yet assessable"
                ),
            ))
        }
    }

    /// As typed into the grid: `3`, `3.5`, `3,5`, `<1` or `below 1`, `NYA` or `not yet`.
    pub fn parse(field: &'static str, text: &str) -> Result<Rating> {
        let t = text.trim().to_lowercase();
        match t.as_str() {
            "nya" | "n/a" | "na" | "not yet" | "not yet assessable" => {
                return Ok(Rating::NotYetAssessable);
            }
            "<1" | "below 1" | "0" => return Ok(Rating::Level { level: 0.0 }),
            _ => {}
        }
        let level: f64 = t.replace(',', ".").parse().map_err(|_| {
            Error::invalid(
                field,
                format!(
                    "'{}' is not a milestone level: use below 1, 1, 1.5, 2, ... 5, or NYA",
                    text.trim()
                ),
            )
        })?;
        Rating::from_level(field, level)
    }

    /// How the grid and reports write it.
    pub fn label(self) -> String {
        match self {
            Rating::NotYetAssessable => "NYA".to_string(),
            Rating::Level { level: 0.0 } => "<1".to_string(),
            Rating::Level { level } if level.fract() == 0.0 => format!("{level:.0}"),
            Rating::Level { level } => format!("{level:.1}"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn periods_are_named_by_year_and_half() {
        let p = PeriodName::parse("period", "2025-2026-spring").unwrap();
        assert_eq!((p.year.as_str(), p.term), ("2025-2026", Term::Spring));
        assert_eq!(p.to_string(), "2025-2026-spring");
        assert_eq!(p.previous().unwrap().to_string(), "2025-2026-fall");
        assert_eq!(
            PeriodName::parse("period", " 2025-2026-Fall ")
                .unwrap()
                .previous()
                .unwrap()
                .to_string(),
            "2024-2025-spring"
        );
        for bad in ["2025-2026", "spring", "-spring", "2025-2026-winter"] {
            assert_eq!(
                PeriodName::parse("period", bad).unwrap_err().field(),
                Some("period"),
                "{bad}"
            );
        }
    }

    #[test]
    fn levels_run_in_half_steps_from_below_one_to_five() {
        for (text, want) in [
            ("1", 1.0),
            ("2.5", 2.5),
            ("2,5", 2.5),
            ("5", 5.0),
            ("<1", 0.0),
            ("below 1", 0.0),
        ] {
            assert_eq!(
                Rating::parse("level", text).unwrap(),
                Rating::Level { level: want },
                "{text}"
            );
        }
        assert_eq!(
            Rating::parse("level", "NYA").unwrap(),
            Rating::NotYetAssessable
        );
        for bad in ["3.7", "6", "0.5", "-1", "three", ""] {
            assert!(Rating::parse("level", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_stored_row_reads_back_as_its_rating() {
        assert_eq!(
            Rating::from_row(Some(2.5), false),
            Some(Rating::Level { level: 2.5 })
        );
        assert_eq!(Rating::from_row(None, true), Some(Rating::NotYetAssessable));
        assert_eq!(Rating::from_row(None, false), None);
    }

    #[test]
    fn levels_are_written_as_people_read_them() {
        assert_eq!(Rating::Level { level: 0.0 }.label(), "<1");
        assert_eq!(Rating::Level { level: 3.0 }.label(), "3");
        assert_eq!(Rating::Level { level: 3.5 }.label(), "3.5");
        assert_eq!(Rating::NotYetAssessable.label(), "NYA");
    }
}
