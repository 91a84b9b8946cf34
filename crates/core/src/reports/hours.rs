//! The work-hour compliance report: one program (or one resident) over a date range. A table of
//! every resident with their average hours a week and how many times each rule was broken, then
//! each violation with its window, figure and limit.

use super::kit::{
    Chrome, Column, ColumnWidth, Document, Orientation, PageSetup, PaperSize, Table, TableStyle,
    TextStyle,
};
use super::{RenderedPdf, ReportError, ReportProgress};
use crate::hours::rules::Rule;

#[derive(Debug, Clone)]
pub struct HoursReport {
    pub program_code: String,
    pub program_name: String,
    /// `2026-08-30 to 2026-11-22`.
    pub range: String,
    pub generated_at: String,
    pub residents: Vec<HoursRow>,
}

#[derive(Debug, Clone)]
pub struct HoursRow {
    pub name: String,
    pub pgy: i32,
    /// Over the range's blocks, leave left out; none without a day counted.
    pub hours_per_week: Option<f64>,
    /// Violations in `Rule::ALL` order.
    pub counts: [u32; 6],
    /// "Continuous work · 2026-10-12 07:00 to 2026-10-13 13:00 · 30.0 hours …".
    pub violations: Vec<(Rule, String)>,
}

/// The short heads of the rule columns, in `Rule::ALL` order.
const HEADS: [&str; 6] = [
    "80 h",
    "Day off",
    "Call q3",
    "24+4",
    "Rest call",
    "Rest 8 h",
];

pub fn render_hours(
    doc: &HoursReport,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<RenderedPdf, ReportError> {
    layout(doc)?.finish(progress)
}

pub(crate) fn layout(doc: &HoursReport) -> Result<Document, ReportError> {
    let title = format!("Work-hour compliance {}", doc.range);
    let chrome = Chrome::program(
        &doc.program_name,
        &doc.program_code,
        title.clone(),
        &doc.generated_at,
    );
    let mut d = Document::new(
        &title,
        PageSetup::new(PaperSize::Letter, Orientation::Portrait),
        chrome,
    )?;
    d.heading(&format!("Work-hour compliance — {}", doc.program_code), 1);
    let broken: u32 = doc.residents.iter().flat_map(|r| r.counts).sum();
    let over = doc
        .residents
        .iter()
        .filter(|r| !r.violations.is_empty())
        .count();
    d.fields(
        &[
            (
                "Program",
                &format!("{} ({})", doc.program_name, doc.program_code),
            ),
            ("Dates", &doc.range),
            ("Residents", &doc.residents.len().to_string()),
            (
                "Violations",
                &format!(
                    "{broken}, by {over} resident{}",
                    if over == 1 { "" } else { "s" }
                ),
            ),
        ],
        9.5,
    );
    d.paragraph(
        "ACGME Common Program Requirements VI.F: 80 hours a week, one day in seven free and in-house \
         call no more than every third night, each averaged over a block with leave left out of both \
         sides; at most 24 hours of continuous work plus 4 for transitions; 14 hours free after 24 \
         hours of in-house call and 8 between shifts.",
        TextStyle::regular(8.0).with_color(super::kit::Color::MUTED),
    );
    d.gap(2.0);
    let mut columns = vec![
        Column::new("Resident", ColumnWidth::Fraction(1.0)),
        Column::new("PGY", ColumnWidth::Auto),
        Column::new("Hours a week", ColumnWidth::Auto),
    ];
    columns.extend(HEADS.iter().map(|h| Column::new(h, ColumnWidth::Auto)));
    let mut table = Table::new(columns).with_style(TableStyle {
        size_pt: 8.5,
        ..TableStyle::default()
    });
    for r in &doc.residents {
        let mut cells = vec![
            r.name.clone(),
            r.pgy.to_string(),
            r.hours_per_week
                .map_or("—".to_string(), |h| format!("{h:.1}")),
        ];
        cells.extend(r.counts.iter().map(|c| {
            if *c == 0 {
                String::new()
            } else {
                c.to_string()
            }
        }));
        table.push_row(cells);
    }
    d.table(&table)?;
    let with: Vec<&HoursRow> = doc
        .residents
        .iter()
        .filter(|r| !r.violations.is_empty())
        .collect();
    if !with.is_empty() {
        d.gap(4.0);
        d.heading("Violations", 2);
        for r in with {
            d.heading(&format!("{} — PGY-{}", r.name, r.pgy), 3);
            for (rule, text) in &r.violations {
                d.paragraph(
                    &format!("{}: {text}", rule.title()),
                    TextStyle::regular(8.5),
                );
            }
        }
    }
    Ok(d)
}

/// The column of a rule in `counts`.
pub fn rule_index(rule: Rule) -> usize {
    Rule::ALL.iter().position(|r| *r == rule).unwrap_or(0)
}
