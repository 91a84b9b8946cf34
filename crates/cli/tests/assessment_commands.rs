//! EPA assessments imported through the real `rotunda` binary: a dry run writes nothing, a bad row
//! is named by line and column with exit code 2 and nothing written, a good file is written and
//! counted in the analytics view, and the same file again adds nothing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Cli, stdout};
use sqlx::PgPool;

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_file_is_checked_then_imported_once(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let (resident, assessor): (String, String) = sqlx::query_as(
        "select (select u.email::text from residents r join users u on u.id = r.user_id order by u.email limit 1),
                (select u.email::text from faculty f join users u on u.id = f.user_id order by u.email limit 1)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let before = count(&pool, "select count(*) from epa_assessments").await;
    let viewed = || {
        count(
            &pool,
            "select sum(assessments)::bigint from resident_epa_progress",
        )
    };
    let in_view = viewed().await;
    let file = |level: u8| {
        let path = cli.dir.join(format!("epa-{level}.csv"));
        std::fs::write(
            &path,
            format!(
                "resident_email,assessor_email,epa,phase,date,level,narrative\n\
                 {resident},{assessor},EPA 4,intra-op,2026-09-14,3,Steady hands\n\
                 {resident},{assessor},4,post-op,2026-09-14,{level},\n"
            ),
        )
        .unwrap();
        path
    };

    let bad = file(9);
    let run = cli.run(&[
        "assessments",
        "import",
        bad.to_str().unwrap(),
        "--program",
        "GS",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let said = stdout(&run);
    assert!(
        said.contains("2 rows: 1 new, 0 already there, 1 with problems"),
        "{said}"
    );
    assert!(
        said.contains("line     3  level: 9 is not an entrustment level"),
        "{said}"
    );
    assert_eq!(
        count(&pool, "select count(*) from epa_assessments").await,
        before
    );

    let good = file(2);
    let dry = cli.run(&["assessments", "import", good.to_str().unwrap(), "--dry-run"]);
    assert!(dry.status.success());
    assert!(stdout(&dry).contains("Dry run: nothing was written."));
    assert_eq!(
        count(&pool, "select count(*) from epa_assessments").await,
        before
    );

    let run = cli.run(&["assessments", "import", good.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout(&run).contains("Imported into GS."));
    assert_eq!(
        count(&pool, "select count(*) from epa_assessments").await,
        before + 2
    );
    assert_eq!(viewed().await, in_view + 2, "the view is refreshed");

    let again = stdout(&cli.run(&["assessments", "import", good.to_str().unwrap()]));
    assert!(
        again.contains("2 rows: 0 new, 2 already there, 0 with problems"),
        "{again}"
    );
    assert_eq!(
        count(&pool, "select count(*) from epa_assessments").await,
        before + 2
    );
}
