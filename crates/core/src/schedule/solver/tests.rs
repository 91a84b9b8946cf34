//! Tests of `solve` as a whole: property tests on random feasible instances, crafted
//! infeasible ones, determinism, cancellation and tiny time limits.

use super::testkit::{instance, random_feasible, resident, rotation};
use super::*;
use std::sync::atomic::AtomicBool;

fn opts(iterations: u64) -> SolveOptions {
    SolveOptions {
        time_limit: Duration::from_secs(60),
        seed: 7,
        threads: 2,
        max_iterations: Some(iterations),
    }
}

fn run(inst: &Instance, o: &SolveOptions) -> SolveOutcome {
    let cancel = AtomicBool::new(false);
    solve(inst, o, &cancel, &mut |_| {}).expect("valid instance")
}

fn reasons(inst: &Instance) -> Vec<String> {
    match run(inst, &opts(2_000)) {
        SolveOutcome::Infeasible { reasons } => reasons,
        other => panic!("expected a proof of infeasibility, got {other:?}"),
    }
}

#[test]
fn every_schedule_solve_returns_for_random_feasible_instances_passes_the_checker() {
    for seed in 0..60 {
        let inst = random_feasible(seed);
        assert_eq!(inst.validate(), Ok(()), "seed {seed}");
        assert!(
            explain::explain(&inst).is_empty(),
            "seed {seed}: {:?}",
            explain::explain(&inst)
        );
        let cancel = AtomicBool::new(false);
        let mut seen = Vec::new();
        let out = solve(&inst, &opts(40_000), &cancel, &mut |imp| {
            let v = check(&inst, &imp.solution);
            assert!(v.is_feasible(), "seed {seed}: {:?}", v.violations);
            assert_eq!(v.objective, imp.objective);
            seen.push(imp.objective.total);
        })
        .expect("valid");
        let SolveOutcome::Solved {
            solution,
            objective,
            improvements,
            ..
        } = out
        else {
            panic!("seed {seed}: no schedule: {out:?}");
        };
        let v = check(&inst, &solution);
        assert!(v.is_feasible(), "seed {seed}: {:?}", v.violations);
        assert_eq!(v.objective, objective);
        assert!(
            seen.windows(2).all(|w| w[1] < w[0]),
            "seed {seed}: {seen:?}"
        );
        assert_eq!(
            improvements.last().map(|i| i.1.total),
            Some(objective.total)
        );
    }
}

#[test]
fn the_same_seed_and_iteration_budget_give_the_same_schedule_on_two_threads() {
    let inst = random_feasible(1234);
    let o = opts(300_000);
    let first = run(&inst, &o);
    let second = run(&inst, &o);
    match (first, second) {
        (SolveOutcome::Solved { solution: a, .. }, SolveOutcome::Solved { solution: b, .. }) => {
            assert_eq!(a, b)
        }
        other => panic!("expected two schedules, got {other:?}"),
    }
}

#[test]
fn a_cancelled_solve_returns_at_once() {
    let inst = random_feasible(3);
    let cancel = AtomicBool::new(true);
    let o = SolveOptions {
        time_limit: Duration::from_secs(3600),
        ..SolveOptions::default()
    };
    let out = solve(&inst, &o, &cancel, &mut |_| {}).expect("valid");
    assert!(matches!(
        out,
        SolveOutcome::Solved { .. } | SolveOutcome::NotFound { .. }
    ));
}

#[test]
fn a_tiny_time_limit_still_returns_the_best_so_far() {
    let inst = random_feasible(5);
    let o = SolveOptions {
        time_limit: Duration::from_millis(1),
        ..SolveOptions::default()
    };
    let out = run(&inst, &o);
    if let SolveOutcome::Solved { solution, .. } = out {
        assert!(check(&inst, &solution).is_feasible());
    }
}

#[test]
fn rotation_demand_above_its_capacity_is_reported_with_both_numbers() {
    let icu = rotation("ICU", true, 13, (0, 1), &[(1, 2, 3)]);
    let ward = rotation("WARD", false, 13, (0, 12), &[(1, 0, 13)]);
    let residents = (0..12).map(|i| resident(&format!("R{i:02}"), 1)).collect();
    let r = reasons(&instance(13, 2, vec![icu, ward], residents));
    assert!(
        r.iter().any(
            |s| s.contains("12 PGY-1 residents each need 2 ICU blocks = 24")
                && s.contains("at most 13")
        ),
        "{r:?}"
    );
}

