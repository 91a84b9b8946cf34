//! A schedule under search with incrementally maintained hard-rule violation counts and
//! objective parts, so that changing one cell costs O(H + B) instead of a full re-check.
//! Invariant: every total equals what a from-scratch evaluation of `grid` would give.

use super::model::{LEAVE, Model};

/// Indices into `State::viol`.
pub(crate) const COVERAGE: usize = 0;
pub(crate) const REQUIREMENT: usize = 1;
pub(crate) const BACK_TO_BACK: usize = 2;
pub(crate) const HEAVY_RUN: usize = 3;
pub(crate) const ENERGY_SCALE: i64 = 8;

#[derive(Clone)]
pub(crate) struct State<'m> {
    pub m: &'m Model,
    pub grid: Vec<u16>,
    /// Residents per rotation and block, `[t * nb + b]`.
    pub cov: Vec<u32>,
    /// Blocks per resident and rotation, `[r * nt + t]`.
    pub cnt: Vec<u32>,
    /// Heavy blocks per resident.
    pub hc: Vec<u32>,
    /// Residents per PGY group and heavy count, `[g * (nb + 1) + hc]`.
    hist: Vec<u32>,
    spread_g: [i64; 5],
    /// Per group with a spread, residents at whichever extreme has fewer (see `energy`).
    guide_g: [i64; 5],
    pub guide: i64,
    /// Target heavy count per PGY group (negative: none), the residents' summed distance
    /// from it, and the weight of that distance in the energy (see `levels.rs`).
    target: [i64; 5],
    dev: i64,
    w_dev: i64,
    /// Unmet-request cost per resident.
    pub req_cost: Vec<i64>,
    /// Hard-rule violation amounts: coverage, requirement, back-to-back, heavy run.
    pub viol: [i64; 4],
    pub unmet: i64,
    pub pairs: i64,
    pub spread: i64,
}

