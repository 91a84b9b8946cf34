//! Participation agreements and the sites that operate under them: how close an agreement is to
//! expiring (a badge at 90 days, a warning at 30, expired flagged), decided here, purely.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::ids::{AgreementId, InstitutionId, SiteId, UserId};

/// Where an agreement stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AgreementStanding {
    /// In force, more than 90 days left (or no end date).
    Current,
    /// In force, 31 to 90 days left: time to start the renewal.
    ExpiresSoon,
    /// In force, 30 days or fewer left.
    ExpiresVerySoon,
    /// Past its expiration date, or marked expired.
    Expired,
    /// Signed but not yet in force.
    Pending,
    Terminated,
}

pub const SOON_DAYS: i32 = 90;
pub const VERY_SOON_DAYS: i32 = 30;

/// The standing of an agreement with this status and expiration date on `today`, and the days
/// left until it expires (0 on its last day, negative once past).
pub fn standing(
    status: &str,
    effective: NaiveDate,
    expiration: Option<NaiveDate>,
    today: NaiveDate,
) -> (AgreementStanding, Option<i32>) {
    let left = expiration.map(|end| {
        let days = (end - today).num_days();
        i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX })
    });
    let standing = match status {
        "terminated" => AgreementStanding::Terminated,
        "expired" => AgreementStanding::Expired,
        _ if left.is_some_and(|d| d < 0) => AgreementStanding::Expired,
        "pending" => AgreementStanding::Pending,
        _ if effective > today => AgreementStanding::Pending,
        _ => match left {
            Some(d) if d <= VERY_SOON_DAYS => AgreementStanding::ExpiresVerySoon,
            Some(d) if d <= SOON_DAYS => AgreementStanding::ExpiresSoon,
            _ => AgreementStanding::Current,
        },
    };
    (standing, left)
}

/// How a standing reads in a document, as the Organisation screen's badge says it: "expires in
/// 45 days", "expired 3 days ago"; "in force" where the screen shows no badge.
pub fn standing_text(standing: AgreementStanding, days_left: Option<i32>) -> String {
    let days = |n: i32| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    match (standing, days_left) {
        (AgreementStanding::Current, _) => "in force".to_string(),
        (AgreementStanding::ExpiresVerySoon, Some(0)) => "expires today".to_string(),
        (AgreementStanding::ExpiresSoon | AgreementStanding::ExpiresVerySoon, left) => {
            format!("expires in {}", days(left.unwrap_or(0)))
        }
        (AgreementStanding::Expired, Some(left)) if left < 0 => {
            format!("expired {} ago", days(left.saturating_neg()))
        }
        (AgreementStanding::Expired, _) => "expired".to_string(),
        (AgreementStanding::Pending, _) => "not yet in force".to_string(),
        (AgreementStanding::Terminated, _) => "terminated".to_string(),
    }
}

/// "PLA" or "Affiliation agreement", as the screen names the types.
pub fn agreement_type_name(kind: &str) -> &str {
    match kind {
        "pla" => "PLA",
        "affiliation_agreement" => "Affiliation agreement",
        other => other,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    pub id: AgreementId,
    pub participating_institution_id: InstitutionId,
    pub participating_institution: String,
    pub agreement_type: String,
    pub effective_date: NaiveDate,
    pub expiration_date: Option<NaiveDate>,
    pub status: String,
    pub applies_to_all_programs: bool,
    /// The programs covered when not all are.
    pub program_codes: Vec<String>,
    pub standing: AgreementStanding,
    pub days_left: Option<i32>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicalSite {
    pub id: SiteId,
    pub code: Option<String>,
    pub name: String,
    pub institution: String,
    pub site_type: String,
    pub classification: Option<String>,
    pub capacity: Option<i32>,
    /// The agreement the site operates under, when it is not the sponsor's own.
    pub agreement_id: Option<AgreementId>,
    pub agreement_standing: Option<AgreementStanding>,
    pub agreement_expires: Option<NaiveDate>,
    pub agreement_days_left: Option<i32>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Institution {
    pub id: InstitutionId,
    pub name: String,
    pub institution_type: String,
    pub acgme_institution_id: Option<String>,
    pub is_sponsor: bool,
    pub version: i32,
}

/// The sponsoring institution of a program, with its officers and accreditation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sponsor {
    pub institution: String,
    pub dio_name: Option<String>,
    pub dio_email: Option<String>,
    pub gmec_chair_id: Option<UserId>,
    pub gmec_chair: Option<String>,
    pub accreditation_status: Option<String>,
    pub next_site_visit: Option<NaiveDate>,
    pub version: i32,
}

/// Everything the Organisation screen shows for one program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub sponsor: Sponsor,
    pub institutions: Vec<Institution>,
    pub agreements: Vec<Agreement>,
    pub sites: Vec<ClinicalSite>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn the_badge_comes_at_90_days_the_warning_at_30_and_expiry_after_the_last_day() {
        let today = day("2026-11-22");
        let start = day("2020-07-01");
        let cases = [
            (None, AgreementStanding::Current, None),
            (Some("2027-02-21"), AgreementStanding::Current, Some(91)),
            (Some("2027-02-20"), AgreementStanding::ExpiresSoon, Some(90)),
            (Some("2026-12-23"), AgreementStanding::ExpiresSoon, Some(31)),
            (
                Some("2026-12-22"),
                AgreementStanding::ExpiresVerySoon,
                Some(30),
            ),
            (
                Some("2026-11-22"),
                AgreementStanding::ExpiresVerySoon,
                Some(0),
            ),
            (Some("2026-11-21"), AgreementStanding::Expired, Some(-1)),
        ];
        for (end, expected, left) in cases {
            let end = end.map(day);
            assert_eq!(
                standing("active", start, end, today),
                (expected, left),
                "{end:?}"
            );
        }
    }

    #[test]
    fn documents_word_a_standing_as_the_screen_badges_it() {
        use AgreementStanding::*;
        let cases = [
            (Current, None, "in force"),
            (ExpiresSoon, Some(45), "expires in 45 days"),
            (ExpiresVerySoon, Some(1), "expires in 1 day"),
            (ExpiresVerySoon, Some(0), "expires today"),
            (Expired, Some(-3), "expired 3 days ago"),
            (Expired, None, "expired"),
            (Pending, Some(400), "not yet in force"),
            (Terminated, Some(10), "terminated"),
        ];
        for (standing, left, text) in cases {
            assert_eq!(standing_text(standing, left), text, "{standing:?} {left:?}");
        }
    }

    #[test]
    fn status_wins_over_dates_where_it_says_more() {
        let today = day("2026-11-22");
        let end = Some(day("2030-06-30"));
        assert_eq!(
            standing("terminated", day("2020-07-01"), end, today).0,
            AgreementStanding::Terminated
        );
        assert_eq!(
            standing("expired", day("2020-07-01"), end, today).0,
            AgreementStanding::Expired
        );
        assert_eq!(
            standing("pending", day("2020-07-01"), end, today).0,
            AgreementStanding::Pending
        );
        assert_eq!(
            standing("active", day("2027-01-01"), end, today).0,
            AgreementStanding::Pending
        );
    }
}
