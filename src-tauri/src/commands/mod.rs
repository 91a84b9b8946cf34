//! The `#[tauri::command]`s: each takes the state, calls one core function, and hands errors to
//! the UI as `{kind, message, field}` (details of internal errors go to the log only).

pub mod academic;
pub mod ccc;
pub mod connection;
pub mod epa;
pub mod hours;
pub mod milestones;
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
