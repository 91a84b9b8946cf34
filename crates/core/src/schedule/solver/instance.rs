//! The instance file (`residency-rotation-instance/1`, see FORMAT.md) as serde types,
//! and the structural validation that must pass before anything is solved or checked.
//! Blocks are 0-based in the data; every message counts them from 1 as users do.

use serde::{Deserialize, Serialize};

/// The reserved rotation code of a leave block.
pub const LEAVE: &str = "LEAVE";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub name: String,
    pub num_blocks: u32,
    #[serde(default)]
    pub block_weeks: u32,
    pub max_consecutive_heavy: u32,
    pub weights: Weights,
    pub rotations: Vec<Rotation>,
    pub residents: Vec<Resident>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub unmet_request_rank1: i64,
    pub unmet_request_rank2: i64,
    pub unmet_request_rank3: i64,
    pub consecutive_heavy_pair: i64,
    pub heavy_spread: i64,
}

impl Weights {
    /// Weight of an unmet request of `rank` (1-based); validation guarantees 1..=3.
    pub fn for_rank(&self, rank: u32) -> i64 {
        match rank {
            1 => self.unmet_request_rank1,
            2 => self.unmet_request_rank2,
            _ => self.unmet_request_rank3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rotation {
    pub code: String,
    #[serde(default)]
    pub name: String,
    pub heavy: bool,
    pub no_back_to_back: bool,
    pub requirements: Vec<Requirement>,
    pub min_staff: Vec<u32>,
    pub max_staff: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub pgy: u32,
    pub min_blocks: u32,
    pub max_blocks: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub id: String,
    pub pgy: u32,
    #[serde(default)]
    pub leave_blocks: Vec<u32>,
    #[serde(default)]
    pub locked: Vec<Lock>,
    #[serde(default)]
    pub requests: Vec<Request>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    pub block: u32,
    pub rotation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub rank: u32,
    pub rotation: String,
    /// `None` (JSON `null`) means "any block of the year".
    pub block: Option<u32>,
}

/// What is wrong with an instance, in words a program office can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    #[error("the instance is not valid JSON for this format: {0}")]
    Json(String),
    #[error("the year must have at least one block")]
    NoBlocks,
    #[error("max_consecutive_heavy must be at least 1")]
    NoHeavyRun,
    #[error("weight {0} must not be negative")]
    NegativeWeight(&'static str),
    #[error("the instance has no rotations")]
    NoRotations,
    #[error("the instance has no residents")]
    NoResidents,
    #[error("too many rotations ({0}); at most 60000 are supported")]
    TooManyRotations(usize),
    #[error("rotation code {0:?} is not allowed (empty or the reserved word LEAVE)")]
    BadRotationCode(String),
    #[error("rotation code {0} is used by more than one rotation")]
    DuplicateRotation(String),
    #[error("rotation {code}: {field} has {len} entries but the year has {blocks} blocks")]
    StaffLength {
        code: String,
        field: &'static str,
        len: usize,
        blocks: u32,
    },
    #[error(
        "rotation {code}: block {block} needs at least {min} residents but allows at most {max}"
    )]
    StaffMinAboveMax {
        code: String,
        block: u32,
        min: u32,
        max: u32,
    },
    #[error("rotation {0} has no requirements, so no resident may take it")]
    NoRequirements(String),
    #[error("rotation {code}: PGY level {pgy} is not between 1 and 5")]
    RequirementPgy { code: String, pgy: u32 },
    #[error("rotation {code}: PGY level {pgy} has more than one requirement")]
    DuplicateRequirement { code: String, pgy: u32 },
    #[error(
        "rotation {code}, PGY-{pgy}: needs {min}..{max} blocks, which does not fit 0 ≤ min ≤ max ≤ {blocks} with max ≥ 1"
    )]
    RequirementRange {
        code: String,
        pgy: u32,
        min: u32,
        max: u32,
        blocks: u32,
    },
    #[error("a resident has an empty id")]
    EmptyResidentId,
    #[error("resident id {0} is used by more than one resident")]
    DuplicateResident(String),
    #[error("resident {id}: PGY level {pgy} is not between 1 and 5")]
    ResidentPgy { id: String, pgy: u32 },
    #[error("resident {id}: leave in block {block}, but the year has {blocks} blocks")]
    LeaveOutOfRange { id: String, block: u32, blocks: u32 },
    #[error("resident {id}: block {block} is listed twice as leave")]
    DuplicateLeave { id: String, block: u32 },
    #[error("resident {id}: locked in block {block}, but the year has {blocks} blocks")]
    LockOutOfRange { id: String, block: u32, blocks: u32 },
    #[error("resident {id}: block {block} is locked more than once")]
    DuplicateLock { id: String, block: u32 },
    #[error("resident {id}: block {block} is locked to {rotation} but is a leave block")]
    LockedOnLeave {
        id: String,
        block: u32,
        rotation: String,
    },
    #[error("resident {id}: {what} names rotation {code}, which the instance does not define")]
    UnknownRotation {
        id: String,
        what: &'static str,
        code: String,
    },
    #[error("resident {id}: {count} requests, but at most 3 are allowed")]
    TooManyRequests { id: String, count: usize },
    #[error(
        "resident {id}: request number {position} has rank {rank}; ranks must be 1, 2, 3 in order"
    )]
    RequestRank {
        id: String,
        position: usize,
        rank: u32,
    },
    #[error("resident {id}: a request names block {block}, but the year has {blocks} blocks")]
    RequestOutOfRange { id: String, block: u32, blocks: u32 },
}

