//! The Clinical Competency Committee: a meeting per reporting period (chair, members present,
//! an agenda of residents the chair can reorder, scheduled → in progress → completed), and a
//! review per resident that moves from draft to final. A final review never changes; a correction
//! is an amendment that references it. Finalizing records the resident's milestone levels for the
//! period with the review.

pub mod bench;
pub mod flags;
pub mod flags_store;
pub mod packet;
pub mod review;
pub mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::milestone::PeriodName;
use crate::ids::{AcademicYearId, FacultyId, ProgramId, ResidentId};
use crate::{Error, Result};

/// The committee must have at least this many members present.
pub const QUORUM: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Scheduled,
    InProgress,
    Completed,
}

impl MeetingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Scheduled => "scheduled",
            MeetingStatus::InProgress => "in_progress",
            MeetingStatus::Completed => "completed",
        }
    }

    pub fn parse(text: &str) -> Result<MeetingStatus> {
        match text {
            "scheduled" => Ok(MeetingStatus::Scheduled),
            "in_progress" => Ok(MeetingStatus::InProgress),
            "completed" => Ok(MeetingStatus::Completed),
            other => Err(Error::invalid(
                "status",
                format!("'{other}' is not a meeting status"),
            )),
        }
    }

    /// A meeting moves forward only: scheduled, in progress, completed.
    pub fn can_become(self, next: MeetingStatus) -> bool {
        matches!(
            (self, next),
            (MeetingStatus::Scheduled, MeetingStatus::InProgress)
                | (MeetingStatus::InProgress, MeetingStatus::Completed)
        )
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingInput {
    pub program_id: ProgramId,
    /// `2025-2026-spring`.
    pub period: String,
    /// YYYY-MM-DD.
    pub meeting_date: String,
    pub chair_id: Option<FacultyId>,
    pub attendee_ids: Vec<FacultyId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: FacultyId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub position: i32,
    pub resident_id: ResidentId,
    pub name: String,
    /// Their PGY level at the time of the meeting.
    pub pgy: i32,
    /// The resident's current review: draft, final, or none yet.
    pub review_status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    #[ts(type = "string")]
    pub id: uuid::Uuid,
    pub program_id: ProgramId,
    pub year_id: AcademicYearId,
    pub period: PeriodName,
    #[ts(type = "string")]
    pub meeting_date: NaiveDate,
    pub chair: Option<Member>,
    pub attendees: Vec<Member>,
    pub status: MeetingStatus,
    pub agenda: Vec<AgendaItem>,
    /// Said, not refused: e.g. fewer than three members present.
    pub warnings: Vec<String>,
    pub version: i32,
}

/// What a meeting should be warned about.
pub fn warnings(chair: Option<&Member>, attendees: &[Member]) -> Vec<String> {
    let mut out = Vec::new();
    if attendees.len() < QUORUM {
        out.push(format!(
            "Only {} member{} present: a CCC needs at least {QUORUM}",
            attendees.len(),
            if attendees.len() == 1 { "" } else { "s" }
        ));
    }
    if chair.is_none() {
        out.push("No chair named".to_string());
    }
    out
}

/// The minutes' list of who was reviewed and who was present.
pub fn minutes(meeting: &Meeting, reviewed: &[String]) -> String {
    let present: Vec<&str> = meeting.attendees.iter().map(|m| m.name.as_str()).collect();
    format!(
        "CCC meeting of {} for {}.\nChair: {}.\nMembers present ({}): {}.\nResidents reviewed ({}): {}.",
        meeting.meeting_date,
        meeting.period,
        meeting
            .chair
            .as_ref()
            .map_or("none named", |c| c.name.as_str()),
        present.len(),
        present.join(", "),
        reviewed.len(),
        reviewed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str) -> Member {
        Member {
            id: FacultyId::new(),
            name: name.into(),
        }
    }

    #[test]
    fn a_meeting_moves_forward_only() {
        use MeetingStatus::*;
        assert!(Scheduled.can_become(InProgress));
        assert!(InProgress.can_become(Completed));
        assert!(!Completed.can_become(InProgress));
        assert!(!Scheduled.can_become(Completed));
        assert!(!InProgress.can_become(Scheduled));
    }

    #[test]
    fn fewer_than_three_members_is_said() {
        let two = [member("A"), member("B")];
        assert_eq!(
            warnings(Some(&two[0]), &two),
            vec!["Only 2 members present: a CCC needs at least 3".to_string()]
        );
        let three = [member("A"), member("B"), member("C")];
        assert!(warnings(Some(&three[0]), &three).is_empty());
        assert_eq!(warnings(None, &three), vec!["No chair named".to_string()]);
    }
}
