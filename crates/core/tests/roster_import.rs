//! Roster CSV import and export against a real database: every bad file gives its row-level
//! report and writes nothing; a good file imports; the same file again changes nothing; export
//! then import round-trips.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::ids::ProgramId;
use rotunda_core::people::roster::{
    ImportMode, ImportReport, RosterKind, RowOutcome, import_roster, roster_csv,
};
use rotunda_core::people::{NewResidentInput, service};
use sqlx::PgPool;

const HEADER: &str = "email,first_name,last_name,pgy_level,matriculation_date,expected_graduation_date,medical_school";

async fn import(
    pool: &PgPool,
    program: ProgramId,
    kind: RosterKind,
    text: &str,
    mode: ImportMode,
) -> ImportReport {
    import_roster(pool, &common::actor(), program, kind, text, mode, &|_| {})
        .await
        .unwrap()
}

/// Rows in the tables an import touches, and audit rows: a count that moves means a write.
async fn footprint(pool: &PgPool) -> (i64, i64, i64, i64, i64) {
    sqlx::query_as(
        "select (select count(*) from users), (select count(*) from residents),
                (select count(*) from faculty), (select count(*) from program_memberships),
                (select count(*) from audit_logs)",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

fn good_rows() -> String {
    format!(
        "{HEADER}\n\
         jose.nunez@example.org,José,Núñez,1,2026-07-01,2031-06-30,Universidad de Chile\n\
         zoe@example.org,Zoë,Ødegaard,PGY-2,7/1/2025,6/30/2030,\"Oslo, Faculty of Medicine\"\n\
         wei@example.org,伟,王,3,,,\n"
    )
}

struct BadFile {
    name: &'static str,
    text: String,
    /// (line, column, words in the reason), or line 0 for a problem with the file itself.
    expect: Vec<(u32, &'static str, &'static str)>,
}

fn bad_files() -> Vec<BadFile> {
    let ok = "ok@example.org,Ana,Ok,1,2026-07-01,,";
    vec![
        BadFile {
            name: "bad date",
            text: format!("{HEADER}\n{ok}\nb@example.org,Bo,Bad,2,2026-02-30,,\n"),
            expect: vec![(3, "matriculation_date", "not a date")],
        },
        BadFile {
            name: "unknown PGY",
            text: format!("{HEADER}\n{ok}\nc@example.org,Cy,Bad,R3,,,\n"),
            expect: vec![(3, "pgy_level", "Unknown PGY level 'R3'")],
        },
        BadFile {
            name: "duplicate e-mail inside the file",
            text: format!("{HEADER}\n{ok}\nOK@Example.org,Ana,Ok,2,,,\n"),
            expect: vec![(3, "email", "also on line 2")],
        },
        BadFile {
            name: "duplicate e-mail against the database",
            text: format!("{HEADER}\n{ok}\ntaken@example.org,Someone,Else,2,,,\n"),
            expect: vec![(3, "email", "already belongs to Zoë Ødegaard")],
        },
        BadFile {
            name: "missing required field",
            text: format!("{HEADER}\n{ok}\nd@example.org,,Blank,2,,,\n"),
            expect: vec![(3, "first_name", "Missing")],
        },
        BadFile {
            name: "missing column",
            text: "email,first_name,last_name\na@example.org,A,B\n".to_string(),
            expect: vec![(0, "pgy_level", "no 'pgy_level' column")],
        },
        BadFile {
            name: "empty file",
            text: String::new(),
            expect: vec![(0, "", "empty")],
        },
        BadFile {
            name: "a header and no rows",
            text: format!("{HEADER}\r\n"),
            expect: vec![(0, "", "no rows")],
        },
        BadFile {
            name: "BOM, CRLF and a bad row",
            text: format!("\u{feff}{HEADER}\r\n{ok}\r\ne@example.org,Ed,Bad,11,,,\r\n"),
            expect: vec![(3, "pgy_level", "Unknown PGY level '11'")],
        },
        BadFile {
            name: "extra columns, graduation before matriculation",
            text: format!(
                "{HEADER},Pager,NPI\n{ok},555,123\nf@example.org,Fay,Bad,1,2026-07-01,2025-06-30,,,\n"
            ),
            expect: vec![(3, "expected_graduation_date", "not after matriculation")],
        },
    ]
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn every_bad_file_reports_its_rows_and_writes_nothing(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    service::add_resident(
        &pool,
        &common::actor(),
        NewResidentInput {
            program_id: program.id,
            email: "Taken@Example.org".into(),
            first_name: "Zoë".into(),
            last_name: "Ødegaard".into(),
            pgy_level: 2,
        },
    )
    .await
    .unwrap();
    let before = footprint(&pool).await;

    for file in bad_files() {
        for mode in [ImportMode::Preview, ImportMode::Apply] {
            let report = import(&pool, program.id, RosterKind::Residents, &file.text, mode).await;
            assert!(!report.applied, "{}: applied", file.name);
            assert!(!report.is_valid(), "{}: valid", file.name);
            for (line, column, words) in &file.expect {
                if *line == 0 {
                    assert!(
                        report
                            .file_problems
                            .iter()
                            .any(|p| p.column.as_deref().unwrap_or("") == *column
                                && p.message.contains(words)),
                        "{}: {:?}",
                        file.name,
                        report.file_problems
                    );
                } else {
                    let row = report.rows.iter().find(|r| r.line == *line).unwrap();
                    assert_eq!(row.outcome, RowOutcome::Invalid, "{}", file.name);
                    assert!(
                        row.problems
                            .iter()
                            .any(|p| p.column == *column && p.message.contains(words)),
                        "{}: {:?}",
                        file.name,
                        row.problems
                    );
                    let others_bad = report
                        .rows
                        .iter()
                        .filter(|r| r.line != *line)
                        .any(|r| !r.problems.is_empty());
                    assert!(!others_bad, "{}: only line {line} is bad", file.name);
                }
            }
            assert_eq!(
                footprint(&pool).await,
                before,
                "{}: wrote something",
                file.name
            );
        }
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn extra_columns_are_named_and_ignored(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let text = "E-Mail , First Name,LAST NAME,PGY,Pager\r\nana@example.org,Ana,Lima,2,555\r\n";
    let report = import(
        &pool,
        program.id,
        RosterKind::Residents,
        text,
        ImportMode::Apply,
    )
    .await;
    assert!(report.applied);
    assert_eq!(report.ignored_columns, vec!["Pager"]);
    assert_eq!(report.new_rows, 1);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_good_file_imports_and_the_same_file_again_changes_nothing(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let text = good_rows();

    let preview = import(
        &pool,
        program.id,
        RosterKind::Residents,
        &text,
        ImportMode::Preview,
    )
    .await;
    assert!(preview.is_valid() && !preview.applied);
    assert_eq!(preview.new_rows, 3);
    let empty = footprint(&pool).await;
    assert_eq!(empty.0, 0, "the preview wrote users");

    let applied = import(
        &pool,
        program.id,
        RosterKind::Residents,
        &text,
        ImportMode::Apply,
    )
    .await;
    assert!(applied.applied);
    assert_eq!((applied.new_rows, applied.updated_rows), (3, 0));
    let people = service::list_people(&pool, program.id).await.unwrap();
    let zoe = people
        .iter()
        .find(|p| p.email == "zoe@example.org")
        .unwrap();
    assert_eq!(
        (zoe.name.as_str(), zoe.pgy_level),
        ("Zoë Ødegaard", Some(2))
    );
    assert!(
        people
            .iter()
            .any(|p| p.name == "伟 王" && p.pgy_level == Some(3))
    );

    let after = footprint(&pool).await;
    let again = import(
        &pool,
        program.id,
        RosterKind::Residents,
        &text,
        ImportMode::Apply,
    )
    .await;
    assert!(again.applied);
    assert_eq!(
        (again.new_rows, again.updated_rows, again.unchanged_rows),
        (0, 0, 3)
    );
    assert_eq!(footprint(&pool).await, after, "the same file wrote again");

    // The same people in another case, one promoted: one update, named in words.
    let promoted = text.replace(
        "zoe@example.org,Zoë,Ødegaard,PGY-2",
        "ZOE@EXAMPLE.ORG,zoë,ødegaard,PGY-3",
    );
    let update = import(
        &pool,
        program.id,
        RosterKind::Residents,
        &promoted,
        ImportMode::Apply,
    )
    .await;
    assert_eq!((update.updated_rows, update.unchanged_rows), (1, 2));
    let row = update
        .rows
        .iter()
        .find(|r| r.outcome == RowOutcome::Update)
        .unwrap();
    assert_eq!(row.changes, vec!["PGY level: 2 → 3"]);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_faculty_member_who_is_also_a_resident_keeps_both_roles(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    import(
        &pool,
        program.id,
        RosterKind::Residents,
        &good_rows(),
        ImportMode::Apply,
    )
    .await;
    let faculty = "Email,First Name,Last Name,Rank,Core Faculty,Teaching %\n\
                   jose.nunez@example.org,José,Núñez,Instructor,yes,20%\n\
                   ines@example.org,Inès,Fabre,Associate Professor,no,\n";
    let report = import(
        &pool,
        program.id,
        RosterKind::Faculty,
        faculty,
        ImportMode::Apply,
    )
    .await;
    assert!(report.applied, "{:?}", report.rows);
    assert_eq!(report.new_rows, 2);
    let people = service::list_people(&pool, program.id).await.unwrap();
    let jose = people
        .iter()
        .find(|p| p.email == "jose.nunez@example.org")
        .unwrap();
    assert_eq!(jose.roles, vec!["faculty", "resident"]);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn export_then_import_round_trips(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    import(
        &pool,
        program.id,
        RosterKind::Residents,
        &good_rows(),
        ImportMode::Apply,
    )
    .await;
    let faculty = "email,first_name,last_name,phone,rank,department,specialty,core_faculty,teaching_percentage,start_date\n\
                   ines@example.org,Inès,Fabre,+33 1 23,professor,Surgery,\"Colorectal, Surgery\",yes,35,2020-09-01\n";
    import(
        &pool,
        program.id,
        RosterKind::Faculty,
        faculty,
        ImportMode::Apply,
    )
    .await;

    for kind in [RosterKind::Residents, RosterKind::Faculty] {
        let (csv, rows) = roster_csv(&pool, program.id, kind).await.unwrap();
        assert!(rows > 0);
        let before = footprint(&pool).await;
        let report = import(&pool, program.id, kind, &csv, ImportMode::Apply).await;
        assert!(report.applied, "{kind:?}: {:?}", report.rows);
        assert_eq!(report.unchanged_rows, rows, "{kind:?}: {csv}");
        assert_eq!(footprint(&pool).await, before);
        let (again, _) = roster_csv(&pool, program.id, kind).await.unwrap();
        assert_eq!(again, csv);
    }
    let (faculty_csv, _) = roster_csv(&pool, program.id, RosterKind::Faculty)
        .await
        .unwrap();
    assert!(faculty_csv.contains("ines@example.org,Inès,Fabre,+33 1 23,professor,Surgery,\"Colorectal, Surgery\",yes,35,2020-09-01"), "{faculty_csv}");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn ten_thousand_rows_import_in_one_transaction(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let mut text = String::from("email,first_name,last_name,pgy_level\r\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "r{i}@example.org,Résident,Nº{i},{}\r\n",
            i % 5 + 1
        ));
    }
    let bad = text.replace(
        "r9999@example.org,Résident,Nº9999,5",
        "r9999@example.org,Résident,Nº9999,PGY-0",
    );
    let report = import(
        &pool,
        program.id,
        RosterKind::Residents,
        &bad,
        ImportMode::Apply,
    )
    .await;
    assert!(!report.applied);
    assert_eq!(report.invalid_rows, 1);
    let bad_row = report
        .rows
        .iter()
        .find(|r| r.outcome == RowOutcome::Invalid)
        .unwrap();
    assert_eq!(bad_row.line, 10_001);
    assert_eq!(bad_row.problems[0].column, "pgy_level");
    assert_eq!(footprint(&pool).await.0, 0);

    let progress = std::sync::Mutex::new(Vec::new());
    let report = import_roster(
        &pool,
        &common::actor(),
        program.id,
        RosterKind::Residents,
        &text,
        ImportMode::Apply,
        &|p| progress.lock().unwrap().push(p),
    )
    .await
    .unwrap();
    assert!(report.applied);
    assert_eq!(report.new_rows, 10_000);
    assert_eq!(report.rows.len(), 1000, "the report carries a sample");
    assert_eq!(report.rows_left_out, 9000);
    let (users, residents, _, memberships, _) = footprint(&pool).await;
    assert_eq!((users, residents, memberships), (10_000, 10_000, 10_000));
    let progress = progress.into_inner().unwrap();
    let last = progress.last().unwrap();
    assert_eq!((last.done, last.total), (30_000, 30_000));
    assert!(progress.windows(2).all(|w| w[0].done < w[1].done));
}
