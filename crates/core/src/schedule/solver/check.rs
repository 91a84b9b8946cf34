//! Independent checker of a solution against an instance: every hard rule H1–H8 and the
//! objective, written from FORMAT.md without sharing code with the search, so that it can
//! vouch for what the search returns. It agrees with verify.py rule for rule.

use super::instance::{Instance, LEAVE};
use super::rules;
use super::solution::Solution;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    Format,
    Leave,
    Eligibility,
    Locked,
    Coverage,
    Requirement,
    NoBackToBack,
    MaxConsecutiveHeavy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: Rule,
    pub message: String,
}

/// The objective and its parts; `total` is what is minimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Objective {
    /// Weighted sum of unmet requests.
    pub unmet_requests: i64,
    /// Number of consecutive heavy pairs (unweighted).
    pub heavy_pairs: i64,
    /// Sum over PGY levels of max − min heavy blocks (unweighted).
    pub heavy_spread: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub violations: Vec<Violation>,
    pub objective: Objective,
}

impl Verdict {
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

fn blk(b: usize) -> usize {
    b + 1
}

/// Checks `sol` against a validated `inst`. Missing entries are reported and then treated
/// as empty cells (never heavy, never meeting a request), as verify.py does.
pub fn check(inst: &Instance, sol: &Solution) -> Verdict {
    let nb = inst.num_blocks as usize;
    let mut v = Vec::new();
    let mut push = |rule, message: String| v.push(Violation { rule, message });
    let ids = inst.resident_indexes();
    let rot = inst.rotation_indexes();
    // cell: None = missing, Some(None) = LEAVE, Some(Some(t)) = rotation t.
    let mut cells: Vec<Option<Option<usize>>> = vec![None; inst.residents.len() * nb];
    for a in &sol.assignments {
        let Some(&i) = ids.get(a.resident_id.as_str()) else {
            push(
                Rule::Format,
                format!("the solution names unknown resident {:?}", a.resident_id),
            );
            continue;
        };
        let Some(b) = usize::try_from(a.block).ok().filter(|&b| b < nb) else {
            let msg = format!(
                "resident {}: block number {} is outside the year (blocks 1 to {nb})",
                a.resident_id,
                a.block.saturating_add(1)
            );
            push(Rule::Format, msg);
            continue;
        };
        let cell = if a.rotation_code == LEAVE {
            None
        } else if let Some(&t) = rot.get(a.rotation_code.as_str()) {
            Some(t)
        } else {
            let msg = format!(
                "resident {} block {}: unknown rotation code {:?}",
                a.resident_id,
                blk(b),
                a.rotation_code
            );
            push(Rule::Format, msg);
            continue;
        };
        let slot = &mut cells[i * nb + b];
        if slot.is_some() {
            let msg = format!(
                "resident {} block {} is assigned more than once",
                a.resident_id,
                blk(b)
            );
            push(Rule::Format, msg);
            continue;
        }
        *slot = Some(cell);
    }
    for (i, x) in inst.residents.iter().enumerate() {
        for b in 0..nb {
            if cells[i * nb + b].is_none() {
                push(
                    Rule::Format,
                    format!("resident {} has no assignment in block {}", x.id, blk(b)),
                );
            }
        }
    }
    let (mut rest, objective) = rules::evaluate(inst, &cells);
    v.append(&mut rest);
    Verdict {
        violations: v,
        objective,
    }
}

#[cfg(test)]
mod tests {
    use super::super::solution::{Cell, Grid};
    use super::super::testkit::{instance, resident, rotation, worked_example};
    use super::*;

    fn solve_with(inst: &Instance, rows: &[&[Cell]]) -> Verdict {
        let cells = rows.iter().flat_map(|r| r.iter().copied()).collect();
        let grid = Grid {
            num_blocks: inst.num_blocks as usize,
            cells,
        };
        check(inst, &Solution::from_grid(inst, &grid))
    }

    fn rules(v: &Verdict) -> Vec<Rule> {
        v.violations.iter().map(|v| v.rule).collect()
    }

    const H: Cell = Cell::Rotation(0);
    const E: Cell = Cell::Rotation(1);
    const L: Cell = Cell::Leave;

    #[test]
    fn the_worked_example_of_the_format_costs_24() {
        let v = solve_with(&worked_example(), &[&[H, H, E], &[E, E, L]]);
        assert!(v.is_feasible(), "{:?}", v.violations);
        let o = v.objective;
        assert_eq!(
            (o.unmet_requests, o.heavy_pairs, o.heavy_spread, o.total),
            (10, 1, 2, 24)
        );
    }

