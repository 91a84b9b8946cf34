//! Importing a roster file: the preview reads and decides every row without writing; applying
//! decides again inside one transaction and writes everything, or nothing when any row is bad.

use std::collections::HashMap;

use chrono::{Local, NaiveDate};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::columns::Layout;
use super::faculty::Faculty;
use super::plan::{self, Roster, Writes};
use super::residents::Residents;
use super::{FileProblem, ImportProgress, ImportReport, RosterKind, store};
use crate::csv_table::{self as table, Unreadable};
use crate::db::{self, Actor};
use crate::ids::{ProgramId, UserId};
use crate::org::store as org_store;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Decide every row and report; write nothing.
    Preview,
    /// Write every row in one transaction when no row is bad.
    Apply,
}

/// How many rows one statement writes: large enough to be fast, small enough to report progress.
const CHUNK: usize = 5000;

/// The database side of a roster.
pub(super) trait RosterStore: Roster {
    async fn load(
        conn: &mut PgConnection,
        program: ProgramId,
        users: Option<&[Uuid]>,
    ) -> Result<Vec<(Uuid, UserId, Self::Stored)>>;
    async fn insert(
        conn: &mut PgConnection,
        program: ProgramId,
        rows: &[(UserId, Self::Stored, NaiveDate)],
    ) -> Result<()>;
    async fn update(conn: &mut PgConnection, rows: &[(Uuid, Self::Stored)]) -> Result<()>;
}

impl RosterStore for Residents {
    async fn load(
        conn: &mut PgConnection,
        program: ProgramId,
        users: Option<&[Uuid]>,
    ) -> Result<Vec<(Uuid, UserId, Self::Stored)>> {
        store::residents_of(conn, program, users).await
    }
    async fn insert(
        conn: &mut PgConnection,
        program: ProgramId,
        rows: &[(UserId, Self::Stored, NaiveDate)],
    ) -> Result<()> {
        store::insert_residents(conn, program, rows).await
    }
    async fn update(conn: &mut PgConnection, rows: &[(Uuid, Self::Stored)]) -> Result<()> {
        store::update_residents(conn, rows).await
    }
}

impl RosterStore for Faculty {
    async fn load(
        conn: &mut PgConnection,
        program: ProgramId,
        users: Option<&[Uuid]>,
    ) -> Result<Vec<(Uuid, UserId, Self::Stored)>> {
        store::faculty_of(conn, program, users).await
    }
    async fn insert(
        conn: &mut PgConnection,
        program: ProgramId,
        rows: &[(UserId, Self::Stored, NaiveDate)],
    ) -> Result<()> {
        store::insert_faculty(conn, program, rows).await
    }
    async fn update(conn: &mut PgConnection, rows: &[(Uuid, Self::Stored)]) -> Result<()> {
        store::update_faculty(conn, rows).await
    }
}

/// Previews or applies a roster file for a program. A bad file is not an error: the report
/// says what is wrong, row by row, and nothing is written.
pub async fn import_roster(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    kind: RosterKind,
    text: &str,
    mode: ImportMode,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
) -> Result<ImportReport> {
    match kind {
        RosterKind::Residents => run::<Residents>(pool, actor, program, text, mode, progress).await,
        RosterKind::Faculty => run::<Faculty>(pool, actor, program, text, mode, progress).await,
    }
}

fn file_report(
    kind: RosterKind,
    headers: Vec<String>,
    layout: Option<&Layout>,
    problems: Vec<FileProblem>,
) -> ImportReport {
    plan::report(kind, headers, layout, problems, Vec::new(), false)
}

