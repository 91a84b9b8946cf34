//! The people and programs commands through the real `rotunda` binary, on a fresh database of
//! the test PostgreSQL: demo, roster import (a bad file exits 2 and writes nothing) and export,
//! year rollover with --dry-run, its undo, and the exit codes of what is refused.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Cli, stdout};
use sqlx::PgPool;

async fn residents(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from residents")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn demo_roster_and_rollover_from_the_command_line(pool: PgPool) {
    let cli = Cli::new(&pool);
    let demo = cli.run(&["demo", "--seed", "3"]);
    assert_eq!(
        demo.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    assert!(
        stdout(&demo).contains("40 residents, 25 faculty, 6 sites"),
        "{}",
        stdout(&demo)
    );
    assert_eq!(
        cli.run(&["demo"]).status.code(),
        Some(4),
        "a second GS is a conflict"
    );

    let bad = cli.file(
        "bad.csv",
        "email,first_name,last_name,pgy\nana@example.org,Ana,Lima,2\nbo@example.org,Bo,Ng,R2\n",
    );
    let out = cli.run(&["roster", "import", "residents", &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("line     3  pgy: Unknown PGY level 'R2'"),
        "{}",
        stdout(&out)
    );
    assert_eq!(residents(&pool).await, 40);

    let good = cli.file(
        "good.csv",
        "email,first_name,last_name,pgy\nana@example.org,Ana,Lima,2\nbo@example.org,Bo,Ng,3\n",
    );
    let dry = cli.run(&["roster", "import", "residents", &good, "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0));
    assert!(
        stdout(&dry).contains("2 rows: 2 new") && stdout(&dry).contains("Dry run"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(residents(&pool).await, 40);
    let done = cli.run(&["roster", "import", "residents", &good]);
    assert_eq!(done.status.code(), Some(0));
    assert_eq!(residents(&pool).await, 42);

    let out_csv = cli.dir.join("out.csv").display().to_string();
    let export = cli.run(&[
        "roster",
        "export",
        "residents",
        "--program",
        "gs",
        "--out",
        &out_csv,
    ]);
    assert_eq!(export.status.code(), Some(0));
    assert!(
        stdout(&export).contains("Wrote 42 residents to"),
        "{}",
        stdout(&export)
    );
    let text = std::fs::read_to_string(&out_csv).unwrap();
    assert!(text.starts_with("email,first_name,last_name,phone,pgy_level,"));
    assert!(text.contains("bo@example.org,Bo,Ng,,3,3,"));

    let preview = cli.run(&["--json", "year", "rollover", "--program", "GS", "--dry-run"]);
    assert_eq!(preview.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&preview.stdout).unwrap();
    assert_eq!(json["graduating"], 9);
    assert_eq!(json["promoted"], 31);
    let applied = cli.run(&["year", "rollover", "--program", "GS"]);
    assert_eq!(applied.status.code(), Some(0));
    assert!(
        stdout(&applied).starts_with("Rolled over "),
        "{}",
        stdout(&applied)
    );
    let completed: i64 =
        sqlx::query_scalar("select count(*) from residents where status = 'completed'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(completed, 9);
    assert_eq!(
        cli.run(&["year", "undo-rollover", "--program", "GS"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        cli.run(&["year", "undo-rollover", "--program", "GS"])
            .status
            .code(),
        Some(3)
    );
    let completed: i64 =
        sqlx::query_scalar("select count(*) from residents where status = 'completed'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(completed, 0);
}
