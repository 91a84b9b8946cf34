//! Planning an import, shared by the resident and faculty rosters: parse every row, find the
//! people the file names (by e-mail), and decide per row whether it is new, an update, unchanged
//! or invalid, with the writes that follow. Pure: the stored rows are handed in.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::columns::{Cells, Column, Layout};
use super::{FileProblem, ImportReport, ImportRow, RosterKind, RowOutcome, RowProblem};
use crate::csv_table::Table;
use crate::ids::UserId;

/// The person part of a roster row: who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
}

/// A user as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUser {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
}

/// What distinguishes one roster (residents, faculty) from the other.
pub trait Roster {
    /// The role-specific fields one file row gives.
    type Record;
    /// The role-specific fields as stored (the residents or faculty row, without ids).
    type Stored: Clone + PartialEq;
    const KIND: RosterKind;
    /// The membership role a new row starts.
    const ROLE: &'static str;
    const COLUMNS: &'static [Column];

    fn parse(cells: &mut Cells) -> Option<Self::Record>;
    /// The stored row a new person gets: the record on top of the defaults.
    fn fresh(record: &Self::Record, layout: &Layout) -> Self::Stored;
    /// The stored row after the file's columns are laid over it; columns the file lacks keep theirs.
    fn merge(stored: &Self::Stored, record: &Self::Record, layout: &Layout) -> Self::Stored;
    /// The rules across fields of the merged row.
    fn check(stored: &Self::Stored, layout: &Layout) -> Vec<RowProblem>;
    /// What changed, in words.
    fn changes(before: &Self::Stored, after: &Self::Stored) -> Vec<String>;
    /// The day a new membership starts, when the row says.
    fn starts(stored: &Self::Stored) -> Option<NaiveDate>;
    /// The role's cells of an exported row, in `COLUMNS` order after the person's four.
    fn export_cells(stored: &Self::Stored) -> Vec<String>;
}

/// One parsed row, before the database is consulted.
pub struct ParsedRow<R> {
    pub line: u32,
    pub person: Option<Person>,
    pub record: Option<R>,
    pub problems: Vec<RowProblem>,
}

pub struct NewPerson {
    pub id: UserId,
    pub person: Person,
}

/// Everything applying the file writes.
pub struct Writes<S> {
    pub new_users: Vec<NewPerson>,
    pub phones: Vec<(UserId, Option<String>)>,
    pub new_roles: Vec<(UserId, S, NaiveDate)>,
    pub role_updates: Vec<(Uuid, S)>,
}

impl<S> Writes<S> {
    pub fn rows(&self) -> usize {
        // A new role is a membership and a role row; updates are one write each.
        self.new_users.len()
            + self.phones.len()
            + 2 * self.new_roles.len()
            + self.role_updates.len()
    }
}

fn person(cells: &mut Cells) -> Option<Person> {
    let email = cells.email();
    let first_name = cells.required("first_name", 100);
    let last_name = cells.required("last_name", 100);
    let phone = cells.optional("phone", 40);
    Some(Person {
        email: email?,
        first_name: first_name?,
        last_name: last_name?,
        phone,
    })
}

pub fn email_key(email: &str) -> String {
    email.to_lowercase()
}

/// Parses every row and marks an e-mail that appears twice in the file.
pub fn parse_rows<R: Roster>(table: &Table, layout: &Layout) -> Vec<ParsedRow<R::Record>> {
    let mut first_line: HashMap<String, u32> = HashMap::new();
    table
        .rows
        .iter()
        .map(|row| {
            let mut cells = Cells::new(row, layout);
            let person = person(&mut cells);
            let record = R::parse(&mut cells);
            let mut problems = cells.problems;
            if let Some(p) = &person {
                let key = email_key(&p.email);
                if let Some(first) = first_line.get(&key) {
                    problems.push(RowProblem {
                        column: layout.header("email"),
                        message: format!("{} is also on line {first} of this file", p.email),
                    });
                } else {
                    first_line.insert(key, row.line);
                }
            }
            ParsedRow {
                line: row.line,
                person,
                record,
                problems,
            }
        })
        .collect()
}

fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}")
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn phone_change(before: &Option<String>, after: &Option<String>) -> String {
    let show = |p: &Option<String>| p.clone().unwrap_or_else(|| "none".to_string());
    format!("Phone: {} → {}", show(before), show(after))
}

