//! One period's milestone levels as CSV, laid out for entering them in ACGME's ADS: a row per
//! resident (last name, first name, e-mail, PGY; by PGY then name), a column per subcompetency
//! headed by its code in the milestone set's order. A cell is the level as ADS lists it (`1`,
//! `2.5`, ... `5`), `0` for "has not yet completed Level 1", `NYA` for not yet assessable, and
//! empty when the resident has no rating. UTF-8 without a BOM, like the roster export.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::milestone::{PeriodName, Rating};
use super::milestone_report::{PeriodLevels, period_levels};
use crate::db::PgPool;
use crate::ids::ProgramId;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneCsvExport {
    pub path: String,
    /// Residents, one row each.
    pub rows: u32,
    /// Subcompetency columns.
    pub subcompetencies: u32,
}

/// A cell as ADS lists the level: below 1 is `0` (a digit, where the grid writes `<1`).
pub fn ads_cell(rating: Option<Rating>) -> String {
    match rating {
        None => String::new(),
        Some(Rating::Level { level: 0.0 }) => "0".to_string(),
        Some(r) => r.label(),
    }
}

/// The CSV text of a period's levels.
pub fn levels_csv(levels: &PeriodLevels) -> Result<String> {
    let failed = |e: csv::Error| Error::io("Writing the CSV", e.into());
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header = vec![
        "Last Name".to_string(),
        "First Name".into(),
        "E-mail".into(),
        "PGY".into(),
    ];
    header.extend(levels.subcompetencies.iter().map(|s| s.code.clone()));
    out.write_record(&header).map_err(failed)?;
    for r in &levels.residents {
        let mut record = vec![
            r.last_name.clone(),
            r.first_name.clone(),
            r.email.clone(),
            r.pgy.to_string(),
        ];
        record.extend(
            levels
                .subcompetencies
                .iter()
                .map(|s| ads_cell(levels.rating(r.id, s.id))),
        );
        out.write_record(&record).map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::io("Writing the CSV", e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| Error::io("Writing the CSV", std::io::Error::other(e)))
}

/// Writes a program's levels of a period to `path`.
pub async fn export_milestone_csv(
    pool: &PgPool,
    program: ProgramId,
    name: &PeriodName,
    path: &Path,
) -> Result<MilestoneCsvExport> {
    let levels = {
        let mut conn = pool.acquire().await?;
        period_levels(&mut conn, program, name).await?
    };
    let text = levels_csv(&levels)?;
    crate::files::write_export(path, text.as_bytes())?;
    Ok(MilestoneCsvExport {
        path: path.display().to_string(),
        rows: u32::try_from(levels.residents.len()).unwrap_or(u32::MAX),
        subcompetencies: u32::try_from(levels.subcompetencies.len()).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::HashMap;

    use super::*;
    use crate::assessment::milestone_report::{PeriodResident, PeriodSubcompetency};
    use crate::assessment::milestone_store::Period;
    use crate::ids::{AcademicYearId, ResidentId, SubcompetencyId};

    #[test]
    fn cells_are_written_as_ads_lists_levels() {
        let l = |level| Some(Rating::Level { level });
        assert_eq!(ads_cell(l(2.5)), "2.5");
        assert_eq!(ads_cell(l(3.0)), "3");
        assert_eq!(ads_cell(l(0.0)), "0");
        assert_eq!(ads_cell(Some(Rating::NotYetAssessable)), "NYA");
        assert_eq!(ads_cell(None), "");
    }

    #[test]
    fn a_row_per_resident_and_a_column_per_subcompetency() {
        let (pc1, mk1) = (
            SubcompetencyId(uuid::Uuid::now_v7()),
            SubcompetencyId(uuid::Uuid::now_v7()),
        );
        let ana = ResidentId(uuid::Uuid::now_v7());
        let sub = |id, code: &str| PeriodSubcompetency {
            id,
            code: code.into(),
            name: "x".into(),
            competency: "Patient Care".into(),
        };
        let levels = PeriodLevels {
            program_code: "GS".into(),
            program_name: "General Surgery".into(),
            period: Period {
                year_id: AcademicYearId(uuid::Uuid::now_v7()),
                name: PeriodName::parse("period", "2025-2026-spring").unwrap(),
            },
            milestone_set: "GS 2.0".into(),
            subcompetencies: vec![sub(pc1, "PC1"), sub(mk1, "MK1")],
            residents: vec![PeriodResident {
                id: ana,
                first_name: "Ana María".into(),
                last_name: "Núñez, Jr".into(),
                email: "ana@example.org".into(),
                pgy: 2,
            }],
            ratings: HashMap::from([((ana, pc1), Rating::Level { level: 2.5 })]),
        };
        let text = levels_csv(&levels).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Last Name,First Name,E-mail,PGY,PC1,MK1");
        assert_eq!(lines[1], "\"Núñez, Jr\",Ana María,ana@example.org,2,2.5,");
    }
}
