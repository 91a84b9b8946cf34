//! Assessment: what residents are assessed against (milestone and EPA sets, case types, feedback
//! tags) and the evidence itself (EPA assessments, milestone levels per reporting period).

pub mod analytics;
pub mod epa;
pub mod epa_choices;
pub mod epa_import;
pub mod epa_import_store;
pub mod epa_rules;
pub mod epa_store;
pub mod milestone;
pub mod milestone_csv;
pub mod milestone_distribution;
pub mod milestone_report;
pub mod milestone_resident;
pub mod milestone_store;
pub mod reference;
pub mod reference_store;
pub mod service;
