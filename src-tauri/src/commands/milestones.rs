//! Milestone reports of a period: one resident's report and the program summary as PDFs (progress
//! over a channel), and the period's levels as an ADS-style CSV.

use std::path::PathBuf;

use rotunda_core::academic::calendar_export::{ExportProgress, ExportedFile};
use rotunda_core::assessment::milestone::PeriodName;
use rotunda_core::assessment::milestone_csv::{MilestoneCsvExport, export_milestone_csv};
use rotunda_core::assessment::milestone_report;
use rotunda_core::ids::{ProgramId, ResidentId};
use tauri::State;
use tauri::ipc::Channel;

use super::{CommandResult, to_ui};
use crate::state::AppState;

fn period(text: &str) -> CommandResult<PeriodName> {
    PeriodName::parse("period", text).map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn export_resident_milestones(
    state: State<'_, AppState>,
    resident_id: ResidentId,
    period: String,
    path: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let name = self::period(&period)?;
    let pool = state.pool().await?;
    milestone_report::export_resident_milestones(
        &pool,
        resident_id,
        &name,
        &PathBuf::from(path.trim()),
        move |p| {
            let _ = on_progress.send(p);
        },
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn export_milestone_summary(
    state: State<'_, AppState>,
    program_id: ProgramId,
    period: String,
    path: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let name = self::period(&period)?;
    let pool = state.pool().await?;
    milestone_report::export_milestone_summary(
        &pool,
        program_id,
        &name,
        &PathBuf::from(path.trim()),
        move |p| {
            let _ = on_progress.send(p);
        },
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn export_milestone_levels_csv(
    state: State<'_, AppState>,
    program_id: ProgramId,
    period: String,
    path: String,
) -> CommandResult<MilestoneCsvExport> {
    let name = self::period(&period)?;
    export_milestone_csv(
        &state.pool().await?,
        program_id,
        &name,
        &PathBuf::from(path.trim()),
    )
    .await
    .map_err(to_ui)
}
