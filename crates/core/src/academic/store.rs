//! SQL of the academic room: years and blocks.

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::{AcademicYear, Block, PlannedBlock};
use crate::Result;
use crate::ids::{AcademicYearId, BlockId, ProgramId};

pub struct NewYearRow<'a> {
    pub id: AcademicYearId,
    pub program: ProgramId,
    pub name: &'a str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub is_current: bool,
}

pub async fn insert_year(conn: &mut PgConnection, row: &NewYearRow<'_>) -> Result<()> {
    sqlx::query!(
        "insert into academic_years (id, program_id, name, start_date, end_date, is_current) values ($1, $2, $3, $4, $5, $6)",
        row.id.0,
        row.program.0,
        row.name,
        row.start,
        row.end,
        row.is_current
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn year(conn: &mut PgConnection, id: AcademicYearId) -> Result<Option<AcademicYear>> {
    Ok(sqlx::query_as!(
        AcademicYear,
        r#"select y.id as "id: AcademicYearId", y.program_id as "program_id: ProgramId", y.name, y.start_date, y.end_date,
                  y.is_current, y.allow_gaps, y.block_pattern,
                  (select count(*) from blocks b where b.academic_year_id = y.id)::int as "block_count!", y.version
           from academic_years y where y.id = $1"#,
        id.0
    )
    .fetch_optional(conn)
    .await?)
}

/// Locks the year's row for the rest of the transaction, so two desktops generating blocks
/// for the same year take turns.
pub async fn lock_year(conn: &mut PgConnection, id: AcademicYearId) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        "select id from academic_years where id = $1 for update",
        id.0
    )
    .fetch_optional(conn)
    .await?
    .is_some())
}

pub async fn years_of_program(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Vec<AcademicYear>> {
    Ok(sqlx::query_as!(
        AcademicYear,
        r#"select y.id as "id: AcademicYearId", y.program_id as "program_id: ProgramId", y.name, y.start_date, y.end_date,
                  y.is_current, y.allow_gaps, y.block_pattern,
                  (select count(*) from blocks b where b.academic_year_id = y.id)::int as "block_count!", y.version
           from academic_years y where y.program_id = $1 order by y.start_date desc"#,
        program.0
    )
    .fetch_all(conn)
    .await?)
}

/// Another year of the program whose dates overlap the given ones.
pub async fn overlapping_year(
    conn: &mut PgConnection,
    program: ProgramId,
    start: NaiveDate,
    end: NaiveDate,
    except: Option<AcademicYearId>,
) -> Result<Option<(String, NaiveDate, NaiveDate)>> {
    let row = sqlx::query!(
        "select name, start_date, end_date from academic_years
         where program_id = $1 and start_date <= $3 and $2 <= end_date and ($4::uuid is null or id <> $4)
         order by start_date limit 1",
        program.0,
        start,
        end,
        except.map(|y| y.0)
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.name, r.start_date, r.end_date)))
}

pub async fn has_current_year(conn: &mut PgConnection, program: ProgramId) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from academic_years where program_id = $1 and is_current) as "exists!""#,
        program.0
    )
    .fetch_one(conn)
    .await?)
}

pub async fn clear_current(
    conn: &mut PgConnection,
    program: ProgramId,
    except: Option<AcademicYearId>,
) -> Result<()> {
    sqlx::query!(
        "update academic_years set is_current = false where program_id = $1 and is_current and ($2::uuid is null or id <> $2)",
        program.0,
        except.map(|y| y.0)
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct YearChange<'a> {
    pub id: AcademicYearId,
    pub version: i32,
    pub name: &'a str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub is_current: bool,
    pub allow_gaps: bool,
}

/// Writes the change only if nobody changed the year since `version` was read; false otherwise.
pub async fn update_year(conn: &mut PgConnection, c: &YearChange<'_>) -> Result<bool> {
    let done = sqlx::query!(
        "update academic_years set name = $3, start_date = $4, end_date = $5, is_current = $6, allow_gaps = $7
         where id = $1 and version = $2",
        c.id.0,
        c.version,
        c.name,
        c.start,
        c.end,
        c.is_current,
        c.allow_gaps
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_block_pattern(
    conn: &mut PgConnection,
    id: AcademicYearId,
    pattern: &str,
) -> Result<()> {
    sqlx::query!(
        "update academic_years set block_pattern = $2 where id = $1",
        id.0,
        pattern
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_year(
    conn: &mut PgConnection,
    id: AcademicYearId,
    version: i32,
) -> Result<bool> {
    let done = sqlx::query!(
        "delete from academic_years where id = $1 and version = $2",
        id.0,
        version
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn blocks_of_year(conn: &mut PgConnection, year: AcademicYearId) -> Result<Vec<Block>> {
    Ok(sqlx::query_as!(
        Block,
        r#"select id as "id: BlockId", academic_year_id as "year_id: AcademicYearId", block_number as number, name,
                  start_date, end_date, split_date, (end_date - start_date + 1)::int as "days!", version
           from blocks where academic_year_id = $1 order by start_date, block_number"#,
        year.0
    )
    .fetch_all(conn)
    .await?)
}

pub async fn block(conn: &mut PgConnection, id: BlockId) -> Result<Option<Block>> {
    Ok(sqlx::query_as!(
        Block,
        r#"select id as "id: BlockId", academic_year_id as "year_id: AcademicYearId", block_number as number, name,
                  start_date, end_date, split_date, (end_date - start_date + 1)::int as "days!", version
           from blocks where id = $1"#,
        id.0
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn delete_blocks_of_year(conn: &mut PgConnection, year: AcademicYearId) -> Result<u64> {
    Ok(
        sqlx::query!("delete from blocks where academic_year_id = $1", year.0)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

pub async fn insert_block(
    conn: &mut PgConnection,
    year: AcademicYearId,
    planned: &PlannedBlock,
) -> Result<()> {
    sqlx::query!(
        "insert into blocks (id, academic_year_id, block_number, name, start_date, end_date, split_date)
         values ($1, $2, $3, $4, $5, $6, $7)",
        BlockId::new().0,
        year.0,
        planned.number,
        planned.name,
        planned.start_date,
        planned.end_date,
        planned.split_date
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct BlockChange<'a> {
    pub id: BlockId,
    pub version: i32,
    pub name: &'a str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub split: Option<NaiveDate>,
}

/// Writes the change only if nobody changed the block since `version` was read; false otherwise.
pub async fn update_block(conn: &mut PgConnection, c: &BlockChange<'_>) -> Result<bool> {
    let done = sqlx::query!(
        "update blocks set name = $3, start_date = $4, end_date = $5, split_date = $6 where id = $1 and version = $2",
        c.id.0,
        c.version,
        c.name,
        c.start,
        c.end,
        c.split
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
