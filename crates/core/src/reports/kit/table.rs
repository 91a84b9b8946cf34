//! Tables: cells wrapped within their column (widths come from `columns`), rows
//! that never split across pages, thin rules, optional zebra stripes, and a bold
//! header row drawn again at the top of every page the table reaches.

use super::ReportError;
use super::columns::{Align, Column};
use super::display::{Color, Item};
use super::document::Document;
use super::fonts::TextStyle;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableStyle {
    /// Body text size in pt; the header uses the same size in bold.
    pub size_pt: f32,
    /// Horizontal padding inside each cell, mm.
    pub pad_x: f32,
    /// Vertical padding above and below each cell's text, mm.
    pub pad_y: f32,
    /// Shade every other body row.
    pub zebra: bool,
}

impl Default for TableStyle {
    fn default() -> Self {
        Self {
            size_pt: 9.0,
            pad_x: 2.0,
            pad_y: 1.3,
            zebra: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub style: TableStyle,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
            style: TableStyle::default(),
        }
    }

    pub fn with_style(mut self, style: TableStyle) -> Self {
        self.style = style;
        self
    }

    pub fn push_row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// A row ready to draw: each cell's wrapped lines, and the row's height.
struct RowLayout {
    cells: Vec<Vec<String>>,
    height: f32,
}

impl Document {
    /// Draws `table` across the content width starting at the cursor.
    pub fn table(&mut self, table: &Table) -> Result<(), ReportError> {
        let widths = table.resolve_widths(self.fonts(), self.setup().content_width())?;
        let st = table.style;
        let body_style = TextStyle::regular(st.size_pt);
        let head_style = TextStyle::bold(st.size_pt);
        let line_h = self.fonts().line_height(&body_style);

        let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
        let header = self.layout_row(&titles, &widths, &head_style, &st);
        let max_row = self.setup().content_height() - header.height;
        let mut rows = Vec::with_capacity(table.rows.len());
        for (i, cells) in table.rows.iter().enumerate() {
            if cells.len() > table.columns.len() {
                return Err(ReportError::Layout(format!(
                    "table row {} has {} cells but the table has {} columns",
                    i + 1,
                    cells.len(),
                    table.columns.len()
                )));
            }
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            let mut row = self.layout_row(&cells, &widths, &body_style, &st);
            if row.height > max_row {
                truncate_row(&mut row, line_h, st.pad_y, max_row);
            }
            rows.push(row);
        }

        // Keep the header with at least the first row.
        let first = rows.first().map_or(0.0, |r| r.height);
        self.ensure_space(header.height + first);
        self.draw_row(table, &widths, &header, &head_style, RowKind::Header, true);
        // Stripes restart under each header, so the row touching the header's strong
        // rule is never shaded (its fill would paint over half of that rule).
        let mut stripe = 0;
        for row in &rows {
            let broke = self.ensure_space(row.height);
            if broke {
                self.draw_row(table, &widths, &header, &head_style, RowKind::Header, true);
                stripe = 0;
            }
            let kind = if st.zebra && stripe % 2 == 1 {
                RowKind::Shaded
            } else {
                RowKind::Plain
            };
            self.draw_row(table, &widths, row, &body_style, kind, stripe > 0);
            stripe += 1;
        }
        Ok(())
    }

    fn layout_row(
        &self,
        cells: &[&str],
        widths: &[f32],
        style: &TextStyle,
        st: &TableStyle,
    ) -> RowLayout {
        let line_h = self.fonts().line_height(style);
        let cells: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = cells.get(i).copied().unwrap_or("");
                self.fonts().wrap(text, style, w - 2.0 * st.pad_x)
            })
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        RowLayout {
            height: lines as f32 * line_h + 2.0 * st.pad_y,
            cells,
        }
    }

    fn draw_row(
        &mut self,
        table: &Table,
        widths: &[f32],
        row: &RowLayout,
        style: &TextStyle,
        kind: RowKind,
        top_rule: bool,
    ) {
        let st = table.style;
        let left = self.setup().content_left();
        let table_w: f32 = widths.iter().sum();
        let top = self.cursor();
        let bottom = top + row.height;
        match kind {
            RowKind::Header => self.push(Item::Rect {
                x: left,
                y: top,
                w: table_w,
                h: row.height,
                fill: Color::HEADER_FILL,
            }),
            RowKind::Shaded => self.push(Item::Rect {
                x: left,
                y: top,
                w: table_w,
                h: row.height,
                fill: Color::ZEBRA,
            }),
            RowKind::Plain => {}
        }
        let line_h = self.fonts().line_height(style);
        let baseline0 = top + st.pad_y + self.fonts().baseline_offset(style);
        let mut x = left;
        for ((column, width), lines) in table.columns.iter().zip(widths).zip(&row.cells) {
            for (n, line) in lines.iter().enumerate() {
                let w = self.fonts().width(line, style);
                let lx = match column.align {
                    Align::Left => x + st.pad_x,
                    Align::Center => x + (width - w) / 2.0,
                    Align::Right => x + width - st.pad_x - w,
                };
                let baseline = baseline0 + n as f32 * line_h;
                self.push(Item::Text {
                    x: lx,
                    baseline,
                    text: line.clone(),
                    style: *style,
                });
            }
            x += width;
        }
        let (rule_w, rule_color) = match kind {
            RowKind::Header => (0.6, Color::RULE),
            _ => (0.25, Color::RULE_LIGHT),
        };
        // Rules at both edges: the next row's shading paints over half of this row's
        // bottom rule, so each row redraws its top one (the header's stays strong).
        if top_rule {
            self.push(Item::Line {
                from: (left, top),
                to: (left + table_w, top),
                width_pt: rule_w,
                color: rule_color,
            });
        }
        self.push(Item::Line {
            from: (left, bottom),
            to: (left + table_w, bottom),
            width_pt: rule_w,
            color: rule_color,
        });
        self.advance(row.height);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Header,
    Shaded,
    Plain,
}

