//! A year's schedule turned into the solver's instance (bench/scheduling/FORMAT.md): periods are
//! the blocks, or the halves when every block is split; requirements in weeks become periods;
//! locked cells (and, when asked, every existing assignment) are fixed; leave covering at least
//! half of a period makes it a leave period. Pure: facts in, instance and the way back out.

use std::collections::HashMap;

use super::checks::ScheduleFacts;
use super::solver::instance::{Instance, Lock, Request, Requirement, Resident, Rotation, Weights};
use super::{Half, periods};
use crate::Error;
use crate::ids::{BlockId, ResidentId, RotationTypeId};

/// A stretch the solver fills: a block, or one half of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub block: BlockId,
    pub half: Option<Half>,
}

/// A ranked elective wish, as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ElectiveRequest {
    pub resident: ResidentId,
    pub rank: i32,
    pub rotation: RotationTypeId,
    pub block: Option<BlockId>,
}

/// The instance and what its indexes mean in the database.
#[derive(Debug, Clone)]
pub struct Built {
    pub instance: Instance,
    pub periods: Vec<Period>,
    /// Instance resident `i` is `residents[i]`.
    pub residents: Vec<ResidentId>,
    /// Instance rotation `t` is `rotations[t]`.
    pub rotations: Vec<RotationTypeId>,
    /// Residents left out of the proposal, and why.
    pub left_out: Vec<String>,
}

/// The objective weights of FORMAT.md: what an unmet request of each rank, a pair of heavy blocks
/// in a row and an uneven spread of heavy blocks within a PGY level cost.
pub const WEIGHTS: Weights = Weights {
    unmet_request_rank1: 10,
    unmet_request_rank2: 6,
    unmet_request_rank3: 3,
    consecutive_heavy_pair: 4,
    heavy_spread: 5,
};

