//! The rules read block by block: each rotation's coverage, each site's capacity and the
//! agreement a site operates under.

use std::collections::{BTreeMap, HashMap};

use super::{Conflict, Index, Rule, plural};
use crate::ids::{AssignmentId, BlockId, ResidentId, RotationTypeId, SiteId};
use crate::schedule::{RotationAssignment, periods};

pub(super) fn check(ix: &Index) -> Vec<Conflict> {
    let mut by_block: HashMap<BlockId, Vec<&RotationAssignment>> = HashMap::new();
    for a in &ix.facts.assignments {
        by_block.entry(a.block_id).or_default().push(a);
    }
    let mut out = Vec::new();
    for block in &ix.facts.blocks {
        let here = by_block.get(&block.id).map_or(&[][..], Vec::as_slice);
        for half in periods::parts(block) {
            let Some(span) = periods::dates(block, half) else {
                continue;
            };
            let present: Vec<&RotationAssignment> = here
                .iter()
                .copied()
                .filter(|a| periods::overlaps(span, (a.start_date, a.end_date)))
                .collect();
            let place = periods::label(block, half);
            coverage(ix, block.id, half, &place, &present, &mut out);
            capacity(ix, block.id, half, &place, &present, &mut out);
        }
        agreements(ix, block, here, &mut out);
    }
    out
}

fn conflict(
    rule: Rule,
    message: String,
    block: BlockId,
    half: Option<crate::schedule::Half>,
    rotation: Option<RotationTypeId>,
    rows: &[&RotationAssignment],
) -> Conflict {
    Conflict {
        rule,
        message,
        resident_ids: rows.iter().map(|a| a.resident_id).collect(),
        block_ids: vec![block],
        half,
        rotation_type_id: rotation,
        assignment_ids: rows.iter().map(|a| a.id).collect::<Vec<AssignmentId>>(),
    }
}

fn coverage(
    ix: &Index,
    block: BlockId,
    half: Option<crate::schedule::Half>,
    place: &str,
    present: &[&RotationAssignment],
    out: &mut Vec<Conflict>,
) {
    for rotation in &ix.facts.rotations {
        let on: Vec<&RotationAssignment> = present
            .iter()
            .copied()
            .filter(|a| a.rotation_type_id == rotation.id)
            .collect();
        let (min, max) = rotation.coverage_in(block);
        let n = i32::try_from(on.len()).unwrap_or(i32::MAX);
        let residents: Vec<ResidentId> = on.iter().map(|a| a.resident_id).collect();
        if n < min {
            out.push(conflict(
                Rule::CoverageShort,
                format!(
                    "{place}: {} has {}, needs at least {min}",
                    rotation.code,
                    plural(on.len(), "resident", "residents"),
                ),
                block,
                half,
                Some(rotation.id),
                &on,
            ));
        } else if let Some(max) = max.filter(|m| n > *m) {
            let message = if max == 0 {
                format!(
                    "{place}: {} is closed but has {} ({})",
                    rotation.code,
                    plural(on.len(), "resident", "residents"),
                    ix.names(&residents)
                )
            } else {
                format!(
                    "{place}: {} takes at most {max} but has {} ({})",
                    rotation.code,
                    n,
                    ix.names(&residents)
                )
            };
            out.push(conflict(
                Rule::CoverageOver,
                message,
                block,
                half,
                Some(rotation.id),
                &on,
            ));
        }
    }
}

fn capacity(
    ix: &Index,
    block: BlockId,
    half: Option<crate::schedule::Half>,
    place: &str,
    present: &[&RotationAssignment],
    out: &mut Vec<Conflict>,
) {
    let mut at: BTreeMap<SiteId, Vec<&RotationAssignment>> = BTreeMap::new();
    for a in present {
        if let Some(site) = ix.site_of(a) {
            at.entry(site.id).or_default().push(a);
        }
    }
    for (site, rows) in at {
        let Some(facts) = ix.site.get(&site) else {
            continue;
        };
        let Some(capacity) = facts.capacity else {
            continue;
        };
        if rows.len() > usize::try_from(capacity).unwrap_or(0) {
            let residents: Vec<ResidentId> = rows.iter().map(|a| a.resident_id).collect();
            out.push(conflict(
                Rule::SiteCapacity,
                format!(
                    "{place}: {} takes {} but has {} ({})",
                    facts.name,
                    plural(
                        usize::try_from(capacity).unwrap_or(0),
                        "resident",
                        "residents"
                    ),
                    rows.len(),
                    ix.names(&residents)
                ),
                block,
                half,
                None,
                &rows,
            ));
        }
    }
}

/// Every site used in a block must operate under an agreement in force for the whole block.
fn agreements(
    ix: &Index,
    block: &crate::academic::Block,
    here: &[&RotationAssignment],
    out: &mut Vec<Conflict>,
) {
    let mut at: BTreeMap<SiteId, Vec<&RotationAssignment>> = BTreeMap::new();
    for a in here {
        if let Some(site) = ix.site_of(a)
            && site.agreement.is_some()
        {
            at.entry(site.id).or_default().push(a);
        }
    }
    for (site, rows) in at {
        let Some(facts) = ix.site.get(&site) else {
            continue;
        };
        let Some(window) = &facts.agreement else {
            continue;
        };
        let problem = window.gap(&block.name, block.start_date, block.end_date);
        if let Some(problem) = problem {
            let residents: Vec<ResidentId> = rows.iter().map(|a| a.resident_id).collect();
            out.push(conflict(
                Rule::Agreement,
                format!(
                    "{}: {} cannot take residents, {problem} ({})",
                    block.name,
                    facts.name,
                    ix.names(&residents)
                ),
                block.id,
                None,
                None,
                &rows,
            ));
        }
    }
}
