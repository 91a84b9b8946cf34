//! The milestone reports and the ADS export through the real `rotunda` binary: last spring's
//! resident report (found by e-mail in any case), program summary and CSV are written; a bad
//! period, an unknown resident and a missing choice of report are refused with their exit codes.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Cli, stdout};
use sqlx::PgPool;

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn last_springs_reports_and_levels_are_written_and_bad_input_is_named(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let years = stdout(&cli.run(&["year", "list", "--program", "GS"]));
    // The year before the current one: its spring is the last period with levels.
    let last = years
        .lines()
        .nth(2)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let period = format!("{last}-spring");
    let email: String = sqlx::query_scalar(
        "select u.email::text from residents r join users u on u.id = r.user_id
         where r.pgy_level = 3 order by u.email limit 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let ok = |args: &[&str]| {
        let run = cli.run(args);
        assert!(
            run.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        stdout(&run)
    };

    let resident = cli.dir.join("reports").join("resident.pdf");
    let said = ok(&[
        "report",
        "milestones",
        "--resident",
        &email.to_uppercase(),
        "--period",
        &period,
        "--out",
        resident.to_str().unwrap(),
    ]);
    assert!(
        said.starts_with(&format!("Wrote {}", resident.display())),
        "{said}"
    );
    assert_eq!(&std::fs::read(&resident).unwrap()[..5], b"%PDF-");

    let summary = cli.dir.join("summary.pdf");
    let said = ok(&[
        "--json",
        "report",
        "milestones",
        "--program",
        "GS",
        "--period",
        &period,
        "--out",
        summary.to_str().unwrap(),
    ]);
    let file: serde_json::Value = serde_json::from_str(&said).unwrap();
    assert!(
        file["pages"].as_u64().unwrap() >= 4,
        "a page per PGY: {file}"
    );

    let csv = cli.dir.join("levels.csv");
    let said = ok(&[
        "milestones",
        "export",
        "--program",
        "GS",
        "--period",
        &period,
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(said.contains("17 subcompetencies"), "{said}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("Last Name,First Name,E-mail,PGY,PC1,"),
        "{text}"
    );
    assert!(text.contains(&email), "the PGY-3 resident has a row");

    let bad = cli.run(&[
        "milestones",
        "export",
        "--program",
        "GS",
        "--period",
        "spring",
        "--out",
        "x.csv",
    ]);
    assert_eq!(bad.status.code(), Some(2), "an input error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a period"));
    let nobody = cli.run(&[
        "report",
        "milestones",
        "--resident",
        "nobody@example.org",
        "--period",
        &period,
        "--out",
        "x.pdf",
    ]);
    assert_eq!(nobody.status.code(), Some(3), "no such resident");
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("nobody@example.org"));
    let old = cli.run(&[
        "report",
        "milestones",
        "--program",
        "GS",
        "--period",
        "1999-2000-fall",
        "--out",
        "x.pdf",
    ]);
    assert_eq!(old.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&old.stderr).contains("no academic year named 1999-2000"));
    let neither = cli.run(&[
        "report",
        "milestones",
        "--period",
        &period,
        "--out",
        "x.pdf",
    ]);
    assert!(
        !neither.status.success(),
        "a resident or a program is needed"
    );
    assert!(String::from_utf8_lossy(&neither.stderr).contains("--program"));
}
