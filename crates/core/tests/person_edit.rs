//! Editing one person against a real database: their own fields, their resident and faculty
//! records, their roles (two at once, ended on a day); stale versions and bad input write nothing.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::ErrorKind;
use rotunda_core::org::Program;
use rotunda_core::people::edit::{
    self, AddRoleInput, EndRoleInput, FacultyEditInput, PersonDetail, PersonEditInput,
    ResidentEditInput,
};
use rotunda_core::people::{NewFacultyInput, NewResidentInput, service};
use sqlx::PgPool;

async fn resident(pool: &PgPool, program: &Program, email: &str) -> PersonDetail {
    let row = service::add_resident(
        pool,
        &common::actor(),
        NewResidentInput {
            program_id: program.id,
            email: email.into(),
            first_name: "Zoë".into(),
            last_name: "Ødegaard".into(),
            pgy_level: 2,
        },
    )
    .await
    .unwrap();
    edit::person_detail(pool, program.id, row.user_id)
        .await
        .unwrap()
}

fn person_edit(program: &Program, p: &PersonDetail) -> PersonEditInput {
    PersonEditInput {
        program_id: program.id,
        user_id: p.user_id,
        version: p.version,
        email: p.email.clone(),
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        phone: p.phone.clone().unwrap_or_default(),
        is_active: p.is_active,
    }
}

fn resident_edit(program: &Program, p: &PersonDetail) -> ResidentEditInput {
    let r = p.resident.as_ref().unwrap();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    ResidentEditInput {
        program_id: program.id,
        id: r.id,
        version: r.version,
        pgy_level: r.pgy_level,
        entry_pgy_level: r.entry_pgy_level,
        matriculation_date: date(r.matriculation_date),
        expected_graduation_date: date(r.expected_graduation_date),
        actual_graduation_date: date(r.actual_graduation_date),
        track: r.track.clone().unwrap_or_default(),
        medical_school: r.medical_school.clone().unwrap_or_default(),
        degree: r.degree_type.clone().unwrap_or_default(),
        status: r.status.clone(),
    }
}

