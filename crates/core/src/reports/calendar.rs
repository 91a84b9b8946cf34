//! The academic calendar document: program facts, a summary, and one table row per
//! block with its dates, length and (for split blocks) the two halves.

use chrono::{Duration, NaiveDate};

use super::kit::{
    Align, Chrome, Color, Column, ColumnWidth, Document, PageSetup, Table, TableStyle, TextStyle,
};
use super::{RenderedPdf, ReportError, ReportProgress};

/// Everything the calendar prints, gathered by the caller.
#[derive(Debug, Clone)]
pub struct CalendarDocument {
    pub program_code: String,
    pub program_name: String,
    pub sponsoring_institution: String,
    pub program_director: Option<String>,
    /// e.g. "2026-2027"
    pub year_name: String,
    pub year_start: NaiveDate,
    pub year_end: NaiveDate,
    /// Already formatted by the caller, e.g. "2026-11-22 14:05".
    pub generated_at: String,
    /// Printed in the given order.
    pub blocks: Vec<CalendarBlock>,
}

#[derive(Debug, Clone)]
pub struct CalendarBlock {
    pub number: i32,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// First day of the second half, for a block split in two.
    pub split: Option<NaiveDate>,
}

impl CalendarBlock {
    /// Length in days, both ends included.
    fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

const BODY_SIZE: f32 = 9.5;

/// Renders the calendar to PDF bytes.
pub fn render_calendar(
    doc: &CalendarDocument,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<RenderedPdf, ReportError> {
    layout_calendar(doc)?.finish(progress)
}

/// Lays the calendar out without saving it (tests inspect the pages).
pub(crate) fn layout_calendar(doc: &CalendarDocument) -> Result<Document, ReportError> {
    validate(doc)?;
    let title = format!("Academic calendar {}", doc.year_name);
    let chrome = Chrome {
        title: doc.program_name.clone(),
        subtitle: title.clone(),
        generated: doc.generated_at.clone(),
    };
    let mut d = Document::new(&title, PageSetup::default(), chrome)?;
    d.heading(&title, 1);

    let program = format!("{} ({})", doc.program_name, doc.program_code);
    let year_days = (doc.year_end - doc.year_start).num_days() + 1;
    let year = format!(
        "{} to {} ({year_days} days)",
        iso(doc.year_start),
        iso(doc.year_end)
    );
    let mut fields = vec![("Program", program.as_str())];
    fields.push((
        "Sponsoring institution",
        doc.sponsoring_institution.as_str(),
    ));
    if let Some(director) = doc
        .program_director
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        fields.push(("Program director", director));
    }
    fields.push(("Academic year", year.as_str()));
    d.fields(&fields, BODY_SIZE);
    d.gap(2.0);
    d.paragraph(&summary(doc, year_days), TextStyle::bold(BODY_SIZE));
    d.gap(4.0);

    if doc.blocks.is_empty() {
        d.paragraph(
            "No blocks have been defined for this year yet.",
            TextStyle::regular(BODY_SIZE),
        );
        return Ok(d);
    }
    d.table(&blocks_table(&d, doc))?;

    d.gap(3.0);
    let note = if has_splits(doc) {
        "Days count both the first and the last day. A split block's Split date is \
         the first day of its second half."
    } else {
        "Days count both the first and the last day."
    };
    d.paragraph(note, TextStyle::regular(8.0).with_color(Color::MUTED));
    Ok(d)
}

fn validate(doc: &CalendarDocument) -> Result<(), ReportError> {
    if doc.year_end < doc.year_start {
        return Err(ReportError::InvalidInput(format!(
            "academic year {} ends ({}) before it starts ({})",
            doc.year_name,
            iso(doc.year_end),
            iso(doc.year_start)
        )));
    }
    if let Some(b) = doc.blocks.iter().find(|b| b.end < b.start) {
        return Err(ReportError::InvalidInput(format!(
            "block {} ends ({}) before it starts ({})",
            b.number,
            iso(b.end),
            iso(b.start)
        )));
    }
    Ok(())
}

/// "13 blocks, 365 days, 2 split blocks", noting when the blocks do not add up to
/// the year (a gap or an overlap the office should look at).
fn summary(doc: &CalendarDocument, year_days: i64) -> String {
    let n = doc.blocks.len();
    let days: i64 = doc.blocks.iter().map(CalendarBlock::days).sum();
    let splits = doc.blocks.iter().filter(|b| b.split.is_some()).count();
    let plural = |n: usize, one: &str, many: &str| match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let mut s = format!(
        "{}, {days} days, {}",
        plural(n, "block", "blocks"),
        plural(splits, "split block", "split blocks")
    );
    if n > 0 && days != year_days {
        s.push_str(&format!(" (the academic year has {year_days} days)"));
    }
    s
}

/// How dates and split halves are printed; the first variant that fits wins.
#[derive(Debug, Clone, Copy)]
struct Format {
    weekday: bool,
    halves_on_one_line: bool,
}

fn blocks_table(d: &Document, doc: &CalendarDocument) -> Table {
    let width = d.setup().content_width();
    // Weekdays help a reader but are optional: use them only if every column still
    // fits on one line and block names keep a readable column; otherwise prefer
    // compact one-line halves, and wrap the halves only as a last resort.
    let formats = [
        Format {
            weekday: true,
            halves_on_one_line: true,
        },
        Format {
            weekday: false,
            halves_on_one_line: true,
        },
        Format {
            weekday: true,
            halves_on_one_line: false,
        },
    ];
    for format in formats {
        let table = table_in(doc, format);
        if fits_nicely(d, &table, width) {
            return table;
        }
    }
    table_in(
        doc,
        Format {
            weekday: false,
            halves_on_one_line: false,
        },
    )
}

/// Block names may wrap (down to 32 mm or their longest word); no other column may.
/// The Block column is a `Fraction`, so it also takes any spare width.
fn fits_nicely(d: &Document, table: &Table, width: f32) -> bool {
    let content = table.content_widths(d.fonts());
    let others: f32 = content.iter().skip(1).map(|(_, natural)| natural).sum();
    let block = content
        .first()
        .map_or(0.0, |(min, natural)| natural.min(min.max(32.0)));
    others + block <= width
}

/// Whether any block is split; without splits the Split and Halves columns are left out.
fn has_splits(doc: &CalendarDocument) -> bool {
    doc.blocks.iter().any(|b| b.split.is_some())
}

fn table_in(doc: &CalendarDocument, format: Format) -> Table {
    let splits = has_splits(doc);
    let mut columns = vec![
        Column::new("Block", ColumnWidth::Fraction(1.0)),
        Column::new("Starts", ColumnWidth::Auto),
        Column::new("Ends", ColumnWidth::Auto),
        Column::new("Days", ColumnWidth::Auto).align(Align::Right),
        Column::new("Weeks", ColumnWidth::Auto).align(Align::Right),
    ];
    if splits {
        columns.push(Column::new("Split", ColumnWidth::Auto));
        columns.push(Column::new("Halves", ColumnWidth::Auto));
    }
    let mut table = Table::new(columns).with_style(TableStyle {
        size_pt: BODY_SIZE,
        ..Default::default()
    });
    let date = |day: NaiveDate| {
        if format.weekday {
            day.format("%a %Y-%m-%d").to_string()
        } else {
            iso(day)
        }
    };
    for block in &doc.blocks {
        let name = if block.name.trim().is_empty() {
            format!("Block {}", block.number)
        } else {
            block.name.clone()
        };
        let halves = match (halves_of(block), block.split) {
            (Some((a, b)), _) if format.halves_on_one_line => format!("{a} / {b}"),
            (Some((a, b)), _) => format!("{a} /\n{b}"),
            (None, Some(_)) => "split date outside the block".to_string(),
            (None, None) => String::new(),
        };
        let mut row = vec![
            name,
            date(block.start),
            date(block.end),
            block.days().to_string(),
            weeks(block.days()),
        ];
        if splits {
            row.push(block.split.map(date).unwrap_or_default());
            row.push(halves);
        }
        table.push_row(row);
    }
    table
}

/// The two halves of a split block as "Jul 1 – Jul 14" and "Jul 15 – Jul 28".
fn halves_of(block: &CalendarBlock) -> Option<(String, String)> {
    let split = block.split?;
    if split <= block.start || split > block.end {
        return None;
    }
    let short = |d: NaiveDate| d.format("%b %-d").to_string();
    let first_end = split - Duration::days(1);
    Some((
        format!("{} – {}", short(block.start), short(first_end)),
        format!("{} – {}", short(split), short(block.end)),
    ))
}

/// Days as weeks: whole numbers bare ("4"), otherwise one decimal ("4.3").
fn weeks(days: i64) -> String {
    if days % 7 == 0 {
        (days / 7).to_string()
    } else {
        format!("{:.1}", days as f64 / 7.0)
    }
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::reports::kit::Weight;

    fn day(m: u32, d: u32) -> NaiveDate {
        let y = if m >= 7 { 2026 } else { 2027 };
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn block(number: i32, start: NaiveDate, days: i64, split: Option<NaiveDate>) -> CalendarBlock {
        let end = start + Duration::days(days - 1);
        CalendarBlock {
            number,
            name: format!("Block {number}"),
            start,
            end,
            split,
        }
    }

    fn document(blocks: Vec<CalendarBlock>) -> CalendarDocument {
        CalendarDocument {
            program_code: "IM".into(),
            program_name: "Internal Medicine".into(),
            sponsoring_institution: "General Hospital".into(),
            program_director: None,
            year_name: "2026-2027".into(),
            year_start: day(7, 1),
            year_end: day(6, 30),
            generated_at: "now".into(),
            blocks,
        }
    }

    #[test]
    fn weeks_show_one_decimal_unless_whole() {
        assert_eq!(weeks(28), "4");
        assert_eq!(weeks(30), "4.3");
        assert_eq!(weeks(29), "4.1");
        assert_eq!(weeks(7), "1");
    }

    #[test]
    fn halves_end_the_day_before_the_split() {
        let b = block(1, day(7, 1), 28, Some(day(7, 15)));
        assert_eq!(
            halves_of(&b),
            Some(("Jul 1 – Jul 14".into(), "Jul 15 – Jul 28".into()))
        );
        let outside = block(2, day(7, 1), 28, Some(day(7, 1)));
        assert_eq!(halves_of(&outside), None);
    }

    #[test]
    fn summary_counts_blocks_days_and_splits() {
        let doc = document(vec![
            block(1, day(7, 1), 28, None),
            block(2, day(7, 29), 28, Some(day(8, 12))),
        ]);
        assert_eq!(
            summary(&doc, 365),
            "2 blocks, 56 days, 1 split block (the academic year has 365 days)"
        );
        let whole = document(vec![block(1, day(7, 1), 365, None)]);
        assert_eq!(summary(&whole, 365), "1 block, 365 days, no split blocks");
    }

    #[test]
    fn inconsistent_dates_are_rejected() {
        let mut doc = document(vec![block(1, day(7, 1), 28, None)]);
        doc.blocks[0].end = day(6, 30) - Duration::days(400);
        assert!(matches!(
            layout_calendar(&doc),
            Err(ReportError::InvalidInput(_))
        ));
        let mut doc = document(Vec::new());
        doc.year_end = day(7, 1) - Duration::days(1);
        assert!(matches!(
            layout_calendar(&doc),
            Err(ReportError::InvalidInput(_))
        ));
    }

    #[test]
    fn a_year_without_blocks_says_so() {
        let d = layout_calendar(&document(Vec::new())).unwrap();
        let texts: Vec<&str> = d.pages()[0].texts().map(|(t, _)| t).collect();
        assert!(texts.contains(&"No blocks have been defined for this year yet."));
        assert!(texts.contains(&"no blocks, 0 days, no split blocks"));
    }

    #[test]
    fn fifty_two_blocks_span_pages_with_the_header_row_on_each() {
        let blocks = (0..52)
            .map(|i| block(i + 1, day(7, 1) + Duration::days(7 * i64::from(i)), 7, None))
            .collect();
        let d = layout_calendar(&document(blocks)).unwrap();
        assert!(d.page_count() >= 2);
        for page in &d.pages()[1..] {
            let first: Vec<_> = page.texts().take(2).map(|(t, s)| (t, s.weight)).collect();
            assert_eq!(first, [("Block", Weight::Bold), ("Starts", Weight::Bold)]);
        }
    }
}
