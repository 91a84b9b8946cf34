//! Structural validation of an instance: the checks verify.py makes before it reads a
//! solution (codes, lengths, ranges, duplicates, request ranks). The first problem found
//! is returned, in words; solvability is `explain`'s question, not this one's.

use super::instance::{Instance, InstanceError, LEAVE, Resident, Rotation};
use std::collections::HashSet;

impl Instance {
    /// Structural checks (the same ones verify.py makes on an instance); the first problem wins.
    /// Solvability is a separate question, answered by `explain`.
    pub fn validate(&self) -> Result<(), InstanceError> {
        let nb = self.num_blocks;
        if nb == 0 {
            return Err(InstanceError::NoBlocks);
        }
        if self.max_consecutive_heavy == 0 {
            return Err(InstanceError::NoHeavyRun);
        }
        let w = &self.weights;
        for (name, v) in [
            ("unmet_request_rank1", w.unmet_request_rank1),
            ("unmet_request_rank2", w.unmet_request_rank2),
            ("unmet_request_rank3", w.unmet_request_rank3),
            ("consecutive_heavy_pair", w.consecutive_heavy_pair),
            ("heavy_spread", w.heavy_spread),
        ] {
            if v < 0 {
                return Err(InstanceError::NegativeWeight(name));
            }
        }
        if self.rotations.is_empty() {
            return Err(InstanceError::NoRotations);
        }
        if self.rotations.len() > 60_000 {
            return Err(InstanceError::TooManyRotations(self.rotations.len()));
        }
        if self.residents.is_empty() {
            return Err(InstanceError::NoResidents);
        }
        let mut codes = HashSet::new();
        for r in &self.rotations {
            validate_rotation(r, nb, &mut codes)?;
        }
        let mut ids = HashSet::new();
        for x in &self.residents {
            validate_resident(x, nb, &codes, &mut ids)?;
        }
        Ok(())
    }
}

fn validate_rotation<'a>(
    r: &'a Rotation,
    nb: u32,
    codes: &mut HashSet<&'a str>,
) -> Result<(), InstanceError> {
    let code = r.code.clone();
    if r.code.is_empty() || r.code == LEAVE {
        return Err(InstanceError::BadRotationCode(code));
    }
    if !codes.insert(r.code.as_str()) {
        return Err(InstanceError::DuplicateRotation(code));
    }
    for (field, v) in [("min_staff", &r.min_staff), ("max_staff", &r.max_staff)] {
        if v.len() != nb as usize {
            return Err(InstanceError::StaffLength {
                code,
                field,
                len: v.len(),
                blocks: nb,
            });
        }
    }
    for (b, (&min, &max)) in r.min_staff.iter().zip(&r.max_staff).enumerate() {
        if min > max {
            return Err(InstanceError::StaffMinAboveMax {
                code,
                block: b as u32 + 1,
                min,
                max,
            });
        }
    }
    if r.requirements.is_empty() {
        return Err(InstanceError::NoRequirements(code));
    }
    let mut seen = [false; 6];
    for q in &r.requirements {
        if !(1..=5).contains(&q.pgy) {
            return Err(InstanceError::RequirementPgy { code, pgy: q.pgy });
        }
        if std::mem::replace(&mut seen[q.pgy as usize], true) {
            return Err(InstanceError::DuplicateRequirement { code, pgy: q.pgy });
        }
        if q.min_blocks > q.max_blocks || q.max_blocks > nb || q.max_blocks == 0 {
            return Err(InstanceError::RequirementRange {
                code,
                pgy: q.pgy,
                min: q.min_blocks,
                max: q.max_blocks,
                blocks: nb,
            });
        }
    }
    Ok(())
}

fn validate_resident<'a>(
    x: &'a Resident,
    nb: u32,
    codes: &HashSet<&str>,
    ids: &mut HashSet<&'a str>,
) -> Result<(), InstanceError> {
    let id = || x.id.clone();
    if x.id.is_empty() {
        return Err(InstanceError::EmptyResidentId);
    }
    if !ids.insert(x.id.as_str()) {
        return Err(InstanceError::DuplicateResident(id()));
    }
    if !(1..=5).contains(&x.pgy) {
        return Err(InstanceError::ResidentPgy {
            id: id(),
            pgy: x.pgy,
        });
    }
    let mut leave = HashSet::new();
    for &b in &x.leave_blocks {
        if b >= nb {
            return Err(InstanceError::LeaveOutOfRange {
                id: id(),
                block: b + 1,
                blocks: nb,
            });
        }
        if !leave.insert(b) {
            return Err(InstanceError::DuplicateLeave {
                id: id(),
                block: b + 1,
            });
        }
    }
    let mut locked = HashSet::new();
    for l in &x.locked {
        if l.block >= nb {
            return Err(InstanceError::LockOutOfRange {
                id: id(),
                block: l.block + 1,
                blocks: nb,
            });
        }
        if !locked.insert(l.block) {
            return Err(InstanceError::DuplicateLock {
                id: id(),
                block: l.block + 1,
            });
        }
        if !codes.contains(l.rotation.as_str()) {
            let code = l.rotation.clone();
            return Err(InstanceError::UnknownRotation {
                id: id(),
                what: "a lock",
                code,
            });
        }
        if leave.contains(&l.block) {
            let rotation = l.rotation.clone();
            return Err(InstanceError::LockedOnLeave {
                id: id(),
                block: l.block + 1,
                rotation,
            });
        }
    }
    if x.requests.len() > 3 {
        return Err(InstanceError::TooManyRequests {
            id: id(),
            count: x.requests.len(),
        });
    }
    for (k, q) in x.requests.iter().enumerate() {
        if q.rank as usize != k + 1 {
            return Err(InstanceError::RequestRank {
                id: id(),
                position: k + 1,
                rank: q.rank,
            });
        }
        if !codes.contains(q.rotation.as_str()) {
            let code = q.rotation.clone();
            return Err(InstanceError::UnknownRotation {
                id: id(),
                what: "a request",
                code,
            });
        }
        if let Some(b) = q.block
            && b >= nb
        {
            return Err(InstanceError::RequestOutOfRange {
                id: id(),
                block: b + 1,
                blocks: nb,
            });
        }
    }
    Ok(())
}