/// Decides one well-formed row against the stored users and role rows: its outcome and what it
/// changes, or the problems found. The writes it needs go into `writes`.
fn decide_row<R: Roster>(
    person: Person,
    record: R::Record,
    layout: &Layout,
    users: &HashMap<String, StoredUser>,
    roles: &HashMap<UserId, (Uuid, R::Stored)>,
    today: NaiveDate,
    writes: &mut Writes<R::Stored>,
) -> Result<(RowOutcome, Vec<String>), Vec<RowProblem>> {
    let Some(user) = users.get(&email_key(&person.email)) else {
        let after = R::fresh(&record, layout);
        let problems = R::check(&after, layout);
        if !problems.is_empty() {
            return Err(problems);
        }
        let id = UserId::new();
        let start = R::starts(&after).unwrap_or(today);
        writes.new_roles.push((id, after, start));
        writes.new_users.push(NewPerson { id, person });
        return Ok((RowOutcome::New, Vec::new()));
    };
    if !same_name(&user.first_name, &person.first_name)
        || !same_name(&user.last_name, &person.last_name)
    {
        return Err(vec![RowProblem {
            column: layout.header("email"),
            message: format!(
                "{} already belongs to {} in the database, not to {}",
                person.email,
                full_name(&user.first_name, &user.last_name),
                full_name(&person.first_name, &person.last_name)
            ),
        }]);
    }
    let stored = roles.get(&user.id);
    let after = match stored {
        Some((_, before)) => R::merge(before, &record, layout),
        None => R::fresh(&record, layout),
    };
    let problems = R::check(&after, layout);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut changes = stored
        .map(|(_, before)| R::changes(before, &after))
        .unwrap_or_default();
    if layout.has("phone") && user.phone != person.phone {
        changes.push(phone_change(&user.phone, &person.phone));
        writes.phones.push((user.id, person.phone.clone()));
    }
    let outcome = match stored {
        None => {
            let start = R::starts(&after).unwrap_or(today);
            writes.new_roles.push((user.id, after, start));
            RowOutcome::New
        }
        Some((id, before)) => {
            if *before != after {
                writes.role_updates.push((*id, after));
            }
            if changes.is_empty() {
                RowOutcome::Unchanged
            } else {
                RowOutcome::Update
            }
        }
    };
    Ok((outcome, changes))
}

/// Decides every row, given the stored users (by lower-cased e-mail) and their stored role rows.
pub fn plan<R: Roster>(
    table: &Table,
    layout: &Layout,
    parsed: Vec<ParsedRow<R::Record>>,
    users: &HashMap<String, StoredUser>,
    roles: &HashMap<UserId, (Uuid, R::Stored)>,
    today: NaiveDate,
) -> (Vec<ImportRow>, Writes<R::Stored>) {
    let mut writes = Writes {
        new_users: Vec::new(),
        phones: Vec::new(),
        new_roles: Vec::new(),
        role_updates: Vec::new(),
    };
    let rows = parsed
        .into_iter()
        .zip(&table.rows)
        .map(|(row, source)| {
            let (email, name) = row.person.as_ref().map_or_else(
                || (String::new(), String::new()),
                |p| (p.email.clone(), full_name(&p.first_name, &p.last_name)),
            );
            let decided = match (row.person, row.record) {
                (Some(person), Some(record)) if row.problems.is_empty() => {
                    decide_row::<R>(person, record, layout, users, roles, today, &mut writes)
                }
                _ => Err(row.problems),
            };
            let (outcome, changes, problems) = match decided {
                Ok((outcome, changes)) => (outcome, changes, Vec::new()),
                Err(problems) => (RowOutcome::Invalid, Vec::new(), problems),
            };
            ImportRow {
                line: row.line,
                cells: source.cells.clone(),
                email,
                name,
                outcome,
                changes,
                problems,
            }
        })
        .collect();
    (rows, writes)
}

/// How many valid rows a report carries besides every invalid one.
pub const ROWS_SHOWN: usize = 1000;

pub fn report(
    kind: RosterKind,
    headers: Vec<String>,
    layout: Option<&Layout>,
    file_problems: Vec<FileProblem>,
    rows: Vec<ImportRow>,
    applied: bool,
) -> ImportReport {
    let count = |o: RowOutcome| rows.iter().filter(|r| r.outcome == o).count() as u32;
    let (new_rows, updated_rows, unchanged_rows, invalid_rows) = (
        count(RowOutcome::New),
        count(RowOutcome::Update),
        count(RowOutcome::Unchanged),
        count(RowOutcome::Invalid),
    );
    let total_rows = rows.len() as u32;
    let mut shown_valid = 0;
    let shown: Vec<ImportRow> = rows
        .into_iter()
        .filter(|r| {
            r.outcome == RowOutcome::Invalid || {
                shown_valid += 1;
                shown_valid <= ROWS_SHOWN
            }
        })
        .collect();
    ImportReport {
        kind,
        headers,
        ignored_columns: layout.map(|l| l.ignored.clone()).unwrap_or_default(),
        file_problems,
        total_rows,
        new_rows,
        updated_rows,
        unchanged_rows,
        invalid_rows,
        rows_left_out: total_rows - shown.len() as u32,
        rows: shown,
        applied,
    }
}

/// The e-mails of the rows that parsed, for looking their people up.
pub fn emails<R>(parsed: &[ParsedRow<R>]) -> Vec<String> {
    parsed
        .iter()
        .filter_map(|r| r.person.as_ref().map(|p| p.email.clone()))
        .collect()
}
