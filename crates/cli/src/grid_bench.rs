//! `rotunda bench grid`: how the schedule grid holds up at 150 residents × 26 half blocks — the
//! time to fill it, to load it (what opening the Schedule screen costs in the core), and to apply
//! one cell's edit, with the size of what crosses to the UI.

use std::time::{Duration, Instant};

use rotunda_core::academic::{
    BlockPlanInput, GenerateBlocksInput, Leftover, NewYearInput, service,
};
use rotunda_core::connect::Connection;
use rotunda_core::db::Actor;
use rotunda_core::org::{NewProgramInput, service as org};
use rotunda_core::people::roster::{ImportMode, RosterKind, import_roster};
use rotunda_core::schedule::catalogue::{self, RotationTypeInput};
use rotunda_core::schedule::edit::{self, CellEdit};
use rotunda_core::schedule::{Half, Requirement, grid};
use rotunda_core::{Error, Result};

use crate::output;

const CODES: [&str; 10] = [
    "GS", "TRA", "SICU", "NF", "CLIN", "PEDS", "COMM", "ENDO", "VASC", "RES",
];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub async fn bench_grid(json: bool, residents: u32, connection: &Connection) -> Result<()> {
    let pool = &connection.pool;
    let actor = Actor::named("bench:grid");
    let tag = std::process::id() % 100_000;
    let program = org::create_program(
        pool,
        &actor,
        NewProgramInput {
            code: format!("GRID{tag}"),
            name: format!("Grid benchmark, {residents} residents"),
            institution: "Benchmark Institution".into(),
        },
    )
    .await?;
    let year = service::create_year(
        pool,
        &actor,
        NewYearInput {
            program_id: program.id,
            name: "2026-2027".into(),
            start_date: "2026-07-01".into(),
            end_date: "2027-06-30".into(),
            is_current: true,
        },
    )
    .await?;
    service::generate_blocks(
        pool,
        &actor,
        GenerateBlocksInput {
            plan: BlockPlanInput {
                year_id: year.id,
                pattern: "13x4w".into(),
                switch_day: None,
                leftover: Leftover::Last,
                split_halves: true,
            },
            replace_existing: false,
        },
    )
    .await?;
    let roster = crate::roster::generated_roster(residents);
    import_roster(
        pool,
        &actor,
        program.id,
        RosterKind::Residents,
        &roster,
        ImportMode::Apply,
        &|_| {},
    )
    .await?;
    for (i, code) in CODES.iter().enumerate() {
        catalogue::add_rotation_type(
            pool,
            &actor,
            program.id,
            RotationTypeInput {
                code: (*code).into(),
                name: format!("Rotation {code}"),
                category: "core".into(),
                colour: format!("#{:02x}80{:02x}", 40 + i * 20, 200 - i * 15),
                heavy: i % 3 == 1,
                no_back_to_back: i == 3,
                default_site_id: None,
                default_supervisor_id: None,
                min_residents: 2,
                max_residents: Some(i32::try_from(residents).unwrap_or(i32::MAX) / 6),
                requirements: (1..=5)
                    .map(|pgy| Requirement {
                        pgy_level: pgy,
                        min_weeks: 4,
                        max_weeks: 12,
                    })
                    .collect(),
            },
        )
        .await?;
    }
    let empty = grid::grid(pool, year.id).await?;
    let fill: Vec<CellEdit> = empty
        .residents
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            empty.blocks.iter().enumerate().flat_map(move |(j, b)| {
                [(Half::First, 0), (Half::Second, 1)].map(|(half, k)| CellEdit {
                    resident_id: r.id,
                    block_id: b.id,
                    half: Some(half),
                    rotation_code: Some(CODES[(i + 2 * j + k) % CODES.len()].into()),
                    site_id: None,
                    supervisor_id: None,
                    expected: None,
                })
            })
        })
        .collect();
    let cells = fill.len();
    let started = Instant::now();
    edit::edit_cells(pool, &actor, year.id, fill).await?;
    let fill_time = started.elapsed();

    let mut loads = Vec::new();
    let mut size = 0;
    let mut conflicts = 0;
    for _ in 0..11 {
        let started = Instant::now();
        let g = grid::grid(pool, year.id).await?;
        let json_text = serde_json::to_string(&g)
            .map_err(|e| Error::io("The grid could not be serialised", std::io::Error::other(e)))?;
        loads.push(started.elapsed());
        size = json_text.len();
        conflicts = g.conflicts.len();
    }
    let g = grid::grid(pool, year.id).await?;
    let mut edits = Vec::new();
    for k in 0..11 {
        let edit = CellEdit {
            resident_id: g.residents[k].id,
            block_id: g.blocks[k].id,
            half: None,
            rotation_code: Some(CODES[k % CODES.len()].into()),
            site_id: None,
            supervisor_id: None,
            expected: None,
        };
        let started = Instant::now();
        let out = edit::edit_cells(pool, &actor, year.id, vec![edit]).await?;
        serde_json::to_string(&out)
            .map_err(|e| Error::io("The edit could not be serialised", std::io::Error::other(e)))?;
        edits.push(started.elapsed());
    }
    let (load, one) = (median(loads), median(edits));
    if json {
        output::json(&serde_json::json!({
            "residents": g.residents.len(),
            "halfBlocks": g.blocks.len() * 2,
            "assignments": g.assignments.len(),
            "conflicts": conflicts,
            "fillCells": cells,
            "fillSeconds": fill_time.as_secs_f64(),
            "loadMedianMs": load.as_secs_f64() * 1000.0,
            "editMedianMs": one.as_secs_f64() * 1000.0,
            "gridJsonBytes": size,
        }));
    } else {
        println!(
            "{} residents × {} half blocks, {} assignments, {conflicts} broken rules",
            g.residents.len(),
            g.blocks.len() * 2,
            g.assignments.len()
        );
        println!(
            "fill {cells} cells in one edit: {:.2} s",
            fill_time.as_secs_f64()
        );
        println!(
            "load the grid (read, check every rule, serialise {:.0} KB): median {:.1} ms of 11",
            size as f64 / 1024.0,
            load.as_secs_f64() * 1000.0
        );
        println!(
            "edit one cell (write, reload, re-check, serialise): median {:.1} ms of 11",
            one.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
