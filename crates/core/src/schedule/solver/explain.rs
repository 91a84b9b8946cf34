//! Infeasibility in words: counting arguments that prove an instance has no feasible
//! schedule, each naming the few rules that clash, and the explanation of a search that
//! ran out of time without proving anything.

use super::check::{Rule, check};
use super::instance::{Instance, Resident};
use super::solution::{Grid, Solution};
use std::collections::BTreeMap;

fn blk(b: usize) -> usize {
    b + 1
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Facts about one resident in one block that every check needs.
struct Ctx<'a> {
    inst: &'a Instance,
    nb: usize,
    /// `lock[i][b]`: the rotation index resident i is locked to in block b.
    lock: Vec<Vec<Option<usize>>>,
    leave: Vec<Vec<bool>>,
}

impl Ctx<'_> {
    fn eligible(&self, x: &Resident, t: usize) -> Option<(u32, u32)> {
        let q = self.inst.rotations[t]
            .requirements
            .iter()
            .find(|q| q.pgy == x.pgy)?;
        Some((q.min_blocks, q.max_blocks))
    }

    /// Resident i could be on rotation t in block b as far as leave, locks and PGY go.
    fn could(&self, i: usize, b: usize, t: usize) -> bool {
        let x = &self.inst.residents[i];
        !self.leave[i][b] && self.lock[i][b].is_none_or(|l| l == t) && self.eligible(x, t).is_some()
    }
}

/// Reasons the instance cannot be solved; empty when no counting argument applies
/// (which does not prove it solvable). Expects a validated instance.
pub fn explain(inst: &Instance) -> Vec<String> {
    let nb = inst.num_blocks as usize;
    let mut lock = vec![vec![None; nb]; inst.residents.len()];
    let mut leave = vec![vec![false; nb]; inst.residents.len()];
    for (i, x) in inst.residents.iter().enumerate() {
        for &b in &x.leave_blocks {
            leave[i][b as usize] = true;
        }
        for l in &x.locked {
            lock[i][l.block as usize] = inst.rotation_index(&l.rotation);
        }
    }
    let cx = Ctx {
        inst,
        nb,
        lock,
        leave,
    };
    let mut out = Vec::new();
    locks(&cx, &mut out);
    residents(&cx, &mut out);
    blocks(&cx, &mut out);
    rotations(&cx, &mut out);
    out
}

fn locks(cx: &Ctx, out: &mut Vec<String>) {
    let inst = cx.inst;
    let h = inst.max_consecutive_heavy as usize;
    for (i, x) in inst.residents.iter().enumerate() {
        let row = &cx.lock[i];
        for (b, t) in row
            .iter()
            .enumerate()
            .filter_map(|(b, t)| t.map(|t| (b, t)))
        {
            let r = &inst.rotations[t];
            if cx.eligible(x, t).is_none() {
                out.push(format!(
                    "resident {} is locked to {} in block {}, but PGY-{} residents may not take {}",
                    x.id,
                    r.code,
                    blk(b),
                    x.pgy,
                    r.code
                ));
            }
            if b + 1 < cx.nb && r.no_back_to_back && row[b + 1] == Some(t) {
                out.push(format!(
                    "resident {} is locked to {} in blocks {} and {}, but {} may not be done back to back",
                    x.id, r.code, blk(b), blk(b + 1), r.code
                ));
            }
            if b >= h && (b - h..=b).all(|j| row[j].is_some_and(|u| inst.rotations[u].heavy)) {
                out.push(format!(
                    "resident {} is locked to heavy rotations in blocks {} to {}, more than the {} in a row allowed",
                    x.id, blk(b - h), blk(b), h
                ));
            }
        }
        for (t, r) in inst.rotations.iter().enumerate() {
            let n = row.iter().filter(|&&l| l == Some(t)).count();
            if let Some((_, max)) = cx.eligible(x, t)
                && n > max as usize
            {
                out.push(format!(
                    "resident {} is locked to {} in {}, but PGY-{} residents may do at most {} of {}",
                    x.id, r.code, plural(n, "block", "blocks"), x.pgy, max, r.code
                ));
            }
        }
    }
    for (t, r) in inst.rotations.iter().enumerate() {
        for b in 0..cx.nb {
            let ids: Vec<&str> = (0..inst.residents.len())
                .filter(|&i| cx.lock[i][b] == Some(t))
                .map(|i| inst.residents[i].id.as_str())
                .collect();
            if ids.len() > r.max_staff[b] as usize {
                out.push(format!(
                    "{} in block {} is locked for {} ({}), but takes at most {}",
                    r.code,
                    blk(b),
                    plural(ids.len(), "resident", "residents"),
                    ids.join(", "),
                    r.max_staff[b]
                ));
            }
        }
    }
}

