//! The CCC against a real database, on the demo program: a meeting with its members and agenda,
//! milestone levels entered and copied forward, a review drafted, finalized (its levels recorded,
//! the resident's cells locked), immutable under raw SQL, and corrected by an amendment that keeps
//! both.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use rotunda_core::ErrorKind;
use rotunda_core::assessment::milestone::{PeriodName, Rating};
use rotunda_core::assessment::milestone_store::{self, LevelEntry};
use rotunda_core::assessment::reference_store;
use rotunda_core::ccc::review::ReviewInput;
use rotunda_core::ccc::store as ccc;
use rotunda_core::ccc::{MeetingInput, MeetingStatus};
use rotunda_core::demo;
use rotunda_core::ids::{FacultyId, ProgramId, ResidentId, SubcompetencyId};
use sqlx::PgPool;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

const FALL: &str = "2026-2027-fall";

async fn demo(pool: &PgPool) -> (ProgramId, Vec<FacultyId>) {
    reference_store::install_shipped(pool).await.unwrap();
    let summary = demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap();
    let faculty: Vec<Uuid> =
        sqlx::query_scalar("select id from faculty where program_id = $1 order by id")
            .bind(summary.program.id.0)
            .fetch_all(pool)
            .await
            .unwrap();
    (
        summary.program.id,
        faculty.into_iter().map(FacultyId).collect(),
    )
}

async fn sub(pool: &PgPool, code: &str) -> SubcompetencyId {
    SubcompetencyId(
        sqlx::query_scalar("select id from subcompetencies where code = $1")
            .bind(code)
            .fetch_one(pool)
            .await
            .unwrap(),
    )
}

fn period(text: &str) -> PeriodName {
    PeriodName::parse("period", text).unwrap()
}

