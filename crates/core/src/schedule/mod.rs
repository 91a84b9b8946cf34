//! The block schedule: the rotation catalogue, the assignments that fill a year's blocks (whole
//! blocks or halves of split ones), leave, elective requests, the rules checked live on every
//! edit, and the solver that proposes a whole schedule.

pub mod catalogue;
pub(crate) mod catalogue_store;
pub mod checks;
pub mod coverage_summary;
pub mod edit;
pub mod grid;
pub mod instance;
pub mod leave;
pub mod periods;
pub(crate) mod proposal_store;
pub mod propose;
pub mod report;
pub mod solver;
pub(crate) mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AssignmentId, BlockId, FacultyId, LeaveId, ResidentId, RotationTypeId, SiteId};

/// Which part of a block an assignment covers: a split block has two halves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Half {
    First,
    Second,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RotationCategory {
    Core,
    Elective,
    LeaveLike,
}

impl RotationCategory {
    pub const ALL: [RotationCategory; 3] = [Self::Core, Self::Elective, Self::LeaveLike];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Core => "core",
            Self::Elective => "elective",
            Self::LeaveLike => "leave_like",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a PGY level must and may do of one rotation in a year, in weeks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    pub pgy_level: i32,
    pub min_weeks: i32,
    pub max_weeks: i32,
}

/// One block's own staffing for a rotation, overriding the rotation's default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CoverageOverride {
    pub block_id: BlockId,
    pub min_residents: i32,
    pub max_residents: i32,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RotationType {
    pub id: RotationTypeId,
    pub code: String,
    pub name: String,
    pub category: RotationCategory,
    pub colour: String,
    pub heavy: bool,
    pub no_back_to_back: bool,
    pub default_site_id: Option<SiteId>,
    pub default_supervisor_id: Option<FacultyId>,
    pub min_residents: i32,
    pub max_residents: Option<i32>,
    pub is_active: bool,
    /// Empty: open to every PGY level without limits.
    pub requirements: Vec<Requirement>,
    pub coverage_overrides: Vec<CoverageOverride>,
    pub version: i32,
}

impl RotationType {
    /// The requirement for this PGY level; `None` when the level may not do the rotation.
    /// A rotation without requirements is open to every level.
    pub fn requirement_for(&self, pgy: i32) -> Option<Requirement> {
        if self.requirements.is_empty() {
            return Some(Requirement {
                pgy_level: pgy,
                min_weeks: 0,
                max_weeks: i32::MAX,
            });
        }
        self.requirements
            .iter()
            .find(|r| r.pgy_level == pgy)
            .cloned()
    }

    /// Minimum and maximum residents in a block (`None` max: no limit).
    pub fn coverage_in(&self, block: BlockId) -> (i32, Option<i32>) {
        match self.coverage_overrides.iter().find(|o| o.block_id == block) {
            Some(o) => (o.min_residents, Some(o.max_residents)),
            None => (self.min_residents, self.max_residents),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RotationAssignment {
    pub id: AssignmentId,
    pub resident_id: ResidentId,
    pub rotation_type_id: RotationTypeId,
    pub block_id: BlockId,
    /// `None`: the whole block.
    pub half: Option<Half>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub site_id: Option<SiteId>,
    pub supervisor_id: Option<FacultyId>,
    pub is_locked: bool,
    pub version: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LeaveKind {
    Vacation,
    Sick,
    Parental,
    Loa,
}

impl LeaveKind {
    pub const ALL: [LeaveKind; 4] = [Self::Vacation, Self::Sick, Self::Parental, Self::Loa];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vacation => "vacation",
            Self::Sick => "sick",
            Self::Parental => "parental",
            Self::Loa => "loa",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// In a sentence: "on vacation", "on leave of absence".
    pub fn words(self) -> &'static str {
        match self {
            Self::Vacation => "vacation",
            Self::Sick => "sick leave",
            Self::Parental => "parental leave",
            Self::Loa => "leave of absence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeavePeriod {
    pub id: LeaveId,
    pub resident_id: ResidentId,
    pub kind: LeaveKind,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub note: Option<String>,
}
