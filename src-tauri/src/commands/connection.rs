//! Connecting: the managed local database, saved profiles, and server profiles typed on the
//! first-run screen.

use rotunda_core::connect::profiles::{MANAGED_LOCAL, ServerProfileInput};
use rotunda_core::connect::{self, ClusterOwnership, ConnectionState, Secret, StartupState};
use tauri::State;

use super::{CommandResult, to_ui};
use crate::state::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn startup_state() -> CommandResult<StartupState> {
    connect::startup_state().map_err(to_ui)
}

#[tauri::command]
pub async fn connection_state(
    state: State<'_, AppState>,
) -> CommandResult<Option<ConnectionState>> {
    Ok(state.connection_state().await)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn connect_managed_local(state: State<'_, AppState>) -> CommandResult<ConnectionState> {
    connect_profile(state, MANAGED_LOCAL.to_string()).await
}

#[tauri::command]
#[tracing::instrument(skip(state))]
pub async fn connect_profile(
    state: State<'_, AppState>,
    name: String,
) -> CommandResult<ConnectionState> {
    if let Some(current) = state.connection_state().await
        && current.profile == name
    {
        return Ok(current);
    }
    let connection = if name == MANAGED_LOCAL {
        connect::open_managed_local(ClusterOwnership::Owned).await
    } else {
        connect::open_profile(&name, ClusterOwnership::Owned).await
    };
    Ok(state.replace(connection.map_err(to_ui)?).await)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn test_server_profile(
    profile: ServerProfileInput,
    password: String,
) -> CommandResult<ConnectionState> {
    connect::test_server_profile(&profile, &Secret::new(password))
        .await
        .map_err(to_ui)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn save_server_profile(
    state: State<'_, AppState>,
    profile: ServerProfileInput,
    password: String,
) -> CommandResult<ConnectionState> {
    let connection = connect::save_server_profile(&profile, &Secret::new(password))
        .await
        .map_err(to_ui)?;
    Ok(state.replace(connection).await)
}
