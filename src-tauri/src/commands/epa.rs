//! EPA assessments: the program's list, the form's choices, add, edit and delete, and importing a
//! file from another system (preview, then apply with progress). Each write asks for the analytics
//! views to be refreshed in the background.

use chrono::Local;
use rotunda_core::assessment::epa::{EpaAssessment, EpaAssessmentInput, EpaFilter, EpaPage};
use rotunda_core::assessment::epa_choices::{self, EpaChoices};
use rotunda_core::assessment::epa_import_store::import_epa_assessments;
use rotunda_core::assessment::epa_store;
use rotunda_core::csv_report::RecordsReport;
use rotunda_core::ids::{EpaAssessmentId, ProgramId};
use rotunda_core::people::roster::{ImportMode, ImportProgress};
use tauri::State;
use tauri::ipc::Channel;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
pub async fn epa_choices(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<EpaChoices> {
    epa_choices::choices(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn epa_assessments(
    state: State<'_, AppState>,
    program_id: ProgramId,
    filter: EpaFilter,
    limit: u32,
    offset: u32,
) -> CommandResult<EpaPage> {
    epa_store::list(&state.pool().await?, program_id, &filter, limit, offset)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, input))]
pub async fn add_epa_assessment(
    state: State<'_, AppState>,
    input: EpaAssessmentInput,
) -> CommandResult<EpaAssessment> {
    let today = Local::now().date_naive();
    let added = epa_store::add(&state.pool().await?, &state.actor, &input, today)
        .await
        .map_err(to_ui)?;
    state.refresh_analytics_later().await;
    Ok(added)
}

#[tauri::command]
#[tracing::instrument(skip(state, input))]
pub async fn edit_epa_assessment(
    state: State<'_, AppState>,
    id: EpaAssessmentId,
    version: i32,
    input: EpaAssessmentInput,
) -> CommandResult<EpaAssessment> {
    let today = Local::now().date_naive();
    let edited = epa_store::edit(
        &state.pool().await?,
        &state.actor,
        id,
        version,
        &input,
        today,
    )
    .await
    .map_err(to_ui)?;
    state.refresh_analytics_later().await;
    Ok(edited)
}

#[tauri::command]
#[tracing::instrument(skip(state, reason))]
pub async fn delete_epa_assessment(
    state: State<'_, AppState>,
    id: EpaAssessmentId,
    version: i32,
    reason: String,
) -> CommandResult<()> {
    epa_store::delete(&state.pool().await?, &state.actor, id, version, &reason)
        .await
        .map_err(to_ui)?;
    state.refresh_analytics_later().await;
    Ok(())
}

/// Records that the resident has read the assessment.
#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn acknowledge_epa_assessment(
    state: State<'_, AppState>,
    id: EpaAssessmentId,
) -> CommandResult<EpaAssessment> {
    epa_store::acknowledge(&state.pool().await?, &state.actor, id)
        .await
        .map_err(to_ui)
}

/// Reads and decides every row of `text`; writes nothing.
#[tauri::command]
#[tracing::instrument(skip(state, text))]
pub async fn preview_epa_import(
    state: State<'_, AppState>,
    program_id: ProgramId,
    text: String,
) -> CommandResult<RecordsReport> {
    let today = Local::now().date_naive();
    import_epa_assessments(
        &state.pool().await?,
        &state.actor,
        program_id,
        &text,
        ImportMode::Preview,
        today,
        &|_| {},
    )
    .await
    .map_err(to_ui)
}

/// Imports `text` in one transaction when every row is good; the report says what happened.
#[tauri::command]
#[tracing::instrument(skip(state, text, on_progress))]
pub async fn apply_epa_import(
    state: State<'_, AppState>,
    program_id: ProgramId,
    text: String,
    file_name: Option<String>,
    on_progress: Channel<ImportProgress>,
) -> CommandResult<RecordsReport> {
    let today = Local::now().date_naive();
    let progress = move |p: ImportProgress| {
        // A closed window is not an error for the import itself.
        let _ = on_progress.send(p);
    };
    let report = import_epa_assessments(
        &state.pool().await?,
        &state.actor,
        program_id,
        &text,
        ImportMode::Apply,
        today,
        &progress,
    )
    .await
    .map_err(to_ui)?;
    if report.applied {
        state.refresh_analytics_later().await;
    }
    super::tell_office_if_refused(
        &state,
        program_id,
        "EPA assessments",
        file_name.as_deref(),
        &report,
    )
    .await;
    Ok(report)
}
