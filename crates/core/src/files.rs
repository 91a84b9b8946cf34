//! Writing the files a user asked for (PDFs, CSV exports): the folder is created when missing,
//! and a failure names the path and the field that chose it.

use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path`; an empty path or an unwritable place is an `invalid` error on `path`.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("path", "Choose where to save the file"));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::invalid("path", format!("{} cannot be created: {e}", dir.display()))
        })?;
    }
    std::fs::write(path, bytes)
        .map_err(|e| Error::invalid("path", format!("{} cannot be written: {e}", path.display())))
}
