//! The `#[tauri::command]`s: each takes the state, calls one core function, and hands errors to
//! the UI as `{kind, message, field}` (details of internal errors go to the log only).

pub mod academic;
pub mod ccc;
pub mod connection;
pub mod epa;
pub mod hours;
pub mod milestones;
pub mod notifications;
pub mod organisation;
pub mod people;
pub mod programs;
pub mod reports;
pub mod roster;
pub mod schedule;

use rotunda_core::{Error, ErrorKind, ErrorReport};

pub type CommandResult<T> = Result<T, ErrorReport>;

/// The boundary: logs what the user does not need to read, returns what they do.
pub fn to_ui(error: Error) -> ErrorReport {
    let report = error.report();
    if report.kind == ErrorKind::Internal {
        tracing::error!(error = %error, "command failed");
    } else {
        tracing::info!(kind = ?report.kind, message = %report.message, "command refused");
    }
    report
}

/// Tells the program's office that an import was refused (a file's name, what it held). Telling
/// them is a courtesy: a failure is logged and the import's own report still reaches the user.
pub async fn tell_office_if_refused(
    state: &crate::state::AppState,
    program: rotunda_core::ids::ProgramId,
    what: &str,
    file_name: Option<&str>,
    report: &impl rotunda_core::notify::refused_import::Refused,
) {
    let Ok(pool) = state.pool().await else { return };
    let today = chrono::Local::now().date_naive();
    let file = file_name.unwrap_or("a file");
    match rotunda_core::notify::refused_import::tell_office(
        &pool,
        &state.actor,
        program,
        today,
        what,
        file,
        report,
    )
    .await
    {
        Ok(0) => {}
        Ok(_) => state.notify_soon(),
        Err(e) => tracing::warn!(error = %e, "the office could not be told of a refused import"),
    }
}
