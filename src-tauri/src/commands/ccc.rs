//! The Clinical Competency Committee: meetings and their agenda, milestone levels per period, the
//! review of each resident (draft, final, amended), flags, and the meeting packet.

use std::path::PathBuf;

use rotunda_core::academic::calendar_export::{ExportProgress, ExportedFile};
use rotunda_core::assessment::epa::EpaAssessment;
use rotunda_core::assessment::epa_store;
use rotunda_core::assessment::milestone::PeriodName;
use rotunda_core::assessment::milestone_store::{self, LevelEntry, MilestoneGrid};
use rotunda_core::ccc::flags::Flag;
use rotunda_core::ccc::review::{Review, ReviewInput};
use rotunda_core::ccc::{Meeting, MeetingInput, MeetingStatus, flags_store, packet, store};
use rotunda_core::ids::{FacultyId, ProgramId, ResidentId};
use rotunda_core::schedule::grid::FacultyLabel;
use tauri::State;
use tauri::ipc::Channel;
use uuid::Uuid;

use super::{CommandResult, to_ui};
use crate::state::AppState;

fn period(text: &str) -> CommandResult<PeriodName> {
    PeriodName::parse("period", text).map_err(to_ui)
}

#[tauri::command]
pub async fn ccc_meetings(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<Vec<Meeting>> {
    store::meetings(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn ccc_faculty(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<Vec<FacultyLabel>> {
    store::faculty(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, input))]
pub async fn create_ccc_meeting(
    state: State<'_, AppState>,
    input: MeetingInput,
) -> CommandResult<Meeting> {
    store::create_meeting(&state.pool().await?, &state.actor, &input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn set_ccc_status(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    version: i32,
    status: MeetingStatus,
) -> CommandResult<Meeting> {
    store::set_status(
        &state.pool().await?,
        &state.actor,
        meeting_id,
        version,
        status,
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, order))]
pub async fn reorder_ccc_agenda(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    order: Vec<ResidentId>,
) -> CommandResult<Meeting> {
    store::reorder_agenda(&state.pool().await?, &state.actor, meeting_id, &order)
        .await
        .map_err(to_ui)
}

/// Who was present: the members ticked, replacing those before.
#[tauri::command]
#[tracing::instrument(skip(state, attendee_ids))]
pub async fn set_ccc_attendees(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    attendee_ids: Vec<FacultyId>,
) -> CommandResult<Meeting> {
    store::set_attendees(
        &state.pool().await?,
        &state.actor,
        meeting_id,
        &attendee_ids,
    )
    .await
    .map_err(to_ui)
}

/// The minutes: who was reviewed and who was present.
#[tauri::command]
pub async fn ccc_minutes(state: State<'_, AppState>, meeting_id: Uuid) -> CommandResult<String> {
    let pool = state.pool().await?;
    let meeting = store::meeting(&pool, meeting_id).await.map_err(to_ui)?;
    let reviewed = store::reviewed(&pool, meeting_id).await.map_err(to_ui)?;
    Ok(rotunda_core::ccc::minutes(&meeting, &reviewed))
}

#[tauri::command]
pub async fn milestone_grid(
    state: State<'_, AppState>,
    program_id: ProgramId,
    period: String,
) -> CommandResult<MilestoneGrid> {
    let name = self::period(&period)?;
    milestone_store::grid(&state.pool().await?, program_id, &name)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, entries), fields(cells = entries.len()))]
pub async fn set_milestone_levels(
    state: State<'_, AppState>,
    program_id: ProgramId,
    period: String,
    entries: Vec<LevelEntry>,
) -> CommandResult<usize> {
    let name = self::period(&period)?;
    milestone_store::set_levels(
        &state.pool().await?,
        &state.actor,
        program_id,
        &name,
        &entries,
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, residents))]
pub async fn copy_milestones_forward(
    state: State<'_, AppState>,
    program_id: ProgramId,
    period: String,
    residents: Vec<ResidentId>,
) -> CommandResult<u64> {
    let name = self::period(&period)?;
    milestone_store::copy_forward(
        &state.pool().await?,
        &state.actor,
        program_id,
        &name,
        &residents,
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
pub async fn ccc_flags(
    state: State<'_, AppState>,
    program_id: ProgramId,
    period: String,
) -> CommandResult<Vec<Flag>> {
    let name = self::period(&period)?;
    let today = chrono::Local::now().date_naive();
    flags_store::flags_for(&state.pool().await?, program_id, &name, today)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn ccc_review(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    resident_id: ResidentId,
) -> CommandResult<Option<Review>> {
    store::review_of(&state.pool().await?, meeting_id, resident_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, input))]
pub async fn save_ccc_review(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    resident_id: ResidentId,
    version: Option<i32>,
    input: ReviewInput,
) -> CommandResult<Review> {
    store::save_draft(
        &state.pool().await?,
        &state.actor,
        meeting_id,
        resident_id,
        version,
        &input,
    )
    .await
    .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn finalize_ccc_review(
    state: State<'_, AppState>,
    review_id: Uuid,
    version: i32,
) -> CommandResult<Review> {
    store::finalize(&state.pool().await?, &state.actor, review_id, version)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, reason))]
pub async fn amend_ccc_review(
    state: State<'_, AppState>,
    review_id: Uuid,
    reason: String,
) -> CommandResult<Review> {
    store::amend(&state.pool().await?, &state.actor, review_id, &reason)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn resident_epa_assessments(
    state: State<'_, AppState>,
    resident_id: ResidentId,
) -> CommandResult<Vec<EpaAssessment>> {
    epa_store::of_resident(&state.pool().await?, resident_id)
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, on_progress))]
pub async fn export_ccc_packet(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    path: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<ExportedFile> {
    let pool = state.pool().await?;
    packet::export_packet(&pool, meeting_id, &PathBuf::from(path.trim()), move |p| {
        let _ = on_progress.send(p);
    })
    .await
    .map_err(to_ui)
}
