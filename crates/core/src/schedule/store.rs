//! SQL for the schedule of one academic year: the facts the rules read, and assignment writes.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::checks::{AgreementWindow, ResidentFacts, SiteFacts};
use super::grid::FacultyLabel;
use super::{
    CoverageOverride, LeaveKind, LeavePeriod, Requirement, RotationAssignment, RotationCategory,
    RotationType, periods,
};
use crate::Result;
use crate::academic::Block;
use crate::ids::{
    AcademicYearId, AssignmentId, BlockId, FacultyId, LeaveId, ProgramId, ResidentId,
    RotationTypeId, SiteId,
};

/// The program's rotation catalogue with requirements and, for this year's blocks, overrides.
pub async fn rotations(
    conn: &mut PgConnection,
    program: ProgramId,
    year: Option<AcademicYearId>,
) -> Result<Vec<RotationType>> {
    let rows = sqlx::query!(
        r#"select id as "id: RotationTypeId", code::text as "code!", name, category, colour, heavy,
                  no_back_to_back, default_site_id as "default_site_id: SiteId",
                  default_supervisor_id as "default_supervisor_id: FacultyId",
                  min_residents, max_residents, is_active, version
           from rotation_types where program_id = $1 order by category, code"#,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let reqs = sqlx::query!(
        r#"select q.rotation_type_id as "rotation: RotationTypeId", q.pgy_level, q.min_weeks, q.max_weeks
           from rotation_requirements q join rotation_types t on t.id = q.rotation_type_id
           where t.program_id = $1 order by q.pgy_level"#,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let overrides = sqlx::query!(
        r#"select o.rotation_type_id as "rotation: RotationTypeId", o.block_id as "block_id: BlockId",
                  o.min_residents, o.max_residents, o.note
           from rotation_coverage_overrides o join blocks b on b.id = o.block_id
           where b.academic_year_id = $1"#,
        year.map(|y| y.0)
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut requirements: HashMap<RotationTypeId, Vec<Requirement>> = HashMap::new();
    for r in reqs {
        requirements
            .entry(r.rotation)
            .or_default()
            .push(Requirement {
                pgy_level: r.pgy_level,
                min_weeks: r.min_weeks,
                max_weeks: r.max_weeks,
            });
    }
    let mut coverage: HashMap<RotationTypeId, Vec<CoverageOverride>> = HashMap::new();
    for o in overrides {
        coverage
            .entry(o.rotation)
            .or_default()
            .push(CoverageOverride {
                block_id: o.block_id,
                min_residents: o.min_residents,
                max_residents: o.max_residents,
                note: o.note,
            });
    }
    Ok(rows
        .into_iter()
        .map(|r| RotationType {
            id: r.id,
            code: r.code,
            name: r.name,
            category: RotationCategory::parse(&r.category).unwrap_or(RotationCategory::Core),
            colour: r.colour,
            heavy: r.heavy,
            no_back_to_back: r.no_back_to_back,
            default_site_id: r.default_site_id,
            default_supervisor_id: r.default_supervisor_id,
            min_residents: r.min_residents,
            max_residents: r.max_residents,
            is_active: r.is_active,
            requirements: requirements.remove(&r.id).unwrap_or_default(),
            coverage_overrides: coverage.remove(&r.id).unwrap_or_default(),
            version: r.version,
        })
        .collect())
}

/// A resident on the grid: who they are and where they sit.
pub struct ResidentRow {
    pub facts: ResidentFacts,
    pub status: String,
}

/// The residents a year's schedule is about: those still in training, and anyone who already
/// has an assignment in the year. Ordered by PGY level, then name.
pub async fn residents(
    conn: &mut PgConnection,
    program: ProgramId,
    year: AcademicYearId,
) -> Result<Vec<ResidentRow>> {
    let rows = sqlx::query!(
        r#"select r.id as "id: ResidentId", u.first_name || ' ' || u.last_name as "name!",
                  r.pgy_level, r.status
           from residents r join users u on u.id = r.user_id
           where r.program_id = $1
             and (r.status not in ('completed', 'withdrawn')
                  or exists (select 1 from rotation_assignments a join blocks b on b.id = a.block_id
                             where a.resident_id = r.id and b.academic_year_id = $2))
           order by r.pgy_level, u.last_name, u.first_name"#,
        program.0,
        year.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ResidentRow {
            facts: ResidentFacts {
                id: r.id,
                name: r.name,
                pgy: r.pgy_level,
            },
            status: r.status,
        })
        .collect())
}

