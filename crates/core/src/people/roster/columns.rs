//! The columns of a roster file: which header means which field, which are required, and the
//! parsing of each cell into a value or a problem that names the row, the column and the reason.

use chrono::NaiveDate;

use super::{FileProblem, RowProblem};
use crate::csv_table::{TableRow, header_key};

/// One column of a roster: its canonical name (written on export), the other headers that
/// mean it, and whether a file must have it.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

impl Column {
    fn matches(&self, key: &str) -> bool {
        header_key(self.name) == key || self.aliases.iter().any(|a| header_key(a) == key)
    }
}

/// Where each column sits in a file, the headers nobody reads, and what is wrong with the header.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: &'static [Column],
    index: Vec<Option<usize>>,
    headers: Vec<String>,
    pub ignored: Vec<String>,
    pub problems: Vec<FileProblem>,
}

impl Layout {
    pub fn new(columns: &'static [Column], headers: &[String]) -> Self {
        let mut index = vec![None; columns.len()];
        let mut ignored = Vec::new();
        let mut problems = Vec::new();
        for (at, header) in headers.iter().enumerate() {
            let key = header_key(header);
            if key.is_empty() {
                continue;
            }
            match columns.iter().position(|c| c.matches(&key)) {
                Some(c) => match index[c] {
                    Some(first) => problems.push(FileProblem {
                        column: Some(header.clone()),
                        message: format!(
                            "The columns '{}' and '{header}' both mean {}; keep one of them",
                            headers[first], columns[c].name
                        ),
                    }),
                    None => index[c] = Some(at),
                },
                None => ignored.push(header.clone()),
            }
        }
        for (c, column) in columns.iter().enumerate() {
            if column.required && index[c].is_none() {
                problems.push(FileProblem {
                    column: Some(column.name.to_string()),
                    message: format!(
                        "The file has no '{}' column, which is required",
                        column.name
                    ),
                });
            }
        }
        Layout {
            columns,
            index,
            headers: headers.to_vec(),
            ignored,
            problems,
        }
    }

    fn position(&self, name: &str) -> Option<usize> {
        let c = self.columns.iter().position(|c| c.name == name)?;
        self.index[c]
    }

    /// Whether the file has the column: a column it lacks leaves the stored value alone.
    pub fn has(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The column's header as the file writes it, for messages.
    pub fn header(&self, name: &str) -> String {
        self.position(name)
            .and_then(|i| self.headers.get(i).cloned())
            .unwrap_or_else(|| name.to_string())
    }
}

/// The cells of one row, read through the layout; every bad cell becomes a problem.
pub struct Cells<'a> {
    row: &'a TableRow,
    layout: &'a Layout,
    pub problems: Vec<RowProblem>,
}

impl<'a> Cells<'a> {
    pub fn new(row: &'a TableRow, layout: &'a Layout) -> Self {
        let mut problems = Vec::new();
        let width = layout.headers.len();
        if row.cells.iter().skip(width).any(|c| !c.is_empty()) {
            problems.push(RowProblem {
                column: String::new(),
                message: format!(
                    "The row has {} values but the header has only {width} columns",
                    row.cells.len()
                ),
            });
        }
        Cells {
            row,
            layout,
            problems,
        }
    }

    pub fn raw(&self, name: &str) -> &'a str {
        self.layout.position(name).map_or("", |i| self.row.cell(i))
    }

    /// Records what is wrong with the column's cell.
    pub fn problem(&mut self, name: &str, message: String) {
        self.problems.push(RowProblem {
            column: self.layout.header(name),
            message,
        });
    }

    pub fn required(&mut self, name: &str, max: usize) -> Option<String> {
        let value = self.raw(name);
        if value.is_empty() {
            self.problem(name, "Missing: this column is required".to_string());
            None
        } else {
            self.text_within(name, value, max)
        }
    }

    pub fn optional(&mut self, name: &str, max: usize) -> Option<String> {
        let value = self.raw(name);
        if value.is_empty() {
            None
        } else {
            self.text_within(name, value, max)
        }
    }

    fn text_within(&mut self, name: &str, value: &str, max: usize) -> Option<String> {
        if value.chars().count() > max {
            self.problem(name, format!("Longer than {max} characters"));
            None
        } else {
            Some(value.to_string())
        }
    }

    pub fn email(&mut self) -> Option<String> {
        let value = self.required("email", 254)?;
        match crate::input::email("email", &value) {
            Ok(email) => Some(email),
            Err(_) => {
                self.problem("email", format!("'{value}' is not an e-mail address"));
                None
            }
        }
    }

    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        let value = self.raw(name);
        if value.is_empty() {
            return None;
        }
        let parsed = parse_date(value);
        if parsed.is_none() {
            self.problem(
                name,
                format!("'{value}' is not a date; use YYYY-MM-DD, e.g. 2026-07-01 (or M/D/YYYY)"),
            );
        }
        parsed
    }

    pub fn pgy(&mut self, name: &str, required: bool) -> Option<i32> {
        let value = self.raw(name);
        if value.is_empty() {
            if required {
                self.problem(name, "Missing: this column is required".to_string());
            }
            return None;
        }
        let parsed = parse_pgy(value);
        if parsed.is_none() {
            self.problem(
                name,
                format!("Unknown PGY level '{value}': use 1 to 10, or PGY-1 to PGY-10"),
            );
        }
        parsed
    }

    pub fn flag(&mut self, name: &str) -> Option<bool> {
        let value = self.raw(name);
        let parsed = parse_flag(value);
        if parsed.is_none() {
            self.problem(name, format!("'{value}' is not yes or no"));
        }
        parsed
    }

    pub fn percentage(&mut self, name: &str) -> Option<i32> {
        let value = self.raw(name);
        if value.is_empty() {
            return None;
        }
        let parsed = value
            .trim_end_matches('%')
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|p| (0..=100).contains(p));
        if parsed.is_none() {
            self.problem(name, format!("'{value}' is not a percentage from 0 to 100"));
        }
        parsed
    }

    /// One of a closed list of values, matched case- and separator-insensitively.
    pub fn choice(
        &mut self,
        name: &str,
        choices: &[(&'static str, &[&str])],
    ) -> Option<&'static str> {
        let value = self.raw(name);
        if value.is_empty() {
            return None;
        }
        let parsed = parse_choice(value, choices);
        if parsed.is_none() {
            let allowed: Vec<&str> = choices.iter().map(|(c, _)| *c).collect();
            self.problem(
                name,
                format!("'{value}' is not one of: {}", allowed.join(", ")),
            );
        }
        parsed
    }
}

