//! End-to-end check of the academic calendar PDF: render it, extract the text with
//! poppler's `pdftotext`, and look for what a reader must find there.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use common::pdftotext;

use chrono::{Duration, NaiveDate};
use rotunda_core::reports::calendar::{CalendarBlock, CalendarDocument, render_calendar};
use rotunda_core::reports::{RenderedPdf, ReportProgress};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `count` consecutive blocks covering 2026-07-01..=2027-06-30; every third block is
/// split in the middle.
fn calendar(count: i64) -> CalendarDocument {
    let (start, end) = (date(2026, 7, 1), date(2027, 6, 30));
    let total = (end - start).num_days() + 1;
    let blocks = (0..count)
        .map(|i| {
            let b_start = start + Duration::days(total * i / count);
            let b_end = start + Duration::days(total * (i + 1) / count - 1);
            let split = (i % 3 == 1)
                .then(|| b_start + Duration::days((b_end - b_start).num_days() / 2 + 1));
            CalendarBlock {
                number: i32::try_from(i + 1).unwrap(),
                name: format!("Block {}", i + 1),
                start: b_start,
                end: b_end,
                split,
            }
        })
        .collect();
    CalendarDocument {
        program_code: "GS-0412".into(),
        program_name: "Cirugía General — José Núñez Memorial".into(),
        sponsoring_institution: "Hospital Universitario Łukasz Żółć".into(),
        program_director: Some("Zoë Ødegaard".into()),
        year_name: "2026-2027".into(),
        year_start: start,
        year_end: end,
        generated_at: "2026-11-22 14:05".into(),
        blocks,
    }
}

fn render(doc: &CalendarDocument) -> (RenderedPdf, Vec<ReportProgress>) {
    let mut seen = Vec::new();
    let pdf = render_calendar(doc, &mut |p| seen.push(p)).unwrap();
    (pdf, seen)
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("rotunda-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn thirteen_block_calendar_prints_dates_names_and_page_numbers() {
    let doc = calendar(13);
    let split = doc.blocks.iter().find_map(|b| b.split).unwrap();
    let splits = doc.blocks.iter().filter(|b| b.split.is_some()).count();
    let (pdf, progress) = render(&doc);
    assert!(pdf.bytes.starts_with(b"%PDF"));
    // Subset fonts keep the file small (the full faces alone are ~1.4 MB).
    assert!(
        pdf.bytes.len() < 150_000,
        "PDF is {} bytes",
        pdf.bytes.len()
    );
    assert_eq!(
        progress.len(),
        pdf.pages as usize + 1,
        "one call per page and one at save"
    );
    assert_eq!(
        progress.last().map(|p| (p.done, p.total)),
        Some((pdf.pages + 1, pdf.pages + 1))
    );

    let path = write_temp("calendar-13.pdf", &pdf.bytes);
    let text = pdftotext(&path, None);
    for needle in [
        "Academic calendar 2026-2027",
        "2026-07-01",
        "2027-06-30",
        &split.format("%Y-%m-%d").to_string(),
        "Zoë Ødegaard",
        "Cirugía General — José Núñez Memorial (GS-0412)",
        "Łukasz Żółć",
        &format!("13 blocks, 365 days, {splits} split blocks"),
        "Generated 2026-11-22 14:05",
        "Page 1 of",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn fifty_two_block_calendar_repeats_the_table_header_on_page_two() {
    let doc = calendar(52);
    let (pdf, _) = render(&doc);
    assert!(
        pdf.pages >= 2,
        "52 blocks should span pages, got {}",
        pdf.pages
    );

    let path = write_temp("calendar-52.pdf", &pdf.bytes);
    let page2 = pdftotext(&path, Some((2, 2)));
    assert!(
        page2.contains(&format!("Page 2 of {}", pdf.pages)),
        "page 2:\n{page2}"
    );
    let header = page2
        .lines()
        .find(|l| l.contains("Block") && l.contains("Starts"))
        .unwrap_or_else(|| panic!("no table header row on page 2:\n{page2}"));
    for column in [
        "Block", "Starts", "Ends", "Days", "Weeks", "Split", "Halves",
    ] {
        assert!(
            header.contains(column),
            "{column:?} missing from header {header:?}"
        );
    }
    assert!(
        page2.contains("Academic calendar 2026-2027"),
        "page header missing:\n{page2}"
    );
    assert!(
        page2.contains("2027-06-30") || pdf.pages > 2,
        "last block should end the year"
    );
    let _ = std::fs::remove_file(path);
}