pub async fn assignments(
    conn: &mut PgConnection,
    year: AcademicYearId,
    blocks: &[Block],
) -> Result<Vec<RotationAssignment>> {
    let rows = sqlx::query!(
        r#"select a.id as "id: AssignmentId", a.resident_id as "resident_id: ResidentId",
                  a.rotation_type_id as "rotation: RotationTypeId", a.block_id as "block_id: BlockId",
                  a.start_date, a.end_date, a.clinical_site_id as "site_id: SiteId",
                  a.supervisor_id as "supervisor_id: FacultyId", a.is_locked, a.version
           from rotation_assignments a join blocks b on b.id = a.block_id
           where b.academic_year_id = $1
           order by a.resident_id, a.start_date"#,
        year.0
    )
    .fetch_all(conn)
    .await?;
    let by_id: HashMap<BlockId, &Block> = blocks.iter().map(|b| (b.id, b)).collect();
    Ok(rows
        .into_iter()
        .map(|r| RotationAssignment {
            id: r.id,
            resident_id: r.resident_id,
            rotation_type_id: r.rotation,
            block_id: r.block_id,
            half: by_id
                .get(&r.block_id)
                .and_then(|b| periods::part_of(b, r.start_date, r.end_date))
                .flatten(),
            start_date: r.start_date,
            end_date: r.end_date,
            site_id: r.site_id,
            supervisor_id: r.supervisor_id,
            is_locked: r.is_locked,
            version: r.version,
        })
        .collect())
}

/// Leave of the program's residents that touches the dates given.
pub async fn leave(
    conn: &mut PgConnection,
    program: ProgramId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<LeavePeriod>> {
    let rows = sqlx::query!(
        r#"select l.id as "id: LeaveId", l.resident_id as "resident_id: ResidentId", l.kind,
                  l.start_date, l.end_date, l.note
           from leave_periods l join residents r on r.id = l.resident_id
           where r.program_id = $1 and l.start_date <= $3 and l.end_date >= $2
           order by l.resident_id, l.start_date"#,
        program.0,
        from,
        to
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| LeavePeriod {
            id: r.id,
            resident_id: r.resident_id,
            kind: LeaveKind::parse(&r.kind).unwrap_or(LeaveKind::Loa),
            start_date: r.start_date,
            end_date: r.end_date,
            note: r.note,
        })
        .collect())
}

/// The sites the program can rotate to, with capacity and the agreement each operates under.
pub async fn sites(conn: &mut PgConnection, program: ProgramId) -> Result<Vec<SiteFacts>> {
    let rows = sqlx::query!(
        r#"select c.id as "id: SiteId", c.code::text as code, c.name, c.capacity, a.status as "status?",
                  a.effective_date as "effective?", a.expiration_date as expires
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join clinical_sites c
             on c.institution_id = s.institution_id
             or c.participation_agreement_id in
                  (select pa.agreement_id from program_agreements pa where pa.program_id = p.id)
           left join participation_agreements a on a.id = c.participation_agreement_id
           where p.id = $1
           order by c.name"#,
        program.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SiteFacts {
            id: r.id,
            code: r.code,
            name: r.name,
            capacity: r.capacity,
            agreement: match (r.status, r.effective) {
                (Some(status), Some(effective)) => Some(AgreementWindow {
                    status,
                    effective,
                    expires: r.expires,
                }),
                _ => None,
            },
        })
        .collect())
}

pub async fn max_consecutive_heavy(conn: &mut PgConnection, program: ProgramId) -> Result<i32> {
    Ok(sqlx::query_scalar!(
        "select max_consecutive_heavy from programs where id = $1",
        program.0
    )
    .fetch_one(conn)
    .await?)
}

/// A new assignment row; the dates are the block's or one of its halves'.
pub struct NewAssignment {
    pub id: AssignmentId,
    pub resident: ResidentId,
    pub rotation: RotationTypeId,
    pub block: BlockId,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub site: Option<SiteId>,
    pub supervisor: Option<FacultyId>,
    pub locked: bool,
}

