//! Level shifts for the heavy-count spread. A PGY group whose heavy counts differ by one
//! only loses its spread when every resident at one extreme moves, one heavy block at a
//! time, and each such block has to go to (or come from) someone: a resident of another
//! group, who then leaves that group's level, or a rotation with staff to spare. Single
//! annealing moves see a plateau (or a +spread barrier) on that path, so this compound
//! move walks it greedily to the end and keeps the result only when it pays.

use super::model::FREE;
use super::search::Search;
use rand::seq::SliceRandom;

/// Candidate transfers evaluated per step before the best one so far is taken.
const STEP_CAP: usize = 600;

/// One heavy block changing hands in block `b`: `from` loses it, `to` gains it; either
/// side may be a rotation with room instead of a resident (`None`).
#[derive(Clone, Copy)]
struct Transfer {
    from: Option<usize>,
    to: Option<usize>,
    b: usize,
    /// The rotation the single resident takes when the other side is a rotation.
    rot: u16,
}

impl Search<'_> {
    fn free_cell(&self, r: usize, b: usize) -> bool {
        self.s.m.fixed[r * self.s.m.nb + b] == FREE
    }

    /// Applies `t`; false (with nothing changed) if eligibility forbids it.
    fn apply_transfer(&mut self, t: Transfer) -> bool {
        let m = self.s.m;
        match (t.from, t.to) {
            (Some(f), Some(d)) => {
                let (a, c) = (self.s.at(f, t.b), self.s.at(d, t.b));
                if !m.eligible[f * m.nt + c as usize] || !m.eligible[d * m.nt + a as usize] {
                    return false;
                }
                self.put(f, t.b, c);
                self.put(d, t.b, a);
            }
            (Some(r), None) | (None, Some(r)) => self.put(r, t.b, t.rot),
            (None, None) => return false,
        }
        true
    }

    /// Transfers that move one heavy block from a resident of `srcs` (or from a rotation
    /// with staff to spare, when `srcs` is `None`) to one of `dsts` (or to spare room).
    fn candidates(&mut self, srcs: Option<&[usize]>, dsts: Option<&[usize]>) -> Vec<Transfer> {
        let m = self.s.m;
        let (nb, nt) = (m.nb, m.nt);
        let mut out = Vec::new();
        let spare_off = |s: &Self, b: usize, v: u16| {
            let k = v as usize * nb + b;
            s.s.cov[k] > m.cov_min[k]
        };
        let room_on = |s: &Self, b: usize, v: u16| {
            let k = v as usize * nb + b;
            s.s.cov[k] < m.cov_max[k]
        };
        match (srcs, dsts) {
            (Some(srcs), Some(dsts)) => {
                for &f in srcs {
                    for &b in &m.free_blocks[f] {
                        let b = b as usize;
                        if !m.is_heavy(self.s.at(f, b)) {
                            continue;
                        }
                        for &d in dsts {
                            if self.free_cell(d, b) && !m.is_heavy(self.s.at(d, b)) {
                                out.push(Transfer {
                                    from: Some(f),
                                    to: Some(d),
                                    b,
                                    rot: 0,
                                });
                            }
                        }
                    }
                }
            }
            (Some(rs), None) | (None, Some(rs)) => {
                let gain = srcs.is_none();
                for &r in rs {
                    for &b in &m.free_blocks[r] {
                        let b = b as usize;
                        let cur = self.s.at(r, b);
                        if m.is_heavy(cur) == gain || !spare_off(self, b, cur) {
                            continue;
                        }
                        for &t in &m.elig_list[r] {
                            let k = r * nt + t as usize;
                            if m.heavy[t as usize] == gain
                                && room_on(self, b, t)
                                && self.s.cnt[k] < m.req_max[k]
                            {
                                out.push(Transfer {
                                    from: (!gain).then_some(r),
                                    to: gain.then_some(r),
                                    b,
                                    rot: t,
                                });
                            }
                        }
                    }
                }
            }
            (None, None) => {}
        }
        out
    }

    /// The transfer (among at most `STEP_CAP` random ones) leaving the lowest energy with
    /// every hard rule kept; the state is unchanged on return.
    fn best_transfer(&mut self, mut cands: Vec<Transfer>) -> Option<Transfer> {
        cands.shuffle(&mut self.rng);
        cands.truncate(STEP_CAP);
        let mark = self.undo.len();
        let mut best: Option<(i64, Transfer)> = None;
        for t in cands {
            if self.apply_transfer(t) && self.s.hard() == 0 {
                let e = self.s.energy(self.w_hard);
                if best.is_none_or(|(be, _)| e < be) {
                    best = Some((e, t));
                }
            }
            self.rollback_to(mark);
        }
        best.map(|(_, t)| t)
    }

    /// Shifts the top (`down`) or bottom heavy level of group `g` by one, trading with the
    /// bottom (top) residents of group `partner` and then with spare rotation room.
    /// Leaves the moves applied (in `undo`); true if group `g` lost that level entirely.
    fn shift_level(&mut self, g: usize, down: bool, partner: Option<usize>) -> bool {
        let m = self.s.m;
        let mem = &m.members[g];
        let (lo, hi) = self.s.group_range(mem[0] as usize);
        let level = if down { hi } else { lo };
        let mut own: Vec<usize> = mem
            .iter()
            .map(|&r| r as usize)
            .filter(|&r| self.s.hc[r] == level)
            .collect();
        let mut other: Vec<usize> = match partner {
            Some(p) => {
                let pm = &m.members[p];
                let (plo, phi) = self.s.group_range(pm[0] as usize);
                let pl = if down { plo } else { phi };
                pm.iter()
                    .map(|&r| r as usize)
                    .filter(|&r| self.s.hc[r] == pl)
                    .collect()
            }
            None => Vec::new(),
        };
        while !own.is_empty() {
            let cands = match (down, other.is_empty()) {
                (true, false) => self.candidates(Some(&own), Some(&other)),
                (false, false) => self.candidates(Some(&other), Some(&own)),
                (true, true) => self.candidates(Some(&own), None),
                (false, true) => self.candidates(None, Some(&own)),
            };
            let Some(t) = self.best_transfer(cands) else {
                return false;
            };
            self.apply_transfer(t);
            let (mine, theirs) = if down { (t.from, t.to) } else { (t.to, t.from) };
            own.retain(|&r| Some(r) != mine);
            other.retain(|&r| Some(r) != theirs);
        }
        // A partner group left between two levels is finished with spare room, if it can be.
        while !other.is_empty() {
            let cands = if down {
                self.candidates(None, Some(&other))
            } else {
                self.candidates(Some(&other), None)
            };
            let Some(t) = self.best_transfer(cands) else {
                break;
            };
            self.apply_transfer(t);
            other.retain(|&r| Some(r) != t.to && Some(r) != t.from);
        }
        true
    }

    /// Every (group with a spread, direction, partner group or spare room), shuffled.
    fn shift_tries(&mut self) -> Vec<(usize, bool, Option<usize>)> {
        let m = self.s.m;
        let groups: Vec<usize> = (0..5).filter(|&g| m.members[g].len() > 1).collect();
        let mut tries = Vec::new();
        for &g in &groups {
            let (lo, hi) = self.s.group_range(m.members[g][0] as usize);
            if lo == hi {
                continue;
            }
            for down in [true, false] {
                tries.push((g, down, None));
                for &p in groups.iter().filter(|&&p| p != g) {
                    tries.push((g, down, Some(p)));
                }
            }
        }
        tries.shuffle(&mut self.rng);
        tries
    }

    /// Tries level shifts of groups with a spread, against each other group and spare
    /// room, in random order; keeps the first whose energy is below the current one plus
    /// `slack` (objective units) and returns true then. Needs a feasible current schedule.
    pub(crate) fn flatten(&mut self, slack: i64, max_tries: usize) -> bool {
        if self.s.hard() != 0 || self.s.spread == 0 {
            return false;
        }
        let tries = self.shift_tries();
        let before = self.s.energy(self.w_hard);
        let limit = before + slack * super::state::ENERGY_SCALE;
        for &(g, down, p) in tries.iter().take(max_tries) {
            self.undo.clear();
            if self.shift_level(g, down, p)
                && self.s.hard() == 0
                && self.s.energy(self.w_hard) < limit
            {
                self.undo.clear();
                return true;
            }
            self.rollback_to(0);
        }
        self.undo.clear();
        false
    }
}
