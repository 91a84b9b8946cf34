//! The program milestone summary: one program, one period. Per PGY level a heat-map table, one row
//! per subcompetency grouped by competency: how many residents sit in each bin of the scale (not
//! yet assessable, below 1, 1 ... 5), the median and how many are at or below 2.5. Landscape.

use super::kit::{Chrome, Color, Document, Item, Orientation, PageSetup, PaperSize, TextStyle};
use super::{RenderedPdf, ReportError, ReportProgress};
use crate::assessment::milestone_distribution::{
    BIN_LABELS, Distribution, WARNING_LEVEL, median_label,
};

#[derive(Debug, Clone)]
pub struct MilestoneSummary {
    pub program_code: String,
    pub program_name: String,
    /// `2025-2026-spring`.
    pub period: String,
    pub milestone_set: String,
    pub generated_at: String,
    /// Lowest PGY first; only levels with residents.
    pub groups: Vec<PgyGroup>,
}

#[derive(Debug, Clone)]
pub struct PgyGroup {
    pub pgy: i32,
    pub residents: u32,
    /// In the milestone set's order.
    pub rows: Vec<SummaryRow>,
}

#[derive(Debug, Clone)]
pub struct SummaryRow {
    /// `Patient Care`: rows are grouped under it.
    pub competency: String,
    pub code: String,
    pub name: String,
    pub distribution: Distribution,
}

const SIZE: f32 = 7.5;
const ROW_H: f32 = 4.8;
const CODE_W: f32 = 13.0;
const BIN_W: f32 = 10.5;
const TAIL_W: f32 = 15.5;
const TAIL: [&str; 3] = ["Not rated", "Median", "≤ 2.5"];
/// Level bins (1 to 5), and the bins at or below 2.5 (below 1 to 2.5), are tinted apart.
const LEVEL_TINT: Color = Color::rgb(0x1f, 0x5f, 0xa8);
const WARNING_TINT: Color = Color::rgb(0xc2, 0x6a, 0x10);
const NYA_TINT: Color = Color::rgb(0x70, 0x75, 0x7a);

