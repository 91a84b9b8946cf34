//! Rotation-scheduling solver: reads an instance (FORMAT.md), proves it infeasible in words
//! when simple counting shows it, or searches for the best schedule within a time limit.
//! Pure computation: no I/O, no async; std threads only.

pub mod check;
mod construct;
pub mod explain;
pub mod instance;
mod levels;
mod model;
mod moves;
mod pairs;
mod rules;
mod search;
mod solo;
pub mod solution;
mod spread;
mod state;
mod threads;
mod validate;

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

pub use check::{Objective, Rule, Verdict, Violation, check};
pub use instance::{Instance, InstanceError};
pub use solution::{Assignment, Cell, Grid, Solution};

use model::Model;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock limit from the start of `solve`; the best schedule so far is returned then.
    pub time_limit: Duration,
    pub seed: u64,
    /// Worker threads (0 is taken as 1).
    pub threads: usize,
    /// Total search iterations over all threads; with it, the result depends only on the
    /// seed, not on timing (unless the time limit or cancel comes first).
    pub max_iterations: Option<u64>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Duration::from_secs(10),
            seed: 0,
            threads: 2,
            max_iterations: None,
        }
    }
}

/// A strictly better feasible schedule, as it is found.
#[derive(Debug, Clone)]
pub struct Improvement {
    pub elapsed: Duration,
    pub objective: Objective,
    pub solution: Solution,
}

#[derive(Debug, Clone)]
pub enum SolveOutcome {
    /// The best feasible schedule found; `first_feasible` is when the first one was found.
    Solved {
        solution: Solution,
        objective: Objective,
        first_feasible: Duration,
        improvements: Vec<(Duration, Objective)>,
    },
    /// Proven infeasible; each reason names the rules that cannot all hold.
    Infeasible { reasons: Vec<String> },
    /// No feasible schedule found in time (not a proof that none exists); `reason` names
    /// the hard rule the search kept breaking.
    NotFound { elapsed: Duration, reason: String },
}

/// Solves `instance`, calling `on_improve` on this thread for each strictly better
/// feasible schedule. Returns promptly after `options.time_limit` or once `cancel` is set.
///
/// Every schedule handed out (to `on_improve` or in `Solved`) has passed [`check`] with no
/// violation. For a given seed and `max_iterations` (and a time limit that does not cut
/// the run short) the returned schedule is always the same, whatever the thread timing.
pub fn solve(
    instance: &Instance,
    options: &SolveOptions,
    cancel: &AtomicBool,
    on_improve: &mut dyn FnMut(&Improvement),
) -> Result<SolveOutcome, InstanceError> {
    let start = Instant::now();
    instance.validate()?;
    let reasons = explain::explain(instance);
    if !reasons.is_empty() {
        return Ok(SolveOutcome::Infeasible { reasons });
    }
    let model = Model::new(instance);
    let workers = options.threads.max(1);
    let budget = options
        .max_iterations
        .map_or(u64::MAX, |n| n.div_ceil(workers as u64).max(1));
    let stop = AtomicBool::new(false);
    let shared = threads::Shared {
        model: &model,
        seed: options.seed,
        start,
        stop: &stop,
        reported: AtomicI64::new(i64::MAX),
        exchange: threads::Exchange::new(workers),
        budget,
    };
    let (tx, rx) = mpsc::channel();
    let mut improvements = Vec::new();
    let mut first_feasible = None;
    let mut last_good: Option<Improvement> = None;
    let mut finals: Vec<Option<threads::Msg>> = (0..workers).map(|_| None).collect();
    std::thread::scope(|scope| {
        for id in 0..workers {
            let tx = tx.clone();
            let shared = &shared;
            scope.spawn(move || threads::worker(shared, id, tx));
        }
        drop(tx);
        let mut best_reported = i64::MAX;
        loop {
            if cancel.load(Ordering::Relaxed) || start.elapsed() >= options.time_limit {
                stop.store(true, Ordering::Relaxed);
            }
            let wait = options
                .time_limit
                .saturating_sub(start.elapsed())
                .min(Duration::from_millis(2));
            match rx.recv_timeout(wait.max(Duration::from_micros(100))) {
                Ok(threads::Msg::Improved {
                    elapsed,
                    objective,
                    grid,
                }) if objective < best_reported => {
                    best_reported = objective;
                    let solution = Solution::from_grid(instance, &model.to_grid(&grid));
                    let verdict = check(instance, &solution);
                    // The search's incremental counts say feasible; the independent
                    // checker has the last word, so a schedule it rejects is never shown.
                    if verdict.is_feasible() {
                        first_feasible.get_or_insert(elapsed);
                        improvements.push((elapsed, verdict.objective));
                        let imp = Improvement {
                            elapsed,
                            objective: verdict.objective,
                            solution,
                        };
                        on_improve(&imp);
                        last_good = Some(imp);
                    }
                }
                Ok(done @ threads::Msg::Done { .. }) => {
                    if let threads::Msg::Done { worker, .. } = done {
                        finals[worker] = Some(done);
                    }
                }
                Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });
    // Workers in index order, strictly lower objective wins: deterministic on ties.
    let mut best: Option<(i64, &Vec<u16>)> = None;
    let mut failed_last: Option<(&Vec<u16>, [i64; 4])> = None;
    for msg in finals.iter().flatten() {
        if let threads::Msg::Done {
            best: own,
            last,
            viol,
            ..
        } = msg
        {
            if let Some((obj, grid)) = own
                && best.is_none_or(|(b, _)| *obj < b)
            {
                best = Some((*obj, grid));
            }
            failed_last.get_or_insert((last, *viol));
        }
    }
    let chosen = best
        .map(|(_, grid)| Solution::from_grid(instance, &model.to_grid(grid)))
        .map(|solution| (check(instance, &solution), solution))
        .filter(|(verdict, _)| verdict.is_feasible())
        .map(|(verdict, solution)| (solution, verdict.objective))
        .or_else(|| last_good.map(|imp| (imp.solution, imp.objective)));
    if let Some((solution, objective)) = chosen {
        let first_feasible = first_feasible.unwrap_or_else(|| start.elapsed());
        return Ok(SolveOutcome::Solved {
            solution,
            objective,
            first_feasible,
            improvements,
        });
    }
    let reason = match failed_last {
        Some((grid, viol)) => explain::search_failure(instance, &model.to_grid(grid), viol),
        None => "the search was stopped before it could build a schedule".to_string(),
    };
    Ok(SolveOutcome::NotFound {
        elapsed: start.elapsed(),
        reason,
    })
}
