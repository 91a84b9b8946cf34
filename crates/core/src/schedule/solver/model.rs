//! The compact model the search works on: a validated instance flattened into index
//! arrays (rotation indices as `u16`, per resident × rotation bounds, fixed cells).
//! Built once per solve; read-only and shared by every search thread.

use super::instance::Instance;
use super::solution::{Cell, Grid};

/// Grid value of a leave block.
pub(crate) const LEAVE: u16 = u16::MAX;
/// `fixed` value of a cell the search may change.
pub(crate) const FREE: u16 = u16::MAX - 1;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Req {
    pub rot: u16,
    pub block: Option<u16>,
    pub weight: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Model {
    /// Residents, blocks, rotations, and the longest allowed heavy run.
    pub nr: usize,
    pub nb: usize,
    pub nt: usize,
    pub h: usize,
    pub heavy: Vec<bool>,
    pub nb2b: Vec<bool>,
    /// Coverage bounds, `[t * nb + b]`.
    pub cov_min: Vec<u32>,
    pub cov_max: Vec<u32>,
    /// Per-year bounds, `[r * nt + t]`; only meaningful where `eligible`.
    pub req_min: Vec<u32>,
    pub req_max: Vec<u32>,
    pub eligible: Vec<bool>,
    pub elig_list: Vec<Vec<u16>>,
    /// `[r * nb + b]`: LEAVE, a locked rotation, or FREE.
    pub fixed: Vec<u16>,
    /// Blocks of each resident the search may change.
    pub free_blocks: Vec<Vec<u16>>,
    /// Residents the search may change, per block.
    pub free_residents: Vec<Vec<u32>>,
    /// PGY level minus one, per resident.
    pub group: Vec<u8>,
    /// Residents of each PGY group.
    pub members: Vec<Vec<u32>>,
    pub requests: Vec<Vec<Req>>,
    pub w_pair: i64,
    pub w_spread: i64,
}

impl Model {
    /// Flattens a validated instance. Locks on ineligible rotations are kept as they are:
    /// `explain` reports such instances before any search starts.
    pub fn new(inst: &Instance) -> Model {
        let nr = inst.residents.len();
        let nb = inst.num_blocks as usize;
        let nt = inst.rotations.len();
        let mut m = Model {
            nr,
            nb,
            nt,
            h: inst.max_consecutive_heavy as usize,
            heavy: inst.rotations.iter().map(|r| r.heavy).collect(),
            nb2b: inst.rotations.iter().map(|r| r.no_back_to_back).collect(),
            cov_min: inst
                .rotations
                .iter()
                .flat_map(|r| r.min_staff.iter().copied())
                .collect(),
            cov_max: inst
                .rotations
                .iter()
                .flat_map(|r| r.max_staff.iter().copied())
                .collect(),
            req_min: vec![0; nr * nt],
            req_max: vec![0; nr * nt],
            eligible: vec![false; nr * nt],
            elig_list: vec![Vec::new(); nr],
            fixed: vec![FREE; nr * nb],
            free_blocks: vec![Vec::new(); nr],
            free_residents: vec![Vec::new(); nb],
            group: inst
                .residents
                .iter()
                .map(|x| (x.pgy.clamp(1, 5) - 1) as u8)
                .collect(),
            members: vec![Vec::new(); 5],
            requests: vec![Vec::new(); nr],
            w_pair: inst.weights.consecutive_heavy_pair,
            w_spread: inst.weights.heavy_spread,
        };
        for (i, x) in inst.residents.iter().enumerate() {
            m.members[m.group[i] as usize].push(i as u32);
            for (t, r) in inst.rotations.iter().enumerate() {
                if let Some(q) = r.requirements.iter().find(|q| q.pgy == x.pgy) {
                    m.eligible[i * nt + t] = true;
                    m.req_min[i * nt + t] = q.min_blocks;
                    m.req_max[i * nt + t] = q.max_blocks;
                    m.elig_list[i].push(t as u16);
                }
            }
            for &b in &x.leave_blocks {
                m.fixed[i * nb + b as usize] = LEAVE;
            }
            for l in &x.locked {
                if let Some(t) = inst.rotation_index(&l.rotation) {
                    m.fixed[i * nb + l.block as usize] = t as u16;
                }
            }
            for b in 0..nb {
                if m.fixed[i * nb + b] == FREE {
                    m.free_blocks[i].push(b as u16);
                    m.free_residents[b].push(i as u32);
                }
            }
            for q in &x.requests {
                if let Some(t) = inst.rotation_index(&q.rotation) {
                    m.requests[i].push(Req {
                        rot: t as u16,
                        block: q.block.map(|b| b as u16),
                        weight: inst.weights.for_rank(q.rank),
                    });
                }
            }
        }
        m
    }

    pub fn cov_viol(&self, t: usize, b: usize, c: u32) -> i64 {
        let (lo, hi) = (self.cov_min[t * self.nb + b], self.cov_max[t * self.nb + b]);
        i64::from(lo.saturating_sub(c)) + i64::from(c.saturating_sub(hi))
    }

    pub fn req_viol(&self, r: usize, t: usize, c: u32) -> i64 {
        let k = r * self.nt + t;
        let (lo, hi) = (self.req_min[k], self.req_max[k]);
        i64::from(lo.saturating_sub(c)) + i64::from(c.saturating_sub(hi))
    }

    pub fn is_heavy(&self, v: u16) -> bool {
        v != LEAVE && self.heavy[v as usize]
    }

    /// Converts a search grid into the public grid type.
    pub fn to_grid(&self, cells: &[u16]) -> Grid {
        let cells = cells
            .iter()
            .map(|&v| {
                if v == LEAVE {
                    Cell::Leave
                } else {
                    Cell::Rotation(v as usize)
                }
            })
            .collect();
        Grid {
            num_blocks: self.nb,
            cells,
        }
    }
}
