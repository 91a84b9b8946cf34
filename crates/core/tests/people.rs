//! Programs and people against a real database: unique codes, case-insensitive e-mail, several
//! roles for one person.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::ErrorKind;
use rotunda_core::org::{NewProgramInput, service as org};
use rotunda_core::people::{NewFacultyInput, NewResidentInput, service};
use sqlx::PgPool;

fn resident(program: &rotunda_core::org::Program, email: &str) -> NewResidentInput {
    NewResidentInput {
        program_id: program.id,
        email: email.into(),
        first_name: "Zoë".into(),
        last_name: "Ødegaard".into(),
        pgy_level: 2,
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_program_code_is_unique_whatever_its_case(pool: PgPool) {
    common::program(&pool, "GS").await;
    let err = org::create_program(
        &pool,
        &common::actor(),
        NewProgramInput {
            code: "gs".into(),
            name: "Another".into(),
            institution: "Hôpital Saint-Éloi".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.report().field.as_deref(), Some("code"));
    assert_eq!(
        org::program_by_code(&pool, "gs")
            .await
            .unwrap()
            .sponsoring_institution,
        "Hôpital Saint-Éloi"
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_resident_is_added_with_a_membership_and_shown_with_their_roles(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let row = service::add_resident(
        &pool,
        &common::actor(),
        resident(&program, "zoe.odegaard@example.org"),
    )
    .await
    .unwrap();
    assert_eq!(row.name, "Zoë Ødegaard");
    assert_eq!(row.roles, vec!["resident"]);
    assert_eq!(row.pgy_level, Some(2));

    // The same person, typed with different case, also teaches: one user, two roles.
    let both = service::add_faculty(
        &pool,
        &common::actor(),
        NewFacultyInput {
            program_id: program.id,
            email: "Zoe.Odegaard@EXAMPLE.org".into(),
            first_name: "Zoë".into(),
            last_name: "Ødegaard".into(),
            is_core: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        both.user_id, row.user_id,
        "e-mail matches case-insensitively"
    );
    assert_eq!(both.roles, vec!["faculty", "resident"]);
    assert_eq!(
        service::list_people(&pool, program.id).await.unwrap().len(),
        1
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn adding_the_same_resident_twice_is_a_conflict_on_the_email_field(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    service::add_resident(
        &pool,
        &common::actor(),
        resident(&program, "jose.nunez@example.org"),
    )
    .await
    .unwrap();
    let err = service::add_resident(
        &pool,
        &common::actor(),
        resident(&program, "JOSE.NUNEZ@example.org"),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.report().field.as_deref(), Some("email"));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn bad_person_input_names_the_field(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let mut bad_pgy = resident(&program, "a@example.org");
    bad_pgy.pgy_level = 11;
    let mut bad_email = resident(&program, "not-an-email");
    bad_email.pgy_level = 1;
    let mut no_name = resident(&program, "b@example.org");
    no_name.first_name = "  ".into();
    for (input, field) in [
        (bad_pgy, "pgyLevel"),
        (bad_email, "email"),
        (no_name, "firstName"),
    ] {
        let err = service::add_resident(&pool, &common::actor(), input)
            .await
            .unwrap_err();
        assert_eq!(err.report().field.as_deref(), Some(field));
    }
    assert!(
        service::list_people(&pool, program.id)
            .await
            .unwrap()
            .is_empty(),
        "nothing was written"
    );
}