/// A row taller than a whole page cannot be kept together: cut its cells to what
/// fits and mark the cut with an ellipsis, rather than overflowing the page.
fn truncate_row(row: &mut RowLayout, line_h: f32, pad_y: f32, max_height: f32) {
    let max_lines = (((max_height - 2.0 * pad_y) / line_h).floor() as usize).max(1);
    for lines in &mut row.cells {
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
    }
    row.height = max_lines as f32 * line_h + 2.0 * pad_y;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::{Chrome, ColumnWidth, Document, Item, PageSetup, Weight};
    use super::*;

    fn doc() -> Document {
        Document::new("t", PageSetup::default(), Chrome::default()).unwrap()
    }

    fn three_columns() -> Table {
        Table::new(vec![
            Column::new("Name", ColumnWidth::Fraction(2.0)),
            Column::new("Value", ColumnWidth::Mm(25.0)).align(Align::Right),
            Column::new("Note", ColumnWidth::Fraction(1.0)),
        ])
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let mut d = doc();
        let mut table = three_columns();
        for i in 0..120 {
            // Every 7th row wraps to several lines, to exercise "rows never split".
            let note = if i % 7 == 0 {
                "a long note that wraps onto several lines ".repeat(3)
            } else {
                String::new()
            };
            table.push_row(vec![format!("Row {i}"), i.to_string(), note]);
        }
        d.table(&table).unwrap();
        assert!(d.page_count() > 1, "120 rows should not fit one page");

        let mut rows_seen = Vec::new();
        for (n, page) in d.pages().iter().enumerate() {
            let texts: Vec<_> = page.texts().collect();
            let head: Vec<_> = texts.iter().take(3).map(|(t, s)| (*t, s.weight)).collect();
            assert_eq!(
                head,
                [
                    ("Name", Weight::Bold),
                    ("Value", Weight::Bold),
                    ("Note", Weight::Bold)
                ],
                "page {} does not start with the header row",
                n + 1
            );
            assert_eq!(
                texts.iter().filter(|(t, _)| *t == "Name").count(),
                1,
                "one header per page"
            );
            rows_seen.extend(
                texts
                    .iter()
                    .filter_map(|(t, _)| t.strip_prefix("Row "))
                    .map(String::from),
            );
        }
        let expected: Vec<String> = (0..120).map(|i| i.to_string()).collect();
        assert_eq!(rows_seen, expected, "every row exactly once, in order");
    }

    #[test]
    fn wrapped_rows_stay_on_one_page_and_inside_the_margins() {
        let mut d = doc();
        let mut table = three_columns();
        for i in 0..60 {
            table.push_row(vec![
                format!("Row {i}"),
                i.to_string(),
                format!("note {i} ").repeat(12),
            ]);
        }
        d.table(&table).unwrap();
        let setup = *d.setup();
        let fonts = d.fonts().clone();
        for page in d.pages() {
            for item in &page.items {
                if let Item::Text {
                    x,
                    baseline,
                    text,
                    style,
                } = item
                {
                    let right = x + fonts.width(text, style);
                    assert!(
                        *x >= setup.content_left() - 1e-3,
                        "{text:?} starts left of the margin"
                    );
                    assert!(
                        right <= setup.content_right() + 1e-3,
                        "{text:?} runs past the margin"
                    );
                    assert!(*baseline > setup.content_top() && *baseline < setup.content_bottom());
                }
            }
            // A row's note lines (all "note N ...") share a page with their "Row N".
            let texts: Vec<&str> = page.texts().map(|(t, _)| t).collect();
            for t in texts.iter().filter(|t| t.starts_with("note ")) {
                let n = t.split(' ').nth(1).unwrap();
                assert!(
                    texts.contains(&format!("Row {n}").as_str()),
                    "row {n} split across pages"
                );
            }
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_not_overflowed() {
        let mut d = doc();
        let mut table = three_columns();
        table.push_row(vec!["Huge".into(), "1".into(), "word ".repeat(3000)]);
        d.table(&table).unwrap();
        let bottom = d.setup().content_bottom();
        assert!(d.pages().iter().flat_map(|p| &p.items).all(|i| match i {
            Item::Text { baseline, .. } => *baseline < bottom,
            _ => true,
        }));
        assert!(
            d.pages()
                .iter()
                .flat_map(|p| p.texts())
                .any(|(t, _)| t.ends_with('…'))
        );
    }

    #[test]
    fn a_row_with_more_cells_than_columns_is_an_error() {
        let mut table = three_columns();
        table.push_row(vec!["a".into(), "b".into(), "c".into(), "d".into()]);
        assert!(matches!(doc().table(&table), Err(ReportError::Layout(_))));
    }
}
