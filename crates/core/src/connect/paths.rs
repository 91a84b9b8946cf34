//! Where Rotunda keeps its files: profiles in the OS config dir, the managed cluster and logs in
//! the data dir. `ROTUNDA_CONFIG_DIR` and `ROTUNDA_DATA_DIR` override both (tests, portable installs).

use std::path::PathBuf;

use crate::{Error, Result};

pub fn config_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("ROTUNDA_CONFIG_DIR") {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir()
        .map(|d| d.join("rotunda"))
        .ok_or_else(|| {
            Error::Unavailable(
                "This computer has no configuration folder for Rotunda's settings".into(),
            )
        })
}

/// The data dir. When running as root on Linux the managed cluster runs as the `postgres` user,
/// which cannot enter root's home, so root's data lives under /var/lib/rotunda.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("ROTUNDA_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    #[cfg(target_os = "linux")]
    if super::cluster::running_as_root() {
        return Ok(PathBuf::from("/var/lib/rotunda"));
    }
    dirs::data_dir().map(|d| d.join("rotunda")).ok_or_else(|| {
        Error::Unavailable("This computer has no data folder for Rotunda's database".into())
    })
}

pub fn log_dir() -> Result<PathBuf> {
    Ok(data_dir()?.join("logs"))
}

/// Documents/Rotunda, where exported reports go unless the user picks another place.
pub fn export_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ROTUNDA_EXPORT_DIR") {
        return PathBuf::from(dir);
    }
    dirs::document_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("Rotunda")
}
