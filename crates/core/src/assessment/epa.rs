//! An EPA assessment as entered: who assessed whom on which EPA, in which phase of care, on which
//! day and at which entrustment level, with the case's context, a narrative and feedback tags.
//! Checked here field by field (pure); what needs the database (the resident's program, the EPA's
//! set and scale, the case type's EPA) is checked by the store.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reference::Phase;
use crate::ids::{
    AssignmentId, CaseTypeId, EpaAssessmentId, EpaId, FacultyId, FeedbackTagId, ResidentId,
};

/// A feedback tag on an assessment, with its id so a form can edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagLabel {
    pub id: FeedbackTagId,
    pub name: String,
}
use crate::{Error, Result, input};

pub const URGENCIES: [&str; 3] = ["elective", "urgent", "emergent"];
pub const LOCATIONS: [&str; 7] = [
    "operating_room",
    "clinic",
    "icu",
    "ward",
    "emergency_department",
    "endoscopy",
    "other",
];
pub const ENTRY_METHODS: [&str; 5] = ["desktop", "web", "mobile_ios", "mobile_android", "import"];
const NARRATIVE_MAX: usize = 10_000;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EpaAssessmentInput {
    pub resident_id: ResidentId,
    pub assessor_id: FacultyId,
    pub epa_id: EpaId,
    pub phase: Phase,
    /// YYYY-MM-DD.
    pub assessed_on: String,
    pub entrustment_level: i32,
    /// The rotation it happened on; when absent, the resident's assignment on that day.
    #[serde(default)]
    pub rotation_assignment_id: Option<AssignmentId>,
    #[serde(default)]
    pub case_type_id: Option<CaseTypeId>,
    #[serde(default)]
    pub case_urgency: Option<String>,
    #[serde(default)]
    pub patient_asa_class: Option<i32>,
    #[serde(default)]
    pub procedure_duration_minutes: Option<i32>,
    #[serde(default)]
    pub complications_occurred: Option<bool>,
    #[serde(default)]
    pub location_type: Option<String>,
    #[serde(default)]
    pub location_details: Option<String>,
    #[serde(default)]
    pub narrative: Option<String>,
    #[serde(default)]
    pub went_well: Vec<FeedbackTagId>,
    #[serde(default)]
    pub needs_work: Vec<FeedbackTagId>,
    /// Defaults to `desktop`.
    #[serde(default)]
    pub entry_method: Option<String>,
}

/// The input, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEpaAssessment {
    pub resident_id: ResidentId,
    pub assessor_id: FacultyId,
    pub epa_id: EpaId,
    pub phase: Phase,
    pub assessed_on: NaiveDate,
    pub entrustment_level: i32,
    pub rotation_assignment_id: Option<AssignmentId>,
    pub case_type_id: Option<CaseTypeId>,
    pub case_urgency: Option<String>,
    pub patient_asa_class: Option<i32>,
    pub procedure_duration_minutes: Option<i32>,
    pub complications_occurred: Option<bool>,
    pub location_type: Option<String>,
    pub location_details: Option<String>,
    pub narrative: Option<String>,
    pub went_well: Vec<FeedbackTagId>,
    pub needs_work: Vec<FeedbackTagId>,
    pub entry_method: String,
}

fn one_of(
    field: &'static str,
    label: &str,
    value: Option<&str>,
    allowed: &[&str],
) -> Result<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let key = v.to_lowercase().replace([' ', '-'], "_");
    if allowed.contains(&key.as_str()) {
        Ok(Some(key))
    } else {
        Err(Error::invalid(
            field,
            format!("{label}: '{v}' is not one of {}", allowed.join(", ")),
        ))
    }
}

fn in_range(
    field: &'static str,
    label: &str,
    value: Option<i32>,
    range: std::ops::RangeInclusive<i32>,
) -> Result<Option<i32>> {
    match value {
        Some(v) if !range.contains(&v) => Err(Error::invalid(
            field,
            format!(
                "{label} must be {} to {}, not {v}",
                range.start(),
                range.end()
            ),
        )),
        other => Ok(other),
    }
}

/// Checks every field that needs no database; `today` bounds the date (no assessment of a day to
/// come).
pub fn validate(input: &EpaAssessmentInput, today: NaiveDate) -> Result<ValidEpaAssessment> {
    let assessed_on = input::date("assessedOn", "The date", &input.assessed_on)?;
    if assessed_on > today {
        return Err(Error::invalid(
            "assessedOn",
            format!("The date {assessed_on} is in the future"),
        ));
    }
    if !(1..=5).contains(&input.entrustment_level) {
        return Err(Error::invalid(
            "entrustmentLevel",
            format!(
                "{} is not an entrustment level (1 to 5)",
                input.entrustment_level
            ),
        ));
    }
    if input.went_well.iter().any(|t| input.needs_work.contains(t)) {
        return Err(Error::invalid(
            "needsWork",
            "A tag cannot be both something that went well and something that needs work",
        ));
    }
    Ok(ValidEpaAssessment {
        resident_id: input.resident_id,
        assessor_id: input.assessor_id,
        epa_id: input.epa_id,
        phase: input.phase,
        assessed_on,
        entrustment_level: input.entrustment_level,
        rotation_assignment_id: input.rotation_assignment_id,
        case_type_id: input.case_type_id,
        case_urgency: one_of(
            "caseUrgency",
            "Urgency",
            input.case_urgency.as_deref(),
            &URGENCIES,
        )?,
        patient_asa_class: in_range(
            "patientAsaClass",
            "The ASA class",
            input.patient_asa_class,
            1..=6,
        )?,
        procedure_duration_minutes: in_range(
            "procedureDurationMinutes",
            "The duration in minutes",
            input.procedure_duration_minutes,
            1..=1440,
        )?,
        complications_occurred: input.complications_occurred,
        location_type: one_of(
            "locationType",
            "The location",
            input.location_type.as_deref(),
            &LOCATIONS,
        )?,
        location_details: input::optional_text(
            "locationDetails",
            "Location details",
            input.location_details.as_deref().unwrap_or(""),
            200,
        )?,
        narrative: input::optional_text(
            "narrative",
            "The narrative",
            input.narrative.as_deref().unwrap_or(""),
            NARRATIVE_MAX,
        )?,
        went_well: dedup(&input.went_well),
        needs_work: dedup(&input.needs_work),
        entry_method: one_of(
            "entryMethod",
            "The entry method",
            input.entry_method.as_deref(),
            &ENTRY_METHODS,
        )?
        .unwrap_or_else(|| "desktop".to_string()),
    })
}

