//! "Propose schedule": build the solver's instance from a year's schedule, solve it with progress
//! and cancellation, show what would change (cells, the objective's parts, any rule the proposal
//! still breaks); apply it as one edit of many cells, recorded so the latest can be undone.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checks::{self, Conflict, ScheduleFacts};
use super::edit::{self, CellEdit};
use super::grid::{self, ScheduleGrid};
use super::instance::{self, Built, Period};
use super::solver::{self, Objective, Solution, SolveOptions, SolveOutcome};
use super::{Half, RotationAssignment, periods, proposal_store, store};
use crate::db::{self, Actor, PgPool};
use crate::ids::{AcademicYearId, AssignmentId, BlockId, ResidentId, ScheduleApplicationId};
use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposeOptions {
    /// Seconds the solver may take (fractions allowed).
    pub time_limit_secs: f64,
    #[serde(default)]
    #[ts(type = "number")]
    pub seed: u64,
    /// Keep every assignment already made, and fill only the empty cells.
    #[serde(default)]
    pub keep_existing: bool,
}

/// The objective and its parts, as the diff shows them: each part's count and what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ObjectiveParts {
    /// Cost of the elective requests not met (10, 6 or 3 each by rank).
    #[ts(type = "number")]
    pub unmet_requests_cost: i64,
    /// Heavy blocks directly after a heavy block, over all residents.
    #[ts(type = "number")]
    pub heavy_pairs: i64,
    #[ts(type = "number")]
    pub heavy_pairs_cost: i64,
    /// Over the PGY levels: most heavy blocks minus fewest within the level.
    #[ts(type = "number")]
    pub heavy_spread: i64,
    #[ts(type = "number")]
    pub heavy_spread_cost: i64,
    #[ts(type = "number")]
    pub total: i64,
}

impl From<Objective> for ObjectiveParts {
    fn from(o: Objective) -> Self {
        ObjectiveParts {
            unmet_requests_cost: o.unmet_requests,
            heavy_pairs: o.heavy_pairs,
            heavy_pairs_cost: o.heavy_pairs * instance::WEIGHTS.consecutive_heavy_pair,
            heavy_spread: o.heavy_spread,
            heavy_spread_cost: o.heavy_spread * instance::WEIGHTS.heavy_spread,
            total: o.total,
        }
    }
}

/// Each better schedule the solver finds while it works.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProposalProgress {
    pub elapsed_ms: u32,
    pub objective: ObjectiveParts,
}

/// One cell the proposal changes, in codes ("GS", "GS/TRA" for halves, "" for empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CellChange {
    pub resident_id: ResidentId,
    pub resident: String,
    pub block_id: BlockId,
    pub block: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub objective: ObjectiveParts,
    pub first_feasible_ms: u32,
    pub improvements: u32,
    pub changes: Vec<CellChange>,
    /// The edits "Apply" makes (only the cells that change).
    pub edits: Vec<CellEdit>,
    /// Rules the solver does not weigh (site capacity, agreements, partial leave) that the
    /// proposed schedule would still break.
    pub conflicts_after: Vec<Conflict>,
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ProposalOutcome {
    Proposed(Proposal),
    /// No schedule can satisfy every rule; each reason names rules that clash.
    Impossible {
        reasons: Vec<String>,
    },
    /// None was found in the time given (not a proof that none exists).
    NotFound {
        reason: String,
    },
}

/// A cell's content as text: "GS", "GS/TRA", "/TRA" or "".
fn cell_text(rows: &[&RotationAssignment], code: &dyn Fn(&RotationAssignment) -> String) -> String {
    let part = |h: Option<Half>| {
        rows.iter()
            .find(|a| a.half == h)
            .map_or(String::new(), |a| code(a))
    };
    if let Some(whole) = rows.iter().find(|a| a.half.is_none()) {
        return code(whole);
    }
    if rows.is_empty() {
        return String::new();
    }
    format!("{}/{}", part(Some(Half::First)), part(Some(Half::Second)))
}

/// A period of a block and the rotation proposed for it (`None`: leave).
type PeriodCode = (Period, Option<String>);

