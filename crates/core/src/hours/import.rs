//! Work hours from a time-keeping system's CSV: one row per entry (the resident's e-mail, the
//! kind, the start and end on the program's wall clock, a note). Every row is read and checked
//! first; an entry already stored is left alone, one that overlaps another (stored, or earlier in
//! the file) is a bad row; the entries are written, pending approval, only when no row is bad.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::entry::{self, LONGEST_HOURS};
use super::rules::EntryKind;
use crate::Result;
use crate::csv_report::{Opened, RecordRow, RecordsReport, open};
use crate::csv_table::TableRow;
use crate::db::{self, Actor, PgPool};
use crate::ids::{ProgramId, ResidentId};
use crate::people::choices::residents_by_email;
use crate::people::roster::columns::{Cells, Column, Layout};
use crate::people::roster::{ImportMode, RowOutcome, RowProblem};

const fn column(name: &'static str, aliases: &'static [&'static str], required: bool) -> Column {
    Column {
        name,
        aliases,
        required,
    }
}

pub const COLUMNS: &[Column] = &[
    column(
        "resident_email",
        &["resident", "email", "e-mail", "trainee email"],
        true,
    ),
    column("kind", &["type", "activity", "duty type"], true),
    column(
        "start",
        &["starts at", "clock in", "start time", "time in"],
        true,
    ),
    column(
        "end",
        &["ends at", "clock out", "end time", "time out"],
        true,
    ),
    column("notes", &["note", "comments"], false),
];

/// Each resident's taken times on the wall clock, with the file's line for those from the file.
type Taken = HashMap<ResidentId, Vec<(NaiveDateTime, NaiveDateTime, Option<u32>)>>;
/// What is stored: resident, start, end and kind.
type Stored = HashSet<(ResidentId, NaiveDateTime, NaiveDateTime, String)>;

/// A row read: the names and times as the file gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct RawHours {
    pub email: String,
    pub kind: EntryKind,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub notes: Option<String>,
}

/// `2026-09-07 06:00`, `2026-09-07T06:00` or `9/7/2026 06:00`.
fn when(cells: &mut Cells<'_>, name: &str) -> Option<NaiveDateTime> {
    let value = cells.raw(name);
    if value.is_empty() {
        cells.problem(name, "Missing: this column is required".to_string());
        return None;
    }
    let parsed = entry::parse_local("startsAt", "", value)
        .ok()
        .or_else(|| NaiveDateTime::parse_from_str(value, "%m/%d/%Y %H:%M").ok());
    if parsed.is_none() {
        cells.problem(
            name,
            format!("'{value}' is not a date and time; use 2026-09-07 06:00"),
        );
    }
    parsed
}

pub fn parse_row(
    row: &TableRow,
    layout: &Layout,
) -> std::result::Result<RawHours, Vec<RowProblem>> {
    let mut cells = Cells::new(row, layout);
    let email = cells.required("resident_email", 254).and_then(|v| {
        let ok = crate::input::email("email", &v).ok();
        if ok.is_none() {
            cells.problem("resident_email", format!("'{v}' is not an e-mail address"));
        }
        ok
    });
    let kind = cells.required("kind", 40).and_then(|v| {
        let k = EntryKind::parse(&v);
        if k.is_none() {
            cells.problem(
                "kind",
                format!(
                    "'{v}' is not a kind: use shift, call, home call, moonlighting or conference"
                ),
            );
        }
        k
    });
    let start = when(&mut cells, "start");
    let end = when(&mut cells, "end");
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            cells.problem("end", "The end must be after the start".to_string());
        } else if e - s > chrono::Duration::hours(LONGEST_HOURS) {
            cells.problem("end", format!("An entry is at most {LONGEST_HOURS} hours"));
        }
    }
    let notes = cells.optional("notes", 1000);
    if !cells.problems.is_empty() {
        return Err(cells.problems);
    }
    match (email, kind, start, end) {
        (Some(email), Some(kind), Some(start), Some(end)) => Ok(RawHours {
            email,
            kind,
            start,
            end,
            notes,
        }),
        _ => Err(vec![RowProblem {
            column: String::new(),
            message: "The row lacks a required value".to_string(),
        }]),
    }
}

