//! Clinical and educational work hours: the rules engine (pure), entries with their approval and
//! corrections, and each resident's compliance.

pub mod entry;
pub mod import;
pub mod rules;
pub mod store;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use rules::{Entry, Violation, Window};

/// One window's figures: hours a week (leave left out), and how many rules it broke.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WindowFigures {
    #[ts(type = "string")]
    pub start: NaiveDate,
    pub days: u32,
    pub hours_per_week: Option<f64>,
    pub violations: u32,
}

/// A day of the chart: the hours worked that day, and the average a week over the four weeks
/// ending that day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayFigures {
    #[ts(type = "string")]
    pub day: NaiveDate,
    pub hours: f64,
    pub four_week_average: Option<f64>,
    pub on_leave: bool,
}

/// A resident's compliance over some windows: each window's figures, the violations, and the
/// days for the chart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Compliance {
    pub windows: Vec<WindowFigures>,
    pub violations: Vec<Violation>,
    pub days: Vec<DayFigures>,
}

impl Compliance {
    pub fn of(entries: &[Entry], leave: &BTreeSet<NaiveDate>, windows: &[Window]) -> Self {
        let violations = rules::check(entries, leave, windows);
        let figures = windows
            .iter()
            .map(|w| WindowFigures {
                start: w.start,
                days: w.days,
                hours_per_week: rules::weekly_hours(entries, leave, *w),
                violations: u32::try_from(
                    violations
                        .iter()
                        .filter(|v| v.from.date() >= w.start && v.from.date() < w.end())
                        .count(),
                )
                .unwrap_or(u32::MAX),
            })
            .collect();
        let days = match (windows.first(), windows.last()) {
            (Some(first), Some(last)) => {
                let span = Window {
                    start: first.start,
                    days: u32::try_from((last.end() - first.start).num_days()).unwrap_or(0),
                };
                rules::hours_per_day(entries, span)
                    .into_iter()
                    .zip(rules::four_week_averages(entries, leave, span))
                    .map(|((day, hours), four_week_average)| DayFigures {
                        day,
                        hours,
                        four_week_average,
                        on_leave: leave.contains(&day),
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        Compliance {
            windows: figures,
            violations,
            days,
        }
    }
}
