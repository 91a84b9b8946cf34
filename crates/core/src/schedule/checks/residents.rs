//! The rules read resident by resident across the year: eligibility, requirement tallies in
//! weeks, back-to-back rotations, runs of heavy blocks, and assignments over leave.

use std::collections::{BTreeMap, HashMap};

use super::{Conflict, Index, ResidentFacts, Rule};
use crate::ids::{ResidentId, RotationTypeId};
use crate::schedule::{LeavePeriod, RotationAssignment, RotationType, periods};

pub(super) fn check(ix: &Index) -> Vec<Conflict> {
    let mut rows: HashMap<ResidentId, Vec<&RotationAssignment>> = HashMap::new();
    for a in &ix.facts.assignments {
        rows.entry(a.resident_id).or_default().push(a);
    }
    let mut leave: HashMap<ResidentId, Vec<&LeavePeriod>> = HashMap::new();
    for l in &ix.facts.leave {
        leave.entry(l.resident_id).or_default().push(l);
    }
    let block_weeks = periods::block_weeks(&ix.facts.blocks);
    let mut out = Vec::new();
    for resident in &ix.facts.residents {
        let mut mine = rows.remove(&resident.id).unwrap_or_default();
        mine.sort_by_key(|a| a.start_date);
        eligibility_and_tallies(ix, resident, &mine, &mut out);
        back_to_back(ix, resident, &mine, &mut out);
        heavy_runs(ix, resident, &mine, block_weeks, &mut out);
        over_leave(ix, resident, &mine, leave.get(&resident.id), &mut out);
    }
    out
}

fn for_resident(
    rule: Rule,
    message: String,
    resident: &ResidentFacts,
    rotation: Option<RotationTypeId>,
    rows: &[&RotationAssignment],
) -> Conflict {
    let mut blocks: Vec<_> = rows.iter().map(|a| a.block_id).collect();
    blocks.dedup();
    Conflict {
        rule,
        message,
        resident_ids: vec![resident.id],
        block_ids: blocks,
        half: None,
        rotation_type_id: rotation,
        assignment_ids: rows.iter().map(|a| a.id).collect(),
    }
}

fn block_names(ix: &Index, rows: &[&RotationAssignment]) -> String {
    let mut names: Vec<String> = rows
        .iter()
        .filter_map(|a| ix.block.get(&a.block_id))
        .map(|b| b.name.clone())
        .collect();
    names.dedup();
    names.join(", ")
}

fn levels(rotation: &RotationType) -> String {
    let list: Vec<String> = rotation
        .requirements
        .iter()
        .map(|r| format!("PGY-{}", r.pgy_level))
        .collect();
    match list.len() {
        0 => "nobody".into(),
        1 => list[0].clone(),
        n => format!("{} and {}", list[..n - 1].join(", "), list[n - 1]),
    }
}

fn eligibility_and_tallies(
    ix: &Index,
    resident: &ResidentFacts,
    mine: &[&RotationAssignment],
    out: &mut Vec<Conflict>,
) {
    let mut on: BTreeMap<RotationTypeId, Vec<&RotationAssignment>> = BTreeMap::new();
    for a in mine {
        on.entry(a.rotation_type_id).or_default().push(a);
    }
    for rotation in &ix.facts.rotations {
        let rows = on.remove(&rotation.id).unwrap_or_default();
        let Some(req) = rotation.requirement_for(resident.pgy) else {
            if !rows.is_empty() {
                out.push(for_resident(
                    Rule::Eligibility,
                    format!(
                        "{} (PGY-{}) is on {} in {}, but {} is for {} only",
                        resident.name,
                        resident.pgy,
                        rotation.code,
                        block_names(ix, &rows),
                        rotation.code,
                        levels(rotation)
                    ),
                    resident,
                    Some(rotation.id),
                    &rows,
                ));
            }
            continue;
        };
        let weeks: i32 = rows
            .iter()
            .map(|a| periods::weeks(a.start_date, a.end_date))
            .sum();
        if weeks < req.min_weeks {
            out.push(for_resident(
                Rule::RequirementShort,
                format!(
                    "{} has {weeks} of the {} weeks of {} PGY-{} residents need",
                    resident.name, req.min_weeks, rotation.code, resident.pgy
                ),
                resident,
                Some(rotation.id),
                &rows,
            ));
        } else if weeks > req.max_weeks {
            out.push(for_resident(
                Rule::RequirementOver,
                format!(
                    "{} has {weeks} weeks of {}; PGY-{} residents may do at most {} ({})",
                    resident.name,
                    rotation.code,
                    resident.pgy,
                    req.max_weeks,
                    block_names(ix, &rows)
                ),
                resident,
                Some(rotation.id),
                &rows,
            ));
        }
    }
}

