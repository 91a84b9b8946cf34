//! Rolling a program into its next academic year: a preview of every change, the change itself
//! in one transaction, and its undo (refused, saying why, when anything changed since).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgPool};
use ts_rs::TS;
use uuid::Uuid;

use super::plan::{PlanSpec, plan_blocks};
use super::rollover::{
    RolloverAction, RolloverPreview, RosterEntry, decide, next_plan, next_year_dates,
    next_year_name,
};
use super::rollover_store::{self as store, ResidentState};
use super::service::insert_year_with_blocks;
use super::{AcademicYear, store as years};
use crate::db::{self, Actor};
use crate::ids::{AcademicYearId, ProgramId, UserId};
use crate::{Error, Result};

/// What a rollover changed for one resident, kept for its undo.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ResidentChange {
    resident: Uuid,
    name: String,
    before: (i32, String, Option<chrono::NaiveDate>),
    after: (i32, String, Option<chrono::NaiveDate>),
    version_after: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RolloverRecord {
    residents: Vec<ResidentChange>,
    ended_memberships: Vec<Uuid>,
}

/// What an undo put back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RolloverUndone {
    pub current_year: String,
    pub removed_year: Option<String>,
    pub residents_restored: u32,
}

async fn current_year(conn: &mut PgConnection, program: ProgramId) -> Result<AcademicYear> {
    years::years_of_program(conn, program)
        .await?
        .into_iter()
        .find(|y| y.is_current)
        .ok_or_else(|| {
            Error::invalid(
                "year",
                "The program has no current academic year to roll over; mark one as current first",
            )
        })
}

/// What a rollover of `from` would do, with what it needs to do it.
struct Planned {
    preview: RolloverPreview,
    spec: Option<PlanSpec>,
    /// The residents as read, by resident id.
    entries: HashMap<Uuid, RosterEntry>,
}

async fn plan(conn: &mut PgConnection, program: ProgramId, from: &AcademicYear) -> Result<Planned> {
    let (start, end) = next_year_dates(from)
        .ok_or_else(|| Error::invalid("year", "The next academic year runs past the calendar"))?;
    let blocks = years::blocks_of_year(conn, from.id).await?;
    let spec = next_plan(from, &blocks, start, end);
    let planned = match &spec {
        Some(spec) => plan_blocks(spec)?.blocks,
        None => Vec::new(),
    };
    let program_years = store::program_years(conn, program).await?;
    let entries = store::roster(conn, program).await?;
    let residents: Vec<_> = entries
        .iter()
        .filter_map(|entry| decide(entry, from.end_date, program_years))
        .collect();
    let count = |a: RolloverAction| residents.iter().filter(|r| r.action == a).count() as u32;
    let preview = RolloverPreview {
        program_id: program,
        from_year_id: from.id,
        from_year: from.name.clone(),
        new_year: next_year_name(&from.name, start, end),
        new_start: start,
        new_end: end,
        blocks: planned,
        pattern: spec.as_ref().map(|s| s.pattern.to_string()),
        promoted: count(RolloverAction::Promote),
        graduating: count(RolloverAction::Graduate),
        staying: count(RolloverAction::Stay),
        residents,
    };
    Ok(Planned {
        preview,
        spec,
        entries: entries.into_iter().map(|e| (e.resident_id.0, e)).collect(),
    })
}

/// Everything rolling the program's current year over would do, without writing.
pub async fn preview_rollover(pool: &PgPool, program: ProgramId) -> Result<RolloverPreview> {
    let mut conn = pool.acquire().await?;
    let from = current_year(&mut conn, program).await?;
    Ok(plan(&mut conn, program, &from).await?.preview)
}

