//! The CCC meeting packet: a cover (the meeting, who is present, the agenda with each resident's
//! flags), then per resident: rotations this year, an EPA summary (count, median and latest level
//! per EPA, with each EPA's levels over time as a small chart), milestone trajectories across
//! periods against the Level 4 graduation target (a small chart per subcompetency), recent
//! narrative comments, flags with their reasons, and the last review's recommendation.

use chrono::NaiveDate;

use super::kit::{
    CHART_LINE, Chrome, Color, Column, ColumnWidth, Document, Item, MILESTONE_TARGET, Orientation,
    PageSetup, PaperSize, Table, TableStyle, TextStyle,
};
use super::{RenderedPdf, ReportError, ReportProgress};

#[derive(Debug, Clone)]
pub struct PacketDocument {
    pub program_code: String,
    pub program_name: String,
    /// `2026-2027-fall`.
    pub period: String,
    pub meeting_date: NaiveDate,
    pub generated_at: String,
    pub chair: Option<String>,
    pub members: Vec<String>,
    pub warnings: Vec<String>,
    /// The top of the EPA set's entrustment scale (4 for surgery).
    pub scale_top: i32,
    /// The periods the milestone charts run across, oldest first (`2025-2026 fall`, ...).
    pub periods: Vec<String>,
    /// In agenda order.
    pub residents: Vec<PacketResident>,
}

