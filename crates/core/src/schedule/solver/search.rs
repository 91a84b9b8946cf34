//! Simulated annealing over whole schedules with hard rules as weighted penalties, so a
//! compound move may pass through an infeasible schedule; the best feasible one is kept.
//! Driven only by its seeded RNG, so a run is reproducible.

use super::model::Model;
use super::state::{ENERGY_SCALE, State};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::sync::atomic::{AtomicBool, Ordering};

/// Relative frequency of each move kind (see `moves.rs` for the order).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mix(pub [u32; 7]);

pub(crate) struct Search<'m> {
    pub s: State<'m>,
    pub rng: ChaCha8Rng,
    /// Cells changed by the move under evaluation, with their old value, for undo.
    pub(super) undo: Vec<(u32, u16, u16)>,
    pub w_hard: i64,
    pub mix: Mix,
    /// Best feasible schedule seen: (objective, grid).
    pub best: Option<(i64, Vec<u16>)>,
    pub iterations: u64,
}

impl<'m> Search<'m> {
    pub fn new(m: &'m Model, grid: Vec<u16>, rng: ChaCha8Rng, w_hard: i64, mix: Mix) -> Search<'m> {
        let s = State::new(m, grid);
        let mut se = Search {
            s,
            rng,
            undo: Vec::new(),
            w_hard,
            mix,
            best: None,
            iterations: 0,
        };
        se.note_best();
        se
    }

    /// Records the current schedule when it is feasible and better than the best; true if so.
    pub(super) fn note_best(&mut self) -> bool {
        if self.s.hard() != 0 {
            return false;
        }
        let obj = self.s.objective();
        if self.best.as_ref().is_some_and(|(b, _)| *b <= obj) {
            return false;
        }
        self.best = Some((obj, self.s.grid.clone()));
        true
    }

    /// Moves the search to a given schedule (e.g. the best one shared between threads).
    pub fn reset_to(&mut self, grid: &[u16]) {
        self.s = State::new(self.s.m, grid.to_vec());
        self.note_best();
    }

    pub(super) fn put(&mut self, r: usize, b: usize, v: u16) {
        let old = self.s.at(r, b);
        self.undo.push((r as u32, b as u16, old));
        self.s.set(r, b, v);
    }

    fn rollback(&mut self) {
        self.rollback_to(0);
    }

    /// Undoes the recorded changes after the first `mark` ones.
    pub(super) fn rollback_to(&mut self, mark: usize) {
        while self.undo.len() > mark {
            if let Some((r, b, v)) = self.undo.pop() {
                self.s.set(r as usize, b as usize, v);
            }
        }
    }

    /// Runs `iters` annealing steps cooling geometrically from `t0` to `t1`, stopping early
    /// when `stop` is set. Calls `on_best` with each new best feasible schedule.
    pub fn anneal(
        &mut self,
        iters: u64,
        t0: f64,
        t1: f64,
        stop: &AtomicBool,
        on_best: &mut dyn FnMut(i64, &[u16]),
    ) -> u64 {
        let factor = if iters > 1 {
            (t1 / t0).powf(1.0 / iters as f64)
        } else {
            1.0
        };
        let mut temp = t0;
        let mut done = 0;
        while done < iters {
            if done % 512 == 0 && stop.load(Ordering::Relaxed) {
                break;
            }
            done += 1;
            temp *= factor;
            let before = self.s.energy(self.w_hard);
            self.undo.clear();
            if !self.propose() {
                self.rollback();
                continue;
            }
            let delta = self.s.energy(self.w_hard) - before;
            let accept = delta <= 0
                || self.rng.random::<f64>()
                    < (-(delta as f64) / (temp * ENERGY_SCALE as f64)).exp();
            if !accept {
                self.rollback();
            } else if self.s.viol == [0; 4]
                && self.note_best()
                && let Some((obj, grid)) = &self.best
            {
                on_best(*obj, grid);
            }
        }
        self.iterations += done;
        done
    }
}
