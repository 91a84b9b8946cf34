//! `Document`: a flowing page builder. Content is laid out top-down with a cursor;
//! `ensure_space` breaks pages. Header and footer ("Page n of m") are added only in
//! `finish`, once the page count is known, then the pages are turned into a PDF.

use printpdf::{Mm, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use super::display::{Color, FontIds, Item, PageLayout, page_ops};
use super::fonts::{FontSet, TextStyle};
use super::page::PageSetup;
use super::{RenderedPdf, ReportError, ReportProgress};

/// What the header and footer of every page say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chrome {
    /// Header, left: usually the program name.
    pub title: String,
    /// Header, right: usually the document name.
    pub subtitle: String,
    /// Footer, left, after "Generated ": a timestamp formatted by the caller.
    pub generated: String,
}

impl Chrome {
    /// The header of a program's document: "General Surgery (GS)" on the left, `subtitle` on the
    /// right.
    pub fn program(name: &str, code: &str, subtitle: String, generated: &str) -> Self {
        Chrome {
            title: format!("{name} ({code})"),
            subtitle,
            generated: generated.to_string(),
        }
    }
}

const CHROME_STYLE: TextStyle = TextStyle::regular(8.0).with_color(Color::MUTED);
const CHROME_TITLE_STYLE: TextStyle = TextStyle::bold(8.0).with_color(Color::MUTED);
/// Space kept free under a heading so it is never the last thing on a page.
const KEEP_WITH_HEADING: f32 = 14.0;

pub struct Document {
    name: String,
    setup: PageSetup,
    chrome: Chrome,
    fonts: FontSet,
    pages: Vec<PageLayout>,
    /// Top of the free space on the current (last) page, mm from the page top.
    y: f32,
}

impl Document {
    /// A document with one empty page, set in the embedded DejaVu Sans.
    /// `name` becomes the PDF's title metadata.
    pub fn new(name: &str, setup: PageSetup, chrome: Chrome) -> Result<Self, ReportError> {
        Ok(Self::with_fonts(name, setup, chrome, FontSet::dejavu()?))
    }