/// Previews or applies a work-hours file for a program.
pub async fn import_hours(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    text: &str,
    mode: ImportMode,
) -> Result<RecordsReport> {
    let (table, layout, mut report) = match open(text, COLUMNS, "work-hour entries") {
        Opened::Rows {
            table,
            layout,
            report,
        } => (table, layout, report),
        Opened::Refused(report) => return Ok(report),
    };
    let mut conn = pool.acquire().await?;
    let residents = residents_by_email(&mut conn, program).await?;
    // What is stored, per resident, on the wall clock: exact copies are left alone, overlaps refused.
    let mut taken: HashMap<ResidentId, Vec<(NaiveDateTime, NaiveDateTime, Option<u32>)>> =
        HashMap::new();
    let mut stored: HashSet<(ResidentId, NaiveDateTime, NaiveDateTime, String)> = HashSet::new();
    for e in sqlx::query!(
        r#"select e.resident_id as "resident_id: ResidentId", e.kind,
                  (e.starts_at at time zone p.time_zone) as "starts!", (e.ends_at at time zone p.time_zone) as "ends!"
           from work_hour_entries e join residents r on r.id = e.resident_id
           join programs p on p.id = r.program_id
           where r.program_id = $1 and e.deleted_at is null"#,
        program.0
    )
    .fetch_all(&mut *conn)
    .await?
    {
        taken.entry(e.resident_id).or_default().push((e.starts, e.ends, None));
        stored.insert((e.resident_id, e.starts, e.ends, e.kind));
    }
    drop(conn);

    let mut new = Vec::new();
    for row in &table.rows {
        let (outcome, problems, resident, what) = match parse_row(row, &layout) {
            Err(problems) => (
                RowOutcome::Invalid,
                problems,
                row.cell(0).to_string(),
                String::new(),
            ),
            Ok(raw) => {
                let what = format!("{} {} to {}", raw.kind.as_str(), raw.start, raw.end);
                let (outcome, problems) =
                    decide(&raw, row.line, &residents, &mut taken, &stored, &mut new);
                let problems = problems
                    .into_iter()
                    .map(|(column, message)| RowProblem {
                        column: layout.header(column),
                        message,
                    })
                    .collect();
                (outcome, problems, raw.email, what)
            }
        };
        report.add(RecordRow {
            line: row.line,
            cells: row.cells.clone(),
            resident,
            what,
            outcome,
            problems,
        });
    }
    if mode == ImportMode::Apply && report.is_valid() {
        report.applied = true;
    }
    if report.applied && !new.is_empty() {
        let mut tx = db::begin(pool, actor).await?;
        let ids: Vec<Uuid> = new.iter().map(|_| Uuid::now_v7()).collect();
        let residents: Vec<Uuid> = new.iter().map(|(r, _)| r.0).collect();
        let kinds: Vec<String> = new
            .iter()
            .map(|(_, h)| h.kind.as_str().to_string())
            .collect();
        let starts: Vec<NaiveDateTime> = new.iter().map(|(_, h)| h.start).collect();
        let ends: Vec<NaiveDateTime> = new.iter().map(|(_, h)| h.end).collect();
        let notes: Vec<Option<String>> = new.iter().map(|(_, h)| h.notes.clone()).collect();
        sqlx::query!(
            r#"insert into work_hour_entries (id, resident_id, kind, starts_at, ends_at, notes, entry_method)
               select x.id, x.resident, x.kind, x.starts at time zone p.time_zone,
                      x.ends at time zone p.time_zone, x.notes, 'import'
               from unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamp[], $5::timestamp[], $6::text[])
                    as x(id, resident, kind, starts, ends, notes),
                    programs p
               where p.id = $7"#,
            &ids,
            &residents,
            &kinds,
            &starts,
            &ends,
            &notes as &[Option<String>],
            program.0
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(report)
}

/// Whether a row is new, already stored, or bad (an unknown resident, or an overlap).
fn decide(
    raw: &RawHours,
    line: u32,
    residents: &HashMap<String, ResidentId>,
    taken: &mut Taken,
    stored: &Stored,
    new: &mut Vec<(ResidentId, RawHours)>,
) -> (RowOutcome, Vec<(&'static str, String)>) {
    let Some(&resident) = residents.get(&raw.email.to_lowercase()) else {
        return (
            RowOutcome::Invalid,
            vec![(
                "resident_email",
                format!("No resident of this program has the e-mail {}", raw.email),
            )],
        );
    };
    if stored.contains(&(resident, raw.start, raw.end, raw.kind.as_str().to_string())) {
        return (RowOutcome::Unchanged, Vec::new());
    }
    let spans = taken.entry(resident).or_default();
    if let Some((_, _, other)) = spans
        .iter()
        .find(|(s, e, _)| raw.start < *e && *s < raw.end)
    {
        let with = other.map_or("hours already recorded".to_string(), |l| {
            format!("line {l}")
        });
        return (
            RowOutcome::Invalid,
            vec![("start", format!("Overlaps {with} for this resident"))],
        );
    }
    spans.push((raw.start, raw.end, Some(line)));
    new.push((resident, raw.clone()));
    (RowOutcome::New, Vec::new())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::csv_table;

    #[test]
    fn rows_are_read_under_other_systems_headers_and_bad_cells_named() {
        let table = csv_table::read(
            "Trainee Email,Duty Type,Clock In,Clock Out,Comments\n\
             ana@example.org,Call,9/7/2026 07:00,2026-09-08 09:00,Busy night\n\
             nobody,nap,yesterday,2026-09-08 09:00,\n\
             ana@example.org,shift,2026-09-09 18:00,2026-09-09 06:00,\n",
        )
        .unwrap();
        let layout = Layout::new(COLUMNS, &table.headers);
        assert!(layout.problems.is_empty());
        let first = parse_row(&table.rows[0], &layout).unwrap();
        assert_eq!(first.kind, EntryKind::InHouseCall);
        assert_eq!((first.end - first.start).num_hours(), 26);
        let columns = |i: usize| -> Vec<String> {
            parse_row(&table.rows[i], &layout)
                .unwrap_err()
                .into_iter()
                .map(|p| p.column)
                .collect()
        };
        assert_eq!(columns(1), ["Trainee Email", "Duty Type", "Clock In"]);
        assert_eq!(columns(2), ["Clock Out"]);
    }
}
