//! How a year's schedule covers each rotation, block by block, for the accreditation summary:
//! residents there, whether that is fewer than the rotation needs or more than it takes (a
//! block's override wins over the rotation's own numbers), and the blocks assigned in all.

use std::collections::{HashMap, HashSet};

use super::checks::ScheduleFacts;
use crate::ids::{BlockId, ResidentId, RotationTypeId};
use crate::reports::accreditation::{Coverage, CoverageCell, CoverageRow};

/// "2–4", "1+", "≤ 3", or empty when the rotation neither needs nor limits anyone.
fn needed(min: i32, max: Option<i32>) -> String {
    match (min, max) {
        (0, None) => String::new(),
        (min, None) => format!("{min}+"),
        (0, Some(max)) => format!("≤ {max}"),
        (min, Some(max)) if min == max => min.to_string(),
        (min, Some(max)) => format!("{min}–{max}"),
    }
}

/// The active rotations, and any other the year's schedule uses, in catalogue order.
pub fn coverage_by_rotation(facts: &ScheduleFacts) -> Coverage {
    let mut present: HashMap<(RotationTypeId, BlockId), HashSet<ResidentId>> = HashMap::new();
    let mut blocks_assigned: HashMap<RotationTypeId, f64> = HashMap::new();
    let days: HashMap<BlockId, i32> = facts.blocks.iter().map(|b| (b.id, b.days)).collect();
    for a in &facts.assignments {
        present
            .entry((a.rotation_type_id, a.block_id))
            .or_default()
            .insert(a.resident_id);
        let block_days = days.get(&a.block_id).copied().unwrap_or(0).max(1);
        let assigned = (a.end_date - a.start_date).num_days() + 1;
        *blocks_assigned.entry(a.rotation_type_id).or_default() +=
            assigned as f64 / f64::from(block_days);
    }
    let rows = facts
        .rotations
        .iter()
        .filter(|r| r.is_active || blocks_assigned.contains_key(&r.id))
        .map(|r| CoverageRow {
            rotation: r.name.clone(),
            needed: needed(r.min_residents, r.max_residents),
            per_block: facts
                .blocks
                .iter()
                .map(|b| {
                    let residents = present
                        .get(&(r.id, b.id))
                        .map_or(0, |s| u32::try_from(s.len()).unwrap_or(u32::MAX));
                    let (min, max) = r
                        .coverage_overrides
                        .iter()
                        .find(|o| o.block_id == b.id)
                        .map_or((r.min_residents, r.max_residents), |o| {
                            (o.min_residents, Some(o.max_residents))
                        });
                    let count = i64::from(residents);
                    CoverageCell {
                        residents,
                        below_minimum: count < i64::from(min),
                        above_maximum: max.is_some_and(|m| count > i64::from(m)),
                    }
                })
                .collect(),
            // Half blocks of uneven length give fractions like 0.46; a tenth is enough.
            resident_blocks: (blocks_assigned.get(&r.id).copied().unwrap_or(0.0) * 10.0).round()
                / 10.0,
        })
        .collect();
    Coverage {
        blocks: facts.blocks.iter().map(|b| b.number.to_string()).collect(),
        rows,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn needs_read_as_a_range_a_floor_or_a_ceiling() {
        let cases = [
            (0, None, ""),
            (2, None, "2+"),
            (0, Some(3), "≤ 3"),
            (2, Some(2), "2"),
            (1, Some(4), "1–4"),
        ];
        for (min, max, text) in cases {
            assert_eq!(needed(min, max), text, "{min} {max:?}");
        }
    }
}
