//! People of a program: list, add a resident or a faculty member, one person in full and its edits.

use rotunda_core::ids::{ProgramId, UserId};
use rotunda_core::people::edit::{
    self, AddRoleInput, EndRoleInput, FacultyEditInput, PersonDetail, PersonEditInput,
    ResidentEditInput,
};
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

#[tauri::command]
pub async fn person_detail(
    state: State<'_, AppState>,
    program_id: ProgramId,
    user_id: UserId,
) -> CommandResult<PersonDetail> {
    edit::person_detail(&state.pool().await?, program_id, user_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_person(
    state: State<'_, AppState>,
    input: PersonEditInput,
) -> CommandResult<PersonDetail> {
    edit::update_person(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_resident(
    state: State<'_, AppState>,
    input: ResidentEditInput,
) -> CommandResult<PersonDetail> {
    edit::update_resident(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_faculty(
    state: State<'_, AppState>,
    input: FacultyEditInput,
) -> CommandResult<PersonDetail> {
    edit::update_faculty(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_role(
    state: State<'_, AppState>,
    input: AddRoleInput,
) -> CommandResult<PersonDetail> {
    edit::add_role(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn end_role(
    state: State<'_, AppState>,
    input: EndRoleInput,
) -> CommandResult<PersonDetail> {
    edit::end_role(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}
