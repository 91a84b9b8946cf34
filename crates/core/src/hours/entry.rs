//! A work-hour entry as entered: whose, what kind, from when to when on the program's wall clock
//! (as a `datetime-local` field gives it, `2026-09-07T06:00`), and a note. Checked here (pure);
//! the database refuses overlaps.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::rules::EntryKind;
use crate::ids::ResidentId;
use crate::{Error, Result};

/// The longest entry: two days (a 24-hour call with its transition fits well inside).
pub const LONGEST_HOURS: i64 = 48;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HourEntryInput {
    pub resident_id: ResidentId,
    pub kind: EntryKind,
    /// `2026-09-07T06:00`, the program's wall clock.
    pub starts_at: String,
    pub ends_at: String,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidHourEntry {
    pub resident_id: ResidentId,
    pub kind: EntryKind,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub notes: Option<String>,
}

/// `2026-09-07T06:00`, with seconds or a space instead of the T too.
pub fn parse_local(field: &'static str, label: &str, text: &str) -> Result<NaiveDateTime> {
    let t = text.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    .ok_or_else(|| {
        Error::invalid(
            field,
            format!("{label}: '{t}' is not a date and time; use 2026-09-07 06:00"),
        )
    })
}

/// The start and end of an entry, checked: the end after the start, at most two days later.
pub fn span(starts: &str, ends: &str) -> Result<(NaiveDateTime, NaiveDateTime)> {
    let starts_at = parse_local("startsAt", "The start", starts)?;
    let ends_at = parse_local("endsAt", "The end", ends)?;
    if ends_at <= starts_at {
        return Err(Error::invalid("endsAt", "The end must be after the start"));
    }
    if ends_at - starts_at > Duration::hours(LONGEST_HOURS) {
        return Err(Error::invalid(
            "endsAt",
            format!("An entry is at most {LONGEST_HOURS} hours; split a longer stretch in two"),
        ));
    }
    Ok((starts_at, ends_at))
}

pub fn validate(input: &HourEntryInput) -> Result<ValidHourEntry> {
    let (starts_at, ends_at) = span(&input.starts_at, &input.ends_at)?;
    Ok(ValidHourEntry {
        resident_id: input.resident_id,
        kind: input.kind,
        starts_at,
        ends_at,
        notes: crate::input::optional_text(
            "notes",
            "The note",
            input.notes.as_deref().unwrap_or(""),
            1000,
        )?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    Pending,
    Approved,
    Rejected,
}

impl EntryStatus {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "pending" => Some(EntryStatus::Pending),
            "approved" => Some(EntryStatus::Approved),
            "rejected" => Some(EntryStatus::Rejected),
            _ => None,
        }
    }
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::InHouseShift => "in_house_shift",
            EntryKind::InHouseCall => "in_house_call",
            EntryKind::HomeCallWorked => "home_call_worked",
            EntryKind::Moonlighting => "moonlighting",
            EntryKind::Conference => "conference",
        }
    }

    /// `in_house_call`, `In-house call`, `call`… as files and people write them.
    pub fn parse(text: &str) -> Option<Self> {
        let key: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect();
        match key.as_str() {
            "inhouseshift" | "shift" | "duty" => Some(EntryKind::InHouseShift),
            "inhousecall" | "call" => Some(EntryKind::InHouseCall),
            "homecallworked" | "homecall" => Some(EntryKind::HomeCallWorked),
            "moonlighting" => Some(EntryKind::Moonlighting),
            "conference" | "education" | "didactics" => Some(EntryKind::Conference),
            _ => None,
        }
    }
}

/// An entry as lists show it, on the program's wall clock.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HourEntry {
    #[ts(type = "string")]
    pub id: Uuid,
    pub resident_id: ResidentId,
    pub kind: EntryKind,
    #[ts(type = "string")]
    pub starts_at: NaiveDateTime,
    #[ts(type = "string")]
    pub ends_at: NaiveDateTime,
    pub hours: f64,
    pub notes: Option<String>,
    pub status: EntryStatus,
    pub decided_by: Option<String>,
    /// How many corrections it has had.
    pub corrections: i64,
    pub version: i32,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn spans_are_read_as_fields_give_them_and_checked() {
        let (a, b) = span("2026-09-07T06:00", "2026-09-08 07:30").unwrap();
        assert_eq!((b - a).num_minutes(), 25 * 60 + 30);
        let field = |s: &str, e: &str| span(s, e).unwrap_err().field();
        assert_eq!(
            field("07/09/2026 06:00", "2026-09-07T18:00"),
            Some("startsAt")
        );
        assert_eq!(
            field("2026-09-07T06:00", "2026-09-07T06:00"),
            Some("endsAt")
        );
        assert_eq!(
            field("2026-09-07T06:00", "2026-09-09T06:01"),
            Some("endsAt")
        );
        assert!(span("2026-09-07T06:00", "2026-09-09T06:00").is_ok());
    }

    #[test]
    fn kinds_are_read_as_people_write_them() {
        assert_eq!(
            EntryKind::parse("In-house call"),
            Some(EntryKind::InHouseCall)
        );
        assert_eq!(
            EntryKind::parse("home_call_worked"),
            Some(EntryKind::HomeCallWorked)
        );
        assert_eq!(EntryKind::parse("Didactics"), Some(EntryKind::Conference));
        assert_eq!(EntryKind::parse("nap"), None);
        for k in [EntryKind::InHouseShift, EntryKind::Moonlighting] {
            assert_eq!(EntryKind::parse(k.as_str()), Some(k));
        }
    }
}
