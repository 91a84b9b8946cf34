//! The resident milestone report: one resident, one period. A header (resident, program, PGY then,
//! period), then per competency and subcompetency the level this period beside the previous one
//! and the change, the descriptor of the level reached, and the trajectory across periods against
//! the Level 4 target; last, the committee's final review of the period.

use chrono::NaiveDate;

use super::kit::{
    Chrome, Color, Document, Item, MILESTONE_TARGET, Orientation, PageSetup, PaperSize, TextStyle,
};
use super::{RenderedPdf, ReportError, ReportProgress};
use crate::assessment::milestone::Rating;
use crate::assessment::milestone_distribution::{Distribution, WARNING_LEVEL, median_label};

#[derive(Debug, Clone)]
pub struct ResidentMilestoneReport {
    pub program_code: String,
    pub program_name: String,
    pub resident_name: String,
    pub email: String,
    /// Their PGY level during the period.
    pub pgy: i32,
    /// `2025-2026-spring`.
    pub period: String,
    pub previous_period: Option<String>,
    pub milestone_set: String,
    pub generated_at: String,
    /// The periods the charts run across, oldest first, ending with this one (`2025-2026 fall`).
    pub periods: Vec<String>,
    pub competencies: Vec<CompetencyLevels>,
    pub review: Option<FinalReview>,
}

/// One competency's subcompetencies, in the milestone set's order.
#[derive(Debug, Clone)]
pub struct CompetencyLevels {
    /// `Patient Care`.
    pub name: String,
    pub subcompetencies: Vec<SubcompetencyLevels>,
}

#[derive(Debug, Clone)]
pub struct SubcompetencyLevels {
    pub code: String,
    pub name: String,
    pub now: Option<Rating>,
    pub previous: Option<Rating>,
    /// The whole level reached (3 for 3.5) and its descriptor in the milestone set.
    pub reached: Option<(i32, String)>,
    /// One per `ResidentMilestoneReport::periods` (None: not rated or not yet assessable).
    pub levels: Vec<Option<f64>>,
}

/// The committee's final review of the period.
#[derive(Debug, Clone)]
pub struct FinalReview {
    pub meeting_date: NaiveDate,
    pub recommendation: String,
    pub overall_performance: Option<String>,
    pub strengths: Option<String>,
    pub areas_for_improvement: Option<String>,
    pub remediation_plan: Option<String>,
    /// It corrects an earlier final review.
    pub amendment: bool,
}

const CHART_W: f32 = 46.0;
const CHART_H: f32 = 17.0;
const GAP: f32 = 6.0;
/// A competency heading and one subcompetency block beneath it.
const KEEP_WITH_COMPETENCY: f32 = 40.0;
const DOWN: Color = Color::rgb(0xb0, 0x1c, 0x1c);
const UP: Color = Color::rgb(0x2e, 0x7d, 0x32);

