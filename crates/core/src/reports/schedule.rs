//! The block schedule document: a landscape grid of residents (by PGY) across blocks, each cell in
//! its rotation's colour, split blocks drawn as halves, over as many pages as it takes (rows flow
//! down, blocks that do not fit across continue on further pages), a legend, and a "who comes
//! when" page per affiliate site.

use chrono::NaiveDate;

use super::kit::{
    Chrome, Color, Column, ColumnWidth, Document, Item, Orientation, PageSetup, PaperSize, Table,
    TableStyle, TextStyle,
};
use super::{RenderedPdf, ReportError, ReportProgress};

#[derive(Debug, Clone)]
pub struct ScheduleDocument {
    pub program_code: String,
    pub program_name: String,
    pub year_name: String,
    /// Already formatted by the caller, e.g. "2026-11-22 14:05".
    pub generated_at: String,
    pub blocks: Vec<ScheduleColumn>,
    pub rotations: Vec<LegendEntry>,
    /// Residents by PGY level; empty when only site pages are wanted.
    pub groups: Vec<ScheduleGroup>,
    pub sites: Vec<SiteSection>,
}

#[derive(Debug, Clone)]
pub struct ScheduleColumn {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct LegendEntry {
    pub code: String,
    pub name: String,
    pub colour: Color,
}

#[derive(Debug, Clone)]
pub struct ScheduleGroup {
    pub heading: String,
    pub rows: Vec<ScheduleRow>,
}

#[derive(Debug, Clone)]
pub struct ScheduleRow {
    pub name: String,
    /// One per block, in the order of `blocks`.
    pub cells: Vec<PrintedCell>,
}

/// What a cell shows; rotations are indexes into `rotations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintedCell {
    Empty,
    Leave,
    Whole(usize),
    Halves(Option<usize>, Option<usize>),
}

/// The residents an affiliate site receives, for its onboarding office.
#[derive(Debug, Clone)]
pub struct SiteSection {
    pub name: String,
    pub visits: Vec<SiteVisit>,
}

