//! The accreditation summary's sections, in the order a site visitor reads them: the overview,
//! then one heading and table per subject.

use super::{AccreditationSummary, Coverage, HoursSummary};
use crate::reports::ReportError;
use crate::reports::kit::{
    Align, Color, Column, ColumnWidth, Document, Table, TableStyle, TextStyle,
};

const BODY: f32 = 9.0;
const NOTE: TextStyle = TextStyle::regular(8.0).with_color(Color::MUTED);
/// Blocks per coverage table: thirteen four-week blocks fit the portrait page; a year cut
/// finer continues in a second table.
const BLOCKS_PER_TABLE: usize = 13;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn small_table(columns: Vec<Column>, size_pt: f32) -> Table {
    Table::new(columns).with_style(TableStyle {
        size_pt,
        ..TableStyle::default()
    })
}

fn section(d: &mut Document, title: &str) {
    d.gap(5.0);
    d.heading(title, 2);
}

pub(super) fn overview(d: &mut Document, doc: &AccreditationSummary) {
    d.heading(
        &format!(
            "Accreditation summary — {} {}",
            doc.program_code, doc.year_name
        ),
        1,
    );
    let s = &doc.sponsor;
    let not_recorded = "not recorded".to_string();
    let residents: u32 = doc.complement.iter().map(|p| p.residents).sum();
    let by_pgy = doc
        .complement
        .iter()
        .map(|p| format!("PGY-{} {}", p.pgy, p.residents))
        .collect::<Vec<_>>()
        .join(", ");
    let core = doc.faculty.iter().filter(|f| f.is_core).count();
    let attention = doc.agreements.iter().filter(|a| a.needs_attention).count();
    let held = doc.meetings.iter().filter(|m| m.held()).count();
    let violations: u32 = doc.hours.by_rule.iter().map(|r| r.violations).sum();
    let rows = [
        (
            "Program",
            format!("{} ({})", doc.program_name, doc.program_code),
        ),
        (
            "Academic year",
            format!("{} ({})", doc.year_name, doc.year_dates),
        ),
        ("Sponsoring institution", s.institution.clone()),
        ("DIO", s.dio.clone().unwrap_or_else(|| not_recorded.clone())),
        (
            "Institutional accreditation",
            s.accreditation_status
                .clone()
                .unwrap_or_else(|| not_recorded.clone()),
        ),
        (
            "Next site visit",
            s.next_site_visit.clone().unwrap_or(not_recorded),
        ),
        ("As of", doc.as_of.clone()),
        (
            "Agreements",
            format!(
                "{}; {attention} expired or expiring within 90 days",
                doc.agreements.len()
            ),
        ),
        ("Sites", doc.sites.len().to_string()),
        ("Faculty", format!("{}, {core} core", doc.faculty.len())),
        ("Residents", format!("{residents} ({by_pgy})")),
        (
            "CCC meetings",
            format!("{held} held of {}", doc.meetings.len()),
        ),
        (
            "Work-hour violations",
            match &doc.hours.dates {
                Some(dates) => format!(
                    "{violations}, by {} ({dates})",
                    plural(doc.hours.over.len(), "resident", "residents")
                ),
                None => "the year has not begun".to_string(),
            },
        ),
    ];
    let rows: Vec<(&str, &str)> = rows.iter().map(|(l, v)| (*l, v.as_str())).collect();
    d.fields(&rows, BODY);
}

pub(super) fn agreements(d: &mut Document, doc: &AccreditationSummary) -> Result<(), ReportError> {
    section(d, "Participation agreements");
    if doc.agreements.is_empty() {
        d.paragraph("No agreement covers this program.", NOTE);
        return Ok(());
    }
    let mut t = small_table(
        vec![
            Column::new("Participating institution", ColumnWidth::Fraction(1.0)),
            Column::new("Type", ColumnWidth::Auto),
            Column::new("Covers", ColumnWidth::Auto),
            Column::new("Effective", ColumnWidth::Auto),
            Column::new("Expires", ColumnWidth::Auto),
            Column::new("Status", ColumnWidth::Auto),
            Column::new("Standing", ColumnWidth::Auto),
        ],
        8.0,
    );
    for a in &doc.agreements {
        t.push_row(vec![
            a.institution.clone(),
            a.kind.clone(),
            a.covers.clone(),
            a.effective.clone(),
            if a.expires.is_empty() {
                "open-ended".to_string()
            } else {
                a.expires.clone()
            },
            a.status.clone(),
            if a.needs_attention {
                format!("{} !", a.standing)
            } else {
                a.standing.clone()
            },
        ]);
    }
    d.table(&t)?;
    d.gap(1.0);
    d.paragraph(
        &format!(
            "Standing on {}. ! marks an agreement expired, terminated, or with 90 days or fewer left: \
             its renewal is due.",
            doc.as_of
        ),
        NOTE,
    );
    Ok(())
}

