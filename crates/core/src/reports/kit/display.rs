//! The display list: what is drawn on a page, as plain inspectable data (tests assert
//! on it), and its translation into printpdf `Op`s when the document is saved.

use printpdf::{
    FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rect,
    Rgb, TextItem, WindingOrder,
};

use super::fonts::{TextStyle, Weight};

/// An sRGB colour with 8-bit channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }
    /// Body text: near-black, softer than pure black on screen.
    pub const TEXT: Self = Self::rgb(0x1a, 0x1a, 0x1a);
    /// Secondary text: header, footer, notes.
    pub const MUTED: Self = Self::rgb(0x5f, 0x63, 0x68);
    /// Strong rules (table header, page header).
    pub const RULE: Self = Self::rgb(0x80, 0x86, 0x8b);
    /// Thin rules between table rows.
    pub const RULE_LIGHT: Self = Self::rgb(0xc8, 0xcc, 0xd0);
    /// Table header background.
    pub const HEADER_FILL: Self = Self::rgb(0xe4, 0xe8, 0xee);
    /// Zebra stripe for alternate table rows.
    pub const ZEBRA: Self = Self::rgb(0xf4, 0xf6, 0xf8);

    fn to_pdf(self) -> printpdf::Color {
        let c = |v: u8| f32::from(v) / 255.0;
        printpdf::Color::Rgb(Rgb::new(c(self.r), c(self.g), c(self.b), None))
    }
}

/// One drawing primitive. Positions are mm from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A single line of text; `x` is its left edge, `baseline` its baseline.
    Text {
        x: f32,
        baseline: f32,
        text: String,
        style: TextStyle,
    },
    /// A straight stroke.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width_pt: f32,
        color: Color,
    },
    /// A filled rectangle; (`x`, `y`) is its top-left corner.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Color,
    },
    /// A polyline or polygon, for charts: stroked, filled (closed), or both.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        stroke: Option<(f32, Color)>,
        fill: Option<Color>,
    },
}

/// Everything on one page, in painting order (later items paint over earlier ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLayout {
    pub items: Vec<Item>,
}

impl PageLayout {
    pub fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// The text runs of the page in drawing order, with their styles.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &TextStyle)> {
        self.items.iter().filter_map(|item| match item {
            Item::Text { text, style, .. } => Some((text.as_str(), style)),
            _ => None,
        })
    }
}

/// Font ids of the faces registered with the printpdf document.
pub(crate) struct FontIds {
    pub regular: FontId,
    pub bold: FontId,
}

/// Translates a page's display list into printpdf operations.
pub(crate) fn page_ops(page: &PageLayout, page_height: f32, fonts: &FontIds) -> Vec<Op> {
    let pt = |mm: f32| Pt(mm / super::MM_PER_PT);
    // Flip y: the kit measures from the top, PDF from the bottom.
    let point = |x: f32, y: f32| Point {
        x: pt(x),
        y: pt(page_height - y),
    };
    let line_points = |pts: &[(f32, f32)]| {
        pts.iter()
            .map(|&(x, y)| LinePoint {
                p: point(x, y),
                bezier: false,
            })
            .collect()
    };

    let mut ops = vec![Op::SaveGraphicsState];
    for item in &page.items {
        match item {
            Item::Text {
                x,
                baseline,
                text,
                style,
            } => {
                let font = match style.weight {
                    Weight::Regular => fonts.regular.clone(),
                    Weight::Bold => fonts.bold.clone(),
                };
                ops.push(Op::SetFillColor {
                    col: style.color.to_pdf(),
                });
                // One BT/ET per run: `SetTextCursor` is `Td`, which is RELATIVE to the
                // previous line inside a text section, so runs must not share one.
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(font),
                        size: Pt(style.size_pt),
                    },
                    Op::SetTextCursor {
                        pos: point(*x, *baseline),
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
            Item::Line {
                from,
                to,
                width_pt,
                color,
            } => {
                ops.push(Op::SetOutlineColor {
                    col: color.to_pdf(),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: line_points(&[*from, *to]),
                        is_closed: false,
                    },
                });
            }
            Item::Rect { x, y, w, h, fill } => {
                ops.push(Op::SetFillColor { col: fill.to_pdf() });
                let mut rect = Rect::from_xywh(pt(*x), pt(page_height - y - h), pt(*w), pt(*h));
                rect.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle: rect });
            }
            Item::Path {
                points,
                closed,
                stroke,
                fill,
            } => {
                if let Some((width, color)) = stroke {
                    ops.push(Op::SetOutlineColor {
                        col: color.to_pdf(),
                    });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                }
                if let Some(color) = fill {
                    ops.push(Op::SetFillColor {
                        col: color.to_pdf(),
                    });
                }
                match (fill.is_some(), stroke.is_some()) {
                    (false, false) => {}
                    (false, true) => ops.push(Op::DrawLine {
                        line: Line {
                            points: line_points(points),
                            is_closed: *closed,
                        },
                    }),
                    (true, stroked) => ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing {
                                points: line_points(points),
                            }],
                            mode: if stroked {
                                PaintMode::FillStroke
                            } else {
                                PaintMode::Fill
                            },
                            winding_order: WindingOrder::NonZero,
                        },
                    }),
                }
            }
        }
    }
    ops.push(Op::RestoreGraphicsState);
    ops
}
