//! Greedy construction of a first schedule, block by block in calendar order: first the
//! minimum staffing of each rotation, then everyone left, each cell going to the resident
//! or rotation that most needs it. Rarely feasible by itself; the repair phase finishes it.

use super::model::{FREE, LEAVE, Model};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const FORBID: i64 = -1_000_000;

struct Builder<'a> {
    m: &'a Model,
    grid: Vec<u16>,
    cnt: Vec<u32>,
    hc: Vec<u32>,
    /// Free blocks of each resident from the current block on.
    rem: Vec<u32>,
    /// Sum over rotations of the blocks each resident still needs to reach its minimums.
    need: Vec<u32>,
}

impl Builder<'_> {
    fn score(&self, r: usize, b: usize, t: usize, noise: i64) -> i64 {
        let m = self.m;
        let k = r * m.nt + t;
        if !m.eligible[k] || self.cnt[k] >= m.req_max[k] {
            return FORBID;
        }
        let nb = m.nb;
        let prev = if b > 0 {
            self.grid[r * nb + b - 1]
        } else {
            LEAVE
        };
        let next = if b + 1 < nb {
            m.fixed[r * nb + b + 1]
        } else {
            LEAVE
        };
        if m.nb2b[t] && (prev == t as u16 || next == t as u16) {
            return FORBID;
        }
        let mut s = noise;
        if m.heavy[t] {
            let run = (0..b)
                .rev()
                .take_while(|&j| m.is_heavy(self.grid[r * nb + j]))
                .count();
            if run >= m.h {
                return FORBID;
            }
            s -= 40 * run as i64 + 30 * i64::from(next != FREE && m.is_heavy(next));
            s -= 15 * i64::from(self.hc[r]);
        }
        let missing = m.req_min[k].saturating_sub(self.cnt[k]);
        let rem = i64::from(self.rem[r].max(1));
        if missing > 0 {
            s += 1000 * i64::from(missing) / rem;
        } else if self.need[r] >= self.rem[r] {
            // Every remaining block is spoken for by unmet minimums.
            s -= 5000;
        }
        for q in &m.requests[r] {
            if q.rot as usize == t
                && (q.block == Some(b as u16) || (q.block.is_none() && self.cnt[k] == 0))
            {
                s += 20 * q.weight;
            }
        }
        s
    }

    fn assign(&mut self, r: usize, b: usize, t: usize) {
        let m = self.m;
        let k = r * m.nt + t;
        if self.cnt[k] < m.req_min[k] {
            self.need[r] -= 1;
        }
        self.cnt[k] += 1;
        self.grid[r * m.nb + b] = t as u16;
        if m.heavy[t] {
            self.hc[r] += 1;
        }
    }
}

/// Returns a complete grid holding every fixed cell and an eligible rotation in every free one.
pub(crate) fn construct(m: &Model, rng: &mut ChaCha8Rng) -> Vec<u16> {
    let (nr, nb, nt) = (m.nr, m.nb, m.nt);
    let mut bd = Builder {
        m,
        grid: m.fixed.clone(),
        cnt: vec![0; nr * nt],
        hc: vec![0; nr],
        rem: m.free_blocks.iter().map(|f| f.len() as u32).collect(),
        need: vec![0; nr],
    };
    for r in 0..nr {
        for b in 0..nb {
            let v = m.fixed[r * nb + b];
            if v != FREE && v != LEAVE {
                bd.cnt[r * nt + v as usize] += 1;
            }
        }
        bd.need[r] = (0..nt)
            .filter(|&t| m.eligible[r * nt + t])
            .map(|t| m.req_min[r * nt + t].saturating_sub(bd.cnt[r * nt + t]))
            .sum();
    }
    let mut cov = vec![0u32; nt];
    for b in 0..nb {
        cov.iter_mut().for_each(|c| *c = 0);
        for r in 0..nr {
            let v = m.fixed[r * nb + b];
            if v != FREE && v != LEAVE {
                cov[v as usize] += 1;
            }
        }
        let avail: Vec<usize> = m.free_residents[b].iter().map(|&r| r as usize).collect();
        let mut taken = vec![false; nr];
        let noise: Vec<i64> = (0..nr).map(|_| rng.random_range(0..8)).collect();
        // Rotations whose minimum is hardest to reach pick their residents first.
        let mut order: Vec<(i64, usize)> = (0..nt)
            .filter(|&t| cov[t] < m.cov_min[t * nb + b])
            .map(|t| {
                let pool = avail.iter().filter(|&&r| m.eligible[r * nt + t]).count() as i64;
                (pool - i64::from(m.cov_min[t * nb + b] - cov[t]), t)
            })
            .collect();
        order.sort_unstable();
        for &(_, t) in &order {
            while cov[t] < m.cov_min[t * nb + b] {
                let best = avail
                    .iter()
                    .filter(|&&r| !taken[r] && m.eligible[r * nt + t])
                    .map(|&r| (bd.score(r, b, t, noise[r]), r))
                    .max();
                let Some((_, r)) = best else { break };
                taken[r] = true;
                bd.assign(r, b, t);
                cov[t] += 1;
            }
        }
        for &r in &avail {
            if taken[r] {
                continue;
            }
            let best = m.elig_list[r]
                .iter()
                .map(|&t| t as usize)
                .filter(|&t| cov[t] < m.cov_max[t * nb + b])
                .map(|t| (bd.score(r, b, t, rng.random_range(0..4)), t))
                .max()
                .or_else(|| m.elig_list[r].first().map(|&t| (0, t as usize)));
            if let Some((_, t)) = best {
                bd.assign(r, b, t);
                cov[t] += 1;
            }
        }
        for &r in &avail {
            bd.rem[r] -= 1;
        }
    }
    // A resident eligible for nothing keeps rotation 0; `explain` rejects such instances.
    for v in bd.grid.iter_mut() {
        if *v == FREE {
            *v = 0;
        }
    }
    bd.grid
}
