//! What an EPA assessment form offers for one program: its residents and faculty, the EPAs of its
//! set with the phases each is rated in, the set's entrustment scale, case types and feedback tags.

use serde::Serialize;
use ts_rs::TS;

use super::epa_store::program_epa_set;
use super::reference::Phase;
use crate::db::PgPool;
use crate::ids::{CaseTypeId, EpaId, FeedbackTagId, ProgramId};
use crate::people::choices::ResidentChoice;
use crate::schedule::grid::FacultyLabel;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EpaChoices {
    pub residents: Vec<ResidentChoice>,
    pub faculty: Vec<FacultyLabel>,
    pub epas: Vec<EpaChoice>,
    pub levels: Vec<LevelChoice>,
    pub case_types: Vec<CaseTypeChoice>,
    pub tags: Vec<TagChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EpaChoice {
    pub id: EpaId,
    pub number: i32,
    pub short_name: String,
    pub phases: Vec<Phase>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelChoice {
    pub level: i32,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseTypeChoice {
    pub id: CaseTypeId,
    pub epa_id: EpaId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagChoice {
    pub id: FeedbackTagId,
    pub name: String,
    /// `strength` or `area_for_improvement`.
    pub category: String,
}

/// Everything the form for `program` chooses from; active residents and faculty only.
pub async fn choices(pool: &PgPool, program: ProgramId) -> Result<EpaChoices> {
    let mut conn = pool.acquire().await?;
    let set = program_epa_set(&mut conn, program).await?;
    let residents = crate::people::choices::residents(&mut conn, program).await?;
    let faculty = crate::schedule::store::faculty_labels(&mut conn, program).await?;
    let epas = sqlx::query!(
        r#"select e.id as "id: EpaId", e.number, e.short_name,
                  array(select p.phase from epa_phases p where p.epa_id = e.id order by p.phase) as "phases!"
           from epas e where e.epa_set_id = $1 order by e.display_order, e.number"#,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|e| {
        let phases = e
            .phases
            .iter()
            .map(|p| {
                Phase::parse(p)
                    .ok_or_else(|| Error::invalid("phase", format!("'{p}' is not a phase")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(EpaChoice {
            id: e.id,
            number: e.number,
            short_name: e.short_name,
            phases: Phase::ALL
                .into_iter()
                .filter(|p| phases.contains(p))
                .collect(),
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let levels = sqlx::query_as!(
        LevelChoice,
        "select level, name, description from entrustment_levels where epa_set_id = $1 order by level",
        set.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let case_types = sqlx::query_as!(
        CaseTypeChoice,
        r#"select c.id as "id: CaseTypeId", c.epa_id as "epa_id: EpaId", c.name
           from case_types c join epas e on e.id = c.epa_id
           where e.epa_set_id = $1 order by e.number, c.name"#,
        set.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let tags = sqlx::query_as!(
        TagChoice,
        r#"select t.id as "id: FeedbackTagId", t.name, t.category
           from feedback_tags t, programs p
           where p.id = $1 and (t.specialty_code is null or t.specialty_code = p.specialty_code)
           order by t.category desc, t.name"#,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(EpaChoices {
        residents,
        faculty,
        epas,
        levels,
        case_types,
        tags,
    })
}