/// The edits that turn the stored schedule into the solution, and the cells they change.
pub(crate) fn diff(
    facts: &ScheduleFacts,
    built: &Built,
    solution: &Solution,
) -> (Vec<CellEdit>, Vec<CellChange>) {
    let code_of: HashMap<_, _> = facts
        .rotations
        .iter()
        .map(|r| (r.id, r.code.clone()))
        .collect();
    let code = |a: &RotationAssignment| {
        code_of
            .get(&a.rotation_type_id)
            .cloned()
            .unwrap_or_default()
    };
    let index = built.instance.resident_indexes();
    // (resident, block) -> the proposed code per period of the block.
    let mut proposed: BTreeMap<(ResidentId, BlockId), Vec<PeriodCode>> = BTreeMap::new();
    for a in &solution.assignments {
        let (Some(i), Ok(k)) = (index.get(a.resident_id.as_str()), usize::try_from(a.block)) else {
            continue;
        };
        let Some(p) = built.periods.get(k) else {
            continue;
        };
        let rotation =
            (a.rotation_code != solver::instance::LEAVE).then(|| a.rotation_code.clone());
        proposed
            .entry((built.residents[*i], p.block))
            .or_default()
            .push((*p, rotation));
    }
    let mut current: HashMap<(ResidentId, BlockId), Vec<&RotationAssignment>> = HashMap::new();
    for a in &facts.assignments {
        current
            .entry((a.resident_id, a.block_id))
            .or_default()
            .push(a);
    }
    let names: HashMap<_, _> = facts
        .residents
        .iter()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let blocks: HashMap<_, _> = facts
        .blocks
        .iter()
        .map(|b| (b.id, b.name.as_str()))
        .collect();
    let mut edits = Vec::new();
    let mut changes = Vec::new();
    for ((resident, block), parts) in proposed {
        let now = current
            .get(&(resident, block))
            .map_or(&[][..], Vec::as_slice);
        let before = cell_text(now, &code);
        let after = match parts.as_slice() {
            [(_, whole)] => whole.clone().unwrap_or_default(),
            [(_, a), (_, b)] if a == b && a.is_some() => a.clone().unwrap_or_default(),
            halves => halves
                .iter()
                .map(|(_, c)| c.clone().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("/"),
        };
        let after = if after == "/" { String::new() } else { after };
        if before == after {
            continue;
        }
        let expected = Some(now.iter().map(|a| a.id).collect::<Vec<AssignmentId>>());
        let edit = |half: Option<Half>, rotation_code: Option<String>| CellEdit {
            resident_id: resident,
            block_id: block,
            half,
            rotation_code,
            site_id: None,
            supervisor_id: None,
            expected: None,
        };
        let mut these: Vec<CellEdit> = if after.contains('/') {
            parts.iter().map(|(p, c)| edit(p.half, c.clone())).collect()
        } else {
            vec![edit(None, (!after.is_empty()).then(|| after.clone()))]
        };
        if let Some(first) = these.first_mut() {
            first.expected = expected;
        }
        edits.extend(these);
        changes.push(CellChange {
            resident_id: resident,
            resident: names.get(&resident).copied().unwrap_or("?").to_string(),
            block_id: block,
            block: blocks.get(&block).copied().unwrap_or("?").to_string(),
            before,
            after,
        });
    }
    (edits, changes)
}

/// The schedule as it would be after the edits, for the live checks.
fn after_edits(facts: &ScheduleFacts, built: &Built, solution: &Solution) -> ScheduleFacts {
    let mut next = facts.clone();
    // The proposal's residents get its rows; everyone else keeps theirs.
    let touched: std::collections::HashSet<ResidentId> = built.residents.iter().copied().collect();
    next.assignments
        .retain(|a| !touched.contains(&a.resident_id));
    let rotation_by_code: HashMap<&str, _> = facts
        .rotations
        .iter()
        .map(|r| (r.code.as_str(), r.id))
        .collect();
    let blocks: HashMap<_, _> = facts.blocks.iter().map(|b| (b.id, b)).collect();
    let index = built.instance.resident_indexes();
    for a in &solution.assignments {
        let (Some(&i), Ok(k)) = (index.get(a.resident_id.as_str()), usize::try_from(a.block))
        else {
            continue;
        };
        let (Some(p), Some(rotation)) = (
            built.periods.get(k),
            rotation_by_code.get(a.rotation_code.as_str()),
        ) else {
            continue;
        };
        let Some((start, end)) = blocks.get(&p.block).and_then(|b| periods::dates(b, p.half))
        else {
            continue;
        };
        next.assignments.push(RotationAssignment {
            id: AssignmentId::new(),
            resident_id: built.residents[i],
            rotation_type_id: *rotation,
            block_id: p.block,
            half: p.half,
            start_date: start,
            end_date: end,
            site_id: None,
            supervisor_id: None,
            is_locked: false,
            version: 1,
        });
    }
    next
}

/// Solves a year's instance off the async threads (the solver keeps both cores busy), handing
/// the instance back with the outcome.
pub(crate) async fn solve_built(
    built: Built,
    options: SolveOptions,
    cancel: Arc<AtomicBool>,
    mut on_improve: impl FnMut(&solver::Improvement) + Send + 'static,
) -> Result<(Built, SolveOutcome)> {
    let (built, outcome) = tokio::task::spawn_blocking(move || {
        let outcome = solver::solve(&built.instance, &options, &cancel, &mut on_improve);
        (built, outcome)
    })
    .await
    .map_err(|e| Error::Unavailable(format!("The solver stopped ({e})")))?;
    let outcome = outcome
        .map_err(|e| Error::invalid("schedule", format!("The schedule cannot be proposed: {e}")))?;
    Ok((built, outcome))
}

/// Proposes a whole schedule for the year. Writes nothing.
pub async fn propose(
    pool: &PgPool,
    year: AcademicYearId,
    options: ProposeOptions,
    cancel: Arc<AtomicBool>,
    mut progress: impl FnMut(ProposalProgress) + Send + 'static,
) -> Result<ProposalOutcome> {
    if !(options.time_limit_secs.is_finite()
        && options.time_limit_secs > 0.0
        && options.time_limit_secs <= 3600.0)
    {
        return Err(Error::invalid(
            "timeLimitSecs",
            "Give the solver between a moment and an hour",
        ));
    }
    let mut conn = pool.acquire().await?;
    let loaded = grid::load(&mut conn, year).await?;
    drop(conn);
    let facts = loaded.facts;
    let built = instance::build(&facts, &loaded.requests, options.keep_existing)?;
    let solve_options = SolveOptions {
        time_limit: Duration::from_secs_f64(options.time_limit_secs),
        seed: options.seed,
        threads: 2,
        max_iterations: None,
    };
    let (built, outcome) = solve_built(built, solve_options, cancel, move |i| {
        progress(ProposalProgress {
            elapsed_ms: u32::try_from(i.elapsed.as_millis()).unwrap_or(u32::MAX),
            objective: i.objective.into(),
        })
    })
    .await?;
    Ok(match outcome {
        SolveOutcome::Infeasible { reasons } => ProposalOutcome::Impossible { reasons },
        SolveOutcome::NotFound { reason, .. } => ProposalOutcome::NotFound { reason },
        SolveOutcome::Solved {
            solution,
            objective,
            first_feasible,
            improvements,
        } => {
            let (edits, changes) = diff(&facts, &built, &solution);
            let after = after_edits(&facts, &built, &solution);
            ProposalOutcome::Proposed(Proposal {
                objective: objective.into(),
                first_feasible_ms: u32::try_from(first_feasible.as_millis()).unwrap_or(u32::MAX),
                improvements: u32::try_from(improvements.len()).unwrap_or(u32::MAX),
                changes,
                edits,
                conflicts_after: checks::check(&after),
                left_out: built.left_out,
            })
        }
    })
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppliedProposal {
    pub grid: ScheduleGrid,
    pub changed: u32,
}

/// Writes a proposal's edits in one transaction and records how to undo them. Refused, with
/// nothing written, when a cell it changes was changed since the proposal was made.
pub async fn apply_proposal(
    pool: &PgPool,
    actor: &Actor,
    year: AcademicYearId,
    edits: Vec<CellEdit>,
    objective: ObjectiveParts,
) -> Result<AppliedProposal> {
    let mut tx = db::begin(pool, actor).await?;
    if !store::lock_year_schedule(&mut tx, year).await? {
        return Err(Error::not_found("The academic year"));
    }
    let loaded = grid::load(&mut tx, year).await?;
    let done = edit::apply_edits(&mut tx, &loaded.facts, &edits).await?;
    let undo = serde_json::to_value(&done.undo).map_err(|e| {
        Error::io(
            "The proposal could not be recorded",
            std::io::Error::other(e),
        )
    })?;
    let objective = serde_json::to_value(objective).map_err(|e| {
        Error::io(
            "The proposal could not be recorded",
            std::io::Error::other(e),
        )
    })?;
    let written: Vec<uuid::Uuid> = done.written.iter().map(|a| a.0).collect();
    proposal_store::insert_application(
        &mut tx,
        ScheduleApplicationId::new(),
        year,
        &undo,
        &written,
        &objective,
    )
    .await?;
    tx.commit().await?;
    Ok(AppliedProposal {
        grid: grid::grid(pool, year).await?,
        changed: u32::try_from(done.changed).unwrap_or(u32::MAX),
    })
}

/// Restores the schedule as it was before the year's latest applied proposal. Refused, with
/// nothing written, when a cell the proposal wrote was changed since.
pub async fn undo_proposal(
    pool: &PgPool,
    actor: &Actor,
    year: AcademicYearId,
) -> Result<AppliedProposal> {
    let mut tx = db::begin(pool, actor).await?;
    if !store::lock_year_schedule(&mut tx, year).await? {
        return Err(Error::not_found("The academic year"));
    }
    let Some(last) = proposal_store::latest_application(&mut tx, year).await? else {
        return Err(Error::not_found("An applied proposal to undo"));
    };
    let edits: Vec<CellEdit> = serde_json::from_value(last.undo).map_err(|e| {
        Error::io(
            "The recorded proposal could not be read",
            std::io::Error::other(e),
        )
    })?;
    let loaded = grid::load(&mut tx, year).await?;
    let done = edit::apply_edits(&mut tx, &loaded.facts, &edits).await.map_err(|e| match e {
        Error::Conflict { .. } => Error::conflict(
            "The schedule was edited after the proposal was applied, so undoing it would overwrite those edits. Nothing was changed.",
        ),
        other => other,
    })?;
    proposal_store::mark_undone(&mut tx, last.id).await?;
    tx.commit().await?;
    Ok(AppliedProposal {
        grid: grid::grid(pool, year).await?,
        changed: u32::try_from(done.changed).unwrap_or(u32::MAX),
    })
}