fn residents(cx: &Ctx, out: &mut Vec<String>) {
    let inst = cx.inst;
    for (i, x) in inst.residents.iter().enumerate() {
        let free = (0..cx.nb).filter(|&b| !cx.leave[i][b]).count();
        let elig: Vec<(usize, u32, u32)> = (0..inst.rotations.len())
            .filter_map(|t| cx.eligible(x, t).map(|(lo, hi)| (t, lo, hi)))
            .collect();
        let need: u32 = elig.iter().map(|e| e.1).sum();
        if need as usize > free {
            let parts: Vec<String> = elig
                .iter()
                .filter(|e| e.1 > 0)
                .map(|&(t, lo, _)| format!("{} {}", lo, inst.rotations[t].code))
                .collect();
            out.push(format!(
                "resident {} (PGY-{}) must do at least {need} blocks ({}) but has only {} outside leave",
                x.id, x.pgy, parts.join(" + "), plural(free, "block", "blocks")
            ));
        }
        let room: u32 = elig.iter().map(|e| e.2).sum();
        if (room as usize) < free {
            out.push(format!(
                "resident {} (PGY-{}) has {} outside leave, but the rotations open to PGY-{} allow at most {room} in all",
                x.id, x.pgy, plural(free, "block", "blocks"), x.pgy
            ));
        }
        for b in 0..cx.nb {
            if cx.leave[i][b] || cx.lock[i][b].is_some() {
                continue;
            }
            let open = elig
                .iter()
                .any(|&(t, _, _)| inst.rotations[t].max_staff[b] > 0);
            if !open {
                out.push(format!(
                    "resident {} (PGY-{}) has no rotation open to them in block {}",
                    x.id,
                    x.pgy,
                    blk(b)
                ));
            }
        }
    }
}

fn blocks(cx: &Ctx, out: &mut Vec<String>) {
    let inst = cx.inst;
    let nr = inst.residents.len();
    for b in 0..cx.nb {
        let present = (0..nr).filter(|&i| !cx.leave[i][b]).count();
        let min: u32 = inst.rotations.iter().map(|r| r.min_staff[b]).sum();
        if min as usize > present {
            out.push(format!(
                "block {} needs at least {min} residents across all rotations' minimum staffing, but only {present} are not on leave",
                blk(b)
            ));
        }
        let usable: u32 = (0..inst.rotations.len())
            .filter(|&t| (0..nr).any(|i| cx.could(i, b, t)))
            .map(|t| inst.rotations[t].max_staff[b])
            .sum();
        if (usable as usize) < present {
            out.push(format!(
                "block {} has {present} residents not on leave, but the rotations open to them take at most {usable}",
                blk(b)
            ));
        }
        for (t, r) in inst.rotations.iter().enumerate() {
            let avail = (0..nr).filter(|&i| cx.could(i, b, t)).count();
            if (r.min_staff[b] as usize) > avail {
                out.push(format!(
                    "{} needs at least {} in block {}, but only {} eligible and free then",
                    r.code,
                    plural(r.min_staff[b] as usize, "resident", "residents"),
                    blk(b),
                    plural(avail, "resident is", "residents are")
                ));
            }
        }
    }
}

fn rotations(cx: &Ctx, out: &mut Vec<String>) {
    let inst = cx.inst;
    let nr = inst.residents.len();
    for (t, r) in inst.rotations.iter().enumerate() {
        // Demand: per-year minimums, grouped by PGY for the message.
        let mut by_pgy: BTreeMap<u32, (usize, u32)> = BTreeMap::new();
        let (mut demand, mut most) = (0u64, 0u64);
        for (i, x) in inst.residents.iter().enumerate() {
            if let Some((lo, hi)) = cx.eligible(x, t) {
                let free = (0..cx.nb).filter(|&b| cx.could(i, b, t)).count() as u64;
                demand += u64::from(lo);
                most += u64::from(hi).min(free);
                if lo > 0 {
                    let e = by_pgy.entry(x.pgy).or_insert((0, lo));
                    e.0 += 1;
                }
            }
        }
        let supply: u64 = (0..cx.nb)
            .map(|b| {
                u64::from(r.max_staff[b]).min((0..nr).filter(|&i| cx.could(i, b, t)).count() as u64)
            })
            .sum();
        if demand > supply {
            let parts: Vec<String> = by_pgy
                .iter()
                .map(|(p, (n, lo))| format!("{n} PGY-{p} residents each need {lo}"))
                .collect();
            out.push(format!(
                "{}: {} {} blocks = {demand}, but {} takes at most {supply} resident-blocks over the year (its max_staff, less blocks its residents spend on leave or locked elsewhere)",
                r.code, parts.join(" and "), r.code, r.code
            ));
        }
        let min_total: u64 = r.min_staff.iter().map(|&v| u64::from(v)).sum();
        if min_total > most {
            out.push(format!(
                "{} needs {min_total} resident-blocks over the year (its min_staff), but its residents may do at most {most} (their max_blocks)",
                r.code
            ));
        }
    }
}

/// Words for a search that found nothing: the hard rule it kept breaking most, with one
/// example from its last schedule. `viol` holds coverage, requirement, back-to-back and
/// heavy-run amounts in that order.
pub(crate) fn search_failure(inst: &Instance, grid: &Grid, viol: [i64; 4]) -> String {
    const RULES: [(Rule, &str); 4] = [
        (Rule::Coverage, "minimum and maximum staffing of rotations"),
        (Rule::Requirement, "blocks per year each resident must do"),
        (Rule::NoBackToBack, "no back-to-back rotations"),
        (
            Rule::MaxConsecutiveHeavy,
            "limit on consecutive heavy rotations",
        ),
    ];
    let k = (0..4)
        .max_by_key(|&k| (viol[k], std::cmp::Reverse(k)))
        .unwrap_or(0);
    let (rule, words) = RULES[k];
    let verdict = check(inst, &Solution::from_grid(inst, grid));
    let example = verdict
        .violations
        .iter()
        .find(|v| v.rule == rule)
        .map(|v| v.message.clone());
    let mut s = format!(
        "no feasible schedule found in the time allowed (this does not prove there is none); the search kept breaking the {words}"
    );
    if let Some(e) = example {
        s.push_str(&format!(", e.g. {e}"));
    }
    s
}
