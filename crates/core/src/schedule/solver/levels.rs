//! Target heavy levels for the exploring workers. The spread only drops when a whole PGY
//! group sits at one heavy count, and which count each group settles at is decided early:
//! the spread's guide term (see `State::energy`) slopes towards the current rarer extreme,
//! so a group never crosses to a level that needs many residents to move. A target level
//! per group, with a pull on every resident towards it, gives each of those moves a slope;
//! the true objective still decides which schedule is kept.

use super::model::Model;
use super::state::State;
use rand::Rng;

/// Pull per heavy block between a resident's count and its group's target, in energy
/// units (1/ENERGY_SCALE objective units): one objective unit per block.
pub(crate) const PULL: i64 = 8;
/// Chance that a group's target is one beyond its current lowest or highest count.
const BEYOND: f64 = 0.25;
/// Draws before giving up on a target the heavy staffing bounds allow.
const DRAWS: usize = 20;

/// Least and most heavy cells the staffing bounds allow over the year.
pub(crate) fn heavy_supply(m: &Model) -> (i64, i64) {
    let (mut lo, mut hi) = (0, 0);
    for t in (0..m.nt).filter(|&t| m.heavy[t]) {
        for b in 0..m.nb {
            lo += i64::from(m.cov_min[t * m.nb + b]);
            hi += i64::from(m.cov_max[t * m.nb + b]);
        }
    }
    (lo, hi)
}

/// A target heavy count per group (negative for a group without residents): the group's
/// current lowest or highest count, sometimes one beyond, such that the targets together
/// fit the heavy supply. `None` when no new such target turned up.
pub(crate) fn pick(
    s: &State,
    rng: &mut impl Rng,
    supply: (i64, i64),
    last: [i64; 5],
) -> Option<[i64; 5]> {
    let m = s.m;
    for _ in 0..DRAWS {
        let mut target = [-1i64; 5];
        let mut total = 0;
        for (g, mem) in m.members.iter().enumerate() {
            let Some(&first) = mem.first() else { continue };
            let (lo, hi) = s.group_range(first as usize);
            let mut level = i64::from(if rng.random::<bool>() { lo } else { hi });
            if rng.random::<f64>() < BEYOND {
                level += if rng.random::<bool>() { 1 } else { -1 };
            }
            target[g] = level.max(0);
            total += target[g] * mem.len() as i64;
        }
        if (supply.0..=supply.1).contains(&total) && target != last {
            return Some(target);
        }
    }
    None
}
