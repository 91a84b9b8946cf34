//! The accreditation summary of a program's academic year, gathered from the rooms that own
//! each part (organisation, people, schedule, CCC, work hours) and handed to the renderer in
//! `reports::accreditation`. Standings and work hours are taken on the day given.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use sqlx::PgPool;

use super::agreements::{AgreementStanding, agreement_type_name, standing_text};
use crate::academic::calendar_export::{
    ExportProgress, ExportedFile, begin_export, render_and_write,
};
use crate::hours::rules::Rule;
use crate::ids::{AcademicYearId, ProgramId};
use crate::reports::accreditation::{
    AccreditationSummary, AgreementRow, FacultyRow, HoursSummary, MeetingRow, PgyCount,
    ResidentViolations, RuleCount, SiteRow, SponsorLines, render_accreditation,
};
use crate::{Error, Result};

/// `continued_with_warning` → "Continued with warning".
fn words(stored: &str) -> String {
    let text = stored.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The summary of `year`, agreements' standing and work hours taken on `today`.
pub async fn summary(
    pool: &PgPool,
    year: AcademicYearId,
    today: NaiveDate,
    generated_at: String,
) -> Result<AccreditationSummary> {
    let mut conn = pool.acquire().await?;
    let loaded = crate::schedule::grid::load(&mut conn, year).await?;
    let year = loaded.year.clone();
    let program = super::store::program_by_id(&mut conn, year.program_id)
        .await?
        .ok_or_else(|| Error::not_found("The program"))?;
    let org = super::agreements_store::organisation(&mut conn, program.id, today).await?;
    let roster = crate::people::faculty_roster::faculty_roster(&mut conn, program.id).await?;
    let back =
        crate::assessment::milestone_store::years_back(&mut conn, program.id, year.id).await?;
    drop(conn);

    let sponsor = SponsorLines {
        institution: org.sponsor.institution.clone(),
        dio: org
            .sponsor
            .dio_name
            .as_ref()
            .map(|name| match &org.sponsor.dio_email {
                Some(email) => format!("{name} <{email}>"),
                None => name.clone(),
            }),
        accreditation_status: org.sponsor.accreditation_status.as_deref().map(words),
        next_site_visit: org.sponsor.next_site_visit.map(|d| d.to_string()),
    };
    let agreements = org
        .agreements
        .iter()
        .map(|a| AgreementRow {
            institution: a.participating_institution.clone(),
            kind: agreement_type_name(&a.agreement_type).to_string(),
            covers: if a.applies_to_all_programs {
                "All programs".to_string()
            } else {
                a.program_codes.join(", ")
            },
            effective: a.effective_date.to_string(),
            expires: a
                .expiration_date
                .map_or_else(String::new, |d| d.to_string()),
            status: words(&a.status),
            standing: standing_text(a.standing, a.days_left),
            needs_attention: !matches!(
                a.standing,
                AgreementStanding::Current | AgreementStanding::Pending
            ),
        })
        .collect();
    let sites = org
        .sites
        .iter()
        .map(|s| SiteRow {
            name: s.name.clone(),
            code: s.code.clone().unwrap_or_default(),
            institution: s.institution.clone(),
            site_type: words(&s.site_type),
            agreement: match (s.agreement_id, s.agreement_expires) {
                (None, _) => "Sponsor's own".to_string(),
                (Some(_), Some(end)) => format!("expires {end}"),
                (Some(_), None) => "open-ended".to_string(),
            },
            standing: s
                .agreement_standing
                .map_or_else(String::new, |st| standing_text(st, s.agreement_days_left)),
        })
        .collect();
    let faculty = roster
        .into_iter()
        .map(|f| FacultyRow {
            name: f.name,
            rank: f.rank.as_deref().map(words).unwrap_or_default(),
            specialty: f.specialty.unwrap_or_default(),
            is_core: f.is_core,
        })
        .collect();
    // The PGY level each resident had in that year: theirs now, less the years since.
    let mut levels: BTreeMap<i32, u32> = BTreeMap::new();
    for r in &loaded.facts.residents {
        *levels.entry((r.pgy - back).max(1)).or_default() += 1;
    }
    let complement = levels
        .into_iter()
        .map(|(pgy, residents)| PgyCount { pgy, residents })
        .collect();
    let coverage = crate::schedule::coverage_summary::coverage_by_rotation(&loaded.facts);
    let meetings = meetings_of(pool, program.id, year.id).await?;
    let hours = hours_of(pool, program.id, (year.start_date, year.end_date), today).await?;
    Ok(AccreditationSummary {
        program_code: program.code,
        program_name: program.name,
        year_name: year.name,
        year_dates: format!("{} to {}", year.start_date, year.end_date),
        as_of: today.to_string(),
        generated_at,
        sponsor,
        agreements,
        sites,
        faculty,
        complement,
        coverage,
        meetings,
        hours,
    })
}

/// The committee's meetings of the year, oldest first.
async fn meetings_of(
    pool: &PgPool,
    program: ProgramId,
    year: AcademicYearId,
) -> Result<Vec<MeetingRow>> {
    let mut out: Vec<MeetingRow> = crate::ccc::store::meetings(pool, program)
        .await?
        .into_iter()
        .filter(|m| m.year_id == year)
        .map(|m| MeetingRow {
            date: m.meeting_date.to_string(),
            period: format!("{} {}", m.period.year, m.period.term.as_str()),
            status: m.status.as_str().replace('_', " "),
            chair: m.chair.map(|c| c.name),
            present: m.attendees.into_iter().map(|a| a.name).collect(),
            on_agenda: u32::try_from(m.agenda.len()).unwrap_or(u32::MAX),
            final_reviews: u32::try_from(
                m.agenda
                    .iter()
                    .filter(|a| a.review_status.as_deref() == Some("final"))
                    .count(),
            )
            .unwrap_or(u32::MAX),
        })
        .collect();
    out.reverse();
    Ok(out)
}

/// Violations by rule over the year's blocks that start by `today` (none before it begins),
/// counted by the same rules and reading as the work-hour compliance report.
async fn hours_of(
    pool: &PgPool,
    program: ProgramId,
    (start, end): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<HoursSummary> {
    if today < start {
        return Ok(HoursSummary::default());
    }
    let to = today.min(end);
    let report = crate::hours::store::report(pool, program, None, start, to, String::new()).await?;
    let by_rule = Rule::ALL
        .iter()
        .enumerate()
        .map(|(i, rule)| RuleCount {
            rule: rule.title().to_string(),
            violations: report.residents.iter().map(|r| r.counts[i]).sum(),
            residents: u32::try_from(report.residents.iter().filter(|r| r.counts[i] > 0).count())
                .unwrap_or(u32::MAX),
        })
        .collect();
    let mut over: Vec<ResidentViolations> = report
        .residents
        .iter()
        .filter(|r| r.counts.iter().any(|c| *c > 0))
        .map(|r| ResidentViolations {
            name: r.name.clone(),
            pgy: r.pgy,
            violations: r.counts.iter().sum(),
            rules: Rule::ALL
                .iter()
                .zip(r.counts)
                .filter(|(_, c)| *c > 0)
                .map(|(rule, _)| rule.title().to_string())
                .collect(),
        })
        .collect();
    over.sort_by(|a, b| b.violations.cmp(&a.violations).then(a.name.cmp(&b.name)));
    Ok(HoursSummary {
        dates: Some(format!("{start} to {to}")),
        residents: u32::try_from(report.residents.len()).unwrap_or(u32::MAX),
        by_rule,
        over,
    })
}

/// Writes the accreditation summary of `year` to `path`, standings taken today.
pub async fn export_accreditation_summary(
    pool: &PgPool,
    year: AcademicYearId,
    path: &Path,
    mut progress: impl FnMut(ExportProgress) + Send + 'static,
) -> Result<ExportedFile> {
    begin_export(path, "Gathering the summary", &mut progress)?;
    let now = chrono::Local::now();
    let doc = summary(
        pool,
        year,
        now.date_naive(),
        now.format("%Y-%m-%d %H:%M").to_string(),
    )
    .await?;
    render_and_write(doc, render_accreditation, path, progress).await
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn stored_words_read_as_a_sentence() {
        assert_eq!(words("continued_with_warning"), "Continued with warning");
        assert_eq!(words("pla"), "Pla");
        assert_eq!(words(""), "");
    }
}