async fn audit_rows(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from audit_logs")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_person_is_edited_once_and_a_stale_edit_writes_nothing(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let zoe = resident(&pool, &program, "zoe@example.org").await;
    resident(&pool, &program, "other@example.org").await;

    let mut change = person_edit(&program, &zoe);
    change.phone = " +47 22 00 00 00 ".into();
    change.first_name = "Zoé".into();
    let after = edit::update_person(&pool, &common::actor(), change.clone())
        .await
        .unwrap();
    assert_eq!(
        (after.first_name.as_str(), after.phone.as_deref()),
        ("Zoé", Some("+47 22 00 00 00"))
    );
    assert_eq!(after.version, zoe.version + 1);

    let before = audit_rows(&pool).await;
    let stale = edit::update_person(&pool, &common::actor(), change.clone())
        .await
        .unwrap_err();
    assert_eq!(stale.kind(), ErrorKind::Conflict);
    let mut taken = person_edit(&program, &after);
    taken.email = "OTHER@example.org".into();
    let err = edit::update_person(&pool, &common::actor(), taken)
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.report().field.as_deref()),
        (ErrorKind::Conflict, Some("email"))
    );
    let mut blank = person_edit(&program, &after);
    blank.last_name = "  ".into();
    let err = edit::update_person(&pool, &common::actor(), blank)
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.report().field.as_deref()),
        (ErrorKind::Invalid, Some("lastName"))
    );
    assert_eq!(audit_rows(&pool).await, before, "a refused edit wrote");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_resident_record_is_edited_within_its_rules(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let zoe = resident(&pool, &program, "zoe@example.org").await;

    let mut change = resident_edit(&program, &zoe);
    change.pgy_level = 3;
    change.status = "Leave of absence".into();
    change.degree = "md".into();
    change.medical_school = "Universitetet i Oslo".into();
    let after = edit::update_resident(&pool, &common::actor(), change)
        .await
        .unwrap();
    let r = after.resident.unwrap();
    assert_eq!(
        (r.pgy_level, r.status.as_str(), r.degree_type.as_deref()),
        (3, "leave_of_absence", Some("MD"))
    );

    for (field, bad) in [
        ("entryPgyLevel", {
            let mut c = resident_edit(&program, &zoe);
            c.entry_pgy_level = 4;
            c
        }),
        ("expectedGraduationDate", {
            let mut c = resident_edit(&program, &zoe);
            c.matriculation_date = "2026-07-01".into();
            c.expected_graduation_date = "2026-06-30".into();
            c
        }),
        ("status", {
            let mut c = resident_edit(&program, &zoe);
            c.status = "graduating".into();
            c
        }),
        ("matriculationDate", {
            let mut c = resident_edit(&program, &zoe);
            c.matriculation_date = "7/1".into();
            c
        }),
    ] {
        let err = edit::update_resident(&pool, &common::actor(), bad)
            .await
            .unwrap_err();
        assert_eq!(
            (err.kind(), err.report().field.as_deref()),
            (ErrorKind::Invalid, Some(field))
        );
    }
    // The first edit bumped the version: the original one is stale now.
    let err = edit::update_resident(&pool, &common::actor(), resident_edit(&program, &zoe))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_member_holds_two_roles_at_once_and_one_is_ended_not_deleted(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let row = service::add_faculty(
        &pool,
        &common::actor(),
        NewFacultyInput {
            program_id: program.id,
            email: "ines@example.org".into(),
            first_name: "Inès".into(),
            last_name: "Fabre".into(),
            is_core: true,
        },
    )
    .await
    .unwrap();
    let add = |role: &str, from: &str| AddRoleInput {
        program_id: program.id,
        user_id: row.user_id,
        role: role.into(),
        started_at: from.into(),
    };
    let both = edit::add_role(&pool, &common::actor(), add("ccc_chair", "2026-07-01"))
        .await
        .unwrap();
    let open: Vec<&str> = both
        .memberships
        .iter()
        .filter(|m| m.ended_at.is_none())
        .map(|m| m.role.as_str())
        .collect();
    assert_eq!(open.len(), 2);
    assert!(open.contains(&"faculty") && open.contains(&"ccc_chair"));
    let listed = service::list_people(&pool, program.id).await.unwrap();
    assert_eq!(listed[0].roles, vec!["ccc_chair", "faculty"]);

    let err = edit::add_role(&pool, &common::actor(), add("ccc_chair", "2026-09-01"))
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.report().field.as_deref()),
        (ErrorKind::Conflict, Some("role"))
    );
    let err = edit::add_role(&pool, &common::actor(), add("resident", "2026-09-01"))
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.report().field.as_deref()),
        (ErrorKind::Invalid, Some("role"))
    );

    let chair = both
        .memberships
        .iter()
        .find(|m| m.role == "ccc_chair")
        .unwrap();
    let end = |on: &str, version: i32| EndRoleInput {
        program_id: program.id,
        id: chair.id,
        version,
        ended_at: on.into(),
    };
    let err = edit::end_role(&pool, &common::actor(), end("2026-06-30", chair.version))
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.report().field.as_deref()),
        (ErrorKind::Invalid, Some("endedAt"))
    );
    let ended = edit::end_role(&pool, &common::actor(), end("2026-12-31", chair.version))
        .await
        .unwrap();
    let kept = ended.memberships.iter().find(|m| m.id == chair.id).unwrap();
    assert_eq!(
        kept.ended_at.map(|d| d.to_string()).as_deref(),
        Some("2026-12-31")
    );
    let err = edit::end_role(&pool, &common::actor(), end("2027-01-31", chair.version))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);

    let faculty = ended.faculty.unwrap();
    let change = |rank: &str, teaching: Option<i32>| FacultyEditInput {
        program_id: program.id,
        id: faculty.id,
        version: faculty.version,
        rank: rank.into(),
        department: "Surgery".into(),
        specialty: String::new(),
        is_core_faculty: true,
        teaching_percentage: teaching,
        started_at: String::new(),
    };
    let err = edit::update_faculty(&pool, &common::actor(), change("dean", None))
        .await
        .unwrap_err();
    assert_eq!(err.report().field.as_deref(), Some("rank"));
    let err = edit::update_faculty(&pool, &common::actor(), change("professor", Some(120)))
        .await
        .unwrap_err();
    assert_eq!(err.report().field.as_deref(), Some("teachingPercentage"));
    let done = edit::update_faculty(
        &pool,
        &common::actor(),
        change("Associate Professor", Some(30)),
    )
    .await
    .unwrap();
    let f = done.faculty.unwrap();
    assert_eq!(
        (f.rank.as_deref(), f.teaching_percentage),
        (Some("associate_professor"), Some(30))
    );
}
