//! What a coordinator does with years and blocks, one transaction per action: create a year,
//! preview and generate its blocks, edit a block, change or delete a year.

use chrono::Days;
use sqlx::{PgConnection, PgPool};

use super::pattern::BlockPattern;
use super::plan::{PlanSpec, plan_blocks};
use super::rules::{BlockSpan, YearSpan, check_against_others, check_block};
use super::store::{self, BlockChange, NewYearRow, YearChange};
use super::{
    AcademicYear, Block, BlockEditInput, BlockPlan, BlockPlanInput, GenerateBlocksInput,
    NewYearInput, YearEditInput,
};
use crate::db::{self, Actor};
use crate::ids::{AcademicYearId, ProgramId};
use crate::org::store as org_store;
use crate::{Error, Result, input};

const MAX_YEAR_DAYS: i64 = 731;

fn year_span(year: &AcademicYear) -> YearSpan {
    YearSpan {
        name: year.name.clone(),
        start: year.start_date,
        end: year.end_date,
        allow_gaps: year.allow_gaps,
    }
}

fn span(block: &Block) -> BlockSpan {
    BlockSpan {
        name: block.name.clone(),
        start: block.start_date,
        end: block.end_date,
        split: block.split_date,
    }
}

async fn year_or_not_found(conn: &mut PgConnection, id: AcademicYearId) -> Result<AcademicYear> {
    store::year(conn, id)
        .await?
        .ok_or_else(|| Error::not_found("The academic year"))
}

/// Parses and checks a year's name and dates.
fn year_fields(
    name: &str,
    start: &str,
    end: &str,
) -> Result<(String, chrono::NaiveDate, chrono::NaiveDate)> {
    let name = input::text("name", "Year name", name, 50)?;
    let start = input::date("startDate", "Start date", start)?;
    let end = input::date("endDate", "End date", end)?;
    if end <= start {
        return Err(Error::invalid(
            "endDate",
            format!("The year must end after it starts ({start})"),
        ));
    }
    if (end - start).num_days() > MAX_YEAR_DAYS {
        return Err(Error::invalid(
            "endDate",
            "An academic year can last at most two years",
        ));
    }
    Ok((name, start, end))
}

async fn refuse_overlap(
    conn: &mut PgConnection,
    program: ProgramId,
    name: &str,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    except: Option<AcademicYearId>,
) -> Result<()> {
    if let Some((other, s, e)) = store::overlapping_year(conn, program, start, end, except).await? {
        return Err(Error::Conflict {
            message: format!(
                "{name} ({start}..{end}) overlaps the academic year {other}: {s}..{e}"
            ),
            field: Some("startDate"),
        });
    }
    Ok(())
}

/// Creates an academic year. The program's first year becomes its current one.
pub async fn create_year(pool: &PgPool, actor: &Actor, new: NewYearInput) -> Result<AcademicYear> {
    let (name, start, end) = year_fields(&new.name, &new.start_date, &new.end_date)?;
    let mut tx = db::begin(pool, actor).await?;
    org_store::program_by_id(&mut tx, new.program_id)
        .await?
        .ok_or_else(|| Error::not_found("The program"))?;
    refuse_overlap(&mut tx, new.program_id, &name, start, end, None).await?;
    let is_current = new.is_current || !store::has_current_year(&mut tx, new.program_id).await?;
    if is_current {
        store::clear_current(&mut tx, new.program_id, None).await?;
    }
    let id = AcademicYearId::new();
    store::insert_year(
        &mut tx,
        &NewYearRow {
            id,
            program: new.program_id,
            name: &name,
            start,
            end,
            is_current,
        },
    )
    .await?;
    let year = year_or_not_found(&mut tx, id).await?;
    tx.commit().await?;
    Ok(year)
}

/// Changes a year's name, dates, current flag or gap rule, if nobody changed it meanwhile.
pub async fn update_year(
    pool: &PgPool,
    actor: &Actor,
    edit: YearEditInput,
) -> Result<AcademicYear> {
    let (name, start, end) = year_fields(&edit.name, &edit.start_date, &edit.end_date)?;
    let mut tx = db::begin(pool, actor).await?;
    let year = year_or_not_found(&mut tx, edit.id).await?;
    if year.version != edit.version {
        return Err(Error::stale(&format!("The academic year {}", year.name)));
    }
    refuse_overlap(&mut tx, year.program_id, &name, start, end, Some(year.id)).await?;
    let new_span = YearSpan {
        name: name.clone(),
        start,
        end,
        allow_gaps: edit.allow_gaps,
    };
    let blocks = store::blocks_of_year(&mut tx, year.id).await?;
    if let (Some(first), Some(last)) = (blocks.first(), blocks.last()) {
        check_block(&new_span, &span(first))?;
        check_block(&new_span, &span(last))?;
        if !edit.allow_gaps && (first.start_date != start || last.end_date != end) {
            let field = if first.start_date != start {
                "startDate"
            } else {
                "endDate"
            };
            return Err(Error::invalid(
                field,
                format!(
                    "The blocks run {}..{}; the year's dates must match them unless the year allows gaps",
                    first.start_date, last.end_date
                ),
            ));
        }
    }
    if edit.is_current {
        store::clear_current(&mut tx, year.program_id, Some(year.id)).await?;
    }
    let change = YearChange {
        id: year.id,
        version: edit.version,
        name: &name,
        start,
        end,
        is_current: edit.is_current,
        allow_gaps: edit.allow_gaps,
    };
    if !store::update_year(&mut tx, &change).await? {
        return Err(Error::stale(&format!("The academic year {}", year.name)));
    }
    let year = year_or_not_found(&mut tx, edit.id).await?;
    tx.commit().await?;
    Ok(year)
}

