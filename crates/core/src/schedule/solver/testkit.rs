//! Test fixtures: hand-built instances and a seeded generator of random instances that are
//! feasible by construction (a random schedule is drawn first and every bound is derived
//! from it, loosened at random, as FORMAT.md describes for the benchmark instances).

use super::instance::{Instance, Lock, Request, Requirement, Resident, Rotation, Weights};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(crate) fn weights() -> Weights {
    Weights {
        unmet_request_rank1: 10,
        unmet_request_rank2: 6,
        unmet_request_rank3: 3,
        consecutive_heavy_pair: 4,
        heavy_spread: 5,
    }
}

pub(crate) fn rotation(
    code: &str,
    heavy: bool,
    nb: usize,
    staff: (u32, u32),
    pgys: &[(u32, u32, u32)],
) -> Rotation {
    Rotation {
        code: code.into(),
        name: code.into(),
        heavy,
        no_back_to_back: false,
        requirements: pgys
            .iter()
            .map(|&(pgy, min_blocks, max_blocks)| Requirement {
                pgy,
                min_blocks,
                max_blocks,
            })
            .collect(),
        min_staff: vec![staff.0; nb],
        max_staff: vec![staff.1; nb],
    }
}

pub(crate) fn resident(id: &str, pgy: u32) -> Resident {
    Resident {
        id: id.into(),
        pgy,
        leave_blocks: vec![],
        locked: vec![],
        requests: vec![],
    }
}

pub(crate) fn instance(
    nb: u32,
    h: u32,
    rotations: Vec<Rotation>,
    residents: Vec<Resident>,
) -> Instance {
    Instance {
        format: "residency-rotation-instance/1".into(),
        name: "test".into(),
        num_blocks: nb,
        block_weeks: 4,
        max_consecutive_heavy: h,
        weights: weights(),
        rotations,
        residents,
    }
}

/// The worked example of FORMAT.md (objective 24 for the schedule given there).
pub(crate) fn worked_example() -> Instance {
    let rots = vec![
        rotation("H", true, 3, (0, 2), &[(1, 0, 3)]),
        rotation("E", false, 3, (0, 2), &[(1, 0, 3)]),
    ];
    let mut a = resident("A", 1);
    a.requests = vec![
        Request {
            rank: 1,
            rotation: "E".into(),
            block: Some(0),
        },
        Request {
            rank: 2,
            rotation: "E".into(),
            block: None,
        },
        Request {
            rank: 3,
            rotation: "E".into(),
            block: Some(2),
        },
    ];
    let mut b = resident("B", 1);
    b.leave_blocks = vec![2];
    instance(3, 2, rots, vec![a, b])
}

/// A random instance that has at least one feasible schedule.
pub(crate) fn random_feasible(seed: u64) -> Instance {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let nb = rng.random_range(3..=8usize);
    let nr = rng.random_range(3..=10usize);
    let nt = rng.random_range(2..=5usize);
    let h = rng.random_range(1..=3usize);
    let pgys: Vec<u32> = (0..nr).map(|_| rng.random_range(1..=3)).collect();
    // Rotation 0 is light, repeatable and open to all, so a valid schedule always exists.
    let mut heavy = vec![false];
    let mut nb2b = vec![false];
    let mut open: Vec<Vec<bool>> = vec![vec![true; 4]];
    for _ in 1..nt {
        heavy.push(rng.random_bool(0.4));
        nb2b.push(rng.random_bool(0.3));
        open.push((0..4).map(|p| p <= 1 || rng.random_bool(0.7)).collect());
    }
    let mut grid = vec![usize::MAX; nr * nb];
    let mut leave = vec![Vec::new(); nr];
    for r in 0..nr {
        let mut run = 0;
        for b in 0..nb {
            if rng.random_bool(0.1) {
                leave[r].push(b as u32);
                run = 0;
                continue;
            }
            let prev = if b > 0 {
                grid[r * nb + b - 1]
            } else {
                usize::MAX
            };
            let ok: Vec<usize> = (0..nt)
                .filter(|&t| {
                    open[t][pgys[r] as usize] && !(nb2b[t] && prev == t) && !(heavy[t] && run >= h)
                })
                .collect();
            let t = ok[rng.random_range(0..ok.len())];
            grid[r * nb + b] = t;
            run = if heavy[t] { run + 1 } else { 0 };
        }
    }
    let mut rotations = Vec::new();
    for t in 0..nt {
        let cov: Vec<u32> = (0..nb)
            .map(|b| (0..nr).filter(|&r| grid[r * nb + b] == t).count() as u32)
            .collect();
        let mut rot = rotation(&format!("T{t}"), heavy[t], nb, (0, 0), &[]);
        rot.no_back_to_back = nb2b[t];
        rot.min_staff = cov
            .iter()
            .map(|&c| c.saturating_sub(rng.random_range(0..=1)))
            .collect();
        rot.max_staff = cov.iter().map(|&c| c + rng.random_range(0..=1)).collect();
        for p in 1..=3u32 {
            if !open[t][p as usize] {
                continue;
            }
            let counts: Vec<u32> = (0..nr)
                .filter(|&r| pgys[r] == p)
                .map(|r| (0..nb).filter(|&b| grid[r * nb + b] == t).count() as u32)
                .collect();
            let lo = counts
                .iter()
                .min()
                .copied()
                .unwrap_or(0)
                .saturating_sub(rng.random_range(0..=1));
            let hi = (counts.iter().max().copied().unwrap_or(0) + rng.random_range(0..=1))
                .clamp(1, nb as u32);
            rot.requirements.push(Requirement {
                pgy: p,
                min_blocks: lo,
                max_blocks: hi,
            });
        }
        rotations.push(rot);
    }
    let mut residents = Vec::new();
    for r in 0..nr {
        let mut x = resident(&format!("R{r:02}"), pgys[r]);
        x.leave_blocks = leave[r].clone();
        for b in 0..nb {
            let t = grid[r * nb + b];
            if t != usize::MAX && rng.random_bool(0.08) {
                x.locked.push(Lock {
                    block: b as u32,
                    rotation: format!("T{t}"),
                });
            }
        }
        for rank in 1..=rng.random_range(0..=3u32) {
            let elig: Vec<usize> = (0..nt).filter(|&t| open[t][pgys[r] as usize]).collect();
            let t = elig[rng.random_range(0..elig.len())];
            let b = rng.random_range(0..nb as u32);
            let block = (!leave[r].contains(&b) && rng.random_bool(0.6)).then_some(b);
            x.requests.push(Request {
                rank,
                rotation: format!("T{t}"),
                block,
            });
        }
        residents.push(x);
    }
    instance(nb as u32, h as u32, rotations, residents)
}