#[test]
fn a_minimum_staffing_above_the_eligible_residents_names_the_block() {
    let mut icu = rotation("ICU", false, 3, (0, 2), &[(2, 0, 3)]);
    icu.min_staff[1] = 1;
    let ward = rotation("WARD", false, 3, (0, 2), &[(1, 0, 3), (2, 0, 3)]);
    let r = reasons(&instance(3, 2, vec![icu, ward], vec![resident("A", 1)]));
    assert!(
        r.iter()
            .any(|s| s.contains("ICU needs at least 1 resident in block 2")),
        "{r:?}"
    );
}

#[test]
fn a_block_with_more_minimum_staff_than_residents_present_is_infeasible() {
    let a = rotation("A", false, 2, (1, 1), &[(1, 0, 2)]);
    let b = rotation("B", false, 2, (1, 1), &[(1, 0, 2)]);
    let mut x = resident("X", 1);
    x.leave_blocks = vec![0];
    let r = reasons(&instance(2, 1, vec![a, b], vec![x, resident("Y", 1)]));
    assert!(
        r.iter()
            .any(|s| s.contains("block 1 needs at least 2 residents")),
        "{r:?}"
    );
}

#[test]
fn a_resident_who_cannot_fit_their_minimums_is_named() {
    let a = rotation("A", false, 3, (0, 2), &[(1, 2, 3)]);
    let b = rotation("B", false, 3, (0, 2), &[(1, 2, 3)]);
    let r = reasons(&instance(3, 1, vec![a, b], vec![resident("X", 1)]));
    assert!(
        r.iter()
            .any(|s| s.contains("resident X (PGY-1) must do at least 4 blocks (2 A + 2 B)")),
        "{r:?}"
    );
}

#[test]
fn locks_that_break_no_back_to_back_or_a_closed_rotation_are_reported() {
    let mut nf = rotation("NF", true, 3, (0, 1), &[(1, 0, 3)]);
    nf.no_back_to_back = true;
    nf.max_staff[2] = 0;
    let ward = rotation("WARD", false, 3, (0, 2), &[(1, 0, 3)]);
    let mut x = resident("X", 1);
    x.locked = (0..3)
        .map(|b| instance::Lock {
            block: b,
            rotation: "NF".into(),
        })
        .collect();
    let r = reasons(&instance(3, 2, vec![nf, ward], vec![x]));
    assert!(
        r.iter()
            .any(|s| s.contains("locked to NF in blocks 1 and 2")),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|s| s.contains("NF in block 3 is locked for 1 resident (X), but takes at most 0")),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|s| s.contains("heavy rotations in blocks 1 to 3")),
        "{r:?}"
    );
}

#[test]
fn a_resident_with_every_eligible_rotation_closed_in_a_block_is_named() {
    let mut clin = rotation("CLIN", false, 2, (0, 2), &[(1, 0, 2)]);
    clin.max_staff[1] = 0;
    let ward = rotation("WARD", false, 2, (0, 2), &[(2, 0, 2)]);
    let r = reasons(&instance(
        2,
        1,
        vec![clin, ward],
        vec![resident("X", 1), resident("Y", 2)],
    ));
    assert!(
        r.iter()
            .any(|s| s.contains("resident X (PGY-1) has no rotation open to them in block 2")),
        "{r:?}"
    );
}

#[test]
fn an_instance_the_counts_cannot_refute_ends_as_not_found_with_the_rule_it_breaks() {
    // One resident must cover a heavy rotation in both blocks, but H = 1.
    let icu = rotation("ICU", true, 2, (1, 1), &[(1, 0, 2)]);
    let ward = rotation("WARD", false, 2, (0, 0), &[(1, 0, 2)]);
    let out = run(
        &instance(2, 1, vec![icu, ward], vec![resident("X", 1)]),
        &opts(5_000),
    );
    let SolveOutcome::NotFound { reason, .. } = out else {
        panic!("expected NotFound, got {out:?}")
    };
    assert!(reason.contains("consecutive heavy"), "{reason}");
}

#[test]
fn an_invalid_instance_is_an_error_not_an_outcome() {
    let mut inst = random_feasible(9);
    inst.rotations[0].max_staff.pop();
    let cancel = AtomicBool::new(false);
    assert!(matches!(
        solve(&inst, &opts(10), &cancel, &mut |_| {}),
        Err(InstanceError::StaffLength { .. })
    ));
}
