//! Notifications: rules that raise them (an assessment owed, an agreement about to expire, a CCC
//! invitation, a work-hour violation, a failed import), the in-app centre that lists them, and the
//! queue that posts each one to the office's webhook with retries and a dead letter.

pub mod centre;
pub mod courier;
pub mod delivery;
pub mod raise;
pub mod refused_import;
pub mod run;
pub mod template;
pub mod webhook;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a notification is about; each kind has its template and its variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    AssessmentOwed,
    AgreementExpiring,
    CccInvitation,
    HoursViolation,
    ImportFailed,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 5] = [
        NotificationKind::AssessmentOwed,
        NotificationKind::AgreementExpiring,
        NotificationKind::CccInvitation,
        NotificationKind::HoursViolation,
        NotificationKind::ImportFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::AssessmentOwed => "assessment_owed",
            NotificationKind::AgreementExpiring => "agreement_expiring",
            NotificationKind::CccInvitation => "ccc_invitation",
            NotificationKind::HoursViolation => "hours_violation",
            NotificationKind::ImportFailed => "import_failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The variables its rule supplies, which its template may use.
    pub fn variables(self) -> &'static [&'static str] {
        match self {
            NotificationKind::AssessmentOwed => {
                &["faculty", "resident", "rotation", "start_date", "end_date"]
            }
            NotificationKind::AgreementExpiring => &[
                "agreement",
                "institution",
                "expiration_date",
                "days_left",
                "notice",
            ],
            NotificationKind::CccInvitation => &[
                "member",
                "program",
                "term",
                "meeting_date",
                "chair",
                "residents",
            ],
            NotificationKind::HoursViolation => &["resident", "rule", "window", "figure"],
            NotificationKind::ImportFailed => &["what", "file", "problems", "first_problem"],
        }
    }

    /// In the users' words, for the centre's filter.
    pub fn label(self) -> &'static str {
        match self {
            NotificationKind::AssessmentOwed => "Assessment owed",
            NotificationKind::AgreementExpiring => "Agreement expiring",
            NotificationKind::CccInvitation => "CCC invitation",
            NotificationKind::HoursViolation => "Work-hour violation",
            NotificationKind::ImportFailed => "Import failed",
        }
    }
}
