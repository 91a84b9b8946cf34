//! Reference sets as files: a milestone set, an EPA set or feedback tags, in JSON (the shape
//! Rotunda ships in `crates/core/reference/`) or CSV (one row per subcompetency, or per scale
//! level / EPA / case type). Pure: text in, a set checked in full out, or every problem found, each
//! named by where it is — nothing is written unless the whole file is right.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::csv_table::{self, Table, TableRow, header_key};
use crate::{Error, Result};

/// The phases of care an EPA is rated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Preoperative,
    Intraoperative,
    Postoperative,
    WholeEncounter,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Preoperative,
        Phase::Intraoperative,
        Phase::Postoperative,
        Phase::WholeEncounter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Preoperative => "preoperative",
            Phase::Intraoperative => "intraoperative",
            Phase::Postoperative => "postoperative",
            Phase::WholeEncounter => "whole_encounter",
        }
    }

    /// "pre-operative", "Preoperative", "pre_op" and "pre" all name the first phase.
    pub fn parse(text: &str) -> Option<Phase> {
        let key: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect();
        match key.as_str() {
            "preoperative" | "preop" | "pre" => Some(Phase::Preoperative),
            "intraoperative" | "intraop" | "intra" => Some(Phase::Intraoperative),
            "postoperative" | "postop" | "post" => Some(Phase::Postoperative),
            "wholeencounter" | "whole" | "encounter" => Some(Phase::WholeEncounter),
            _ => None,
        }
    }
}

