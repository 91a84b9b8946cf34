//! Programs: list, create, and edit a program's name and clock.

use rotunda_core::org::{NewProgramInput, Program, ProgramEditInput, service};
use tauri::State;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
pub async fn list_programs(state: State<'_, AppState>) -> CommandResult<Vec<Program>> {
    service::list_programs(&state.pool().await?)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn create_program(
    state: State<'_, AppState>,
    input: NewProgramInput,
) -> CommandResult<Program> {
    service::create_program(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_program(
    state: State<'_, AppState>,
    input: ProgramEditInput,
) -> CommandResult<Program> {
    service::update_program(&state.pool().await?, &state.actor, &input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn time_zones(state: State<'_, AppState>) -> CommandResult<Vec<String>> {
    service::time_zones(&state.pool().await?)
        .await
        .map_err(to_ui)
}
