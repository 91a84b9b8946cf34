//! SQL for the rotation catalogue: rotation types, their requirements and per-block overrides.

use sqlx::PgConnection;

use super::Requirement;
use super::catalogue::ValidRotation;
use crate::Result;
use crate::ids::{BlockId, CoverageOverrideId, ProgramId, RequirementId, RotationTypeId};

pub async fn insert_rotation_type(
    conn: &mut PgConnection,
    id: RotationTypeId,
    program: ProgramId,
    r: &ValidRotation,
) -> Result<()> {
    sqlx::query!(
        "insert into rotation_types (id, program_id, code, name, category, colour, heavy, no_back_to_back,
             default_site_id, default_supervisor_id, min_residents, max_residents)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        id.0,
        program.0,
        r.code as _,
        r.name,
        r.category.as_str(),
        r.colour,
        r.heavy,
        r.no_back_to_back,
        r.default_site_id.map(|s| s.0),
        r.default_supervisor_id.map(|s| s.0),
        r.min_residents,
        r.max_residents
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_rotation_type(
    conn: &mut PgConnection,
    id: RotationTypeId,
    version: i32,
    r: &ValidRotation,
) -> Result<bool> {
    let done = sqlx::query!(
        "update rotation_types set code = $3, name = $4, category = $5, colour = $6, heavy = $7,
             no_back_to_back = $8, default_site_id = $9, default_supervisor_id = $10,
             min_residents = $11, max_residents = $12
         where id = $1 and version = $2",
        id.0,
        version,
        r.code as _,
        r.name,
        r.category.as_str(),
        r.colour,
        r.heavy,
        r.no_back_to_back,
        r.default_site_id.map(|s| s.0),
        r.default_supervisor_id.map(|s| s.0),
        r.min_residents,
        r.max_residents
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes the rotation's requirements exactly these, keeping rows whose level stays.
pub async fn replace_requirements(
    conn: &mut PgConnection,
    rotation: RotationTypeId,
    reqs: &[Requirement],
) -> Result<()> {
    let levels: Vec<i32> = reqs.iter().map(|r| r.pgy_level).collect();
    sqlx::query!(
        "delete from rotation_requirements where rotation_type_id = $1 and pgy_level <> all($2)",
        rotation.0,
        &levels
    )
    .execute(&mut *conn)
    .await?;
    for r in reqs {
        sqlx::query!(
            "insert into rotation_requirements (id, rotation_type_id, pgy_level, min_weeks, max_weeks)
             values ($1, $2, $3, $4, $5)
             on conflict (rotation_type_id, pgy_level) do update
               set min_weeks = excluded.min_weeks, max_weeks = excluded.max_weeks
               where (rotation_requirements.min_weeks, rotation_requirements.max_weeks)
                     is distinct from (excluded.min_weeks, excluded.max_weeks)",
            RequirementId::new().0,
            rotation.0,
            r.pgy_level,
            r.min_weeks,
            r.max_weeks
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn set_coverage_override(
    conn: &mut PgConnection,
    rotation: RotationTypeId,
    block: BlockId,
    bounds: Option<(i32, i32)>,
    note: Option<&str>,
) -> Result<()> {
    match bounds {
        None => {
            sqlx::query!(
                "delete from rotation_coverage_overrides where rotation_type_id = $1 and block_id = $2",
                rotation.0,
                block.0
            )
            .execute(conn)
            .await?;
        }
        Some((min, max)) => {
            sqlx::query!(
                "insert into rotation_coverage_overrides (id, rotation_type_id, block_id, min_residents, max_residents, note)
                 values ($1, $2, $3, $4, $5, $6)
                 on conflict (rotation_type_id, block_id) do update
                   set min_residents = excluded.min_residents, max_residents = excluded.max_residents,
                       note = excluded.note",
                CoverageOverrideId::new().0,
                rotation.0,
                block.0,
                min,
                max,
                note
            )
            .execute(conn)
            .await?;
        }
    }
    Ok(())
}

pub async fn set_max_consecutive_heavy(
    conn: &mut PgConnection,
    program: ProgramId,
    blocks: i32,
) -> Result<()> {
    sqlx::query!(
        "update programs set max_consecutive_heavy = $2 where id = $1",
        program.0,
        blocks
    )
    .execute(conn)
    .await?;
    Ok(())
}
