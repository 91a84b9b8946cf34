//! People of a program: list, add a resident, add a faculty member.

use rotunda_core::ids::ProgramId;
use rotunda_core::people::{NewFacultyInput, NewResidentInput, PersonRow, service};
use tauri::State;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<Vec<PersonRow>> {
    service::list_people(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_resident(
    state: State<'_, AppState>,
    input: NewResidentInput,
) -> CommandResult<PersonRow> {
    service::add_resident(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_faculty(
    state: State<'_, AppState>,
    input: NewFacultyInput,
) -> CommandResult<PersonRow> {
    service::add_faculty(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}
