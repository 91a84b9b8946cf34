//! The block schedule: the grid of one academic year, editing its cells, locking them.

use rotunda_core::ids::{AcademicYearId, BlockId, ResidentId};
use rotunda_core::schedule::edit::{self, CellEdit, EditOutcome};
use rotunda_core::schedule::grid::{self, ScheduleGrid};
use tauri::State;

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
