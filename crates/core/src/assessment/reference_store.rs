//! Writing reference sets. A set is written whole in one transaction. A set already there (same
//! specialty, version and owner) is corrected in place, matched by code or number, so the
//! assessments made against it keep pointing at the same rows; a row the file leaves out is
//! removed unless an assessment uses it, and then the import is refused, naming it. Rows the file
//! does not change are not touched (no new version, no audit row).

use serde::Serialize;
use sqlx::PgConnection;
use ts_rs::TS;
use uuid::Uuid;

use super::reference::{self, EpaSet, FeedbackTag, MilestoneSet};
use crate::db::{self, Actor, PgPool};
use crate::ids::{EpaSetId, MilestoneSetId, ProgramId};
use crate::{Error, Result};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Installed {
    #[ts(type = "string")]
    pub set_id: Uuid,
    /// Subcompetencies, EPAs or tags in the file.
    pub items: usize,
    /// Whether the set was new (false: an existing set was corrected).
    pub created: bool,
}

/// The shipped files, as Rotunda installs them on every database it opens.
pub const SHIPPED_MILESTONES: &[&str] = &[include_str!(
    "../../reference/general_surgery.milestones.json"
)];
pub const SHIPPED_EPAS: &[&str] = &[include_str!("../../reference/general_surgery.epas.json")];
pub const SHIPPED_TAGS: &str = include_str!("../../reference/feedback_tags.json");

/// The competencies as the database holds them: `(code, abbreviation)`.
pub async fn competencies(conn: &mut PgConnection) -> Result<Vec<(String, String)>> {
    Ok(
        sqlx::query!("select code, abbreviation from ref_competencies order by display_order")
            .fetch_all(conn)
            .await?
            .into_iter()
            .map(|r| (r.code, r.abbreviation))
            .collect(),
    )
}

