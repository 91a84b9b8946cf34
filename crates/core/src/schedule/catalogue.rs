//! A program's rotation catalogue: adding and editing rotation types with what each PGY level must
//! and may do, per-block staffing overrides, and the program's limit on heavy blocks in a row.

use serde::Deserialize;
use ts_rs::TS;

use super::{Requirement, RotationCategory, catalogue_store};
use crate::db::{self, Actor, PgPool};
use crate::ids::{BlockId, FacultyId, ProgramId, RotationTypeId, SiteId};
use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RotationTypeInput {
    pub code: String,
    pub name: String,
    pub category: String,
    pub colour: String,
    #[serde(default)]
    pub heavy: bool,
    #[serde(default)]
    pub no_back_to_back: bool,
    #[serde(default)]
    pub default_site_id: Option<SiteId>,
    #[serde(default)]
    pub default_supervisor_id: Option<FacultyId>,
    #[serde(default)]
    pub min_residents: i32,
    #[serde(default)]
    pub max_residents: Option<i32>,
    #[serde(default)]
    pub requirements: Vec<Requirement>,
}

/// A rotation type that passed every rule a single row can break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRotation {
    pub code: String,
    pub name: String,
    pub category: RotationCategory,
    pub colour: String,
    pub heavy: bool,
    pub no_back_to_back: bool,
    pub default_site_id: Option<SiteId>,
    pub default_supervisor_id: Option<FacultyId>,
    pub min_residents: i32,
    pub max_residents: Option<i32>,
    pub requirements: Vec<Requirement>,
}

impl TryFrom<RotationTypeInput> for ValidRotation {
    type Error = Error;

    fn try_from(input: RotationTypeInput) -> Result<Self> {
        let code = input.code.trim().to_string();
        let code_ok = !code.is_empty()
            && code.len() <= 12
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && code
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if !code_ok {
            return Err(Error::invalid(
                "code",
                "A code is 1 to 12 letters, digits, - or _ (e.g. ICU)",
            ));
        }
        if code.eq_ignore_ascii_case("LEAVE") {
            return Err(Error::invalid(
                "code",
                "LEAVE is reserved for leave; choose another code",
            ));
        }
        let name = input.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::invalid("name", "Give the rotation a name"));
        }
        let category = RotationCategory::parse(&input.category)
            .ok_or_else(|| Error::invalid("category", "Choose core, elective or leave-like"))?;
        let colour = input.colour.trim().to_ascii_lowercase();
        let colour_ok = colour.len() == 7
            && colour.starts_with('#')
            && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !colour_ok {
            return Err(Error::invalid(
                "colour",
                "A colour is #rrggbb, e.g. #4e79a7",
            ));
        }
        if input.min_residents < 0 {
            return Err(Error::invalid(
                "minResidents",
                "The minimum cannot be negative",
            ));
        }
        if let Some(max) = input.max_residents
            && max < input.min_residents
        {
            return Err(Error::invalid(
                "maxResidents",
                format!(
                    "The maximum ({max}) is below the minimum ({})",
                    input.min_residents
                ),
            ));
        }
        let mut requirements = input.requirements;
        requirements.sort_by_key(|r| r.pgy_level);
        for (i, r) in requirements.iter().enumerate() {
            if !(1..=10).contains(&r.pgy_level) {
                return Err(Error::invalid(
                    "requirements",
                    "PGY levels run from 1 to 10",
                ));
            }
            if i > 0 && requirements[i - 1].pgy_level == r.pgy_level {
                return Err(Error::invalid(
                    "requirements",
                    format!("PGY-{} is listed twice", r.pgy_level),
                ));
            }
            if r.min_weeks < 0 || r.max_weeks < 1 || r.max_weeks < r.min_weeks {
                return Err(Error::invalid(
                    "requirements",
                    format!(
                        "PGY-{}: weeks must satisfy 0 ≤ minimum ≤ maximum and a maximum of at least 1 (got {}–{})",
                        r.pgy_level, r.min_weeks, r.max_weeks
                    ),
                ));
            }
        }
        Ok(ValidRotation {
            code,
            name,
            category,
            colour,
            heavy: input.heavy,
            no_back_to_back: input.no_back_to_back,
            default_site_id: input.default_site_id,
            default_supervisor_id: input.default_supervisor_id,
            min_residents: input.min_residents,
            max_residents: input.max_residents,
            requirements,
        })
    }
}