    pub fn with_fonts(name: &str, setup: PageSetup, chrome: Chrome, fonts: FontSet) -> Self {
        Self {
            name: name.to_string(),
            setup,
            chrome,
            fonts,
            pages: vec![PageLayout::default()],
            y: setup.content_top(),
        }
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    pub fn setup(&self) -> &PageSetup {
        &self.setup
    }

    /// Body pages laid out so far (without header and footer).
    pub fn pages(&self) -> &[PageLayout] {
        &self.pages
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The cursor: top of the free space on the current page, mm from the top.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Vertical space left on the current page, in mm.
    pub fn remaining(&self) -> f32 {
        self.setup.content_bottom() - self.y
    }

    /// True when nothing has been placed on the current page yet.
    pub fn at_page_top(&self) -> bool {
        self.y <= self.setup.content_top()
    }

    pub fn new_page(&mut self) {
        self.pages.push(PageLayout::default());
        self.y = self.setup.content_top();
    }

    /// Starts a new page unless `height` mm fit below the cursor. Returns true if it
    /// broke the page. A fresh page never breaks again, so oversized content cannot
    /// produce endless blank pages.
    pub fn ensure_space(&mut self, height: f32) -> bool {
        if height > self.remaining() + 1e-3 && !self.at_page_top() {
            self.new_page();
            return true;
        }
        false
    }

    /// Moves the cursor down by `height` mm; a gap never spills onto a new page.
    pub fn gap(&mut self, height: f32) {
        self.y = (self.y + height).min(self.setup.content_bottom());
    }

    /// Moves the cursor down by `height` mm after the caller drew into that space.
    pub fn advance(&mut self, height: f32) {
        self.y += height;
    }

    /// Adds a drawing primitive to the current page (positions are absolute).
    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// Draws one line of text with its line box's top at the cursor, at `x`, without
    /// moving the cursor.
    pub fn text_at(&mut self, x: f32, text: &str, style: TextStyle) {
        let baseline = self.y + self.fonts.baseline_offset(&style);
        self.push(Item::Text {
            x,
            baseline,
            text: text.to_string(),
            style,
        });
    }

    /// A bold heading; `level` 1 is the document title, 2 a section, 3 a subsection.
    /// It moves to a new page if it would otherwise end up alone at the bottom.
    pub fn heading(&mut self, text: &str, level: u8) {
        let size = match level {
            0 | 1 => 16.0,
            2 => 12.5,
            _ => 10.5,
        };
        let style = TextStyle::bold(size);
        let line_h = self.fonts.line_height(&style);
        let lines = self.fonts.wrap(text, &style, self.setup.content_width());
        self.ensure_space(line_h * lines.len() as f32 + KEEP_WITH_HEADING);
        self.flow_lines(&lines, &style, 0.0);
        self.gap(line_h * 0.35);
    }

    /// Wrapped text across the content width, flowing onto new pages as needed.
    pub fn paragraph(&mut self, text: &str, style: TextStyle) {
        let lines = self.fonts.wrap(text, &style, self.setup.content_width());
        self.flow_lines(&lines, &style, 0.0);
    }

    /// Label/value rows (e.g. "Program director: Zoë Ødegaard"): bold labels in a
    /// column as wide as the widest label (at most 40% of the page), values wrapped
    /// beside them.
    pub fn fields(&mut self, rows: &[(&str, &str)], size_pt: f32) {
        let label_style = TextStyle::bold(size_pt).with_color(Color::MUTED);
        let value_style = TextStyle::regular(size_pt);
        let line_h = self.fonts.line_height(&value_style);
        let widest = rows
            .iter()
            .map(|(l, _)| self.fonts.width(l, &label_style))
            .fold(0.0, f32::max);
        let label_w = (widest + 4.0).min(self.setup.content_width() * 0.4);
        let value_w = self.setup.content_width() - label_w;
        for (label, value) in rows {
            let lines = self.fonts.wrap(value, &value_style, value_w);
            self.ensure_space(line_h * lines.len().max(1) as f32);
            let label = self.fonts.fit(label, &label_style, label_w - 4.0);
            self.text_at(self.setup.content_left(), &label, label_style);
            self.flow_lines(&lines, &value_style, label_w);
            if lines.is_empty() {
                self.advance(line_h);
            }
        }
    }

    /// Places pre-wrapped lines at `indent` mm from the left margin, line by line.
    fn flow_lines(&mut self, lines: &[String], style: &TextStyle, indent: f32) {
        let line_h = self.fonts.line_height(style);
        for line in lines {
            self.ensure_space(line_h);
            self.text_at(self.setup.content_left() + indent, line, *style);
            self.advance(line_h);
        }
    }

    /// The final pages: body plus header and footer with "Page n of m". `progress`
    /// is called once per page, `total` counting one more step for saving.
    pub fn compose(&self, progress: &mut dyn FnMut(ReportProgress)) -> Vec<PageLayout> {
        let total = self.pages.len();
        let total_steps = to_u32(total + 1);
        self.pages
            .iter()
            .enumerate()
            .map(|(i, body)| {
                let mut page = PageLayout::default();
                self.draw_chrome(&mut page, i + 1, total);
                page.items.extend(body.items.iter().cloned());
                progress(ReportProgress {
                    done: to_u32(i + 1),
                    total: total_steps,
                    stage: "layout",
                });
                page
            })
            .collect()
    }

    fn draw_chrome(&self, page: &mut PageLayout, number: usize, total: usize) {
        let s = &self.setup;
        let (left, right, width) = (s.content_left(), s.content_right(), s.content_width());
        let fonts = &self.fonts;
        // Header: title left, subtitle right, a rule beneath, all in the top margin.
        let header_base = s.content_top() - 8.0;
        let subtitle = fonts.fit(&self.chrome.subtitle, &CHROME_STYLE, width * 0.45);
        let subtitle_w = fonts.width(&subtitle, &CHROME_STYLE);
        let title = fonts.fit(
            &self.chrome.title,
            &CHROME_TITLE_STYLE,
            width - subtitle_w - 6.0,
        );
        page.push(Item::Text {
            x: left,
            baseline: header_base,
            text: title,
            style: CHROME_TITLE_STYLE,
        });
        page.push(Item::Text {
            x: right - subtitle_w,
            baseline: header_base,
            text: subtitle,
            style: CHROME_STYLE,
        });
        let rule_y = header_base + 2.5;
        page.push(Item::Line {
            from: (left, rule_y),
            to: (right, rule_y),
            width_pt: 0.5,
            color: Color::RULE,
        });

        // Footer: generation time left, page numbers right, a rule above.
        let footer_rule = s.content_bottom() + 5.0;
        page.push(Item::Line {
            from: (left, footer_rule),
            to: (right, footer_rule),
            width_pt: 0.5,
            color: Color::RULE_LIGHT,
        });
        let footer_base = footer_rule + 4.5;
        let page_no = format!("Page {number} of {total}");
        let page_no_w = fonts.width(&page_no, &CHROME_STYLE);
        if !self.chrome.generated.is_empty() {
            let generated = format!("Generated {}", self.chrome.generated);
            let generated = fonts.fit(&generated, &CHROME_STYLE, width - page_no_w - 6.0);
            page.push(Item::Text {
                x: left,
                baseline: footer_base,
                text: generated,
                style: CHROME_STYLE,
            });
        }
        page.push(Item::Text {
            x: right - page_no_w,
            baseline: footer_base,
            text: page_no,
            style: CHROME_STYLE,
        });
    }

    /// Adds header and footer, writes the PDF (fonts embedded as subsets) and reports
    /// progress per page and once more when the file is saved.
    pub fn finish(
        self,
        progress: &mut dyn FnMut(ReportProgress),
    ) -> Result<RenderedPdf, ReportError> {
        let composed = self.compose(progress);
        let mut pdf = PdfDocument::new(&self.name);
        let info = &mut pdf.metadata.info;
        info.creator = "Rotunda".to_string();
        // printpdf defaults these to the Unix epoch, which viewers show as 1970.
        info.creation_date = printpdf::OffsetDateTime::now_utc();
        info.modification_date = info.creation_date;
        info.metadata_date = info.creation_date;
        let ids = FontIds {
            regular: pdf.add_font(self.fonts.face(super::Weight::Regular)),
            bold: pdf.add_font(self.fonts.face(super::Weight::Bold)),
        };
        let (w, h) = self.setup.size_mm();
        let pages = composed
            .iter()
            .map(|page| PdfPage::new(Mm(w), Mm(h), page_ops(page, h, &ids)))
            .collect();
        let mut warnings = Vec::new();
        let bytes = pdf
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings);
        // printpdf reports problems as warnings; its errors mean a broken file.
        let errors: Vec<String> = warnings
            .iter()
            .filter(|w| w.severity == PdfParseErrorSeverity::Error)
            .map(|w| w.msg.clone())
            .collect();
        if !errors.is_empty() {
            return Err(ReportError::Pdf(errors.join("; ")));
        }
        let page_count = to_u32(composed.len());
        let steps = page_count.saturating_add(1);
        progress(ReportProgress {
            done: steps,
            total: steps,
            stage: "saved",
        });
        Ok(RenderedPdf {
            bytes,
            pages: page_count,
        })
    }
}

/// Page counts fit in u32 by a wide margin; saturate rather than panic if not.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let chrome = Chrome {
            title: "Cirugía General — José Núñez".into(),
            subtitle: "Test document".into(),
            generated: "2026-11-22 14:05".into(),
        };
        Document::new("t", PageSetup::default(), chrome).unwrap()
    }

    #[test]
    fn every_page_gets_header_footer_and_page_n_of_m() {
        let mut d = doc();
        d.paragraph("first", TextStyle::regular(10.0));
        d.new_page();
        d.new_page();
        let pages = d.compose(&mut |_| {});
        assert_eq!(pages.len(), 3);
        for (i, page) in pages.iter().enumerate() {
            let texts: Vec<&str> = page.texts().map(|(t, _)| t).collect();
            assert!(
                texts.contains(&format!("Page {} of 3", i + 1).as_str()),
                "{texts:?}"
            );
            assert!(texts.contains(&"Cirugía General — José Núñez"));
            assert!(texts.contains(&"Test document"));
            assert!(texts.contains(&"Generated 2026-11-22 14:05"));
        }
    }

    #[test]
    fn paragraphs_flow_onto_new_pages_within_the_margins() {
        let mut d = doc();
        d.heading("A heading", 1);
        for i in 0..40 {
            d.paragraph(
                &format!(
                    "Paragraph {i}: {}",
                    "lorem ipsum dolor sit amet ".repeat(12)
                ),
                TextStyle::regular(10.0),
            );
        }
        assert!(d.page_count() > 1);
        let (top, bottom) = (d.setup().content_top(), d.setup().content_bottom());
        for page in d.pages() {
            for item in &page.items {
                if let Item::Text { baseline, .. } = item {
                    assert!(*baseline > top && *baseline <= bottom);
                }
            }
        }
    }

    #[test]
    fn ensure_space_breaks_only_when_needed_and_never_on_a_fresh_page() {
        let mut d = doc();
        assert!(
            !d.ensure_space(1000.0),
            "a fresh page is used even for oversized content"
        );
        d.advance(10.0);
        assert!(!d.ensure_space(d.remaining() - 1.0));
        assert!(d.ensure_space(d.remaining() + 1.0));
        assert_eq!(d.page_count(), 2);
        assert!(d.at_page_top());
    }

    #[test]
    fn finish_reports_progress_per_page_and_once_at_save() {
        let mut d = doc();
        d.paragraph("Zoë Ødegaard, Łukasz Żółć", TextStyle::regular(10.0));
        d.new_page();
        let mut seen = Vec::new();
        let pdf = d.finish(&mut |p| seen.push(p)).unwrap();
        assert_eq!(pdf.pages, 2);
        assert!(pdf.bytes.starts_with(b"%PDF"));
        let steps: Vec<_> = seen.iter().map(|p| (p.done, p.total, p.stage)).collect();
        assert_eq!(steps, [(1, 3, "layout"), (2, 3, "layout"), (3, 3, "saved")]);
    }

    #[test]
    fn long_header_text_is_shortened_to_fit() {
        let mut d = doc();
        d.chrome.title = "Very long program name ".repeat(20);
        let pages = d.compose(&mut |_| {});
        let setup = *d.setup();
        for item in &pages[0].items {
            if let Item::Text { x, text, style, .. } = item {
                assert!(
                    x + d.fonts().width(text, style) <= setup.content_right() + 1e-3,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn landscape_pages_with_chart_paths_save_cleanly() {
        let setup = PageSetup::new(
            super::super::PaperSize::A4,
            super::super::Orientation::Landscape,
        );
        let mut d = Document::new("chart", setup, Chrome::default()).unwrap();
        let line = vec![(20.0, 80.0), (60.0, 50.0), (100.0, 65.0)];
        d.push(Item::Path {
            points: line.clone(),
            closed: false,
            stroke: Some((1.0, Color::TEXT)),
            fill: None,
        });
        d.push(Item::Path {
            points: line,
            closed: true,
            stroke: Some((0.5, Color::RULE)),
            fill: Some(Color::ZEBRA),
        });
        d.push(Item::Rect {
            x: 20.0,
            y: 90.0,
            w: 30.0,
            h: 10.0,
            fill: Color::HEADER_FILL,
        });
        let pdf = d.finish(&mut |_| {}).unwrap();
        assert_eq!(pdf.pages, 1);
    }
}
