//! A resident's leave (vacation, sick, parental, leave of absence) as dated rows the schedule
//! respects, and their ranked elective requests for a year (at most three, a rotation in a given
//! block or in any).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{LeaveKind, LeavePeriod, store};
use crate::db::{self, Actor, PgPool};
use crate::ids::{AcademicYearId, BlockId, LeaveId, ResidentId, RotationTypeId};
use crate::input::optional_text;
use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveInput {
    pub resident_id: ResidentId,
    pub kind: String,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub note: Option<String>,
}

fn date(field: &'static str, text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, "Give a date as YYYY-MM-DD"))
}

impl TryFrom<LeaveInput> for LeavePeriod {
    type Error = Error;

    fn try_from(input: LeaveInput) -> Result<Self> {
        let kind = LeaveKind::parse(&input.kind).ok_or_else(|| {
            Error::invalid(
                "kind",
                "Choose vacation, sick, parental or leave of absence",
            )
        })?;
        let start_date = date("startDate", &input.start_date)?;
        let end_date = date("endDate", &input.end_date)?;
        if end_date < start_date {
            return Err(Error::invalid(
                "endDate",
                "Leave cannot end before it starts",
            ));
        }
        Ok(LeavePeriod {
            id: LeaveId::new(),
            resident_id: input.resident_id,
            kind,
            start_date,
            end_date,
            note: optional_text("note", "The note", input.note.as_deref().unwrap_or(""), 500)?,
        })
    }
}

/// Records leave; an overlap with the resident's other leave is refused, naming both ranges.
pub async fn add_leave(pool: &PgPool, actor: &Actor, input: LeaveInput) -> Result<LeaveId> {
    let leave = LeavePeriod::try_from(input)?;
    let mut tx = db::begin(pool, actor).await?;
    store::insert_leave(&mut tx, std::slice::from_ref(&leave)).await?;
    tx.commit().await?;
    Ok(leave.id)
}

pub async fn remove_leave(pool: &PgPool, actor: &Actor, id: LeaveId) -> Result<()> {
    let mut tx = db::begin(pool, actor).await?;
    if !store::delete_leave(&mut tx, id).await? {
        return Err(Error::not_found("That leave"));
    }
    tx.commit().await?;
    Ok(())
}

/// One ranked wish: a rotation, in a block or (`None`) in any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestInput {
    pub rotation_type_id: RotationTypeId,
    #[serde(default)]
    pub block_id: Option<BlockId>,
}

/// Makes a resident's requests for the year exactly these, ranked in the order given.
pub async fn set_requests(
    pool: &PgPool,
    actor: &Actor,
    year: AcademicYearId,
    resident: ResidentId,
    requests: Vec<RequestInput>,
) -> Result<()> {
    if requests.len() > 3 {
        return Err(Error::invalid(
            "requests",
            "A resident ranks at most three requests",
        ));
    }
    for (i, r) in requests.iter().enumerate() {
        if requests[..i].contains(r) {
            return Err(Error::invalid(
                "requests",
                format!("Request {} repeats an earlier one", i + 1),
            ));
        }
    }
    let mut tx = db::begin(pool, actor).await?;
    store::delete_requests(&mut tx, year, resident).await?;
    let rows: Vec<store::NewRequest> = requests
        .into_iter()
        .zip(1..)
        .map(|(r, rank)| store::NewRequest {
            resident,
            rank,
            rotation: r.rotation_type_id,
            block: r.block_id,
        })
        .collect();
    store::insert_requests(&mut tx, year, &rows).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str, start: &str, end: &str) -> LeaveInput {
        LeaveInput {
            resident_id: ResidentId::new(),
            kind: kind.into(),
            start_date: start.into(),
            end_date: end.into(),
            note: Some("  ".into()),
        }
    }

    #[test]
    fn good_leave_is_parsed_and_a_blank_note_dropped() {
        let l =
            LeavePeriod::try_from(input("parental", "2026-09-01", "2026-10-15")).expect("valid");
        assert_eq!(l.kind, LeaveKind::Parental);
        assert_eq!(l.note, None);
    }

    #[test]
    fn each_bad_field_is_named() {
        for (i, field) in [
            (input("holiday", "2026-09-01", "2026-09-02"), "kind"),
            (input("sick", "1 Sept", "2026-09-02"), "startDate"),
            (input("sick", "2026-09-05", "2026-09-02"), "endDate"),
        ] {
            let err = LeavePeriod::try_from(i).expect_err("refused");
            assert_eq!(err.field(), Some(field), "{err}");
        }
    }
}