/// A milestone set as checked: its subcompetencies in order, each with five level descriptors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneSet {
    pub specialty: String,
    pub version: String,
    pub name: String,
    pub subcompetencies: Vec<Subcompetency>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subcompetency {
    pub competency: String,
    pub code: String,
    pub name: String,
    pub description: Option<String>,
    /// Levels 1 to 5, in order.
    pub levels: [String; 5],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpaSet {
    pub specialty: String,
    pub version: String,
    pub name: String,
    pub scale: Vec<ScaleLevel>,
    pub epas: Vec<Epa>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleLevel {
    pub level: i32,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Epa {
    pub number: i32,
    pub short_name: String,
    pub name: String,
    pub description: Option<String>,
    pub phases: Vec<Phase>,
    pub case_types: Vec<CaseType>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseType {
    pub code: String,
    pub name: String,
    pub minutes: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackTag {
    /// `strength` or `area_for_improvement`.
    pub category: String,
    pub name: String,
    pub description: Option<String>,
    pub specialty: Option<String>,
}

/// Which set a CSV file describes, and its name: a CSV has no room for them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetLabel {
    pub specialty: String,
    pub version: String,
    pub name: String,
}

/// The competencies a subcompetency may belong to, as `(code, abbreviation)`: read from the
/// database, so the checks follow the data.
pub type Competencies<'a> = &'a [(String, String)];

/// Problems gathered while checking, each with where it is.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, at: impl std::fmt::Display, message: impl std::fmt::Display) {
        self.0.push(format!("{at}: {message}"));
    }

    /// One error naming the first problems, or the value.
    fn into_result<T>(self, value: T) -> Result<T> {
        if self.0.is_empty() {
            return Ok(value);
        }
        const SHOWN: usize = 8;
        let more = self.0.len().saturating_sub(SHOWN);
        let mut message = format!(
            "Nothing was imported: {} problem{} in the file. ",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" }
        );
        message.push_str(&self.0[..self.0.len().min(SHOWN)].join("; "));
        if more > 0 {
            message.push_str(&format!("; and {more} more"));
        }
        Err(Error::invalid("file", message))
    }
}

fn required(problems: &mut Problems, at: &str, what: &str, value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        problems.add(at, format!("{what} is missing"));
    }
    value.to_string()
}

fn optional(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn check_label(problems: &mut Problems, specialty: &str, version: &str, name: &str) {
    if !specialty
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        || specialty.is_empty()
    {
        problems.add(
            "specialty",
            format!("'{specialty}' is not a specialty code (like general_surgery)"),
        );
    }
    if version.trim().is_empty() {
        problems.add("version", "the set's version is missing");
    }
    if name.trim().is_empty() {
        problems.add("name", "the set's name is missing");
    }
}

fn json_error(e: &serde_json::Error) -> Error {
    Error::invalid(
        "file",
        format!(
            "Nothing was imported: line {}, column {} of the file: {}",
            e.line(),
            e.column(),
            e
        ),
    )
}

fn unreadable(e: csv_table::Unreadable) -> Error {
    Error::invalid("file", format!("Nothing was imported: {}", e.0))
}

// ---- milestone sets ----

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MilestoneSetJson {
    kind: Option<String>,
    specialty: String,
    version: String,
    name: String,
    #[serde(default)]
    note: Option<String>,
    subcompetencies: Vec<SubcompetencyJson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SubcompetencyJson {
    competency: String,
    code: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    levels: BTreeMap<String, String>,
}

/// Reads a milestone set in JSON.
pub fn milestone_set_json(text: &str, competencies: Competencies) -> Result<MilestoneSet> {
    let file: MilestoneSetJson = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut problems = Problems::default();
    if file.kind.as_deref().is_some_and(|k| k != "milestone_set") {
        problems.add("kind", "this file is not a milestone set");
    }
    let _ = file.note;
    let rows = file
        .subcompetencies
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let at = format!("subcompetency {} ({})", i + 1, s.code.trim());
            let levels = (1..=5)
                .map(|l| s.levels.get(&l.to_string()).cloned().unwrap_or_default())
                .collect::<Vec<_>>();
            for key in s.levels.keys() {
                if !matches!(key.as_str(), "1" | "2" | "3" | "4" | "5") {
                    problems.add(&at, format!("'{key}' is not a level (1 to 5)"));
                }
            }
            (at, s.competency, s.code, s.name, s.description, levels)
        })
        .collect::<Vec<_>>();
    milestone_set(
        problems,
        (&file.specialty, &file.version, &file.name),
        rows,
        competencies,
    )
}

/// Reads a milestone set in CSV: columns competency, code, name, description (optional),
/// level 1 ... level 5; one row per subcompetency.
pub fn milestone_set_csv(
    text: &str,
    label: &SetLabel,
    competencies: Competencies,
) -> Result<MilestoneSet> {
    let table = csv_table::read(text).map_err(unreadable)?;
    let mut problems = Problems::default();
    let columns = Columns::find(
        &table,
        &mut problems,
        &[
            "competency",
            "code",
            "name",
            "level1",
            "level2",
            "level3",
            "level4",
            "level5",
        ],
        &["description"],
    );
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let at = format!("line {}", row.line);
            let levels = (1..=5)
                .map(|l| columns.get(row, &format!("level{l}")).to_string())
                .collect();
            (
                at,
                columns.get(row, "competency").to_string(),
                columns.get(row, "code").to_string(),
                columns.get(row, "name").to_string(),
                optional(Some(columns.get(row, "description"))),
                levels,
            )
        })
        .collect();
    milestone_set(
        problems,
        (&label.specialty, &label.version, &label.name),
        rows,
        competencies,
    )
}

type SubcompetencyRow = (String, String, String, String, Option<String>, Vec<String>);

