//! Editing the grid: set, clear, move or swap cells (a resident's whole block or one half), many at
//! once, in one transaction. Every edit returns the edits that undo it; locked cells refuse change.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::grid::{self, ScheduleGrid};
use super::store::{self, NewAssignment};
use super::{Half, RotationAssignment, RotationType, periods};
use crate::academic::Block;
use crate::db::{self, Actor, PgPool};
use crate::ids::{AcademicYearId, AssignmentId, BlockId, FacultyId, ResidentId, SiteId};
use crate::{Error, Result};

/// One cell of the grid set to a rotation, or emptied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CellEdit {
    pub resident_id: ResidentId,
    pub block_id: BlockId,
    /// `None`: the whole block.
    #[serde(default)]
    pub half: Option<Half>,
    /// The rotation's code as typed (any case); `None` empties the cell.
    #[serde(default)]
    pub rotation_code: Option<String>,
    /// `None`: the rotation's default site and supervisor.
    #[serde(default)]
    pub site_id: Option<SiteId>,
    #[serde(default)]
    pub supervisor_id: Option<FacultyId>,
    /// The assignments the user saw in this resident's block. When given and no longer the same,
    /// someone else changed the block since: the edit is refused and nothing is written.
    #[serde(default)]
    pub expected: Option<Vec<AssignmentId>>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
/// What an edit changed, and no more (a grid of 150 residents is 1.5 MB; an edit's answer is a
/// few rows): the grid drops `removed`, adds `added`, replaces the tallies of `residents`, and
/// takes the year's conflicts as they now are.
pub struct EditOutcome {
    pub removed: Vec<AssignmentId>,
    pub added: Vec<RotationAssignment>,
    /// The residents whose assignments changed.
    pub residents: Vec<ResidentId>,
    /// Their tallies now.
    pub tallies: Vec<super::grid::Tally>,
    /// Every broken rule of the year after the edit.
    pub conflicts: Vec<super::checks::Conflict>,
    /// Applying these edits restores every cell this edit changed.
    pub undo: Vec<CellEdit>,
    /// Assignments written or removed.
    pub changed: usize,
}

/// What a resident's block holds while edits are applied; `id` is set for rows already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Slot {
    id: Option<AssignmentId>,
    half: Option<Half>,
    rotation: crate::ids::RotationTypeId,
    site: Option<SiteId>,
    supervisor: Option<FacultyId>,
    locked: bool,
}

impl Slot {
    fn stored(a: &RotationAssignment) -> Self {
        Slot {
            id: Some(a.id),
            half: a.half,
            rotation: a.rotation_type_id,
            site: a.site_id,
            supervisor: a.supervisor_id,
            locked: a.is_locked,
        }
    }

    fn covers(&self, half: Option<Half>) -> bool {
        self.half.is_none() || half.is_none() || self.half == half
    }
}

type Key = (ResidentId, BlockId);

pub async fn edit_cells(
    pool: &PgPool,
    actor: &Actor,
    year: AcademicYearId,
    edits: Vec<CellEdit>,
) -> Result<EditOutcome> {
    let mut tx = db::begin(pool, actor).await?;
    if !store::lock_year_schedule(&mut tx, year).await? {
        return Err(Error::not_found("The academic year"));
    }
    let loaded = grid::load(&mut tx, year).await?;
    let done = apply_edits(&mut tx, &loaded.facts, &edits).await?;
    tx.commit().await?;
    let mut now = grid::grid(pool, year).await?;
    let mut residents: Vec<ResidentId> = done.undo.iter().map(|e| e.resident_id).collect();
    residents.sort();
    residents.dedup();
    Ok(EditOutcome {
        removed: done.removed,
        added: now
            .assignments
            .drain(..)
            .filter(|a| done.written.contains(&a.id))
            .collect(),
        tallies: now
            .tallies
            .drain(..)
            .filter(|t| residents.contains(&t.resident_id))
            .collect(),
        residents,
        conflicts: now.conflicts,
        undo: done.undo,
        changed: done.changed,
    })
}

/// What applying edits did: the edits that reverse it, the rows changed, the rows written.
pub(crate) struct Applied {
    pub undo: Vec<CellEdit>,
    pub changed: usize,
    pub written: Vec<AssignmentId>,
    pub removed: Vec<AssignmentId>,
}

