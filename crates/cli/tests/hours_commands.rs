//! Work hours imported through the real `rotunda` binary: a bad row (an overlap inside the file)
//! is named by line and column with exit code 2 and nothing written; the fixed file is written,
//! pending approval and marked as imported; the same file again adds nothing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Cli, stdout};
use sqlx::PgPool;

async fn count(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from work_hour_entries")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn hours_are_checked_then_imported_once(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let email: String = sqlx::query_scalar(
        "select u.email::text from residents r join users u on u.id = r.user_id order by u.email limit 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let before = count(&pool).await;
    // Long before the demo's own hours, so nothing stored is in the way.
    let file = |second_start: &str, second_end: &str| {
        let path = cli.dir.join(format!(
            "hours-{}.csv",
            second_start.replace([':', ' '], "")
        ));
        std::fs::write(
            &path,
            format!(
                "Resident,Duty Type,Clock In,Clock Out,Comments\n\
                 {email},In-house call,2025-03-02 07:00,2025-03-03 09:00,\"Trauma, busy\"\n\
                 {email},shift,{second_start},{second_end},\n"
            ),
        )
        .unwrap();
        path
    };

    let bad = file("2025-03-03 06:00", "2025-03-03 18:00");
    let run = cli.run(&["hours", "import", bad.to_str().unwrap(), "--program", "GS"]);
    assert_eq!(run.status.code(), Some(2));
    let said = stdout(&run);
    assert!(
        said.contains("2 rows: 1 new, 0 already there, 1 with problems"),
        "{said}"
    );
    assert!(
        said.contains("line     3  Clock In: Overlaps line 2 for this resident"),
        "{said}"
    );
    assert_eq!(count(&pool).await, before);

    let good = file("2025-03-04 06:00", "2025-03-04 18:00");
    let run = cli.run(&["hours", "import", good.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(count(&pool).await, before + 2);
    let (pending, imported): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where status = 'pending'), count(*) filter (where entry_method = 'import')
         from work_hour_entries where starts_at < '2025-04-01'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((pending, imported), (2, 2));

    let again = stdout(&cli.run(&["hours", "import", good.to_str().unwrap()]));
    assert!(
        again.contains("2 rows: 0 new, 2 already there, 0 with problems"),
        "{again}"
    );
    assert_eq!(count(&pool).await, before + 2);

    // The compliance report, for the program and for one resident; an unknown one is not found.
    let out = cli.dir.join("hours.pdf");
    let args = |resident: Option<&str>| {
        let mut a = vec![
            "report".to_string(),
            "hours".into(),
            "--program".into(),
            "GS".into(),
            "--from".into(),
            "2025-02-01".into(),
            "--to".into(),
            "2025-03-31".into(),
            "--out".into(),
            out.to_str().unwrap().into(),
        ];
        if let Some(r) = resident {
            a.extend(["--resident".to_string(), r.to_string()]);
        }
        a
    };
    let run_with = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        cli.run(&refs)
    };
    let run = run_with(args(None));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout(&run).starts_with(&format!("Wrote {}", out.display())));
    assert_eq!(&std::fs::read(&out).unwrap()[..5], b"%PDF-");
    assert!(run_with(args(Some(&email))).status.success());
    assert_eq!(
        run_with(args(Some("nobody@example.org"))).status.code(),
        Some(3)
    );
}
