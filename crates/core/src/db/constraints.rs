//! PostgreSQL's last-line refusals (unique 23505, exclusion 23P01, check 23514, foreign key 23503,
//! privilege 42501) turned into the words a coordinator reads. The core validates first and says it
//! better; these messages cover what only the database can see, such as another desktop's write.

use sqlx::error::DatabaseError;
use sqlx::postgres::PgDatabaseError;

use crate::Error;

/// The value inside `Key (col)=(VALUE) ...` of a PostgreSQL error detail.
fn key_value(detail: &str) -> Option<&str> {
    let start = detail.find(")=(")? + 3;
    let rest = &detail[start..];
    let end = rest.find(") ")?;
    Some(&rest[..end])
}

/// Date ranges `[2026-07-29,2026-08-26)` in an exclusion detail, as inclusive `a..b` text.
fn date_ranges(detail: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = detail;
    while let Some(i) = rest.find('[') {
        let candidate = &rest[i + 1..];
        if let Some(j) = candidate.find(')') {
            let inner = &candidate[..j];
            if let Some((a, b)) = inner.split_once(',')
                && let (Ok(a), Ok(b)) = (
                    chrono::NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d"),
                    chrono::NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d"),
                )
            {
                out.push(format!("{a}..{}", b.pred_opt().unwrap_or(b)));
            }
        }
        rest = candidate;
    }
    out
}

/// The table named in `... is still referenced from table "x".`
fn referencing_table(detail: &str) -> Option<&str> {
    let start = detail.find("from table \"")? + 12;
    let rest = &detail[start..];
    Some(&rest[..rest.find('"')?])
}

/// A table's name in words: `rotation_assignments` -> "rotation assignments".
fn noun(table: &str) -> String {
    table.replace('_', " ")
}

/// Translates a database refusal, or `None` when it is not one the user can act on.
pub fn translate(db: &dyn DatabaseError) -> Option<Error> {
    let code = db.code()?;
    let constraint = db.constraint().unwrap_or("");
    let detail = db
        .try_downcast_ref::<PgDatabaseError>()
        .and_then(|e| e.detail())
        .unwrap_or("");
    let value = key_value(detail).unwrap_or("this value");
    let conflict =
        |field: Option<&'static str>, message: String| Error::Conflict { message, field };
    Some(match code.as_ref() {
        "23505" => match constraint {
            "programs_code_unique" => conflict(
                Some("code"),
                format!("A program with the code {value} already exists"),
            ),
            "users_email_unique" => conflict(
                Some("email"),
                format!("Someone with the e-mail {value} is already registered"),
            ),
            "academic_years_name_unique" => conflict(
                Some("name"),
                "This program already has an academic year with that name".into(),
            ),
            "academic_years_one_current" => conflict(
                Some("isCurrent"),
                "This program already has a current academic year".into(),
            ),
            "blocks_number_unique" => conflict(
                Some("name"),
                "Two blocks of this year would have the same number".into(),
            ),
            "residents_user_program_unique" => conflict(
                Some("email"),
                "This person is already a resident of the program".into(),
            ),
            "faculty_user_program_unique" => conflict(
                Some("email"),
                "This person is already on the program's faculty".into(),
            ),
            "institutions_name_unique" => conflict(
                Some("institution"),
                format!("An institution named {value} already exists"),
            ),
            "year_rollovers_once" => conflict(
                None,
                "This academic year has already been rolled over; undo that rollover first"
                    .to_string(),
            ),
            "clinical_sites_code_unique" | "clinical_sites_name_unique" => conflict(
                Some("code"),
                format!("A clinical site {value} already exists"),
            ),
            "rotation_types_code_unique" => conflict(
                Some("code"),
                "This program already has a rotation with that code".into(),
            ),
            "elective_requests_rank_once" => conflict(
                Some("rank"),
                "This resident already has a request of that rank this year".into(),
            ),
            _ => conflict(
                None,
                format!("This would duplicate an existing record ({constraint})"),
            ),
        },
        "23P01" => {
            let ranges = date_ranges(detail);
            let between = if ranges.len() == 2 {
                format!(": {} and {}", ranges[0], ranges[1])
            } else {
                String::new()
            };
            match constraint {
                "blocks_no_overlap" => conflict(
                    Some("startDate"),
                    format!("Two blocks of this year would overlap{between}"),
                ),
                "academic_years_no_overlap" => conflict(
                    Some("startDate"),
                    format!("Two academic years of this program would overlap{between}"),
                ),
                "program_memberships_no_overlap" => conflict(
                    Some("role"),
                    format!(
                        "This person already holds that role in the program for those dates{between}"
                    ),
                ),
                "rotation_assignments_no_overlap" => conflict(
                    None,
                    format!("The resident already has an assignment on those dates{between}"),
                ),
                "leave_periods_no_overlap" => conflict(
                    Some("startDate"),
                    format!("The resident already has leave on those dates{between}"),
                ),
                "work_hour_entries_no_overlap" => conflict(
                    Some("startsAt"),
                    "The resident already has hours recorded in part of that time".to_string(),
                ),
                _ => conflict(None, format!("This overlaps an existing record{between}")),
            }
        }
        "23514" => {
            let message = db.message().to_string();
            match constraint {
                "blocks_inside_year" | "blocks_no_gap" | "rotation_assignments_fit_block" => {
                    conflict(None, message)
                }
                "academic_years_dates" => Error::invalid(
                    "endDate",
                    "An academic year must end after it starts and last at most two years",
                ),
                "blocks_dates" => Error::invalid("endDate", "A block cannot end before it starts"),
                "blocks_split_inside" => Error::invalid(
                    "splitDate",
                    "The split date must fall after the block's first day and on or before its last day",
                ),
                "programs_code_check" => {
                    Error::invalid("code", "A program code is 1 to 16 letters, digits, - or _")
                }
                "users_email_check" => Error::invalid("email", "That is not an e-mail address"),
                "residents_pgy_level_check" | "residents_entry_pgy_level_check" => {
                    Error::invalid("pgyLevel", "The PGY level must be between 1 and 10")
                }
                _ => Error::invalid("input", format!("A value breaks the rule {constraint}")),
            }
        }
        "23503" => match referencing_table(detail) {
            Some(table) => Error::InUse { by: noun(table) },
            None => Error::not_found(format!("The referenced record ({constraint})")),
        },
        "42501" => Error::Forbidden(db.message().to_string()),
        "40001" | "40P01" => conflict(
            None,
            "Someone else changed the same records at the same moment; try again".into(),
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusion_details_become_inclusive_date_ranges() {
        let detail = "Key (academic_year_id, daterange(start_date, end_date, '[]'::text))=(0190, [2026-07-29,2026-08-26)) conflicts with existing key (academic_year_id, daterange(start_date, end_date, '[]'::text))=(0190, [2026-08-01,2026-08-29)).";
        assert_eq!(
            date_ranges(detail),
            vec!["2026-07-29..2026-08-25", "2026-08-01..2026-08-28"]
        );
    }

    #[test]
    fn unique_details_yield_the_duplicated_value() {
        assert_eq!(key_value("Key (code)=(GS) already exists."), Some("GS"));
        assert_eq!(key_value("no key here"), None);
    }

    #[test]
    fn foreign_key_details_name_the_referencing_table() {
        let detail = "Key (id)=(0190) is still referenced from table \"rotation_assignments\".";
        assert_eq!(referencing_table(detail), Some("rotation_assignments"));
        assert_eq!(noun("rotation_assignments"), "rotation assignments");
    }
}
