//! The people and programs commands through the real `rotunda` binary, on a fresh database of
//! the test PostgreSQL: demo, roster import (a bad file exits 2 and writes nothing) and export,
//! year rollover with --dry-run, its undo, and the exit codes of what is refused.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use sqlx::PgPool;

struct Cli {
    url: String,
    dir: PathBuf,
}

impl Cli {
    /// The binary pointed at the test's own database (same server as DATABASE_URL).
    fn new(pool: &PgPool) -> Self {
        let server = std::env::var("DATABASE_URL").expect("DATABASE_URL names the test PostgreSQL");
        let (base, query) = server
            .split_once('?')
            .map_or((server.as_str(), None), |(b, q)| (b, Some(q)));
        let base = &base[..base.rfind('/').unwrap()];
        let db = pool.connect_options().get_database().unwrap().to_string();
        let url = match query {
            Some(q) => format!("{base}/{db}?{q}"),
            None => format!("{base}/{db}"),
        };
        let dir = std::env::temp_dir().join(format!("rotunda-cli-people-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        Cli { url, dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_rotunda"))
            .arg("--database-url")
            .arg(&self.url)
            .args(args)
            .env("ROTUNDA_CONFIG_DIR", self.dir.join("config"))
            .env("ROTUNDA_DATA_DIR", self.dir.join("data"))
            .output()
            .unwrap()
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

impl Drop for Cli {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

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
