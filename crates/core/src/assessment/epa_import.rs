//! EPA assessments from another system's CSV file: which header means which field, and the
//! reading of each row into names and values (pure). Names are resolved and every rule checked by
//! `epa_import_store`, which writes all rows or none.

use super::reference::Phase;
use crate::csv_table::TableRow;
use crate::people::roster::RowProblem;
use crate::people::roster::columns::{Cells, Column, Layout};
use chrono::NaiveDate;

const fn column(name: &'static str, aliases: &'static [&'static str], required: bool) -> Column {
    Column {
        name,
        aliases,
        required,
    }
}

/// The columns a file may have; the first six are required.
pub const COLUMNS: &[Column] = &[
    column(
        "resident_email",
        &[
            "resident",
            "resident e-mail",
            "trainee email",
            "learner email",
        ],
        true,
    ),
    column(
        "assessor_email",
        &[
            "assessor",
            "assessor e-mail",
            "faculty email",
            "evaluator email",
            "rater email",
        ],
        true,
    ),
    column("epa", &["epa number", "epa #", "epa no"], true),
    column("phase", &["phase of care"], true),
    column(
        "date",
        &[
            "assessed on",
            "assessment date",
            "date assessed",
            "case date",
        ],
        true,
    ),
    column(
        "level",
        &["entrustment level", "entrustment", "rating"],
        true,
    ),
    column("case_type", &["case", "procedure"], false),
    column("urgency", &["case urgency"], false),
    column(
        "asa_class",
        &["asa", "patient asa class", "asa score"],
        false,
    ),
    column(
        "duration_minutes",
        &["duration", "procedure duration", "minutes"],
        false,
    ),
    column("complications", &["complications occurred"], false),
    column("location", &["location type", "setting"], false),
    column("location_details", &["location detail"], false),
    column("narrative", &["comments", "comment", "feedback"], false),
    column("went_well", &["strengths", "went well tags"], false),
    column(
        "needs_work",
        &[
            "areas for improvement",
            "needs improvement",
            "needs work tags",
        ],
        false,
    ),
];

/// A row as the file writes it, each cell read into a value; people, the EPA, the case type and
/// tags are still names.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAssessment {
    pub line: u32,
    pub resident_email: String,
    pub assessor_email: String,
    pub epa_number: i32,
    pub phase: Phase,
    pub date: NaiveDate,
    pub level: i32,
    pub case_type: Option<String>,
    pub urgency: Option<String>,
    pub asa_class: Option<i32>,
    pub duration_minutes: Option<i32>,
    pub complications: Option<bool>,
    pub location: Option<String>,
    pub location_details: Option<String>,
    pub narrative: Option<String>,
    pub went_well: Vec<String>,
    pub needs_work: Vec<String>,
}

/// `3`, `EPA 3`, `EPA-3` or `epa3`.
pub fn parse_epa_number(value: &str) -> Option<i32> {
    let lower = value.trim().to_ascii_lowercase();
    let digits = lower.strip_prefix("epa").map_or(lower.as_str(), |rest| {
        rest.trim_start_matches([' ', '-', '#'])
    });
    digits.parse::<i32>().ok().filter(|n| (1..=99).contains(n))
}

