use chrono::{Days, NaiveDate};

use super::*;
use crate::academic::Block;
use crate::ids::{AcademicYearId, LeaveId, SiteId};
use crate::schedule::{
    CoverageOverride, Half, LeaveKind, LeavePeriod, Requirement, RotationCategory, periods,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test dates are valid")
}

/// Six four-week blocks from 2026-07-01; block 3 is split.
fn blocks() -> Vec<Block> {
    let year = AcademicYearId::new();
    (0..6u64)
        .map(|i| {
            let start = day("2026-07-01") + Days::new(28 * i);
            Block {
                id: BlockId::new(),
                year_id: year,
                number: i32::try_from(i).expect("small") + 1,
                name: format!("Block {}", i + 1),
                start_date: start,
                end_date: start + Days::new(27),
                split_date: (i == 2).then(|| start + Days::new(14)),
                days: 28,
                version: 1,
            }
        })
        .collect()
}

fn rotation(code: &str) -> RotationType {
    RotationType {
        id: RotationTypeId::new(),
        code: code.into(),
        name: code.into(),
        category: RotationCategory::Core,
        colour: "#aabbcc".into(),
        heavy: false,
        no_back_to_back: false,
        default_site_id: None,
        default_supervisor_id: None,
        min_residents: 0,
        max_residents: None,
        is_active: true,
        requirements: vec![],
        coverage_overrides: vec![],
        version: 1,
    }
}

fn resident(name: &str, pgy: i32) -> ResidentFacts {
    ResidentFacts {
        id: ResidentId::new(),
        name: name.into(),
        pgy,
    }
}

struct World {
    facts: ScheduleFacts,
}

impl World {
    fn new(rotations: Vec<RotationType>, residents: Vec<ResidentFacts>) -> Self {
        World {
            facts: ScheduleFacts {
                blocks: blocks(),
                rotations,
                residents,
                max_consecutive_heavy: 2,
                ..Default::default()
            },
        }
    }

    fn assign(&mut self, resident: usize, rotation: usize, block: usize, half: Option<Half>) {
        let b = &self.facts.blocks[block];
        let (start, end) = periods::dates(b, half).expect("the test names a real part");
        self.facts.assignments.push(RotationAssignment {
            id: AssignmentId::new(),
            resident_id: self.facts.residents[resident].id,
            rotation_type_id: self.facts.rotations[rotation].id,
            block_id: b.id,
            half,
            start_date: start,
            end_date: end,
            site_id: None,
            supervisor_id: None,
            is_locked: false,
            version: 1,
        });
    }

    fn messages(&self, rule: Rule) -> Vec<String> {
        check(&self.facts)
            .into_iter()
            .filter(|c| c.rule == rule)
            .map(|c| c.message)
            .collect()
    }
}

#[test]
fn coverage_short_and_over_name_the_block_and_the_residents() {
    let mut icu = rotation("ICU");
    icu.min_residents = 1;
    icu.max_residents = Some(1);
    let mut w = World::new(vec![icu], vec![resident("Ana", 1), resident("Ben", 1)]);
    w.assign(0, 0, 0, None);
    w.assign(1, 0, 0, None);
    w.assign(0, 0, 1, None);
    assert_eq!(
        w.messages(Rule::CoverageOver),
        vec!["Block 1: ICU takes at most 1 but has 2 (Ana and Ben)"]
    );
    let short = w.messages(Rule::CoverageShort);
    assert!(
        short.contains(&"Block 4: ICU has 0 residents, needs at least 1".to_string()),
        "{short:?}"
    );
    assert!(
        !short.iter().any(|m| m.starts_with("Block 2:")),
        "block 2 is covered"
    );
}

#[test]
fn a_split_block_counts_coverage_in_each_half() {
    let mut icu = rotation("ICU");
    icu.min_residents = 1;
    let mut w = World::new(vec![icu], vec![resident("Ana", 1)]);
    w.assign(0, 0, 2, Some(Half::First));
    let short = w.messages(Rule::CoverageShort);
    assert!(
        short.contains(&"Block 3 (second half): ICU has 0 residents, needs at least 1".to_string())
    );
    assert!(!short.iter().any(|m| m.starts_with("Block 3 (first half)")));
}

#[test]
fn a_block_override_closes_a_rotation() {
    let mut clinic = rotation("CLIN");
    let blocks = blocks();
    clinic.coverage_overrides = vec![CoverageOverride {
        block_id: blocks[0].id,
        min_residents: 0,
        max_residents: 0,
        note: None,
    }];
    let mut w = World::new(vec![clinic], vec![resident("Ana", 1)]);
    w.facts.blocks = blocks;
    w.assign(0, 0, 0, None);
    assert_eq!(
        w.messages(Rule::CoverageOver),
        vec!["Block 1: CLIN is closed but has 1 resident (Ana)"]
    );
}

