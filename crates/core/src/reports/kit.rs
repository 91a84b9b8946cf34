//! The layout kit every report is built with: page setup, embedded fonts and text
//! measurement, word wrapping, a display list per page, a flowing `Document` with
//! header/footer chrome, tables whose header row repeats on every page, and the milestone
//! trajectory chart.
//!
//! Coordinates inside the kit are millimetres from the TOP-LEFT corner of the page
//! (y grows downwards), which is how layout code thinks; the conversion to PDF's
//! bottom-left points happens once, in `display::page_ops`.

use super::{RenderedPdf, ReportError, ReportProgress};

mod chart;
mod columns;
mod display;
mod document;
mod fonts;
mod page;
mod table;
mod text;

pub use chart::{CHART_LINE, MILESTONE_TARGET, TARGET_LINE};
pub use columns::{Align, Column, ColumnWidth};
pub use display::{Color, Item, PageLayout};
pub use document::{Chrome, Document};
pub use fonts::{FontSet, TextStyle, Weight};
pub use page::{Margins, Orientation, PageSetup, PaperSize};
pub use table::{Table, TableStyle};
pub use text::wrap_text;

/// Millimetres per PDF point (1 pt = 1/72 inch).
pub const MM_PER_PT: f32 = 25.4 / 72.0;

// The fonts are compiled in so a report renders the same on every machine and names
// such as "Zoë Ødegaard" or "Łukasz Żółć" always have glyphs. DejaVu's licence ships
// beside the files (assets/fonts/LICENSE-DejaVu.txt). Paths are relative to this file.
const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