pub async fn insert_assignments(conn: &mut PgConnection, rows: &[NewAssignment]) -> Result<()> {
    let ids: Vec<_> = rows.iter().map(|r| r.id.0).collect();
    let residents: Vec<_> = rows.iter().map(|r| r.resident.0).collect();
    let rotations: Vec<_> = rows.iter().map(|r| r.rotation.0).collect();
    let blocks: Vec<_> = rows.iter().map(|r| r.block.0).collect();
    let starts: Vec<_> = rows.iter().map(|r| r.start).collect();
    let ends: Vec<_> = rows.iter().map(|r| r.end).collect();
    let sites: Vec<_> = rows.iter().map(|r| r.site.map(|s| s.0)).collect();
    let supervisors: Vec<_> = rows.iter().map(|r| r.supervisor.map(|s| s.0)).collect();
    let locked: Vec<_> = rows.iter().map(|r| r.locked).collect();
    sqlx::query!(
        r#"insert into rotation_assignments
             (id, resident_id, rotation_type_id, block_id, start_date, end_date, clinical_site_id,
              supervisor_id, is_locked)
           select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::date[],
                                $7::uuid[], $8::uuid[], $9::bool[])"#,
        &ids,
        &residents,
        &rotations,
        &blocks,
        &starts,
        &ends,
        &sites as &[Option<uuid::Uuid>],
        &supervisors as &[Option<uuid::Uuid>],
        &locked
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_assignments(conn: &mut PgConnection, ids: &[AssignmentId]) -> Result<u64> {
    let ids: Vec<_> = ids.iter().map(|i| i.0).collect();
    Ok(
        sqlx::query!("delete from rotation_assignments where id = any($1)", &ids)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

pub async fn set_locked(
    conn: &mut PgConnection,
    ids: &[AssignmentId],
    locked: bool,
) -> Result<u64> {
    let ids: Vec<_> = ids.iter().map(|i| i.0).collect();
    Ok(sqlx::query!(
        "update rotation_assignments set is_locked = $2 where id = any($1) and is_locked <> $2",
        &ids,
        locked
    )
    .execute(conn)
    .await?
    .rows_affected())
}

/// Serialises schedule edits of one year, so two desktops cannot interleave their reads and writes.
pub async fn lock_year_schedule(conn: &mut PgConnection, year: AcademicYearId) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        "select true from academic_years where id = $1 for no key update",
        year.0
    )
    .fetch_optional(conn)
    .await?
    .is_some())
}

pub async fn insert_leave(conn: &mut PgConnection, rows: &[LeavePeriod]) -> Result<()> {
    for l in rows {
        sqlx::query!(
            "insert into leave_periods (id, resident_id, kind, start_date, end_date, note)
             values ($1, $2, $3, $4, $5, $6)",
            l.id.0,
            l.resident_id.0,
            l.kind.as_str(),
            l.start_date,
            l.end_date,
            l.note
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A ranked elective wish: a rotation, in a given block or in any.
pub struct NewRequest {
    pub resident: ResidentId,
    pub rank: i32,
    pub rotation: RotationTypeId,
    pub block: Option<BlockId>,
}

pub async fn insert_requests(
    conn: &mut PgConnection,
    year: AcademicYearId,
    rows: &[NewRequest],
) -> Result<()> {
    for r in rows {
        sqlx::query!(
            "insert into elective_requests (id, resident_id, academic_year_id, rank, rotation_type_id, block_id)
             values ($1, $2, $3, $4, $5, $6)",
            crate::ids::ElectiveRequestId::new().0,
            r.resident.0,
            year.0,
            r.rank,
            r.rotation.0,
            r.block.map(|b| b.0)
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The program's active faculty, by name.
pub async fn faculty_labels(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Vec<FacultyLabel>> {
    Ok(sqlx::query_as!(
        FacultyLabel,
        r#"select f.id as "id: FacultyId", u.last_name || ', ' || u.first_name as "name!",
                  f.is_core_faculty as is_core
           from faculty f join users u on u.id = f.user_id
           where f.program_id = $1 and f.is_active
           order by u.last_name, u.first_name, f.id"#,
        program.0
    )
    .fetch_all(conn)
    .await?)
}

/// A site as reports name it.
pub struct SiteLabel {
    pub id: SiteId,
    pub code: Option<String>,
    pub name: String,
    pub site_type: String,
}

pub async fn site_labels(conn: &mut PgConnection, program: ProgramId) -> Result<Vec<SiteLabel>> {
    Ok(sqlx::query_as!(
        SiteLabel,
        r#"select c.id as "id: SiteId", c.code::text as code, c.name, c.type as site_type
           from programs p
           join sponsoring_institutions s on s.id = p.sponsoring_institution_id
           join clinical_sites c
             on c.institution_id = s.institution_id
             or c.participation_agreement_id in
                  (select pa.agreement_id from program_agreements pa where pa.program_id = p.id)
           where p.id = $1
           order by c.name"#,
        program.0
    )
    .fetch_all(conn)
    .await?)
}

pub async fn resident_emails(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<HashMap<ResidentId, String>> {
    let rows = sqlx::query!(
        r#"select r.id as "id: ResidentId", u.email::text as "email!"
           from residents r join users u on u.id = r.user_id where r.program_id = $1"#,
        program.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.email)).collect())
}

pub async fn delete_leave(conn: &mut PgConnection, id: LeaveId) -> Result<bool> {
    Ok(
        sqlx::query!("delete from leave_periods where id = $1", id.0)
            .execute(conn)
            .await?
            .rows_affected()
            == 1,
    )
}

pub async fn delete_requests(
    conn: &mut PgConnection,
    year: AcademicYearId,
    resident: ResidentId,
) -> Result<()> {
    sqlx::query!(
        "delete from elective_requests where academic_year_id = $1 and resident_id = $2",
        year.0,
        resident.0
    )
    .execute(conn)
    .await?;
    Ok(())
}
