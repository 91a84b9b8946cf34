//! Work-hour entries in the database: add, approve or reject in bulk, correct with a reason
//! (the times before are kept in the correction, and an approved entry goes back to pending),
//! list, and each resident's compliance: the rules over their blocks or any four weeks, with
//! their leave from the schedule. Times cross the boundary on the program's wall clock.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use sqlx::PgConnection;
use uuid::Uuid;

use super::Compliance;
use super::entry::{self, EntryStatus, HourEntry, HourEntryInput};
use super::rules::{Entry, EntryKind, Window};
use crate::db::{self, Actor, PgPool};
use crate::ids::{ProgramId, ResidentId};
use crate::people::choices::{self, ResidentChoice};
use crate::{Error, Result};

/// Records an entry, pending approval.
pub async fn add(pool: &PgPool, actor: &Actor, input: &HourEntryInput) -> Result<HourEntry> {
    let v = entry::validate(input)?;
    let mut tx = db::begin(pool, actor).await?;
    let id = Uuid::now_v7();
    let done = sqlx::query!(
        r#"insert into work_hour_entries (id, resident_id, kind, starts_at, ends_at, notes)
           select $1, r.id, $3, $4::timestamp at time zone p.time_zone, $5::timestamp at time zone p.time_zone, $6
           from residents r join programs p on p.id = r.program_id where r.id = $2"#,
        id,
        v.resident_id.0,
        v.kind.as_str(),
        v.starts_at,
        v.ends_at,
        v.notes
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::invalid("residentId", "There is no such resident"));
    }
    let out = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Approves or rejects the pending entries named; returns how many were decided (entries
/// already decided are left as they are).
pub async fn decide(pool: &PgPool, actor: &Actor, ids: &[Uuid], approve: bool) -> Result<u64> {
    let status = if approve { "approved" } else { "rejected" };
    let mut tx = db::begin(pool, actor).await?;
    let done = sqlx::query!(
        "update work_hour_entries set status = $2, decided_by = $3, decided_at = clock_timestamp()
         where id = any($1) and status = 'pending' and deleted_at is null",
        ids,
        status,
        actor.as_str()
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Corrects an entry's times, saying why; the correction keeps the times before. The entry is
/// pending again, to be approved as corrected.
pub async fn correct(
    pool: &PgPool,
    actor: &Actor,
    id: Uuid,
    version: i32,
    starts_at: &str,
    ends_at: &str,
    reason: &str,
) -> Result<HourEntry> {
    let (starts, ends) = entry::span(starts_at, ends_at)?;
    let reason = crate::input::text("reason", "The reason", reason, 500)?;
    let mut tx = db::begin(pool, actor).await?;
    let done = sqlx::query!(
        r#"with before as (
             select e.id, e.starts_at, e.ends_at, p.time_zone
             from work_hour_entries e join residents r on r.id = e.resident_id
             join programs p on p.id = r.program_id
             where e.id = $1 and e.version = $2 and e.deleted_at is null for update of e),
           fixed as (
             update work_hour_entries e
             set starts_at = $3::timestamp at time zone b.time_zone,
                 ends_at = $4::timestamp at time zone b.time_zone,
                 status = 'pending', decided_by = null, decided_at = null
             from before b where e.id = b.id
             returning e.id, e.starts_at, e.ends_at)
           insert into work_hour_corrections
             (id, entry_id, original_starts_at, original_ends_at, corrected_starts_at, corrected_ends_at,
              reason, corrected_by)
           select $5, b.id, b.starts_at, b.ends_at, f.starts_at, f.ends_at, $6, $7
           from before b join fixed f on f.id = b.id"#,
        id,
        version,
        starts,
        ends,
        Uuid::now_v7(),
        reason,
        actor.as_str()
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        let exists = sqlx::query_scalar!(
            r#"select exists (select 1 from work_hour_entries where id = $1 and deleted_at is null) as "yes!""#,
            id
        )
        .fetch_one(&mut *tx)
        .await?;
        return Err(if exists {
            Error::stale("The entry")
        } else {
            Error::not_found("The entry")
        });
    }
    let out = one(&mut tx, id).await?;
    tx.commit().await?;
    Ok(out)
}

async fn one(conn: &mut PgConnection, id: Uuid) -> Result<HourEntry> {
    rows(conn, None, Some(id), None)
        .await?
        .pop()
        .ok_or_else(|| Error::not_found("The entry"))
}

/// A resident's entries that touch the days [from, to], oldest first (rejected ones too).
pub async fn entries(
    pool: &PgPool,
    resident: ResidentId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<HourEntry>> {
    let mut conn = pool.acquire().await?;
    rows(&mut conn, Some(resident), None, Some((from, to))).await
}

async fn rows(
    conn: &mut PgConnection,
    resident: Option<ResidentId>,
    id: Option<Uuid>,
    days: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<HourEntry>> {
    let rows = sqlx::query!(
        r#"select e.id, e.resident_id as "resident_id: ResidentId", e.kind,
                  (e.starts_at at time zone p.time_zone) as "starts_at!",
                  (e.ends_at at time zone p.time_zone) as "ends_at!",
                  e.notes, e.status, e.decided_by, e.version,
                  (select count(*) from work_hour_corrections c where c.entry_id = e.id) as "corrections!"
           from work_hour_entries e join residents r on r.id = e.resident_id
           join programs p on p.id = r.program_id
           where e.deleted_at is null
             and ($1::uuid is null or e.resident_id = $1) and ($2::uuid is null or e.id = $2)
             and ($3::date is null or (e.ends_at at time zone p.time_zone) >= $3::date)
             and ($4::date is null or (e.starts_at at time zone p.time_zone) < $4::date + 1)
           order by e.starts_at"#,
        resident.map(|r| r.0),
        id,
        days.map(|d| d.0),
        days.map(|d| d.1)
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let kind = EntryKind::parse(&r.kind)
                .ok_or_else(|| Error::invalid("kind", format!("'{}' is not a kind", r.kind)))?;
            let status = EntryStatus::parse(&r.status).ok_or_else(|| {
                Error::invalid("status", format!("'{}' is not a status", r.status))
            })?;
            Ok(HourEntry {
                id: r.id,
                resident_id: r.resident_id,
                kind,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                hours: ((r.ends_at - r.starts_at).num_minutes() as f64 / 60.0 * 10.0).round()
                    / 10.0,
                notes: r.notes,
                status,
                decided_by: r.decided_by,
                corrections: r.corrections,
                version: r.version,
            })
        })
        .collect()
}

/// The windows the rules average over: the program's blocks that start in [from, to], or —
/// `rolling` — the four weeks from `from`.
async fn windows(
    conn: &mut PgConnection,
    program: ProgramId,
    from: NaiveDate,
    to: NaiveDate,
    rolling: bool,
) -> Result<Vec<Window>> {
    if to < from {
        return Err(Error::invalid("to", format!("{to} is before {from}")));
    }
    if rolling {
        return Ok(vec![Window::four_weeks(from)]);
    }
    Ok(sqlx::query!(
        r#"select b.start_date, b.end_date from blocks b
           join academic_years y on y.id = b.academic_year_id
           where y.program_id = $1 and b.start_date between $2 and $3 order by b.start_date"#,
        program.0,
        from,
        to
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|b| Window {
        start: b.start_date,
        days: u32::try_from((b.end_date - b.start_date).num_days() + 1).unwrap_or(28),
    })
    .collect())
}

/// Each resident's compliance over the windows, in the order given, from one read of their
/// entries (rejected ones do not count; pending ones do) and one of their leave.
async fn compliances(
    conn: &mut PgConnection,
    residents: &[ResidentId],
    windows: &[Window],
) -> Result<Vec<Compliance>> {
    let (Some(first), Some(last)) = (windows.first(), windows.last()) else {
        return Ok(vec![Compliance::default(); residents.len()]);
    };
    // Two days before and one after, for stretches and rest across the edges.
    let (start, end) = (
        first.start - Duration::days(2),
        last.end() + Duration::days(1),
    );
    let ids: Vec<Uuid> = residents.iter().map(|r| r.0).collect();
    let mut entries: HashMap<ResidentId, Vec<Entry>> = HashMap::new();
    for e in sqlx::query!(
        r#"select e.id, e.resident_id as "resident_id: ResidentId", e.kind,
                  (e.starts_at at time zone p.time_zone) as "starts_at!",
                  (e.ends_at at time zone p.time_zone) as "ends_at!"
           from work_hour_entries e join residents r on r.id = e.resident_id
           join programs p on p.id = r.program_id
           where e.resident_id = any($1) and e.deleted_at is null and e.status <> 'rejected'
             and (e.ends_at at time zone p.time_zone) >= $2::date
             and (e.starts_at at time zone p.time_zone) < $3::date + 1
           order by e.starts_at"#,
        &ids,
        start,
        end
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let kind = EntryKind::parse(&e.kind)
            .ok_or_else(|| Error::invalid("kind", format!("'{}' is not a kind", e.kind)))?;
        entries.entry(e.resident_id).or_default().push(Entry {
            id: e.id,
            start: e.starts_at,
            end: e.ends_at,
            kind,
        });
    }
    let mut leave: HashMap<ResidentId, BTreeSet<NaiveDate>> = HashMap::new();
    for l in sqlx::query!(
        r#"select resident_id as "resident_id: ResidentId", start_date, end_date from leave_periods
           where resident_id = any($1) and end_date >= $2 and start_date <= $3"#,
        &ids,
        start,
        end
    )
    .fetch_all(conn)
    .await?
    {
        let days = leave.entry(l.resident_id).or_default();
        let mut d = l.start_date.max(start);
        while d <= l.end_date.min(end) {
            days.insert(d);
            d += Duration::days(1);
        }
    }
    let none = BTreeSet::new();
    Ok(residents
        .iter()
        .map(|r| {
            Compliance::of(
                entries.get(r).map_or(&[][..], Vec::as_slice),
                leave.get(r).unwrap_or(&none),
                windows,
            )
        })
        .collect())
}

/// A resident's compliance over the blocks that start in [from, to], or — with `rolling` — over
/// the four weeks from `from`.
pub async fn compliance(
    pool: &PgPool,
    resident: ResidentId,
    from: NaiveDate,
    to: NaiveDate,
    rolling: bool,
) -> Result<Compliance> {
    let mut conn = pool.acquire().await?;
    let program = sqlx::query_scalar!(
        r#"select program_id as "program: ProgramId" from residents where id = $1"#,
        resident.0
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("The resident"))?;
    let windows = windows(&mut conn, program, from, to, rolling).await?;
    Ok(compliances(&mut conn, &[resident], &windows)
        .await?
        .pop()
        .unwrap_or_default())
}

/// The program's residents in training (or the one named) with their compliance over the blocks
/// that start in [from, to].
async fn program_compliance(
    pool: &PgPool,
    program: ProgramId,
    only: Option<ResidentId>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(ResidentChoice, Compliance)>> {
    let mut conn = pool.acquire().await?;
    program_compliance_on(&mut conn, program, only, from, to).await
}

/// The same, on a connection the caller holds (the notification rules run in their transaction).
pub async fn program_compliance_on(
    conn: &mut PgConnection,
    program: ProgramId,
    only: Option<ResidentId>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(ResidentChoice, Compliance)>> {
    let residents: Vec<ResidentChoice> = choices::residents(&mut *conn, program)
        .await?
        .into_iter()
        .filter(|r| only.is_none_or(|id| id == r.id))
        .collect();
    let windows = windows(&mut *conn, program, from, to, false).await?;
    let ids: Vec<ResidentId> = residents.iter().map(|r| r.id).collect();
    let found = compliances(conn, &ids, &windows).await?;
    Ok(residents.into_iter().zip(found).collect())
}

/// A resident who broke a rule in the dates, and which.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OverRule {
    pub resident_id: ResidentId,
    /// "Last, First".
    pub name: String,
    pub violations: u32,
    pub rules: Vec<super::rules::Rule>,
}

/// The program's residents who broke a rule over the blocks starting in [from, to], most
/// violations first.
pub async fn over_rules(
    pool: &PgPool,
    program: ProgramId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OverRule>> {
    let mut out = Vec::new();
    for (r, c) in program_compliance(pool, program, None, from, to).await? {
        if c.violations.is_empty() {
            continue;
        }
        let mut rules: Vec<_> = c.violations.iter().map(|v| v.rule).collect();
        rules.sort();
        rules.dedup();
        out.push(OverRule {
            resident_id: r.id,
            name: r.name,
            violations: u32::try_from(c.violations.len()).unwrap_or(u32::MAX),
            rules,
        });
    }
    out.sort_by(|a, b| b.violations.cmp(&a.violations).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// The compliance report of a program (or one resident) over the blocks starting in [from, to].
pub async fn report(
    pool: &PgPool,
    program: ProgramId,
    resident: Option<ResidentId>,
    from: NaiveDate,
    to: NaiveDate,
    generated_at: String,
) -> Result<crate::reports::hours::HoursReport> {
    use crate::reports::hours::{HoursReport, HoursRow, rule_index};
    let mut conn = pool.acquire().await?;
    let p = sqlx::query!(
        r#"select code::text as "code!", name from programs where id = $1"#,
        program.0
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("The program"))?;
    drop(conn);
    let mut residents = Vec::new();
    for (r, c) in program_compliance(pool, program, resident, from, to).await? {
        let weeks: Vec<f64> = c.windows.iter().filter_map(|w| w.hours_per_week).collect();
        let mut counts = [0u32; 6];
        for v in &c.violations {
            counts[rule_index(v.rule)] += 1;
        }
        residents.push(HoursRow {
            name: r.name,
            pgy: r.pgy,
            hours_per_week: (!weeks.is_empty())
                .then(|| (weeks.iter().sum::<f64>() / weeks.len() as f64 * 10.0).round() / 10.0),
            counts,
            violations: c
                .violations
                .iter()
                .map(|v| {
                    (
                        v.rule,
                        format!(
                            "{} to {}: {}",
                            v.from.format("%Y-%m-%d %H:%M"),
                            v.to.format("%Y-%m-%d %H:%M"),
                            v.message
                        ),
                    )
                })
                .collect(),
        });
    }
    if resident.is_some() && residents.is_empty() {
        return Err(Error::not_found("That resident in this program"));
    }
    Ok(HoursReport {
        program_code: p.code,
        program_name: p.name,
        range: format!("{from} to {to}"),
        generated_at,
        residents,
    })
}

/// Writes the compliance report to `path`.
pub async fn export_report(
    pool: &PgPool,
    program: ProgramId,
    resident: Option<ResidentId>,
    from: NaiveDate,
    to: NaiveDate,
    path: &std::path::Path,
    progress: impl FnMut(crate::academic::calendar_export::ExportProgress) + Send + 'static,
) -> Result<crate::academic::calendar_export::ExportedFile> {
    let generated = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
    let doc = report(pool, program, resident, from, to, generated).await?;
    crate::academic::calendar_export::render_and_write(
        doc,
        crate::reports::hours::render_hours,
        path,
        progress,
    )
    .await
}
