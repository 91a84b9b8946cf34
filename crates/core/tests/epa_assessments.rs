//! EPA assessments against a real database, on the demo program: each rule of an entry, the
//! rotation of the day found from the schedule, edits refused when stale and audited, the
//! resident's acknowledgement, soft delete hiding an assessment from every list, view and the
//! packet while the audit keeps it, the analytics views,
//! and the database's own checks under raw SQL (no level off the scale, no milestone level 3.7
//! or 6).
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::ErrorKind;
use rotunda_core::assessment::epa::{EpaAssessmentInput, EpaFilter};
use rotunda_core::assessment::epa_store;
use rotunda_core::assessment::reference::Phase;
use rotunda_core::assessment::reference_store;
use rotunda_core::ccc::packet;
use rotunda_core::demo;
use rotunda_core::ids::{EpaId, FacultyId, FeedbackTagId, ProgramId, ResidentId};
use sqlx::PgPool;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

struct Fixture {
    program: ProgramId,
    resident: ResidentId,
    /// "First Last", as the packet names them.
    resident_name: String,
    assessor: FacultyId,
    rotation_code: String,
    day: NaiveDate,
}

/// The demo (its assessments removed): a resident on a rotation on a past day, and a faculty member.
async fn demo(pool: &PgPool) -> Fixture {
    reference_store::install_shipped(pool).await.unwrap();
    let summary = demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap();
    // Each test starts from no assessments: the demo's own would blur the counts.
    sqlx::query("truncate epa_assessment_tags, epa_assessments")
        .execute(pool)
        .await
        .unwrap();
    epa_store::refresh_analytics(pool).await.unwrap();
    let (resident, code, start): (Uuid, String, NaiveDate) = sqlx::query_as(
        "select a.resident_id, t.code::text, a.start_date from rotation_assignments a
         join rotation_types t on t.id = a.rotation_type_id
         where a.end_date < $1 order by a.start_date, a.resident_id limit 1",
    )
    .bind(today())
    .fetch_one(pool)
    .await
    .unwrap();
    let assessor: Uuid =
        sqlx::query_scalar("select id from faculty where program_id = $1 order by id limit 1")
            .bind(summary.program.id.0)
            .fetch_one(pool)
            .await
            .unwrap();
    let resident_name: String = sqlx::query_scalar(
        "select u.first_name || ' ' || u.last_name from residents r join users u on u.id = r.user_id where r.id = $1",
    )
    .bind(resident)
    .fetch_one(pool)
    .await
    .unwrap();
    Fixture {
        program: summary.program.id,
        resident: ResidentId(resident),
        resident_name,
        assessor: FacultyId(assessor),
        rotation_code: code,
        day: start,
    }
}

async fn epa(pool: &PgPool, number: i32) -> EpaId {
    EpaId(
        sqlx::query_scalar("select id from epas where number = $1")
            .bind(number)
            .fetch_one(pool)
            .await
            .unwrap(),
    )
}

async fn tag(pool: &PgPool, category: &str) -> FeedbackTagId {
    FeedbackTagId(
        sqlx::query_scalar(
            "select id from feedback_tags where category = $1 order by name limit 1",
        )
        .bind(category)
        .fetch_one(pool)
        .await
        .unwrap(),
    )
}

