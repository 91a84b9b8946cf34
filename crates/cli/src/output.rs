//! What the command line prints: aligned text for people, JSON for scripts.

use rotunda_core::ErrorReport;
use rotunda_core::academic::{AcademicYear, Block, PlannedBlock};
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: cannot print the result as JSON: {e}"),
    }
}

pub fn error(report: &ErrorReport, as_json: bool) {
    if as_json {
        match serde_json::to_string(report) {
            Ok(text) => eprintln!("{text}"),
            Err(_) => eprintln!("error: {}", report.message),
        }
    } else {
        match &report.field {
            Some(field) => eprintln!("error ({}, {field}): {}", kind_word(report), report.message),
            None => eprintln!("error ({}): {}", kind_word(report), report.message),
        }
    }
}

fn kind_word(report: &ErrorReport) -> String {
    serde_json::to_value(report.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "error".into())
}

/// `1 row`, `2 rows`.
pub fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn weeks(days: i32) -> String {
    if days % 7 == 0 {
        format!("{}", days / 7)
    } else {
        format!("{:.1}", f64::from(days) / 7.0)
    }
}

pub fn years(years: &[AcademicYear]) {
    println!(
        "{:<14} {:<10} {:<10} {:>6}  current",
        "year", "start", "end", "blocks"
    );
    for y in years {
        println!(
            "{:<14} {} {} {:>6}  {}",
            y.name,
            y.start_date,
            y.end_date,
            y.block_count,
            if y.is_current { "yes" } else { "" }
        );
    }
}

pub fn blocks(blocks: &[Block]) {
    let rows: Vec<PlannedBlock> = blocks
        .iter()
        .map(|b| PlannedBlock {
            number: b.number,
            name: b.name.clone(),
            start_date: b.start_date,
            end_date: b.end_date,
            split_date: b.split_date,
            days: b.days,
        })
        .collect();
    planned(&rows);
}

pub fn planned(blocks: &[PlannedBlock]) {
    println!(
        "{:<10} {:<10} {:<10} {:>5} {:>6}  split",
        "block", "start", "end", "days", "weeks"
    );
    for b in blocks {
        println!(
            "{:<10} {} {} {:>5} {:>6}  {}",
            b.name,
            b.start_date,
            b.end_date,
            b.days,
            weeks(b.days),
            b.split_date.map(|d| d.to_string()).unwrap_or_default()
        );
    }
}

pub fn rollover(preview: &rotunda_core::academic::rollover::RolloverPreview, dry_run: bool) {
    println!(
        "{} {} → {} ({} .. {}), {} blocks{}",
        if dry_run {
            "Would roll over"
        } else {
            "Rolled over"
        },
        preview.from_year,
        preview.new_year,
        preview.new_start,
        preview.new_end,
        preview.blocks.len(),
        preview
            .pattern
            .as_ref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default()
    );
    println!(
        "{} promoted, {} graduating, {} staying at their level",
        preview.promoted, preview.graduating, preview.staying
    );
    for r in &preview.residents {
        println!(
            "  {:<9} {:<32} {}",
            format!("{:?}", r.action).to_lowercase(),
            r.name,
            r.reason
        );
    }
    if dry_run {
        println!("Dry run: nothing was written.");
    }
}
