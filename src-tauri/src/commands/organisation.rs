//! The organisation around a program, the demo program, and the year rollover.

use chrono::Local;
use rotunda_core::academic::rollover::RolloverPreview;
use rotunda_core::academic::rollover_service::{self, RolloverUndone};
use rotunda_core::demo::{self, DemoSummary};
use rotunda_core::ids::ProgramId;
use rotunda_core::org::agreements::Organisation;
use rotunda_core::org::edit::{
    self, AgreementEditInput, InstitutionEditInput, NewAgreementInput, NewInstitutionInput,
    NewSiteInput, SiteEditInput, SponsorEditInput,
};
use rotunda_core::org::service as org;
use tauri::State;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
pub async fn organisation(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<Organisation> {
    org::organisation(&state.pool().await?, program_id, Local::now().date_naive())
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_sponsor(
    state: State<'_, AppState>,
    input: SponsorEditInput,
) -> CommandResult<Organisation> {
    edit::update_sponsor(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_site(
    state: State<'_, AppState>,
    input: SiteEditInput,
) -> CommandResult<Organisation> {
    edit::update_site(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_institution(
    state: State<'_, AppState>,
    input: InstitutionEditInput,
) -> CommandResult<Organisation> {
    edit::update_institution(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_institution(
    state: State<'_, AppState>,
    input: NewInstitutionInput,
) -> CommandResult<Organisation> {
    edit::add_institution(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_agreement(
    state: State<'_, AppState>,
    input: NewAgreementInput,
) -> CommandResult<Organisation> {
    edit::add_agreement(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn update_agreement(
    state: State<'_, AppState>,
    input: AgreementEditInput,
) -> CommandResult<Organisation> {
    edit::update_agreement(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn add_site(
    state: State<'_, AppState>,
    input: NewSiteInput,
) -> CommandResult<Organisation> {
    edit::add_site(&state.pool().await?, &state.actor, input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn load_demo(state: State<'_, AppState>, seed: u64) -> CommandResult<DemoSummary> {
    demo::load_demo(
        &state.pool().await?,
        &state.actor,
        seed,
        Local::now().date_naive(),
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
pub async fn preview_rollover(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<RolloverPreview> {
    rollover_service::preview_rollover(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn apply_rollover(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<RolloverPreview> {
    rollover_service::apply_rollover(&state.pool().await?, &state.actor, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn undo_rollover(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<RolloverUndone> {
    rollover_service::undo_rollover(&state.pool().await?, &state.actor, program_id)
        .await
        .map_err(to_ui)
}
