//! Parallel search: each worker thread runs its own seeded construction and annealing in
//! epochs of a fixed number of iterations; at each epoch boundary all workers meet and
//! adopt the best schedule found so far (all but a long-stalled explorer searching alone,
//! see `solo.rs`). Exchanging only there keeps a run deterministic for a given seed and
//! iteration budget, whatever the thread timing.

use super::construct::construct;
use super::levels;
use super::model::Model;
use super::search::{Mix, Search};
use super::solo::{Solo, Step};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

type Best = Option<(i64, Vec<u16>)>;

/// What a worker tells the coordinating thread.
pub(crate) enum Msg {
    /// A feasible schedule better than any reported before (by any worker).
    Improved {
        elapsed: Duration,
        objective: i64,
        grid: Vec<u16>,
    },
    /// The worker stopped: its best feasible schedule, and its last schedule with the
    /// violation amounts it still had (for explaining a failure).
    Done {
        worker: usize,
        best: Best,
        last: Vec<u16>,
        viol: [i64; 4],
    },
}

struct Slots {
    generation: u64,
    arrived: usize,
    offers: Vec<Best>,
    result: Best,
}

/// Meeting point of the workers at epoch boundaries.
pub(crate) struct Exchange {
    slots: Mutex<Slots>,
    cv: Condvar,
    workers: usize,
}

impl Exchange {
    pub fn new(workers: usize) -> Exchange {
        let slots = Slots {
            generation: 0,
            arrived: 0,
            offers: vec![None; workers],
            result: None,
        };
        Exchange {
            slots: Mutex::new(slots),
            cv: Condvar::new(),
            workers,
        }
    }

    /// Offers this worker's best and waits for the others; returns the best of all
    /// (lowest objective, then lowest worker index), or `None` once `stop` is set.
    fn meet(&self, worker: usize, offer: &Best, stop: &AtomicBool) -> Option<Best> {
        let mut g = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let generation = g.generation;
        g.offers[worker] = offer.clone();
        g.arrived += 1;
        if g.arrived == self.workers {
            let best = g
                .offers
                .iter()
                .enumerate()
                .filter_map(|(i, o)| o.as_ref().map(|(obj, _)| (*obj, i)))
                .min()
                .and_then(|(_, i)| g.offers[i].clone());
            g.result = best;
            g.arrived = 0;
            g.generation += 1;
            self.cv.notify_all();
            return Some(g.result.clone());
        }
        while g.generation == generation {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let (ng, _) = self
                .cv
                .wait_timeout(g, Duration::from_millis(5))
                .unwrap_or_else(|e| e.into_inner());
            g = ng;
        }
        Some(g.result.clone())
    }
}

/// Everything a worker shares with the others and with the coordinator.
pub(crate) struct Shared<'a> {
    pub model: &'a Model,
    pub seed: u64,
    pub start: Instant,
    pub stop: &'a AtomicBool,
    /// Lowest objective reported so far, so that only real improvements are sent.
    pub reported: AtomicI64,
    pub exchange: Exchange,
    /// Iterations each worker may run in total (`u64::MAX` when only time limits apply).
    pub budget: u64,
}

/// Penalty per unit of hard violation once feasible: above any single objective gain
/// (10 for a first-rank request), so broken rules are only passed through, never kept.
const W_HARD: i64 = 24;
/// While still infeasible the objective barely matters.
const W_REPAIR: i64 = 1000;
const REPAIR_MIX: Mix = Mix([80, 80, 30, 20, 0, 0, 46]);
const OPT_MIX: Mix = Mix([40, 60, 50, 26, 50, 30, 30]);
/// Start temperatures (objective units) of the even and odd workers, and the end one.
/// Low on purpose: the compound moves do the exploring, and hotter runs measured worse.
const HOT: [f64; 2] = [1.0, 0.5];
const COLD: f64 = 0.1;
/// Level shifts tried after each epoch: rounds, attempts per round, and how much worse
/// (objective units) an explorer may end up, for the next epoch to repair.
const FLATTEN_ROUNDS: usize = 4;
const FLATTEN_TRIES: usize = 24;
const FLATTEN_SLACK: i64 = 3;
/// Exact pair exchanges tried after each epoch.
const PAIR_TRIES: usize = 30;
/// Repair chunks without a new least violation before the repair starts over.
const RESTART_CHUNKS: u32 = 100;
/// Meetings without progress before the odd workers heat up a step.
const STALE_STEP: u32 = 4;

/// Meetings without progress before the odd workers anneal towards target heavy levels
/// (see `levels.rs`): a new target every `TARGET_CYCLE` epochs, pulled towards in the
/// first `TARGET_EPOCHS` of them; the last one polishes the outcome without a pull.
const TARGET_STALE: u32 = 2;
const TARGET_CYCLE: u64 = 3;
const TARGET_EPOCHS: u64 = 2;

/// Iterations between meetings: long enough for a cooling run to settle.
pub(crate) fn epoch_len(m: &Model) -> u64 {
    (m.nr * m.nb * 40).clamp(20_000, 400_000) as u64
}