    #[test]
    fn leave_must_be_exactly_the_leave_blocks() {
        let v = solve_with(&worked_example(), &[&[H, L, E], &[E, E, E]]);
        assert_eq!(rules(&v), vec![Rule::Leave, Rule::Leave]);
        assert!(
            v.violations[0].message.contains("block 2"),
            "{}",
            v.violations[0].message
        );
    }

    #[test]
    fn coverage_is_checked_at_both_edges() {
        let mut inst = worked_example();
        inst.rotations[1].min_staff = vec![2, 0, 0];
        inst.rotations[1].max_staff = vec![2, 1, 1];
        assert!(solve_with(&inst, &[&[E, H, E], &[E, E, L]]).is_feasible());
        let v = solve_with(&inst, &[&[H, E, E], &[E, E, L]]);
        assert_eq!(rules(&v), vec![Rule::Coverage, Rule::Coverage]);
        assert!(
            v.violations[0]
                .message
                .starts_with("E has 1 residents in block 1"),
            "{}",
            v.violations[0].message
        );
    }

    #[test]
    fn blocks_per_year_are_checked_at_both_edges() {
        let mut inst = worked_example();
        inst.rotations[0].requirements[0].min_blocks = 1;
        inst.rotations[0].requirements[0].max_blocks = 2;
        assert!(solve_with(&inst, &[&[H, H, E], &[H, E, L]]).is_feasible());
        let v = solve_with(&inst, &[&[H, H, H], &[E, E, L]]);
        assert_eq!(
            rules(&v),
            vec![
                Rule::Requirement,
                Rule::MaxConsecutiveHeavy,
                Rule::Requirement
            ]
        );
    }

    #[test]
    fn no_back_to_back_forbids_only_adjacent_blocks() {
        let mut inst = worked_example();
        inst.rotations[1].no_back_to_back = true;
        assert!(solve_with(&inst, &[&[E, H, E], &[E, H, L]]).is_feasible());
        let v = solve_with(&inst, &[&[E, H, E], &[E, E, L]]);
        assert_eq!(rules(&v), vec![Rule::NoBackToBack]);
        assert!(
            v.violations[0].message.contains("blocks 1 and 2"),
            "{}",
            v.violations[0].message
        );
    }

    #[test]
    fn a_heavy_run_of_exactly_h_is_allowed_and_one_more_is_not() {
        let mut inst = worked_example();
        assert!(solve_with(&inst, &[&[H, H, E], &[H, H, L]]).is_feasible());
        inst.max_consecutive_heavy = 1;
        let v = solve_with(&inst, &[&[H, H, E], &[E, E, L]]);
        assert_eq!(rules(&v), vec![Rule::MaxConsecutiveHeavy]);
    }

    #[test]
    fn eligibility_and_locks_are_enforced() {
        let mut inst = worked_example();
        inst.residents[1].pgy = 2;
        inst.rotations[1]
            .requirements
            .push(super::super::instance::Requirement {
                pgy: 2,
                min_blocks: 0,
                max_blocks: 3,
            });
        inst.residents[0].locked = vec![super::super::instance::Lock {
            block: 2,
            rotation: "H".into(),
        }];
        let v = solve_with(&inst, &[&[H, H, E], &[H, E, L]]);
        assert_eq!(rules(&v), vec![Rule::Locked, Rule::Eligibility]);
        assert!(
            v.violations[0].message.contains("locked to H in block 3"),
            "{}",
            v.violations[0].message
        );
    }

    #[test]
    fn missing_duplicate_and_unknown_entries_are_format_errors() {
        let inst = worked_example();
        let grid = Grid {
            num_blocks: 3,
            cells: vec![H, H, E, E, E, L],
        };
        let mut sol = Solution::from_grid(&inst, &grid);
        sol.assignments[1].block = 0;
        sol.assignments[2].resident_id = "ZZ".into();
        sol.assignments[3].rotation_code = "NOPE".into();
        let v = check(&inst, &sol);
        let formats = v
            .violations
            .iter()
            .filter(|v| v.rule == Rule::Format)
            .count();
        // A duplicate, an unknown resident, an unknown code, and the three cells left empty.
        assert_eq!(formats, 6, "{:?}", v.violations);
    }

    #[test]
    fn the_spread_ignores_levels_with_one_or_no_resident() {
        let rots = vec![rotation("H", true, 2, (0, 3), &[(1, 0, 2), (2, 0, 2)])];
        let inst = instance(2, 2, rots, vec![resident("A", 1), resident("B", 2)]);
        let v = solve_with(&inst, &[&[H, H], &[Cell::Rotation(0), Cell::Rotation(0)]]);
        assert_eq!(v.objective.heavy_spread, 0);
        assert_eq!(v.objective.heavy_pairs, 2);
    }
}
