//! The block schedule: the grid of one academic year, editing its cells, locking them, and
//! proposing a whole schedule with the solver (progress over a channel, cancellable).

use std::sync::atomic::Ordering;

use rotunda_core::ids::{AcademicYearId, BlockId, LeaveId, ProgramId, ResidentId, RotationTypeId};
use rotunda_core::schedule::catalogue::{self, RotationTypeInput};
use rotunda_core::schedule::edit::{self, CellEdit, EditOutcome};
use rotunda_core::schedule::grid::{self, ScheduleGrid};
use rotunda_core::schedule::leave::{self, LeaveInput, RequestInput};
use rotunda_core::schedule::propose::{
    self, AppliedProposal, ObjectiveParts, ProposalOutcome, ProposalProgress, ProposeOptions,
};
use tauri::State;
use tauri::ipc::Channel;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
pub async fn schedule_grid(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
) -> CommandResult<ScheduleGrid> {
    grid::grid(&state.pool().await?, year_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, edits), fields(cells = edits.len()))]
pub async fn edit_schedule_cells(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    edits: Vec<CellEdit>,
) -> CommandResult<EditOutcome> {
    edit::edit_cells(&state.pool().await?, &state.actor, year_id, edits)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, cells), fields(cells = cells.len()))]
pub async fn lock_schedule_cells(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    cells: Vec<(ResidentId, BlockId)>,
    locked: bool,
) -> CommandResult<ScheduleGrid> {
    edit::set_locked(&state.pool().await?, &state.actor, year_id, cells, locked)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn propose_schedule(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    options: ProposeOptions,
    on_progress: Channel<ProposalProgress>,
) -> CommandResult<ProposalOutcome> {
    let pool = state.pool().await?;
    state.proposal_cancel.store(false, Ordering::Relaxed);
    let cancel = state.proposal_cancel.clone();
    propose::propose(&pool, year_id, options, cancel, move |p| {
        // A closed window is not an error for the solver.
        let _ = on_progress.send(p);
    })
    .await
    .map_err(to_ui)
}

/// Stops the proposal being solved; it returns the best schedule found so far.
#[tauri::command]
pub fn cancel_proposal(state: State<'_, AppState>) {
    state.proposal_cancel.store(true, Ordering::Relaxed);
}

#[tauri::command]
#[tracing::instrument(skip(state, edits), fields(cells = edits.len()))]
pub async fn apply_proposal(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    edits: Vec<CellEdit>,
    objective: ObjectiveParts,
) -> CommandResult<AppliedProposal> {
    propose::apply_proposal(
        &state.pool().await?,
        &state.actor,
        year_id,
        edits,
        objective,
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn undo_proposal(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
) -> CommandResult<AppliedProposal> {
    propose::undo_proposal(&state.pool().await?, &state.actor, year_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_rotation_type(
    state: State<'_, AppState>,
    program_id: ProgramId,
    input: RotationTypeInput,
) -> CommandResult<RotationTypeId> {
    catalogue::add_rotation_type(&state.pool().await?, &state.actor, program_id, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_rotation_type(
    state: State<'_, AppState>,
    id: RotationTypeId,
    version: i32,
    input: RotationTypeInput,
) -> CommandResult<()> {
    catalogue::update_rotation_type(&state.pool().await?, &state.actor, id, version, input)
        .await
        .map_err(to_ui)
}

/// One block's staffing for a rotation; no bounds goes back to the rotation's default.
#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn set_coverage_override(
    state: State<'_, AppState>,
    rotation_id: RotationTypeId,
    block_id: BlockId,
    bounds: Option<(i32, i32)>,
    note: Option<String>,
) -> CommandResult<()> {
    catalogue::set_coverage_override(
        &state.pool().await?,
        &state.actor,
        rotation_id,
        block_id,
        bounds,
        note,
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn set_max_consecutive_heavy(
    state: State<'_, AppState>,
    program_id: ProgramId,
    blocks: i32,
) -> CommandResult<()> {
    catalogue::set_max_consecutive_heavy(&state.pool().await?, &state.actor, program_id, blocks)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_leave(state: State<'_, AppState>, input: LeaveInput) -> CommandResult<LeaveId> {
    leave::add_leave(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn remove_leave(state: State<'_, AppState>, id: LeaveId) -> CommandResult<()> {
    leave::remove_leave(&state.pool().await?, &state.actor, id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn set_requests(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
    resident_id: ResidentId,
    requests: Vec<RequestInput>,
) -> CommandResult<()> {
    leave::set_requests(
        &state.pool().await?,
        &state.actor,
        year_id,
        resident_id,
        requests,
    )
    .await
    .map_err(to_ui)
}