pub fn render_resident_milestones(
    doc: &ResidentMilestoneReport,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<RenderedPdf, ReportError> {
    layout(doc)?.finish(progress)
}

/// The change from the previous level, signed (`+0.5`, `−1`, `0`), when both are levels.
pub fn change(now: Option<Rating>, previous: Option<Rating>) -> Option<f64> {
    Some(now?.level()? - previous?.level()?)
}

fn change_label(delta: f64) -> String {
    let size = Rating::Level { level: delta.abs() }.label();
    let size = if delta.abs() == 0.0 { "0".into() } else { size };
    match delta {
        d if d > 0.0 => format!("+{size}"),
        d if d < 0.0 => format!("−{size}"),
        _ => size,
    }
}

fn rating_label(rating: Option<Rating>) -> String {
    rating.map_or_else(|| "not rated".to_string(), Rating::label)
}

pub(crate) fn layout(doc: &ResidentMilestoneReport) -> Result<Document, ReportError> {
    let subs = doc.competencies.iter().flat_map(|c| &c.subcompetencies);
    if let Some(s) = subs.clone().find(|s| s.levels.len() != doc.periods.len()) {
        return Err(ReportError::InvalidInput(format!(
            "{}'s levels do not match the {} periods",
            s.code,
            doc.periods.len()
        )));
    }
    let title = format!("Milestone report {}", doc.period);
    let chrome = Chrome::program(
        &doc.program_name,
        &doc.program_code,
        format!("{title} — {}", doc.resident_name),
        &doc.generated_at,
    );
    let setup = PageSetup::new(PaperSize::Letter, Orientation::Portrait);
    let mut d = Document::new(&title, setup, chrome)?;
    d.heading(
        &format!("{} — milestones {}", doc.resident_name, doc.period),
        1,
    );
    let distribution = Distribution::of(subs.clone().map(|s| s.now));
    let went_down = subs
        .clone()
        .filter(|s| change(s.now, s.previous).is_some_and(|c| c < 0.0))
        .count();
    let rated = distribution.total() - distribution.not_rated;
    let overview = format!(
        "{rated} of {} subcompetencies rated · median {} · {} at or below {} · {went_down} went down",
        distribution.total(),
        distribution.median.map_or("—".into(), median_label),
        distribution.at_or_below_warning,
        Rating::Level {
            level: WARNING_LEVEL
        }
        .label()
    );
    d.fields(
        &[
            (
                "Resident",
                &format!("{} <{}>", doc.resident_name, doc.email),
            ),
            (
                "Program",
                &format!("{} ({})", doc.program_name, doc.program_code),
            ),
            ("PGY", &format!("PGY-{} during the period", doc.pgy)),
            ("Period", &doc.period),
            (
                "Compared with",
                doc.previous_period
                    .as_deref()
                    .unwrap_or("no earlier period"),
            ),
            ("Milestone set", &doc.milestone_set),
            ("Overview", &overview),
        ],
        9.5,
    );
    d.gap(1.5);
    d.paragraph(
        &format!(
            "Levels run from below 1 (has not yet completed Level 1) to 5; NYA is not yet assessable. \
             Each chart shows the level across {} with the Level {} graduation target in green.",
            match (doc.periods.first(), doc.periods.last()) {
                (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
                (Some(a), _) => a.clone(),
                _ => "the periods".into(),
            },
            Rating::Level {
                level: MILESTONE_TARGET
            }
            .label()
        ),
        TextStyle::regular(8.0).with_color(Color::MUTED),
    );
    for c in &doc.competencies {
        d.gap(3.0);
        // The heading goes with at least its first subcompetency.
        d.ensure_space(KEEP_WITH_COMPETENCY);
        d.heading(&c.name, 2);
        for s in &c.subcompetencies {
            subcompetency(&mut d, doc, s);
        }
    }
    d.gap(4.0);
    review(&mut d, doc.review.as_ref());
    Ok(d)
}

fn subcompetency(d: &mut Document, doc: &ResidentMilestoneReport, s: &SubcompetencyLevels) {
    let left = d.setup().content_left();
    let text_w = d.setup().content_width() - CHART_W - GAP;
    let title = TextStyle::bold(9.0);
    let body = TextStyle::regular(8.5);
    let note = TextStyle::regular(8.0).with_color(Color::MUTED);
    let fonts = d.fonts();
    let title_lines = fonts.wrap(&format!("{} {}", s.code, s.name), &title, text_w);
    let delta = change(s.now, s.previous);
    let levels = format!(
        "This period {} · previous {} · change {}",
        rating_label(s.now),
        rating_label(s.previous),
        delta.map_or("—".into(), change_label)
    );
    let described = match (s.now, &s.reached) {
        (Some(Rating::NotYetAssessable), _) => {
            "Not yet assessable: no learning experience in this yet.".to_string()
        }
        (Some(Rating::Level { level: 0.0 }), _) => "Has not yet completed Level 1.".to_string(),
        (Some(_), Some((level, text))) => format!("Level {level}: {text}"),
        (Some(_), None) => "The milestone set has no descriptor for this level.".to_string(),
        (None, _) => "No level recorded for this period.".to_string(),
    };
    let note_lines = fonts.wrap(&described, &note, text_w);
    let (title_h, body_h, note_h) = (
        fonts.line_height(&title),
        fonts.line_height(&body),
        fonts.line_height(&note),
    );
    let text_h =
        title_lines.len() as f32 * title_h + body_h + 0.8 + note_lines.len() as f32 * note_h;
    let height = text_h.max(CHART_H + 3.2) + 2.5;
    d.ensure_space(height);
    let top = d.cursor();
    for line in &title_lines {
        d.text_at(left, line, title);
        d.advance(title_h);
    }
    let change_color = match delta {
        Some(c) if c < 0.0 => DOWN,
        Some(c) if c > 0.0 => UP,
        _ => Color::TEXT,
    };
    d.text_at(left, &levels, body.with_color(change_color));
    d.advance(body_h + 0.8);
    for line in &note_lines {
        d.text_at(left, line, note);
        d.advance(note_h);
    }
    let chart_x = left + text_w + GAP;
    d.milestone_chart(chart_x, top + 0.5, CHART_W, CHART_H, &s.levels);
    let small = TextStyle::regular(6.0).with_color(Color::MUTED);
    let label_base = top + 0.5 + CHART_H + 2.4;
    if let (Some(first), Some(last)) = (doc.periods.first(), doc.periods.last()) {
        d.push(Item::Text {
            x: chart_x,
            baseline: label_base,
            text: first.clone(),
            style: small,
        });
        if doc.periods.len() > 1 {
            let w = d.fonts().width(last, &small);
            d.push(Item::Text {
                x: chart_x + CHART_W - w,
                baseline: label_base,
                text: last.clone(),
                style: small,
            });
        }
    }
    let bottom = top + height;
    d.push(Item::Line {
        from: (left, bottom - 1.2),
        to: (d.setup().content_right(), bottom - 1.2),
        width_pt: 0.25,
        color: Color::RULE_LIGHT,
    });
    let used = d.cursor() - top;
    d.advance(height - used);
}

fn review(d: &mut Document, review: Option<&FinalReview>) {
    d.heading("The committee's final review", 2);
    let Some(r) = review else {
        d.paragraph(
            "The committee has no final review of this period yet.",
            TextStyle::regular(9.0).with_color(Color::MUTED),
        );
        return;
    };
    // `promote_with_conditions` reads "Promote with conditions".
    let words = |s: &str| {
        let s = s.replace('_', " ");
        let mut chars = s.chars();
        chars
            .next()
            .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
    };
    let met = format!(
        "{}{}",
        r.meeting_date.format("%-d %B %Y"),
        if r.amendment { " (amended)" } else { "" }
    );
    let mut rows: Vec<(&str, String)> = vec![
        ("Meeting", met),
        ("Recommendation", words(&r.recommendation)),
    ];
    if let Some(p) = &r.overall_performance {
        rows.push(("Overall performance", words(p)));
    }
    rows.push((
        "Strengths",
        r.strengths
            .clone()
            .unwrap_or_else(|| "none recorded".into()),
    ));
    rows.push((
        "Areas for improvement",
        r.areas_for_improvement
            .clone()
            .unwrap_or_else(|| "none recorded".into()),
    ));
    if let Some(plan) = &r.remediation_plan {
        rows.push(("Remediation plan", plan.clone()));
    }
    let rows: Vec<(&str, &str)> = rows.iter().map(|(l, v)| (*l, v.as_str())).collect();
    d.fields(&rows, 9.5);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    pub(crate) fn report() -> ResidentMilestoneReport {
        let sub = |code: &str, now: Option<Rating>, previous: Option<Rating>| SubcompetencyLevels {
            code: code.into(),
            name: "Patient Evaluation and Decision Making".into(),
            now,
            previous,
            reached: now.and_then(Rating::level).filter(|l| *l >= 1.0).map(|l| {
                (
                    l.floor() as i32,
                    "Gathers a focused history and examination.".into(),
                )
            }),
            levels: vec![
                Some(2.0),
                previous.and_then(Rating::level),
                now.and_then(Rating::level),
            ],
        };
        ResidentMilestoneReport {
            program_code: "GS".into(),
            program_name: "General Surgery".into(),
            resident_name: "Zoë Ødegaard".into(),
            email: "zoe@example.org".into(),
            pgy: 2,
            period: "2025-2026-spring".into(),
            previous_period: Some("2025-2026-fall".into()),
            milestone_set: "General Surgery Milestones 2.0".into(),
            generated_at: "2026-11-22 10:00".into(),
            periods: vec![
                "2024-2025 spring".into(),
                "2025-2026 fall".into(),
                "2025-2026 spring".into(),
            ],
            competencies: vec![CompetencyLevels {
                name: "Patient Care".into(),
                subcompetencies: vec![
                    sub(
                        "PC1",
                        Some(Rating::Level { level: 3.5 }),
                        Some(Rating::Level { level: 3.0 }),
                    ),
                    sub(
                        "PC2",
                        Some(Rating::Level { level: 2.0 }),
                        Some(Rating::Level { level: 3.0 }),
                    ),
                    sub("PC3", Some(Rating::NotYetAssessable), None),
                    sub("PC4", None, Some(Rating::Level { level: 0.0 })),
                ],
            }],
            review: Some(FinalReview {
                meeting_date: NaiveDate::from_ymd_opt(2026, 6, 10).unwrap(),
                recommendation: "promote_with_conditions".into(),
                overall_performance: Some("below_expectations".into()),
                strengths: Some("Calm in the trauma bay.".into()),
                areas_for_improvement: Some("Operative notes on time.".into()),
                remediation_plan: None,
                amendment: false,
            }),
        }
    }

    fn texts(d: &Document) -> Vec<String> {
        d.pages()
            .iter()
            .flat_map(|p| p.texts().map(|(t, _)| t.to_string()))
            .collect()
    }

    #[test]
    fn changes_are_signed_and_need_two_levels() {
        let l = |level| Some(Rating::Level { level });
        assert_eq!(
            change(l(3.5), l(3.0)).map(change_label),
            Some("+0.5".into())
        );
        assert_eq!(change(l(2.0), l(3.0)).map(change_label), Some("−1".into()));
        assert_eq!(change(l(3.0), l(3.0)).map(change_label), Some("0".into()));
        assert_eq!(change(l(1.0), l(0.0)).map(change_label), Some("+1".into()));
        assert_eq!(change(Some(Rating::NotYetAssessable), l(2.0)), None);
        assert_eq!(change(l(2.0), None), None);
    }

    #[test]
    fn each_subcompetency_shows_its_levels_change_and_descriptor() {
        let t = texts(&layout(&report()).unwrap());
        for want in [
            "Zoë Ødegaard — milestones 2025-2026-spring",
            "PC1 Patient Evaluation and Decision Making",
            "This period 3.5 · previous 3 · change +0.5",
            "This period 2 · previous 3 · change −1",
            "This period NYA · previous not rated · change —",
            "This period not rated · previous <1 · change —",
            "Level 3: Gathers a focused history and examination.",
            "Promote with conditions",
            "Operative notes on time.",
        ] {
            assert!(t.iter().any(|s| s == want), "{want} missing from {t:?}");
        }
        assert!(t.iter().any(|s| s.contains("1 went down")), "{t:?}");
    }

    #[test]
    fn a_period_without_a_final_review_says_so() {
        let mut r = report();
        r.review = None;
        let t = texts(&layout(&r).unwrap());
        assert!(
            t.iter()
                .any(|s| s.contains("no final review of this period"))
        );
    }

    #[test]
    fn levels_that_do_not_match_the_periods_are_refused() {
        let mut r = report();
        r.competencies[0].subcompetencies[0].levels.pop();
        assert!(matches!(layout(&r), Err(ReportError::InvalidInput(_))));
    }
}
