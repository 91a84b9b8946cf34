//! The schedule commands through the real `rotunda` binary: solving an instance file (a schedule
//! that keeps every rule, an impossible instance explained, exit 2), the schedule PDF, and a
//! site's CSV from the demo program.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Cli, stdout};
use rotunda_core::schedule::solver::{self, Instance, Solution};
use sqlx::PgPool;

/// Four residents, four blocks, two rotations; ICU needs one resident each block.
fn instance(icu_min: u32) -> String {
    let icu_max = icu_min.max(2);
    serde_json::json!({
        "format": "residency-rotation-instance/1",
        "name": "tiny",
        "num_blocks": 4,
        "block_weeks": 4,
        "max_consecutive_heavy": 1,
        "weights": {"unmet_request_rank1": 10, "unmet_request_rank2": 6, "unmet_request_rank3": 3,
                    "consecutive_heavy_pair": 4, "heavy_spread": 5},
        "rotations": [
            {"code": "ICU", "name": "ICU", "heavy": true, "no_back_to_back": true,
             "requirements": [{"pgy": 1, "min_blocks": 1, "max_blocks": 2}],
             "min_staff": [icu_min, icu_min, icu_min, icu_min], "max_staff": [icu_max, icu_max, icu_max, icu_max]},
            {"code": "GS", "name": "General Surgery", "heavy": false, "no_back_to_back": false,
             "requirements": [{"pgy": 1, "min_blocks": 0, "max_blocks": 4}],
             "min_staff": [0, 0, 0, 0], "max_staff": [4, 4, 4, 4]}
        ],
        "residents": (1..=4).map(|i| serde_json::json!({
            "id": format!("R{i}"), "pgy": 1, "leave_blocks": [], "locked": [],
            "requests": [{"rank": 1, "rotation": "ICU", "block": i - 1}]
        })).collect::<Vec<_>>()
    })
    .to_string()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_instance_file_is_solved_and_an_impossible_one_explained(pool: PgPool) {
    let cli = Cli::new(&pool);
    let file = cli.file("tiny.json", &instance(1));
    let out = cli.dir.join("tiny-solution.json");
    let run = cli.run(&[
        "schedule",
        "solve",
        "--instance",
        &file,
        "--out",
        out.to_str().unwrap(),
        "--time-limit",
        "0.2",
        "--seed",
        "4",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout(&run).contains("First feasible schedule after"),
        "{}",
        stdout(&run)
    );
    let inst = Instance::from_json(&instance(1)).unwrap();
    let solution: Solution = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(solution.assignments.len(), 16);
    let verdict = solver::check(&inst, &solution);
    assert!(verdict.is_feasible(), "{:?}", verdict.violations);
    assert_eq!(
        verdict.objective.total, 0,
        "each resident can have ICU in the block asked for"
    );

    // ICU needs 3 a block for 4 blocks (12), but 4 residents may each do it at most twice (8).
    let bad = cli.file("bad.json", &instance(3));
    let run = cli.run(&[
        "schedule",
        "solve",
        "--instance",
        &bad,
        "--out",
        out.to_str().unwrap(),
        "--time-limit",
        "0.2",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("No schedule exists") && err.contains("ICU"),
        "{err}"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_demo_schedule_prints_and_a_sites_stays_export(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo", "--seed", "2"]).status.success());
    let years = stdout(&cli.run(&["year", "list", "--program", "GS"]));
    let year = years
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let pdf = cli.dir.join("schedule.pdf");
    let run = cli.run(&[
        "report",
        "schedule",
        "--program",
        "GS",
        "--year",
        &year,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout(&run).starts_with(&format!("Wrote {}", pdf.display())));
    assert_eq!(&std::fs::read(&pdf).unwrap()[..5], b"%PDF-");

    let csv = cli.dir.join("site.csv");
    let run = cli.run(&[
        "schedule",
        "export",
        "--site",
        "RUH-SICU",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let stays = text.lines().count() - 1;
    assert!(stays > 0);
    assert!(
        stdout(&run).contains(&format!("({stays} stays)")),
        "{}",
        stdout(&run)
    );
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains(",SICU,Surgical ICU,")),
        "{text}"
    );

    let run = cli.run(&[
        "schedule",
        "export",
        "--site",
        "NOWHERE",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
}
