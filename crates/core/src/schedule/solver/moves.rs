//! The annealing moves. Coverage is tight and yearly counts couple a resident's blocks, so
//! besides single-cell changes most moves exchange cells between two residents (keeping
//! coverage), and some aim straight at an unmet request or at the heavy-count spread.

use super::model::FREE;
use super::search::Search;
use rand::Rng;

/// Order of the move kinds in `Mix`.
const CHANGE: usize = 0;
const SWAP: usize = 1;
const EXCHANGE2: usize = 2;
const ROW: usize = 3;
const REQUEST: usize = 4;
const SPREAD: usize = 5;

impl Search<'_> {
    fn free_block_of(&mut self, r: usize) -> Option<usize> {
        let fb = &self.s.m.free_blocks[r];
        if fb.is_empty() {
            return None;
        }
        Some(fb[self.rng.random_range(0..fb.len())] as usize)
    }

    fn is_free(&self, r: usize, b: usize) -> bool {
        self.s.m.fixed[r * self.s.m.nb + b] == FREE
    }

    /// Residents `r1` and `r2` exchange their cells in block `b`; false if not allowed.
    fn swap_cells(&mut self, r1: usize, r2: usize, b: usize) -> bool {
        let m = self.s.m;
        let (a, c) = (self.s.at(r1, b), self.s.at(r2, b));
        if r1 == r2 || !self.is_free(r1, b) || !self.is_free(r2, b) {
            return false;
        }
        if a == c {
            return true;
        }
        if !m.eligible[r1 * m.nt + c as usize] || !m.eligible[r2 * m.nt + a as usize] {
            return false;
        }
        self.put(r1, b, c);
        self.put(r2, b, a);
        true
    }

    /// A random free resident in block `b` other than `r`.
    fn other_in_block(&mut self, r: usize, b: usize) -> Option<usize> {
        let fr = &self.s.m.free_residents[b];
        let r2 = fr[self.rng.random_range(0..fr.len())] as usize;
        (r2 != r).then_some(r2)
    }

    /// Applies a random move; false when the sampled move was void or not allowed
    /// (the caller then rolls back whatever part of it was applied).
    pub(crate) fn propose(&mut self) -> bool {
        let m = self.s.m;
        let r = self.rng.random_range(0..m.nr);
        let total: u32 = self.mix.0.iter().sum();
        let mut roll = self.rng.random_range(0..total.max(1));
        let mut kind = 0;
        while kind + 1 < self.mix.0.len() && roll >= self.mix.0[kind] {
            roll -= self.mix.0[kind];
            kind += 1;
        }
        match kind {
            REQUEST => return self.request_move(r),
            SPREAD => return self.spread_move(r),
            CHANGE..=ROW => {}
            _ => return self.chain_move(r),
        }
        let Some(b) = self.free_block_of(r) else {
            return false;
        };
        let cur = self.s.at(r, b);
        match kind {
            CHANGE => {
                let el = &m.elig_list[r];
                let t = el[self.rng.random_range(0..el.len())];
                if t == cur {
                    return false;
                }
                self.put(r, b, t);
                true
            }
            SWAP => {
                let Some(r2) = self.other_in_block(r, b) else {
                    return false;
                };
                self.s.at(r2, b) != cur && self.swap_cells(r, r2, b)
            }
            EXCHANGE2 => {
                let Some(r2) = self.other_in_block(r, b) else {
                    return false;
                };
                let Some(b2) = self.free_block_of(r) else {
                    return false;
                };
                b2 != b
                    && self.swap_cells(r, r2, b)
                    && self.swap_cells(r, r2, b2)
                    && !self.undo.is_empty()
            }
            _ => {
                let Some(b2) = self.free_block_of(r) else {
                    return false;
                };
                let c = self.s.at(r, b2);
                if c == cur {
                    return false;
                }
                self.put(r, b, c);
                self.put(r, b2, cur);
                true
            }
        }
    }

    /// Works on one of `r`'s unmet requests: take the rotation directly, or swap it in from
    /// a resident who has it then, optionally exchanging back elsewhere to keep counts.
    fn request_move(&mut self, r: usize) -> bool {
        let m = self.s.m;
        let reqs = &m.requests[r];
        if reqs.is_empty() {
            return false;
        }
        let q = reqs[self.rng.random_range(0..reqs.len())];
        let t = q.rot;
        let b = match q.block {
            Some(b) => b as usize,
            None => {
                if self.s.cnt[r * m.nt + t as usize] > 0 {
                    return false;
                }
                let Some(b) = self.free_block_of(r) else {
                    return false;
                };
                b
            }
        };
        let cur = self.s.at(r, b);
        if cur == t || !self.is_free(r, b) || !m.eligible[r * m.nt + t as usize] {
            return false;
        }
        let roll = self.rng.random_range(0..4u32);
        if roll == 0 {
            self.put(r, b, t);
            return true;
        }
        let fr = &m.free_residents[b];
        let start = self.rng.random_range(0..fr.len());
        let holder = (0..fr.len())
            .map(|k| fr[(start + k) % fr.len()] as usize)
            .find(|&r2| self.s.at(r2, b) == t && m.eligible[r2 * m.nt + cur as usize]);
        let Some(r2) = holder else {
            self.put(r, b, t);
            return true;
        };
        if !self.swap_cells(r, r2, b) {
            return false;
        }
        if roll == 1 {
            return true;
        }
        // Exchange back in another block, preferably one that restores both yearly counts.
        let fb = &m.free_blocks[r];
        let start = self.rng.random_range(0..fb.len());
        let mut pick = None;
        for k in 0..fb.len() {
            let b2 = fb[(start + k) % fb.len()] as usize;
            if b2 == b || !self.is_free(r2, b2) || q.block.is_none() && self.s.at(r, b2) == t {
                continue;
            }
            let exact = self.s.at(r, b2) == t && self.s.at(r2, b2) == cur;
            if exact || pick.is_none() {
                pick = Some(b2);
            }
            if exact {
                break;
            }
        }
        match pick {
            Some(b2) => self.swap_cells(r, r2, b2),
            None => true,
        }
    }

    /// After a cell of block `b` left rotation `lost`: if that broke its minimum staffing,
    /// moves another resident onto it from a rotation with staff to spare (one whose
    /// heaviness matches, when `same_heaviness`, so no heavy count changes).
    fn refill(&mut self, b: usize, lost: u16, same_heaviness: bool) {
        let m = self.s.m;
        let (nb, nt) = (m.nb, m.nt);
        let lost_us = lost as usize;
        if self.s.cov[lost_us * nb + b] >= m.cov_min[lost_us * nb + b] {
            return;
        }
        let fr = &m.free_residents[b];
        let start = self.rng.random_range(0..fr.len());
        let found = (0..fr.len())
            .map(|k| fr[(start + k) % fr.len()] as usize)
            .find(|&r2| {
                let u = self.s.at(r2, b) as usize;
                u != lost_us
                    && m.eligible[r2 * nt + lost_us]
                    && self.s.cov[u * nb + b] > m.cov_min[u * nb + b]
                    && (!same_heaviness || m.heavy[u] == m.heavy[lost_us])
            });
        if let Some(r2) = found {
            self.put(r2, b, lost);
        }
    }

    /// A cell change whose vacancy, if any, is filled from a rotation with spare staff.
    fn chain_move(&mut self, r: usize) -> bool {
        let m = self.s.m;
        let Some(b) = self.free_block_of(r) else {
            return false;
        };
        let cur = self.s.at(r, b);
        let el = &m.elig_list[r];
        let t = el[self.rng.random_range(0..el.len())];
        if t == cur || self.s.cov[t as usize * m.nb + b] >= m.cov_max[t as usize * m.nb + b] {
            return false;
        }
        self.put(r, b, t);
        self.refill(b, cur, false);
        true
    }

    /// With a spread of one, gives a resident at the rarer extreme one heavy block more or
    /// less by a change in a block where the rotation it takes has room.
    fn nudge_heavy(&mut self, r: usize, up: bool) -> bool {
        let m = self.s.m;
        let Some(b) = self.free_block_of(r) else {
            return false;
        };
        let cur = self.s.at(r, b);
        if m.is_heavy(cur) == up {
            return false;
        }
        let el = &m.elig_list[r];
        let start = self.rng.random_range(0..el.len());
        let pick = (0..el.len())
            .map(|k| el[(start + k) % el.len()])
            .find(|&t| {
                let k = t as usize * m.nb + b;
                m.heavy[t as usize] == up && self.s.cov[k] < m.cov_max[k]
            });
        let Some(t) = pick else { return false };
        self.put(r, b, t);
        self.refill(b, cur, true);
        true
    }

    /// Moves a heavy block from a resident at the top of its PGY's heavy counts to one at
    /// the bottom, by a swap within one block.
    fn spread_move(&mut self, r: usize) -> bool {
        let m = self.s.m;
        let (lo, hi) = self.s.group_range(r);
        let h = self.s.hc[r];
        if hi == lo || (h != lo && h != hi) {
            return false;
        }
        if hi == lo + 1 {
            return self.nudge_heavy(r, h == lo);
        }
        let mem = &m.members[m.group[r] as usize];
        let start = self.rng.random_range(0..mem.len());
        let want = if h == hi { lo } else { hi };
        let Some(r2) = (0..mem.len())
            .map(|k| mem[(start + k) % mem.len()] as usize)
            .find(|&x| self.s.hc[x] == want)
        else {
            return false;
        };
        let (from, to) = if h == hi { (r, r2) } else { (r2, r) };
        let fb = &m.free_blocks[from];
        let start = self.rng.random_range(0..fb.len().max(1));
        for k in 0..fb.len() {
            let b = fb[(start + k) % fb.len()] as usize;
            if m.is_heavy(self.s.at(from, b))
                && !m.is_heavy(self.s.at(to, b))
                && self.swap_cells(from, to, b)
            {
                return true;
            }
        }
        false
    }
}