/// Tags as one cell lists them: separated by semicolons or vertical bars.
pub fn split_tags(value: &str) -> Vec<String> {
    value
        .split([';', '|'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn whole_number(cells: &mut Cells<'_>, name: &str, what: &str) -> Option<i32> {
    let value = cells.raw(name);
    if value.is_empty() {
        return None;
    }
    let parsed = value.parse::<i32>().ok();
    if parsed.is_none() {
        cells.problem(name, format!("'{value}' is not {what}"));
    }
    parsed
}

fn email(cells: &mut Cells<'_>, name: &str) -> Option<String> {
    let value = cells.required(name, 254)?;
    match crate::input::email("email", &value) {
        Ok(email) => Some(email),
        Err(_) => {
            cells.problem(name, format!("'{value}' is not an e-mail address"));
            None
        }
    }
}

/// Reads one row: the values, or every problem its cells have.
pub fn parse_row(row: &TableRow, layout: &Layout) -> Result<RawAssessment, Vec<RowProblem>> {
    let mut cells = Cells::new(row, layout);
    let resident_email = email(&mut cells, "resident_email");
    let assessor_email = email(&mut cells, "assessor_email");
    let epa_number = cells.required("epa", 20).and_then(|v| {
        let n = parse_epa_number(&v);
        if n.is_none() {
            cells.problem(
                "epa",
                format!("'{v}' is not an EPA number (e.g. 3 or EPA 3)"),
            );
        }
        n
    });
    let phase = cells.required("phase", 40).and_then(|v| {
        let p = Phase::parse(&v);
        if p.is_none() {
            cells.problem(
                "phase",
                format!("'{v}' is not a phase: use pre-operative, intra-operative, post-operative or whole encounter"),
            );
        }
        p
    });
    let date = if cells.raw("date").is_empty() {
        cells.problem("date", "Missing: this column is required".to_string());
        None
    } else {
        cells.date("date")
    };
    let level = if cells.raw("level").is_empty() {
        cells.problem("level", "Missing: this column is required".to_string());
        None
    } else {
        whole_number(&mut cells, "level", "an entrustment level (a whole number)")
    };
    let case_type = cells.optional("case_type", 200);
    let urgency = cells.optional("urgency", 40);
    let asa_class = whole_number(&mut cells, "asa_class", "an ASA class (1 to 6)");
    let duration_minutes = whole_number(&mut cells, "duration_minutes", "a number of minutes");
    let complications = if cells.raw("complications").is_empty() {
        None
    } else {
        cells.flag("complications")
    };
    let location = cells.optional("location", 60);
    let location_details = cells.optional("location_details", 200);
    let narrative = cells.optional("narrative", 10_000);
    let went_well = split_tags(cells.raw("went_well"));
    let needs_work = split_tags(cells.raw("needs_work"));
    if !cells.problems.is_empty() {
        return Err(cells.problems);
    }
    match (
        resident_email,
        assessor_email,
        epa_number,
        phase,
        date,
        level,
    ) {
        (
            Some(resident_email),
            Some(assessor_email),
            Some(epa_number),
            Some(phase),
            Some(date),
            Some(level),
        ) => Ok(RawAssessment {
            line: row.line,
            resident_email,
            assessor_email,
            epa_number,
            phase,
            date,
            level,
            case_type,
            urgency,
            asa_class,
            duration_minutes,
            complications,
            location,
            location_details,
            narrative,
            went_well,
            needs_work,
        }),
        // Every missing value above recorded a problem, so this is not reached with none.
        _ => Err(vec![RowProblem {
            column: String::new(),
            message: "The row lacks a required value".to_string(),
        }]),
    }
}

/// The column a core input field is read from, for naming a row's problem.
pub fn column_of(field: &str) -> &'static str {
    match field {
        "residentId" => "resident_email",
        "assessorId" => "assessor_email",
        "epaId" => "epa",
        "phase" => "phase",
        "assessedOn" => "date",
        "entrustmentLevel" => "level",
        "caseTypeId" => "case_type",
        "caseUrgency" => "urgency",
        "patientAsaClass" => "asa_class",
        "procedureDurationMinutes" => "duration_minutes",
        "locationType" => "location",
        "locationDetails" => "location_details",
        "narrative" => "narrative",
        "wentWell" => "went_well",
        "needsWork" => "needs_work",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::csv_table;

    fn parse(text: &str) -> Vec<Result<RawAssessment, Vec<RowProblem>>> {
        let table = csv_table::read(text).unwrap();
        let layout = Layout::new(COLUMNS, &table.headers);
        assert!(layout.problems.is_empty(), "{:?}", layout.problems);
        table.rows.iter().map(|r| parse_row(r, &layout)).collect()
    }

    #[test]
    fn epa_numbers_and_tags_in_the_forms_systems_write() {
        for (text, n) in [
            ("3", Some(3)),
            ("EPA 3", Some(3)),
            ("epa-12", Some(12)),
            ("EPA", None),
            ("0", None),
            ("x", None),
        ] {
            assert_eq!(parse_epa_number(text), n, "{text}");
        }
        assert_eq!(
            split_tags(" Prepared; Honest |Calm;; "),
            ["Prepared", "Honest", "Calm"]
        );
    }

    #[test]
    fn a_row_is_read_under_other_systems_headers() {
        let rows = parse(
            "Trainee Email,Evaluator Email,EPA #,Phase of care,Assessment Date,Entrustment,Comments,Strengths\r\n\
             ana@example.org,dr.b@example.org,EPA 2,Intra-op,10/2/2026,3,\"Good, safe\",Prepared;Calm\r\n",
        );
        let row = rows[0].as_ref().unwrap();
        assert_eq!(row.line, 2);
        assert_eq!(row.epa_number, 2);
        assert_eq!(row.phase, Phase::Intraoperative);
        assert_eq!(row.date, NaiveDate::from_ymd_opt(2026, 10, 2).unwrap());
        assert_eq!(row.narrative.as_deref(), Some("Good, safe"));
        assert_eq!(row.went_well, ["Prepared", "Calm"]);
    }

    #[test]
    fn each_bad_cell_is_named_by_its_header() {
        let rows = parse(
            "resident_email,assessor_email,epa,phase,date,level,asa_class\n\
             not-an-email,b@example.org,EPA x,mid-op,2026-02-30,three,7a\n",
        );
        let problems = rows[0].as_ref().unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(
            columns,
            [
                "resident_email",
                "epa",
                "phase",
                "date",
                "level",
                "asa_class"
            ]
        );
    }

    #[test]
    fn a_file_without_a_required_column_is_refused_as_a_whole() {
        let table = csv_table::read("resident_email,assessor_email,epa,phase,date\n").unwrap();
        let layout = Layout::new(COLUMNS, &table.headers);
        assert_eq!(layout.problems.len(), 1);
        assert_eq!(layout.problems[0].column.as_deref(), Some("level"));
    }

    #[test]
    fn core_fields_map_to_columns() {
        assert_eq!(column_of("entrustmentLevel"), "level");
        assert_eq!(column_of("assessorId"), "assessor_email");
        assert_eq!(column_of("rotationAssignmentId"), "");
    }
}