/// One worker: construct, repair, then anneal in epochs until the budget or `stop`.
pub(crate) fn worker(sh: &Shared, id: usize, tx: Sender<Msg>) {
    let m = sh.model;
    let seed = sh.seed ^ (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let grid = construct(m, &mut rng);
    let mut se = Search::new(m, grid, rng, W_REPAIR, REPAIR_MIX);
    let mut report = |objective: i64, grid: &[u16]| {
        if sh.reported.fetch_min(objective, Ordering::AcqRel) > objective {
            let elapsed = sh.start.elapsed();
            let _ = tx.send(Msg::Improved {
                elapsed,
                objective,
                grid: grid.to_vec(),
            });
        }
    };
    if let Some((obj, g)) = &se.best {
        report(*obj, g);
    }
    let len = epoch_len(m);
    // Odd workers explore (cooler start, heating when stuck), even ones polish the best.
    let explorer = id % 2 == 1;
    let (mut used, mut epoch) = (0u64, 0u64);
    // Meetings since the shared best last improved; the same count in every worker.
    let (mut stale, mut last_shared) = (0u32, i64::MAX);
    let (mut least_hard, mut stalled, mut since) = (i64::MAX, 0u32, 0u32);
    let supply = levels::heavy_supply(m);
    let mut target = [-1i64; 5];
    // A long-stalled explorer searches alone (see `solo.rs`); its own progress then sets
    // how hot it runs.
    let mut solo = Solo::new();
    while used < sh.budget && !sh.stop.load(Ordering::Relaxed) {
        let iters = len.min(sh.budget - used);
        let mut left = iters;
        // Repair in small chunks so that the first feasible schedule is reported at once.
        // Descend while that helps; once stuck, heat up enough to climb out of the
        // local minimum (a violation then costs a few temperatures, not hundreds).
        while left > 0 && se.best.is_none() && !sh.stop.load(Ordering::Relaxed) {
            let chunk = left.min(2_000);
            let w = W_REPAIR as f64;
            let (t0, t1) = if stalled >= 5 {
                (0.5 * w, 0.1 * w)
            } else {
                (0.6, 0.3)
            };
            se.anneal(chunk, t0, t1, sh.stop, &mut report);
            left -= chunk;
            let hard = se.s.hard();
            if hard < least_hard {
                (least_hard, stalled, since) = (hard, 0, 0);
            } else {
                stalled = (stalled + 1) % 10;
                since += 1;
            }
            // A repair that has stopped making progress starts over from a new schedule.
            if since >= RESTART_CHUNKS {
                let mut rng = se.rng.clone();
                let grid = construct(m, &mut rng);
                se = Search::new(m, grid, rng, W_REPAIR, REPAIR_MIX);
                (least_hard, stalled, since) = (i64::MAX, 0, 0);
            }
        }
        let lull = if solo.active() { solo.stale() } else { stale };
        if left > 0 && se.best.is_some() {
            se.w_hard = W_HARD;
            se.mix = OPT_MIX;
            // The longer nothing improves, the hotter the odd workers start, to leave the
            // basin everyone is stuck in; the even ones keep polishing the best.
            let hot = HOT[usize::from(explorer)]
                * if explorer {
                    f64::from(1 + (lull / STALE_STEP).min(4))
                } else {
                    1.0
                };
            let t0 = if epoch.is_multiple_of(4) {
                hot
            } else {
                hot / 2.0
            };
            // A stuck explorer tries other heavy levels per group than the ones it sits at.
            let phase = epoch % TARGET_CYCLE;
            if explorer && lull >= TARGET_STALE && phase < TARGET_EPOCHS {
                if phase == 0
                    && let Some(t) = levels::pick(&se.s, &mut se.rng, supply, target)
                {
                    target = t;
                }
                se.s.set_target(target, levels::PULL);
            }
            se.anneal(left, t0, COLD, sh.stop, &mut report);
            se.s.set_target([-1; 5], 0);
            // Then level shifts for the heavy spread, which single moves rarely complete.
            let slack = if explorer { FLATTEN_SLACK } else { 0 };
            for _ in 0..FLATTEN_ROUNDS {
                if sh.stop.load(Ordering::Relaxed) || !se.flatten(slack, FLATTEN_TRIES) {
                    break;
                }
                if se.note_best()
                    && let Some((obj, g)) = &se.best
                {
                    report(*obj, g);
                }
            }
            if se.pair_polish(PAIR_TRIES)
                && se.note_best()
                && let Some((obj, g)) = &se.best
            {
                report(*obj, g);
            }
        }
        used += iters;
        epoch += 1;
        let Some(shared_best) = sh.exchange.meet(id, &se.best, sh.stop) else {
            break;
        };
        if let Some((obj, g)) = shared_best {
            if obj < last_shared {
                (last_shared, stale) = (obj, 0);
            } else {
                stale += 1;
            }
            if explorer {
                match solo.step(stale, se.best.as_ref().map(|(o, _)| *o), obj) {
                    Step::Follow => {}
                    Step::Keep => continue,
                    Step::Restart => {
                        let mut rng = se.rng.clone();
                        let grid = construct(m, &mut rng);
                        se = Search::new(m, grid, rng, W_REPAIR, REPAIR_MIX);
                        (least_hard, stalled, since) = (i64::MAX, 0, 0);
                        continue;
                    }
                }
            }
            // Adopt a better schedule at once, and even an equal one every other epoch
            // so that the workers keep searching near the best known.
            let own = se.best.as_ref().map(|(o, _)| *o);
            let adopt_equal = epoch.is_multiple_of(2) && (!explorer || stale < STALE_STEP);
            if own.is_none_or(|o| obj < o) || se.s.hard() > 0 || adopt_equal {
                se.reset_to(&g);
                se.best = Some((obj, g));
            }
        }
    }
    let done = Msg::Done {
        worker: id,
        best: se.best.clone(),
        last: se.s.grid.clone(),
        viol: se.s.viol,
    };
    let _ = tx.send(done);
}