pub(super) fn sites(d: &mut Document, doc: &AccreditationSummary) -> Result<(), ReportError> {
    section(d, "Participating sites");
    let mut t = small_table(
        vec![
            Column::new("Site", ColumnWidth::Fraction(1.2)),
            Column::new("Code", ColumnWidth::Auto),
            Column::new("Institution", ColumnWidth::Fraction(1.0)),
            Column::new("Type", ColumnWidth::Auto),
            Column::new("Agreement", ColumnWidth::Auto),
            Column::new("Standing", ColumnWidth::Auto),
        ],
        8.0,
    );
    for s in &doc.sites {
        t.push_row(vec![
            s.name.clone(),
            s.code.clone(),
            s.institution.clone(),
            s.site_type.clone(),
            s.agreement.clone(),
            s.standing.clone(),
        ]);
    }
    d.table(&t)
}

pub(super) fn faculty(d: &mut Document, doc: &AccreditationSummary) -> Result<(), ReportError> {
    section(d, "Faculty roster");
    let core = doc.faculty.iter().filter(|f| f.is_core).count();
    d.paragraph(
        &format!(
            "{} active, {core} of them core faculty (marked Core).",
            plural(doc.faculty.len(), "faculty member", "faculty members")
        ),
        TextStyle::regular(8.5),
    );
    d.gap(1.0);
    let mut t = small_table(
        vec![
            Column::new("Name", ColumnWidth::Fraction(1.0)),
            Column::new("Rank", ColumnWidth::Auto),
            Column::new("Specialty", ColumnWidth::Fraction(1.0)),
            Column::new("Core", ColumnWidth::Auto).align(Align::Center),
        ],
        8.0,
    );
    for f in &doc.faculty {
        t.push_row(vec![
            f.name.clone(),
            f.rank.clone(),
            f.specialty.clone(),
            if f.is_core { "Core" } else { "" }.to_string(),
        ]);
    }
    d.table(&t)
}

pub(super) fn complement(d: &mut Document, doc: &AccreditationSummary) -> Result<(), ReportError> {
    section(d, "Resident complement");
    let mut t = small_table(
        vec![
            Column::new("Level", ColumnWidth::Mm(40.0)),
            Column::new("Residents", ColumnWidth::Mm(25.0)).align(Align::Right),
        ],
        BODY,
    );
    for p in &doc.complement {
        t.push_row(vec![format!("PGY-{}", p.pgy), p.residents.to_string()]);
    }
    let total: u32 = doc.complement.iter().map(|p| p.residents).sum();
    t.push_row(vec!["All levels".to_string(), total.to_string()]);
    d.table(&t)
}

pub(super) fn coverage(d: &mut Document, coverage: &Coverage) -> Result<(), ReportError> {
    section(d, "Block-schedule coverage by rotation");
    d.paragraph(
        "Residents assigned to each rotation in each block (a resident there for part of a block \
         counts); * fewer than the rotation needs, + more than it takes. The last column counts \
         blocks assigned, half blocks as one half.",
        NOTE,
    );
    d.gap(1.0);
    if coverage.rows.is_empty() {
        d.paragraph("No rotation is scheduled this year.", NOTE);
        return Ok(());
    }
    let chunks: Vec<usize> = (0..coverage.blocks.len())
        .step_by(BLOCKS_PER_TABLE)
        .collect();
    for (n, first) in chunks.iter().enumerate() {
        let last = (first + BLOCKS_PER_TABLE).min(coverage.blocks.len());
        let mut columns = vec![
            Column::new("Rotation", ColumnWidth::Fraction(1.0)),
            Column::new("Needs", ColumnWidth::Auto).align(Align::Center),
        ];
        columns.extend(
            coverage.blocks[*first..last]
                .iter()
                .map(|b| Column::new(b, ColumnWidth::Auto).align(Align::Center)),
        );
        let closing = n + 1 == chunks.len();
        if closing {
            columns.push(Column::new("Blocks", ColumnWidth::Auto).align(Align::Right));
        }
        let mut t = Table::new(columns).with_style(TableStyle {
            size_pt: 7.5,
            pad_x: 1.2,
            ..TableStyle::default()
        });
        for r in &coverage.rows {
            let mut cells = vec![r.rotation.clone(), r.needed.clone()];
            cells.extend(r.per_block[*first..last].iter().map(|c| {
                let mark = if c.below_minimum {
                    "*"
                } else if c.above_maximum {
                    "+"
                } else {
                    ""
                };
                if c.residents == 0 && mark.is_empty() {
                    String::new()
                } else {
                    format!("{}{mark}", c.residents)
                }
            }));
            if closing {
                let blocks = if r.resident_blocks.fract().abs() < 1e-9 {
                    format!("{:.0}", r.resident_blocks)
                } else {
                    format!("{:.1}", r.resident_blocks)
                };
                cells.push(blocks);
            }
            t.push_row(cells);
        }
        if n > 0 {
            d.gap(3.0);
        }
        d.table(&t)?;
    }
    Ok(())
}

