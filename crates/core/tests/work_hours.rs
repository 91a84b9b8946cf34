//! Work-hour entries against a real database, on the demo program: times kept on the program's
//! wall clock, overlaps refused, approval in bulk and corrections with their reason and the times
//! before, each audited; and a resident's compliance over a block, with leave from the schedule
//! left out of the average and rejected entries not counted.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, NaiveDate};
use rotunda_core::ErrorKind;
use rotunda_core::assessment::reference_store;
use rotunda_core::demo;
use rotunda_core::hours::entry::{EntryStatus, HourEntryInput};
use rotunda_core::hours::rules::{EntryKind, Rule};
use rotunda_core::hours::store;
use rotunda_core::ids::ResidentId;
use sqlx::PgPool;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The demo, its program on Chicago's clock, and a resident with no leave; the first block.
async fn demo(pool: &PgPool) -> (ResidentId, NaiveDate, i64) {
    reference_store::install_shipped(pool).await.unwrap();
    let summary = demo::load_demo(pool, &common::actor(), 7, today())
        .await
        .unwrap();
    sqlx::query("update programs set time_zone = 'America/Chicago' where id = $1")
        .bind(summary.program.id.0)
        .execute(pool)
        .await
        .unwrap();
    let resident: Uuid =
        sqlx::query_scalar("select id from residents where program_id = $1 order by id limit 1")
            .bind(summary.program.id.0)
            .fetch_one(pool)
            .await
            .unwrap();
    sqlx::query("delete from leave_periods where resident_id = $1")
        .bind(resident)
        .execute(pool)
        .await
        .unwrap();
    let (start, end): (NaiveDate, NaiveDate) = sqlx::query_as(
        "select b.start_date, b.end_date from blocks b join academic_years y on y.id = b.academic_year_id
         where y.program_id = $1 and y.is_current order by b.start_date limit 1",
    )
    .bind(summary.program.id.0)
    .fetch_one(pool)
    .await
    .unwrap();
    (ResidentId(resident), start, (end - start).num_days() + 1)
}

fn input(resident: ResidentId, day: NaiveDate, hour: u32, hours: i64) -> HourEntryInput {
    let start = day.and_hms_opt(hour, 0, 0).unwrap();
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
    HourEntryInput {
        resident_id: resident,
        kind: EntryKind::InHouseShift,
        starts_at: fmt(start),
        ends_at: fmt(start + Duration::hours(hours)),
        notes: None,
    }
}

