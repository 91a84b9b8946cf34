//! Clinical and educational work hours: the rules engine (pure), and in time the entries, their
//! approval and corrections, and compliance reports.

pub mod rules;
