//! EPA assessments from CSV, the program's list and the form's choices, against a real database on
//! the demo program: a file with one bad row writes nothing and names the row, the column and the
//! reason; a good file is written in one go with the rotation of each day; the same file again
//! changes nothing; lists filter and count; and the background refresher brings the analytics
//! views up to date after a write.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::assessment::analytics::Refresher;
use rotunda_core::assessment::epa::EpaFilter;
use rotunda_core::assessment::epa_choices;
use rotunda_core::assessment::epa_import_store::import_epa_assessments;
use rotunda_core::assessment::{epa_store, reference_store};
use rotunda_core::demo;
use rotunda_core::ids::{ProgramId, ResidentId};
use rotunda_core::people::roster::{ImportMode, RowOutcome};
use sqlx::PgPool;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

struct Fixture {
    program: ProgramId,
    resident: ResidentId,
    resident_email: String,
    assessor_email: String,
    /// A past day the resident was on a rotation, and its code.
    day: NaiveDate,
    rotation: String,
}

/// The demo without its assessments, a resident on a rotation on a past day, and a faculty member.
async fn demo(pool: &PgPool) -> Fixture {
    reference_store::install_shipped(pool).await.unwrap();
    let summary = demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap();
    sqlx::query("truncate epa_assessment_tags, epa_assessments")
        .execute(pool)
        .await
        .unwrap();
    epa_store::refresh_analytics(pool).await.unwrap();
    let (resident, email, day, rotation): (Uuid, String, NaiveDate, String) = sqlx::query_as(
        "select r.id, u.email::text, a.start_date, t.code::text
         from rotation_assignments a join residents r on r.id = a.resident_id
         join users u on u.id = r.user_id join rotation_types t on t.id = a.rotation_type_id
         where a.end_date < $1 order by a.start_date, r.id limit 1",
    )
    .bind(today())
    .fetch_one(pool)
    .await
    .unwrap();
    let assessor_email: String = sqlx::query_scalar(
        "select u.email::text from faculty f join users u on u.id = f.user_id
         where f.program_id = $1 order by f.id limit 1",
    )
    .bind(summary.program.id.0)
    .fetch_one(pool)
    .await
    .unwrap();
    Fixture {
        program: summary.program.id,
        resident: ResidentId(resident),
        resident_email: email,
        assessor_email,
        day,
        rotation,
    }
}

async fn stored(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from epa_assessments")
        .fetch_one(pool)
        .await
        .unwrap()
}

