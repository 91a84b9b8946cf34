//! Table columns: how wide (fixed, sized by content, or a share of the rest) and how
//! their cells align, and the resolution of those wishes into millimetres.

use super::ReportError;
use super::fonts::{FontSet, TextStyle};
use super::table::Table;
use super::text::is_break;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// A fixed width in mm.
    Mm(f32),
    /// Sized by its content, like an HTML auto table: as wide as its longest line
    /// when there is room, never narrower than its longest word unless it must be.
    Auto,
    /// A share of the width left after the fixed and auto columns (shares are
    /// normalised).
    Fraction(f32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: ColumnWidth,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, width: ColumnWidth) -> Self {
        Self {
            title: title.to_string(),
            width,
            align: Align::Left,
        }
    }

    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
}

/// Narrowest a fraction column may become before the layout is refused, mm.
const MIN_FRACTION_WIDTH: f32 = 8.0;

impl Table {
    /// (narrowest, natural) width of each column in mm, padding included: the
    /// longest unbreakable word and the longest line (cells break lines only at `\n`).
    pub fn content_widths(&self, fonts: &FontSet) -> Vec<(f32, f32)> {
        let head = TextStyle::bold(self.style.size_pt);
        let body = TextStyle::regular(self.style.size_pt);
        let pad = 2.0 * self.style.pad_x;
        let measure = |text: &str, style: &TextStyle| {
            let lines = text.split('\n');
            let max = lines
                .clone()
                .map(|l| fonts.width(l, style))
                .fold(0.0, f32::max);
            let min = lines
                .flat_map(|l| l.split(is_break))
                .map(|w| fonts.width(w, style))
                .fold(0.0, f32::max);
            (min, max)
        };
        self.columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| measure(c, &body));
                let (min, max) = std::iter::once(measure(&column.title, &head))
                    .chain(cells)
                    .fold((0.0_f32, 0.0_f32), |(a, b), (c, d)| (a.max(c), b.max(d)));
                (min + pad, max + pad)
            })
            .collect()
    }

    /// Column widths in mm for a table `total` mm wide. Fixed columns get their
    /// width; auto columns their natural width if everything fits, else a share
    /// between narrowest and natural; fraction columns split what is left. Without
    /// fraction columns the auto columns absorb the slack so the table spans `total`.
    pub fn resolve_widths(&self, fonts: &FontSet, total: f32) -> Result<Vec<f32>, ReportError> {
        let fixed: f32 = self
            .columns
            .iter()
            .map(|c| match c.width {
                ColumnWidth::Mm(w) => w.max(0.0),
                _ => 0.0,
            })
            .sum();
        let shares: f32 = self
            .columns
            .iter()
            .map(|c| match c.width {
                ColumnWidth::Fraction(f) => f.max(0.0),
                _ => 0.0,
            })
            .sum();
        let fractions = self
            .columns
            .iter()
            .filter(|c| matches!(c.width, ColumnWidth::Fraction(_)))
            .count();
        let is_auto = |c: &Column| c.width == ColumnWidth::Auto;
        let content = if self.columns.iter().any(is_auto) {
            self.content_widths(fonts)
        } else {
            Vec::new()
        };
        let autos: Vec<(f32, f32)> = self
            .columns
            .iter()
            .zip(&content)
            .filter(|(c, _)| is_auto(c))
            .map(|(_, w)| *w)
            .collect();
        let (sum_min, sum_max) = autos
            .iter()
            .fold((0.0, 0.0), |(a, b), (c, d)| (a + c, b + d));
        let avail = total - fixed - fractions as f32 * MIN_FRACTION_WIDTH;
        if avail < -1e-3 {
            return Err(self.too_wide(fixed, total));
        }
        // How an auto column's (narrowest, natural) width becomes its width.
        let auto_width = |(min, max): (f32, f32)| -> f32 {
            if sum_max <= avail {
                if fractions == 0 && sum_max > 0.0 {
                    max * avail / sum_max
                } else {
                    max
                }
            } else if sum_min <= avail {
                min + (max - min) * (avail - sum_min) / (sum_max - sum_min)
            } else {
                min * avail / sum_min
            }
        };
        let auto_total: f32 = autos.iter().map(|w| auto_width(*w)).sum();
        let rest = total - fixed - auto_total;
        let widths: Vec<f32> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| match c.width {
                ColumnWidth::Mm(w) => w.max(0.0),
                ColumnWidth::Auto => content.get(i).map_or(0.0, |w| auto_width(*w)),
                ColumnWidth::Fraction(f) if shares > 0.0 => rest * f.max(0.0) / shares,
                ColumnWidth::Fraction(_) => 0.0,
            })
            .collect();
        let too_narrow = self.columns.iter().zip(&widths).any(|(c, w)| {
            matches!(c.width, ColumnWidth::Fraction(_)) && *w < MIN_FRACTION_WIDTH - 1e-3
        });
        if too_narrow {
            return Err(self.too_wide(fixed, total));
        }
        Ok(widths)
    }

    fn too_wide(&self, fixed: f32, total: f32) -> ReportError {
        ReportError::Layout(format!(
            "table columns need {fixed:.1} mm of fixed width plus room for the flexible \
             ones, but only {total:.1} mm are available"
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn three_columns() -> Table {
        Table::new(vec![
            Column::new("Name", ColumnWidth::Fraction(2.0)),
            Column::new("Value", ColumnWidth::Mm(25.0)).align(Align::Right),
            Column::new("Note", ColumnWidth::Fraction(1.0)),
        ])
    }

    #[test]
    fn widths_resolve_fixed_fraction_and_auto() {
        let fonts = FontSet::dejavu().unwrap();
        let t = three_columns();
        let w = t.resolve_widths(&fonts, 175.0).unwrap();
        assert!((w[1] - 25.0).abs() < 1e-3);
        assert!(
            (w[0] - 100.0).abs() < 1e-3 && (w[2] - 50.0).abs() < 1e-3,
            "{w:?}"
        );

        let mut auto = Table::new(vec![
            Column::new("A", ColumnWidth::Auto),
            Column::new("B", ColumnWidth::Fraction(1.0)),
        ]);
        auto.push_row(vec!["2026-07-01".into(), "x".into()]);
        let w = auto.resolve_widths(&fonts, 150.0).unwrap();
        let natural = auto.content_widths(&fonts)[0].1;
        assert!(
            (w[0] - natural).abs() < 1e-3 && (w[0] + w[1] - 150.0).abs() < 1e-3,
            "{w:?}"
        );

        let too_wide = Table::new(vec![Column::new("A", ColumnWidth::Mm(200.0))]);
        assert!(matches!(
            too_wide.resolve_widths(&fonts, 150.0),
            Err(ReportError::Layout(_))
        ));
    }
}