impl Instance {
    /// Parses and validates an instance file.
    pub fn from_json(text: &str) -> Result<Instance, InstanceError> {
        let inst: Instance =
            serde_json::from_str(text).map_err(|e| InstanceError::Json(e.to_string()))?;
        inst.validate()?;
        Ok(inst)
    }

    /// Index of a rotation code, if defined.
    pub fn rotation_index(&self, code: &str) -> Option<usize> {
        self.rotations.iter().position(|r| r.code == code)
    }

    /// Each resident id's index in `residents`, for reading solutions.
    pub fn resident_indexes(&self) -> std::collections::HashMap<&str, usize> {
        self.residents
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect()
    }

    /// Each rotation code's index in `rotations`, for reading solutions.
    pub fn rotation_indexes(&self) -> std::collections::HashMap<&str, usize> {
        self.rotations
            .iter()
            .enumerate()
            .map(|(t, r)| (r.code.as_str(), t))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> String {
        r#"{"format":"residency-rotation-instance/1","name":"t","num_blocks":2,
        "block_weeks":4,"max_consecutive_heavy":1,"extra":{"ignored":true},
        "weights":{"unmet_request_rank1":10,"unmet_request_rank2":6,"unmet_request_rank3":3,
        "consecutive_heavy_pair":4,"heavy_spread":5},
        "rotations":[{"code":"A","name":"a","heavy":false,"no_back_to_back":false,
          "requirements":[{"pgy":1,"min_blocks":0,"max_blocks":2}],
          "min_staff":[0,0],"max_staff":[1,1]}],
        "residents":[{"id":"R1","pgy":1,"leave_blocks":[],"locked":[],
          "requests":[{"rank":1,"rotation":"A","block":null}]}]}"#
            .to_string()
    }

    #[test]
    fn a_well_formed_instance_parses_and_unknown_keys_are_ignored() {
        let inst = Instance::from_json(&tiny()).expect("valid");
        assert_eq!(inst.num_blocks, 2);
        assert_eq!(inst.residents[0].requests[0].block, None);
    }

    #[test]
    fn staff_arrays_of_the_wrong_length_are_named() {
        let text = tiny().replace("\"min_staff\":[0,0]", "\"min_staff\":[0]");
        let err = Instance::from_json(&text).expect_err("must fail");
        assert!(err.to_string().contains("min_staff has 1 entries"), "{err}");
    }

    #[test]
    fn duplicate_rotation_codes_are_rejected() {
        let mut inst = Instance::from_json(&tiny()).expect("valid");
        inst.rotations.push(inst.rotations[0].clone());
        assert_eq!(
            inst.validate(),
            Err(InstanceError::DuplicateRotation("A".into()))
        );
    }

    #[test]
    fn min_staff_above_max_staff_names_the_block_counted_from_one() {
        let mut inst = Instance::from_json(&tiny()).expect("valid");
        inst.rotations[0].min_staff[1] = 2;
        let msg = inst.validate().expect_err("must fail").to_string();
        assert!(msg.contains("block 2"), "{msg}");
    }

    #[test]
    fn a_lock_on_a_leave_block_is_rejected() {
        let mut inst = Instance::from_json(&tiny()).expect("valid");
        inst.residents[0].leave_blocks = vec![0];
        inst.residents[0].locked = vec![Lock {
            block: 0,
            rotation: "A".into(),
        }];
        assert!(matches!(
            inst.validate(),
            Err(InstanceError::LockedOnLeave { .. })
        ));
    }

    #[test]
    fn leave_out_of_range_and_bad_request_ranks_are_rejected() {
        let mut inst = Instance::from_json(&tiny()).expect("valid");
        inst.residents[0].leave_blocks = vec![2];
        assert!(matches!(
            inst.validate(),
            Err(InstanceError::LeaveOutOfRange { .. })
        ));
        inst.residents[0].leave_blocks = vec![];
        inst.residents[0].requests[0].rank = 2;
        assert!(matches!(
            inst.validate(),
            Err(InstanceError::RequestRank { .. })
        ));
    }

    #[test]
    fn malformed_json_is_reported_as_a_parse_error() {
        assert!(matches!(
            Instance::from_json("{"),
            Err(InstanceError::Json(_))
        ));
    }
}
