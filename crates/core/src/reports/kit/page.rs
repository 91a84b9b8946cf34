//! Paper sizes, orientation and margins, and the content box they leave.

/// Paper size; US Letter is the default because the programs are US residencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaperSize {
    #[default]
    Letter,
    A4,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// Page margins in millimetres. The header and footer are drawn INSIDE the top and
/// bottom margins, so those need about 14 mm or more (the default leaves room).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Self {
            top: 22.0,
            right: 15.0,
            bottom: 20.0,
            left: 15.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageSetup {
    pub paper: PaperSize,
    pub orientation: Orientation,
    pub margins: Margins,
}

impl PageSetup {
    pub fn new(paper: PaperSize, orientation: Orientation) -> Self {
        Self {
            paper,
            orientation,
            margins: Margins::default(),
        }
    }

    pub fn with_margins(mut self, margins: Margins) -> Self {
        self.margins = margins;
        self
    }

    /// Page width and height in mm, orientation applied.
    pub fn size_mm(&self) -> (f32, f32) {
        let (w, h) = match self.paper {
            PaperSize::Letter => (215.9, 279.4),
            PaperSize::A4 => (210.0, 297.0),
        };
        match self.orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        }
    }

    pub fn width(&self) -> f32 {
        self.size_mm().0
    }

    pub fn height(&self) -> f32 {
        self.size_mm().1
    }

    pub fn content_left(&self) -> f32 {
        self.margins.left
    }

    pub fn content_right(&self) -> f32 {
        self.width() - self.margins.right
    }

    pub fn content_top(&self) -> f32 {
        self.margins.top
    }

    pub fn content_bottom(&self) -> f32 {
        self.height() - self.margins.bottom
    }

    pub fn content_width(&self) -> f32 {
        self.content_right() - self.content_left()
    }

    pub fn content_height(&self) -> f32 {
        self.content_bottom() - self.content_top()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_portrait_is_the_default_and_landscape_swaps_sides() {
        let letter = PageSetup::default();
        assert_eq!(letter.size_mm(), (215.9, 279.4));
        let a4 = PageSetup::new(PaperSize::A4, Orientation::Landscape);
        assert_eq!(a4.size_mm(), (297.0, 210.0));
        assert!((a4.content_width() - (297.0 - 30.0)).abs() < 1e-3);
        assert!((a4.content_height() - (210.0 - 42.0)).abs() < 1e-3);
    }
}
