//! The solution file (one assignment per resident and block) as serde types, and its
//! conversion to and from the solver's dense grid (resident-major, one cell per block).

use super::instance::{Instance, LEAVE};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    #[serde(default)]
    pub instance: String,
    pub assignments: Vec<Assignment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub resident_id: String,
    /// Signed so that a malformed file still parses and the checker can name the bad block.
    pub block: i64,
    pub rotation_code: String,
}

/// One grid cell: a resident's leave, or the index of a rotation in `Instance::rotations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    Leave,
    Rotation(usize),
}

/// Dense schedule: `cells[resident * num_blocks + block]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub num_blocks: usize,
    pub cells: Vec<Cell>,
}

impl Grid {
    pub fn get(&self, resident: usize, block: usize) -> Cell {
        self.cells[resident * self.num_blocks + block]
    }
}

impl Solution {
    /// Writes a grid out in resident order, then block order.
    pub fn from_grid(inst: &Instance, grid: &Grid) -> Solution {
        let nb = inst.num_blocks as usize;
        let mut assignments = Vec::with_capacity(inst.residents.len() * nb);
        for (i, x) in inst.residents.iter().enumerate() {
            for b in 0..nb {
                let code = match grid.get(i, b) {
                    Cell::Leave => LEAVE.to_string(),
                    Cell::Rotation(t) => inst.rotations[t].code.clone(),
                };
                assignments.push(Assignment {
                    resident_id: x.id.clone(),
                    block: b as i64,
                    rotation_code: code,
                });
            }
        }
        Solution {
            instance: inst.name.clone(),
            assignments,
        }
    }

    /// Reads a solution back into a grid; `None` when it is not one complete, well-formed
    /// entry per resident and block (the checker explains what is wrong in that case).
    pub fn to_grid(&self, inst: &Instance) -> Option<Grid> {
        let nb = inst.num_blocks as usize;
        let ids = inst.resident_indexes();
        let codes = inst.rotation_indexes();
        let mut cells: Vec<Option<Cell>> = vec![None; inst.residents.len() * nb];
        for a in &self.assignments {
            let i = *ids.get(a.resident_id.as_str())?;
            let b = usize::try_from(a.block).ok().filter(|&b| b < nb)?;
            let cell = if a.rotation_code == LEAVE {
                Cell::Leave
            } else {
                Cell::Rotation(*codes.get(a.rotation_code.as_str())?)
            };
            let slot = &mut cells[i * nb + b];
            if slot.is_some() {
                return None;
            }
            *slot = Some(cell);
        }
        let cells = cells.into_iter().collect::<Option<Vec<Cell>>>()?;
        Some(Grid {
            num_blocks: nb,
            cells,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::instance::{Requirement, Resident, Rotation, Weights};
    use super::*;

    fn two_by_two() -> Instance {
        Instance {
            format: String::new(),
            name: "t".into(),
            num_blocks: 2,
            block_weeks: 4,
            max_consecutive_heavy: 1,
            weights: Weights {
                unmet_request_rank1: 10,
                unmet_request_rank2: 6,
                unmet_request_rank3: 3,
                consecutive_heavy_pair: 4,
                heavy_spread: 5,
            },
            rotations: vec![Rotation {
                code: "A".into(),
                name: String::new(),
                heavy: false,
                no_back_to_back: false,
                requirements: vec![Requirement {
                    pgy: 1,
                    min_blocks: 0,
                    max_blocks: 2,
                }],
                min_staff: vec![0, 0],
                max_staff: vec![2, 2],
            }],
            residents: vec![Resident {
                id: "R1".into(),
                pgy: 1,
                leave_blocks: vec![1],
                locked: vec![],
                requests: vec![],
            }],
        }
    }

    #[test]
    fn a_grid_survives_the_round_trip_through_the_file_format() {
        let inst = two_by_two();
        let grid = Grid {
            num_blocks: 2,
            cells: vec![Cell::Rotation(0), Cell::Leave],
        };
        let sol = Solution::from_grid(&inst, &grid);
        assert_eq!(sol.assignments[1].rotation_code, "LEAVE");
        assert_eq!(sol.to_grid(&inst), Some(grid));
    }

    #[test]
    fn a_missing_or_duplicated_entry_gives_no_grid() {
        let inst = two_by_two();
        let grid = Grid {
            num_blocks: 2,
            cells: vec![Cell::Rotation(0), Cell::Leave],
        };
        let mut sol = Solution::from_grid(&inst, &grid);
        sol.assignments[1].block = 0;
        assert_eq!(sol.to_grid(&inst), None);
        sol.assignments.pop();
        assert_eq!(sol.to_grid(&inst), None);
    }
}
