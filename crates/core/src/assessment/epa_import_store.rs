//! Importing EPA assessments: every row is read, its names resolved against the program (residents
//! and faculty by e-mail, the EPA by number, case types and tags by name) and checked by the same
//! rules as the entry form, against facts loaded once for the file; then, when asked to and no row
//! is bad, all are written in one transaction, a thousand to a statement. The same assessment already stored, or twice in the file, is left alone, so
//! importing a file again changes nothing.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::epa::{self, EpaAssessmentInput, ValidEpaAssessment};
use super::epa_import::{self, COLUMNS, RawAssessment};
use super::epa_rules::{Rotations, SetFacts};
use super::epa_store::{self, Context, program_epa_set};
use crate::csv_report::{Opened, RecordRow, RecordsReport, open};
use crate::db::{self, Actor, PgPool};
use crate::ids::{
    CaseTypeId, EpaAssessmentId, EpaId, FacultyId, FeedbackTagId, ProgramId, ResidentId,
};
use crate::people::choices::residents_by_email;
use crate::people::roster::{ImportMode, ImportProgress, RowOutcome, RowProblem};
use crate::{Error, Result};

/// How many assessments one statement writes: large enough to be fast, small enough to report
/// progress.
const CHUNK: usize = 1000;

/// Names of the program's people, EPAs, case types and tags, lower-cased.
struct Names {
    residents: HashMap<String, ResidentId>,
    faculty: HashMap<String, FacultyId>,
    epas: HashMap<i32, EpaId>,
    case_types: HashMap<(EpaId, String), CaseTypeId>,
    tags: HashMap<String, FeedbackTagId>,
}

