//! The demo program against a real database, and the agreement standings it shows.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Days, NaiveDate};
use rotunda_core::ErrorKind;
use rotunda_core::academic::service as academic;
use rotunda_core::demo::{self, PLA_DAYS_LEFT};
use rotunda_core::org::agreements::AgreementStanding;
use rotunda_core::org::service as org;
use rotunda_core::people::service as people;
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_demo_program_is_a_lived_in_general_surgery_program(pool: PgPool) {
    let summary = demo::load_demo(&pool, &common::actor(), 7, today())
        .await
        .unwrap();
    assert_eq!(summary.program.code, "GS");
    assert_eq!(
        (summary.residents, summary.faculty, summary.sites),
        (40, 25, 6)
    );
    assert_eq!(summary.year, "2026-2027");

    let people = people::list_people(&pool, summary.program.id)
        .await
        .unwrap();
    let with = |role: &str| {
        people
            .iter()
            .filter(|p| p.roles.iter().any(|r| r == role))
            .count()
    };
    assert_eq!(with("resident"), 40);
    assert_eq!(with("faculty"), 25);
    assert_eq!(with("ccc_chair"), 1);
    assert_eq!(with("ccc_member"), 6);
    assert_eq!(with("program_director"), 1);
    assert_eq!(with("coordinator"), 2);
    for level in 1..=5 {
        assert!(
            people.iter().any(|p| p.pgy_level == Some(level)),
            "PGY-{level}"
        );
    }
    assert!(people.iter().any(|p| !p.name.is_ascii()));
    // The chair is also on the faculty: one person, two roles.
    let chair = people
        .iter()
        .find(|p| p.roles.iter().any(|r| r == "ccc_chair"))
        .unwrap();
    assert!(chair.roles.iter().any(|r| r == "faculty"));

    let years = academic::list_years(&pool, summary.program.id)
        .await
        .unwrap();
    // This year and the two before it, whose evidence the committee reads.
    assert_eq!(
        years.iter().map(|y| y.name.as_str()).collect::<Vec<_>>(),
        vec!["2026-2027", "2025-2026", "2024-2025"]
    );
    assert!(years[0].is_current && !years[1].is_current);
    assert_eq!(years[0].block_count, 13);

    // A solved schedule: every cell but leave filled and no rule broken (the solver keeps away
    // from the community site once its PLA has run out).
    let schedule = rotunda_core::schedule::grid::grid(&pool, years[0].id)
        .await
        .unwrap();
    assert_eq!(
        schedule.assignments.len(),
        schedule.residents.len() * schedule.blocks.len() - schedule.leave.len()
    );
    assert!(schedule.conflicts.is_empty(), "{:?}", schedule.conflicts);

    let organisation = org::organisation(&pool, summary.program.id, today())
        .await
        .unwrap();
    assert_eq!(
        organisation.sponsor.institution,
        "Riverside University Hospital"
    );
    assert!(organisation.sponsor.dio_name.is_some());
    assert_eq!(organisation.institutions.len(), 2);
    assert_eq!(organisation.sites.len(), 6);
    assert!(
        organisation
            .sites
            .iter()
            .all(|s| s.capacity.unwrap_or(0) > 0)
    );
    assert_eq!(organisation.agreements.len(), 1);
    let pla = &organisation.agreements[0];
    assert_eq!(pla.agreement_type, "pla");
    assert_eq!(pla.program_codes, vec!["GS"]);
    assert!(pla.days_left.unwrap() < 60);

    let again = demo::load_demo(&pool, &common::actor(), 7, today())
        .await
        .unwrap_err();
    assert_eq!(again.kind(), ErrorKind::Conflict);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_agreement_is_badged_at_90_days_warned_at_30_and_flagged_on_its_sites_once_expired(
    pool: PgPool,
) {
    let summary = demo::load_demo(&pool, &common::actor(), 1, today())
        .await
        .unwrap();
    let on = |days: u64| today() + Days::new(days);
    let cases = [
        (
            today(),
            AgreementStanding::ExpiresSoon,
            PLA_DAYS_LEFT as i32,
        ),
        (
            on(PLA_DAYS_LEFT - 30),
            AgreementStanding::ExpiresVerySoon,
            30,
        ),
        (on(PLA_DAYS_LEFT), AgreementStanding::ExpiresVerySoon, 0),
        (on(PLA_DAYS_LEFT + 1), AgreementStanding::Expired, -1),
    ];
    for (day, standing, left) in cases {
        let organisation = org::organisation(&pool, summary.program.id, day)
            .await
            .unwrap();
        let pla = &organisation.agreements[0];
        assert_eq!(
            (pla.standing, pla.days_left),
            (standing, Some(left)),
            "on {day}"
        );
        let under_pla: Vec<_> = organisation
            .sites
            .iter()
            .filter(|s| s.agreement_id == Some(pla.id))
            .collect();
        assert_eq!(under_pla.len(), 2);
        assert!(
            under_pla
                .iter()
                .all(|s| s.agreement_standing == Some(standing))
        );
        let own: Vec<_> = organisation
            .sites
            .iter()
            .filter(|s| s.agreement_id.is_none())
            .collect();
        assert_eq!(own.len(), 4);
        assert!(own.iter().all(|s| s.agreement_standing.is_none()));
    }
    let before = org::organisation(
        &pool,
        summary.program.id,
        today() - Days::new(91 - PLA_DAYS_LEFT),
    )
    .await
    .unwrap();
    assert_eq!(before.agreements[0].standing, AgreementStanding::Current);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_demo_program_has_two_years_of_evidence_and_its_ccc_history(pool: PgPool) {
    let summary = demo::load_demo(&pool, &common::actor(), 7, today())
        .await
        .unwrap();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    // Thousands of assessments over two years up to yesterday, with narratives and tags.
    let assessments = count("select count(*) from epa_assessments").await;
    assert!((3000..8000).contains(&assessments), "{assessments}");
    let (first, last): (NaiveDate, NaiveDate) =
        sqlx::query_as("select min(assessed_on), max(assessed_on) from epa_assessments")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(first >= today() - Days::new(730) && first <= today() - Days::new(700));
    assert!(last < today() && last >= today() - Days::new(7));
    assert_eq!(
        count("select count(*) from epa_assessments where narrative is null").await,
        0
    );
    assert!(count("select count(*) from epa_assessment_tags").await > assessments / 2);
    // This year's assessments know the rotation they happened on.
    assert!(
        count("select count(*) from epa_assessments where rotation_type_id is not null").await
            > 500
    );
    // Levels grow with training: the seniors' median is above the interns'.
    let by_level: Vec<(i32, f64)> = sqlx::query_as(
        "select r.pgy_level, percentile_cont(0.5) within group (order by a.entrustment_level)
         from epa_assessments a join residents r on r.id = a.resident_id
         where a.assessed_on >= $1 group by r.pgy_level order by r.pgy_level",
    )
    .bind(today() - Days::new(90))
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(by_level[4].1 > by_level[0].1, "{by_level:?}");
    // The analytics views are filled from the start.
    let progress =
        count("select coalesce(sum(assessments), 0)::bigint from resident_epa_progress").await;
    assert_eq!(progress, assessments);
    assert_eq!(
        count("select count(*) from program_assessment_metrics").await,
        1
    );

    // Milestones: four periods before this one, for whoever was in training then.
    let periods: Vec<(String, String, i64)> = sqlx::query_as(
        "select y.name, m.term, count(distinct m.resident_id) from milestone_assessments m
         join academic_years y on y.id = m.academic_year_id group by y.name, m.term order by y.name, m.term",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let names: Vec<String> = periods.iter().map(|(y, t, _)| format!("{y}-{t}")).collect();
    assert_eq!(
        names,
        [
            "2024-2025-fall",
            "2024-2025-spring",
            "2025-2026-fall",
            "2025-2026-spring"
        ]
    );
    // The interns of two years ago are this year's PGY-3s: fewer residents then than now.
    assert!(periods[0].2 < periods[3].2);

    // Last spring's meeting, completed, with a final review for everyone then in training, and
    // this period's meeting scheduled ahead.
    let meetings = rotunda_core::ccc::store::meetings(&pool, summary.program.id)
        .await
        .unwrap();
    assert_eq!(meetings.len(), 2);
    let (next, last) = (&meetings[0], &meetings[1]);
    assert_eq!(next.period.to_string(), "2026-2027-fall");
    assert_eq!(next.status, rotunda_core::ccc::MeetingStatus::Scheduled);
    assert!(next.meeting_date > today());
    assert_eq!(next.agenda.len(), 40);
    assert!(next.warnings.is_empty(), "{:?}", next.warnings);
    assert_eq!(last.period.to_string(), "2025-2026-spring");
    assert_eq!(last.status, rotunda_core::ccc::MeetingStatus::Completed);
    assert!(
        last.agenda
            .iter()
            .all(|a| a.review_status.as_deref() == Some("final"))
    );
    let with_levels = count("select count(distinct review_id) from ccc_review_levels").await;
    assert_eq!(with_levels as usize, last.agenda.len());
    assert!(
        count("select count(*) from ccc_resident_reviews where requires_remediation").await >= 1
    );
}