pub fn render_milestone_summary(
    doc: &MilestoneSummary,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<RenderedPdf, ReportError> {
    layout(doc)?.finish(progress)
}

pub(crate) fn layout(doc: &MilestoneSummary) -> Result<Document, ReportError> {
    if let Some(g) = doc
        .groups
        .iter()
        .find(|g| g.rows.iter().any(|r| r.distribution.total() != g.residents))
    {
        return Err(ReportError::InvalidInput(format!(
            "a PGY-{} row does not count its {} residents",
            g.pgy, g.residents
        )));
    }
    let title = format!("Milestone summary {}", doc.period);
    let chrome = Chrome::program(
        &doc.program_name,
        &doc.program_code,
        title.clone(),
        &doc.generated_at,
    );
    let setup = PageSetup::new(PaperSize::Letter, Orientation::Landscape);
    let mut d = Document::new(&title, setup, chrome)?;
    d.heading(
        &format!(
            "Program milestone summary — {} {}",
            doc.program_code, doc.period
        ),
        1,
    );
    let total: u32 = doc.groups.iter().map(|g| g.residents).sum();
    let by_pgy = doc
        .groups
        .iter()
        .map(|g| format!("PGY-{} {}", g.pgy, g.residents))
        .collect::<Vec<_>>()
        .join(", ");
    d.fields(
        &[
            (
                "Program",
                &format!("{} ({})", doc.program_name, doc.program_code),
            ),
            ("Period", &doc.period),
            ("Milestone set", &doc.milestone_set),
            ("Residents", &format!("{total} ({by_pgy})")),
        ],
        9.0,
    );
    d.gap(1.0);
    d.paragraph(
        &format!(
            "Each row counts the PGY level's residents by the level the committee gave them. NYA: not \
             yet assessable; <1: has not yet completed Level 1. The median leaves NYA out; the last \
             column counts levels at or below {WARNING_LEVEL}, shaded orange: at the end of PGY-2 they \
             often predict not reaching Level 4 by graduation."
        ),
        TextStyle::regular(8.0).with_color(Color::MUTED),
    );
    let rated = doc
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .any(|r| r.distribution.not_rated < r.distribution.total());
    if !doc.groups.is_empty() && !rated {
        d.gap(2.0);
        d.paragraph(
            "No milestone levels are recorded for this period yet: every resident is counted as not rated.",
            TextStyle::bold(9.0).with_color(WARNING_TINT),
        );
    }
    if doc.groups.is_empty() {
        d.gap(3.0);
        d.paragraph(
            "No residents were in training in this period.",
            TextStyle::regular(9.5),
        );
    }
    for (i, g) in doc.groups.iter().enumerate() {
        let competencies = g
            .rows
            .windows(2)
            .filter(|w| w[0].competency != w[1].competency)
            .count()
            + 1;
        let height = (g.rows.len() + competencies + 1) as f32 * ROW_H + 14.0;
        d.gap(if i == 0 { 3.0 } else { 5.0 });
        d.ensure_space(height.min(d.setup().content_height()));
        d.heading(
            &format!(
                "PGY-{} · {} resident{}",
                g.pgy,
                g.residents,
                if g.residents == 1 { "" } else { "s" }
            ),
            2,
        );
        table(&mut d, g);
    }
    Ok(d)
}

/// Left edges of the columns: code, name, the bins, then not rated, median, at or below.
fn columns(d: &Document) -> (Vec<f32>, f32) {
    let left = d.setup().content_left();
    let width = d.setup().content_width();
    let name_w = width - CODE_W - BIN_W * BIN_LABELS.len() as f32 - TAIL_W * TAIL.len() as f32;
    let mut xs = vec![left, left + CODE_W];
    let mut x = left + CODE_W + name_w;
    for _ in BIN_LABELS {
        xs.push(x);
        x += BIN_W;
    }
    for _ in TAIL {
        xs.push(x);
        x += TAIL_W;
    }
    (xs, name_w)
}

fn header(d: &mut Document) {
    let (xs, _) = columns(d);
    let left = d.setup().content_left();
    let right = d.setup().content_right();
    let top = d.cursor();
    let style = TextStyle::bold(SIZE);
    d.push(Item::Rect {
        x: left,
        y: top,
        w: right - left,
        h: ROW_H,
        fill: Color::HEADER_FILL,
    });
    cell(d, xs[0] + 1.0, top, "Code", style);
    cell(d, xs[1] + 1.0, top, "Subcompetency", style);
    let titles = BIN_LABELS.iter().chain(TAIL.iter());
    for (k, t) in titles.enumerate() {
        let w = if k < BIN_LABELS.len() { BIN_W } else { TAIL_W };
        centred(d, xs[2 + k], w, top, t, style);
    }
    d.push(Item::Line {
        from: (left, top + ROW_H),
        to: (right, top + ROW_H),
        width_pt: 0.6,
        color: Color::RULE,
    });
    d.advance(ROW_H);
}

/// One line of text centred vertically in the row whose top is `top`.
fn cell(d: &mut Document, x: f32, top: f32, text: &str, style: TextStyle) {
    let fonts = d.fonts();
    let baseline = top + (ROW_H - fonts.line_height(&style)) / 2.0 + fonts.baseline_offset(&style);
    d.push(Item::Text {
        x,
        baseline,
        text: text.to_string(),
        style,
    });
}

fn centred(d: &mut Document, x: f32, w: f32, top: f32, text: &str, style: TextStyle) {
    let tw = d.fonts().width(text, &style);
    cell(d, x + (w - tw) / 2.0, top, text, style);
}

/// White blended towards `tint` by `share` (0..1) of the group, never fainter than a hint.
fn shade(tint: Color, share: f32) -> Color {
    let t = 0.12 + 0.78 * share.clamp(0.0, 1.0);
    let mix = |c: u8| (255.0 - (255.0 - f32::from(c)) * t).round() as u8;
    Color::rgb(mix(tint.r), mix(tint.g), mix(tint.b))
}

fn table(d: &mut Document, g: &PgyGroup) {
    let (xs, name_w) = columns(d);
    let left = d.setup().content_left();
    let right = d.setup().content_right();
    let body = TextStyle::regular(SIZE);
    let bold = TextStyle::bold(SIZE);
    let n = g.residents.max(1) as f32;
    let tail_x = xs[2 + BIN_LABELS.len()];
    header(d);
    let mut competency: Option<&str> = None;
    for r in &g.rows {
        let new_group = competency != Some(r.competency.as_str());
        let need = if new_group { 2.0 * ROW_H } else { ROW_H };
        if d.ensure_space(need) {
            header(d);
        }
        if new_group {
            let top = d.cursor();
            cell(
                d,
                left + 1.0,
                top,
                &r.competency,
                bold.with_color(Color::MUTED),
            );
            d.advance(ROW_H);
            competency = Some(&r.competency);
        }
        let top = d.cursor();
        for (k, count) in r.distribution.bins.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let tint = match k {
                0 => NYA_TINT,
                1..=5 => WARNING_TINT,
                _ => LEVEL_TINT,
            };
            let share = *count as f32 / n;
            d.push(Item::Rect {
                x: xs[2 + k] + 0.3,
                y: top + 0.3,
                w: BIN_W - 0.6,
                h: ROW_H - 0.6,
                fill: shade(tint, share),
            });
            let style = if share > 0.5 {
                bold.with_color(Color::rgb(0xff, 0xff, 0xff))
            } else {
                bold
            };
            centred(d, xs[2 + k], BIN_W, top, &count.to_string(), style);
        }
        cell(d, xs[0] + 1.0, top, &r.code, bold);
        let name = d.fonts().fit(&r.name, &body, name_w - 2.0);
        cell(d, xs[1] + 1.0, top, &name, body);
        let dist = &r.distribution;
        if dist.not_rated > 0 {
            centred(d, tail_x, TAIL_W, top, &dist.not_rated.to_string(), body);
        }
        let median = dist.median.map_or("—".into(), median_label);
        centred(d, tail_x + TAIL_W, TAIL_W, top, &median, bold);
        let warn = if dist.at_or_below_warning > 0 {
            bold.with_color(WARNING_TINT)
        } else {
            body
        };
        let count = dist.at_or_below_warning.to_string();
        centred(d, tail_x + 2.0 * TAIL_W, TAIL_W, top, &count, warn);
        // Rules that set the bins apart from the name and from the totals.
        for x in [xs[2], tail_x] {
            d.push(Item::Line {
                from: (x, top),
                to: (x, top + ROW_H),
                width_pt: 0.4,
                color: Color::RULE_LIGHT,
            });
        }
        d.push(Item::Line {
            from: (left, top + ROW_H),
            to: (right, top + ROW_H),
            width_pt: 0.25,
            color: Color::RULE_LIGHT,
        });
        d.advance(ROW_H);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::assessment::milestone::Rating;

    fn l(level: f64) -> Option<Rating> {
        Some(Rating::Level { level })
    }

    fn summary() -> MilestoneSummary {
        let row = |competency: &str, code: &str, ratings: Vec<Option<Rating>>| SummaryRow {
            competency: competency.into(),
            code: code.into(),
            name: "Patient Evaluation and Decision Making".into(),
            distribution: Distribution::of(ratings),
        };
        MilestoneSummary {
            program_code: "GS".into(),
            program_name: "Cirugía General".into(),
            period: "2025-2026-spring".into(),
            milestone_set: "General Surgery 2.0".into(),
            generated_at: "2026-11-22 10:00".into(),
            groups: (1..=5)
                .map(|pgy| PgyGroup {
                    pgy,
                    residents: 4,
                    rows: vec![
                        row("Patient Care", "PC1", vec![l(2.5), l(3.0), l(3.0), None]),
                        row(
                            "Patient Care",
                            "PC2",
                            vec![l(0.0), l(1.5), Some(Rating::NotYetAssessable), l(4.0)],
                        ),
                        row(
                            "Medical Knowledge",
                            "MK1",
                            vec![l(5.0), l(4.5), l(5.0), l(4.5)],
                        ),
                    ],
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
    fn every_pgy_gets_a_table_with_its_counts_median_and_warnings() {
        let d = layout(&summary()).unwrap();
        let t = texts(&d);
        for pgy in 1..=5 {
            assert!(
                t.iter().any(|s| s == &format!("PGY-{pgy} · 4 residents")),
                "{t:?}"
            );
        }
        assert!(t.iter().any(|s| s == "Medical Knowledge"));
        assert!(t.iter().any(|s| s == "4.75"), "MK1's median");
        let (xs, _) = columns(&d);
        // PC1's three levels: one 2.5 and two 3s, counted in their own columns.
        let page = &d.pages()[0];
        let at = |label: &str| {
            let k = BIN_LABELS.iter().position(|b| *b == label).unwrap();
            (xs[2 + k], xs[2 + k] + BIN_W)
        };
        let numbers: Vec<(f32, String)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, text, .. } if text.parse::<u32>().is_ok() => {
                    Some((*x, text.clone()))
                }
                _ => None,
            })
            .collect();
        let (a, b) = at("3");
        assert!(
            numbers.iter().any(|(x, t)| *x > a && *x < b && t == "2"),
            "{numbers:?}"
        );
    }

    #[test]
    fn a_period_without_levels_says_so_above_the_tables() {
        let mut s = summary();
        for r in s.groups.iter_mut().flat_map(|g| g.rows.iter_mut()) {
            r.distribution = Distribution::of([None, None, None, None]);
        }
        let t = texts(&layout(&s).unwrap());
        assert!(
            t.iter()
                .any(|s| s.starts_with("No milestone levels are recorded"))
        );
        let rated = texts(&layout(&summary()).unwrap());
        assert!(!rated.iter().any(|s| s.starts_with("No milestone levels")));
    }

    #[test]
    fn a_row_that_miscounts_its_group_is_refused() {
        let mut s = summary();
        s.groups[0].residents = 5;
        assert!(matches!(layout(&s), Err(ReportError::InvalidInput(_))));
    }

    #[test]
    fn shading_deepens_with_the_share_of_the_group() {
        let light = shade(LEVEL_TINT, 0.1);
        let dark = shade(LEVEL_TINT, 0.9);
        assert!(dark.r < light.r && dark.b < light.b);
    }
}
