//! A resident's review at a CCC meeting: what the committee thinks of their performance, what it
//! recommends, strengths, areas for improvement, and remediation. A draft may be incomplete; a
//! review is final only when it says what it recommends (and, with remediation, the plan). Pure.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::milestone::Rating;
use crate::ids::{ResidentId, SubcompetencyId};
use crate::{Error, Result, input};

pub const PERFORMANCES: [&str; 4] = [
    "exceeds_expectations",
    "meets_expectations",
    "below_expectations",
    "unsatisfactory",
];
pub const RECOMMENDATIONS: [&str; 6] = [
    "promote",
    "promote_with_conditions",
    "extend",
    "remediation",
    "graduate",
    "not_promote",
];

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    #[serde(default)]
    pub overall_performance: Option<String>,
    #[serde(default)]
    pub recommendation: Option<String>,
    #[serde(default)]
    pub strengths: Option<String>,
    #[serde(default)]
    pub areas_for_improvement: Option<String>,
    #[serde(default)]
    pub requires_remediation: bool,
    #[serde(default)]
    pub remediation_plan: Option<String>,
}

/// The input checked for a draft: every word from its list, texts trimmed and bounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReview {
    pub overall_performance: Option<String>,
    pub recommendation: Option<String>,
    pub strengths: Option<String>,
    pub areas_for_improvement: Option<String>,
    pub requires_remediation: bool,
    pub remediation_plan: Option<String>,
}

fn word(
    field: &'static str,
    label: &str,
    value: Option<&str>,
    allowed: &[&str],
) -> Result<Option<String>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v.to_string())),
        Some(v) => Err(Error::invalid(
            field,
            format!("{label}: '{v}' is not one of {}", allowed.join(", ")),
        )),
    }
}

pub fn validate_draft(input: &ReviewInput) -> Result<ValidReview> {
    let text = |field, label, v: &Option<String>| {
        input::optional_text(field, label, v.as_deref().unwrap_or(""), 8000)
    };
    Ok(ValidReview {
        overall_performance: word(
            "overallPerformance",
            "Overall performance",
            input.overall_performance.as_deref(),
            &PERFORMANCES,
        )?,
        recommendation: word(
            "recommendation",
            "The recommendation",
            input.recommendation.as_deref(),
            &RECOMMENDATIONS,
        )?,
        strengths: text("strengths", "Strengths", &input.strengths)?,
        areas_for_improvement: text(
            "areasForImprovement",
            "Areas for improvement",
            &input.areas_for_improvement,
        )?,
        requires_remediation: input.requires_remediation,
        remediation_plan: text(
            "remediationPlan",
            "The remediation plan",
            &input.remediation_plan,
        )?,
    })
}

/// What a draft still lacks to be final, on its field.
pub fn check_final(review: &ValidReview) -> Result<()> {
    if review.recommendation.is_none() {
        return Err(Error::invalid(
            "recommendation",
            "Choose the committee's recommendation before finalizing",
        ));
    }
    if review.overall_performance.is_none() {
        return Err(Error::invalid(
            "overallPerformance",
            "Choose the overall performance before finalizing",
        ));
    }
    if review.requires_remediation && review.remediation_plan.is_none() {
        return Err(Error::invalid(
            "remediationPlan",
            "A review that requires remediation needs the plan before it is final",
        ));
    }
    Ok(())
}

/// A decided milestone level, as recorded with a final review.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecidedLevel {
    pub subcompetency_id: SubcompetencyId,
    pub code: String,
    pub rating: Rating,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    #[ts(type = "string")]
    pub id: uuid::Uuid,
    #[ts(type = "string")]
    pub meeting_id: uuid::Uuid,
    pub resident_id: ResidentId,
    pub status: String,
    pub overall_performance: Option<String>,
    pub recommendation: Option<String>,
    pub strengths: Option<String>,
    pub areas_for_improvement: Option<String>,
    pub requires_remediation: bool,
    pub remediation_plan: Option<String>,
    #[ts(type = "string | null")]
    pub amends_review_id: Option<uuid::Uuid>,
    pub amendment_reason: Option<String>,
    pub finalized_by: Option<String>,
    /// Recorded when the review became final; empty for a draft.
    pub levels: Vec<DecidedLevel>,
    pub version: i32,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_draft_may_be_partial_but_its_words_are_checked() {
        let draft = validate_draft(&ReviewInput {
            strengths: Some("  Calm in the trauma bay ".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(draft.strengths.as_deref(), Some("Calm in the trauma bay"));
        let bad = validate_draft(&ReviewInput {
            recommendation: Some("promote_maybe".into()),
            ..Default::default()
        });
        assert_eq!(bad.unwrap_err().field(), Some("recommendation"));
    }

    #[test]
    fn a_final_review_needs_its_recommendation_performance_and_plan() {
        let mut r = validate_draft(&ReviewInput::default()).unwrap();
        assert_eq!(check_final(&r).unwrap_err().field(), Some("recommendation"));
        r.recommendation = Some("remediation".into());
        assert_eq!(
            check_final(&r).unwrap_err().field(),
            Some("overallPerformance")
        );
        r.overall_performance = Some("below_expectations".into());
        r.requires_remediation = true;
        assert_eq!(
            check_final(&r).unwrap_err().field(),
            Some("remediationPlan")
        );
        r.remediation_plan = Some("Weekly simulation sessions".into());
        assert!(check_final(&r).is_ok());
    }
}