/// Deletes a year and its blocks, unless anything refers to its blocks; the error says what does.
pub async fn delete_year(
    pool: &PgPool,
    actor: &Actor,
    id: AcademicYearId,
    version: i32,
) -> Result<()> {
    let mut tx = db::begin(pool, actor).await?;
    let year = year_or_not_found(&mut tx, id).await?;
    let deleted = store::delete_year(&mut tx, id, version)
        .await
        .map_err(|e| match e {
            Error::InUse { by } => Error::conflict(format!(
                "The academic year {} cannot be deleted: {by} still refer to its blocks",
                year.name
            )),
            other => other,
        })?;
    if !deleted {
        return Err(Error::stale(&format!("The academic year {}", year.name)));
    }
    tx.commit().await?;
    Ok(())
}

pub async fn list_years(pool: &PgPool, program: ProgramId) -> Result<Vec<AcademicYear>> {
    let mut conn = pool.acquire().await?;
    store::years_of_program(&mut conn, program).await
}

/// Finds a program's year by name (`2026-2027`).
pub async fn year_by_name(pool: &PgPool, program: ProgramId, name: &str) -> Result<AcademicYear> {
    list_years(pool, program)
        .await?
        .into_iter()
        .find(|y| y.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| Error::not_found(format!("The academic year {}", name.trim())))
}

pub async fn year_by_id(pool: &PgPool, id: AcademicYearId) -> Result<AcademicYear> {
    let mut conn = pool.acquire().await?;
    year_or_not_found(&mut conn, id).await
}

pub async fn list_blocks(pool: &PgPool, year: AcademicYearId) -> Result<Vec<Block>> {
    let mut conn = pool.acquire().await?;
    store::blocks_of_year(&mut conn, year).await
}

fn spec_for(year: &AcademicYear, plan: &BlockPlanInput) -> Result<PlanSpec> {
    Ok(PlanSpec {
        year_start: year.start_date,
        year_end: year.end_date,
        pattern: BlockPattern::parse(&plan.pattern)?,
        switch_day: input::optional_date(
            "switchDay",
            "Rotation switch day",
            plan.switch_day.as_deref(),
        )?,
        leftover: plan.leftover,
        split_halves: plan.split_halves,
    })
}

/// The blocks generating would create, without writing anything.
pub async fn preview_blocks(pool: &PgPool, plan: BlockPlanInput) -> Result<BlockPlan> {
    let mut conn = pool.acquire().await?;
    let year = year_or_not_found(&mut conn, plan.year_id).await?;
    let planned = plan_blocks(&spec_for(&year, &plan)?)?;
    Ok(BlockPlan {
        blocks: planned.blocks,
        leftover_days: planned.leftover_days,
        existing_blocks: year.block_count,
    })
}

/// Generates a year's blocks. Replacing existing blocks needs `replace_existing`: the user saw the preview.
pub async fn generate_blocks(
    pool: &PgPool,
    actor: &Actor,
    request: GenerateBlocksInput,
) -> Result<Vec<Block>> {
    let mut tx = db::begin(pool, actor).await?;
    if !store::lock_year(&mut tx, request.plan.year_id).await? {
        return Err(Error::not_found("The academic year"));
    }
    let year = year_or_not_found(&mut tx, request.plan.year_id).await?;
    let spec = spec_for(&year, &request.plan)?;
    let planned = plan_blocks(&spec)?;
    if year.block_count > 0 && !request.replace_existing {
        return Err(Error::conflict(format!(
            "The academic year {} already has {} blocks. Look at the preview and confirm to replace them.",
            year.name, year.block_count
        )));
    }
    store::delete_blocks_of_year(&mut tx, year.id)
        .await
        .map_err(|e| match e {
            Error::InUse { by } => Error::conflict(format!(
                "The blocks of {} cannot be replaced: {by} still refer to them",
                year.name
            )),
            other => other,
        })?;
    for block in &planned.blocks {
        store::insert_block(&mut tx, year.id, block).await?;
    }
    store::set_block_pattern(&mut tx, year.id, &spec.pattern.to_string()).await?;
    let blocks = store::blocks_of_year(&mut tx, year.id).await?;
    tx.commit().await?;
    Ok(blocks)
}