fn milestone_set(
    mut problems: Problems,
    (specialty, version, name): (&str, &str, &str),
    rows: Vec<SubcompetencyRow>,
    competencies: Competencies,
) -> Result<MilestoneSet> {
    check_label(&mut problems, specialty, version, name);
    if rows.is_empty() {
        problems.add("subcompetencies", "the set has none");
    }
    let mut seen = HashSet::new();
    let mut subcompetencies = Vec::new();
    for (at, competency, code, sub_name, description, levels) in rows {
        let code = code.trim().to_uppercase();
        let competency_key = competency.trim().to_lowercase();
        // A competency is named by its code (patient_care) or its abbreviation (PC).
        let found = competencies
            .iter()
            .find(|(c, a)| *c == competency_key || a.eq_ignore_ascii_case(competency.trim()));
        match found {
            None => problems.add(
                &at,
                format!(
                    "'{}' is not a competency ({})",
                    competency.trim(),
                    competencies
                        .iter()
                        .map(|(_, a)| a.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            Some((_, abbreviation)) => {
                let number = code.strip_prefix(abbreviation.as_str()).unwrap_or("");
                if number.is_empty()
                    || !number.chars().all(|c| c.is_ascii_digit())
                    || number.starts_with('0')
                    || number.len() > 2
                {
                    problems.add(
                        &at,
                        format!("the code '{code}' must be {abbreviation} and a number, like {abbreviation}1"),
                    );
                }
            }
        }
        if !code.is_empty() && !seen.insert(code.clone()) {
            problems.add(&at, format!("{code} appears twice"));
        }
        let sub_name = required(&mut problems, &at, "the name", &sub_name);
        let mut texts: Vec<String> = levels.iter().map(|l| l.trim().to_string()).collect();
        for (i, text) in texts.iter().enumerate() {
            if text.is_empty() {
                problems.add(&at, format!("level {} has no descriptor", i + 1));
            }
        }
        texts.resize(5, String::new());
        let levels: [String; 5] = std::array::from_fn(|i| std::mem::take(&mut texts[i]));
        subcompetencies.push(Subcompetency {
            competency: found.map(|(c, _)| c.clone()).unwrap_or_default(),
            code,
            name: sub_name,
            description,
            levels,
        });
    }
    problems.into_result(MilestoneSet {
        specialty: specialty.trim().to_string(),
        version: version.trim().to_string(),
        name: name.trim().to_string(),
        subcompetencies,
    })
}

// ---- EPA sets ----

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EpaSetJson {
    kind: Option<String>,
    specialty: String,
    version: String,
    name: String,
    #[serde(default)]
    note: Option<String>,
    scale: Vec<ScaleJson>,
    epas: Vec<EpaJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleJson {
    level: i32,
    name: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EpaJson {
    number: i32,
    short_name: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    phases: Vec<String>,
    #[serde(default)]
    case_types: Vec<CaseTypeJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseTypeJson {
    code: String,
    name: String,
    #[serde(default)]
    minutes: Option<i32>,
}

/// Reads an EPA set in JSON.
pub fn epa_set_json(text: &str) -> Result<EpaSet> {
    let file: EpaSetJson = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut problems = Problems::default();
    if file.kind.as_deref().is_some_and(|k| k != "epa_set") {
        problems.add("kind", "this file is not an EPA set");
    }
    let _ = file.note;
    let scale = file
        .scale
        .into_iter()
        .map(|s| ScaleLevel {
            level: s.level,
            name: s.name.trim().to_string(),
            description: optional(s.description.as_deref()),
        })
        .collect();
    let epas = file
        .epas
        .into_iter()
        .map(|e| {
            let at = format!("EPA {}", e.number);
            let phases = phases(&mut problems, &at, e.phases.iter().map(String::as_str));
            Epa {
                number: e.number,
                short_name: e.short_name.trim().to_string(),
                name: e.name.trim().to_string(),
                description: optional(e.description.as_deref()),
                phases,
                case_types: e
                    .case_types
                    .into_iter()
                    .map(|c| CaseType {
                        code: c.code.trim().to_string(),
                        name: c.name.trim().to_string(),
                        minutes: c.minutes,
                    })
                    .collect(),
            }
        })
        .collect();
    epa_set(
        problems,
        EpaSet {
            specialty: file.specialty.trim().to_string(),
            version: file.version.trim().to_string(),
            name: file.name.trim().to_string(),
            scale,
            epas,
        },
    )
}

/// Reads an EPA set in CSV: columns kind, number, name, short name, phases, code, minutes,
/// description. `level` rows give the scale (number = the level), `epa` rows the EPAs (phases
/// separated by `;`), `case_type` rows a case type of the EPA with that number.
pub fn epa_set_csv(text: &str, label: &SetLabel) -> Result<EpaSet> {
    let table = csv_table::read(text).map_err(unreadable)?;
    let mut problems = Problems::default();
    let columns = Columns::find(
        &table,
        &mut problems,
        &["kind", "number", "name"],
        &["shortname", "phases", "code", "minutes", "description"],
    );
    let mut set = EpaSet {
        specialty: label.specialty.trim().to_string(),
        version: label.version.trim().to_string(),
        name: label.name.trim().to_string(),
        scale: Vec::new(),
        epas: Vec::new(),
    };
    let mut case_rows = Vec::new();
    for row in &table.rows {
        let at = format!("line {}", row.line);
        let number = match columns.get(row, "number").parse::<i32>() {
            Ok(n) => n,
            Err(_) => {
                problems.add(
                    &at,
                    format!("'{}' is not a number", columns.get(row, "number")),
                );
                continue;
            }
        };
        let description = optional(Some(columns.get(row, "description")));
        match header_key(columns.get(row, "kind")).as_str() {
            "level" => set.scale.push(ScaleLevel {
                level: number,
                name: columns.get(row, "name").to_string(),
                description,
            }),
            "epa" => {
                let phases = phases(
                    &mut problems,
                    &at,
                    columns
                        .get(row, "phases")
                        .split(';')
                        .filter(|p| !p.trim().is_empty()),
                );
                set.epas.push(Epa {
                    number,
                    short_name: columns.get(row, "shortname").to_string(),
                    name: columns.get(row, "name").to_string(),
                    description,
                    phases,
                    case_types: Vec::new(),
                });
            }
            "casetype" => {
                let minutes = columns.get(row, "minutes");
                let minutes = if minutes.is_empty() {
                    None
                } else if let Ok(m) = minutes.parse::<i32>() {
                    Some(m)
                } else {
                    problems.add(&at, format!("'{minutes}' is not a number of minutes"));
                    None
                };
                case_rows.push((
                    at,
                    number,
                    CaseType {
                        code: columns.get(row, "code").to_string(),
                        name: columns.get(row, "name").to_string(),
                        minutes,
                    },
                ));
            }
            other => problems.add(
                &at,
                format!("the kind '{other}' is not level, epa or case_type"),
            ),
        }
    }
    for (at, number, case) in case_rows {
        match set.epas.iter_mut().find(|e| e.number == number) {
            Some(epa) => epa.case_types.push(case),
            None => problems.add(&at, format!("there is no EPA {number} for this case type")),
        }
    }
    epa_set(problems, set)
}

fn phases<'a>(
    problems: &mut Problems,
    at: &str,
    texts: impl Iterator<Item = &'a str>,
) -> Vec<Phase> {
    let mut out = Vec::new();
    for text in texts {
        match Phase::parse(text) {
            Some(p) if !out.contains(&p) => out.push(p),
            Some(_) => problems.add(at, format!("the phase '{}' is named twice", text.trim())),
            None => problems.add(
                at,
                format!(
                    "'{}' is not a phase of care (preoperative, intraoperative, postoperative, whole_encounter)",
                    text.trim()
                ),
            ),
        }
    }
    out
}

fn epa_set(mut problems: Problems, set: EpaSet) -> Result<EpaSet> {
    check_label(&mut problems, &set.specialty, &set.version, &set.name);
    // The scale: consecutive levels from 1, at most 5, each named.
    if set.scale.is_empty() {
        problems.add("scale", "the entrustment scale has no levels");
    }
    for (i, level) in set.scale.iter().enumerate() {
        let want = i as i32 + 1;
        if level.level != want {
            problems.add(
                format!("scale level {}", level.level),
                format!("levels must run 1, 2, 3... in order; expected {want}"),
            );
        }
        if level.level > 5 {
            problems.add(
                format!("scale level {}", level.level),
                "a scale has at most 5 levels",
            );
        }
        if level.name.trim().is_empty() {
            problems.add(
                format!("scale level {}", level.level),
                "the name is missing",
            );
        }
    }
    if set.epas.is_empty() {
        problems.add("epas", "the set has none");
    }
    let mut numbers = HashSet::new();
    for epa in &set.epas {
        let at = format!("EPA {}", epa.number);
        if !(1..=99).contains(&epa.number) {
            problems.add(&at, "EPA numbers run from 1 to 99");
        }
        if !numbers.insert(epa.number) {
            problems.add(&at, "the number appears twice");
        }
        required(&mut problems, &at, "the name", &epa.name);
        required(&mut problems, &at, "the short name", &epa.short_name);
        if epa.phases.is_empty() {
            problems.add(&at, "it is rated in no phase of care");
        }
        let mut codes = HashSet::new();
        for case in &epa.case_types {
            let valid = case.code.len() >= 2
                && case.code.len() <= 40
                && case.code.starts_with(|c: char| c.is_ascii_uppercase())
                && case
                    .code
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                problems.add(
                    &at,
                    format!(
                        "the case type code '{}' must be capitals, digits and _ (like LAP_CHOLE)",
                        case.code
                    ),
                );
            }
            if !codes.insert(case.code.as_str()) {
                problems.add(&at, format!("the case type {} appears twice", case.code));
            }
            required(&mut problems, &at, "a case type's name", &case.name);
            if case.minutes.is_some_and(|m| !(1..=1440).contains(&m)) {
                problems.add(&at, format!("{}: minutes must be 1 to 1440", case.code));
            }
        }
    }
    problems.into_result(set)
}

// ---- feedback tags ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagsJson {
    kind: Option<String>,
    tags: Vec<TagJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagJson {
    category: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    specialty: Option<String>,
}

/// Reads feedback tags in JSON.
pub fn feedback_tags_json(text: &str) -> Result<Vec<FeedbackTag>> {
    let file: TagsJson = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut problems = Problems::default();
    if file.kind.as_deref().is_some_and(|k| k != "feedback_tags") {
        problems.add("kind", "this file is not a list of feedback tags");
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, t) in file.tags.into_iter().enumerate() {
        let at = format!("tag {}", i + 1);
        let category = t.category.trim().to_lowercase();
        if !matches!(category.as_str(), "strength" | "area_for_improvement") {
            problems.add(
                &at,
                format!(
                    "'{}' is not a category (strength, area_for_improvement)",
                    t.category
                ),
            );
        }
        let name = required(&mut problems, &at, "the name", &t.name);
        let specialty = optional(t.specialty.as_deref());
        if !seen.insert((category.clone(), name.to_lowercase(), specialty.clone())) {
            problems.add(&at, format!("'{name}' appears twice in {category}"));
        }
        out.push(FeedbackTag {
            category,
            name,
            description: optional(t.description.as_deref()),
            specialty,
        });
    }
    problems.into_result(out)
}

// ---- CSV columns ----

/// Where each named column is in a CSV file, found by its header in any case or spacing.
struct Columns(Vec<(&'static str, usize)>);

impl Columns {
    fn find(
        table: &Table,
        problems: &mut Problems,
        required: &[&'static str],
        optional: &[&'static str],
    ) -> Columns {
        let keys: Vec<String> = table.headers.iter().map(|h| header_key(h)).collect();
        let mut found = Vec::new();
        for name in required.iter().chain(optional) {
            match keys.iter().position(|k| k == name) {
                Some(i) => found.push((*name, i)),
                None if required.contains(name) => {
                    problems.add("the header", format!("the column '{name}' is missing"));
                }
                None => {}
            }
        }
        Columns(found)
    }

    fn get<'r>(&self, row: &'r TableRow, name: &str) -> &'r str {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, i)| row.cell(*i))
    }
}

#[cfg(test)]
mod tests;
