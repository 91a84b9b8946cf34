//! Reference sets against a real database: the shipped sets installed once and idempotently, a
//! program's own set imported from CSV or JSON all-or-nothing, corrected in place, and refused when
//! it would drop what assessments use.
#![allow(clippy::unwrap_used)]

mod common;

use rotunda_core::ErrorKind;
use rotunda_core::assessment::reference::SetLabel;
use rotunda_core::assessment::reference_store;
use rotunda_core::assessment::service::{ReferenceImport, SetKind, import_reference};
use sqlx::PgPool;

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

async fn audit_rows(pool: &PgPool) -> i64 {
    count(pool, "select count(*) from audit_logs").await
}

const CSV: &str = "competency,code,name,level 1,level 2,level 3,level 4,level 5\n\
                   PC,PC1,Patient evaluation,a,b,c,d,e\n\
                   MK,MK1,Anatomy,a,b,c,d,e\n";

fn csv_import(text: &str) -> ReferenceImport {
    ReferenceImport {
        kind: SetKind::Milestones,
        text: text.to_string(),
        label: Some(SetLabel {
            specialty: "general_surgery".into(),
            version: "local-1".into(),
            name: "Our surgery milestones".into(),
        }),
    }
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn the_shipped_sets_are_installed_once(pool: PgPool) {
    reference_store::install_shipped(&pool).await.unwrap();
    assert_eq!(
        count(&pool, "select count(*) from subcompetencies").await,
        17
    );
    assert_eq!(
        count(&pool, "select count(*) from milestone_level_descriptors").await,
        85
    );
    assert_eq!(count(&pool, "select count(*) from epas").await, 18);
    assert_eq!(
        count(&pool, "select count(*) from entrustment_levels").await,
        4
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from epa_phases p join epas e on e.id = p.epa_id where e.number = 7"
        )
        .await,
        1
    );
    assert!(count(&pool, "select count(*) from case_types").await > 10);
    assert!(count(&pool, "select count(*) from feedback_tags").await > 10);
    let audited = audit_rows(&pool).await;
    assert!(audited > 100, "every row is audited");
    // A second run finds everything as it should be and writes nothing.
    reference_store::install_shipped(&pool).await.unwrap();
    assert_eq!(audit_rows(&pool).await, audited);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_program_imports_its_own_set_and_a_second_import_changes_nothing(pool: PgPool) {
    reference_store::install_shipped(&pool).await.unwrap();
    let program = common::program(&pool, "GS").await;
    let actor = common::actor();
    let first = import_reference(&pool, &actor, Some(program.id), &csv_import(CSV), false)
        .await
        .unwrap();
    assert!(first.created);
    assert_eq!(first.items, 2);
    let chosen: Option<uuid::Uuid> =
        sqlx::query_scalar("select milestone_set_id from programs where id = $1")
            .bind(program.id.0)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(chosen, Some(first.set_id));
    let audited = audit_rows(&pool).await;
    let again = import_reference(&pool, &actor, Some(program.id), &csv_import(CSV), false)
        .await
        .unwrap();
    assert_eq!((again.set_id, again.created), (first.set_id, false));
    assert_eq!(audit_rows(&pool).await, audited, "nothing changed");

    // A correction rewrites only what changed, in place.
    let corrected = CSV.replace("Anatomy,a,b,c,d,e", "Surgical anatomy,a,b,c,d,e2");
    import_reference(
        &pool,
        &actor,
        Some(program.id),
        &csv_import(&corrected),
        false,
    )
    .await
    .unwrap();
    let name: String = sqlx::query_scalar(
        "select name from subcompetencies where milestone_set_id = $1 and code = 'MK1'",
    )
    .bind(first.set_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(name, "Surgical anatomy");
    // One subcompetency renamed, one descriptor: two updates audited.
    assert_eq!(audit_rows(&pool).await, audited + 2);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_bad_file_or_a_dry_run_writes_nothing(pool: PgPool) {
    reference_store::install_shipped(&pool).await.unwrap();
    let program = common::program(&pool, "GS").await;
    let actor = common::actor();
    let before = audit_rows(&pool).await;
    let bad = format!("{CSV}PROF,PROF1,,a,b,c,d,e\n");
    let err = import_reference(&pool, &actor, Some(program.id), &csv_import(&bad), false)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(
        err.to_string().contains("line 4: the name is missing"),
        "{err}"
    );
    let dry = import_reference(&pool, &actor, Some(program.id), &csv_import(CSV), true)
        .await
        .unwrap();
    assert!(dry.created);
    assert_eq!(audit_rows(&pool).await, before);
    assert_eq!(
        count(
            &pool,
            "select count(*) from milestone_sets where program_id is not null"
        )
        .await,
        0
    );
    // A CSV without its label is refused on the label.
    let unnamed = ReferenceImport {
        label: None,
        ..csv_import(CSV)
    };
    let err = import_reference(&pool, &actor, Some(program.id), &unnamed, false)
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("label"));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_correction_may_not_drop_what_milestone_levels_use(pool: PgPool) {
    reference_store::install_shipped(&pool).await.unwrap();
    let (program, year, _) = common::year_with_blocks(&pool).await;
    let actor = common::actor();
    let set = import_reference(&pool, &actor, Some(program.id), &csv_import(CSV), false)
        .await
        .unwrap();
    let resident = rotunda_core::people::service::add_resident(
        &pool,
        &actor,
        rotunda_core::people::NewResidentInput {
            program_id: program.id,
            email: "ana@example.org".into(),
            first_name: "Ana".into(),
            last_name: "Ruiz".into(),
            pgy_level: 1,
        },
    )
    .await
    .unwrap();
    assert_eq!(resident.pgy_level, Some(1));
    sqlx::query(
        "insert into milestone_assessments (id, resident_id, subcompetency_id, academic_year_id, term, level)
         select gen_random_uuid(), r.id, s.id, $2, 'fall', 2.5
         from residents r, subcompetencies s where s.milestone_set_id = $1 and s.code = 'MK1'",
    )
    .bind(set.set_id)
    .bind(year.id.0)
    .execute(&pool)
    .await
    .unwrap();
    let without_mk1 = "competency,code,name,level 1,level 2,level 3,level 4,level 5\n\
                       PC,PC1,Patient evaluation,a,b,c,d,e\n";
    let err = import_reference(
        &pool,
        &actor,
        Some(program.id),
        &csv_import(without_mk1),
        false,
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("leaves out MK1, which milestone levels already use"),
        "{err}"
    );
    assert_eq!(
        count(&pool, "select count(*) from subcompetencies where code = 'MK1' and milestone_set_id in (select id from milestone_sets where program_id is not null)").await,
        1
    );
}
