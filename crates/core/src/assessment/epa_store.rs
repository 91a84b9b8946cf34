//! EPA assessments in the database: add, edit and soft-delete (each audited by the triggers), list,
//! and the checks that need the database — the assessor teaches in the resident's program, the
//! set's rules (`epa_rules`), and the rotation is the resident's on that day.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::epa::{
    self, EpaAssessment, EpaAssessmentInput, EpaFilter, EpaPage, TagLabel, ValidEpaAssessment,
};
use super::epa_rules::{Day, SetFacts};
use super::reference::Phase;
use crate::db::{self, Actor, PgPool};
use crate::ids::{
    AssignmentId, CaseTypeId, EpaAssessmentId, EpaSetId, FeedbackTagId, ProgramId, ResidentId,
};
use crate::{Error, Result, input};

/// The EPA set a program assesses against: its own choice, else the newest shipped set of its
/// specialty.
pub async fn program_epa_set(conn: &mut PgConnection, program: ProgramId) -> Result<EpaSetId> {
    let set = sqlx::query_scalar!(
        r#"select coalesce(p.epa_set_id,
                  (select s.id from epa_sets s
                    where s.specialty_code = p.specialty_code and s.program_id is null
                    order by s.created_at desc limit 1)) as "id: EpaSetId"
           from programs p where p.id = $1"#,
        program.0
    )
    .fetch_optional(conn)
    .await?
    .flatten();
    set.ok_or_else(|| {
        Error::invalid(
            "epaId",
            "This program has no EPA set yet: set its specialty or import its EPAs first",
        )
    })
}

/// What the stored row needs beyond the input: the set, and the rotation and site of the day.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    pub epa_set_id: EpaSetId,
    pub day: Option<Day>,
}

/// The checks of one entry that need the database: the resident's program, the assessor on its
/// faculty, the set's rules (`SetFacts::check`), and the rotation of the day.
async fn check_context(conn: &mut PgConnection, v: &ValidEpaAssessment) -> Result<Context> {
    let program = sqlx::query_scalar!(
        r#"select program_id as "program: ProgramId" from residents where id = $1"#,
        v.resident_id.0
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::invalid("residentId", "There is no such resident"))?;
    let teaches = sqlx::query_scalar!(
        r#"select exists (select 1 from faculty where id = $1 and program_id = $2) as "yes!""#,
        v.assessor_id.0,
        program.0
    )
    .fetch_one(&mut *conn)
    .await?;
    if !teaches {
        return Err(Error::invalid(
            "assessorId",
            "The assessor is not on this program's faculty",
        ));
    }
    let facts = SetFacts::load(conn, program).await?;
    facts.check(v)?;
    // The rotation of the day: the one named, which must be the resident's and hold the date, or
    // else whatever the resident was assigned that day.
    let day = sqlx::query!(
        r#"select a.id as "id: AssignmentId", a.rotation_type_id, a.clinical_site_id
           from rotation_assignments a
           where a.resident_id = $1 and a.start_date <= $2 and $2 <= a.end_date
             and ($3::uuid is null or a.id = $3)"#,
        v.resident_id.0,
        v.assessed_on,
        v.rotation_assignment_id.map(|a| a.0)
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(|a| Day {
        assignment: a.id,
        rotation: a.rotation_type_id,
        site: a.clinical_site_id,
    });
    if v.rotation_assignment_id.is_some() && day.is_none() {
        return Err(Error::invalid(
            "rotationAssignmentId",
            format!("That rotation is not the resident's on {}", v.assessed_on),
        ));
    }
    Ok(Context {
        epa_set_id: facts.set,
        day,
    })
}

/// Replaces the tags of the assessments named (none for new ones) with theirs.
async fn write_tags(
    conn: &mut PgConnection,
    rows: &[(EpaAssessmentId, &ValidEpaAssessment)],
) -> Result<()> {
    let assessments: Vec<Uuid> = rows.iter().map(|(id, _)| id.0).collect();
    sqlx::query!(
        "delete from epa_assessment_tags where epa_assessment_id = any($1)",
        &assessments
    )
    .execute(&mut *conn)
    .await?;
    let (mut ids, mut of, mut tags, mut kinds) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, v) in rows {
        let tagged = v.went_well.iter().map(|t| (t, "went_well"));
        for (tag, kind) in tagged.chain(v.needs_work.iter().map(|t| (t, "needs_work"))) {
            ids.push(Uuid::now_v7());
            of.push(id.0);
            tags.push(tag.0);
            kinds.push(kind.to_string());
        }
    }
    sqlx::query!(
        r#"insert into epa_assessment_tags (id, epa_assessment_id, feedback_tag_id, tag_type)
           select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])"#,
        &ids,
        &of,
        &tags,
        &kinds
    )
    .execute(conn)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
            Error::invalid("wentWell", "One of the feedback tags does not exist")
        }
        other => other.into(),
    })?;
    Ok(())
}