#[test]
fn a_level_without_a_requirement_row_may_not_do_the_rotation() {
    let mut icu = rotation("ICU");
    icu.requirements = vec![
        Requirement {
            pgy_level: 2,
            min_weeks: 0,
            max_weeks: 8,
        },
        Requirement {
            pgy_level: 3,
            min_weeks: 0,
            max_weeks: 8,
        },
    ];
    let mut w = World::new(vec![icu, rotation("CLIN")], vec![resident("Ana", 1)]);
    w.assign(0, 0, 3, None);
    w.assign(0, 1, 4, None);
    assert_eq!(
        w.messages(Rule::Eligibility),
        vec!["Ana (PGY-1) is on ICU in Block 4, but ICU is for PGY-2 and PGY-3 only"]
    );
}

#[test]
fn tallies_count_weeks_so_a_half_block_counts_half() {
    let mut icu = rotation("ICU");
    icu.requirements = vec![Requirement {
        pgy_level: 1,
        min_weeks: 8,
        max_weeks: 8,
    }];
    let mut w = World::new(vec![icu], vec![resident("Ana", 1), resident("Ben", 1)]);
    w.assign(0, 0, 0, None);
    w.assign(0, 0, 2, Some(Half::Second));
    for b in [0, 1, 3] {
        w.assign(1, 0, b, None);
    }
    assert_eq!(
        w.messages(Rule::RequirementShort),
        vec!["Ana has 6 of the 8 weeks of ICU PGY-1 residents need"]
    );
    assert_eq!(
        w.messages(Rule::RequirementOver),
        vec![
            "Ben has 12 weeks of ICU; PGY-1 residents may do at most 8 (Block 1, Block 2, Block 4)"
        ]
    );
}

#[test]
fn the_same_no_back_to_back_rotation_in_adjacent_blocks_is_flagged() {
    let mut nf = rotation("NF");
    nf.no_back_to_back = true;
    let mut w = World::new(vec![nf, rotation("CLIN")], vec![resident("Ana", 1)]);
    w.assign(0, 0, 0, None);
    w.assign(0, 0, 1, None);
    w.assign(0, 0, 3, None);
    w.assign(0, 0, 5, None);
    assert_eq!(
        w.messages(Rule::BackToBack),
        vec![
            "Ana does NF in Block 1 and again right after in Block 2; NF may not be done back to back"
        ]
    );
}

#[test]
fn heavy_runs_longer_than_the_program_allows_are_flagged_and_at_the_limit_are_not() {
    let mut icu = rotation("ICU");
    icu.heavy = true;
    let mut nf = rotation("NF");
    nf.heavy = true;
    let mut w = World::new(
        vec![icu, nf, rotation("CLIN")],
        vec![resident("Ana", 1), resident("Ben", 1)],
    );
    // Ana: exactly the limit (2), then a break.
    w.assign(0, 0, 0, None);
    w.assign(0, 1, 1, None);
    w.assign(0, 2, 2, None);
    // Ben: two and a half heavy blocks in a row.
    w.assign(1, 0, 0, None);
    w.assign(1, 1, 1, None);
    w.assign(1, 0, 2, Some(Half::First));
    assert_eq!(
        w.messages(Rule::ConsecutiveHeavy),
        vec![
            "Ben has 10 weeks of heavy rotations in a row (Block 1, Block 2, Block 3: ICU, NF, ICU); the program allows 2 in a row"
        ]
    );
}

#[test]
fn sites_over_capacity_and_without_a_valid_agreement_are_flagged() {
    let site = SiteId::new();
    let mut clinic = rotation("CLIN");
    clinic.default_site_id = Some(site);
    let mut w = World::new(vec![clinic], vec![resident("Ana", 1), resident("Ben", 2)]);
    w.facts.sites = vec![SiteFacts {
        id: site,
        code: Some("RIV".into()),
        name: "Riverside".into(),
        capacity: Some(1),
        agreement: Some(AgreementWindow {
            status: "active".into(),
            effective: day("2026-01-01"),
            expires: Some(day("2026-08-10")),
        }),
    }];
    w.assign(0, 0, 0, None);
    w.assign(1, 0, 0, None);
    w.assign(0, 0, 1, None);
    assert_eq!(
        w.messages(Rule::SiteCapacity),
        vec!["Block 1: Riverside takes 1 resident but has 2 (Ana and Ben)"]
    );
    assert_eq!(
        w.messages(Rule::Agreement),
        vec![
            "Block 2: Riverside cannot take residents, its agreement expires on 2026-08-10, before Block 2 ends on 2026-08-25 (Ana)"
        ]
    );
}

#[test]
fn an_assignment_over_leave_is_flagged() {
    let mut w = World::new(vec![rotation("CLIN")], vec![resident("Ana", 1)]);
    w.assign(0, 0, 1, None);
    w.facts.leave = vec![LeavePeriod {
        id: LeaveId::new(),
        resident_id: w.facts.residents[0].id,
        kind: LeaveKind::Vacation,
        start_date: day("2026-08-03"),
        end_date: day("2026-08-09"),
        note: None,
    }];
    assert_eq!(
        w.messages(Rule::OverLeave),
        vec!["Ana is on vacation 2026-08-03..2026-08-09 but is on CLIN in Block 2"]
    );
}

#[test]
fn an_empty_schedule_without_minimums_breaks_nothing() {
    let w = World::new(vec![rotation("CLIN")], vec![resident("Ana", 1)]);
    assert!(check(&w.facts).is_empty());
}