/// Installs (or brings up to date) the sets Rotunda ships. Idempotent: a second run writes nothing.
pub async fn install_shipped(pool: &PgPool) -> Result<()> {
    let mut tx = db::begin(pool, &Actor::named("rotunda:reference")).await?;
    install_shipped_in(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// The same, inside the caller's transaction (the demo's).
pub async fn install_shipped_in(conn: &mut PgConnection) -> Result<()> {
    let known = competencies(conn).await?;
    for text in SHIPPED_MILESTONES {
        let set = reference::milestone_set_json(text, &known)?;
        write_milestone_set(conn, &set, None, "shipped").await?;
    }
    for text in SHIPPED_EPAS {
        let set = reference::epa_set_json(text)?;
        write_epa_set(conn, &set, None, "shipped").await?;
    }
    write_tags(conn, &reference::feedback_tags_json(SHIPPED_TAGS)?).await?;
    Ok(())
}

async fn check_specialty(conn: &mut PgConnection, specialty: &str) -> Result<()> {
    let known = sqlx::query_scalar!(
        r#"select exists (select 1 from ref_specialties where code = $1) as "known!""#,
        specialty
    )
    .fetch_one(conn)
    .await?;
    if known {
        Ok(())
    } else {
        Err(Error::invalid(
            "specialty",
            format!("'{specialty}' is not a specialty Rotunda knows"),
        ))
    }
}

/// Writes a milestone set for `program` (None: shipped for everyone).
pub async fn write_milestone_set(
    conn: &mut PgConnection,
    set: &MilestoneSet,
    program: Option<ProgramId>,
    source: &str,
) -> Result<Installed> {
    check_specialty(conn, &set.specialty).await?;
    let owner = program.map(|p| p.0);
    let existing = sqlx::query_scalar!(
        r#"select id as "id: MilestoneSetId" from milestone_sets
           where specialty_code = $1 and set_version = $2 and program_id is not distinct from $3"#,
        set.specialty,
        set.version,
        owner
    )
    .fetch_optional(&mut *conn)
    .await?;
    let id = match existing {
        Some(id) => {
            sqlx::query!(
                "update milestone_sets set name = $2 where id = $1 and name <> $2",
                id.0,
                set.name
            )
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            let id = MilestoneSetId::new();
            sqlx::query!(
                "insert into milestone_sets (id, specialty_code, set_version, name, program_id, source)
                 values ($1, $2, $3, $4, $5, $6)",
                id.0,
                set.specialty,
                set.version,
                set.name,
                owner,
                source
            )
            .execute(&mut *conn)
            .await?;
            id
        }
    };
    let codes: Vec<String> = set.subcompetencies.iter().map(|s| s.code.clone()).collect();
    let unused = sqlx::query!(
        r#"select s.code, exists (select 1 from milestone_assessments m where m.subcompetency_id = s.id) as "used!"
           from subcompetencies s where s.milestone_set_id = $1 and not (s.code = any($2))"#,
        id.0,
        &codes
    )
    .fetch_all(&mut *conn)
    .await?;
    let used: Vec<&str> = unused
        .iter()
        .filter(|r| r.used)
        .map(|r| r.code.as_str())
        .collect();
    if !used.is_empty() {
        return Err(Error::invalid(
            "file",
            format!(
                "Nothing was imported: the file leaves out {}, which milestone levels already use; keep {} in the file",
                used.join(", "),
                if used.len() == 1 { "it" } else { "them" }
            ),
        ));
    }
    sqlx::query!(
        "delete from subcompetencies where milestone_set_id = $1 and not (code = any($2))",
        id.0,
        &codes
    )
    .execute(&mut *conn)
    .await?;
    for (order, s) in set.subcompetencies.iter().enumerate() {
        let sub = sqlx::query_scalar!(
            r#"insert into subcompetencies (id, milestone_set_id, competency_code, code, name, description, display_order)
               values ($1, $2, $3, $4, $5, $6, $7)
               on conflict (milestone_set_id, code) do update
                 set competency_code = excluded.competency_code, name = excluded.name,
                     description = excluded.description, display_order = excluded.display_order
                 where (subcompetencies.competency_code, subcompetencies.name, subcompetencies.description,
                        subcompetencies.display_order)
                       is distinct from (excluded.competency_code, excluded.name, excluded.description,
                                         excluded.display_order)
               returning id"#,
            Uuid::now_v7(),
            id.0,
            s.competency,
            s.code,
            s.name,
            s.description,
            order as i32 + 1
        )
        .fetch_optional(&mut *conn)
        .await?;
        // Unchanged rows return nothing: look the id up.
        let sub = match sub {
            Some(sub) => sub,
            None => {
                sqlx::query_scalar!(
                    "select id from subcompetencies where milestone_set_id = $1 and code = $2",
                    id.0,
                    s.code
                )
                .fetch_one(&mut *conn)
                .await?
            }
        };
        let levels: Vec<i32> = (1..=5).collect();
        let ids: Vec<Uuid> = (0..5).map(|_| Uuid::now_v7()).collect();
        sqlx::query!(
            r#"insert into milestone_level_descriptors (id, subcompetency_id, level, descriptor)
               select i, $2, l, d from unnest($1::uuid[], $3::int[], $4::text[]) as t(i, l, d)
               on conflict (subcompetency_id, level) do update set descriptor = excluded.descriptor
                 where milestone_level_descriptors.descriptor is distinct from excluded.descriptor"#,
            &ids,
            sub,
            &levels,
            &s.levels.to_vec()
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(Installed {
        set_id: id.0,
        items: set.subcompetencies.len(),
        created: existing.is_none(),
    })
}

/// Writes an EPA set for `program` (None: shipped for everyone).
pub async fn write_epa_set(
    conn: &mut PgConnection,
    set: &EpaSet,
    program: Option<ProgramId>,
    source: &str,
) -> Result<Installed> {
    check_specialty(conn, &set.specialty).await?;
    let owner = program.map(|p| p.0);
    let existing = sqlx::query_scalar!(
        r#"select id as "id: EpaSetId" from epa_sets
           where specialty_code = $1 and set_version = $2 and program_id is not distinct from $3"#,
        set.specialty,
        set.version,
        owner
    )
    .fetch_optional(&mut *conn)
    .await?;
    let id = match existing {
        Some(id) => {
            sqlx::query!(
                "update epa_sets set name = $2 where id = $1 and name <> $2",
                id.0,
                set.name
            )
            .execute(&mut *conn)
            .await?;
            id
        }
        None => {
            let id = EpaSetId::new();
            sqlx::query!(
                "insert into epa_sets (id, specialty_code, set_version, name, program_id, source)
                 values ($1, $2, $3, $4, $5, $6)",
                id.0,
                set.specialty,
                set.version,
                set.name,
                owner,
                source
            )
            .execute(&mut *conn)
            .await?;
            id
        }
    };

    // What the file leaves out that assessments use: scale levels, EPAs, phases.
    let levels: Vec<i32> = set.scale.iter().map(|l| l.level).collect();
    let numbers: Vec<i32> = set.epas.iter().map(|e| e.number).collect();
    let (phase_numbers, phase_names): (Vec<i32>, Vec<String>) = set
        .epas
        .iter()
        .flat_map(|e| e.phases.iter().map(|p| (e.number, p.as_str().to_string())))
        .unzip();
    let in_use = sqlx::query_scalar!(
        r#"select distinct 'level ' || a.entrustment_level as "what!"
             from epa_assessments a where a.epa_set_id = $1 and not (a.entrustment_level = any($2))
           union all
           select distinct 'EPA ' || e.number || case when e.number = any($3) then ' ' || a.phase else '' end
             from epa_assessments a join epas e on e.id = a.epa_id
            where a.epa_set_id = $1
              and not exists (select 1 from unnest($4::int[], $5::text[]) as k(n, p)
                              where k.n = e.number and k.p = a.phase)"#,
        id.0,
        &levels,
        &numbers,
        &phase_numbers,
        &phase_names
    )
    .fetch_all(&mut *conn)
    .await?;
    if !in_use.is_empty() {
        return Err(Error::invalid(
            "file",
            format!(
                "Nothing was imported: the file leaves out {}, which assessments already use",
                in_use.join(", ")
            ),
        ));
    }

    sqlx::query!(
        "delete from entrustment_levels where epa_set_id = $1 and not (level = any($2))",
        id.0,
        &levels
    )
    .execute(&mut *conn)
    .await?;
    let scale_ids: Vec<Uuid> = set.scale.iter().map(|_| Uuid::now_v7()).collect();
    let scale_names: Vec<String> = set.scale.iter().map(|l| l.name.clone()).collect();
    let scale_texts: Vec<Option<String>> =
        set.scale.iter().map(|l| l.description.clone()).collect();
    sqlx::query!(
        r#"insert into entrustment_levels (id, epa_set_id, level, name, description)
           select i, $2, l, n, d from unnest($1::uuid[], $3::int[], $4::text[], $5::text[]) as t(i, l, n, d)
           on conflict (epa_set_id, level) do update set name = excluded.name, description = excluded.description
             where (entrustment_levels.name, entrustment_levels.description)
                   is distinct from (excluded.name, excluded.description)"#,
        &scale_ids,
        id.0,
        &levels,
        &scale_names,
        &scale_texts as &[Option<String>]
    )
    .execute(&mut *conn)
    .await?;

    sqlx::query!(
        "delete from epas where epa_set_id = $1 and not (number = any($2))",
        id.0,
        &numbers
    )
    .execute(&mut *conn)
    .await?;
    for (order, epa) in set.epas.iter().enumerate() {
        sqlx::query!(
            r#"insert into epas (id, epa_set_id, number, name, short_name, description, display_order)
               values ($1, $2, $3, $4, $5, $6, $7)
               on conflict (epa_set_id, number) do update
                 set name = excluded.name, short_name = excluded.short_name,
                     description = excluded.description, display_order = excluded.display_order
                 where (epas.name, epas.short_name, epas.description, epas.display_order)
                       is distinct from (excluded.name, excluded.short_name, excluded.description,
                                         excluded.display_order)"#,
            Uuid::now_v7(),
            id.0,
            epa.number,
            epa.name,
            epa.short_name,
            epa.description,
            order as i32 + 1
        )
        .execute(&mut *conn)
        .await?;
        let epa_id = sqlx::query_scalar!(
            "select id from epas where epa_set_id = $1 and number = $2",
            id.0,
            epa.number
        )
        .fetch_one(&mut *conn)
        .await?;
        let phases: Vec<String> = epa.phases.iter().map(|p| p.as_str().to_string()).collect();
        sqlx::query!(
            "delete from epa_phases where epa_id = $1 and not (phase = any($2))",
            epa_id,
            &phases
        )
        .execute(&mut *conn)
        .await?;
        let phase_ids: Vec<Uuid> = phases.iter().map(|_| Uuid::now_v7()).collect();
        sqlx::query!(
            r#"insert into epa_phases (id, epa_id, phase)
               select i, $2, p from unnest($1::uuid[], $3::text[]) as t(i, p)
               on conflict (epa_id, phase) do nothing"#,
            &phase_ids,
            epa_id,
            &phases
        )
        .execute(&mut *conn)
        .await?;
        let codes: Vec<String> = epa.case_types.iter().map(|c| c.code.clone()).collect();
        sqlx::query!(
            r#"delete from case_types c where c.epa_id = $1 and not (c.code = any($2))
                 and not exists (select 1 from epa_assessments a where a.case_type_id = c.id)"#,
            epa_id,
            &codes
        )
        .execute(&mut *conn)
        .await?;
        let case_ids: Vec<Uuid> = codes.iter().map(|_| Uuid::now_v7()).collect();
        let case_names: Vec<String> = epa.case_types.iter().map(|c| c.name.clone()).collect();
        let minutes: Vec<Option<i32>> = epa.case_types.iter().map(|c| c.minutes).collect();
        sqlx::query!(
            r#"insert into case_types (id, epa_id, code, name, typical_duration_minutes)
               select i, $2, c, n, m from unnest($1::uuid[], $3::text[], $4::text[], $5::int[]) as t(i, c, n, m)
               on conflict (epa_id, code) do update
                 set name = excluded.name, typical_duration_minutes = excluded.typical_duration_minutes
                 where (case_types.name, case_types.typical_duration_minutes)
                       is distinct from (excluded.name, excluded.typical_duration_minutes)"#,
            &case_ids,
            epa_id,
            &codes,
            &case_names,
            &minutes as &[Option<i32>]
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(Installed {
        set_id: id.0,
        items: set.epas.len(),
        created: existing.is_none(),
    })
}

/// Adds feedback tags, or corrects their descriptions; tags are never removed by an import.
pub async fn write_tags(conn: &mut PgConnection, tags: &[FeedbackTag]) -> Result<usize> {
    let ids: Vec<Uuid> = tags.iter().map(|_| Uuid::now_v7()).collect();
    let categories: Vec<String> = tags.iter().map(|t| t.category.clone()).collect();
    let names: Vec<String> = tags.iter().map(|t| t.name.clone()).collect();
    let descriptions: Vec<Option<String>> = tags.iter().map(|t| t.description.clone()).collect();
    let specialties: Vec<Option<String>> = tags.iter().map(|t| t.specialty.clone()).collect();
    for s in specialties.iter().flatten() {
        check_specialty(conn, s).await?;
    }
    sqlx::query!(
        r#"insert into feedback_tags (id, category, name, description, specialty_code)
           select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
           on conflict (category, name, specialty_code) do update set description = excluded.description
             where feedback_tags.description is distinct from excluded.description"#,
        &ids,
        &categories,
        &names,
        &descriptions as &[Option<String>],
        &specialties as &[Option<String>]
    )
    .execute(conn)
    .await?;
    Ok(tags.len())
}