fn entry(f: &Fixture, epa: EpaId) -> EpaAssessmentInput {
    EpaAssessmentInput {
        resident_id: f.resident,
        assessor_id: f.assessor,
        epa_id: epa,
        phase: Phase::Intraoperative,
        assessed_on: f.day.to_string(),
        entrustment_level: 3,
        rotation_assignment_id: None,
        case_type_id: None,
        case_urgency: Some("elective".into()),
        patient_asa_class: Some(2),
        procedure_duration_minutes: Some(80),
        complications_occurred: Some(false),
        location_type: Some("operating_room".into()),
        location_details: None,
        narrative: Some("Safe dissection of the triangle.".into()),
        went_well: vec![],
        needs_work: vec![],
        entry_method: None,
    }
}

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_assessment_takes_the_rotation_of_the_day_and_shows_in_the_views(pool: PgPool) {
    let f = demo(&pool).await;
    let actor = common::actor();
    let mut input = entry(&f, epa(&pool, 10).await);
    input.went_well = vec![tag(&pool, "strength").await];
    input.needs_work = vec![tag(&pool, "area_for_improvement").await];
    let a = epa_store::add(&pool, &actor, &input, today())
        .await
        .unwrap();
    assert_eq!(a.epa_number, 10);
    assert_eq!(a.level_name, "Indirect supervision");
    assert_eq!(a.rotation_code.as_deref(), Some(f.rotation_code.as_str()));
    assert_eq!(a.went_well.len(), 1);
    assert_eq!(a.needs_work.len(), 1);
    assert_eq!(a.entry_method, "desktop");
    let mine = epa_store::of_resident(&pool, f.resident).await.unwrap();
    assert_eq!(mine, vec![a.clone()]);

    // A second, later assessment at level 4: the view counts two, median 3.5, latest 4.
    let mut later = entry(&f, epa(&pool, 10).await);
    later.assessed_on = (f.day + chrono::Days::new(1)).to_string();
    later.entrustment_level = 4;
    epa_store::add(&pool, &actor, &later, today())
        .await
        .unwrap();
    epa_store::refresh_analytics(&pool).await.unwrap();
    let (n, median, latest): (i32, String, i32) = sqlx::query_as(
        "select assessments, median_level::text, latest_level from resident_epa_progress
         where resident_id = $1 and epa_id = $2",
    )
    .bind(f.resident.0)
    .bind(a.epa_id.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((n, median.as_str(), latest), (2, "3.5", 4));
    let program_total: i32 =
        sqlx::query_scalar("select assessments from program_assessment_metrics")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(program_total, 2);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn each_rule_of_an_entry_is_named_on_its_field(pool: PgPool) {
    let f = demo(&pool).await;
    let actor = common::actor();
    let field = |r: rotunda_core::Result<_>| {
        let e: rotunda_core::Error = r.err().unwrap();
        (e.kind(), e.field(), e.to_string())
    };
    // EPA 9 is rated in the intra-operative phase only.
    let mut i = entry(&f, epa(&pool, 9).await);
    i.phase = Phase::Preoperative;
    let (kind, at, msg) = field(epa_store::add(&pool, &actor, &i, today()).await);
    assert_eq!((kind, at), (ErrorKind::Invalid, Some("phase")));
    assert!(msg.contains("EPA 9 is rated intraoperative only"), "{msg}");
    // The surgery scale has four levels.
    let mut i = entry(&f, epa(&pool, 10).await);
    i.entrustment_level = 5;
    let (_, at, msg) = field(epa_store::add(&pool, &actor, &i, today()).await);
    assert_eq!(at, Some("entrustmentLevel"));
    assert!(msg.contains("runs from 1 to 4"), "{msg}");
    // Someone who is not on the faculty.
    let mut i = entry(&f, epa(&pool, 10).await);
    i.assessor_id = FacultyId::new();
    assert_eq!(
        field(epa_store::add(&pool, &actor, &i, today()).await).1,
        Some("assessorId")
    );
    // A case type of another EPA.
    let hernia_case: Uuid = sqlx::query_scalar(
        "select c.id from case_types c join epas e on e.id = c.epa_id where e.number = 11 limit 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let mut i = entry(&f, epa(&pool, 10).await);
    i.case_type_id = Some(rotunda_core::ids::CaseTypeId(hernia_case));
    let (_, at, msg) = field(epa_store::add(&pool, &actor, &i, today()).await);
    assert_eq!(at, Some("caseTypeId"));
    assert!(msg.contains("not one of EPA 10's"), "{msg}");
    // Another resident's rotation.
    let other: Uuid =
        sqlx::query_scalar("select id from rotation_assignments where resident_id <> $1 limit 1")
            .bind(f.resident.0)
            .fetch_one(&pool)
            .await
            .unwrap();
    let mut i = entry(&f, epa(&pool, 10).await);
    i.rotation_assignment_id = Some(rotunda_core::ids::AssignmentId(other));
    assert_eq!(
        field(epa_store::add(&pool, &actor, &i, today()).await).1,
        Some("rotationAssignmentId")
    );
    assert_eq!(
        count(&pool, "select count(*) from epa_assessments").await,
        0
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn edits_are_audited_and_refused_when_stale(pool: PgPool) {
    let f = demo(&pool).await;
    let actor = common::actor();
    let a = epa_store::add(&pool, &actor, &entry(&f, epa(&pool, 10).await), today())
        .await
        .unwrap();
    let mut changed = entry(&f, epa(&pool, 10).await);
    changed.entrustment_level = 2;
    changed.narrative = Some("Needed help with the critical view.".into());
    let b = epa_store::edit(&pool, &actor, a.id, a.version, &changed, today())
        .await
        .unwrap();
    assert_eq!((b.entrustment_level, b.version), (2, a.version + 1));
    let err = epa_store::edit(&pool, &actor, a.id, a.version, &changed, today())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let (before, after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
        "select before, after from audit_logs where table_name = 'epa_assessments' and action = 'update'
         and row_id = $1",
    )
    .bind(a.id.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(before["entrustment_level"], 3);
    assert_eq!(after["entrustment_level"], 2);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_deleted_assessment_leaves_every_list_and_view_but_not_the_audit(pool: PgPool) {
    let f = demo(&pool).await;
    let actor = common::actor();
    let a = epa_store::add(&pool, &actor, &entry(&f, epa(&pool, 10).await), today())
        .await
        .unwrap();
    // The resident reads it; acknowledging twice is once.
    assert!(!a.acknowledged);
    let a = epa_store::acknowledge(&pool, &actor, a.id).await.unwrap();
    assert!(a.acknowledged);
    let a = epa_store::acknowledge(&pool, &actor, a.id).await.unwrap();
    epa_store::refresh_analytics(&pool).await.unwrap();
    assert_eq!(
        count(&pool, "select count(*) from resident_epa_progress").await,
        1
    );
    let program = f.program;
    let listed = || async {
        epa_store::list(&pool, program, &EpaFilter::default(), 50, 0)
            .await
            .unwrap()
            .total
    };
    assert_eq!(listed().await, 1);
    // The meeting of the period holding the day counts it in the resident's packet page.
    let meeting: Uuid = sqlx::query_scalar(
        "select m.id from ccc_meetings m join academic_years y on y.id = m.academic_year_id
         where $1 between y.start_date and y.end_date
           and m.term = case when extract(month from $1) between 7 and 12 then 'fall' else 'spring' end",
    )
    .bind(f.day)
    .fetch_one(&pool)
    .await
    .unwrap();
    let epa10 = || async {
        let doc = packet::document(&pool, meeting, today(), "now".into())
            .await
            .unwrap();
        doc.residents
            .iter()
            .find(|r| r.name == f.resident_name)
            .unwrap()
            .epas
            .iter()
            .find(|e| e.number == 10)
            .map(|e| e.count)
    };
    assert_eq!(epa10().await, Some(1));
    let err = epa_store::delete(&pool, &actor, a.id, a.version, "  ")
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    epa_store::delete(
        &pool,
        &actor,
        a.id,
        a.version,
        "Entered for the wrong resident",
    )
    .await
    .unwrap();
    assert!(
        epa_store::of_resident(&pool, f.resident)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(listed().await, 0);
    assert_eq!(epa10().await, None, "gone from the packet");
    let err = epa_store::acknowledge(&pool, &actor, a.id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    epa_store::refresh_analytics(&pool).await.unwrap();
    assert_eq!(
        count(&pool, "select count(*) from resident_epa_progress").await,
        0
    );
    assert_eq!(
        count(&pool, "select count(*) from program_assessment_metrics").await,
        0
    );
    // The row and its story are kept.
    let (by, why): (String, String) =
        sqlx::query_as("select deleted_by, delete_reason from epa_assessments where id = $1")
            .bind(a.id.0)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (by.as_str(), why.as_str()),
        ("test:coordinator", "Entered for the wrong resident")
    );
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_logs where table_name = 'epa_assessments' and row_id = $1",
    )
    .bind(a.id.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        audited, 3,
        "its insert, its acknowledgement and its deletion"
    );
    // Deleting it again finds nothing to delete.
    let err = epa_store::delete(&pool, &actor, a.id, a.version + 1, "again")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_database_refuses_levels_off_the_scale(pool: PgPool) {
    let f = demo(&pool).await;
    let a = epa_store::add(
        &pool,
        &common::actor(),
        &entry(&f, epa(&pool, 10).await),
        today(),
    )
    .await
    .unwrap();
    // Raw SQL, past every check of the app.
    let off_scale = sqlx::query("update epa_assessments set entrustment_level = 5 where id = $1")
        .bind(a.id.0)
        .execute(&pool)
        .await;
    assert!(off_scale.is_err(), "level 5 is not on a 4-level scale");
    let wrong_phase = sqlx::query(
        "update epa_assessments set phase = 'preoperative', epa_id = (select id from epas where number = 9)
         where id = $1",
    )
    .bind(a.id.0)
    .execute(&pool)
    .await;
    assert!(wrong_phase.is_err(), "EPA 9 has no pre-operative phase");

    let year: Uuid = sqlx::query_scalar("select id from academic_years where is_current")
        .fetch_one(&pool)
        .await
        .unwrap();
    let sub: Uuid = sqlx::query_scalar("select id from subcompetencies where code = 'PC1'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let level = |level: Option<&'static str>, not_yet: bool| {
        let pool = pool.clone();
        let resident = f.resident.0;
        async move {
            sqlx::query(
                "insert into milestone_assessments
                   (id, resident_id, subcompetency_id, academic_year_id, term, level, not_yet_assessable)
                 values (gen_random_uuid(), $1, $2, $3, 'fall', $4::numeric, $5)",
            )
            .bind(resident)
            .bind(sub)
            .bind(year)
            .bind(level)
            .bind(not_yet)
            .execute(&pool)
            .await
            .map(|_| ())
        }
    };
    for bad in ["3.7", "6", "0.5", "-1"] {
        assert!(
            level(Some(bad), false).await.is_err(),
            "{bad} is not a level"
        );
    }
    assert!(
        level(None, false).await.is_err(),
        "a level or not yet assessable"
    );
    assert!(level(Some("2"), true).await.is_err(), "not both");
    assert!(level(Some("0"), false).await.is_ok(), "below Level 1");
    // One level per resident, subcompetency and period.
    assert!(level(Some("2.5"), false).await.is_err());
}
