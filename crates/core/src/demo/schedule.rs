//! The demo program's schedule set-up: a General Surgery rotation catalogue with requirements per
//! PGY level and staffing per block (clinic closed in the holiday block), some leave blocks and
//! ranked elective requests, all drawn from the seed; then a schedule solved for the year.

use std::collections::HashMap;

use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::PgConnection;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::academic::AcademicYear;
use crate::ids::{LeaveId, ProgramId, RotationTypeId, SiteId};
use crate::schedule::catalogue::ValidRotation;
use crate::schedule::propose;
use crate::schedule::solver::{SolveOptions, SolveOutcome};
use crate::schedule::store::{self, NewRequest};
use crate::schedule::{LeaveKind, LeavePeriod, Requirement, RotationCategory, catalogue_store};
use crate::{Error, Result};

/// One rotation of the catalogue: code, name, category, colour, heavy, no back-to-back, site
/// code, residents per block (min, max), and weeks per PGY level 1..5 (`None`: not eligible).
type Row = (
    &'static str,
    &'static str,
    RotationCategory,
    &'static str,
    bool,
    bool,
    &'static str,
    (i32, Option<i32>),
    [Option<(i32, i32)>; 5],
);

const CORE: RotationCategory = RotationCategory::Core;
const ELECTIVE: RotationCategory = RotationCategory::Elective;

#[rustfmt::skip]
const CATALOGUE: [Row; 11] = [
    ("GS", "General Surgery", CORE, "#9db4d9", false, false, "RUH-OR", (8, Some(14)),
        [Some((8, 52)), Some((0, 52)), Some((0, 52)), Some((0, 52)), Some((0, 52))]),
    ("TRA", "Trauma and Acute Care", CORE, "#e15759", true, false, "RUH-OR", (4, Some(6)),
        [Some((4, 8)), Some((4, 8)), Some((0, 8)), Some((4, 8)), Some((0, 4))]),
    ("SICU", "Surgical ICU", CORE, "#f28e2b", true, true, "RUH-SICU", (2, Some(5)),
        [Some((4, 8)), Some((4, 8)), Some((0, 4)), None, None]),
    ("NF", "Night Float", CORE, "#59539b", true, true, "RUH-OR", (3, Some(4)),
        [Some((4, 8)), Some((4, 8)), Some((4, 8)), Some((0, 4)), None]),
    ("CLIN", "Ambulatory Clinic", CORE, "#76b7b2", false, false, "RUH-CLINIC", (2, Some(4)),
        [Some((4, 8)), Some((4, 8)), Some((0, 8)), None, None]),
    ("PEDS", "Pediatric Surgery", CORE, "#edc948", false, false, "RUH-PEDS", (1, Some(3)),
        [None, Some((0, 8)), Some((4, 8)), Some((0, 4)), None]),
    ("COMM", "Community Surgery (St. Brigid)", CORE, "#59a14f", false, false, "SBCH-GEN", (0, Some(4)),
        [None, Some((0, 8)), Some((0, 8)), Some((4, 8)), Some((0, 8))]),
    ("ENDO", "Endoscopy", ELECTIVE, "#b07aa1", false, false, "SBCH-ENDO", (0, Some(2)),
        [None, Some((0, 4)), Some((0, 4)), Some((0, 4)), None]),
    ("VASC", "Vascular Surgery", CORE, "#ff9da7", false, false, "RUH-OR", (1, Some(3)),
        [None, None, Some((4, 8)), Some((4, 8)), Some((0, 8))]),
    ("RES", "Research", ELECTIVE, "#bab0ac", false, false, "", (0, Some(2)),
        [None, None, Some((0, 8)), Some((0, 8)), None]),
    ("CHIEF", "Chief Service", CORE, "#9c755f", true, false, "RUH-OR", (3, Some(6)),
        [None, None, None, None, Some((24, 36))]),
];

/// The block (1-based) in which the clinic is closed for the holidays.
const HOLIDAY_BLOCK: i32 = 6;