/// Records an assessment.
pub async fn add(
    pool: &PgPool,
    actor: &Actor,
    input: &EpaAssessmentInput,
    today: NaiveDate,
) -> Result<EpaAssessment> {
    let v = epa::validate(input, today)?;
    let mut tx = db::begin(pool, actor).await?;
    let ctx = check_context(&mut tx, &v).await?;
    let id = EpaAssessmentId::new();
    insert_checked(&mut tx, &[(id, &v, ctx)]).await?;
    let out = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// An assessment ready to be written: its new id, the checked entry, and its context.
pub(crate) type Checked<'a> = (EpaAssessmentId, &'a ValidEpaAssessment, Context);

/// Writes checked assessments with their tags, in one statement each however many there are.
pub(crate) async fn insert_checked(conn: &mut PgConnection, rows: &[Checked<'_>]) -> Result<()> {
    let col = |f: &dyn Fn(&Checked<'_>) -> Option<Uuid>| {
        rows.iter().map(f).collect::<Vec<Option<Uuid>>>()
    };
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0.0).collect();
    let residents: Vec<Uuid> = rows.iter().map(|r| r.1.resident_id.0).collect();
    let assessors: Vec<Uuid> = rows.iter().map(|r| r.1.assessor_id.0).collect();
    let epas: Vec<Uuid> = rows.iter().map(|r| r.1.epa_id.0).collect();
    let sets: Vec<Uuid> = rows.iter().map(|r| r.2.epa_set_id.0).collect();
    let phases: Vec<String> = rows
        .iter()
        .map(|r| r.1.phase.as_str().to_string())
        .collect();
    let dates: Vec<NaiveDate> = rows.iter().map(|r| r.1.assessed_on).collect();
    let levels: Vec<i32> = rows.iter().map(|r| r.1.entrustment_level).collect();
    let assignments = col(&|r| r.2.day.map(|d| d.assignment.0));
    let rotations = col(&|r| r.2.day.map(|d| d.rotation));
    let sites = col(&|r| r.2.day.and_then(|d| d.site));
    let cases = col(&|r| r.1.case_type_id.map(|c| c.0));
    let text = |f: &dyn Fn(&ValidEpaAssessment) -> Option<String>| {
        rows.iter().map(|r| f(r.1)).collect::<Vec<Option<String>>>()
    };
    let urgencies = text(&|v| v.case_urgency.clone());
    let locations = text(&|v| v.location_type.clone());
    let details = text(&|v| v.location_details.clone());
    let narratives = text(&|v| v.narrative.clone());
    let methods: Vec<String> = rows.iter().map(|r| r.1.entry_method.clone()).collect();
    let asa: Vec<Option<i32>> = rows.iter().map(|r| r.1.patient_asa_class).collect();
    let minutes: Vec<Option<i32>> = rows
        .iter()
        .map(|r| r.1.procedure_duration_minutes)
        .collect();
    let complications: Vec<Option<bool>> =
        rows.iter().map(|r| r.1.complications_occurred).collect();
    sqlx::query!(
        r#"insert into epa_assessments
             (id, resident_id, assessor_id, epa_id, epa_set_id, phase, assessed_on, entrustment_level,
              rotation_assignment_id, rotation_type_id, clinical_site_id, case_type_id, case_urgency,
              patient_asa_class, procedure_duration_minutes, complications_occurred, location_type,
              location_details, narrative, entry_method)
           select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[],
                                $7::date[], $8::int[], $9::uuid[], $10::uuid[], $11::uuid[], $12::uuid[],
                                $13::text[], $14::int[], $15::int[], $16::bool[], $17::text[], $18::text[],
                                $19::text[], $20::text[])"#,
        &ids,
        &residents,
        &assessors,
        &epas,
        &sets,
        &phases,
        &dates,
        &levels,
        &assignments as &[Option<Uuid>],
        &rotations as &[Option<Uuid>],
        &sites as &[Option<Uuid>],
        &cases as &[Option<Uuid>],
        &urgencies as &[Option<String>],
        &asa as &[Option<i32>],
        &minutes as &[Option<i32>],
        &complications as &[Option<bool>],
        &locations as &[Option<String>],
        &details as &[Option<String>],
        &narratives as &[Option<String>],
        &methods
    )
    .execute(&mut *conn)
    .await?;
    let tagged: Vec<(EpaAssessmentId, &ValidEpaAssessment)> =
        rows.iter().map(|r| (r.0, r.1)).collect();
    write_tags(conn, &tagged).await
}

