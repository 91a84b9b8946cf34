//! The schedule's documents: the block schedule PDF (the whole grid, then a page per affiliate
//! site, or one site's page alone) and the CSV a site's onboarding office receives.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Local, NaiveDate};

use super::grid::{self, Loaded};
use super::store::{self, SiteLabel};
use super::{RotationAssignment, periods};
use crate::academic::calendar_export::{ExportProgress, ExportedFile, render_and_write};
use crate::db::PgPool;
use crate::ids::{AcademicYearId, ResidentId};
use crate::reports::schedule::{
    LegendEntry, PrintedCell, ScheduleColumn, ScheduleDocument, ScheduleGroup, ScheduleRow,
    SiteSection, SiteVisit, colour, render_schedule,
};
use crate::{Error, Result};

/// One resident's stay at a site: who, which rotation, from when to when.
struct Visit<'a> {
    resident: ResidentId,
    assignment: &'a RotationAssignment,
}

fn find_site<'a>(sites: &'a [SiteLabel], code: &str) -> Result<&'a SiteLabel> {
    sites
        .iter()
        .find(|s| {
            s.code
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(code.trim()))
        })
        .ok_or_else(|| {
            let known: Vec<&str> = sites.iter().filter_map(|s| s.code.as_deref()).collect();
            Error::invalid(
                "site",
                format!(
                    "There is no site with the code '{}' for this program (sites: {})",
                    code.trim(),
                    known.join(", ")
                ),
            )
        })
}

fn visits_at<'a>(loaded: &'a Loaded, site: &SiteLabel) -> Vec<Visit<'a>> {
    let facts = &loaded.facts;
    let default_site: HashMap<_, _> = facts
        .rotations
        .iter()
        .map(|r| (r.id, r.default_site_id))
        .collect();
    let mut out: Vec<Visit> = facts
        .assignments
        .iter()
        .filter(|a| {
            a.site_id
                .or_else(|| default_site.get(&a.rotation_type_id).copied().flatten())
                == Some(site.id)
        })
        .map(|a| Visit {
            resident: a.resident_id,
            assignment: a,
        })
        .collect();
    out.sort_by_key(|v| (v.assignment.start_date, v.resident));
    out
}

async fn load(pool: &PgPool, year: AcademicYearId) -> Result<(Loaded, Vec<SiteLabel>)> {
    let mut conn = pool.acquire().await?;
    let loaded = grid::load(&mut conn, year).await?;
    let sites = store::site_labels(&mut conn, loaded.year.program_id).await?;
    Ok((loaded, sites))
}