pub(super) async fn write(
    conn: &mut PgConnection,
    seed: u64,
    program: ProgramId,
    year: &AcademicYear,
    sites: &[(&str, SiteId)],
) -> Result<()> {
    let site = |code: &str| sites.iter().find(|(c, _)| *c == code).map(|(_, id)| *id);
    let blocks = crate::academic::store::blocks_of_year(conn, year.id).await?;
    // Each rotation is led by one of the core faculty, in turn.
    let leads: Vec<_> = store::faculty_labels(conn, program)
        .await?
        .into_iter()
        .filter(|f| f.is_core)
        .map(|f| f.id)
        .collect();
    let mut codes: HashMap<&str, RotationTypeId> = HashMap::new();
    for (k, (code, name, category, colour, heavy, no_b2b, site_code, (min, max), levels)) in
        CATALOGUE.into_iter().enumerate()
    {
        let id = RotationTypeId::new();
        let requirements: Vec<Requirement> = (1..=5)
            .zip(levels)
            .filter_map(|(pgy, l)| {
                l.map(|(min_weeks, max_weeks)| Requirement {
                    pgy_level: pgy,
                    min_weeks,
                    max_weeks,
                })
            })
            .collect();
        let rotation = ValidRotation {
            code: code.into(),
            name: name.into(),
            category,
            colour: colour.into(),
            heavy,
            no_back_to_back: no_b2b,
            default_site_id: site(site_code),
            default_supervisor_id: (!leads.is_empty()).then(|| leads[k % leads.len()]),
            min_residents: min,
            max_residents: max,
            requirements,
        };
        catalogue_store::insert_rotation_type(conn, id, program, &rotation).await?;
        catalogue_store::replace_requirements(conn, id, &rotation.requirements).await?;
        codes.insert(code, id);
    }
    if let (Some(clinic), Some(holiday)) = (
        codes.get("CLIN"),
        blocks.iter().find(|b| b.number == HOLIDAY_BLOCK),
    ) {
        catalogue_store::set_coverage_override(
            conn,
            *clinic,
            holiday.id,
            Some((0, 0)),
            Some("Clinic closed over the holidays"),
        )
        .await?;
    }

    // Leave and requests, drawn from the seed: every fifth resident takes a vacation block; a
    // third of the seniors ask for electives.
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5c4e_d01e);
    let residents = store::residents(conn, program, year.id).await?;
    let mut leave = Vec::new();
    let mut requests = Vec::new();
    for (i, r) in residents.iter().enumerate() {
        if i % 5 == 2
            && let Some(b) = blocks.choose(&mut rng)
        {
            leave.push(LeavePeriod {
                id: LeaveId::new(),
                resident_id: r.facts.id,
                kind: LeaveKind::Vacation,
                start_date: b.start_date,
                end_date: b.end_date,
                note: None,
            });
        }
        if r.facts.pgy >= 2 && rng.random_ratio(1, 3) {
            let mut wishes: Vec<&str> = CATALOGUE
                .iter()
                .filter(|row| row.8[usize::try_from(r.facts.pgy - 1).unwrap_or(0)].is_some())
                .filter(|row| matches!(row.0, "ENDO" | "VASC" | "RES" | "PEDS" | "COMM"))
                .map(|row| row.0)
                .collect();
            wishes.shuffle(&mut rng);
            for (rank, code) in (1..=3).zip(wishes) {
                let block = if rng.random_bool(0.5) {
                    blocks.choose(&mut rng).map(|b| b.id)
                } else {
                    None
                };
                if let Some(rotation) = codes.get(code) {
                    requests.push(NewRequest {
                        resident: r.facts.id,
                        rank,
                        rotation: *rotation,
                        block,
                    });
                }
            }
        }
    }
    store::insert_leave(conn, &leave).await?;
    store::insert_requests(conn, year.id, &requests).await?;
    Ok(())
}

/// How much search the demo's schedule gets: a fixed amount of work, not of time, so the same
/// seed always gives the same schedule on any machine.
const SOLVER_ITERATIONS: u64 = 200_000;

/// Fills the demo year with a solved schedule, in the caller's transaction.
pub(super) async fn solve(
    conn: &mut PgConnection,
    seed: u64,
    year: &AcademicYear,
) -> Result<usize> {
    let loaded = crate::schedule::grid::load(conn, year.id).await?;
    let built = crate::schedule::instance::build(&loaded.facts, &loaded.requests, false)?;
    let options = SolveOptions {
        time_limit: std::time::Duration::from_secs(120),
        seed,
        threads: 2,
        max_iterations: Some(SOLVER_ITERATIONS),
    };
    let (built, outcome) =
        propose::solve_built(built, options, Arc::new(AtomicBool::new(false)), |_| {}).await?;
    let solution = match outcome {
        SolveOutcome::Solved { solution, .. } => solution,
        SolveOutcome::Infeasible { reasons } => {
            return Err(Error::invalid("seed", reasons.join("; ")));
        }
        SolveOutcome::NotFound { reason, .. } => return Err(Error::invalid("seed", reason)),
    };
    let (edits, _) = propose::diff(&loaded.facts, &built, &solution);
    let done = crate::schedule::edit::apply_edits(conn, &loaded.facts, &edits).await?;
    Ok(done.changed)
}
