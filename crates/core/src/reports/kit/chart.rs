//! The milestone trajectory chart the CCC packet and the resident milestone report share: one
//! subcompetency's levels across reporting periods on a 0..5 scale, with the Level 4 graduation
//! target drawn, gaps left where a period has no level.

use super::display::{Color, Item};
use super::document::Document;
use super::fonts::TextStyle;
use crate::assessment::milestone::Rating;

/// Level 4: the usual graduation target.
pub const MILESTONE_TARGET: f64 = 4.0;
/// The trajectory's line and points.
pub const CHART_LINE: Color = Color::rgb(0x1f, 0x5f, 0xa8);
/// The graduation target line.
pub const TARGET_LINE: Color = Color::rgb(0x2e, 0x7d, 0x32);

impl Document {
    /// Draws `levels` (oldest first, one per period; None: not rated or not yet assessable) in the
    /// box at (`x`, `y`), `w` by `h` mm, without moving the cursor. The latest level, when there is
    /// one, is written in the top-right corner.
    pub fn milestone_chart(&mut self, x: f32, y: f32, w: f32, h: f32, levels: &[Option<f64>]) {
        let to_y = |level: f64| y + h - h * (level.max(0.0) as f32 / 5.0);
        self.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill: Color::ZEBRA,
        });
        for level in 1..=5 {
            self.push(Item::Line {
                from: (x, to_y(f64::from(level))),
                to: (x + w, to_y(f64::from(level))),
                width_pt: 0.2,
                color: Color::RULE_LIGHT,
            });
        }
        self.push(Item::Line {
            from: (x, to_y(MILESTONE_TARGET)),
            to: (x + w, to_y(MILESTONE_TARGET)),
            width_pt: 0.6,
            color: TARGET_LINE,
        });
        let step = if levels.len() <= 1 {
            0.0
        } else {
            (w - 4.0) / (levels.len() - 1) as f32
        };
        let mut run: Vec<(f32, f32)> = Vec::new();
        let flush = |d: &mut Document, run: &mut Vec<(f32, f32)>| {
            if run.len() > 1 {
                d.push(Item::Path {
                    points: run.clone(),
                    closed: false,
                    stroke: Some((0.8, CHART_LINE)),
                    fill: None,
                });
            }
            run.clear();
        };
        for (i, level) in levels.iter().enumerate() {
            let px = x + 2.0 + step * i as f32;
            match level {
                Some(l) => {
                    let py = to_y(*l);
                    self.push(Item::Rect {
                        x: px - 0.7,
                        y: py - 0.7,
                        w: 1.4,
                        h: 1.4,
                        fill: CHART_LINE,
                    });
                    run.push((px, py));
                }
                None => flush(self, &mut run),
            }
        }
        flush(self, &mut run);
        if let Some(Some(last)) = levels.last() {
            let style = TextStyle::bold(7.0).with_color(CHART_LINE);
            let text = Rating::Level { level: *last }.label();
            let tw = self.fonts().width(&text, &style);
            self.push(Item::Text {
                x: x + w - tw - 0.8,
                baseline: y + 3.2,
                text,
                style,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::{Chrome, PageSetup};
    use super::*;

    #[test]
    fn a_gap_in_the_levels_breaks_the_line_and_the_latest_level_is_written() {
        let mut d = Document::new("t", PageSetup::default(), Chrome::default()).unwrap();
        d.milestone_chart(
            20.0,
            40.0,
            50.0,
            20.0,
            &[Some(2.0), Some(2.5), None, Some(3.5)],
        );
        let items = &d.pages()[0].items;
        let lines = items
            .iter()
            .filter(|i| matches!(i, Item::Path { .. }))
            .count();
        assert_eq!(
            lines, 1,
            "one line for the run of two; a lone point after the gap"
        );
        let points = items
            .iter()
            .filter(|i| matches!(i, Item::Rect { fill, .. } if *fill == CHART_LINE))
            .count();
        assert_eq!(points, 3);
        assert!(d.pages()[0].texts().any(|(t, _)| t == "3.5"));
    }
}
