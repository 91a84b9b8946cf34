//! Work hours: a resident's entries and compliance, adding an entry, approving or rejecting in
//! bulk, correcting with a reason, importing a file, and the compliance report.

use std::path::PathBuf;

use chrono::NaiveDate;

use rotunda_core::academic::calendar_export::{ExportProgress, ExportedFile};
use rotunda_core::connect::paths;
use rotunda_core::csv_report::RecordsReport;
use rotunda_core::hours::Compliance;
use rotunda_core::hours::entry::{HourEntry, HourEntryInput};
use rotunda_core::hours::import::import_hours;
use rotunda_core::hours::store::{self, OverRule};
use rotunda_core::ids::{ProgramId, ResidentId};
use rotunda_core::input;
use rotunda_core::org::service as org;
use rotunda_core::people::choices::{self, ResidentChoice};
use rotunda_core::people::roster::ImportMode;
use tauri::State;
use tauri::ipc::Channel;
use uuid::Uuid;

use super::{CommandResult, to_ui};
use crate::state::AppState;

/// The two ends of a range of days, as the screen's date fields give them.
fn dates(from: &str, to: &str) -> CommandResult<(NaiveDate, NaiveDate)> {
    Ok((
        input::date("from", "From", from).map_err(to_ui)?,
        input::date("to", "To", to).map_err(to_ui)?,
    ))
}

#[tauri::command]
pub async fn hours_residents(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<Vec<ResidentChoice>> {
    let pool = state.pool().await?;
    let mut conn = pool.acquire().await.map_err(|e| to_ui(e.into()))?;
    choices::residents(&mut conn, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn hour_entries(
    state: State<'_, AppState>,
    resident_id: ResidentId,
    from: String,
    to: String,
) -> CommandResult<Vec<HourEntry>> {
    let (from, to) = dates(&from, &to)?;
    store::entries(&state.pool().await?, resident_id, from, to)
        .await
        .map_err(to_ui)
}

/// Over the blocks that start between the dates, or — `rolling` — the four weeks from `from`.
#[tauri::command]
pub async fn hours_compliance(
    state: State<'_, AppState>,
    resident_id: ResidentId,
    from: String,
    to: String,
    rolling: bool,
) -> CommandResult<Compliance> {
    let (from, to) = dates(&from, &to)?;
    store::compliance(&state.pool().await?, resident_id, from, to, rolling)
        .await
        .map_err(to_ui)
}

/// The program's residents who broke a rule over the blocks starting between the dates.
#[tauri::command]
pub async fn hours_over_rules(
    state: State<'_, AppState>,
    program_id: ProgramId,
    from: String,
    to: String,
) -> CommandResult<Vec<OverRule>> {
    let (from, to) = dates(&from, &to)?;
    store::over_rules(&state.pool().await?, program_id, from, to)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, input))]
pub async fn add_hour_entry(
    state: State<'_, AppState>,
    input: HourEntryInput,
) -> CommandResult<HourEntry> {
    store::add(&state.pool().await?, &state.actor, &input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn decide_hour_entries(
    state: State<'_, AppState>,
    ids: Vec<Uuid>,
    approve: bool,
) -> CommandResult<u64> {
    store::decide(&state.pool().await?, &state.actor, &ids, approve)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, reason))]
pub async fn correct_hour_entry(
    state: State<'_, AppState>,
    id: Uuid,
    version: i32,
    starts_at: String,
    ends_at: String,
    reason: String,
) -> CommandResult<HourEntry> {
    store::correct(
        &state.pool().await?,
        &state.actor,
        id,
        version,
        &starts_at,
        &ends_at,
        &reason,
    )
    .await
    .map_err(to_ui)
}

/// Where the compliance report goes unless the user types another path:
/// Documents/Rotunda/GS-hours-2026-08-30-to-2026-11-22.pdf
#[tauri::command]
pub async fn default_hours_report_path(
    state: State<'_, AppState>,
    program_id: ProgramId,
    from: String,
    to: String,
) -> CommandResult<String> {
    let (from, to) = dates(&from, &to)?;
    let program = org::program_by_id(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)?;
    let name = format!("{}-hours-{from}-to-{to}.pdf", program.code);
    Ok(paths::export_dir().join(name).display().to_string())
}

/// Writes the compliance report of the program, or of one resident, reporting each stage.
#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn export_hours_report(
    state: State<'_, AppState>,
    program_id: ProgramId,
    resident_id: Option<ResidentId>,
    from: String,
    to: String,
    path: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let (from, to) = dates(&from, &to)?;
    store::export_report(
        &state.pool().await?,
        program_id,
        resident_id,
        from,
        to,
        &PathBuf::from(path.trim()),
        move |p| {
            let _ = on_progress.send(p);
        },
    )
    .await
    .map_err(to_ui)
}

/// Reads and decides every row of a work-hours file; writes nothing.
#[tauri::command]
#[tracing::instrument(skip(state, text))]
pub async fn preview_hours_import(
    state: State<'_, AppState>,
    program_id: ProgramId,
    text: String,
) -> CommandResult<RecordsReport> {
    import_hours(
        &state.pool().await?,
        &state.actor,
        program_id,
        &text,
        ImportMode::Preview,
    )
    .await
    .map_err(to_ui)
}

/// Imports a work-hours file in one transaction when every row is good.
#[tauri::command]
#[tracing::instrument(skip(state, text))]
pub async fn apply_hours_import(
    state: State<'_, AppState>,
    program_id: ProgramId,
    text: String,
    file_name: Option<String>,
) -> CommandResult<RecordsReport> {
    let report = import_hours(
        &state.pool().await?,
        &state.actor,
        program_id,
        &text,
        ImportMode::Apply,
    )
    .await
    .map_err(to_ui)?;
    super::tell_office_if_refused(
        &state,
        program_id,
        "work hours",
        file_name.as_deref(),
        &report,
    )
    .await;
    Ok(report)
}
