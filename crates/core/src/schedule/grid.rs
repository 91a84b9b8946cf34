//! The schedule of one academic year as the grid shows it: blocks across, residents by PGY down,
//! assignments and leave, the rotation legend, each resident's tallies and every broken rule.

use std::collections::HashMap;

use serde::Serialize;
use sqlx::PgConnection;
use ts_rs::TS;

use super::checks::{self, Conflict, ScheduleFacts};
use super::instance::ElectiveRequest;
use super::{LeavePeriod, RotationAssignment, RotationType, periods, store};
use crate::academic::{AcademicYear, Block};
use crate::db::PgPool;
use crate::ids::{AcademicYearId, FacultyId, ResidentId, RotationTypeId, SiteId};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GridResident {
    pub id: ResidentId,
    pub name: String,
    pub pgy: i32,
    pub status: String,
}

/// Weeks a resident has of a rotation against what their level must and may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub resident_id: ResidentId,
    pub rotation_type_id: RotationTypeId,
    pub weeks: i32,
    pub min_weeks: i32,
    pub max_weeks: Option<i32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleGrid {
    pub year: AcademicYear,
    pub blocks: Vec<Block>,
    pub rotations: Vec<RotationType>,
    pub residents: Vec<GridResident>,
    pub assignments: Vec<RotationAssignment>,
    pub leave: Vec<LeavePeriod>,
    pub requests: Vec<ElectiveRequest>,
    pub tallies: Vec<Tally>,
    pub conflicts: Vec<Conflict>,
    pub max_consecutive_heavy: i32,
    /// Where an assignment may take place: the program's sites.
    pub sites: Vec<GridSite>,
    /// Who may supervise it: the program's active faculty.
    pub faculty: Vec<FacultyLabel>,
}

/// A faculty member the grid offers as a supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FacultyLabel {
    pub id: FacultyId,
    /// "Last, First".
    pub name: String,
    pub is_core: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GridSite {
    pub id: SiteId,
    pub code: Option<String>,
    pub name: String,
}

/// A year's schedule as read inside a transaction, before it becomes a grid.
pub(crate) struct Loaded {
    pub year: AcademicYear,
    pub facts: ScheduleFacts,
    pub statuses: Vec<String>,
    pub requests: Vec<ElectiveRequest>,
    pub faculty: Vec<FacultyLabel>,
}

pub(crate) async fn load(conn: &mut PgConnection, year_id: AcademicYearId) -> Result<Loaded> {
    let year = crate::academic::store::year(conn, year_id)
        .await?
        .ok_or_else(|| Error::not_found("The academic year"))?;
    let blocks = crate::academic::store::blocks_of_year(conn, year_id).await?;
    let rotations = store::rotations(conn, year.program_id, Some(year_id)).await?;
    let rows = store::residents(conn, year.program_id, year_id).await?;
    let assignments = store::assignments(conn, year_id, &blocks).await?;
    let leave = store::leave(conn, year.program_id, year.start_date, year.end_date).await?;
    let sites = store::sites(conn, year.program_id).await?;
    let max_consecutive_heavy = store::max_consecutive_heavy(conn, year.program_id).await?;
    let (residents, statuses) = rows.into_iter().map(|r| (r.facts, r.status)).unzip();
    let requests = super::proposal_store::requests_of_year(conn, year_id).await?;
    let faculty = store::faculty_labels(conn, year.program_id).await?;
    Ok(Loaded {
        year,
        facts: ScheduleFacts {
            blocks,
            rotations,
            residents,
            assignments,
            leave,
            sites,
            max_consecutive_heavy,
        },
        statuses,
        requests,
        faculty,
    })
}

impl Loaded {
    pub fn into_grid(self) -> ScheduleGrid {
        let conflicts = checks::check(&self.facts);
        let tallies = tallies(&self.facts);
        let ScheduleFacts {
            blocks,
            rotations,
            residents,
            assignments,
            leave,
            max_consecutive_heavy,
            sites,
        } = self.facts;
        ScheduleGrid {
            year: self.year,
            blocks,
            rotations,
            residents: residents
                .into_iter()
                .zip(self.statuses)
                .map(|(r, status)| GridResident {
                    id: r.id,
                    name: r.name,
                    pgy: r.pgy,
                    status,
                })
                .collect(),
            assignments,
            leave,
            requests: self.requests,
            tallies,
            conflicts,
            max_consecutive_heavy,
            sites: sites
                .into_iter()
                .map(|s| GridSite {
                    id: s.id,
                    code: s.code,
                    name: s.name,
                })
                .collect(),
            faculty: self.faculty,
        }
    }
}

pub async fn grid(pool: &PgPool, year: AcademicYearId) -> Result<ScheduleGrid> {
    let mut conn = pool.acquire().await?;
    Ok(load(&mut conn, year).await?.into_grid())
}

/// Each resident's weeks on every rotation they have done or must do, against their level's
/// requirement.
pub fn tallies(facts: &ScheduleFacts) -> Vec<Tally> {
    let mut weeks: HashMap<(ResidentId, RotationTypeId), i32> = HashMap::new();
    for a in &facts.assignments {
        *weeks
            .entry((a.resident_id, a.rotation_type_id))
            .or_default() += periods::weeks(a.start_date, a.end_date);
    }
    let mut out = Vec::new();
    for resident in &facts.residents {
        for rotation in &facts.rotations {
            let done = weeks.get(&(resident.id, rotation.id)).copied().unwrap_or(0);
            let req = rotation.requirement_for(resident.pgy);
            let min = req.as_ref().map_or(0, |r| r.min_weeks);
            if done == 0 && min == 0 {
                continue;
            }
            out.push(Tally {
                resident_id: resident.id,
                rotation_type_id: rotation.id,
                weeks: done,
                min_weeks: min,
                max_weeks: match req {
                    None => Some(0),
                    Some(r) if r.max_weeks == i32::MAX => None,
                    Some(r) => Some(r.max_weeks),
                },
            });
        }
    }
    out
}
