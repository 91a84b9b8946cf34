//! People: users, their program memberships (one person, several roles), residents and faculty.
//! Adding people by hand or from roster files, listing them, and editing one in full.

pub mod choices;
pub mod edit;
mod edit_store;
pub mod faculty_roster;
pub mod roster;
pub mod service;
mod store;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{ProgramId, UserId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRow {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub pgy_level: Option<i32>,
    /// The resident's status (active, leave_of_absence, off_cycle, completed, withdrawn).
    pub status: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewResidentInput {
    pub program_id: ProgramId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub pgy_level: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewFacultyInput {
    pub program_id: ProgramId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub is_core: bool,
}

/// A postgraduate year, 1 to 10.
pub fn parse_pgy(level: i32) -> crate::Result<i32> {
    if (1..=10).contains(&level) {
        Ok(level)
    } else {
        Err(crate::Error::invalid(
            "pgyLevel",
            format!("The PGY level must be between 1 and 10, not {level}"),
        ))
    }
}