/// Changes an assessment the user saw at `version`; refused if someone changed it since.
pub async fn edit(
    pool: &PgPool,
    actor: &Actor,
    id: EpaAssessmentId,
    version: i32,
    input: &EpaAssessmentInput,
    today: NaiveDate,
) -> Result<EpaAssessment> {
    let v = epa::validate(input, today)?;
    let mut tx = db::begin(pool, actor).await?;
    let ctx = check_context(&mut tx, &v).await?;
    let done = sqlx::query!(
        r#"update epa_assessments set
             resident_id = $3, assessor_id = $4, epa_id = $5, epa_set_id = $6, phase = $7,
             assessed_on = $8, entrustment_level = $9, rotation_assignment_id = $10,
             rotation_type_id = $11, clinical_site_id = $12, case_type_id = $13, case_urgency = $14,
             patient_asa_class = $15, procedure_duration_minutes = $16, complications_occurred = $17,
             location_type = $18, location_details = $19, narrative = $20
           where id = $1 and version = $2 and deleted_at is null"#,
        id.0,
        version,
        v.resident_id.0,
        v.assessor_id.0,
        v.epa_id.0,
        ctx.epa_set_id.0,
        v.phase.as_str(),
        v.assessed_on,
        v.entrustment_level,
        ctx.day.map(|d| d.assignment.0),
        ctx.day.map(|d| d.rotation),
        ctx.day.and_then(|d| d.site),
        v.case_type_id.map(|c| c.0),
        v.case_urgency,
        v.patient_asa_class,
        v.procedure_duration_minutes,
        v.complications_occurred,
        v.location_type,
        v.location_details,
        v.narrative
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(missing_or_stale(&mut tx, id).await);
    }
    write_tags(&mut tx, &[(id, &v)]).await?;
    let out = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

async fn missing_or_stale(conn: &mut PgConnection, id: EpaAssessmentId) -> Error {
    let exists = sqlx::query_scalar!(
        r#"select exists (select 1 from epa_assessments where id = $1 and deleted_at is null) as "yes!""#,
        id.0
    )
    .fetch_one(conn)
    .await;
    match exists {
        Ok(true) => Error::stale("The assessment"),
        Ok(false) => Error::not_found("The assessment"),
        Err(e) => e.into(),
    }
}

/// Deletes an assessment softly: it leaves every list, view and report, and keeps its row, who
/// deleted it and why.
pub async fn delete(
    pool: &PgPool,
    actor: &Actor,
    id: EpaAssessmentId,
    version: i32,
    reason: &str,
) -> Result<()> {
    let reason = crate::input::text("reason", "The reason", reason, 500)?;
    let mut tx = db::begin(pool, actor).await?;
    let done = sqlx::query!(
        "update epa_assessments set deleted_at = clock_timestamp(), deleted_by = $3, delete_reason = $4
         where id = $1 and version = $2 and deleted_at is null",
        id.0,
        version,
        actor.as_str(),
        reason
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(missing_or_stale(&mut tx, id).await);
    }
    tx.commit().await?;
    Ok(())
}

/// The resident has read the assessment.
/// Once is enough: acknowledging again changes nothing. A deleted assessment is not found.
pub async fn acknowledge(
    pool: &PgPool,
    actor: &Actor,
    id: EpaAssessmentId,
) -> Result<EpaAssessment> {
    let mut tx = db::begin(pool, actor).await?;
    sqlx::query!(
        "update epa_assessments set acknowledged_at = clock_timestamp()
         where id = $1 and deleted_at is null and acknowledged_at is null",
        id.0
    )
    .execute(&mut *tx)
    .await?;
    let out = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// A resident's assessments, newest first (deleted ones never).
pub async fn of_resident(pool: &PgPool, resident: ResidentId) -> Result<Vec<EpaAssessment>> {
    let mut conn = pool.acquire().await?;
    let query = Query {
        resident: Some(resident.0),
        ..Query::default()
    };
    rows(&mut conn, &query).await
}

/// One page of a program's assessments, newest first, and how many match in all.
pub async fn list(
    pool: &PgPool,
    program: ProgramId,
    filter: &EpaFilter,
    limit: u32,
    offset: u32,
) -> Result<EpaPage> {
    let day = |field: &'static str, label: &str, text: &Option<String>| {
        text.as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| input::date(field, label, t))
            .transpose()
    };
    let from = day("from", "From", &filter.from)?;
    let to = day("to", "To", &filter.to)?;
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(Error::invalid("to", format!("{t} is before {f}")));
    }
    let query = Query {
        program: Some(program.0),
        resident: filter.resident_id.map(|r| r.0),
        epa: filter.epa_id.map(|e| e.0),
        from,
        to,
        limit: i64::from(limit.clamp(1, 1000)),
        offset: i64::from(offset),
        ..Query::default()
    };
    let mut conn = pool.acquire().await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from epa_assessments a join residents r on r.id = a.resident_id
           where a.deleted_at is null and r.program_id = $1
             and ($2::uuid is null or a.resident_id = $2) and ($3::uuid is null or a.epa_id = $3)
             and ($4::date is null or a.assessed_on >= $4) and ($5::date is null or a.assessed_on <= $5)"#,
        program.0,
        query.resident,
        query.epa,
        from,
        to
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(EpaPage {
        rows: rows(&mut conn, &query).await?,
        total: u32::try_from(total).unwrap_or(u32::MAX),
    })
}

