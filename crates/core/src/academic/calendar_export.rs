//! The academic calendar PDF: gathers the program, year and blocks, hands them to the report
//! renderer, and writes the file, reporting progress as it goes.

use std::path::Path;

use chrono::Local;
use serde::Serialize;
use sqlx::PgPool;
use ts_rs::TS;

use super::service;
use crate::ids::AcademicYearId;
use crate::org::service as org_service;
use crate::reports::calendar::{CalendarBlock, CalendarDocument, render_calendar};
use crate::reports::{RenderedPdf, ReportError, ReportProgress};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
    pub stage: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
}

/// The file a year's document is saved under unless the user picks another:
/// `GS-2026-2027-calendar.pdf` for the document `calendar`.
pub async fn default_file_name(
    pool: &PgPool,
    year: AcademicYearId,
    document: &str,
) -> Result<String> {
    let year = service::year_by_id(pool, year).await?;
    let program = org_service::program_by_id(pool, year.program_id).await?;
    // A document may name its own kind of file (`milestones-fall.csv`); PDF otherwise.
    let (stem, extension) = match document.rsplit_once('.') {
        Some((stem, "csv")) => (stem, "csv"),
        _ => (document, "pdf"),
    };
    Ok(format!(
        "{}-{}-{}.{extension}",
        program.code,
        safe_file_part(&year.name),
        safe_file_part(stem)
    ))
}

fn safe_file_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Builds the calendar document of a year (no I/O beyond the database).
pub async fn calendar_document(pool: &PgPool, year: AcademicYearId) -> Result<CalendarDocument> {
    let year = service::year_by_id(pool, year).await?;
    let program = org_service::program_by_id(pool, year.program_id).await?;
    let blocks = service::list_blocks(pool, year.id).await?;
    Ok(CalendarDocument {
        program_code: program.code,
        program_name: program.name,
        sponsoring_institution: program.sponsoring_institution,
        program_director: None,
        year_name: year.name,
        year_start: year.start_date,
        year_end: year.end_date,
        generated_at: Local::now().format("%Y-%m-%d %H:%M").to_string(),
        blocks: blocks
            .into_iter()
            .map(|b| CalendarBlock {
                number: b.number,
                name: b.name,
                start: b.start_date,
                end: b.end_date,
                split: b.split_date,
            })
            .collect(),
    })
}

/// Renders the calendar and writes it to `path` (its folder is created when missing).
pub async fn export_calendar_pdf(
    pool: &PgPool,
    year: AcademicYearId,
    path: &Path,
    mut progress: impl FnMut(ExportProgress) + Send + 'static,
) -> Result<ExportedFile> {
    begin_export(path, "Reading the calendar", &mut progress)?;
    let document = calendar_document(pool, year).await?;
    render_and_write(document, render_calendar, path, progress).await
}

/// Refuses an empty path before anything is read, and tells the progress bar that reading has
/// begun (`stage`, e.g. "Reading the calendar").
pub(crate) fn begin_export(
    path: &Path,
    stage: &str,
    progress: &mut impl FnMut(ExportProgress),
) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("path", "Choose where to save the PDF"));
    }
    progress(ExportProgress {
        done: 0,
        total: 3,
        stage: stage.to_string(),
    });
    Ok(())
}

/// A report renderer: a view model in, PDF bytes out, its stages reported as it goes.
pub(crate) type Renderer<D> =
    fn(&D, &mut dyn FnMut(ReportProgress)) -> Result<RenderedPdf, ReportError>;

/// Renders a document off the async threads, reporting the renderer's stages, and writes the
/// PDF to `path` (its folder is created when missing).
pub(crate) async fn render_and_write<D: Send + 'static>(
    document: D,
    render: Renderer<D>,
    path: &Path,
    mut progress: impl FnMut(ExportProgress) + Send + 'static,
) -> Result<ExportedFile> {
    let rendered = tokio::task::spawn_blocking(move || {
        render(&document, &mut |p| {
            progress(ExportProgress {
                done: p.done,
                total: p.total,
                stage: p.stage.to_string(),
            })
        })
    })
    .await
    .map_err(|e| Error::Unavailable(format!("The PDF renderer stopped ({e})")))??;
    crate::files::write_export(path, &rendered.bytes)?;
    Ok(ExportedFile {
        path: path.display().to_string(),
        pages: rendered.pages,
        bytes: u32::try_from(rendered.bytes.len()).unwrap_or(u32::MAX),
    })
}
