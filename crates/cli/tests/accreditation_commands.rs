//! The accreditation summary through the real `rotunda` binary: the demo's current year is
//! written as a PDF and the command says where, how many pages and how long it took; a year the
//! program does not have is not found (exit code 3) and nothing is written.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Cli, stdout};
use sqlx::PgPool;

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_summary_of_a_year_is_written_and_an_unknown_year_is_not_found(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let year: String = sqlx::query_scalar("select name from academic_years where is_current")
        .fetch_one(&pool)
        .await
        .unwrap();
    let out = cli.dir.join("accreditation.pdf");
    let path = out.to_str().unwrap();
    let args = |year: &str| {
        [
            "report",
            "accreditation",
            "--program",
            "GS",
            "--year",
            year,
            "--out",
            path,
        ]
        .map(str::to_string)
    };
    let run = cli.run(&args(&year).each_ref().map(String::as_str));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let said = stdout(&run);
    assert!(said.starts_with(&format!("Wrote {path} (")), "{said}");
    assert!(
        said.contains(" pages, ") && said.trim_end().ends_with(" s."),
        "{said}"
    );
    assert_eq!(&std::fs::read(&out).unwrap()[..5], b"%PDF-");

    std::fs::remove_file(&out).unwrap();
    let run = cli.run(&args("1999-2000").each_ref().map(String::as_str));
    assert_eq!(run.status.code(), Some(3), "{}", stdout(&run));
    assert!(!out.exists(), "nothing is written for an unknown year");
}