pub fn build(
    facts: &ScheduleFacts,
    requests: &[ElectiveRequest],
    keep_existing: bool,
) -> Result<Built, Error> {
    if facts.blocks.is_empty() {
        return Err(Error::invalid(
            "year",
            "This year has no blocks: generate them under Calendar first",
        ));
    }
    let halves = facts.blocks.iter().all(|b| b.split_date.is_some());
    let periods: Vec<Period> = facts
        .blocks
        .iter()
        .flat_map(|b| {
            if halves {
                vec![
                    Period {
                        block: b.id,
                        half: Some(Half::First),
                    },
                    Period {
                        block: b.id,
                        half: Some(Half::Second),
                    },
                ]
            } else {
                vec![Period {
                    block: b.id,
                    half: None,
                }]
            }
        })
        .collect();
    let block_of: HashMap<BlockId, &crate::academic::Block> =
        facts.blocks.iter().map(|b| (b.id, b)).collect();
    let span = |p: &Period| periods::dates(block_of[&p.block], p.half);
    let n = periods.len();
    let period_weeks = (periods::block_weeks(&facts.blocks) / if halves { 2 } else { 1 }).max(1);
    let to_periods = |weeks: i32| u32::try_from(weeks.max(0) / period_weeks).unwrap_or(0);
    let to_periods_up =
        |weeks: i32| u32::try_from((weeks.max(0) + period_weeks - 1) / period_weeks).unwrap_or(0);

    let mut left_out = Vec::new();
    let residents: Vec<_> = facts
        .residents
        .iter()
        .filter(|r| {
            let fits = (1..=5).contains(&r.pgy);
            if !fits {
                left_out.push(format!(
                    "{} (PGY-{}): proposals cover PGY-1 to PGY-5",
                    r.name, r.pgy
                ));
            }
            fits
        })
        .collect();
    let levels: Vec<u32> = {
        let mut l: Vec<u32> = residents
            .iter()
            .filter_map(|r| u32::try_from(r.pgy).ok())
            .collect();
        l.sort_unstable();
        l.dedup();
        l
    };
    let headcount = u32::try_from(residents.len()).unwrap_or(u32::MAX);
    // A rotation whose site's agreement is not in force for a period is closed in it.
    let sites: HashMap<_, _> = facts.sites.iter().map(|s| (s.id, s)).collect();
    let closed = |r: &super::RotationType, p: &Period| {
        let Some(window) = r
            .default_site_id
            .and_then(|s| sites.get(&s))
            .and_then(|s| s.agreement.as_ref())
        else {
            return false;
        };
        span(p).is_some_and(|(start, end)| window.gap("", start, end).is_some())
    };
    let all: Vec<_> = facts.rotations.iter().filter(|r| r.is_active).collect();
    let built: Vec<Rotation> = all
        .iter()
        .map(|r| Rotation {
            code: r.code.clone(),
            name: r.name.clone(),
            heavy: r.heavy,
            no_back_to_back: r.no_back_to_back,
            requirements: levels
                .iter()
                .filter_map(|pgy| {
                    let req = r.requirement_for(i32::try_from(*pgy).ok()?)?;
                    let max = if req.max_weeks == i32::MAX {
                        u32::try_from(n).unwrap_or(u32::MAX)
                    } else {
                        to_periods(req.max_weeks).min(u32::try_from(n).unwrap_or(u32::MAX))
                    };
                    let min = to_periods_up(req.min_weeks).min(max);
                    (max >= 1).then_some(Requirement {
                        pgy: *pgy,
                        min_blocks: min,
                        max_blocks: max,
                    })
                })
                .collect(),
            min_staff: periods
                .iter()
                .map(|p| {
                    if closed(r, p) {
                        return 0;
                    }
                    u32::try_from(r.coverage_in(p.block).0).unwrap_or(0)
                })
                .collect(),
            max_staff: periods
                .iter()
                .map(|p| {
                    if closed(r, p) {
                        return 0;
                    }
                    let (min, max) = r.coverage_in(p.block);
                    let max = max.map_or(headcount, |m| u32::try_from(m).unwrap_or(0));
                    max.max(u32::try_from(min).unwrap_or(0))
                })
                .collect(),
        })
        .collect();
    // A rotation no level on the schedule may do cannot be proposed; the live checks still
    // report any coverage it needs.
    let (active, rotations): (Vec<_>, Vec<Rotation>) = all
        .into_iter()
        .zip(built)
        .filter(|(_, r)| !r.requirements.is_empty())
        .unzip();
    let index_of: HashMap<RotationTypeId, usize> =
        active.iter().enumerate().map(|(i, r)| (r.id, i)).collect();

    let mut out = Vec::with_capacity(residents.len());
    for (i, r) in residents.iter().enumerate() {
        let mut locked: Vec<Lock> = Vec::new();
        for a in facts.assignments.iter().filter(|a| a.resident_id == r.id) {
            if !(a.is_locked || keep_existing) {
                continue;
            }
            let Some(t) = index_of.get(&a.rotation_type_id) else {
                continue;
            };
            for (k, p) in periods.iter().enumerate() {
                let Some(dates) = span(p) else { continue };
                if p.block == a.block_id && periods::overlaps(dates, (a.start_date, a.end_date)) {
                    if !halves && a.half.is_some() {
                        return Err(Error::invalid(
                            "year",
                            format!(
                                "{} holds half of {}; a proposal fills whole blocks unless every block of the year is split",
                                r.name, block_of[&a.block_id].name
                            ),
                        ));
                    }
                    locked.push(Lock {
                        block: u32::try_from(k).unwrap_or(0),
                        rotation: active[*t].code.clone(),
                    });
                }
            }
        }
        let leave_blocks: Vec<u32> = periods
            .iter()
            .enumerate()
            .filter(|(k, p)| {
                let Some((start, end)) = span(p) else {
                    return false;
                };
                let days = (end - start).num_days() + 1;
                let on_leave: i64 = facts
                    .leave
                    .iter()
                    .filter(|l| l.resident_id == r.id)
                    .map(|l| {
                        let (a, b) = (l.start_date.max(start), l.end_date.min(end));
                        if a <= b { (b - a).num_days() + 1 } else { 0 }
                    })
                    .sum();
                let k = u32::try_from(*k).unwrap_or(0);
                2 * on_leave >= days && !locked.iter().any(|l| l.block == k)
            })
            .map(|(k, _)| u32::try_from(k).unwrap_or(0))
            .collect();
        let mut wishes: Vec<&ElectiveRequest> =
            requests.iter().filter(|q| q.resident == r.id).collect();
        wishes.sort_by_key(|q| q.rank);
        let requests = wishes
            .iter()
            .filter_map(|q| {
                let t = index_of.get(&q.rotation)?;
                let block = match q.block {
                    None => None,
                    Some(b) => {
                        Some(u32::try_from(periods.iter().position(|p| p.block == b)?).ok()?)
                    }
                };
                Some((active[*t].code.clone(), block))
            })
            .take(3)
            .enumerate()
            .map(|(k, (rotation, block))| Request {
                rank: u32::try_from(k + 1).unwrap_or(3),
                rotation,
                block: block.filter(|b| !leave_blocks.contains(b)),
            })
            .collect();
        out.push(Resident {
            id: format!("R{:03}", i + 1),
            pgy: u32::try_from(r.pgy).unwrap_or(1),
            leave_blocks,
            locked,
            requests,
        });
    }
    let heavy_limit =
        u32::try_from(facts.max_consecutive_heavy.max(1)).unwrap_or(1) * if halves { 2 } else { 1 };
    Ok(Built {
        instance: Instance {
            format: "residency-rotation-instance/1".into(),
            name: "proposal".into(),
            num_blocks: u32::try_from(n).unwrap_or(u32::MAX),
            block_weeks: u32::try_from(period_weeks).unwrap_or(4),
            max_consecutive_heavy: heavy_limit,
            weights: WEIGHTS,
            rotations,
            residents: out,
        },
        periods,
        residents: residents.iter().map(|r| r.id).collect(),
        rotations: active.iter().map(|r| r.id).collect(),
        left_out,
    })
}
