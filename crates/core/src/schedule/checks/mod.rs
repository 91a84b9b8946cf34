//! The schedule's rules, checked on every edit and explained in words with the rows involved:
//! coverage per rotation and block, PGY eligibility, requirement tallies, back-to-back, heavy runs,
//! site capacity, the site's agreement, and assignments over leave. Pure: facts in, conflicts out.

mod blocks;
mod residents;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{Half, LeavePeriod, RotationAssignment, RotationType};
use crate::academic::Block;
use crate::ids::{AssignmentId, BlockId, ResidentId, RotationTypeId, SiteId};

/// A resident as the rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentFacts {
    pub id: ResidentId,
    pub name: String,
    pub pgy: i32,
}

/// A clinical site as the rules see it: how many residents it takes and the agreement it
/// operates under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFacts {
    pub id: SiteId,
    pub code: Option<String>,
    pub name: String,
    pub capacity: Option<i32>,
    pub agreement: Option<AgreementWindow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementWindow {
    pub status: String,
    pub effective: NaiveDate,
    pub expires: Option<NaiveDate>,
}

impl AgreementWindow {
    /// Why the agreement does not cover `start..=end` (of the block named `what`), or `None`
    /// when it is in force throughout.
    pub fn gap(&self, what: &str, start: NaiveDate, end: NaiveDate) -> Option<String> {
        if matches!(self.status.as_str(), "terminated" | "expired") {
            Some(format!("its agreement is {}", self.status))
        } else if self.status == "pending" || self.effective > start {
            Some(format!(
                "its agreement takes effect on {}, after {what} starts on {start}",
                self.effective
            ))
        } else {
            self.expires
                .filter(|e| *e < end)
                .map(|e| format!("its agreement expires on {e}, before {what} ends on {end}"))
        }
    }
}

/// Everything the rules read about one academic year of one program.
#[derive(Debug, Clone, Default)]
pub struct ScheduleFacts {
    pub blocks: Vec<Block>,
    pub rotations: Vec<RotationType>,
    pub residents: Vec<ResidentFacts>,
    pub assignments: Vec<RotationAssignment>,
    pub leave: Vec<LeavePeriod>,
    pub sites: Vec<SiteFacts>,
    pub max_consecutive_heavy: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    CoverageShort,
    CoverageOver,
    Eligibility,
    RequirementShort,
    RequirementOver,
    BackToBack,
    ConsecutiveHeavy,
    SiteCapacity,
    Agreement,
    OverLeave,
}

/// One broken rule, in words, with the rows it concerns (so the grid can colour them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub rule: Rule,
    pub message: String,
    pub resident_ids: Vec<ResidentId>,
    pub block_ids: Vec<BlockId>,
    /// The half of a split block the conflict is about; `None` for the whole block or the year.
    pub half: Option<Half>,
    pub rotation_type_id: Option<RotationTypeId>,
    pub assignment_ids: Vec<AssignmentId>,
}

/// Lookups the rules share, built once per check.
pub(super) struct Index<'a> {
    pub facts: &'a ScheduleFacts,
    pub rotation: HashMap<RotationTypeId, &'a RotationType>,
    pub resident: HashMap<ResidentId, &'a ResidentFacts>,
    pub block: HashMap<BlockId, &'a Block>,
    pub site: HashMap<SiteId, &'a SiteFacts>,
}

impl<'a> Index<'a> {
    fn new(facts: &'a ScheduleFacts) -> Self {
        Index {
            facts,
            rotation: facts.rotations.iter().map(|r| (r.id, r)).collect(),
            resident: facts.residents.iter().map(|r| (r.id, r)).collect(),
            block: facts.blocks.iter().map(|b| (b.id, b)).collect(),
            site: facts.sites.iter().map(|s| (s.id, s)).collect(),
        }
    }

    pub fn code(&self, rotation: RotationTypeId) -> &'a str {
        self.rotation
            .get(&rotation)
            .map_or("?", |r| r.code.as_str())
    }

    pub fn name(&self, resident: ResidentId) -> &'a str {
        self.resident
            .get(&resident)
            .map_or("A resident", |r| r.name.as_str())
    }

    /// The site an assignment takes place at: its own, or its rotation's default.
    pub fn site_of(&self, a: &RotationAssignment) -> Option<&'a SiteFacts> {
        let id = a
            .site_id
            .or_else(|| self.rotation.get(&a.rotation_type_id)?.default_site_id)?;
        self.site.get(&id).copied()
    }

    /// Residents' names in a sentence: "Ana López, Ben Ode and 3 more".
    pub fn names(&self, residents: &[ResidentId]) -> String {
        let mut names: Vec<&str> = residents.iter().map(|r| self.name(*r)).collect();
        names.sort_unstable();
        names.dedup();
        match names.len() {
            0 => "nobody".into(),
            1 => names[0].into(),
            n if n <= 4 => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
            n => format!("{} and {} more", names[..3].join(", "), n - 3),
        }
    }
}

/// Every broken rule of the schedule, in a stable order: by rule, then as the grid reads (blocks
/// left to right, residents top to bottom).
pub fn check(facts: &ScheduleFacts) -> Vec<Conflict> {
    let index = Index::new(facts);
    let mut out = blocks::check(&index);
    out.extend(residents::check(&index));
    out.sort_by_key(|c| c.rule);
    out
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
