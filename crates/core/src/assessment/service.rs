//! Importing a reference set for a program: read and check the whole file, write it in one
//! transaction (or, for a dry run, only check it), and make the program assess against it.

use serde::Deserialize;
use ts_rs::TS;

use super::reference::{self, SetLabel};
use super::reference_store::{self, Installed};
use crate::db::{self, Actor, PgPool};
use crate::ids::ProgramId;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SetKind {
    Milestones,
    Epas,
    FeedbackTags,
}

/// A reference file to import: JSON (it names its own set) or CSV (the label names it).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceImport {
    pub kind: SetKind,
    pub text: String,
    /// Needed for CSV; ignored for JSON.
    pub label: Option<SetLabel>,
}

fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// Imports a set for `program` (None: for everyone, as the shipped sets are). A dry run checks the
/// file and writes nothing.
pub async fn import_reference(
    pool: &PgPool,
    actor: &Actor,
    program: Option<ProgramId>,
    input: &ReferenceImport,
    dry_run: bool,
) -> Result<Installed> {
    let mut tx = db::begin(pool, actor).await?;
    let source = if program.is_some() {
        "imported"
    } else {
        "shipped"
    };
    let label = || {
        input.label.clone().ok_or_else(|| {
            Error::invalid(
                "label",
                "A CSV file does not name its set: give the specialty, version and name",
            )
        })
    };
    let installed = match input.kind {
        SetKind::Milestones => {
            let known = reference_store::competencies(&mut tx).await?;
            let set = if is_json(&input.text) {
                reference::milestone_set_json(&input.text, &known)?
            } else {
                reference::milestone_set_csv(&input.text, &label()?, &known)?
            };
            let out = reference_store::write_milestone_set(&mut tx, &set, program, source).await?;
            if let Some(p) = program {
                sqlx::query!(
                    "update programs set milestone_set_id = $2 where id = $1 and milestone_set_id is distinct from $2",
                    p.0,
                    out.set_id
                )
                .execute(&mut *tx)
                .await?;
            }
            out
        }
        SetKind::Epas => {
            let set = if is_json(&input.text) {
                reference::epa_set_json(&input.text)?
            } else {
                reference::epa_set_csv(&input.text, &label()?)?
            };
            let out = reference_store::write_epa_set(&mut tx, &set, program, source).await?;
            if let Some(p) = program {
                sqlx::query!(
                    "update programs set epa_set_id = $2 where id = $1 and epa_set_id is distinct from $2",
                    p.0,
                    out.set_id
                )
                .execute(&mut *tx)
                .await?;
            }
            out
        }
        SetKind::FeedbackTags => {
            if !is_json(&input.text) {
                return Err(Error::invalid("file", "Feedback tags are imported as JSON"));
            }
            let tags = reference::feedback_tags_json(&input.text)?;
            let items = reference_store::write_tags(&mut tx, &tags).await?;
            Installed {
                set_id: uuid::Uuid::nil(),
                items,
                created: false,
            }
        }
    };
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(installed)
}