fn file(f: &Fixture, third_level: &str) -> String {
    let (r, a, d) = (&f.resident_email, &f.assessor_email, f.day);
    format!(
        "\u{feff}Resident Email,Assessor Email,EPA,Phase,Date,Entrustment Level,Comments,Strengths\r\n\
         {r},{a},EPA 1,Preoperative,{d},2,\"Clear plan, discussed risks\",\r\n\
         {r},{a},3,intra-op,{d},3,Good exposure,\r\n\
         {},{a},EPA 2,Postoperative,{d},{third_level},,\r\n",
        r.to_uppercase()
    )
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_file_with_a_bad_row_writes_nothing_and_a_good_one_writes_every_row_once(pool: PgPool) {
    let f = demo(&pool).await;
    let import = |text: String, mode| {
        let pool = pool.clone();
        async move {
            import_epa_assessments(
                &pool,
                &common::actor(),
                f.program,
                &text,
                mode,
                today(),
                &|_| {},
            )
            .await
            .unwrap()
        }
    };

    // Level 5 is off the set's four-level scale: that row is named, and applying writes nothing.
    let report = import(file(&f, "5"), ImportMode::Apply).await;
    assert!(!report.applied);
    assert_eq!(
        (report.total_rows, report.new_rows, report.invalid_rows),
        (3, 2, 1)
    );
    let bad = report
        .rows
        .iter()
        .find(|r| r.outcome == RowOutcome::Invalid)
        .unwrap();
    assert_eq!(bad.line, 4);
    assert_eq!(bad.problems[0].column, "Entrustment Level");
    assert!(
        bad.problems[0].message.contains("1 to 4"),
        "{}",
        bad.problems[0].message
    );
    assert_eq!(stored(&pool).await, 0);

    // Unknown people, EPAs and tags are named too.
    let unknown = format!(
        "resident_email,assessor_email,epa,phase,date,level,went_well\n\
         nobody@example.org,{},EPA 40,pre-op,{},2,Telepathy\n",
        f.assessor_email, f.day
    );
    let report = import(unknown, ImportMode::Preview).await;
    let columns: Vec<&str> = report.rows[0]
        .problems
        .iter()
        .map(|p| p.column.as_str())
        .collect();
    assert_eq!(columns, ["resident_email", "epa", "went_well"]);

    // Fixed, the file is written whole, each assessment on the rotation of its day.
    let report = import(file(&f, "4"), ImportMode::Apply).await;
    assert!(report.applied, "{:?}", report.rows);
    assert_eq!(report.new_rows, 3);
    assert_eq!(stored(&pool).await, 3);
    let mine = epa_store::of_resident(&pool, f.resident).await.unwrap();
    assert_eq!(mine.len(), 3);
    assert!(mine.iter().all(|a| a.entry_method == "import"));
    assert!(
        mine.iter()
            .all(|a| a.rotation_code.as_deref() == Some(f.rotation.as_str()))
    );
    assert!(
        mine.iter()
            .any(|a| a.narrative.as_deref() == Some("Clear plan, discussed risks"))
    );

    // The same file again: every row is already there, nothing is added.
    let report = import(file(&f, "4"), ImportMode::Apply).await;
    assert_eq!((report.new_rows, report.duplicate_rows), (0, 3));
    assert_eq!(stored(&pool).await, 3);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_file_missing_a_required_column_is_refused_before_any_row(pool: PgPool) {
    let f = demo(&pool).await;
    let report = import_epa_assessments(
        &pool,
        &common::actor(),
        f.program,
        "resident_email,assessor_email,epa,phase,date\nx@y.org,z@y.org,1,pre,2026-10-01\n",
        ImportMode::Apply,
        today(),
        &|_| {},
    )
    .await
    .unwrap();
    assert!(!report.applied);
    assert_eq!(report.file_problems.len(), 1);
    assert_eq!(report.file_problems[0].column.as_deref(), Some("level"));
    assert_eq!(report.total_rows, 0);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_list_filters_and_counts_and_the_refresher_updates_the_views(pool: PgPool) {
    let f = demo(&pool).await;
    let refresher = Refresher::spawn(pool.clone());
    import_epa_assessments(
        &pool,
        &common::actor(),
        f.program,
        &file(&f, "4"),
        ImportMode::Apply,
        today(),
        &|_| {},
    )
    .await
    .unwrap();

    let everything = epa_store::list(&pool, f.program, &EpaFilter::default(), 2, 0)
        .await
        .unwrap();
    assert_eq!((everything.total, everything.rows.len()), (3, 2));
    let choices = epa_choices::choices(&pool, f.program).await.unwrap();
    let epa3 = choices.epas.iter().find(|e| e.number == 3).unwrap();
    let only3 = EpaFilter {
        epa_id: Some(epa3.id),
        ..EpaFilter::default()
    };
    let page = epa_store::list(&pool, f.program, &only3, 50, 0)
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].epa_number, 3);
    let later = EpaFilter {
        from: Some((f.day + chrono::Days::new(1)).to_string()),
        ..EpaFilter::default()
    };
    assert_eq!(
        epa_store::list(&pool, f.program, &later, 50, 0)
            .await
            .unwrap()
            .total,
        0
    );
    let backwards = EpaFilter {
        from: Some("2026-10-02".into()),
        to: Some("2026-10-01".into()),
        ..EpaFilter::default()
    };
    let err = epa_store::list(&pool, f.program, &backwards, 50, 0)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("to"));

    // The form offers the set's four levels and each EPA's phases.
    assert_eq!(
        choices.levels.iter().map(|l| l.level).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert!(choices.epas.iter().all(|e| !e.phases.is_empty()));
    assert!(choices.residents.iter().any(|r| r.id == f.resident));

    // The views still show nothing until the refresher has run after the ask.
    let progress = || async {
        sqlx::query_scalar::<_, i64>(
            "select coalesce(sum(assessments), 0)::bigint from resident_epa_progress",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    assert_eq!(progress().await, 0);
    let seen = refresher.finished();
    refresher.request();
    refresher.wait_past(seen).await;
    assert_eq!(progress().await, 3);
    refresher.stop();
}
