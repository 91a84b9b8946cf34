//! Rotunda's core: every rule of the residency program office's domain, its database access
//! and its reports. Knows nothing of Tauri or the UI; the desktop app and the CLI are its doors.

pub mod academic;
pub mod assessment;
pub mod bindings;
pub mod ccc;
pub mod connect;
pub mod csv_report;
pub mod csv_table;
pub mod db;
pub mod demo;
pub mod error;
pub mod files;
pub mod hours;
pub mod ids;
pub mod input;
pub mod notify;
pub mod org;
pub mod people;
pub mod reports;
pub mod schedule;

pub use error::{Error, ErrorKind, ErrorReport, Result};