#[derive(Debug, Clone)]
pub struct PacketResident {
    pub name: String,
    pub pgy: i32,
    pub status: String,
    pub rotations: Vec<PacketRotation>,
    pub epas: Vec<EpaSummary>,
    pub milestones: Vec<Trajectory>,
    pub comments: Vec<Comment>,
    pub flags: Vec<String>,
    /// "2025-2026-spring: promote (meets expectations)".
    pub last_review: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PacketRotation {
    pub block: String,
    pub code: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct EpaSummary {
    pub number: i32,
    pub short_name: String,
    pub count: usize,
    pub median: f64,
    pub latest: i32,
    /// Levels in date order (the chart draws them left to right).
    pub levels: Vec<i32>,
}

#[derive(Debug, Clone)]
pub struct Trajectory {
    pub code: String,
    pub name: String,
    /// One per `PacketDocument::periods`: the level then (None: not rated or not yet assessable).
    pub levels: Vec<Option<f64>>,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub date: NaiveDate,
    pub author: String,
    pub epa: String,
    pub text: String,
}

const TARGET: f64 = MILESTONE_TARGET;
const FLAG: Color = Color::rgb(0xb0, 0x1c, 0x1c);

pub fn render_packet(
    doc: &PacketDocument,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<RenderedPdf, ReportError> {
    layout_packet(doc)?.finish(progress)
}

pub(crate) fn layout_packet(doc: &PacketDocument) -> Result<Document, ReportError> {
    if let Some(r) = doc.residents.iter().find(|r| {
        r.milestones
            .iter()
            .any(|t| t.levels.len() != doc.periods.len())
    }) {
        return Err(ReportError::InvalidInput(format!(
            "{}'s milestone levels do not match the {} periods",
            r.name,
            doc.periods.len()
        )));
    }
    let title = format!("CCC packet {}", doc.period);
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
    cover(&mut d, doc)?;
    for r in &doc.residents {
        d.new_page();
        resident(&mut d, doc, r)?;
    }
    Ok(d)
}

fn cover(d: &mut Document, doc: &PacketDocument) -> Result<(), ReportError> {
    d.heading(
        &format!("Clinical Competency Committee — {}", doc.period),
        1,
    );
    let date = doc.meeting_date.format("%A %-d %B %Y").to_string();
    let members = if doc.members.is_empty() {
        "none recorded".to_string()
    } else {
        doc.members.join(", ")
    };
    d.fields(
        &[
            (
                "Program",
                &format!("{} ({})", doc.program_name, doc.program_code),
            ),
            ("Meeting", &date),
            ("Chair", doc.chair.as_deref().unwrap_or("none named")),
            (&format!("Members ({})", doc.members.len()), &members),
        ],
        10.0,
    );
    for w in &doc.warnings {
        d.paragraph(&format!("⚠ {w}"), TextStyle::bold(9.5).with_color(FLAG));
    }
    d.gap(4.0);
    d.heading("Agenda", 2);
    let mut table = Table::new(vec![
        Column::new("#", ColumnWidth::Auto),
        Column::new("Resident", ColumnWidth::Auto),
        Column::new("PGY", ColumnWidth::Auto),
        Column::new("EPA assessments", ColumnWidth::Auto),
        Column::new("Flags", ColumnWidth::Fraction(1.0)),
    ])
    .with_style(TableStyle {
        size_pt: 8.5,
        ..TableStyle::default()
    });
    for (i, r) in doc.residents.iter().enumerate() {
        table.push_row(vec![
            (i + 1).to_string(),
            r.name.clone(),
            r.pgy.to_string(),
            r.epas.iter().map(|e| e.count).sum::<usize>().to_string(),
            if r.flags.is_empty() {
                String::new()
            } else {
                format!(
                    "{} flag{}",
                    r.flags.len(),
                    if r.flags.len() == 1 { "" } else { "s" }
                )
            },
        ]);
    }
    d.table(&table)
}

fn resident(d: &mut Document, doc: &PacketDocument, r: &PacketResident) -> Result<(), ReportError> {
    d.heading(&format!("{} — PGY-{}", r.name, r.pgy), 1);
    let rotations = if r.rotations.is_empty() {
        "none scheduled".to_string()
    } else {
        r.rotations
            .iter()
            .map(|x| format!("{} {}", x.block, x.code))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    d.fields(
        &[
            ("Status", &r.status.replace('_', " ")),
            (
                "Last review",
                r.last_review.as_deref().unwrap_or("none yet"),
            ),
            ("Rotations this year", &rotations),
        ],
        9.0,
    );
    if !r.flags.is_empty() {
        d.gap(1.5);
        d.heading("Flags", 3);
        for f in &r.flags {
            d.paragraph(&format!("⚑ {f}"), TextStyle::regular(9.0).with_color(FLAG));
        }
    }
    d.gap(2.0);
    d.heading("EPA assessments", 3);
    if r.epas.is_empty() {
        d.paragraph(
            "No EPA assessments yet.",
            TextStyle::regular(9.0).with_color(Color::MUTED),
        );
    } else {
        epa_rows(d, doc, r);
    }
    d.gap(2.0);
    // The heading goes with at least the first row of charts.
    d.ensure_space(CHART_H + 24.0);
    d.heading(
        &format!("Milestones across periods (Level {TARGET} is the graduation target)"),
        3,
    );
    milestone_charts(d, doc, r);
    if !r.comments.is_empty() {
        d.gap(2.0);
        d.heading("Recent comments", 3);
        for c in &r.comments {
            d.paragraph(
                &format!("{} · {} · {}", c.date, c.author, c.epa),
                TextStyle::bold(8.5).with_color(Color::MUTED),
            );
            d.paragraph(&c.text, TextStyle::regular(9.0));
            d.gap(1.0);
        }
    }
    Ok(())
}

const ROW: f32 = 5.2;

fn epa_rows(d: &mut Document, doc: &PacketDocument, r: &PacketResident) {
    let left = d.setup().content_left();
    let width = d.setup().content_width();
    let head = TextStyle::bold(8.5).with_color(Color::MUTED);
    let body = TextStyle::regular(8.5);
    let cols = [0.0, 70.0, 88.0, 106.0, 124.0];
    let chart_x = left + cols[4];
    let chart_w = width - cols[4];
    d.ensure_space(ROW * 2.0);
    for (x, t) in cols
        .iter()
        .zip(["EPA", "Count", "Median", "Latest", "Levels over time"])
    {
        d.text_at(left + x, t, head);
    }
    d.advance(ROW);
    for e in &r.epas {
        if d.ensure_space(ROW) {
            for (x, t) in cols
                .iter()
                .zip(["EPA", "Count", "Median", "Latest", "Levels over time"])
            {
                d.text_at(left + x, t, head);
            }
            d.advance(ROW);
        }
        let name = d.fonts().fit(
            &format!("{} {}", e.number, e.short_name),
            &body,
            cols[1] - 2.0,
        );
        d.text_at(left, &name, body);
        d.text_at(left + cols[1], &e.count.to_string(), body);
        d.text_at(left + cols[2], &format!("{}", e.median), body);
        d.text_at(left + cols[3], &e.latest.to_string(), body);
        let y = d.cursor();
        sparkline(
            d,
            chart_x,
            y + 0.6,
            chart_w,
            ROW - 1.2,
            &e.levels,
            doc.scale_top,
        );
        d.advance(ROW);
    }
}

/// Levels over time as a line, scaled to 1..top, with a faint baseline.
fn sparkline(d: &mut Document, x: f32, y: f32, w: f32, h: f32, levels: &[i32], top: i32) {
    d.push(Item::Line {
        from: (x, y + h),
        to: (x + w, y + h),
        width_pt: 0.3,
        color: Color::RULE_LIGHT,
    });
    let span = (top - 1).max(1) as f32;
    let n = levels.len();
    let points: Vec<(f32, f32)> = levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let px = if n <= 1 {
                x + w / 2.0
            } else {
                x + w * i as f32 / (n - 1) as f32
            };
            (px, y + h - h * (*l - 1) as f32 / span)
        })
        .collect();
    if points.len() == 1 {
        let (px, py) = points[0];
        d.push(Item::Rect {
            x: px - 0.5,
            y: py - 0.5,
            w: 1.0,
            h: 1.0,
            fill: CHART_LINE,
        });
    } else {
        d.push(Item::Path {
            points,
            closed: false,
            stroke: Some((0.6, CHART_LINE)),
            fill: None,
        });
    }
}

const CHART_H: f32 = 20.0;
const CHART_GAP: f32 = 4.0;
const PER_ROW: usize = 4;

fn milestone_charts(d: &mut Document, doc: &PacketDocument, r: &PacketResident) {
    let left = d.setup().content_left();
    let w = (d.setup().content_width() - CHART_GAP * (PER_ROW - 1) as f32) / PER_ROW as f32;
    let label = TextStyle::bold(7.5);
    let small = TextStyle::regular(6.5).with_color(Color::MUTED);
    let line_h = d.fonts().line_height(&label);
    for row in r.milestones.chunks(PER_ROW) {
        d.ensure_space(line_h + CHART_H + CHART_GAP + 3.0);
        for (k, t) in row.iter().enumerate() {
            let x = left + k as f32 * (w + CHART_GAP);
            let title = d.fonts().fit(&format!("{} {}", t.code, t.name), &label, w);
            d.text_at(x, &title, label);
        }
        d.advance(line_h);
        let top = d.cursor();
        for (k, t) in row.iter().enumerate() {
            let x = left + k as f32 * (w + CHART_GAP);
            d.milestone_chart(x, top, w, CHART_H, &t.levels);
        }
        d.advance(CHART_H);
        // The periods under the first chart of the row: oldest and newest.
        if let (Some(first), Some(last)) = (doc.periods.first(), doc.periods.last()) {
            d.text_at(left, first, small);
            let lw = d.fonts().width(last, &small);
            d.text_at(left + w - lw, last, small);
        }
        d.advance(3.0 + CHART_GAP);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn doc(residents: usize) -> PacketDocument {
        PacketDocument {
            program_code: "GS".into(),
            program_name: "General Surgery".into(),
            period: "2026-2027-fall".into(),
            meeting_date: day("2026-12-06"),
            generated_at: "2026-11-22 10:00".into(),
            chair: Some("Zoë Ødegaard".into()),
            members: vec!["Zoë Ødegaard".into(), "Kwame Mensah".into()],
            warnings: vec!["Only 2 members present: a CCC needs at least 3".into()],
            scale_top: 4,
            periods: vec![
                "2025-2026 fall".into(),
                "2025-2026 spring".into(),
                "2026-2027 fall".into(),
            ],
            residents: (0..residents)
                .map(|i| PacketResident {
                    name: format!("Resident {i} Łukasz"),
                    pgy: 2,
                    status: "active".into(),
                    rotations: vec![PacketRotation {
                        block: "Block 1".into(),
                        code: "GS".into(),
                        start: day("2026-07-01"),
                        end: day("2026-07-28"),
                    }],
                    epas: (1..=18)
                        .map(|n| EpaSummary {
                            number: n,
                            short_name: format!("EPA {n}"),
                            count: 7,
                            median: 2.5,
                            latest: 3,
                            levels: vec![1, 2, 2, 3, 2, 3, 3],
                        })
                        .collect(),
                    milestones: (1..=17)
                        .map(|n| Trajectory {
                            code: format!("PC{n}"),
                            name: "Patient evaluation".into(),
                            levels: vec![Some(2.0), None, Some(3.0)],
                        })
                        .collect(),
                    comments: vec![Comment {
                        date: day("2026-11-02"),
                        author: "Kwame Mensah".into(),
                        epa: "Gallbladder disease".into(),
                        text: "Safe dissection of the triangle.".into(),
                    }],
                    flags: vec!["PC1 went down from 3 to 2.5 since 2025-2026-spring".into()],
                    last_review: Some("2025-2026-spring: promote (meets expectations)".into()),
                })
                .collect(),
        }
    }

    fn texts(d: &Document) -> Vec<String> {
        d.pages()
            .iter()
            .flat_map(|p| p.texts().map(|(t, _)| t.to_string()))
            .collect()
    }

    #[test]
    fn the_cover_lists_the_meeting_and_each_resident_gets_their_pages() {
        let d = layout_packet(&doc(3)).unwrap();
        let t = texts(&d);
        assert!(
            t.iter()
                .any(|s| s.contains("Clinical Competency Committee — 2026-2027-fall"))
        );
        assert!(t.iter().any(|s| s.contains("Only 2 members present")));
        for i in 0..3 {
            assert!(
                t.iter()
                    .any(|s| s == &format!("Resident {i} Łukasz — PGY-2")),
                "{t:?}"
            );
        }
        assert!(t.iter().any(|s| s.contains("PC1 went down from 3 to 2.5")));
        assert!(
            d.page_count() >= 4,
            "a cover and at least a page per resident"
        );
    }

    #[test]
    fn a_trajectory_that_does_not_match_the_periods_is_refused() {
        let mut bad = doc(1);
        bad.residents[0].milestones[0].levels.pop();
        assert!(matches!(
            layout_packet(&bad),
            Err(ReportError::InvalidInput(_))
        ));
    }

    #[test]
    fn a_resident_without_evidence_still_gets_a_page() {
        let mut d = doc(1);
        d.residents[0].epas.clear();
        d.residents[0]
            .milestones
            .iter_mut()
            .for_each(|t| t.levels = vec![None, None, None]);
        d.residents[0].comments.clear();
        let laid = layout_packet(&d).unwrap();
        assert!(texts(&laid).iter().any(|s| s == "No EPA assessments yet."));
    }
}