pub(super) fn meetings(d: &mut Document, doc: &AccreditationSummary) -> Result<(), ReportError> {
    section(d, "Clinical Competency Committee meetings");
    if doc.meetings.is_empty() {
        d.paragraph("No meeting is recorded for this year.", NOTE);
        return Ok(());
    }
    let mut t = small_table(
        vec![
            Column::new("Date", ColumnWidth::Auto),
            Column::new("Period", ColumnWidth::Auto),
            Column::new("Status", ColumnWidth::Auto),
            Column::new("Chair", ColumnWidth::Fraction(0.6)),
            Column::new("Members present", ColumnWidth::Fraction(1.4)),
            Column::new("Residents", ColumnWidth::Auto).align(Align::Right),
            Column::new("Final", ColumnWidth::Auto).align(Align::Right),
        ],
        8.0,
    );
    for m in &doc.meetings {
        t.push_row(vec![
            m.date.clone(),
            m.period.clone(),
            m.status.clone(),
            m.chair.clone().unwrap_or_else(|| "—".to_string()),
            format!("{}: {}", m.present.len(), m.present.join(", ")),
            m.on_agenda.to_string(),
            m.final_reviews.to_string(),
        ]);
    }
    d.table(&t)?;
    d.gap(1.0);
    d.paragraph(
        &format!(
            "Residents: on the agenda; Final: reviews finalized. A committee needs at least {} \
             members present.",
            crate::ccc::QUORUM
        ),
        NOTE,
    );
    Ok(())
}

pub(super) fn hours(d: &mut Document, hours: &HoursSummary) -> Result<(), ReportError> {
    section(d, "Work-hour compliance");
    let Some(dates) = &hours.dates else {
        d.paragraph(
            "The year has not begun: there are no work hours to count yet.",
            NOTE,
        );
        return Ok(());
    };
    d.paragraph(
        &format!(
            "{} in training, over the blocks starting {dates}. Each rule is averaged over a block \
             with leave left out, as in the work-hour compliance report.",
            plural(hours.residents as usize, "resident", "residents")
        ),
        TextStyle::regular(8.5),
    );
    d.gap(1.0);
    let mut t = small_table(
        vec![
            Column::new("Rule", ColumnWidth::Fraction(1.0)),
            Column::new("Violations", ColumnWidth::Auto).align(Align::Right),
            Column::new("Residents", ColumnWidth::Auto).align(Align::Right),
        ],
        8.5,
    );
    for r in &hours.by_rule {
        t.push_row(vec![
            r.rule.clone(),
            r.violations.to_string(),
            r.residents.to_string(),
        ]);
    }
    let total: u32 = hours.by_rule.iter().map(|r| r.violations).sum();
    t.push_row(vec![
        "All rules".to_string(),
        total.to_string(),
        hours.over.len().to_string(),
    ]);
    d.table(&t)?;
    if hours.over.is_empty() {
        return Ok(());
    }
    d.gap(3.0);
    d.heading("Residents with a violation", 3);
    let mut t = small_table(
        vec![
            Column::new("Resident", ColumnWidth::Fraction(0.8)),
            Column::new("PGY", ColumnWidth::Auto).align(Align::Center),
            Column::new("Violations", ColumnWidth::Auto).align(Align::Right),
            Column::new("Rules broken", ColumnWidth::Fraction(1.2)),
        ],
        8.0,
    );
    for r in &hours.over {
        t.push_row(vec![
            r.name.clone(),
            r.pgy.to_string(),
            r.violations.to_string(),
            r.rules.join("; "),
        ]);
    }
    d.table(&t)
}
