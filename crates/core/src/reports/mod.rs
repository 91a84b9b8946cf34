//! PDF reports: the shared layout kit (`kit`) and one module per document.
//! Documents take plain view models and return finished PDF bytes; they never touch the
//! database, so they can be tested by extracting the PDF's text.

pub mod accreditation;
pub mod calendar;
pub mod hours;
pub mod kit;
pub mod milestone_summary;
pub mod milestones;
pub mod packet;
pub mod schedule;

pub use calendar::{CalendarBlock, CalendarDocument, render_calendar};

/// Everything that can go wrong while producing a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The embedded font could not be parsed (a corrupt asset, i.e. a build problem).
    #[error("embedded font {0} could not be parsed")]
    Font(&'static str),
    /// The view model is inconsistent (e.g. a block that ends before it starts).
    #[error("invalid report input: {0}")]
    InvalidInput(String),
    /// The requested layout cannot be drawn (e.g. table columns wider than the page).
    #[error("report layout failed: {0}")]
    Layout(String),
    /// printpdf reported errors while writing the file.
    #[error("PDF generation failed: {0}")]
    Pdf(String),
}

/// A finished PDF, ready to be written to disk or handed to the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub pages: u32,
}

/// Progress of one render, for a progress bar: `done` of `total` steps in `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportProgress {
    pub done: u32,
    pub total: u32,
    pub stage: &'static str,
}
