//! Academic years and blocks.

use rotunda_core::academic::{
    AcademicYear, Block, BlockEditInput, BlockPlan, BlockPlanInput, GenerateBlocksInput,
    NewYearInput, YearEditInput, service,
};
use rotunda_core::ids::{AcademicYearId, ProgramId};
use tauri::State;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
pub async fn list_years(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<Vec<AcademicYear>> {
    service::list_years(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn create_year(
    state: State<'_, AppState>,
    input: NewYearInput,
) -> CommandResult<AcademicYear> {
    service::create_year(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_year(
    state: State<'_, AppState>,
    input: YearEditInput,
) -> CommandResult<AcademicYear> {
    service::update_year(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn list_blocks(
    state: State<'_, AppState>,
    year_id: AcademicYearId,
) -> CommandResult<Vec<Block>> {
    service::list_blocks(&state.pool().await?, year_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn preview_blocks(
    state: State<'_, AppState>,
    input: BlockPlanInput,
) -> CommandResult<BlockPlan> {
    service::preview_blocks(&state.pool().await?, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn generate_blocks(
    state: State<'_, AppState>,
    input: GenerateBlocksInput,
) -> CommandResult<Vec<Block>> {
    service::generate_blocks(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_block(
    state: State<'_, AppState>,
    input: BlockEditInput,
) -> CommandResult<Vec<Block>> {
    service::update_block(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}
