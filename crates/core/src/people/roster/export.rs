//! Exporting a roster with the columns its import reads, so export then import changes nothing.

use std::path::Path;

use serde::Serialize;
use sqlx::PgPool;
use ts_rs::TS;

use super::RosterKind;
use super::columns::cell;
use super::faculty::Faculty;
use super::import::{RosterStore, stored_roster};
use super::residents::Residents;
use crate::ids::ProgramId;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RosterExport {
    pub path: String,
    pub rows: u32,
}

/// A program's roster as CSV text (UTF-8, a header of canonical column names) and its row count.
pub async fn roster_csv(
    pool: &PgPool,
    program: ProgramId,
    kind: RosterKind,
) -> Result<(String, u32)> {
    match kind {
        RosterKind::Residents => csv_of::<Residents>(pool, program).await,
        RosterKind::Faculty => csv_of::<Faculty>(pool, program).await,
    }
}

async fn csv_of<R: RosterStore>(pool: &PgPool, program: ProgramId) -> Result<(String, u32)> {
    let mut conn = pool.acquire().await?;
    let rows = stored_roster::<R>(&mut conn, program).await?;
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let failed = |e: csv::Error| Error::io("Writing the CSV", e.into());
    out.write_record(R::COLUMNS.iter().map(|c| c.name))
        .map_err(failed)?;
    for (user, stored) in &rows {
        let mut record = vec![
            user.email.clone(),
            user.first_name.clone(),
            user.last_name.clone(),
            cell(&user.phone),
        ];
        record.extend(R::export_cells(stored));
        out.write_record(&record).map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::io("Writing the CSV", e.into_error()))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::io("Writing the CSV", std::io::Error::other(e)))?;
    Ok((text, u32::try_from(rows.len()).unwrap_or(u32::MAX)))
}

/// Writes a program's roster to `path`.
pub async fn export_roster(
    pool: &PgPool,
    program: ProgramId,
    kind: RosterKind,
    path: &Path,
) -> Result<RosterExport> {
    let (text, rows) = roster_csv(pool, program, kind).await?;
    crate::files::write_export(path, text.as_bytes())?;
    Ok(RosterExport {
        path: path.display().to_string(),
        rows,
    })
}