impl<'m> State<'m> {
    /// Evaluates `grid` from scratch; it must hold the fixed cells of `m`.
    pub fn new(m: &'m Model, grid: Vec<u16>) -> State<'m> {
        let (nr, nb, nt) = (m.nr, m.nb, m.nt);
        let mut s = State {
            m,
            grid,
            cov: vec![0; nt * nb],
            cnt: vec![0; nr * nt],
            hc: vec![0; nr],
            hist: vec![0; 5 * (nb + 1)],
            spread_g: [0; 5],
            guide_g: [0; 5],
            guide: 0,
            target: [-1; 5],
            dev: 0,
            w_dev: 0,
            req_cost: vec![0; nr],
            viol: [0; 4],
            unmet: 0,
            pairs: 0,
            spread: 0,
        };
        for r in 0..nr {
            for b in 0..nb {
                let v = s.grid[r * nb + b];
                if v != LEAVE {
                    s.cov[v as usize * nb + b] += 1;
                    s.cnt[r * nt + v as usize] += 1;
                    if m.heavy[v as usize] {
                        s.hc[r] += 1;
                    }
                }
            }
            for t in 0..nt {
                if m.eligible[r * nt + t] {
                    s.viol[REQUIREMENT] += m.req_viol(r, t, s.cnt[r * nt + t]);
                }
            }
            s.viol[BACK_TO_BACK] += (0..nb.saturating_sub(1))
                .map(|b| s.b2b_at(r, b))
                .sum::<i64>();
            s.viol[HEAVY_RUN] += (m.h..nb).map(|j| s.full_window(r, j)).sum::<i64>();
            s.pairs += (0..nb.saturating_sub(1))
                .map(|b| s.pair_at(r, b))
                .sum::<i64>();
            s.req_cost[r] = s.request_cost(r);
            s.unmet += s.req_cost[r];
            s.hist[m.group[r] as usize * (nb + 1) + s.hc[r] as usize] += 1;
        }
        for t in 0..nt {
            for b in 0..nb {
                s.viol[COVERAGE] += m.cov_viol(t, b, s.cov[t * nb + b]);
            }
        }
        for g in 0..5 {
            (s.spread_g[g], s.guide_g[g]) = s.group_spread(g);
            s.spread += s.spread_g[g];
            s.guide += s.guide_g[g];
        }
        s
    }

    pub fn hard(&self) -> i64 {
        self.viol.iter().sum()
    }

    pub fn objective(&self) -> i64 {
        self.unmet + self.m.w_pair * self.pairs + self.m.w_spread * self.spread
    }

    /// What the annealing minimises, in 1/ENERGY_SCALE objective units. Besides the
    /// penalised hard violations it counts, per PGY group with a heavy spread, the residents
    /// at the rarer extreme: the spread itself only drops when the last of them moves, and
    /// without this slope the search would see a plateau until then. With target levels
    /// set, the pull towards them is added.
    pub fn energy(&self, w_hard: i64) -> i64 {
        (w_hard * self.hard() + self.objective()) * ENERGY_SCALE
            + self.guide
            + self.w_dev * self.dev
    }

    /// Sets (or, with negative levels, clears) the target heavy count of each group and
    /// the weight of every resident's distance from it.
    pub fn set_target(&mut self, target: [i64; 5], weight: i64) {
        let m = self.m;
        self.target = target;
        self.w_dev = weight;
        self.dev = (0..m.nr).map(|r| self.distance(r)).sum();
    }

    /// How far resident `r`'s heavy count is from its group's target (0 without one).
    fn distance(&self, r: usize) -> i64 {
        let tg = self.target[self.m.group[r] as usize];
        if tg < 0 {
            0
        } else {
            (i64::from(self.hc[r]) - tg).abs()
        }
    }

    #[inline]
    pub fn at(&self, r: usize, b: usize) -> u16 {
        self.grid[r * self.m.nb + b]
    }

    fn heavy_at(&self, r: usize, b: usize) -> bool {
        self.m.is_heavy(self.at(r, b))
    }

    fn b2b_at(&self, r: usize, b: usize) -> i64 {
        let v = self.at(r, b);
        i64::from(v != LEAVE && self.m.nb2b[v as usize] && self.at(r, b + 1) == v)
    }

    fn pair_at(&self, r: usize, b: usize) -> i64 {
        i64::from(self.heavy_at(r, b) && self.heavy_at(r, b + 1))
    }

    /// 1 when blocks `j - h ..= j` are all heavy (one step of a too-long run).
    fn full_window(&self, r: usize, j: usize) -> i64 {
        i64::from((j - self.m.h..=j).all(|b| self.heavy_at(r, b)))
    }

    /// Sequence terms touching block `b`: (back-to-back, heavy windows, heavy pairs).
    fn local(&self, r: usize, b: usize) -> (i64, i64, i64) {
        let nb = self.m.nb;
        let (mut b2b, mut pairs) = (0, 0);
        if b > 0 {
            b2b += self.b2b_at(r, b - 1);
            pairs += self.pair_at(r, b - 1);
        }
        if b + 1 < nb {
            b2b += self.b2b_at(r, b);
            pairs += self.pair_at(r, b);
        }
        let h = self.m.h;
        let windows = (b.max(h)..=(b + h).min(nb - 1))
            .map(|j| self.full_window(r, j))
            .sum();
        (b2b, windows, pairs)
    }

    fn request_cost(&self, r: usize) -> i64 {
        let m = self.m;
        let mut c = 0;
        for q in &m.requests[r] {
            let met = match q.block {
                Some(b) => self.at(r, b as usize) == q.rot,
                None => self.cnt[r * m.nt + q.rot as usize] > 0,
            };
            if !met {
                c += q.weight;
            }
        }
        c
    }

    /// (max − min heavy count, residents at the rarer extreme or 0) of a group.
    fn group_spread(&self, g: usize) -> (i64, i64) {
        let nb = self.m.nb;
        let h = &self.hist[g * (nb + 1)..(g + 1) * (nb + 1)];
        match (
            h.iter().position(|&c| c > 0),
            h.iter().rposition(|&c| c > 0),
        ) {
            (Some(lo), Some(hi)) if hi > lo => ((hi - lo) as i64, i64::from(h[lo].min(h[hi]))),
            _ => (0, 0),
        }
    }

    /// Puts rotation `v` in a free cell, keeping every total exact.
    pub fn set(&mut self, r: usize, b: usize, v: u16) {
        let m = self.m;
        let (nb, nt) = (m.nb, m.nt);
        let old = self.grid[r * nb + b];
        if old == v {
            return;
        }
        let (b2b0, win0, pairs0) = self.local(r, b);
        let heavy0 = m.is_heavy(old);
        self.grid[r * nb + b] = v;
        for (t, add) in [(old, false), (v, true)] {
            if t == LEAVE {
                continue;
            }
            let t = t as usize;
            let ck = t * nb + b;
            let rk = r * nt + t;
            let (c0, n0) = (self.cov[ck], self.cnt[rk]);
            let (c1, n1) = if add {
                (c0 + 1, n0 + 1)
            } else {
                (c0 - 1, n0 - 1)
            };
            self.cov[ck] = c1;
            self.cnt[rk] = n1;
            self.viol[COVERAGE] += m.cov_viol(t, b, c1) - m.cov_viol(t, b, c0);
            if m.eligible[rk] {
                self.viol[REQUIREMENT] += m.req_viol(r, t, n1) - m.req_viol(r, t, n0);
            }
        }
        let (b2b1, win1, pairs1) = self.local(r, b);
        self.viol[BACK_TO_BACK] += b2b1 - b2b0;
        self.viol[HEAVY_RUN] += win1 - win0;
        self.pairs += pairs1 - pairs0;
        let heavy1 = m.is_heavy(v);
        if heavy0 != heavy1 {
            let g = m.group[r] as usize;
            self.dev -= self.distance(r);
            self.hist[g * (nb + 1) + self.hc[r] as usize] -= 1;
            if heavy1 {
                self.hc[r] += 1;
            } else {
                self.hc[r] -= 1;
            }
            self.hist[g * (nb + 1) + self.hc[r] as usize] += 1;
            self.dev += self.distance(r);
            let (s, guide) = self.group_spread(g);
            self.spread += s - self.spread_g[g];
            self.spread_g[g] = s;
            self.guide += guide - self.guide_g[g];
            self.guide_g[g] = guide;
        }
        if !m.requests[r].is_empty() {
            let c = self.request_cost(r);
            self.unmet += c - self.req_cost[r];
            self.req_cost[r] = c;
        }
    }

    /// Lowest and highest heavy count in the resident's PGY group.
    pub fn group_range(&self, r: usize) -> (u32, u32) {
        let nb = self.m.nb;
        let g = self.m.group[r] as usize;
        let h = &self.hist[g * (nb + 1)..(g + 1) * (nb + 1)];
        let lo = h.iter().position(|&c| c > 0).unwrap_or(0);
        let hi = h.iter().rposition(|&c| c > 0).unwrap_or(0);
        (lo as u32, hi as u32)
    }
}