async fn run<R: RosterStore>(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    text: &str,
    mode: ImportMode,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
) -> Result<ImportReport> {
    let table = match table::read(text) {
        Ok(table) => table,
        Err(Unreadable(message)) => {
            return Ok(file_report(
                R::KIND,
                Vec::new(),
                None,
                vec![FileProblem {
                    column: None,
                    message,
                }],
            ));
        }
    };
    let layout = Layout::new(R::COLUMNS, &table.headers);
    if !layout.problems.is_empty() || table.rows.is_empty() {
        let mut problems = layout.problems.clone();
        if table.rows.is_empty() {
            problems.push(FileProblem {
                column: None,
                message: "The file has a header but no rows".to_string(),
            });
        }
        return Ok(file_report(
            R::KIND,
            table.headers.clone(),
            Some(&layout),
            problems,
        ));
    }

    let today = Local::now().date_naive();
    match mode {
        ImportMode::Preview => {
            let mut conn = pool.acquire().await?;
            let (rows, _) = decide::<R>(&mut conn, program, &table, &layout, today).await?;
            Ok(plan::report(
                R::KIND,
                table.headers.clone(),
                Some(&layout),
                Vec::new(),
                rows,
                false,
            ))
        }
        ImportMode::Apply => {
            let mut tx = db::begin(pool, actor).await?;
            let (rows, writes) = decide::<R>(&mut tx, program, &table, &layout, today).await?;
            let valid = rows.iter().all(|r| r.problems.is_empty());
            if valid {
                write::<R>(&mut tx, program, writes, progress).await?;
                tx.commit().await?;
            }
            Ok(plan::report(
                R::KIND,
                table.headers.clone(),
                Some(&layout),
                Vec::new(),
                rows,
                valid,
            ))
        }
    }
}

/// Looks up the people the file names and decides every row.
async fn decide<R: RosterStore>(
    conn: &mut PgConnection,
    program: ProgramId,
    table: &table::Table,
    layout: &Layout,
    today: NaiveDate,
) -> Result<(Vec<super::ImportRow>, Writes<R::Stored>)> {
    let parsed = plan::parse_rows::<R>(table, layout);
    let users: HashMap<String, plan::StoredUser> =
        store::users_by_email(&mut *conn, &plan::emails(&parsed))
            .await?
            .into_iter()
            .map(|u| (plan::email_key(&u.email), u))
            .collect();
    let ids: Vec<Uuid> = users.values().map(|u| u.id.0).collect();
    let roles: HashMap<UserId, (Uuid, R::Stored)> = R::load(&mut *conn, program, Some(&ids))
        .await?
        .into_iter()
        .map(|(id, user, stored)| (user, (id, stored)))
        .collect();
    Ok(plan::plan::<R>(
        table, layout, parsed, &users, &roles, today,
    ))
}

async fn write<R: RosterStore>(
    conn: &mut PgConnection,
    program: ProgramId,
    writes: Writes<R::Stored>,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
) -> Result<()> {
    let total = u32::try_from(writes.rows()).unwrap_or(u32::MAX);
    let mut done = 0u32;
    let mut advance = |rows: usize| {
        done = done.saturating_add(u32::try_from(rows).unwrap_or(u32::MAX));
        progress(ImportProgress { done, total });
    };
    if !writes.new_users.is_empty() {
        let company = org_store::company_of_program(&mut *conn, program)
            .await?
            .ok_or_else(|| Error::not_found("The program"))?;
        for chunk in writes.new_users.chunks(CHUNK) {
            store::insert_users(&mut *conn, company, chunk).await?;
            advance(chunk.len());
        }
    }
    for chunk in writes.phones.chunks(CHUNK) {
        store::update_phones(&mut *conn, chunk).await?;
        advance(chunk.len());
    }
    for chunk in writes.new_roles.chunks(CHUNK) {
        let starts: Vec<(UserId, NaiveDate)> = chunk.iter().map(|(u, _, d)| (*u, *d)).collect();
        store::insert_memberships(&mut *conn, program, R::ROLE, &starts).await?;
        R::insert(&mut *conn, program, chunk).await?;
        advance(2 * chunk.len());
    }
    for chunk in writes.role_updates.chunks(CHUNK) {
        R::update(&mut *conn, chunk).await?;
        advance(chunk.len());
    }
    Ok(())
}

/// A program's whole roster with its people, ordered by name, for export.
pub(super) async fn stored_roster<R: RosterStore>(
    conn: &mut PgConnection,
    program: ProgramId,
) -> Result<Vec<(plan::StoredUser, R::Stored)>> {
    let rows = R::load(&mut *conn, program, None).await?;
    let ids: Vec<Uuid> = rows.iter().map(|(_, u, _)| u.0).collect();
    let mut by_user: HashMap<UserId, R::Stored> =
        rows.into_iter().map(|(_, u, s)| (u, s)).collect();
    Ok(store::users_by_id(conn, &ids)
        .await?
        .into_iter()
        .filter_map(|user| by_user.remove(&user.id).map(|s| (user, s)))
        .collect())
}
