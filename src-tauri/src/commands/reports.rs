//! Report exports, with progress over a channel.

use std::path::PathBuf;

use rotunda_core::academic::calendar_export::{self, ExportProgress, ExportedFile};
use rotunda_core::connect::paths;
use rotunda_core::ids::AcademicYearId;
use rotunda_core::org::accreditation;
use rotunda_core::schedule::report;
use tauri::State;
use tauri::ipc::Channel;

use super::{CommandResult, to_ui};
use crate::state::AppState;

/// Where a year's document (`calendar`, `schedule`) is saved unless the user types another
/// path: Documents/Rotunda/…
#[tauri::command]
pub async fn default_export_path(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    document: String,
) -> CommandResult<String> {
    let name = calendar_export::default_file_name(&state.pool().await?, year_id, &document)
        .await
        .map_err(to_ui)?;
    Ok(paths::export_dir().join(name).display().to_string())
}

#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn export_calendar_pdf(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    path: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let pool = state.pool().await?;
    calendar_export::export_calendar_pdf(&pool, year_id, &PathBuf::from(path.trim()), move |p| {
        // A closed window is not an error for the export itself.
        let _ = on_progress.send(p);
    })
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn export_schedule_pdf(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    path: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let pool = state.pool().await?;
    let path = PathBuf::from(path.trim());
    report::export_schedule_pdf(&pool, year_id, None, &path, move |p| {
        let _ = on_progress.send(p);
    })
    .await
    .map_err(to_ui)
}

/// The accreditation summary of a year; agreements' standing and work hours are taken today.
/// Its file name comes from `default_export_path` with the document `accreditation`.
#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn export_accreditation_report(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    path: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let pool = state.pool().await?;
    let path = PathBuf::from(path.trim());
    accreditation::export_accreditation_summary(&pool, year_id, &path, move |p| {
        let _ = on_progress.send(p);
    })
    .await
    .map_err(to_ui)
}
