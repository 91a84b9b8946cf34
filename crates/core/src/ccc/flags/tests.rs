#![allow(clippy::unwrap_used)]

use super::*;

fn day(m: u32, d: u32) -> NaiveDate {
    let y = if m >= 7 { 2026 } else { 2027 };
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

struct World {
    facts: FlagFacts,
    subs: Vec<SubcompetencyId>,
}

fn world(term: Term) -> World {
    let subs: Vec<SubcompetencyId> = (0..2).map(|_| SubcompetencyId::new()).collect();
    let codes = subs
        .iter()
        .zip(["PC1", "MK1"])
        .map(|(s, c)| (*s, c.to_string()))
        .collect();
    let period_days = match term {
        Term::Fall => (day(7, 1), day(12, 31)),
        Term::Spring => (day(1, 1), day(6, 30)),
    };
    World {
        facts: FlagFacts {
            period: PeriodName {
                year: "2026-2027".into(),
                term,
            },
            period_days,
            as_of: period_days.1,
            residents: Vec::new(),
            codes,
            now: HashMap::new(),
            before: HashMap::new(),
        },
        subs,
    }
}

fn resident(pgy: i32) -> ResidentFacts {
    ResidentFacts {
        id: ResidentId::new(),
        pgy,
        rotations: Vec::new(),
        assessments: Vec::new(),
    }
}

fn level(level: f64) -> Rating {
    Rating::Level { level }
}

fn rules(facts: &FlagFacts, rule: FlagRule) -> Vec<Flag> {
    evaluate(&[rule], facts)
}

#[test]
fn a_level_at_or_below_two_and_a_half_in_the_spring_of_pgy2_is_flagged() {
    let mut w = world(Term::Spring);
    let (two, three) = (resident(2), resident(3));
    for (r, l) in [(&two, 2.5), (&three, 2.0)] {
        w.facts.now.insert((r.id, w.subs[0]), level(l));
    }
    w.facts.now.insert((two.id, w.subs[1]), level(3.0));
    w.facts.residents = vec![two.clone(), three];
    let rule = FlagRule::LowLatePgy2 { at_most: 2.5 };
    let flags = rules(&w.facts, rule);
    assert_eq!(
        flags.len(),
        1,
        "only the PGY-2, only at 2.5 or below: {flags:?}"
    );
    assert_eq!(flags[0].resident_id, two.id);
    assert!(
        flags[0]
            .reason
            .starts_with("PC1 at 2.5 at the end of PGY-2"),
        "{}",
        flags[0].reason
    );
    // Just above the line: nothing. In the fall: nothing.
    w.facts.now.insert((two.id, w.subs[0]), level(3.0));
    assert!(rules(&w.facts, rule).is_empty());
    w.facts.now.insert((two.id, w.subs[0]), level(1.0));
    w.facts.period.term = Term::Fall;
    assert!(rules(&w.facts, rule).is_empty());
    // Not yet assessable is not a level.
    w.facts.period.term = Term::Spring;
    w.facts
        .now
        .insert((two.id, w.subs[0]), Rating::NotYetAssessable);
    assert!(rules(&w.facts, rule).is_empty());
}

#[test]
fn a_level_lower_than_the_previous_period_is_flagged() {
    let mut w = world(Term::Spring);
    let r = resident(3);
    w.facts.residents = vec![r.clone()];
    w.facts.before.insert((r.id, w.subs[0]), level(3.0));
    w.facts.now.insert((r.id, w.subs[0]), level(2.5));
    w.facts.before.insert((r.id, w.subs[1]), level(3.0));
    w.facts.now.insert((r.id, w.subs[1]), level(3.0));
    let flags = rules(&w.facts, FlagRule::LevelDropped);
    assert_eq!(flags.len(), 1);
    assert_eq!(
        flags[0].reason,
        "PC1 went down from 3 to 2.5 since 2026-2027-fall"
    );
    assert_eq!(flags[0].subcompetency_id, Some(w.subs[0]));
    // Not yet assessable before: nothing to compare.
    w.facts
        .before
        .insert((r.id, w.subs[0]), Rating::NotYetAssessable);
    assert!(rules(&w.facts, FlagRule::LevelDropped).is_empty());
}

#[test]
fn no_epa_assessment_for_weeks_while_on_a_rotation_is_flagged() {
    let mut w = world(Term::Fall);
    w.facts.as_of = day(11, 22);
    let mut r = resident(1);
    r.rotations = vec![("GS".into(), day(11, 18), day(12, 15))];
    // Last assessed exactly four weeks ago: still recent.
    r.assessments = vec![(day(10, 25), 2)];
    w.facts.residents = vec![r.clone()];
    let rule = FlagRule::NoRecentEpa { weeks: 4 };
    assert!(rules(&w.facts, rule).is_empty());
    // A day more: flagged, with the rotation and the last date.
    w.facts.residents[0].assessments = vec![(day(10, 24), 2)];
    let flags = rules(&w.facts, rule);
    assert_eq!(
        flags[0].reason,
        "No EPA assessment in the 4 weeks to 2026-11-22 while on GS (last on 2026-10-24)"
    );
    // Off rotation (on leave, say): nothing.
    w.facts.residents[0].rotations.clear();
    assert!(rules(&w.facts, rule).is_empty());
    // Never assessed at all.
    w.facts.residents[0].rotations = vec![("ICU".into(), day(11, 1), day(11, 30))];
    w.facts.residents[0].assessments.clear();
    assert!(
        rules(&w.facts, rule)[0]
            .reason
            .ends_with("while on ICU (none ever)")
    );
}

#[test]
fn entrustment_well_below_the_cohort_is_flagged() {
    let mut w = world(Term::Fall);
    let mut cohort: Vec<ResidentFacts> = (0..4).map(|_| resident(3)).collect();
    for r in &mut cohort[1..] {
        r.assessments = vec![(day(9, 1), 3), (day(10, 1), 3)];
    }
    cohort[0].assessments = vec![(day(9, 1), 2), (day(10, 1), 2)];
    // Outside the period: does not count.
    cohort[0].assessments.push((day(1, 10), 4));
    w.facts.residents = cohort.clone();
    let flags = rules(&w.facts, FlagRule::BelowCohort { by: 1.0 });
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].resident_id, cohort[0].id);
    assert_eq!(
        flags[0].reason,
        "Median entrustment 2 this period against 3 for the 4 PGY-3 residents"
    );
    // Half a level below is not "well below".
    w.facts.residents[0].assessments = vec![(day(9, 1), 2), (day(10, 1), 3)];
    assert!(rules(&w.facts, FlagRule::BelowCohort { by: 1.0 }).is_empty());
    // A cohort of two is too small to compare with.
    w.facts.residents = cohort[..2].to_vec();
    assert!(rules(&w.facts, FlagRule::BelowCohort { by: 1.0 }).is_empty());
}

#[test]
fn every_default_rule_has_its_own_code() {
    let codes: std::collections::HashSet<_> = FlagRule::DEFAULTS.iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), FlagRule::DEFAULTS.len());
}
