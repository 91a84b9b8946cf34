//! Notification rules against a real database, on the demo program with each rule's situation
//! set by hand: exactly the expected rows, once per key however often the rules run; templates
//! checked when saved and used when raised; the centre's unread count and marking read.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, NaiveDate};
use rotunda_core::ErrorKind;
use rotunda_core::assessment::reference_store;
use rotunda_core::demo;
use rotunda_core::hours::entry::HourEntryInput;
use rotunda_core::hours::rules::EntryKind;
use rotunda_core::hours::store as hours;
use rotunda_core::ids::{ProgramId, ResidentId};
use rotunda_core::notify::NotificationKind;
use rotunda_core::notify::centre::{self, NotificationFilter};
use rotunda_core::notify::raise::ImportRefusal;
use sqlx::PgPool;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

async fn demo_program(pool: &PgPool) -> ProgramId {
    reference_store::install_shipped(pool).await.unwrap();
    demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap()
        .program
        .id
}

async fn exec(pool: &PgPool, sql: &'static str) {
    sqlx::query(sql).execute(pool).await.unwrap();
}

async fn keys(pool: &PgPool, kind: NotificationKind) -> Vec<String> {
    sqlx::query_scalar("select dedupe_key from notifications where kind = $1 order by dedupe_key")
        .bind(kind.as_str())
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn raise(pool: &PgPool, program: ProgramId) -> u64 {
    centre::raise_due(pool, &common::actor(), program, today())
        .await
        .unwrap()
}

/// The program's office today, counted from the memberships: two coordinators and a director.
async fn office(pool: &PgPool, program: ProgramId, roles: &[&str]) -> i64 {
    let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    sqlx::query_scalar(
        "select count(distinct user_id) from program_memberships
         where program_id = $1 and role = any($2) and ended_at is null",
    )
    .bind(program.0)
    .bind(&roles)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn each_rule_raises_exactly_its_rows_once(pool: PgPool) {
    let program = demo_program(&pool).await;
    let t = today();
    // The demo raised its own; start from a quiet program.
    exec(&pool, "delete from notifications").await;
    exec(
        &pool,
        "update participation_agreements set expiration_date = date '2027-12-31'",
    )
    .await;
    exec(
        &pool,
        "update rotation_assignments set supervisor_id = null",
    )
    .await;
    exec(&pool, "delete from work_hour_corrections").await;
    exec(&pool, "delete from work_hour_entries").await;
    exec(&pool, "update ccc_meetings set status = 'completed'").await;
    assert_eq!(
        raise(&pool, program).await,
        0,
        "a quiet program raises nothing"
    );

    let office_size = office(&pool, program, &["coordinator", "program_director"]).await;
    let directors = office(&pool, program, &["program_director"]).await;
    assert_eq!((office_size, directors), (3, 1));

    // An agreement 60 days from expiry: the 90-day notice to each of the office.
    let agreement: Uuid = sqlx::query_scalar(
        "select agreement_id from program_agreements where program_id = $1 order by 1 limit 1",
    )
    .bind(program.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query("update participation_agreements set expiration_date = $2 where id = $1")
        .bind(agreement)
        .bind(t + Duration::days(60))
        .execute(&pool)
        .await
        .unwrap();

    // The scheduled meeting: its members and chair are invited.
    let meeting: Uuid = sqlx::query_scalar(
        "update ccc_meetings set status = 'scheduled'
         where id = (select id from ccc_meetings where program_id = $1 order by meeting_date desc limit 1)
         returning id",
    )
    .bind(program.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    let invited: i64 = sqlx::query_scalar(
        "select count(distinct f.user_id) from faculty f
         where f.id in (select faculty_id from ccc_attendees where meeting_id = $1)
            or f.id = (select chair_id from ccc_meetings where id = $1)",
    )
    .bind(meeting)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(invited >= 3);

    // Two rotations that ended last week: one supervisor assessed the resident, one did not.
    let ended: Vec<(Uuid, Uuid, NaiveDate, NaiveDate)> = sqlx::query_as(
        "select a.id, a.resident_id, a.start_date, a.end_date from rotation_assignments a
         join residents r on r.id = a.resident_id join rotation_types t on t.id = a.rotation_type_id
         where r.program_id = $1 and t.category <> 'leave_like' and a.end_date < $2 and a.end_date >= $2 - 28
         order by a.id limit 2",
    )
    .bind(program.0)
    .bind(t)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(ended.len(), 2, "the demo has rotations that ended lately");
    let faculty: Vec<Uuid> =
        sqlx::query_scalar("select id from faculty where program_id = $1 order by id limit 2")
            .bind(program.0)
            .fetch_all(&pool)
            .await
            .unwrap();
    let (owed, assessed) = (ended[0], ended[1]);
    // The first supervisor has nothing on record for that resident.
    sqlx::query("update epa_assessments set deleted_at = now(), deleted_by = 'test', delete_reason = 'entered twice' where resident_id = $1 and assessor_id = $2")
        .bind(owed.1)
        .bind(faculty[0])
        .execute(&pool)
        .await
        .unwrap();
    // The second assessed theirs on the rotation's last day: a copy of one of the resident's.
    sqlx::query(
        "insert into epa_assessments (id, resident_id, assessor_id, epa_id, epa_set_id, phase, assessed_on, entrustment_level)
         select $1, resident_id, $2, epa_id, epa_set_id, phase, $3, entrustment_level
         from epa_assessments where resident_id = $4 limit 1",
    )
    .bind(Uuid::now_v7())
    .bind(faculty[1])
    .bind(assessed.3)
    .bind(assessed.1)
    .execute(&pool)
    .await
    .unwrap();
    for (assignment, supervisor) in [(owed.0, faculty[0]), (assessed.0, faculty[1])] {
        sqlx::query("update rotation_assignments set supervisor_id = $2 where id = $1")
            .bind(assignment)
            .bind(supervisor)
            .execute(&pool)
            .await
            .unwrap();
    }

    // One 30-hour stretch in this block: over 24 + 4, to the director.
    let resident: Uuid = sqlx::query_scalar(
        "select id from residents where program_id = $1 and status = 'active' order by id limit 1",
    )
    .bind(program.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    let start = (t - Duration::days(5)).and_hms_opt(7, 0, 0).unwrap();
    let fmt = |x: chrono::NaiveDateTime| x.format("%Y-%m-%dT%H:%M").to_string();
    hours::add(
        &pool,
        &common::actor(),
        &HourEntryInput {
            resident_id: ResidentId(resident),
            kind: EntryKind::InHouseShift,
            starts_at: fmt(start),
            ends_at: fmt(start + Duration::hours(30)),
            notes: None,
        },
    )
    .await
    .unwrap();

    let expected = office_size + invited + 1 + directors;
    assert_eq!(
        raise(&pool, program).await,
        u64::try_from(expected).unwrap()
    );
    assert_eq!(
        keys(&pool, NotificationKind::AgreementExpiring).await.len() as i64,
        office_size
    );
    assert!(
        keys(&pool, NotificationKind::AgreementExpiring)
            .await
            .iter()
            .all(|k| k.starts_with(&format!("agreement_expiring:{agreement}:90:")))
    );
    assert_eq!(
        keys(&pool, NotificationKind::CccInvitation).await.len() as i64,
        invited
    );
    assert_eq!(
        keys(&pool, NotificationKind::AssessmentOwed).await,
        vec![format!("assessment_owed:{}", owed.0)]
    );
    let violations = keys(&pool, NotificationKind::HoursViolation).await;
    assert_eq!(violations.len() as i64, directors);
    assert!(
        violations[0].contains(&format!("{resident}:continuous_duty:")),
        "{violations:?}"
    );

    // The text comes from the templates.
    let body: String =
        sqlx::query_scalar("select body from notifications where kind = 'hours_violation'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(body.contains("24 hours of continuous work"), "{body}");
    assert!(!body.contains("{{"), "{body}");

    // Again: nothing new. Then the agreement comes within 30 days, and the meeting moves.
    assert_eq!(raise(&pool, program).await, 0);
    sqlx::query("update participation_agreements set expiration_date = $2 where id = $1")
        .bind(agreement)
        .bind(t + Duration::days(20))
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("update ccc_meetings set meeting_date = meeting_date + 1 where id = $1")
        .bind(meeting)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        raise(&pool, program).await,
        u64::try_from(office_size + invited).unwrap()
    );
    let thirty: Vec<String> = keys(&pool, NotificationKind::AgreementExpiring)
        .await
        .into_iter()
        .filter(|k| k.contains(":30:"))
        .collect();
    assert_eq!(thirty.len() as i64, office_size);

    // A refused import tells the office, every time.
    for _ in 0..2 {
        let refusal = ImportRefusal {
            what: "resident roster",
            file: "roster.csv",
            problems: 2,
            first_problem: "line 3, email: missing",
        };
        let new = centre::import_failed(&pool, &common::actor(), program, t, &refusal)
            .await
            .unwrap();
        assert_eq!(new, u64::try_from(office_size).unwrap());
    }
    let title: String =
        sqlx::query_scalar("select title from notifications where kind = 'import_failed' limit 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(title, "Import failed: resident roster");
    // No webhook was set up, so nothing was queued.
    let queued: i64 = sqlx::query_scalar("select count(*) from notification_deliveries")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(queued, 0);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn templates_are_checked_when_saved_and_used_when_raised(pool: PgPool) {
    let program = demo_program(&pool).await;
    let actor = common::actor();
    let all = centre::templates(&pool).await.unwrap();
    assert_eq!(all.len(), NotificationKind::ALL.len());
    // The shipped templates use only their kinds' variables.
    for t in &all {
        rotunda_core::notify::template::check(t.kind, &t.title).unwrap();
        rotunda_core::notify::template::check(t.kind, &t.body).unwrap();
    }
    let mut failed = all
        .into_iter()
        .find(|t| t.kind == NotificationKind::ImportFailed)
        .unwrap();
    failed.body = "{{what}} from {{filename}}".into();
    let err = centre::save_template(&pool, &actor, &failed)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(err.field(), Some("body"));
    assert!(err.to_string().contains("filename"), "{err}");

    failed.body = "{{what}} from {{file}}: {{problems}} problems".into();
    let saved = centre::save_template(&pool, &actor, &failed).await.unwrap();
    assert_eq!(saved.version, failed.version + 1);
    // The version read is now stale.
    let err = centre::save_template(&pool, &actor, &failed)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);

    let refusal = ImportRefusal {
        what: "EPA assessments",
        file: "epa.csv",
        problems: 4,
        first_problem: "x",
    };
    centre::import_failed(&pool, &actor, program, today(), &refusal)
        .await
        .unwrap();
    let page = centre::list(
        &pool,
        program,
        &NotificationFilter {
            kind: Some(NotificationKind::ImportFailed),
            ..NotificationFilter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        page.items[0].body,
        "EPA assessments from epa.csv: 4 problems"
    );
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_logs where table_name = 'notification_templates' and action = 'update'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_centre_counts_unread_and_marks_read(pool: PgPool) {
    let program = demo_program(&pool).await;
    // The demo opens with notifications waiting.
    let first = centre::list(&pool, program, &NotificationFilter::default())
        .await
        .unwrap();
    assert!(first.total > 0);
    assert_eq!(first.unread, first.total);
    let kinds: std::collections::BTreeSet<_> = first.items.iter().map(|n| n.kind).collect();
    assert!(
        kinds.contains(&NotificationKind::CccInvitation),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&NotificationKind::AgreementExpiring),
        "{kinds:?}"
    );

    let two: Vec<Uuid> = first.items.iter().take(2).map(|n| n.id).collect();
    assert_eq!(
        centre::mark_read(&pool, program, Some(&two), true)
            .await
            .unwrap(),
        2
    );
    // Marking them read again changes nothing.
    assert_eq!(
        centre::mark_read(&pool, program, Some(&two), true)
            .await
            .unwrap(),
        0
    );
    let unread_only = centre::list(
        &pool,
        program,
        &NotificationFilter {
            unread_only: true,
            ..NotificationFilter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(unread_only.total, first.total - 2);
    assert_eq!(unread_only.unread, first.total - 2);
    assert!(
        unread_only
            .items
            .iter()
            .all(|n| !n.read && !two.contains(&n.id))
    );

    assert_eq!(
        centre::mark_read(&pool, program, None, true).await.unwrap(),
        u64::try_from(first.total - 2).unwrap()
    );
    assert_eq!(centre::unread(&pool, program).await.unwrap(), 0);
    assert_eq!(
        centre::mark_read(&pool, program, Some(&two[..1]), false)
            .await
            .unwrap(),
        1
    );
    assert_eq!(centre::unread(&pool, program).await.unwrap(), 1);
}
