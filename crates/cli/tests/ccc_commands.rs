//! The CCC packet through the real `rotunda` binary: last spring's meeting of the demo program as
//! a PDF, and a period with no meeting or no such shape refused with the right exit codes.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Cli, stdout};
use sqlx::PgPool;

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_packet_of_a_period_is_written_and_bad_periods_are_named(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let years = stdout(&cli.run(&["year", "list", "--program", "GS"]));
    // The year before the current one: its spring meeting is the last completed.
    let last = years
        .lines()
        .nth(2)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let pdf = cli.dir.join("packets").join("spring.pdf");
    let period = format!("{last}-spring");
    let run = cli.run(&[
        "report",
        "ccc-packet",
        "--program",
        "GS",
        "--period",
        &period,
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

    let bad = cli.run(&[
        "report",
        "ccc-packet",
        "--program",
        "GS",
        "--period",
        "spring",
        "--out",
        "x.pdf",
    ]);
    assert_eq!(bad.status.code(), Some(2), "an input error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a period"));
    let none = cli.run(&[
        "report",
        "ccc-packet",
        "--program",
        "GS",
        "--period",
        "1999-2000-fall",
        "--out",
        "x.pdf",
    ]);
    assert_eq!(none.status.code(), Some(3), "nothing found");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_ccc_benchmark_runs_small_and_prints_its_figures(pool: PgPool) {
    let cli = Cli::new(&pool);
    let run = cli.run(&[
        "--json",
        "bench",
        "ccc",
        "--residents",
        "44",
        "--per-resident",
        "5",
        "--progress-rows",
        "6000",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let figures: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(figures["residents"], 44);
    assert!(figures["packetPages"].as_u64().unwrap() > 44);
    assert!(figures["progressRows"].as_i64().unwrap() >= 6000);
    assert!(figures["packetMedianSeconds"].as_f64().unwrap() > 0.0);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_program_imports_its_own_milestone_set_from_csv(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let good = cli.file(
        "milestones.csv",
        "Competency,Code,Name,Level 1,Level 2,Level 3,Level 4,Level 5\r\nPC,PC1,Evaluation,a,b,c,d,e\r\n",
    );
    let args = |file: &str, dry: bool| {
        let mut a = vec![
            "reference".to_string(),
            "import".into(),
            "milestones".into(),
            file.to_string(),
            "--program".into(),
            "GS".into(),
            "--specialty".into(),
            "general_surgery".into(),
            "--set-version".into(),
            "local-1".into(),
            "--name".into(),
            "Our milestones".into(),
        ];
        if dry {
            a.push("--dry-run".into());
        }
        a
    };
    let run = |a: Vec<String>| cli.run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let dry = run(args(&good, true));
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(stdout(&dry).contains("nothing written"));
    let sets = || async {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from milestone_sets where program_id is not null",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    assert_eq!(sets().await, 0);
    let done = run(args(&good, false));
    assert!(stdout(&done).contains("a new set"), "{}", stdout(&done));
    let again = run(args(&good, false));
    assert!(
        stdout(&again).contains("existing set"),
        "{}",
        stdout(&again)
    );
    assert_eq!(sets().await, 1);

    let bad = cli.file(
        "bad.csv",
        "competency,code,name,level 1,level 2,level 3,level 4,level 5\nPC,MK1,Wrong,a,b,c,d,e\n",
    );
    let refused = run(args(&bad, false));
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 2: the code 'MK1' must be PC"));
}