/// Edits one block's name and dates. With `move_neighbours`, the blocks on either side follow the
/// new boundaries so no gap opens. A stale version is a conflict and nothing is written.
pub async fn update_block(
    pool: &PgPool,
    actor: &Actor,
    edit: BlockEditInput,
) -> Result<Vec<Block>> {
    let name = input::text("name", "Block name", &edit.name, 50)?;
    let start = input::date("startDate", "Start date", &edit.start_date)?;
    let end = input::date("endDate", "End date", &edit.end_date)?;
    let split = input::optional_date("splitDate", "Split date", edit.split_date.as_deref())?;

    let mut tx = db::begin(pool, actor).await?;
    let current = store::block(&mut tx, edit.id)
        .await?
        .ok_or_else(|| Error::not_found("The block"))?;
    if !store::lock_year(&mut tx, current.year_id).await? {
        return Err(Error::not_found("The academic year"));
    }
    if current.version != edit.version {
        return Err(Error::stale(&current.name));
    }
    let year = year_or_not_found(&mut tx, current.year_id).await?;
    let blocks = store::blocks_of_year(&mut tx, year.id).await?;
    let edited = BlockSpan {
        name: name.clone(),
        start,
        end,
        split,
    };
    let year_rules = year_span(&year);
    check_block(&year_rules, &edited)?;

    let mut moved: Vec<(&Block, BlockSpan)> = Vec::new();
    if edit.move_neighbours {
        if let Some(prev) = blocks
            .iter()
            .find(|b| b.end_date + Days::new(1) == current.start_date)
            && start != current.start_date
        {
            let new_end = start.pred_opt().unwrap_or(start);
            moved.push((
                prev,
                BlockSpan {
                    end: new_end,
                    ..span(prev)
                },
            ));
        }
        if let Some(next) = blocks
            .iter()
            .find(|b| current.end_date + Days::new(1) == b.start_date)
            && end != current.end_date
        {
            let new_start = end.succ_opt().unwrap_or(end);
            moved.push((
                next,
                BlockSpan {
                    start: new_start,
                    ..span(next)
                },
            ));
        }
        for (_, neighbour) in &moved {
            check_block(&year_rules, neighbour).map_err(|e| match e {
                Error::Invalid { message, .. } => Error::invalid(
                    if neighbour.end < edited.start {
                        "startDate"
                    } else {
                        "endDate"
                    },
                    format!("Moving {}'s boundary: {message}", neighbour.name),
                ),
                other => other,
            })?;
        }
    }
    let others: Vec<BlockSpan> = blocks
        .iter()
        .filter(|b| b.id != current.id)
        .map(|b| {
            moved
                .iter()
                .find(|(m, _)| m.id == b.id)
                .map_or_else(|| span(b), |(_, s)| s.clone())
        })
        .collect();
    check_against_others(&year_rules, &edited, &others)?;

    let change = BlockChange {
        id: current.id,
        version: edit.version,
        name: &name,
        start,
        end,
        split,
    };
    if !store::update_block(&mut tx, &change).await? {
        return Err(Error::stale(&current.name));
    }
    for (block, neighbour) in &moved {
        let change = BlockChange {
            id: block.id,
            version: block.version,
            name: &block.name,
            start: neighbour.start,
            end: neighbour.end,
            split: neighbour.split,
        };
        if !store::update_block(&mut tx, &change).await? {
            return Err(Error::stale(&block.name));
        }
    }
    let blocks = store::blocks_of_year(&mut tx, year.id).await?;
    tx.commit().await?;
    Ok(blocks)
}

/// Inside a caller's transaction: a new year with the blocks of `spec` (the demo program and
/// the year rollover make years this way). Making it current clears the program's other current year.
pub(crate) async fn insert_year_with_blocks(
    conn: &mut PgConnection,
    program: ProgramId,
    name: &str,
    spec: &PlanSpec,
    is_current: bool,
) -> Result<AcademicYear> {
    let planned = plan_blocks(spec)?;
    refuse_overlap(conn, program, name, spec.year_start, spec.year_end, None).await?;
    if is_current {
        store::clear_current(conn, program, None).await?;
    }
    let id = AcademicYearId::new();
    store::insert_year(
        conn,
        &NewYearRow {
            id,
            program,
            name,
            start: spec.year_start,
            end: spec.year_end,
            is_current,
        },
    )
    .await?;
    for block in &planned.blocks {
        store::insert_block(conn, id, block).await?;
    }
    store::set_block_pattern(conn, id, &spec.pattern.to_string()).await?;
    year_or_not_found(conn, id).await
}