fn level(
    resident: ResidentId,
    sub: SubcompetencyId,
    rating: Rating,
    version: Option<i32>,
) -> LevelEntry {
    LevelEntry {
        resident_id: resident,
        subcompetency_id: sub,
        rating: Some(rating),
        rationale: None,
        version,
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_meeting_has_members_an_agenda_the_chair_reorders_and_moves_forward(pool: PgPool) {
    let (program, faculty) = demo(&pool).await;
    let actor = common::actor();
    let m = ccc::create_meeting(
        &pool,
        &actor,
        &MeetingInput {
            program_id: program,
            period: FALL.into(),
            meeting_date: "2026-12-10".into(),
            chair_id: Some(faculty[0]),
            attendee_ids: vec![faculty[1]],
        },
    )
    .await
    .unwrap();
    assert_eq!(m.period.to_string(), FALL);
    assert_eq!(m.attendees.len(), 2, "the chair is present");
    assert_eq!(
        m.warnings,
        vec!["Only 2 members present: a CCC needs at least 3".to_string()]
    );
    assert_eq!(m.agenda.len(), 40);
    assert!(m.agenda.windows(2).all(|w| w[0].pgy <= w[1].pgy));
    let m = ccc::set_attendees(&pool, &actor, m.id, &faculty[..3])
        .await
        .unwrap();
    assert!(m.warnings.is_empty());

    let reversed: Vec<ResidentId> = m.agenda.iter().rev().map(|a| a.resident_id).collect();
    let m = ccc::reorder_agenda(&pool, &actor, m.id, &reversed)
        .await
        .unwrap();
    assert_eq!(m.agenda[0].resident_id, reversed[0]);
    assert_eq!(m.agenda[39].position, 40);
    let err = ccc::reorder_agenda(&pool, &actor, m.id, &reversed[1..])
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("order"));

    let err = ccc::set_status(&pool, &actor, m.id, m.version, MeetingStatus::Completed)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("status"));
    let m = ccc::set_status(&pool, &actor, m.id, m.version, MeetingStatus::InProgress)
        .await
        .unwrap();
    assert_eq!(m.status, MeetingStatus::InProgress);
    let stale = ccc::set_status(&pool, &actor, m.id, m.version - 1, MeetingStatus::Completed).await;
    assert_eq!(stale.unwrap_err().kind(), ErrorKind::Conflict);

    // Someone from outside the program's faculty is refused.
    let err = ccc::set_attendees(&pool, &actor, m.id, &[FacultyId::new()])
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("attendeeIds"));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn levels_are_entered_shown_beside_the_last_period_and_copied_forward(pool: PgPool) {
    let (program, _) = demo(&pool).await;
    let actor = common::actor();
    let grid = milestone_store::grid(&pool, program, &period(FALL))
        .await
        .unwrap();
    assert_eq!(grid.subcompetencies.len(), 17);
    assert_eq!(grid.subcompetencies[0].competency, "PC");
    assert_eq!(grid.subcompetencies[0].descriptors.len(), 5);
    let ana = grid.residents[0].id;
    let (pc1, mk1) = (sub(&pool, "PC1").await, sub(&pool, "MK1").await);
    let n = milestone_store::set_levels(
        &pool,
        &actor,
        program,
        &period(FALL),
        &[
            level(ana, pc1, Rating::Level { level: 2.5 }, None),
            level(ana, mk1, Rating::NotYetAssessable, None),
        ],
    )
    .await
    .unwrap();
    assert_eq!(n, 2);
    // A cell entered by someone else meanwhile is refused, and nothing of the batch is written.
    let stale = milestone_store::set_levels(
        &pool,
        &actor,
        program,
        &period(FALL),
        &[level(ana, pc1, Rating::Level { level: 3.0 }, None)],
    )
    .await;
    assert_eq!(stale.unwrap_err().kind(), ErrorKind::Conflict);

    // Spring: copy the fall forward, then the fall shows beside each cell.
    let copied =
        milestone_store::copy_forward(&pool, &actor, program, &period("2026-2027-spring"), &[])
            .await
            .unwrap();
    assert_eq!(copied, 2);
    let spring = milestone_store::grid(&pool, program, &period("2026-2027-spring"))
        .await
        .unwrap();
    let cell = spring
        .cells
        .iter()
        .find(|c| c.resident_id == ana && c.subcompetency_id == pc1)
        .unwrap();
    assert_eq!(cell.rating, Some(Rating::Level { level: 2.5 }));
    assert_eq!(cell.previous, Some(Rating::Level { level: 2.5 }));
    // Raise it; clear MK1.
    milestone_store::set_levels(
        &pool,
        &actor,
        program,
        &period("2026-2027-spring"),
        &[
            level(ana, pc1, Rating::Level { level: 3.0 }, cell.version),
            LevelEntry {
                rating: None,
                ..level(ana, mk1, Rating::NotYetAssessable, Some(1))
            },
        ],
    )
    .await
    .unwrap();
    let spring = milestone_store::grid(&pool, program, &period("2026-2027-spring"))
        .await
        .unwrap();
    let mine: Vec<_> = spring
        .cells
        .iter()
        .filter(|c| c.resident_id == ana)
        .collect();
    assert_eq!(mine.len(), 2, "MK1 keeps the fall beside an empty cell");
    assert!(mine.iter().any(|c| c.subcompetency_id == mk1
        && c.rating.is_none()
        && c.previous == Some(Rating::NotYetAssessable)));
    // An unknown period is named.
    let err = milestone_store::grid(&pool, program, &period("1999-2000-fall"))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("period"));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_final_review_is_immutable_and_corrected_by_an_amendment(pool: PgPool) {
    let (program, faculty) = demo(&pool).await;
    let actor = common::actor();
    let m = ccc::create_meeting(
        &pool,
        &actor,
        &MeetingInput {
            program_id: program,
            period: FALL.into(),
            meeting_date: "2026-12-10".into(),
            chair_id: Some(faculty[0]),
            attendee_ids: faculty[1..3].to_vec(),
        },
    )
    .await
    .unwrap();
    let ana = m.agenda[0].resident_id;
    let pc1 = sub(&pool, "PC1").await;
    milestone_store::set_levels(
        &pool,
        &actor,
        program,
        &period(FALL),
        &[level(ana, pc1, Rating::Level { level: 2.0 }, None)],
    )
    .await
    .unwrap();

    let draft = ccc::save_draft(
        &pool,
        &actor,
        m.id,
        ana,
        None,
        &ReviewInput {
            strengths: Some("Calm in the trauma bay".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let err = ccc::finalize(&pool, &actor, draft.id, draft.version)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("recommendation"));
    let draft = ccc::save_draft(
        &pool,
        &actor,
        m.id,
        ana,
        Some(draft.version),
        &ReviewInput {
            overall_performance: Some("meets_expectations".into()),
            recommendation: Some("promote".into()),
            strengths: Some("Calm in the trauma bay".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let fin = ccc::finalize(&pool, &actor, draft.id, draft.version)
        .await
        .unwrap();
    assert_eq!(fin.status, "final");
    assert_eq!(fin.levels.len(), 1);
    assert_eq!(fin.levels[0].rating, Rating::Level { level: 2.0 });

    // The resident's levels for the period are held by the final review.
    let locked = milestone_store::set_levels(
        &pool,
        &actor,
        program,
        &period(FALL),
        &[level(ana, pc1, Rating::Level { level: 3.0 }, Some(1))],
    )
    .await
    .unwrap_err();
    assert_eq!(locked.kind(), ErrorKind::Conflict);
    assert!(locked.to_string().contains("open an amendment"), "{locked}");
    // Neither the app nor raw SQL changes a final review or its levels.
    let again = ccc::save_draft(
        &pool,
        &actor,
        m.id,
        ana,
        Some(fin.version),
        &ReviewInput::default(),
    )
    .await;
    assert_eq!(again.unwrap_err().kind(), ErrorKind::Conflict);
    for sql in [
        "update ccc_resident_reviews set strengths = 'changed' where id = $1",
        "delete from ccc_resident_reviews where id = $1",
        "update ccc_review_levels set level = 4 where review_id = $1",
        "delete from ccc_review_levels where review_id = $1",
    ] {
        let refused = sqlx::query(sql).bind(fin.id).execute(&pool).await;
        assert!(refused.is_err(), "{sql}");
    }

    // An amendment starts from the final review, says why, and unlocks the levels.
    let err = ccc::amend(&pool, &actor, fin.id, " ").await.unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let amendment = ccc::amend(&pool, &actor, fin.id, "PC1 was entered a level too low")
        .await
        .unwrap();
    assert_eq!(amendment.status, "draft");
    assert_eq!(amendment.amends_review_id, Some(fin.id));
    assert_eq!(amendment.recommendation.as_deref(), Some("promote"));
    let cell_version: i32 = sqlx::query_scalar(
        "select version from milestone_assessments where resident_id = $1 and deleted_at is null",
    )
    .bind(ana.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    milestone_store::set_levels(
        &pool,
        &actor,
        program,
        &period(FALL),
        &[level(
            ana,
            pc1,
            Rating::Level { level: 3.0 },
            Some(cell_version),
        )],
    )
    .await
    .unwrap();
    let amended = ccc::finalize(&pool, &actor, amendment.id, amendment.version)
        .await
        .unwrap();
    assert_eq!(amended.levels[0].rating, Rating::Level { level: 3.0 });
    // Both are kept; the original still says what it said.
    let original = ccc::review(&pool, fin.id).await.unwrap();
    assert_eq!(original.levels[0].rating, Rating::Level { level: 2.0 });
    assert_eq!(
        ccc::review_of(&pool, m.id, ana).await.unwrap().unwrap().id,
        amended.id
    );
    let err = ccc::amend(&pool, &actor, fin.id, "again")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    // The minutes list who was reviewed.
    let reviewed = ccc::reviewed(&pool, m.id).await.unwrap();
    assert_eq!(reviewed, vec![m.agenda[0].name.clone()]);
    let meeting = ccc::meeting(&pool, m.id).await.unwrap();
    let minutes = rotunda_core::ccc::minutes(&meeting, &reviewed);
    assert!(minutes.contains("Members present (3)"), "{minutes}");
    assert!(
        minutes.contains(&format!("Residents reviewed (1): {}", m.agenda[0].name)),
        "{minutes}"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn flags_follow_the_programs_rules_and_say_why(pool: PgPool) {
    let (program, _) = demo(&pool).await;
    let actor = common::actor();
    let spring = period("2026-2027-spring");
    let grid = milestone_store::grid(&pool, program, &spring)
        .await
        .unwrap();
    let pgy2 = grid.residents.iter().find(|r| r.pgy == 2).unwrap().id;
    let pc1 = sub(&pool, "PC1").await;
    milestone_store::set_levels(
        &pool,
        &actor,
        program,
        &spring,
        &[level(pgy2, pc1, Rating::Level { level: 2.0 }, None)],
    )
    .await
    .unwrap();
    let late = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    let flags = rotunda_core::ccc::flags_store::flags_for(&pool, program, &spring, late)
        .await
        .unwrap();
    let low: Vec<_> = flags.iter().filter(|f| f.rule == "low_late_pgy2").collect();
    assert_eq!(low.len(), 1, "{flags:?}");
    assert_eq!(low[0].resident_id, pgy2);
    assert!(
        low[0].reason.starts_with("PC1 at 2 at the end of PGY-2"),
        "{}",
        low[0].reason
    );
    // With no EPA assessments yet, everyone on a rotation on that day is flagged for it.
    assert!(flags.iter().any(|f| f.rule == "no_recent_epa"));

    // The program turns the PGY-2 rule off: it is no longer raised.
    sqlx::query(
        "insert into flag_rules (id, program_id, rule, enabled, at_most) values (gen_random_uuid(), $1, 'low_late_pgy2', false, 2.5)",
    )
    .bind(program.0)
    .execute(&pool)
    .await
    .unwrap();
    let flags = rotunda_core::ccc::flags_store::flags_for(&pool, program, &spring, late)
        .await
        .unwrap();
    assert!(flags.iter().all(|f| f.rule != "low_late_pgy2"));
    assert!(
        flags.iter().all(|f| f.rule != "no_recent_epa"),
        "only the program's rules run"
    );
}