pub async fn add_rotation_type(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    input: RotationTypeInput,
) -> Result<RotationTypeId> {
    let valid = ValidRotation::try_from(input)?;
    let mut tx = db::begin(pool, actor).await?;
    let id = RotationTypeId::new();
    catalogue_store::insert_rotation_type(&mut tx, id, program, &valid).await?;
    catalogue_store::replace_requirements(&mut tx, id, &valid.requirements).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_rotation_type(
    pool: &PgPool,
    actor: &Actor,
    id: RotationTypeId,
    version: i32,
    input: RotationTypeInput,
) -> Result<()> {
    let valid = ValidRotation::try_from(input)?;
    let mut tx = db::begin(pool, actor).await?;
    if !catalogue_store::update_rotation_type(&mut tx, id, version, &valid).await? {
        return Err(Error::stale("The rotation"));
    }
    catalogue_store::replace_requirements(&mut tx, id, &valid.requirements).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets one block's staffing for a rotation (`max` 0 closes it), or with `None` goes back to the
/// rotation's default.
pub async fn set_coverage_override(
    pool: &PgPool,
    actor: &Actor,
    rotation: RotationTypeId,
    block: BlockId,
    bounds: Option<(i32, i32)>,
    note: Option<String>,
) -> Result<()> {
    if let Some((min, max)) = bounds {
        if min < 0 {
            return Err(Error::invalid(
                "minResidents",
                "The minimum cannot be negative",
            ));
        }
        if max < min {
            return Err(Error::invalid(
                "maxResidents",
                format!("The maximum ({max}) is below the minimum ({min})"),
            ));
        }
    }
    let mut tx = db::begin(pool, actor).await?;
    catalogue_store::set_coverage_override(&mut tx, rotation, block, bounds, note.as_deref())
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_max_consecutive_heavy(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    blocks: i32,
) -> Result<()> {
    if !(1..=26).contains(&blocks) {
        return Err(Error::invalid(
            "maxConsecutiveHeavy",
            "Between 1 and 26 heavy blocks in a row",
        ));
    }
    let mut tx = db::begin(pool, actor).await?;
    catalogue_store::set_max_consecutive_heavy(&mut tx, program, blocks).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RotationTypeInput {
        RotationTypeInput {
            code: " ICU ".into(),
            name: "Intensive care".into(),
            category: "core".into(),
            colour: "#4E79A7".into(),
            heavy: true,
            no_back_to_back: false,
            default_site_id: None,
            default_supervisor_id: None,
            min_residents: 1,
            max_residents: Some(3),
            requirements: vec![
                Requirement {
                    pgy_level: 2,
                    min_weeks: 4,
                    max_weeks: 8,
                },
                Requirement {
                    pgy_level: 1,
                    min_weeks: 0,
                    max_weeks: 4,
                },
            ],
        }
    }

    #[test]
    fn a_good_rotation_is_trimmed_and_its_levels_sorted() {
        let v = ValidRotation::try_from(input()).expect("valid");
        assert_eq!(v.code, "ICU");
        assert_eq!(v.colour, "#4e79a7");
        assert_eq!(v.requirements[0].pgy_level, 1);
    }

    #[test]
    fn each_bad_field_is_named() {
        type Spoil = fn(&mut RotationTypeInput);
        let cases: Vec<(Spoil, &str)> = vec![
            (|i| i.code = "leave".into(), "code"),
            (|i| i.code = "A B".into(), "code"),
            (|i| i.name = " ".into(), "name"),
            (|i| i.category = "fun".into(), "category"),
            (|i| i.colour = "blue".into(), "colour"),
            (|i| i.max_residents = Some(0), "maxResidents"),
            (|i| i.requirements[0].max_weeks = 2, "requirements"),
            (|i| i.requirements[1].pgy_level = 2, "requirements"),
        ];
        for (spoil, field) in cases {
            let mut i = input();
            spoil(&mut i);
            let err = ValidRotation::try_from(i).expect_err("spoilt input is refused");
            assert_eq!(err.field(), Some(field), "{err}");
        }
    }
}