/// Rolls the program over in one transaction: the new year (made current) with its blocks, the
/// promotions and graduations, and the record that lets it be undone. Returns what it did.
pub async fn apply_rollover(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
) -> Result<RolloverPreview> {
    let mut tx = db::begin(pool, actor).await?;
    let from = current_year(&mut tx, program).await?;
    if !years::lock_year(&mut tx, from.id).await? {
        return Err(Error::not_found("The academic year"));
    }
    let Planned {
        preview,
        spec,
        entries,
    } = plan(&mut tx, program, &from).await?;
    let Some(spec) = spec else {
        return Err(Error::invalid(
            "year",
            format!(
                "The blocks of {} follow no pattern; generate the next year's blocks by hand",
                from.name
            ),
        ));
    };
    let new_year =
        insert_year_with_blocks(&mut tx, program, &preview.new_year, &spec, true).await?;

    let changing: Vec<_> = preview
        .residents
        .iter()
        .filter(|r| r.action != RolloverAction::Stay)
        .collect();
    let graduated_before = |id: Uuid| entries.get(&id).and_then(|e| e.actual_graduation_date);
    let states: Vec<ResidentState> = changing
        .iter()
        .map(|r| ResidentState {
            resident: r.resident_id.0,
            pgy_level: r.to_pgy,
            status: r.new_status.clone(),
            actual_graduation_date: r.graduates_on.or(graduated_before(r.resident_id.0)),
        })
        .collect();
    let versions = store::set_residents(&mut tx, &states).await?;
    let ends: Vec<(UserId, chrono::NaiveDate)> = changing
        .iter()
        .filter_map(|r| r.graduates_on.map(|d| (r.user_id, d)))
        .collect();
    let ended_memberships = store::end_resident_memberships(&mut tx, program, &ends).await?;

    let record = RolloverRecord {
        residents: changing
            .iter()
            .zip(&states)
            .map(|(r, s)| ResidentChange {
                resident: r.resident_id.0,
                name: r.name.clone(),
                before: (
                    r.from_pgy,
                    r.status.clone(),
                    graduated_before(r.resident_id.0),
                ),
                after: (s.pgy_level, s.status.clone(), s.actual_graduation_date),
                version_after: versions
                    .iter()
                    .find(|(id, _)| *id == r.resident_id.0)
                    .map_or(0, |(_, v)| *v),
            })
            .collect(),
        ended_memberships,
    };
    let json = serde_json::to_value(&record)
        .map_err(|e| Error::io("Recording the rollover", std::io::Error::other(e)))?;
    store::insert_rollover(
        &mut tx,
        Uuid::now_v7(),
        program,
        from.id,
        new_year.id,
        &json,
    )
    .await?;
    tx.commit().await?;
    Ok(preview)
}

/// Undoes the program's latest rollover: levels, statuses and memberships as they were, the year
/// it made removed, the old year current again. Refused when a resident was changed since, or
/// when anything already refers to the new year's blocks.
pub async fn undo_rollover(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
) -> Result<RolloverUndone> {
    let mut tx = db::begin(pool, actor).await?;
    let row = store::latest_rollover(&mut tx, program)
        .await?
        .ok_or_else(|| Error::not_found("A rollover to undo"))?;
    let record: RolloverRecord = serde_json::from_value(row.changes)
        .map_err(|e| Error::io("Reading the rollover's record", std::io::Error::other(e)))?;

    let ids: Vec<Uuid> = record.residents.iter().map(|c| c.resident).collect();
    let now = store::resident_versions(&mut tx, &ids).await?;
    let changed: Vec<&str> = record
        .residents
        .iter()
        .filter(|c| {
            !now.iter()
                .any(|(id, v, _)| *id == c.resident && *v == c.version_after)
        })
        .map(|c| c.name.as_str())
        .collect();
    if !changed.is_empty() {
        return Err(Error::conflict(format!(
            "The rollover cannot be undone: {} changed since ({}). Change them back by hand instead.",
            if changed.len() == 1 {
                "a resident was"
            } else {
                "residents were"
            },
            changed.join(", ")
        )));
    }
    let states: Vec<ResidentState> = record
        .residents
        .iter()
        .map(|c| ResidentState {
            resident: c.resident,
            pgy_level: c.before.0,
            status: c.before.1.clone(),
            actual_graduation_date: c.before.2,
        })
        .collect();
    store::set_residents(&mut tx, &states).await?;
    store::reopen_memberships(&mut tx, &record.ended_memberships).await?;

    let removed_year = match row.to_year_id {
        Some(id) => remove_year(&mut tx, id).await?,
        None => None,
    };
    store::set_current(&mut tx, program, row.from_year_id).await?;
    store::mark_undone(&mut tx, row.id).await?;
    let current = years::year(&mut tx, row.from_year_id)
        .await?
        .ok_or_else(|| Error::not_found("The academic year rolled over"))?;
    tx.commit().await?;
    Ok(RolloverUndone {
        current_year: current.name,
        removed_year,
        residents_restored: states.len() as u32,
    })
}

async fn remove_year(conn: &mut PgConnection, id: AcademicYearId) -> Result<Option<String>> {
    let Some(year) = years::year(conn, id).await? else {
        return Ok(None);
    };
    years::delete_year(conn, id, year.version)
        .await
        .map_err(|e| match e {
            Error::InUse { by } => Error::conflict(format!(
                "The rollover cannot be undone: {by} already refer to the blocks of {}",
                year.name
            )),
            other => other,
        })?;
    Ok(Some(year.name))
}
