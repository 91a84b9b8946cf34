//! The app's log: `rotunda.log` in the data dir's `logs/` folder (and stderr). Secrets never reach
//! it: the core's secret type cannot be formatted.

use std::fs::OpenOptions;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_env("ROTUNDA_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let file = rotunda_core::connect::paths::log_dir()
        .ok()
        .and_then(|dir| {
            std::fs::create_dir_all(&dir).ok()?;
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(dir.join("rotunda.log"))
                .ok()
        });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let result = match file {
        Some(file) => builder
            .with_ansi(false)
            .with_writer(Mutex::new(file))
            .try_init(),
        None => builder.with_writer(std::io::stderr).try_init(),
    };
    if result.is_err() {
        eprintln!("Rotunda's log could not be set up; continuing without it");
    }
}
