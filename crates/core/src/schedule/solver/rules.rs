//! The hard rules H2–H8 and the objective, evaluated on a schedule read by `check`
//! (a cell may be missing there): one plain-English violation per broken rule instance,
//! in the same order and with the same counting as verify.py.

use super::check::{Objective, Rule, Violation};
use super::instance::Instance;

fn blk(b: usize) -> usize {
    b + 1
}

/// `cells[i * nb + b]`: None = missing, Some(None) = leave, Some(Some(t)) = rotation t.
pub(super) fn evaluate(
    inst: &Instance,
    cells: &[Option<Option<usize>>],
) -> (Vec<Violation>, Objective) {
    let nb = inst.num_blocks as usize;
    let h = inst.max_consecutive_heavy as usize;
    let mut v = Vec::new();
    let mut push = |rule, message: String| v.push(Violation { rule, message });
    let rotation_at = |i: usize, b: usize| cells[i * nb + b].flatten();
    let mut heavy_count = vec![0i64; inst.residents.len()];
    let mut pairs = 0i64;
    let mut unmet = 0i64;
    for (i, x) in inst.residents.iter().enumerate() {
        let id = &x.id;
        for b in 0..nb {
            let on_leave = x.leave_blocks.contains(&(b as u32));
            match cells[i * nb + b] {
                Some(Some(t)) if on_leave => {
                    let code = &inst.rotations[t].code;
                    let msg = format!(
                        "resident {id} is on {code} in block {}, a leave block",
                        blk(b)
                    );
                    push(Rule::Leave, msg);
                }
                Some(None) if !on_leave => {
                    let msg = format!(
                        "resident {id} is on leave in block {}, which is not a leave block",
                        blk(b)
                    );
                    push(Rule::Leave, msg);
                }
                _ => {}
            }
            if let Some(t) = rotation_at(i, b) {
                let r = &inst.rotations[t];
                if !r.requirements.iter().any(|q| q.pgy == x.pgy) {
                    let msg = format!(
                        "resident {id} (PGY-{}) is on {} in block {}, which PGY-{} residents may not take",
                        x.pgy,
                        r.code,
                        blk(b),
                        x.pgy
                    );
                    push(Rule::Eligibility, msg);
                }
            }
        }
        for l in &x.locked {
            let b = l.block as usize;
            let got = match cells[i * nb + b] {
                None => "nothing".to_string(),
                Some(None) => "leave".to_string(),
                Some(Some(t)) => inst.rotations[t].code.clone(),
            };
            if got != l.rotation {
                let msg = format!(
                    "resident {id} is locked to {} in block {} but has {got}",
                    l.rotation,
                    blk(b)
                );
                push(Rule::Locked, msg);
            }
        }
        for (t, r) in inst.rotations.iter().enumerate() {
            let n = (0..nb).filter(|&b| rotation_at(i, b) == Some(t)).count() as u32;
            for q in r.requirements.iter().filter(|q| q.pgy == x.pgy) {
                if n < q.min_blocks || n > q.max_blocks {
                    let msg = format!(
                        "resident {id} (PGY-{}) has {n} blocks of {}, but needs {} to {}",
                        x.pgy, r.code, q.min_blocks, q.max_blocks
                    );
                    push(Rule::Requirement, msg);
                }
            }
        }
        let heavy: Vec<bool> = (0..nb)
            .map(|b| rotation_at(i, b).is_some_and(|t| inst.rotations[t].heavy))
            .collect();
        for b in 0..nb.saturating_sub(1) {
            if let Some(t) = rotation_at(i, b)
                && inst.rotations[t].no_back_to_back
                && rotation_at(i, b + 1) == Some(t)
            {
                let msg = format!(
                    "resident {id} has {} in blocks {} and {} back to back, which it does not allow",
                    inst.rotations[t].code,
                    blk(b),
                    blk(b + 1)
                );
                push(Rule::NoBackToBack, msg);
            }
            if heavy[b] && heavy[b + 1] {
                pairs += 1;
            }
        }
        let mut run = 0;
        for (b, &hv) in heavy.iter().enumerate() {
            run = if hv { run + 1 } else { 0 };
            if run == h + 1 {
                let msg = format!(
                    "resident {id} has more than {h} heavy blocks in a row (blocks {} to {})",
                    blk(b - h),
                    blk(b)
                );
                push(Rule::MaxConsecutiveHeavy, msg);
            }
        }
        heavy_count[i] = heavy.iter().filter(|&&hv| hv).count() as i64;
        for q in &x.requests {
            let met = match q.block {
                Some(b) => {
                    rotation_at(i, b as usize).is_some_and(|t| inst.rotations[t].code == q.rotation)
                }
                None => (0..nb).any(|b| {
                    rotation_at(i, b).is_some_and(|t| inst.rotations[t].code == q.rotation)
                }),
            };
            if !met {
                unmet += inst.weights.for_rank(q.rank);
            }
        }
    }
    for (t, r) in inst.rotations.iter().enumerate() {
        for b in 0..nb {
            let n = (0..inst.residents.len())
                .filter(|&i| rotation_at(i, b) == Some(t))
                .count() as u32;
            if n < r.min_staff[b] || n > r.max_staff[b] {
                let msg = format!(
                    "{} has {n} residents in block {}, but needs {} to {}",
                    r.code,
                    blk(b),
                    r.min_staff[b],
                    r.max_staff[b]
                );
                push(Rule::Coverage, msg);
            }
        }
    }
    let mut spread = 0i64;
    for p in 1..=5 {
        let hs = inst
            .residents
            .iter()
            .enumerate()
            .filter(|(_, x)| x.pgy == p)
            .map(|(i, _)| heavy_count[i]);
        if let (Some(max), Some(min)) = (hs.clone().max(), hs.min()) {
            spread += max - min;
        }
    }
    let w = &inst.weights;
    let total = unmet + w.consecutive_heavy_pair * pairs + w.heavy_spread * spread;
    let objective = Objective {
        unmet_requests: unmet,
        heavy_pairs: pairs,
        heavy_spread: spread,
        total,
    };
    (v, objective)
}
