//! Exact pair exchange: two residents of the same PGY (same eligibility and yearly
//! bounds) swap any subset of a few blocks, which keeps coverage. Every subset is visited
//! in Gray-code order (one swap per step), so re-balancing several yearly counts at once,
//! which single annealing moves have to pass through broken rules for, is found directly.

use super::model::FREE;
use super::search::Search;
use rand::Rng;
use rand::seq::SliceRandom;

/// Blocks whose subsets are enumerated (2^BITS schedules per pair).
const BITS: usize = 10;

impl Search<'_> {
    fn swap_pair(&mut self, r1: usize, r2: usize, b: usize) {
        let (a, c) = (self.s.at(r1, b), self.s.at(r2, b));
        self.s.set(r1, b, c);
        self.s.set(r2, b, a);
    }

    /// Best subset swap for one pair; true (and applied) if it lowers the energy.
    fn pair_exchange(&mut self, r1: usize, r2: usize) -> bool {
        let m = self.s.m;
        let nb = m.nb;
        let mut blocks: Vec<usize> = (0..nb)
            .filter(|&b| {
                m.fixed[r1 * nb + b] == FREE
                    && m.fixed[r2 * nb + b] == FREE
                    && self.s.at(r1, b) != self.s.at(r2, b)
            })
            .collect();
        if blocks.is_empty() {
            return false;
        }
        blocks.shuffle(&mut self.rng);
        // Requested blocks of either resident first: they are where the gain usually is.
        let requested = |b: usize| {
            [r1, r2]
                .iter()
                .any(|&r| m.requests[r].iter().any(|q| q.block == Some(b as u16)))
        };
        blocks.sort_by_key(|&b| !requested(b));
        blocks.truncate(BITS);
        let k = blocks.len();
        let start = self.s.energy(self.w_hard);
        let (mut best, mut best_code) = (start, 0usize);
        let mut code = 0usize;
        for i in 1..(1usize << k) {
            let j = i.trailing_zeros() as usize;
            self.swap_pair(r1, r2, blocks[j]);
            code ^= 1 << j;
            if self.s.hard() == 0 {
                let e = self.s.energy(self.w_hard);
                if e < best {
                    (best, best_code) = (e, code);
                }
            }
        }
        // Go from the last visited subset to the best one.
        for (j, &b) in blocks.iter().enumerate() {
            if (code ^ best_code) & (1 << j) != 0 {
                self.swap_pair(r1, r2, b);
            }
        }
        best < start
    }

    /// Tries `pairs` pair exchanges, each for a resident with an unmet request (or any,
    /// when none has one) and a random resident of the same PGY; true if any improved.
    pub(crate) fn pair_polish(&mut self, pairs: usize) -> bool {
        let m = self.s.m;
        if self.s.hard() != 0 {
            return false;
        }
        let wanting: Vec<usize> = (0..m.nr).filter(|&r| self.s.req_cost[r] > 0).collect();
        let mut improved = false;
        for _ in 0..pairs {
            let r1 = if wanting.is_empty() {
                self.rng.random_range(0..m.nr)
            } else {
                wanting[self.rng.random_range(0..wanting.len())]
            };
            let mem = &m.members[m.group[r1] as usize];
            let r2 = mem[self.rng.random_range(0..mem.len())] as usize;
            if r2 != r1 {
                improved |= self.pair_exchange(r1, r2);
            }
        }
        improved
    }
}
