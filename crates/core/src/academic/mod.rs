//! Academic years and their blocks: creating a year, generating its blocks from a pattern with a
//! preview, editing them under optimistic concurrency, and the rules that keep them consistent.

pub mod calendar_export;
pub mod pattern;
pub mod plan;
pub mod rollover;
pub mod rollover_service;
mod rollover_store;
pub mod rules;
pub mod service;
pub(crate) mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{AcademicYearId, BlockId, ProgramId};
pub use pattern::{BlockPattern, Leftover};
pub use plan::PlannedBlock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AcademicYear {
    pub id: AcademicYearId,
    pub program_id: ProgramId,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub is_current: bool,
    pub allow_gaps: bool,
    pub block_pattern: Option<String>,
    pub block_count: i32,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    pub id: BlockId,
    pub year_id: AcademicYearId,
    pub number: i32,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub split_date: Option<NaiveDate>,
    pub days: i32,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewYearInput {
    pub program_id: ProgramId,
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub is_current: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearEditInput {
    pub id: AcademicYearId,
    pub version: i32,
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    pub is_current: bool,
    pub allow_gaps: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlockPlanInput {
    pub year_id: AcademicYearId,
    pub pattern: String,
    #[serde(default)]
    pub switch_day: Option<String>,
    #[serde(default)]
    pub leftover: Leftover,
    #[serde(default)]
    pub split_halves: bool,
}

/// A preview of generated blocks, and how many existing blocks generating would replace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlockPlan {
    pub blocks: Vec<PlannedBlock>,
    pub leftover_days: i32,
    pub existing_blocks: i32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GenerateBlocksInput {
    pub plan: BlockPlanInput,
    /// Must be true when the year already has blocks: the user has seen the preview and confirmed.
    #[serde(default)]
    pub replace_existing: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlockEditInput {
    pub id: BlockId,
    pub version: i32,
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub split_date: Option<String>,
    /// Move the adjoining blocks' boundaries with this block's new dates, so no gap opens.
    #[serde(default)]
    pub move_neighbours: bool,
}