async fn names(conn: &mut PgConnection, program: ProgramId) -> Result<Names> {
    let set = program_epa_set(conn, program).await?;
    let residents = residents_by_email(&mut *conn, program).await?;
    let faculty = sqlx::query!(
        r#"select lower(u.email::text) as "email!", f.id as "id: FacultyId"
           from faculty f join users u on u.id = f.user_id where f.program_id = $1"#,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.email, r.id))
    .collect();
    let epas = sqlx::query!(
        r#"select number, id as "id: EpaId" from epas where epa_set_id = $1"#,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.number, r.id))
    .collect();
    // A case type is named by its name or its code.
    let mut case_types = HashMap::new();
    for c in sqlx::query!(
        r#"select c.id as "id: CaseTypeId", c.epa_id as "epa_id: EpaId", c.code, c.name
           from case_types c join epas e on e.id = c.epa_id where e.epa_set_id = $1"#,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?
    {
        case_types.insert((c.epa_id, c.name.to_lowercase()), c.id);
        case_types.insert((c.epa_id, c.code.to_lowercase()), c.id);
    }
    let tags = sqlx::query!(
        r#"select lower(t.name) as "name!", t.id as "id: FeedbackTagId"
           from feedback_tags t, programs p
           where p.id = $1 and (t.specialty_code is null or t.specialty_code = p.specialty_code)"#,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.name, r.id))
    .collect();
    Ok(Names {
        residents,
        faculty,
        epas,
        case_types,
        tags,
    })
}

/// What makes two assessments the same one: who, by whom, which EPA and phase, when, what level.
type Key = (Uuid, Uuid, Uuid, String, NaiveDate, i32);

async fn stored_keys(
    conn: &mut PgConnection,
    program: ProgramId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashSet<Key>> {
    Ok(sqlx::query!(
        r#"select a.resident_id, a.assessor_id, a.epa_id, a.phase, a.assessed_on, a.entrustment_level
           from epa_assessments a join residents r on r.id = a.resident_id
           where r.program_id = $1 and a.deleted_at is null and a.assessed_on between $2 and $3"#,
        program.0,
        from,
        to
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        (
            r.resident_id,
            r.assessor_id,
            r.epa_id,
            r.phase,
            r.assessed_on,
            r.entrustment_level,
        )
    })
    .collect())
}

fn problem(column: &str, message: impl Into<String>) -> RowProblem {
    RowProblem {
        column: column.to_string(),
        message: message.into(),
    }
}

/// The row's names as ids, or the names nobody in the program has.
fn resolve(
    raw: &RawAssessment,
    names: &Names,
) -> std::result::Result<EpaAssessmentInput, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let resident = names.residents.get(&raw.resident_email.to_lowercase());
    if resident.is_none() {
        problems.push(problem(
            "resident_email",
            format!(
                "No resident of this program has the e-mail {}",
                raw.resident_email
            ),
        ));
    }
    let assessor = names.faculty.get(&raw.assessor_email.to_lowercase());
    if assessor.is_none() {
        problems.push(problem(
            "assessor_email",
            format!(
                "No faculty member of this program has the e-mail {}",
                raw.assessor_email
            ),
        ));
    }
    let epa = names.epas.get(&raw.epa_number);
    if epa.is_none() {
        problems.push(problem(
            "epa",
            format!("This program's EPA set has no EPA {}", raw.epa_number),
        ));
    }
    let case_type = match (&raw.case_type, epa) {
        (Some(name), Some(epa)) => {
            let found = names.case_types.get(&(*epa, name.to_lowercase())).copied();
            if found.is_none() {
                problems.push(problem(
                    "case_type",
                    format!("EPA {} has no case type '{name}'", raw.epa_number),
                ));
            }
            found
        }
        _ => None,
    };
    let mut tags = |column: &str, list: &[String]| -> Vec<FeedbackTagId> {
        list.iter()
            .filter_map(|name| {
                let found = names.tags.get(&name.to_lowercase()).copied();
                if found.is_none() {
                    problems.push(problem(
                        column,
                        format!("There is no feedback tag '{name}'"),
                    ));
                }
                found
            })
            .collect()
    };
    let went_well = tags("went_well", &raw.went_well);
    let needs_work = tags("needs_work", &raw.needs_work);
    match (resident, assessor, epa) {
        (Some(r), Some(a), Some(e)) if problems.is_empty() => Ok(EpaAssessmentInput {
            resident_id: *r,
            assessor_id: *a,
            epa_id: *e,
            phase: raw.phase,
            assessed_on: raw.date.to_string(),
            entrustment_level: raw.level,
            rotation_assignment_id: None,
            case_type_id: case_type,
            case_urgency: raw.urgency.clone(),
            patient_asa_class: raw.asa_class,
            procedure_duration_minutes: raw.duration_minutes,
            complications_occurred: raw.complications,
            location_type: raw.location.clone(),
            location_details: raw.location_details.clone(),
            narrative: raw.narrative.clone(),
            went_well,
            needs_work,
            entry_method: Some("import".to_string()),
        }),
        _ => Err(problems),
    }
}

/// An error from the rules shared with the form, as a problem of the row's column.
fn row_problem(e: &Error) -> RowProblem {
    let column = e.field().map_or("", epa_import::column_of);
    problem(column, e.to_string())
}

/// Previews or applies an assessments file for a program. A bad file is not an error: the report
/// says what is wrong, row by row, and nothing is written.
pub async fn import_epa_assessments(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    text: &str,
    mode: ImportMode,
    today: NaiveDate,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
) -> Result<RecordsReport> {
    let (table, layout, mut report) = match open(text, COLUMNS, "assessments") {
        Opened::Rows {
            table,
            layout,
            report,
        } => (table, layout, report),
        Opened::Refused(report) => return Ok(report),
    };
    let parsed: Vec<_> = table
        .rows
        .iter()
        .map(|r| epa_import::parse_row(r, &layout))
        .collect();
    let dates = parsed
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|r| r.date));
    let (from, to) = dates.fold((NaiveDate::MAX, NaiveDate::MIN), |(lo, hi), d| {
        (lo.min(d), hi.max(d))
    });

    let mut conn = pool.acquire().await?;
    let names = names(&mut conn, program).await?;
    let facts = SetFacts::load(&mut conn, program).await?;
    let (mut seen, rotations) = if from <= to {
        (
            stored_keys(&mut conn, program, from, to).await?,
            Rotations::load(&mut conn, program, from, to).await?,
        )
    } else {
        (HashSet::new(), Rotations::default())
    };
    drop(conn);
    let facts_of = Facts {
        names: &names,
        set: &facts,
        rotations: &rotations,
        today,
    };
    let mut checked = Vec::new();
    for (row, result) in table.rows.iter().zip(parsed) {
        let (outcome, problems, what, resident) = match result {
            Err(problems) => (
                RowOutcome::Invalid,
                problems,
                String::new(),
                row.cell(0).to_string(),
            ),
            Ok(raw) => {
                let what = format!("EPA {} · {}", raw.epa_number, raw.date);
                let (outcome, mut problems) = match decide(&raw, &facts_of, &mut seen) {
                    Decision::New(new) => {
                        let (valid, ctx) = *new;
                        checked.push((EpaAssessmentId::new(), valid, ctx));
                        (RowOutcome::New, Vec::new())
                    }
                    Decision::Duplicate => (RowOutcome::Unchanged, Vec::new()),
                    Decision::Invalid(problems) => (RowOutcome::Invalid, problems),
                };
                // Named by the file's own header, as the cells' problems are.
                for p in &mut problems {
                    if !p.column.is_empty() {
                        p.column = layout.header(&p.column);
                    }
                }
                (outcome, problems, what, raw.resident_email)
            }
        };
        report.add(RecordRow {
            line: row.line,
            cells: row.cells.clone(),
            resident,
            what,
            outcome,
            problems,
        });
    }
    if mode == ImportMode::Apply && report.is_valid() {
        let mut tx = db::begin(pool, actor).await?;
        let new = u32::try_from(checked.len()).unwrap_or(u32::MAX);
        let mut done = 0;
        for chunk in checked.chunks(CHUNK) {
            let rows: Vec<_> = chunk.iter().map(|(id, v, ctx)| (*id, v, *ctx)).collect();
            epa_store::insert_checked(&mut tx, &rows).await?;
            done += u32::try_from(chunk.len()).unwrap_or(u32::MAX);
            progress(ImportProgress { done, total: new });
        }
        tx.commit().await?;
        report.applied = true;
    }
    Ok(report)
}

/// What every row is checked against, loaded once for the file.
struct Facts<'a> {
    names: &'a Names,
    set: &'a SetFacts,
    rotations: &'a Rotations,
    today: NaiveDate,
}

enum Decision {
    New(Box<(ValidEpaAssessment, Context)>),
    Duplicate,
    Invalid(Vec<RowProblem>),
}

/// Resolves and checks one row by the form's rules; an assessment seen before is a duplicate.
fn decide(raw: &RawAssessment, facts: &Facts<'_>, seen: &mut HashSet<Key>) -> Decision {
    let input = match resolve(raw, facts.names) {
        Ok(input) => input,
        Err(problems) => return Decision::Invalid(problems),
    };
    let checked = epa::validate(&input, facts.today).and_then(|v| facts.set.check(&v).map(|()| v));
    let valid = match checked {
        Ok(v) => v,
        Err(e) => return Decision::Invalid(vec![row_problem(&e)]),
    };
    let key = (
        valid.resident_id.0,
        valid.assessor_id.0,
        valid.epa_id.0,
        valid.phase.as_str().to_string(),
        valid.assessed_on,
        valid.entrustment_level,
    );
    if !seen.insert(key) {
        return Decision::Duplicate;
    }
    let ctx = Context {
        epa_set_id: facts.set.set,
        day: facts.rotations.on(valid.resident_id, valid.assessed_on),
    };
    Decision::New(Box::new((valid, ctx)))
}
