//! Roster files: preview and apply an import (progress over a channel), export.

use std::path::PathBuf;

use rotunda_core::connect::paths;
use rotunda_core::ids::ProgramId;
use rotunda_core::org::service as org;
use rotunda_core::people::roster::{
    ImportMode, ImportProgress, ImportReport, RosterExport, RosterKind, export_roster,
    import_roster,
};
use tauri::State;
use tauri::ipc::Channel;

use super::{CommandResult, to_ui};
use crate::state::AppState;

/// Reads and decides every row of `text` without writing.
#[tauri::command]
#[tracing::instrument(skip(state, text))]
pub async fn preview_roster_import(
    state: State<'_, AppState>,
    program_id: ProgramId,
    kind: RosterKind,
    text: String,
) -> CommandResult<ImportReport> {
    import_roster(
        &state.pool().await?,
        &state.actor,
        program_id,
        kind,
        &text,
        ImportMode::Preview,
        &|_| {},
    )
    .await
    .map_err(to_ui)
}

/// Imports `text` in one transaction when every row is good; the report says what happened.
#[tauri::command]
#[tracing::instrument(skip(state, text, on_progress))]
pub async fn apply_roster_import(
    state: State<'_, AppState>,
    program_id: ProgramId,
    kind: RosterKind,
    text: String,
    file_name: Option<String>,
    on_progress: Channel<ImportProgress>,
) -> CommandResult<ImportReport> {
    let progress = move |p: ImportProgress| {
        // A closed window is not an error for the import itself.
        let _ = on_progress.send(p);
    };
    let report = import_roster(
        &state.pool().await?,
        &state.actor,
        program_id,
        kind,
        &text,
        ImportMode::Apply,
        &progress,
    )
    .await
    .map_err(to_ui)?;
    let what = match kind {
        RosterKind::Residents => "resident roster",
        RosterKind::Faculty => "faculty roster",
    };
    super::tell_office_if_refused(&state, program_id, what, file_name.as_deref(), &report).await;
    Ok(report)
}

/// Where a roster export goes unless the user types another path: Documents/Rotunda/GS-residents.csv
#[tauri::command]
pub async fn default_roster_path(
    state: State<'_, AppState>,
    program_id: ProgramId,
    kind: RosterKind,
) -> CommandResult<String> {
    let program = org::program_by_id(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)?;
    let name = format!("{}-{}.csv", program.code, kind.noun());
    Ok(paths::export_dir().join(name).display().to_string())
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn export_roster_csv(
    state: State<'_, AppState>,
    program_id: ProgramId,
    kind: RosterKind,
    path: String,
) -> CommandResult<RosterExport> {
    export_roster(
        &state.pool().await?,
        program_id,
        kind,
        &PathBuf::from(path.trim()),
    )
    .await
    .map_err(to_ui)
}