/// The schedule document of a year; with `site`, only that site's "who comes when" page.
pub async fn schedule_document(
    pool: &PgPool,
    year: AcademicYearId,
    site: Option<&str>,
) -> Result<ScheduleDocument> {
    let (loaded, sites) = load(pool, year).await?;
    let program = crate::org::service::program_by_id(pool, loaded.year.program_id).await?;
    let facts = &loaded.facts;
    let index: HashMap<_, _> = facts
        .rotations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    let names: HashMap<ResidentId, (&str, i32)> = facts
        .residents
        .iter()
        .map(|r| (r.id, (r.name.as_str(), r.pgy)))
        .collect();
    let mut cells: HashMap<(ResidentId, usize), PrintedCell> = HashMap::new();
    let block_at: HashMap<_, _> = facts
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id, i))
        .collect();
    for a in &facts.assignments {
        let (Some(b), Some(r)) = (block_at.get(&a.block_id), index.get(&a.rotation_type_id)) else {
            continue;
        };
        let cell = cells
            .entry((a.resident_id, *b))
            .or_insert(PrintedCell::Empty);
        *cell = match (a.half, *cell) {
            (None, _) => PrintedCell::Whole(*r),
            (Some(super::Half::First), PrintedCell::Halves(_, s)) => {
                PrintedCell::Halves(Some(*r), s)
            }
            (Some(super::Half::First), _) => PrintedCell::Halves(Some(*r), None),
            (Some(super::Half::Second), PrintedCell::Halves(f, _)) => {
                PrintedCell::Halves(f, Some(*r))
            }
            (Some(super::Half::Second), _) => PrintedCell::Halves(None, Some(*r)),
        };
    }
    for l in &facts.leave {
        for (i, b) in facts.blocks.iter().enumerate() {
            if periods::overlaps((l.start_date, l.end_date), (b.start_date, b.end_date)) {
                cells
                    .entry((l.resident_id, i))
                    .or_insert(PrintedCell::Leave);
            }
        }
    }
    let chosen: Vec<&SiteLabel> = match site {
        Some(code) => vec![find_site(&sites, code)?],
        None => sites.iter().filter(|s| s.site_type != "primary").collect(),
    };
    let sections = chosen
        .into_iter()
        .map(|s| SiteSection {
            name: s.name.clone(),
            visits: visits_at(&loaded, s)
                .into_iter()
                .map(|v| {
                    let (name, pgy) = names.get(&v.resident).copied().unwrap_or(("?", 0));
                    SiteVisit {
                        resident: name.to_string(),
                        pgy,
                        rotation: facts
                            .rotations
                            .iter()
                            .find(|r| r.id == v.assignment.rotation_type_id)
                            .map_or_else(String::new, |r| r.name.clone()),
                        start: v.assignment.start_date,
                        end: v.assignment.end_date,
                    }
                })
                .collect(),
        })
        .collect();
    let mut groups: Vec<ScheduleGroup> = Vec::new();
    if site.is_none() {
        for r in &facts.residents {
            let row = ScheduleRow {
                name: r.name.clone(),
                cells: (0..facts.blocks.len())
                    .map(|b| cells.get(&(r.id, b)).copied().unwrap_or(PrintedCell::Empty))
                    .collect(),
            };
            match groups.last_mut() {
                Some(g) if g.heading == format!("PGY-{}", r.pgy) => g.rows.push(row),
                _ => groups.push(ScheduleGroup {
                    heading: format!("PGY-{}", r.pgy),
                    rows: vec![row],
                }),
            }
        }
    }
    Ok(ScheduleDocument {
        program_code: program.code,
        program_name: program.name,
        year_name: loaded.year.name.clone(),
        generated_at: Local::now().format("%Y-%m-%d %H:%M").to_string(),
        blocks: facts
            .blocks
            .iter()
            .map(|b| ScheduleColumn {
                name: b.name.clone(),
                start: b.start_date,
                end: b.end_date,
            })
            .collect(),
        rotations: facts
            .rotations
            .iter()
            .map(|r| LegendEntry {
                code: r.code.clone(),
                name: r.name.clone(),
                colour: colour(&r.colour),
            })
            .collect(),
        groups,
        sites: sections,
    })
}

/// Renders the schedule and writes it to `path`.
pub async fn export_schedule_pdf(
    pool: &PgPool,
    year: AcademicYearId,
    site: Option<String>,
    path: &Path,
    mut progress: impl FnMut(ExportProgress) + Send + 'static,
) -> Result<ExportedFile> {
    crate::academic::calendar_export::begin_export(path, "Reading the schedule", &mut progress)?;
    let document = schedule_document(pool, year, site.as_deref()).await?;
    render_and_write(document, render_schedule, path, progress).await
}

/// Who comes to a site when, as CSV: one row per stay, in date order.
pub async fn site_csv(pool: &PgPool, year: AcademicYearId, site: &str) -> Result<String> {
    let (loaded, sites) = load(pool, year).await?;
    let chosen = find_site(&sites, site)?;
    let mut conn = pool.acquire().await?;
    let emails = store::resident_emails(&mut conn, loaded.year.program_id).await?;
    let facts = &loaded.facts;
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::io("The CSV could not be written", std::io::Error::other(e));
    w.write_record([
        "Resident",
        "E-mail",
        "PGY",
        "Rotation code",
        "Rotation",
        "Block",
        "From",
        "To",
        "Weeks",
    ])
    .map_err(io)?;
    for v in visits_at(&loaded, chosen) {
        let a = v.assignment;
        let resident = facts.residents.iter().find(|r| r.id == v.resident);
        let rotation = facts.rotations.iter().find(|r| r.id == a.rotation_type_id);
        let block = facts.blocks.iter().find(|b| b.id == a.block_id);
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        w.write_record([
            resident.map_or("", |r| r.name.as_str()),
            emails.get(&v.resident).map_or("", String::as_str),
            &resident.map_or(String::new(), |r| r.pgy.to_string()),
            rotation.map_or("", |r| r.code.as_str()),
            rotation.map_or("", |r| r.name.as_str()),
            &block.map_or(String::new(), |b| periods::label(b, a.half)),
            &day(a.start_date),
            &day(a.end_date),
            &periods::weeks(a.start_date, a.end_date).to_string(),
        ])
        .map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| {
        Error::io(
            "The CSV could not be written",
            std::io::Error::other(e.to_string()),
        )
    })?;
    String::from_utf8(bytes)
        .map_err(|e| Error::io("The CSV could not be written", std::io::Error::other(e)))
}