async fn one(conn: &mut PgConnection, id: EpaAssessmentId) -> Result<EpaAssessment> {
    let query = Query {
        id: Some(id.0),
        ..Query::default()
    };
    rows(conn, &query)
        .await?
        .pop()
        .ok_or_else(|| Error::not_found("The assessment"))
}

/// Which assessments a read returns: every part that is set must match.
struct Query {
    id: Option<Uuid>,
    program: Option<Uuid>,
    resident: Option<Uuid>,
    epa: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    limit: i64,
    offset: i64,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            id: None,
            program: None,
            resident: None,
            epa: None,
            from: None,
            to: None,
            limit: i64::MAX,
            offset: 0,
        }
    }
}

async fn rows(conn: &mut PgConnection, q: &Query) -> Result<Vec<EpaAssessment>> {
    let rows = sqlx::query!(
        r#"select a.id as "id: EpaAssessmentId", a.resident_id as "resident_id: ResidentId",
                  ru.first_name || ' ' || ru.last_name as "resident_name!",
                  a.assessor_id as "assessor_id: crate::ids::FacultyId",
                  fu.first_name || ' ' || fu.last_name as "assessor_name!",
                  a.epa_id as "epa_id: crate::ids::EpaId", e.number as epa_number, e.short_name,
                  a.phase, a.assessed_on, a.entrustment_level, l.name as level_name,
                  rt.code::text as "rotation_code?", cs.name as "site_name?",
                  a.case_type_id as "case_type_id: CaseTypeId", ct.name as "case_type?",
                  a.case_urgency, a.patient_asa_class, a.procedure_duration_minutes,
                  a.complications_occurred, a.location_type, a.location_details, a.narrative,
                  array(select t.id from epa_assessment_tags x join feedback_tags t on t.id = x.feedback_tag_id
                        where x.epa_assessment_id = a.id and x.tag_type = 'went_well' order by t.name) as "went_well_ids!",
                  array(select t.name from epa_assessment_tags x join feedback_tags t on t.id = x.feedback_tag_id
                        where x.epa_assessment_id = a.id and x.tag_type = 'went_well' order by t.name) as "went_well!",
                  array(select t.id from epa_assessment_tags x join feedback_tags t on t.id = x.feedback_tag_id
                        where x.epa_assessment_id = a.id and x.tag_type = 'needs_work' order by t.name) as "needs_work_ids!",
                  array(select t.name from epa_assessment_tags x join feedback_tags t on t.id = x.feedback_tag_id
                        where x.epa_assessment_id = a.id and x.tag_type = 'needs_work' order by t.name) as "needs_work!",
                  a.entry_method, a.acknowledged_at is not null as "acknowledged!", a.version
           from epa_assessments a
           join residents r on r.id = a.resident_id join users ru on ru.id = r.user_id
           join faculty f on f.id = a.assessor_id join users fu on fu.id = f.user_id
           join epas e on e.id = a.epa_id
           join entrustment_levels l on l.epa_set_id = a.epa_set_id and l.level = a.entrustment_level
           left join rotation_types rt on rt.id = a.rotation_type_id
           left join clinical_sites cs on cs.id = a.clinical_site_id
           left join case_types ct on ct.id = a.case_type_id
           where a.deleted_at is null
             and ($1::uuid is null or a.id = $1)
             and ($2::uuid is null or r.program_id = $2)
             and ($3::uuid is null or a.resident_id = $3)
             and ($4::uuid is null or a.epa_id = $4)
             and ($5::date is null or a.assessed_on >= $5)
             and ($6::date is null or a.assessed_on <= $6)
           order by a.assessed_on desc, a.submitted_at desc, a.id
           limit $7 offset $8"#,
        q.id,
        q.program,
        q.resident,
        q.epa,
        q.from,
        q.to,
        q.limit,
        q.offset
    )
    .fetch_all(conn)
    .await?;
    let labels = |ids: Vec<Uuid>, names: Vec<String>| -> Vec<TagLabel> {
        ids.into_iter()
            .zip(names)
            .map(|(id, name)| TagLabel {
                id: FeedbackTagId(id),
                name,
            })
            .collect()
    };
    rows.into_iter()
        .map(|r| {
            Ok(EpaAssessment {
                id: r.id,
                resident_id: r.resident_id,
                resident_name: r.resident_name,
                assessor_id: r.assessor_id,
                assessor_name: r.assessor_name,
                epa_id: r.epa_id,
                epa_number: r.epa_number,
                epa_short_name: r.short_name,
                phase: Phase::parse(&r.phase).ok_or_else(|| {
                    Error::invalid("phase", format!("'{}' is not a phase", r.phase))
                })?,
                assessed_on: r.assessed_on,
                entrustment_level: r.entrustment_level,
                level_name: r.level_name,
                rotation_code: r.rotation_code,
                site_name: r.site_name,
                case_type_id: r.case_type_id,
                case_type: r.case_type,
                case_urgency: r.case_urgency,
                patient_asa_class: r.patient_asa_class,
                procedure_duration_minutes: r.procedure_duration_minutes,
                complications_occurred: r.complications_occurred,
                location_type: r.location_type,
                location_details: r.location_details,
                narrative: r.narrative,
                went_well: labels(r.went_well_ids, r.went_well),
                needs_work: labels(r.needs_work_ids, r.needs_work),
                entry_method: r.entry_method,
                acknowledged: r.acknowledged,
                version: r.version,
            })
        })
        .collect()
}

/// Brings the analytics views up to date without blocking anyone reading them.
pub async fn refresh_analytics(pool: &PgPool) -> Result<()> {
    let mut conn = pool.acquire().await?;
    sqlx::query!("refresh materialized view concurrently resident_epa_progress")
        .execute(&mut *conn)
        .await?;
    sqlx::query!("refresh materialized view concurrently program_assessment_metrics")
        .execute(&mut *conn)
        .await?;
    Ok(())
}
