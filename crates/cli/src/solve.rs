//! `rotunda schedule solve` and `rotunda bench schedule`: the solver on instance files, no
//! database involved. Every schedule written or counted is checked with the rules of verify.py.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use rotunda_core::schedule::solver::{self, Instance, SolveOptions, SolveOutcome};
use rotunda_core::{Error, Result};

use crate::output;

fn read_instance(path: &Path) -> Result<Instance> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::invalid(
            "instance",
            format!("{} cannot be read: {e}", path.display()),
        )
    })?;
    Instance::from_json(&text)
        .map_err(|e| Error::invalid("instance", format!("{}: {e}", path.display())))
}

fn options(time_limit: f64, seed: u64) -> Result<SolveOptions> {
    if !(time_limit.is_finite() && time_limit > 0.0) {
        return Err(Error::invalid(
            "timeLimit",
            "The time limit is a number of seconds above 0",
        ));
    }
    Ok(SolveOptions {
        time_limit: Duration::from_secs_f64(time_limit),
        seed,
        threads: 2,
        max_iterations: None,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn solve(json: bool, instance: &Path, out: &Path, time_limit: f64, seed: u64) -> Result<()> {
    let inst = read_instance(instance)?;
    let options = options(time_limit, seed)?;
    let mut on_improve = |i: &solver::Improvement| {
        if !json {
            println!("{:>9.1} ms  objective {}", ms(i.elapsed), i.objective.total);
        }
    };
    let outcome = solver::solve(&inst, &options, &AtomicBool::new(false), &mut on_improve)
        .map_err(|e| Error::invalid("instance", e.to_string()))?;
    match outcome {
        SolveOutcome::Solved {
            solution,
            objective,
            first_feasible,
            improvements,
        } => {
            let verdict = solver::check(&inst, &solution);
            if !verdict.is_feasible() {
                return Err(Error::conflict(format!(
                    "The solver's schedule breaks a rule ({}); it was not written",
                    verdict.violations[0].message
                )));
            }
            let text = serde_json::to_string_pretty(&solution).map_err(|e| {
                Error::io(
                    "The solution could not be written",
                    std::io::Error::other(e),
                )
            })?;
            rotunda_core::files::write_export(out, text.as_bytes())?;
            if json {
                output::json(&serde_json::json!({
                    "out": out.display().to_string(),
                    "firstFeasibleMs": ms(first_feasible),
                    "objective": objective.total,
                    "unmetRequests": objective.unmet_requests,
                    "heavyPairs": objective.heavy_pairs,
                    "heavySpread": objective.heavy_spread,
                    "improvements": improvements.iter().map(|(t, o)| serde_json::json!({"ms": ms(*t), "objective": o.total})).collect::<Vec<_>>(),
                }));
            } else {
                println!(
                    "First feasible schedule after {:.1} ms; best objective {} (unmet requests {}, heavy pairs {}, heavy spread {}). Wrote {}.",
                    ms(first_feasible),
                    objective.total,
                    objective.unmet_requests,
                    objective.heavy_pairs,
                    objective.heavy_spread,
                    out.display()
                );
            }
            Ok(())
        }
        SolveOutcome::Infeasible { reasons } => Err(Error::invalid(
            "instance",
            format!("No schedule exists: {}", reasons.join("; ")),
        )),
        SolveOutcome::NotFound { elapsed, reason } => Err(Error::conflict(format!(
            "No schedule found in {:.1} s (this does not prove none exists): {reason}",
            elapsed.as_secs_f64()
        ))),
    }
}

/// CP-SAT's first-feasible time (s) and objective at 60 s per instance, from RESULTS.md's table.
fn reference(dir: &Path) -> Vec<(String, f64, Option<i64>)> {
    let Some(text) = dir
        .parent()
        .and_then(|p| std::fs::read_to_string(p.join("RESULTS.md")).ok())
    else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let first: f64 = cells.get(1)?.parse().ok()?;
            Some((cells[0].to_string(), first, cells.get(4)?.parse().ok()))
        })
        .collect()
}

pub fn bench(json: bool, dir: &Path, time_limit: f64, seed: u64) -> Result<()> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::invalid("dir", format!("{} cannot be read: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort_by_key(|p| {
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let size = ["small", "medium-", "medium26", "large", "xl"]
            .iter()
            .position(|k| name.starts_with(k))
            .unwrap_or(9);
        (size, name)
    });
    if files.is_empty() {
        return Err(Error::invalid(
            "dir",
            format!("{} holds no .json instance", dir.display()),
        ));
    }
    let refs = reference(dir);
    let options = options(time_limit, seed)?;
    let mut rows = Vec::new();
    if !json {
        println!(
            "{:<12} {:>11} {:>8} {:>9} {:>10} | {:>11} {:>10} | goals",
            "instance",
            "first (ms)",
            "obj@1s",
            format!("obj@{time_limit}s"),
            "verify",
            "CP-SAT 1st",
            "CP-SAT@60",
        );
    }
    for file in files {
        let inst = read_instance(&file)?;
        let name = if inst.name.is_empty() {
            file.file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default()
        } else {
            inst.name.clone()
        };
        let outcome = solver::solve(&inst, &options, &AtomicBool::new(false), &mut |_| {})
            .map_err(|e| Error::invalid("instance", format!("{name}: {e}")))?;
        let (first, at1, last, verdict) = match &outcome {
            SolveOutcome::Solved {
                solution,
                first_feasible,
                improvements,
                ..
            } => {
                let verdict = solver::check(&inst, solution);
                let at1 = improvements
                    .iter()
                    .take_while(|(t, _)| *t <= Duration::from_secs(1))
                    .last()
                    .map(|(_, o)| o.total);
                let status = if verdict.is_feasible() {
                    "feasible"
                } else {
                    "INFEASIBLE"
                };
                (
                    Some(ms(*first_feasible)),
                    at1,
                    Some(verdict.objective.total),
                    status,
                )
            }
            _ => (None, None, None, "none found"),
        };
        let reference = refs.iter().find(|(n, _, _)| *n == name);
        let goals = match (reference, first, last) {
            (Some((_, cp_first, Some(cp60))), Some(f), Some(o)) => {
                let fast = f <= cp_first * 100.0;
                let good = o <= *cp60;
                format!(
                    "{} {}",
                    if fast { "fast" } else { "SLOW" },
                    if good { "good" } else { "WORSE" }
                )
            }
            _ => "-".into(),
        };
        let show = |v: Option<i64>| v.map_or("-".to_string(), |v| v.to_string());
        if !json {
            println!(
                "{:<12} {:>11} {:>8} {:>9} {:>10} | {:>11} {:>10} | {}",
                name,
                first.map_or("-".into(), |f| format!("{f:.1}")),
                show(at1),
                show(last),
                verdict,
                reference.map_or("-".into(), |(_, f, _)| format!("{:.0}", f * 1000.0)),
                show(reference.and_then(|(_, _, o)| *o)),
                goals
            );
        }
        rows.push(serde_json::json!({
            "instance": name, "firstFeasibleMs": first, "objectiveAt1s": at1,
            "objectiveAtLimit": last, "verdict": verdict,
            "cpSatFirstMs": reference.map(|(_, f, _)| f * 1000.0),
            "cpSatObjectiveAt60s": reference.and_then(|(_, _, o)| *o),
        }));
    }
    if json {
        output::json(&rows);
    } else {
        println!(
            "Goals: fast = first feasible within a tenth of CP-SAT's time; good = objective at the limit no worse than CP-SAT's at 60 s."
        );
    }
    Ok(())
}