#[derive(Debug, Clone)]
pub struct SiteVisit {
    pub resident: String,
    pub pgy: i32,
    pub rotation: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

const NAME_W: f32 = 44.0;
const MIN_COL_W: f32 = 9.5;
const ROW_H: f32 = 5.0;
const HEAD_H: f32 = 8.0;
const LEAVE_FILL: Color = Color::rgb(0xe6, 0xe6, 0xe6);
const GAP: f32 = 0.35;

pub fn render_schedule(
    doc: &ScheduleDocument,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<RenderedPdf, ReportError> {
    layout_schedule(doc)?.finish(progress)
}

pub(crate) fn layout_schedule(doc: &ScheduleDocument) -> Result<Document, ReportError> {
    if let Some(row) = doc
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .find(|r| r.cells.len() != doc.blocks.len())
    {
        return Err(ReportError::InvalidInput(format!(
            "{} has {} cells for {} blocks",
            row.name,
            row.cells.len(),
            doc.blocks.len()
        )));
    }
    let title = format!("Block schedule {}", doc.year_name);
    let chrome = Chrome {
        title: doc.program_name.clone(),
        subtitle: title.clone(),
        generated: doc.generated_at.clone(),
    };
    let setup = PageSetup::new(PaperSize::Letter, Orientation::Landscape);
    let mut d = Document::new(&title, setup, chrome)?;
    d.heading(&title, 1);
    let residents: usize = doc.groups.iter().map(|g| g.rows.len()).sum();
    let program = format!("{} ({})", doc.program_name, doc.program_code);
    let counts = format!("{residents} residents, {} blocks", doc.blocks.len());
    d.fields(
        &[
            ("Program", program.as_str()),
            ("Academic year", doc.year_name.as_str()),
            ("Schedule", counts.as_str()),
        ],
        9.0,
    );
    d.gap(3.0);
    if residents > 0 {
        let per_page = (((d.setup().content_width() - NAME_W) / MIN_COL_W).floor() as usize).max(1);
        let chunks: Vec<std::ops::Range<usize>> = (0..doc.blocks.len())
            .step_by(per_page)
            .map(|s| s..(s + per_page).min(doc.blocks.len()))
            .collect();
        for (k, range) in chunks.iter().enumerate() {
            if k > 0 {
                d.new_page();
            }
            grid(&mut d, doc, range.clone());
        }
        legend(&mut d, doc);
    }
    for site in &doc.sites {
        site_page(&mut d, site)?;
    }
    Ok(d)
}

fn col_width(d: &Document, doc: &ScheduleDocument, range: &std::ops::Range<usize>) -> f32 {
    let fit = (d.setup().content_width() - NAME_W) / range.len().max(1) as f32;
    // Few blocks need not stretch across a whole landscape page.
    fit.min(if doc.blocks.len() <= 13 { 17.0 } else { fit })
}

fn header(d: &mut Document, doc: &ScheduleDocument, range: &std::ops::Range<usize>, w: f32) {
    let left = d.setup().content_left();
    let y = d.cursor();
    d.push(Item::Rect {
        x: left,
        y,
        w: NAME_W + w * range.len() as f32,
        h: HEAD_H,
        fill: Color::HEADER_FILL,
    });
    let bold = TextStyle::bold(7.0);
    let small = TextStyle::regular(6.0).with_color(Color::MUTED);
    text(d, left + 1.5, y + 3.4, "Resident", bold);
    for (k, b) in doc.blocks[range.clone()].iter().enumerate() {
        let x = left + NAME_W + w * k as f32;
        let name = b.name.replace("Block ", "B");
        centred(d, x, w, y + 3.4, &name, bold);
        centred(
            d,
            x,
            w,
            y + 6.8,
            &b.start.format("%b %-d").to_string(),
            small,
        );
    }
    d.advance(HEAD_H);
}

fn grid(d: &mut Document, doc: &ScheduleDocument, range: std::ops::Range<usize>) {
    let w = col_width(d, doc, &range);
    let left = d.setup().content_left();
    d.ensure_space(HEAD_H + 2.0 * ROW_H);
    header(d, doc, &range, w);
    for group in &doc.groups {
        if d.ensure_space(2.0 * ROW_H) {
            header(d, doc, &range, w);
        }
        text(
            d,
            left + 1.0,
            d.cursor() + 3.6,
            &group.heading,
            TextStyle::bold(7.5),
        );
        d.advance(ROW_H);
        for row in &group.rows {
            if d.ensure_space(ROW_H) {
                header(d, doc, &range, w);
            }
            let y = d.cursor();
            let name = d
                .fonts()
                .fit(&row.name, &TextStyle::regular(7.0), NAME_W - 2.0);
            text(d, left + 1.0, y + 3.6, &name, TextStyle::regular(7.0));
            for (k, cell) in row.cells[range.clone()].iter().enumerate() {
                draw_cell(d, doc, left + NAME_W + w * k as f32, y, w, *cell);
            }
            d.push(Item::Line {
                from: (left, y + ROW_H),
                to: (left + NAME_W + w * range.len() as f32, y + ROW_H),
                width_pt: 0.3,
                color: Color::RULE_LIGHT,
            });
            d.advance(ROW_H);
        }
    }
}

fn draw_cell(d: &mut Document, doc: &ScheduleDocument, x: f32, y: f32, w: f32, cell: PrintedCell) {
    let part = |d: &mut Document, x: f32, w: f32, rotation: Option<usize>, size: f32| {
        let Some(r) = rotation.and_then(|i| doc.rotations.get(i)) else {
            return;
        };
        d.push(Item::Rect {
            x: x + GAP,
            y: y + GAP,
            w: w - 2.0 * GAP,
            h: ROW_H - 2.0 * GAP,
            fill: r.colour,
        });
        let style = TextStyle::bold(size).with_color(text_on(r.colour));
        let code = d.fonts().fit(&r.code, &style, w - 0.6);
        centred(d, x, w, y + 3.5, &code, style);
    };
    match cell {
        PrintedCell::Empty => {}
        PrintedCell::Leave => {
            d.push(Item::Rect {
                x: x + GAP,
                y: y + GAP,
                w: w - 2.0 * GAP,
                h: ROW_H - 2.0 * GAP,
                fill: LEAVE_FILL,
            });
            centred(
                d,
                x,
                w,
                y + 3.5,
                "LV",
                TextStyle::regular(6.0).with_color(Color::MUTED),
            );
        }
        PrintedCell::Whole(r) => part(d, x, w, Some(r), 6.5),
        PrintedCell::Halves(a, b) => {
            part(d, x, w / 2.0, a, 5.0);
            part(d, x + w / 2.0, w / 2.0, b, 5.0);
        }
    }
}

fn legend(d: &mut Document, doc: &ScheduleDocument) {
    d.gap(4.0);
    d.ensure_space(ROW_H * 3.0);
    text(
        d,
        d.setup().content_left(),
        d.cursor() + 3.6,
        "Legend",
        TextStyle::bold(8.5),
    );
    d.advance(ROW_H + 1.0);
    let left = d.setup().content_left();
    let right = d.setup().content_right();
    let style = TextStyle::regular(7.0);
    let mut x = left;
    let mut entries: Vec<(String, String, Color)> = doc
        .rotations
        .iter()
        .map(|r| (r.code.clone(), r.name.clone(), r.colour))
        .collect();
    entries.push(("LV".into(), "Leave".into(), LEAVE_FILL));
    for (code, name, colour) in entries {
        let width = 12.0 + d.fonts().width(&name, &style) + 5.0;
        if x + width > right {
            x = left;
            d.advance(ROW_H);
            d.ensure_space(ROW_H);
        }
        let y = d.cursor();
        d.push(Item::Rect {
            x,
            y: y + GAP,
            w: 11.0,
            h: ROW_H - 2.0 * GAP,
            fill: colour,
        });
        centred(
            d,
            x,
            11.0,
            y + 3.5,
            &code,
            TextStyle::bold(6.0).with_color(text_on(colour)),
        );
        text(d, x + 12.5, y + 3.6, &name, style);
        x += width;
    }
    d.advance(ROW_H);
    d.gap(2.0);
    d.paragraph(
        "A cell split in two shows the rotations of the first and second half of a split block.",
        TextStyle::regular(7.0).with_color(Color::MUTED),
    );
}

fn site_page(d: &mut Document, site: &SiteSection) -> Result<(), ReportError> {
    d.new_page();
    d.heading(&format!("Who comes when: {}", site.name), 2);
    if site.visits.is_empty() {
        d.paragraph(
            "No resident is scheduled at this site this year.",
            TextStyle::regular(9.0),
        );
        return Ok(());
    }
    let mut table = Table::new(vec![
        Column::new("Resident", ColumnWidth::Fraction(1.0)),
        Column::new("PGY", ColumnWidth::Auto),
        Column::new("Rotation", ColumnWidth::Fraction(1.0)),
        Column::new("From", ColumnWidth::Auto),
        Column::new("To", ColumnWidth::Auto),
    ])
    .with_style(TableStyle::default());
    for v in &site.visits {
        table.push_row(vec![
            v.resident.clone(),
            format!("PGY-{}", v.pgy),
            v.rotation.clone(),
            v.start.to_string(),
            v.end.to_string(),
        ]);
    }
    d.table(&table)
}

fn text(d: &mut Document, x: f32, baseline: f32, s: &str, style: TextStyle) {
    d.push(Item::Text {
        x,
        baseline,
        text: s.to_string(),
        style,
    });
}

fn centred(d: &mut Document, x: f32, w: f32, baseline: f32, s: &str, style: TextStyle) {
    let tw = d.fonts().width(s, &style);
    text(d, x + (w - tw) / 2.0, baseline, s, style);
}

/// Black or white, whichever reads better on `fill` (relative luminance).
pub fn text_on(fill: Color) -> Color {
    let lin = |v: u8| {
        let c = f32::from(v) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let lum = 0.2126 * lin(fill.r) + 0.7152 * lin(fill.g) + 0.0722 * lin(fill.b);
    if lum > 0.4 {
        Color::rgb(0x11, 0x11, 0x11)
    } else {
        Color::rgb(0xff, 0xff, 0xff)
    }
}

/// A `#rrggbb` colour, or grey when it is not one.
pub fn colour(hex: &str) -> Color {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    match (h.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => Color::rgb(r, g, b),
        _ => Color::rgb(0x99, 0x99, 0x99),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test dates are valid")
    }

    fn doc(residents: usize, blocks: usize) -> ScheduleDocument {
        let rotations = vec![
            LegendEntry {
                code: "ICU".into(),
                name: "Intensive care".into(),
                colour: colour("#f28e2b"),
            },
            LegendEntry {
                code: "NF".into(),
                name: "Night float".into(),
                colour: colour("#59539b"),
            },
        ];
        let cells = |i: usize| {
            (0..blocks)
                .map(|b| match (i + b) % 4 {
                    0 => PrintedCell::Whole(0),
                    1 => PrintedCell::Halves(Some(1), None),
                    2 => PrintedCell::Leave,
                    _ => PrintedCell::Empty,
                })
                .collect()
        };
        ScheduleDocument {
            program_code: "GS".into(),
            program_name: "General Surgery".into(),
            year_name: "2026-2027".into(),
            generated_at: "2026-11-22 10:00".into(),
            blocks: (0..blocks)
                .map(|b| ScheduleColumn {
                    name: format!("Block {}", b + 1),
                    start: day("2026-07-01") + chrono::Days::new(14 * b as u64),
                    end: day("2026-07-14") + chrono::Days::new(14 * b as u64),
                })
                .collect(),
            rotations,
            groups: (1..=5)
                .map(|pgy| ScheduleGroup {
                    heading: format!("PGY-{pgy}"),
                    rows: (0..residents / 5)
                        .map(|i| ScheduleRow {
                            name: format!("Zoë Ødegaard {pgy}-{i}"),
                            cells: cells(i),
                        })
                        .collect(),
                })
                .collect(),
            sites: vec![SiteSection {
                name: "St. Brigid".into(),
                visits: vec![SiteVisit {
                    resident: "José Núñez".into(),
                    pgy: 4,
                    rotation: "Community Surgery".into(),
                    start: day("2026-07-01"),
                    end: day("2026-07-28"),
                }],
            }],
        }
    }

    fn texts(d: &Document) -> Vec<String> {
        d.pages()
            .iter()
            .flat_map(|p| p.texts().map(|(t, _)| t.to_string()))
            .collect()
    }

    #[test]
    fn a_small_schedule_fits_one_page_with_legend_and_a_site_page() {
        let d = layout_schedule(&doc(10, 13)).expect("lays out");
        assert_eq!(d.page_count(), 2, "the grid and legend, then the site");
        let t = texts(&d);
        for want in [
            "Block schedule 2026-2027",
            "B13",
            "ICU",
            "NF",
            "LV",
            "Legend",
            "Intensive care",
            "Who comes when: St. Brigid",
            "José Núñez",
            "Zoë Ødegaard 1-0",
        ] {
            assert!(t.iter().any(|s| s == want), "missing {want}");
        }
    }

    #[test]
    fn a_large_schedule_flows_over_pages_and_repeats_the_header() {
        let d = layout_schedule(&doc(150, 26)).expect("lays out");
        assert!(
            d.page_count() >= 8,
            "150 residents over 26 blocks: {} pages",
            d.page_count()
        );
        for page in &d.pages()[..d.page_count() - 1] {
            assert!(
                page.texts().any(|(t, _)| t == "Resident"),
                "every grid page has the header"
            );
        }
        assert!(texts(&d).iter().any(|s| s == "B26"));
    }

    #[test]
    fn a_row_with_the_wrong_number_of_cells_is_refused() {
        let mut bad = doc(5, 13);
        bad.groups[0].rows[0].cells.pop();
        assert!(matches!(
            layout_schedule(&bad),
            Err(ReportError::InvalidInput(_))
        ));
    }

    #[test]
    fn text_is_dark_on_light_and_light_on_dark() {
        assert_eq!(text_on(colour("#edc948")), Color::rgb(0x11, 0x11, 0x11));
        assert_eq!(text_on(colour("#59539b")), Color::rgb(0xff, 0xff, 0xff));
        assert_eq!(colour("nope"), Color::rgb(0x99, 0x99, 0x99));
    }
}