/// Two stretches next to each other in time (the second starts the day after the first ends).
fn adjacent(a: &RotationAssignment, b: &RotationAssignment) -> bool {
    a.end_date.succ_opt() == Some(b.start_date)
}

fn back_to_back(
    ix: &Index,
    resident: &ResidentFacts,
    mine: &[&RotationAssignment],
    out: &mut Vec<Conflict>,
) {
    for pair in mine.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.rotation_type_id != b.rotation_type_id || !adjacent(a, b) {
            continue;
        }
        if !ix
            .rotation
            .get(&a.rotation_type_id)
            .is_some_and(|r| r.no_back_to_back)
        {
            continue;
        }
        let code = ix.code(a.rotation_type_id);
        out.push(for_resident(
            Rule::BackToBack,
            format!(
                "{} does {code} in {} and again right after in {}; {code} may not be done back to back",
                resident.name,
                label_of(ix, a),
                label_of(ix, b)
            ),
            resident,
            Some(a.rotation_type_id),
            pair,
        ));
    }
}

fn label_of(ix: &Index, a: &RotationAssignment) -> String {
    ix.block
        .get(&a.block_id)
        .map_or_else(|| "a block".into(), |b| periods::label(b, a.half))
}

fn heavy_runs(
    ix: &Index,
    resident: &ResidentFacts,
    mine: &[&RotationAssignment],
    block_weeks: i32,
    out: &mut Vec<Conflict>,
) {
    let heavy = |a: &RotationAssignment| {
        ix.rotation
            .get(&a.rotation_type_id)
            .is_some_and(|r| r.heavy)
    };
    let limit_weeks = ix.facts.max_consecutive_heavy.max(1) * block_weeks;
    let mut run: Vec<&RotationAssignment> = Vec::new();
    let flush = |run: &mut Vec<&RotationAssignment>, out: &mut Vec<Conflict>| {
        let weeks: i32 = run
            .iter()
            .map(|a| periods::weeks(a.start_date, a.end_date))
            .sum();
        if weeks > limit_weeks {
            let codes: Vec<&str> = run.iter().map(|a| ix.code(a.rotation_type_id)).collect();
            let length = if weeks % block_weeks == 0 {
                format!("{} heavy blocks", weeks / block_weeks)
            } else {
                format!("{weeks} weeks of heavy rotations")
            };
            out.push(for_resident(
                Rule::ConsecutiveHeavy,
                format!(
                    "{} has {length} in a row ({}: {}); the program allows {} in a row",
                    resident.name,
                    block_names(ix, run),
                    codes.join(", "),
                    ix.facts.max_consecutive_heavy
                ),
                resident,
                None,
                run,
            ));
        }
        run.clear();
    };
    for a in mine {
        if !heavy(a) {
            flush(&mut run, out);
            continue;
        }
        if run.last().is_some_and(|prev| !adjacent(prev, a)) {
            flush(&mut run, out);
        }
        run.push(a);
    }
    flush(&mut run, out);
}

fn over_leave(
    ix: &Index,
    resident: &ResidentFacts,
    mine: &[&RotationAssignment],
    leave: Option<&Vec<&LeavePeriod>>,
    out: &mut Vec<Conflict>,
) {
    for l in leave.map_or(&[][..], Vec::as_slice) {
        for a in mine {
            if periods::overlaps((l.start_date, l.end_date), (a.start_date, a.end_date)) {
                out.push(for_resident(
                    Rule::OverLeave,
                    format!(
                        "{} is on {} {}..{} but is on {} in {}",
                        resident.name,
                        l.kind.words(),
                        l.start_date,
                        l.end_date,
                        ix.code(a.rotation_type_id),
                        label_of(ix, a)
                    ),
                    resident,
                    Some(a.rotation_type_id),
                    &[a],
                ));
            }
        }
    }
}
