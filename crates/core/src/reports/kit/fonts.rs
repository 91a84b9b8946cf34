//! The embedded font faces and everything measured from them: advance widths, line
//! heights and baseline offsets. Widths are exactly what printpdf draws, because it
//! places glyphs by their advance widths without kerning.

use printpdf::ParsedFont;

use super::display::Color;
use super::{MM_PER_PT, ReportError, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    #[default]
    Regular,
    Bold,
}

/// How a run of text looks: weight, size in points, colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub weight: Weight,
    pub size_pt: f32,
    pub color: Color,
}

impl TextStyle {
    pub const fn regular(size_pt: f32) -> Self {
        Self {
            weight: Weight::Regular,
            size_pt,
            color: Color::TEXT,
        }
    }

    pub const fn bold(size_pt: f32) -> Self {
        Self {
            weight: Weight::Bold,
            size_pt,
            color: Color::TEXT,
        }
    }

    pub const fn with_color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }
}

/// Line spacing as a multiple of the font size; 1.25 reads well for tables and prose.
const LINE_HEIGHT_EM: f32 = 1.25;

/// The regular and bold faces of the embedded font, parsed once per document.
#[derive(Debug, Clone)]
pub struct FontSet {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl FontSet {
    /// DejaVu Sans regular and bold, compiled into the binary.
    pub fn dejavu() -> Result<Self, ReportError> {
        Ok(Self {
            regular: parse(super::DEJAVU_SANS, "DejaVuSans.ttf")?,
            bold: parse(super::DEJAVU_SANS_BOLD, "DejaVuSans-Bold.ttf")?,
        })
    }

    pub(crate) fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width of `text` in mm when set in `style`.
    pub fn width(&self, text: &str, style: &TextStyle) -> f32 {
        let face = self.face(style.weight);
        let em: f32 = text.chars().map(|c| metrics::advance_em(face, c)).sum();
        em * style.size_pt * MM_PER_PT
    }

    /// Distance between baselines of consecutive lines, in mm.
    pub fn line_height(&self, style: &TextStyle) -> f32 {
        style.size_pt * LINE_HEIGHT_EM * MM_PER_PT
    }

    /// Distance from the top of a line box to its baseline, in mm: the glyphs'
    /// ascent-to-descent extent is centred in the line box.
    pub fn baseline_offset(&self, style: &TextStyle) -> f32 {
        let (ascent, descent) = metrics::ascent_descent_em(self.face(style.weight));
        let extent = ascent - descent;
        ((LINE_HEIGHT_EM - extent) / 2.0 + ascent) * style.size_pt * MM_PER_PT
    }

    /// Greedy word wrap of `text` to `max_width` mm (see [`text::wrap_text`]).
    pub fn wrap(&self, text: &str, style: &TextStyle, max_width: f32) -> Vec<String> {
        text::wrap_text(text, max_width, &|s| self.width(s, style))
    }

    /// `text` shortened with an ellipsis so it fits in `max_width` mm (for one-line
    /// slots such as the page header).
    pub fn fit(&self, text: &str, style: &TextStyle, max_width: f32) -> String {
        if self.width(text, style) <= max_width {
            return text.to_string();
        }
        let ellipsis = self.width("…", style);
        let mut out = String::new();
        let mut used = ellipsis;
        for c in text.chars() {
            let w = self.width(c.encode_utf8(&mut [0; 4]), style);
            if used + w > max_width {
                break;
            }
            used += w;
            out.push(c);
        }
        format!("{}…", out.trim_end())
    }
}

fn parse(bytes: &[u8], name: &'static str) -> Result<ParsedFont, ReportError> {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(ReportError::Font(name))
}

/// The one place that knows printpdf's font-metric API. Its method names differ
/// between feature sets: with `text_layout` the face derefs to azul-layout's font
/// (`get_horizontal_advance`, `pdf_font_metrics`); without it printpdf has a stub
/// (`get_glyph_width`). If the feature set changes, only this module changes.
mod metrics {
    use printpdf::ParsedFont;

    fn units_per_em(face: &ParsedFont) -> f32 {
        // A zero here would be a corrupt font; 1000 keeps the arithmetic finite.
        match face.pdf_font_metrics.units_per_em {
            0 => 1000.0,
            upem => f32::from(upem),
        }
    }

    /// Advance width of `c` as a fraction of the em. A character the font lacks is
    /// drawn as glyph 0 (.notdef) by printpdf, so it is measured as glyph 0 too.
    pub(super) fn advance_em(face: &ParsedFont, c: char) -> f32 {
        let gid = face.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(face.get_horizontal_advance(gid)) / units_per_em(face)
    }

    /// (ascent, descent) in em from the hhea table; descent is negative.
    pub(super) fn ascent_descent_em(face: &ParsedFont) -> (f32, f32) {
        let m = &face.pdf_font_metrics;
        let upem = units_per_em(face);
        (f32::from(m.ascender) / upem, f32::from(m.descender) / upem)
    }
}
