//! Programs: list and create.

use rotunda_core::org::{NewProgramInput, Program, service};
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
