//! The notification centre (list, unread count, read marks, sending dead deliveries again), the
//! templates, and the webhook's settings with "Send test". Rounds run in the background courier;
//! "Check now" only asks it for one.

use rotunda_core::connect::secret::Secret;
use rotunda_core::ids::ProgramId;
use rotunda_core::notify::centre::{
    self, NotificationFilter, NotificationPage, NotificationTemplate,
};
use rotunda_core::notify::delivery::{self, WebhookTest};
use rotunda_core::notify::webhook::{self, Webhook, WebhookInput, WebhookSettings};
use tauri::State;
use uuid::Uuid;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
pub async fn notifications(
    state: State<'_, AppState>,
    program_id: ProgramId,
    filter: NotificationFilter,
) -> CommandResult<NotificationPage> {
    centre::list(&state.pool().await?, program_id, &filter)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn unread_notifications(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<i64> {
    centre::unread(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)
}

/// Marks the notifications named (or, with none, all of the program's) read or unread.
#[tauri::command]
pub async fn mark_notifications_read(
    state: State<'_, AppState>,
    program_id: ProgramId,
    ids: Option<Vec<Uuid>>,
    read: bool,
) -> CommandResult<u64> {
    centre::mark_read(&state.pool().await?, program_id, ids.as_deref(), read)
        .await
        .map_err(to_ui)
}

/// Puts the program's dead deliveries back in the queue and asks the courier for a round.
#[tauri::command]
pub async fn retry_dead_deliveries(
    state: State<'_, AppState>,
    program_id: ProgramId,
) -> CommandResult<u64> {
    let n = delivery::retry_dead(&state.pool().await?, program_id)
        .await
        .map_err(to_ui)?;
    state.notify_soon();
    Ok(n)
}

/// Asks the courier to run the rules and the queue now.
#[tauri::command]
pub async fn check_notifications_now(state: State<'_, AppState>) -> CommandResult<()> {
    state.pool().await?;
    state.notify_soon();
    Ok(())
}

#[tauri::command]
pub async fn notification_templates(
    state: State<'_, AppState>,
) -> CommandResult<Vec<NotificationTemplate>> {
    centre::templates(&state.pool().await?).await.map_err(to_ui)
}

#[tauri::command]
pub async fn save_notification_template(
    state: State<'_, AppState>,
    input: NotificationTemplate,
) -> CommandResult<NotificationTemplate> {
    centre::save_template(&state.pool().await?, &state.actor, &input)
        .await
        .map_err(to_ui)
}

#[tauri::command]
pub async fn webhook_settings(
    state: State<'_, AppState>,
) -> CommandResult<Option<WebhookSettings>> {
    webhook::settings(&state.pool().await?).await.map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip(state, input))]
pub async fn save_webhook(
    state: State<'_, AppState>,
    input: WebhookInput,
) -> CommandResult<WebhookSettings> {
    let saved = webhook::save(&state.pool().await?, &state.actor, &input)
        .await
        .map_err(to_ui)?;
    state.notify_soon();
    Ok(saved)
}

/// Posts a test to the address in the form (saved or not), signed with the secret typed there or
/// else the one in the keyring.
#[tauri::command]
#[tracing::instrument(skip(input))]
pub async fn send_test_webhook(input: WebhookInput) -> CommandResult<WebhookTest> {
    let url = webhook::check_url(&input.url).map_err(to_ui)?;
    let secret = match input.secret.as_deref() {
        Some(s) if !s.is_empty() => Some(Secret::new(s)),
        _ => {
            let account = webhook::secret_account(url.as_str());
            rotunda_core::connect::keyring::blocking(move || {
                rotunda_core::connect::keyring::load(&account)
            })
            .await
            .unwrap_or(None)
        }
    };
    let hook = Webhook {
        url,
        secret,
        max_attempts: 1,
        backoff: std::time::Duration::from_secs(1),
        timeout: std::time::Duration::from_millis(
            u64::try_from(input.timeout_ms).unwrap_or(10_000),
        ),
        ca: webhook::check_ca(input.ca_pem.as_deref())
            .map_err(to_ui)?
            .map(|(_, certs)| certs)
            .unwrap_or_default(),
    };
    let client = delivery::client(&hook).map_err(to_ui)?;
    Ok(delivery::send_test(&client, &hook).await.into())
}