/// An exported cell: the value, or empty for none.
pub fn cell<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map_or_else(String::new, ToString::to_string)
}

/// What changed between two stored rows, in words: "PGY level: 2 → 3"; none reads "none".
#[derive(Debug, Default)]
pub struct Changes(Vec<String>);

impl Changes {
    pub fn note<T: PartialEq + ToString>(
        mut self,
        label: &str,
        before: Option<T>,
        after: Option<T>,
    ) -> Self {
        if before != after {
            let show = |v: Option<T>| v.map_or_else(|| "none".to_string(), |v| v.to_string());
            self.0
                .push(format!("{label}: {} → {}", show(before), show(after)));
        }
        self
    }

    pub fn into_words(self) -> Vec<String> {
        self.0
    }
}

/// `2026-07-01`, or `7/1/2026` as Excel writes dates in the United States.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%m/%d/%Y"))
        .ok()
}

/// `3`, `PGY3`, `PGY-3` or `pgy 3`, from 1 to 10.
pub fn parse_pgy(value: &str) -> Option<i32> {
    let lower = value.trim().to_ascii_lowercase();
    let digits = match lower.strip_prefix("pgy") {
        Some(rest) => rest.trim_start_matches(['-', ' ']),
        None => &lower,
    };
    digits.parse::<i32>().ok().filter(|l| (1..=10).contains(l))
}

pub fn parse_flag(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => Some(false),
        "yes" | "y" | "true" | "1" | "x" => Some(true),
        _ => None,
    }
}

pub fn parse_choice(value: &str, choices: &[(&'static str, &[&str])]) -> Option<&'static str> {
    let key = header_key(value);
    choices.iter().find_map(|(canonical, aliases)| {
        (header_key(canonical) == key || aliases.iter().any(|a| header_key(a) == key))
            .then_some(*canonical)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_iso_or_us_form() {
        let july = NaiveDate::from_ymd_opt(2026, 7, 1);
        assert_eq!(parse_date("2026-07-01"), july);
        assert_eq!(parse_date("7/1/2026"), july);
        assert_eq!(parse_date("07/01/2026"), july);
        for bad in ["2026-02-30", "31/07/2026", "July 1", "2026"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn pgy_levels_in_the_forms_programs_write_them() {
        for (text, level) in [("3", 3), ("PGY-3", 3), ("pgy3", 3), ("PGY 10", 10)] {
            assert_eq!(parse_pgy(text), Some(level), "{text}");
        }
        for bad in ["0", "11", "R3", "PGY-", "three", "-3"] {
            assert_eq!(parse_pgy(bad), None, "{bad}");
        }
    }

    #[test]
    fn flags_and_choices() {
        assert_eq!(parse_flag("Yes"), Some(true));
        assert_eq!(parse_flag(""), Some(false));
        assert_eq!(parse_flag("maybe"), None);
        let statuses: &[(&str, &[&str])] = &[("leave_of_absence", &["LOA"]), ("active", &[])];
        assert_eq!(
            parse_choice("Leave of Absence", statuses),
            Some("leave_of_absence")
        );
        assert_eq!(parse_choice("loa", statuses), Some("leave_of_absence"));
        assert_eq!(parse_choice("ACTIVE", statuses), Some("active"));
        assert_eq!(parse_choice("gone", statuses), None);
    }

    #[test]
    fn changes_are_named_in_words_and_equal_values_say_nothing() {
        let words = Changes::default()
            .note("PGY level", Some(2), Some(3))
            .note("Track", None, Some("Research"))
            .note("Status", Some("active"), Some("active"))
            .into_words();
        assert_eq!(words, ["PGY level: 2 → 3", "Track: none → Research"]);
        assert_eq!(cell::<i32>(&None), "");
        assert_eq!(cell(&Some(35)), "35");
    }

    static COLUMNS: &[Column] = &[
        Column {
            name: "email",
            aliases: &["e-mail", "email address"],
            required: true,
        },
        Column {
            name: "pgy_level",
            aliases: &["pgy"],
            required: true,
        },
        Column {
            name: "track",
            aliases: &[],
            required: false,
        },
    ];

    #[test]
    fn layout_names_missing_duplicate_and_ignored_columns() {
        let headers: Vec<String> = ["E-Mail", "Email Address", "Pager"]
            .map(String::from)
            .to_vec();
        let layout = Layout::new(COLUMNS, &headers);
        assert_eq!(layout.ignored, ["Pager"]);
        assert_eq!(layout.problems.len(), 2, "{:?}", layout.problems);
        assert!(layout.problems[0].message.contains("both mean email"));
        assert_eq!(layout.problems[1].column.as_deref(), Some("pgy_level"));
        assert!(layout.has("email"));
        assert!(!layout.has("track"));
        assert_eq!(layout.header("email"), "E-Mail");
    }
}