async fn audited(pool: &PgPool, table: &str, row: Uuid) -> i64 {
    sqlx::query_scalar("select count(*) from audit_logs where table_name = $1 and row_id = $2")
        .bind(table)
        .bind(row)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn entries_keep_the_wall_clock_refuse_overlaps_and_are_approved_and_corrected(pool: PgPool) {
    let (resident, start, _) = demo(&pool).await;
    let actor = common::actor();
    let a = store::add(&pool, &actor, &input(resident, start, 6, 12))
        .await
        .unwrap();
    assert_eq!(a.starts_at, start.and_hms_opt(6, 0, 0).unwrap());
    assert_eq!(a.hours, 12.0);
    assert_eq!(a.status, EntryStatus::Pending);
    // Stored as an instant: 06:00 in Chicago in September is 11:00 UTC.
    let utc_hour: f64 = sqlx::query_scalar(
        "select extract(hour from starts_at at time zone 'UTC')::float8 from work_hour_entries where id = $1",
    )
    .bind(a.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(utc_hour, 11.0);

    // An entry overlapping it is refused on its start; bad times are named.
    let err = store::add(&pool, &actor, &input(resident, start, 17, 4))
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::Conflict, Some("startsAt"))
    );
    let mut backwards = input(resident, start, 20, 2);
    backwards.ends_at = backwards.starts_at.clone();
    assert_eq!(
        store::add(&pool, &actor, &backwards)
            .await
            .unwrap_err()
            .field(),
        Some("endsAt")
    );

    // Approval in bulk; deciding again changes nothing.
    let b = store::add(
        &pool,
        &actor,
        &input(resident, start + Duration::days(1), 6, 12),
    )
    .await
    .unwrap();
    assert_eq!(
        store::decide(&pool, &actor, &[a.id, b.id], true)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store::decide(&pool, &actor, &[a.id, b.id], false)
            .await
            .unwrap(),
        0
    );
    let listed = store::entries(&pool, resident, start, start + Duration::days(1))
        .await
        .unwrap();
    assert!(listed.iter().all(|e| e.status == EntryStatus::Approved
        && e.decided_by.as_deref() == Some("test:coordinator")));

    // A correction says why, keeps the times before, and sends the entry back for approval.
    let b = listed.iter().find(|e| e.id == b.id).unwrap();
    let when = |h: u32| {
        (start + Duration::days(1))
            .and_hms_opt(h, 0, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let err = store::correct(&pool, &actor, b.id, b.version, &when(7), &when(19), " ")
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let fixed = store::correct(
        &pool,
        &actor,
        b.id,
        b.version,
        &when(7),
        &when(20),
        "Stayed for a trauma activation",
    )
    .await
    .unwrap();
    assert_eq!(
        (fixed.hours, fixed.status, fixed.corrections),
        (13.0, EntryStatus::Pending, 1)
    );
    let (before, why): (f64, String) = sqlx::query_as(
        "select extract(hour from original_starts_at at time zone 'America/Chicago')::float8, reason
         from work_hour_corrections where entry_id = $1",
    )
    .bind(b.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (before, why.as_str()),
        (6.0, "Stayed for a trauma activation")
    );
    let stale = store::correct(&pool, &actor, b.id, b.version, &when(8), &when(20), "again")
        .await
        .unwrap_err();
    assert_eq!(stale.kind(), ErrorKind::Conflict);
    // Added, approved, corrected: three changes in the audit, and the correction's own row.
    assert_eq!(audited(&pool, "work_hour_entries", b.id).await, 3);
    let correction: Uuid =
        sqlx::query_scalar("select id from work_hour_corrections where entry_id = $1")
            .bind(b.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited(&pool, "work_hour_corrections", correction).await, 1);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn compliance_over_a_block_leaves_out_leave_and_rejected_entries(pool: PgPool) {
    let (resident, start, days) = demo(&pool).await;
    let actor = common::actor();
    // Fourteen-hour days, six in seven, through the block: 14 x 6 = 84 hours a week.
    let mut ids = Vec::new();
    for d in (0..days).filter(|d| d % 7 != 6) {
        let e = store::add(
            &pool,
            &actor,
            &input(resident, start + Duration::days(d), 6, 14),
        )
        .await
        .unwrap();
        ids.push(e.id);
    }
    let end = start + Duration::days(days - 1);
    let c = store::compliance(&pool, resident, start, start, false)
        .await
        .unwrap();
    assert_eq!(c.windows.len(), 1);
    assert_eq!(c.windows[0].days, u32::try_from(days).unwrap());
    let over = c
        .violations
        .iter()
        .find(|v| v.rule == Rule::EightyHours)
        .unwrap();
    let expected = (14.0 * ids.len() as f64) / (days as f64 / 7.0);
    assert_eq!(over.figure, (expected * 10.0).round() / 10.0);
    assert!(over.figure > 80.0);
    assert_eq!(c.days.len(), usize::try_from(days).unwrap());
    assert_eq!(c.days[0].hours, 14.0);

    // Rejecting the first week's entries brings the average under 80.
    store::decide(&pool, &actor, &ids[..6], false)
        .await
        .unwrap();
    let c = store::compliance(&pool, resident, start, end, false)
        .await
        .unwrap();
    assert!(
        c.violations.iter().all(|v| v.rule != Rule::EightyHours),
        "{:?}",
        c.violations
    );

    // A week of vacation over that week: left out of both sides, the average is 84 again.
    sqlx::query(
        "insert into leave_periods (id, resident_id, kind, start_date, end_date)
         values ($1, $2, 'vacation', $3, $4)",
    )
    .bind(Uuid::now_v7())
    .bind(resident.0)
    .bind(start)
    .bind(start + Duration::days(6))
    .execute(&pool)
    .await
    .unwrap();
    let c = store::compliance(&pool, resident, start, end, false)
        .await
        .unwrap();
    let over = c
        .violations
        .iter()
        .find(|v| v.rule == Rule::EightyHours)
        .unwrap();
    assert_eq!(over.figure, 84.0);
    assert!(c.days[0].on_leave);

    // The rolling view: any four weeks.
    let rolling = store::compliance(&pool, resident, start + Duration::days(3), start, true)
        .await
        .unwrap_err();
    assert_eq!(rolling.field(), Some("to"));
    let rolling = store::compliance(
        &pool,
        resident,
        start + Duration::days(7),
        start + Duration::days(7),
        true,
    )
    .await
    .unwrap();
    assert_eq!(rolling.windows[0].days, 28);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_demo_has_a_term_of_hours_with_three_residents_over_a_rule(pool: PgPool) {
    reference_store::install_shipped(&pool).await.unwrap();
    demo::load_demo(&pool, &common::actor(), 7, today())
        .await
        .unwrap();
    let residents: Vec<Uuid> = sqlx::query_scalar(
        "select distinct resident_id from work_hour_entries order by resident_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        residents.len() >= 30,
        "{} residents with hours",
        residents.len()
    );
    let (pending, approved): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where status = 'pending'), count(*) filter (where status = 'approved')
         from work_hour_entries",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        pending > 0 && approved > pending,
        "{pending} pending, {approved} approved"
    );

    let mut broken = Vec::new();
    for r in residents {
        let c = store::compliance(
            &pool,
            ResidentId(r),
            today() - Duration::days(7 * 12),
            today(),
            false,
        )
        .await
        .unwrap();
        let mut rules: Vec<Rule> = c.violations.iter().map(|v| v.rule).collect();
        rules.dedup();
        if !rules.is_empty() {
            broken.push(rules);
        }
    }
    broken.sort();
    // The program's list of residents over a rule finds the same three.
    let program: Uuid = sqlx::query_scalar("select id from programs limit 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    let over = store::over_rules(
        &pool,
        rotunda_core::ids::ProgramId(program),
        today() - Duration::days(7 * 12),
        today(),
    )
    .await
    .unwrap();
    let mut rules: Vec<Vec<Rule>> = over.iter().map(|o| o.rules.clone()).collect();
    rules.sort();
    assert_eq!(rules, broken);
    assert!(over.windows(2).all(|w| w[0].violations >= w[1].violations));

    // The compliance report says the same: the count, and each of them with their rule.
    let path = std::env::temp_dir()
        .join(format!("rotunda-hours-{}", Uuid::now_v7()))
        .join("hours.pdf");
    let file = store::export_report(
        &pool,
        rotunda_core::ids::ProgramId(program),
        None,
        today() - Duration::days(7 * 12),
        today(),
        &path,
        |_| {},
    )
    .await
    .unwrap();
    assert!(file.pages >= 2, "40 residents and the violations");
    let text = common::pdftotext(&path, None);
    let total: u32 = over.iter().map(|o| o.violations).sum();
    assert!(
        text.contains(&format!("Violations       {total}, by 3 residents")),
        "{text}"
    );
    for o in &over {
        assert!(text.contains(&o.name), "{} is in the report", o.name);
        for r in &o.rules {
            assert!(text.contains(r.title()), "{}", r.title());
        }
    }
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    assert_eq!(
        broken,
        [
            vec![Rule::EightyHours],
            vec![Rule::ContinuousDuty],
            vec![Rule::RestBetweenShifts],
        ]
    );
}
