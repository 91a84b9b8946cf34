//! Work hours: a resident's entries and compliance, adding an entry, approving or rejecting in
//! bulk, and correcting with a reason.

use rotunda_core::hours::Compliance;
use rotunda_core::hours::entry::{HourEntry, HourEntryInput};
use rotunda_core::hours::store::{self, OverRule};
use rotunda_core::ids::{ProgramId, ResidentId};
use rotunda_core::input;
use rotunda_core::people::choices::{self, ResidentChoice};
use tauri::State;
use uuid::Uuid;

use super::{CommandResult, to_ui};
use crate::state::AppState;

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
    let from = input::date("from", "From", &from).map_err(to_ui)?;
    let to = input::date("to", "To", &to).map_err(to_ui)?;
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
    let from = input::date("from", "From", &from).map_err(to_ui)?;
    let to = input::date("to", "To", &to).map_err(to_ui)?;
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
    let from = input::date("from", "From", &from).map_err(to_ui)?;
    let to = input::date("to", "To", &to).map_err(to_ui)?;
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