fn dedup(ids: &[FeedbackTagId]) -> Vec<FeedbackTagId> {
    let mut out = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

/// An assessment as lists and reports show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EpaAssessment {
    pub id: EpaAssessmentId,
    pub resident_id: ResidentId,
    pub resident_name: String,
    pub assessor_id: FacultyId,
    pub assessor_name: String,
    pub epa_id: EpaId,
    pub epa_number: i32,
    pub epa_short_name: String,
    pub phase: Phase,
    #[ts(type = "string")]
    pub assessed_on: NaiveDate,
    pub entrustment_level: i32,
    pub level_name: String,
    pub rotation_code: Option<String>,
    pub site_name: Option<String>,
    pub case_type_id: Option<CaseTypeId>,
    pub case_type: Option<String>,
    pub case_urgency: Option<String>,
    pub patient_asa_class: Option<i32>,
    pub procedure_duration_minutes: Option<i32>,
    pub complications_occurred: Option<bool>,
    pub location_type: Option<String>,
    pub location_details: Option<String>,
    pub narrative: Option<String>,
    pub went_well: Vec<TagLabel>,
    pub needs_work: Vec<TagLabel>,
    pub entry_method: String,
    pub acknowledged: bool,
    pub version: i32,
}

/// Which of a program's assessments a list shows; every part optional.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EpaFilter {
    #[serde(default)]
    pub resident_id: Option<ResidentId>,
    #[serde(default)]
    pub epa_id: Option<EpaId>,
    /// YYYY-MM-DD, inclusive.
    #[serde(default)]
    pub from: Option<String>,
    /// YYYY-MM-DD, inclusive.
    #[serde(default)]
    pub to: Option<String>,
}

/// One page of a list, and how many assessments match in all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EpaPage {
    pub rows: Vec<EpaAssessment>,
    pub total: u32,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn input() -> EpaAssessmentInput {
        EpaAssessmentInput {
            resident_id: ResidentId::new(),
            assessor_id: FacultyId::new(),
            epa_id: EpaId::new(),
            phase: Phase::Intraoperative,
            assessed_on: "2026-11-20".into(),
            entrustment_level: 3,
            rotation_assignment_id: None,
            case_type_id: None,
            case_urgency: Some("Urgent".into()),
            patient_asa_class: Some(2),
            procedure_duration_minutes: Some(95),
            complications_occurred: Some(false),
            location_type: Some("operating room".into()),
            location_details: None,
            narrative: Some("  Confident port placement.  ".into()),
            went_well: vec![],
            needs_work: vec![],
            entry_method: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn field(r: Result<ValidEpaAssessment>) -> Option<&'static str> {
        r.unwrap_err().field()
    }

    #[test]
    fn a_complete_entry_is_read_with_its_words_normalised() {
        let v = validate(&input(), today()).unwrap();
        assert_eq!(v.case_urgency.as_deref(), Some("urgent"));
        assert_eq!(v.location_type.as_deref(), Some("operating_room"));
        assert_eq!(v.narrative.as_deref(), Some("Confident port placement."));
        assert_eq!(v.entry_method, "desktop");
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut i = input();
        i.assessed_on = "2026-11-23".into();
        assert_eq!(field(validate(&i, today())), Some("assessedOn"));
        let mut i = input();
        i.assessed_on = "20/11/2026".into();
        assert_eq!(field(validate(&i, today())), Some("assessedOn"));
        let mut i = input();
        i.entrustment_level = 6;
        assert_eq!(field(validate(&i, today())), Some("entrustmentLevel"));
        let mut i = input();
        i.patient_asa_class = Some(7);
        assert_eq!(field(validate(&i, today())), Some("patientAsaClass"));
        let mut i = input();
        i.procedure_duration_minutes = Some(0);
        assert_eq!(
            field(validate(&i, today())),
            Some("procedureDurationMinutes")
        );
        let mut i = input();
        i.case_urgency = Some("whenever".into());
        assert_eq!(field(validate(&i, today())), Some("caseUrgency"));
        let mut i = input();
        i.location_type = Some("car park".into());
        assert_eq!(field(validate(&i, today())), Some("locationType"));
        let mut i = input();
        let tag = FeedbackTagId::new();
        i.went_well = vec![tag];
        i.needs_work = vec![tag];
        assert_eq!(field(validate(&i, today())), Some("needsWork"));
    }

    #[test]
    fn today_is_allowed_and_tags_are_kept_once() {
        let mut i = input();
        i.assessed_on = "2026-11-22".into();
        let tag = FeedbackTagId::new();
        i.went_well = vec![tag, tag];
        assert_eq!(validate(&i, today()).unwrap().went_well, vec![tag]);
    }
}
