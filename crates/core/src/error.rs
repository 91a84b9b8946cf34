//! The core's error type, named for outcomes, and the one boundary shape every front door shows
//! (`{kind, message, field?}`). Database constraint violations become human words here, in one place.

use serde::Serialize;
use ts_rs::TS;

use crate::db::constraints;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that can never be right; `field` is the input's camelCase name in the UI.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{what} was not found")]
    NotFound { what: String },
    /// A stale edit, a duplicate or an overlap: the message names the rows involved.
    #[error("{message}")]
    Conflict {
        message: String,
        field: Option<&'static str>,
    },
    /// A delete the database refused because rows of `by` (in users' words) still refer to the
    /// row; services say what was being deleted.
    #[error("It cannot be deleted: {by} still refer to it")]
    InUse { by: String },
    #[error("{0}")]
    Forbidden(String),
    /// The database (or the keyring, or PostgreSQL's binaries) cannot be reached.
    #[error("{0}")]
    Unavailable(String),
    #[error(
        "This database was set up by a newer Rotunda (schema version {database}); this Rotunda knows \
         schema versions up to {app}. Update Rotunda on this computer. The database was not changed."
    )]
    SchemaTooNew { database: i64, app: i64 },
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Report(#[from] crate::reports::ReportError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Error::Conflict {
            message: message.into(),
            field: None,
        }
    }

    /// An edit made on a version someone else has since changed: nothing was written.
    pub fn stale(what: &str) -> Self {
        Error::conflict(format!(
            "{what} was changed by someone else since you opened it. Reload to see the change; nothing was saved."
        ))
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } | Error::InUse { .. } => ErrorKind::Conflict,
            Error::Forbidden(_) => ErrorKind::Forbidden,
            Error::Unavailable(_) | Error::SchemaTooNew { .. } => ErrorKind::Unavailable,
            Error::Io { .. } | Error::Report(_) | Error::Database(_) | Error::Migration(_) => {
                ErrorKind::Internal
            }
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Conflict { field, .. } => *field,
            _ => None,
        }
    }

    /// The shape the UI and the CLI show. Internal details stay in the log, not in the message.
    pub fn report(&self) -> ErrorReport {
        let message = match self.kind() {
            ErrorKind::Internal => match self {
                Error::Io { context, source } => format!("{context}: {source}"),
                Error::Report(e) => format!("The report could not be made: {e}"),
                _ => "Something went wrong inside Rotunda; the details are in the log.".to_string(),
            },
            _ => self.to_string(),
        };
        ErrorReport {
            kind: self.kind(),
            message,
            field: self.field().map(str::to_string),
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::Database(db) => constraints::translate(db.as_ref())
                .unwrap_or(Error::Database(sqlx::Error::Database(db))),
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => {
                Error::Unavailable(format!("The database cannot be reached ({e})"))
            }
            other => Error::Database(other),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    Unavailable,
    Internal,
}

/// What the UI receives for every failed command, and what `rotunda --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub message: String,
    pub field: Option<String>,
}