/// Applies edits inside the caller's transaction (which holds the year's schedule lock), on the
/// schedule as `facts` read it.
pub(crate) async fn apply_edits(
    tx: &mut sqlx::PgConnection,
    facts: &super::checks::ScheduleFacts,
    edits: &[CellEdit],
) -> Result<Applied> {
    let blocks: HashMap<BlockId, &Block> = facts.blocks.iter().map(|b| (b.id, b)).collect();
    let names: HashMap<ResidentId, &str> = facts
        .residents
        .iter()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let mut before: BTreeMap<Key, Vec<Slot>> = BTreeMap::new();
    for a in &facts.assignments {
        before
            .entry((a.resident_id, a.block_id))
            .or_default()
            .push(Slot::stored(a));
    }
    let mut state: BTreeMap<Key, Vec<Slot>> = BTreeMap::new();
    for edit in edits {
        let block = blocks
            .get(&edit.block_id)
            .ok_or_else(|| Error::invalid("blockId", "That block is not in this academic year"))?;
        let name = names.get(&edit.resident_id).ok_or_else(|| {
            Error::invalid("residentId", "That resident is not on this year's schedule")
        })?;
        if edit.half.is_some() && block.split_date.is_none() {
            return Err(Error::invalid(
                "half",
                format!("{} is not split into halves", block.name),
            ));
        }
        let key = (edit.resident_id, edit.block_id);
        let original = before.get(&key).cloned().unwrap_or_default();
        if !state.contains_key(&key)
            && let Some(expected) = &edit.expected
        {
            let mut seen: Vec<AssignmentId> = expected.clone();
            let mut now: Vec<AssignmentId> = original.iter().filter_map(|s| s.id).collect();
            seen.sort();
            now.sort();
            if seen != now {
                return Err(Error::stale(&format!("{name}'s {}", block.name)));
            }
        }
        let slots = state.entry(key).or_insert(original);
        if slots.iter().any(|s| s.locked && s.covers(edit.half)) {
            return Err(Error::Conflict {
                message: format!(
                    "{name}'s {} is locked; unlock it before changing it",
                    periods::label(block, edit.half)
                ),
                field: None,
            });
        }
        let rotation = match &edit.rotation_code {
            Some(code) => Some(rotation_by_code(&facts.rotations, code)?),
            None => None,
        };
        apply(slots, edit, rotation);
    }
    let mut delete = Vec::new();
    let mut insert = Vec::new();
    let mut undo = Vec::new();
    for (key, after) in &mut state {
        let original = before.get(key).map_or(&[][..], Vec::as_slice);
        let block = blocks[&key.1];
        for gone in original.iter().filter_map(|s| s.id) {
            if !after.iter().any(|s| s.id == Some(gone)) {
                delete.push(gone);
            }
        }
        for slot in after.iter_mut().filter(|s| s.id.is_none()) {
            let id = AssignmentId::new();
            slot.id = Some(id);
            let (start, end) = periods::dates(block, slot.half)
                .ok_or_else(|| Error::invalid("half", "That half does not exist"))?;
            insert.push(NewAssignment {
                id,
                resident: key.0,
                rotation: slot.rotation,
                block: key.1,
                start,
                end,
                site: slot.site,
                supervisor: slot.supervisor,
                locked: false,
            });
        }
        undo.extend(restore(key, original, after, &facts.rotations));
    }
    let changed = delete.len() + insert.len();
    store::delete_assignments(tx, &delete).await?;
    store::insert_assignments(tx, &insert).await?;
    Ok(Applied {
        undo,
        changed,
        written: insert.iter().map(|a| a.id).collect(),
        removed: delete,
    })
}

fn rotation_by_code<'a>(rotations: &'a [RotationType], code: &str) -> Result<&'a RotationType> {
    let code = code.trim();
    rotations
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code))
        .ok_or_else(|| {
            Error::invalid(
                "rotationCode",
                format!("There is no rotation with the code '{code}' in this program"),
            )
        })
}

/// Sets one part of a resident's block. Setting a half of a block held whole keeps the other half
/// as it was.
fn apply(slots: &mut Vec<Slot>, edit: &CellEdit, rotation: Option<&RotationType>) {
    if let Some(half) = edit.half
        && let Some(whole) = slots.iter().position(|s| s.half.is_none())
    {
        let kept = slots.remove(whole);
        let other = match half {
            Half::First => Half::Second,
            Half::Second => Half::First,
        };
        slots.push(Slot {
            id: None,
            half: Some(other),
            ..kept
        });
    }
    slots.retain(|s| !s.covers(edit.half));
    if let Some(r) = rotation {
        slots.push(Slot {
            id: None,
            half: edit.half,
            rotation: r.id,
            site: edit.site_id.or(r.default_site_id),
            supervisor: edit.supervisor_id.or(r.default_supervisor_id),
            locked: false,
        });
    }
}

/// The edits that bring a resident's block back from `after` to `original`.
fn restore(
    key: &Key,
    original: &[Slot],
    after: &[Slot],
    rotations: &[RotationType],
) -> Vec<CellEdit> {
    let code = |s: &Slot| {
        rotations
            .iter()
            .find(|r| r.id == s.rotation)
            .map(|r| r.code.clone())
    };
    let edit = |half: Option<Half>, slot: Option<&Slot>| CellEdit {
        resident_id: key.0,
        block_id: key.1,
        half,
        rotation_code: slot.and_then(code),
        site_id: slot.and_then(|s| s.site),
        supervisor_id: slot.and_then(|s| s.supervisor),
        expected: None,
    };
    let mut out = match original {
        [] => vec![edit(None, None)],
        [whole] if whole.half.is_none() => vec![edit(None, Some(whole))],
        halves => [Half::First, Half::Second]
            .into_iter()
            .map(|h| edit(Some(h), halves.iter().find(|s| s.half == Some(h))))
            .collect(),
    };
    if let Some(first) = out.first_mut() {
        first.expected = Some(after.iter().filter_map(|s| s.id).collect());
    }
    out
}

/// Locks or unlocks residents' blocks (whole blocks: both halves of a split one).
pub async fn set_locked(
    pool: &PgPool,
    actor: &Actor,
    year: AcademicYearId,
    cells: Vec<(ResidentId, BlockId)>,
    locked: bool,
) -> Result<ScheduleGrid> {
    let mut tx = db::begin(pool, actor).await?;
    if !store::lock_year_schedule(&mut tx, year).await? {
        return Err(Error::not_found("The academic year"));
    }
    let loaded = grid::load(&mut tx, year).await?;
    let cells: std::collections::HashSet<(ResidentId, BlockId)> = cells.into_iter().collect();
    let ids: Vec<AssignmentId> = loaded
        .facts
        .assignments
        .iter()
        .filter(|a| cells.contains(&(a.resident_id, a.block_id)))
        .map(|a| a.id)
        .collect();
    store::set_locked(&mut tx, &ids, locked).await?;
    tx.commit().await?;
    grid::grid(pool, year).await
}
