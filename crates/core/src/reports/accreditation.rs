//! The accreditation summary of a program and academic year, for the GME office and site
//! visits: sponsor and DIO, agreements and sites with their expiry, faculty, the resident
//! complement, schedule coverage by rotation, CCC meetings, and work-hour violations by rule.
//! The view model is plain text and numbers; the gathering lives in `org::accreditation`.

mod sections;

use super::kit::{Chrome, Document, Orientation, PageSetup, PaperSize};
use super::{RenderedPdf, ReportError, ReportProgress};

#[derive(Debug, Clone)]
pub struct AccreditationSummary {
    pub program_code: String,
    pub program_name: String,
    pub year_name: String,
    /// `2026-07-01 to 2027-06-30`.
    pub year_dates: String,
    /// The day the agreements' standing is taken on, and the work hours counted up to.
    pub as_of: String,
    pub generated_at: String,
    pub sponsor: SponsorLines,
    pub agreements: Vec<AgreementRow>,
    pub sites: Vec<SiteRow>,
    pub faculty: Vec<FacultyRow>,
    /// Lowest PGY first; only levels with residents.
    pub complement: Vec<PgyCount>,
    pub coverage: Coverage,
    /// Oldest first.
    pub meetings: Vec<MeetingRow>,
    pub hours: HoursSummary,
}

#[derive(Debug, Clone)]
pub struct SponsorLines {
    pub institution: String,
    /// "Name <e-mail>"; None when not recorded.
    pub dio: Option<String>,
    pub accreditation_status: Option<String>,
    pub next_site_visit: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AgreementRow {
    pub institution: String,
    /// "PLA".
    pub kind: String,
    /// "All programs" or the codes covered.
    pub covers: String,
    pub effective: String,
    /// Empty when open-ended.
    pub expires: String,
    pub status: String,
    /// "expires in 45 days".
    pub standing: String,
    /// Expired, terminated, or 90 days or fewer left: marked with "!" for renewal.
    pub needs_attention: bool,
}

#[derive(Debug, Clone)]
pub struct SiteRow {
    pub name: String,
    /// Empty when the site has none.
    pub code: String,
    pub institution: String,
    pub site_type: String,
    /// "Sponsor's own", or the agreement's expiry.
    pub agreement: String,
    pub standing: String,
}

#[derive(Debug, Clone)]
pub struct FacultyRow {
    pub name: String,
    pub rank: String,
    pub specialty: String,
    pub is_core: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PgyCount {
    pub pgy: i32,
    pub residents: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// The blocks' short names, in order: "1", "2", ...
    pub blocks: Vec<String>,
    pub rows: Vec<CoverageRow>,
}

#[derive(Debug, Clone)]
pub struct CoverageRow {
    pub rotation: String,
    /// "2–4", "1+", or empty when the rotation asks for no one.
    pub needed: String,
    /// One cell per block.
    pub per_block: Vec<CoverageCell>,
    /// Blocks assigned in all, half blocks counting one half.
    pub resident_blocks: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CoverageCell {
    pub residents: u32,
    pub below_minimum: bool,
    pub above_maximum: bool,
}

#[derive(Debug, Clone)]
pub struct MeetingRow {
    pub date: String,
    /// "2026-2027 fall".
    pub period: String,
    /// "completed", "scheduled", "in progress".
    pub status: String,
    pub chair: Option<String>,
    pub present: Vec<String>,
    pub on_agenda: u32,
    pub final_reviews: u32,
}

#[derive(Debug, Clone, Default)]
pub struct HoursSummary {
    /// The dates counted, `2026-07-01 to 2026-11-22`; None before the year begins.
    pub dates: Option<String>,
    pub residents: u32,
    /// In `Rule::ALL` order: the rule's title, violations, and residents who broke it.
    pub by_rule: Vec<RuleCount>,
    /// Residents with a violation, most first.
    pub over: Vec<ResidentViolations>,
}

#[derive(Debug, Clone)]
pub struct RuleCount {
    pub rule: String,
    pub violations: u32,
    pub residents: u32,
}

#[derive(Debug, Clone)]
pub struct ResidentViolations {
    pub name: String,
    pub pgy: i32,
    pub violations: u32,
    /// The rules broken, by title.
    pub rules: Vec<String>,
}

impl MeetingRow {
    /// Completed meetings are the ones the committee held.
    pub fn held(&self) -> bool {
        self.status == "completed"
    }
}

pub fn render_accreditation(
    doc: &AccreditationSummary,
    progress: &mut dyn FnMut(ReportProgress),
) -> Result<RenderedPdf, ReportError> {
    layout(doc)?.finish(progress)
}

pub(crate) fn layout(doc: &AccreditationSummary) -> Result<Document, ReportError> {
    if let Some(row) = doc
        .coverage
        .rows
        .iter()
        .find(|r| r.per_block.len() != doc.coverage.blocks.len())
    {
        return Err(ReportError::InvalidInput(format!(
            "coverage of {} has {} blocks, the year {}",
            row.rotation,
            row.per_block.len(),
            doc.coverage.blocks.len()
        )));
    }
    let title = format!("Accreditation summary {}", doc.year_name);
    let chrome = Chrome::program(
        &doc.program_name,
        &doc.program_code,
        title.clone(),
        &doc.generated_at,
    );
    let mut d = Document::new(
        &title,
        PageSetup::new(PaperSize::Letter, Orientation::Portrait),
        chrome,
    )?;
    sections::overview(&mut d, doc);
    sections::agreements(&mut d, doc)?;
    sections::sites(&mut d, doc)?;
    sections::faculty(&mut d, doc)?;
    sections::complement(&mut d, doc)?;
    sections::coverage(&mut d, &doc.coverage)?;
    sections::meetings(&mut d, doc)?;
    sections::hours(&mut d, &doc.hours)?;
    Ok(d)
}
