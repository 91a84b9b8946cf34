//! The organisation: companies, institutions, sponsoring institutions, programs, participation
//! agreements and the clinical sites that operate under them.

pub mod accreditation;
pub mod agreements;
pub(crate) mod agreements_store;
pub mod edit;
pub mod service;
pub(crate) mod store;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::ProgramId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Program {
    pub id: ProgramId,
    pub code: String,
    pub name: String,
    pub sponsoring_institution: String,
    /// The IANA zone its wall clock keeps (work hours are entered and shown on it).
    pub time_zone: String,
    pub version: i32,
}

/// What the program settings form saves.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgramEditInput {
    pub id: ProgramId,
    pub version: i32,
    pub name: String,
    pub time_zone: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewProgramInput {
    pub code: String,
    pub name: String,
    /// The sponsoring institution's name; created when it does not exist yet.
    pub institution: String,
}

/// A program code: 1 to 16 letters, digits, `-` or `_`, starting with a letter or digit (GS, IM-PRELIM).
pub fn parse_program_code(text: &str) -> crate::Result<String> {
    let t = text.trim();
    let ok = !t.is_empty()
        && t.len() <= 16
        && t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(t.to_ascii_uppercase())
    } else if t.is_empty() {
        Err(crate::Error::invalid(
            "code",
            "Program code is required, e.g. GS",
        ))
    } else {
        Err(crate::Error::invalid(
            "code",
            format!("'{t}' is not a program code: use 1 to 16 letters, digits, - or _, e.g. GS"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_codes_are_short_and_upper_cased() {
        assert_eq!(parse_program_code(" gs ").ok().as_deref(), Some("GS"));
        assert_eq!(
            parse_program_code("IM-Prelim").ok().as_deref(),
            Some("IM-PRELIM")
        );
        for bad in ["", " ", "-GS", "G S", "GENERAL-SURGERY-PROGRAM", "GS!"] {
            assert!(
                matches!(
                    parse_program_code(bad),
                    Err(crate::Error::Invalid { field: "code", .. })
                ),
                "{bad:?}"
            );
        }
    }
}
