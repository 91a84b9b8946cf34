//! Building a program's organisation against a real database: a participating institution, an
//! agreement with it, sites at home and under the agreement, and renewing the agreement.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Days, Local};
use rotunda_core::ErrorKind;
use rotunda_core::org::Program;
use rotunda_core::org::agreements::{AgreementStanding, Organisation};
use rotunda_core::org::edit::{
    self, AgreementEditInput, NewAgreementInput, NewInstitutionInput, NewSiteInput,
};
use sqlx::PgPool;

fn institution(program: &Program, name: &str, kind: &str) -> NewInstitutionInput {
    NewInstitutionInput {
        program_id: program.id,
        name: name.into(),
        institution_type: kind.into(),
        acgme_institution_id: "100618".into(),
        address: String::new(),
    }
}

fn site(program: &Program, org: &Organisation, at: &str, code: &str) -> NewSiteInput {
    NewSiteInput {
        program_id: program.id,
        institution_id: org.institutions.iter().find(|i| i.name == at).unwrap().id,
        agreement_id: None,
        code: code.into(),
        name: format!("{at} {code}"),
        site_type: "community".into(),
        classification: String::new(),
        capacity: Some(4),
    }
}

fn field(err: &rotunda_core::Error) -> (ErrorKind, Option<String>) {
    (err.kind(), err.report().field)
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_organisation_is_built_and_its_agreement_renewed(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let actor = common::actor();
    let org = edit::add_institution(
        &pool,
        &actor,
        institution(&program, "St. Brigid", "community_hospital"),
    )
    .await
    .unwrap();
    assert_eq!(org.institutions.len(), 2);
    let err = edit::add_institution(
        &pool,
        &actor,
        institution(&program, "St. Brigid", "community_hospital"),
    )
    .await
    .unwrap_err();
    assert_eq!(field(&err), (ErrorKind::Conflict, Some("name".into())));
    let err = edit::add_institution(&pool, &actor, institution(&program, "Elsewhere", "castle"))
        .await
        .unwrap_err();
    assert_eq!(
        field(&err),
        (ErrorKind::Invalid, Some("institutionType".into()))
    );

    let brigid = org
        .institutions
        .iter()
        .find(|i| i.name == "St. Brigid")
        .unwrap()
        .id;
    let home = org.institutions.iter().find(|i| i.is_sponsor).unwrap().id;
    let today = Local::now().date_naive();
    let agreement = |with, from: String, until: String| NewAgreementInput {
        program_id: program.id,
        participating_institution_id: with,
        agreement_type: "pla".into(),
        effective_date: from,
        expiration_date: until,
        status: "active".into(),
        all_programs: false,
    };
    let soon = (today + Days::new(20)).to_string();
    let err = edit::add_agreement(
        &pool,
        &actor,
        agreement(brigid, soon.clone(), today.to_string()),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field(&err),
        (ErrorKind::Invalid, Some("expirationDate".into()))
    );
    let err = edit::add_agreement(
        &pool,
        &actor,
        agreement(home, "2024-07-01".into(), soon.clone()),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field(&err),
        (
            ErrorKind::Invalid,
            Some("participatingInstitutionId".into())
        )
    );
    let org = edit::add_agreement(&pool, &actor, agreement(brigid, "2024-07-01".into(), soon))
        .await
        .unwrap();
    let pla = org.agreements[0].clone();
    assert_eq!(
        (pla.standing, pla.days_left),
        (AgreementStanding::ExpiresVerySoon, Some(20))
    );
    assert_eq!(pla.program_codes, vec!["GS"]);

    let err = edit::add_site(&pool, &actor, site(&program, &org, "St. Brigid", "SB-GEN"))
        .await
        .unwrap_err();
    assert_eq!(
        field(&err),
        (ErrorKind::Invalid, Some("agreementId".into()))
    );
    let err = edit::add_site(&pool, &actor, site(&program, &org, "St. Brigid", "SB GEN"))
        .await
        .unwrap_err();
    assert_eq!(field(&err), (ErrorKind::Invalid, Some("code".into())));
    let under = NewSiteInput {
        agreement_id: Some(pla.id),
        ..site(&program, &org, "St. Brigid", "SB-GEN")
    };
    let org = edit::add_site(&pool, &actor, under).await.unwrap();
    let org = edit::add_site(
        &pool,
        &actor,
        site(&program, &org, "Hôpital Saint-Éloi", "HSE-OR"),
    )
    .await
    .unwrap();
    assert_eq!(org.sites.len(), 2);
    let sb = org
        .sites
        .iter()
        .find(|s| s.code.as_deref() == Some("SB-GEN"))
        .unwrap();
    assert_eq!(
        sb.agreement_standing,
        Some(AgreementStanding::ExpiresVerySoon)
    );
    let err = edit::add_site(
        &pool,
        &actor,
        site(&program, &org, "Hôpital Saint-Éloi", "sb-gen"),
    )
    .await
    .unwrap_err();
    assert_eq!(field(&err), (ErrorKind::Conflict, Some("code".into())));

    let renew = AgreementEditInput {
        program_id: program.id,
        id: pla.id,
        version: pla.version,
        effective_date: "2024-07-01".into(),
        expiration_date: (today + Days::new(3 * 365)).to_string(),
        status: "active".into(),
    };
    let org = edit::update_agreement(&pool, &actor, renew.clone())
        .await
        .unwrap();
    assert_eq!(org.agreements[0].standing, AgreementStanding::Current);
    let sb = org
        .sites
        .iter()
        .find(|s| s.code.as_deref() == Some("SB-GEN"))
        .unwrap();
    assert_eq!(sb.agreement_standing, Some(AgreementStanding::Current));
    let err = edit::update_agreement(&pool, &actor, renew)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_sponsor_gets_its_dio_gmec_chair_and_accreditation(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let actor = common::actor();
    let chair = rotunda_core::people::service::add_faculty(
        &pool,
        &actor,
        rotunda_core::people::NewFacultyInput {
            program_id: program.id,
            email: "chair@example.org".into(),
            first_name: "Siobhán".into(),
            last_name: "Park".into(),
            is_core: true,
        },
    )
    .await
    .unwrap();
    let before =
        rotunda_core::org::service::organisation(&pool, program.id, Local::now().date_naive())
            .await
            .unwrap();
    let edit = |email: &str, status: &str, version: i32| edit::SponsorEditInput {
        program_id: program.id,
        version,
        dio_name: "Dr. Margarethe Løvstad".into(),
        dio_email: email.into(),
        gmec_chair_id: Some(chair.user_id),
        accreditation_status: status.into(),
        next_site_visit: "2027-06-20".into(),
    };
    let err = edit::update_sponsor(
        &pool,
        &actor,
        edit("dio at riverside", "continued", before.sponsor.version),
    )
    .await
    .unwrap_err();
    assert_eq!(field(&err), (ErrorKind::Invalid, Some("dioEmail".into())));
    let err = edit::update_sponsor(
        &pool,
        &actor,
        edit("dio@riverside.example", "fine", before.sponsor.version),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field(&err),
        (ErrorKind::Invalid, Some("accreditationStatus".into()))
    );
    let org = edit::update_sponsor(
        &pool,
        &actor,
        edit("dio@riverside.example", "continued", before.sponsor.version),
    )
    .await
    .unwrap();
    assert_eq!(org.sponsor.gmec_chair.as_deref(), Some("Siobhán Park"));
    assert_eq!(
        org.sponsor.accreditation_status.as_deref(),
        Some("continued")
    );
    assert_eq!(
        org.sponsor
            .next_site_visit
            .map(|d| d.to_string())
            .as_deref(),
        Some("2027-06-20")
    );
    let err = edit::update_sponsor(
        &pool,
        &actor,
        edit("dio@riverside.example", "probation", before.sponsor.version),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_site_and_an_institution_are_edited_under_their_versions(pool: PgPool) {
    let program = common::program(&pool, "GS").await;
    let actor = common::actor();
    let org = edit::add_institution(
        &pool,
        &actor,
        institution(&program, "St. Brigid", "community_hospital"),
    )
    .await
    .unwrap();
    let org = edit::add_site(
        &pool,
        &actor,
        site(&program, &org, "Hôpital Saint-Éloi", "HSE-OR"),
    )
    .await
    .unwrap();
    let or = org.sites[0].clone();
    let change = |capacity: Option<i32>, version: i32| edit::SiteEditInput {
        program_id: program.id,
        id: or.id,
        version,
        name: "Main operating rooms".into(),
        site_type: "primary".into(),
        classification: "Level I trauma center".into(),
        capacity,
    };
    let err = edit::update_site(&pool, &actor, change(Some(-1), or.version))
        .await
        .unwrap_err();
    assert_eq!(field(&err), (ErrorKind::Invalid, Some("capacity".into())));
    let org = edit::update_site(&pool, &actor, change(Some(18), or.version))
        .await
        .unwrap();
    assert_eq!(
        (org.sites[0].capacity, org.sites[0].name.as_str()),
        (Some(18), "Main operating rooms")
    );
    let err = edit::update_site(&pool, &actor, change(Some(20), or.version))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);

    let brigid = org
        .institutions
        .iter()
        .find(|i| i.name == "St. Brigid")
        .unwrap()
        .clone();
    let rename = |name: &str| edit::InstitutionEditInput {
        program_id: program.id,
        id: brigid.id,
        version: brigid.version,
        name: name.into(),
        institution_type: "community_hospital".into(),
        acgme_institution_id: "100618".into(),
    };
    let err = edit::update_institution(&pool, &actor, rename("Hôpital Saint-Éloi"))
        .await
        .unwrap_err();
    assert_eq!(field(&err), (ErrorKind::Conflict, Some("name".into())));
    let org = edit::update_institution(&pool, &actor, rename("St. Brigid Community Hospital"))
        .await
        .unwrap();
    assert!(
        org.institutions
            .iter()
            .any(|i| i.name == "St. Brigid Community Hospital")
    );
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_program_is_renamed_and_keeps_another_clock(pool: PgPool) {
    use rotunda_core::org::{ProgramEditInput, service};
    let program = common::program(&pool, "GS").await;
    let actor = common::actor();
    let edit = |version: i32, zone: &str| ProgramEditInput {
        id: program.id,
        version,
        name: "General Surgery Residency".into(),
        time_zone: zone.into(),
    };
    let zones = service::time_zones(&pool).await.unwrap();
    assert!(zones.iter().any(|z| z == "America/Chicago"));
    assert!(!zones.iter().any(|z| z.starts_with("posix/")));

    let err = service::update_program(&pool, &actor, &edit(program.version, "Mars/Olympus"))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("timeZone"));

    let saved = service::update_program(&pool, &actor, &edit(program.version, "America/Chicago"))
        .await
        .unwrap();
    assert_eq!(saved.name, "General Surgery Residency");
    assert_eq!(saved.time_zone, "America/Chicago");
    assert_eq!(saved.version, program.version + 1);
    // The version read before is stale now: nothing is written.
    let err = service::update_program(&pool, &actor, &edit(program.version, "Europe/Madrid"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_logs where table_name = 'programs' and row_id = $1 and action = 'update'",
    )
    .bind(program.id.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}
