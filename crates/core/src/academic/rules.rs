//! The rules a year's blocks obey, checked in the core before the database sees them so the message
//! can name the blocks and dates involved: inside the year, no overlap, no gap unless allowed,
//! a split date inside its block. Pure.

use chrono::{Days, NaiveDate};

use crate::{Error, Result};

/// The dates of a block as the rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockSpan {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub split: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSpan {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub allow_gaps: bool,
}

fn range(start: NaiveDate, end: NaiveDate) -> String {
    format!("{start}..{end}")
}

/// Checks one block on its own and against its year.
pub fn check_block(year: &YearSpan, block: &BlockSpan) -> Result<()> {
    if block.end < block.start {
        return Err(Error::invalid(
            "endDate",
            format!(
                "{} cannot end on {} before it starts on {}",
                block.name, block.end, block.start
            ),
        ));
    }
    if let Some(split) = block.split
        && (split <= block.start || split > block.end)
    {
        return Err(Error::invalid(
            "splitDate",
            format!(
                "The split date is the first day of the second half: it must fall after {} and on or before {}",
                block.start, block.end
            ),
        ));
    }
    let outside = |field| {
        Error::invalid(
            field,
            format!(
                "{} ({}) must lie inside the academic year {} ({})",
                block.name,
                range(block.start, block.end),
                year.name,
                range(year.start, year.end)
            ),
        )
    };
    if block.start < year.start || block.start > year.end {
        return Err(outside("startDate"));
    }
    if block.end > year.end {
        return Err(outside("endDate"));
    }
    Ok(())
}

/// Checks an edited block against the other blocks of its year.
pub fn check_against_others(
    year: &YearSpan,
    edited: &BlockSpan,
    others: &[BlockSpan],
) -> Result<()> {
    check_block(year, edited)?;
    if let Some(other) = others
        .iter()
        .find(|o| o.start <= edited.end && edited.start <= o.end)
    {
        let field = if other.start <= edited.start && edited.start <= other.end {
            "startDate"
        } else {
            "endDate"
        };
        return Err(Error::Conflict {
            message: format!(
                "{} overlaps {}: {}",
                edited.name,
                other.name,
                range(other.start, other.end)
            ),
            field: Some(field),
        });
    }
    if year.allow_gaps {
        return Ok(());
    }
    let hint = "change the neighbouring block too, or let this year have gaps";
    let before = others
        .iter()
        .filter(|o| o.end < edited.start)
        .max_by_key(|o| o.end);
    match before {
        Some(prev) if prev.end + Days::new(1) != edited.start => {
            return Err(Error::invalid(
                "startDate",
                format!(
                    "{} would leave {} uncovered after {}; {hint}",
                    edited.name,
                    range(prev.end + Days::new(1), edited.start - Days::new(1)),
                    prev.name
                ),
            ));
        }
        None if edited.start != year.start => {
            return Err(Error::invalid(
                "startDate",
                format!(
                    "{} would leave {} uncovered at the start of the year; {hint}",
                    edited.name,
                    range(year.start, edited.start - Days::new(1))
                ),
            ));
        }
        _ => {}
    }
    let after = others
        .iter()
        .filter(|o| o.start > edited.end)
        .min_by_key(|o| o.start);
    match after {
        Some(next) if edited.end + Days::new(1) != next.start => Err(Error::invalid(
            "endDate",
            format!(
                "{} would leave {} uncovered before {}; {hint}",
                edited.name,
                range(edited.end + Days::new(1), next.start - Days::new(1)),
                next.name
            ),
        )),
        None if edited.end != year.end => Err(Error::invalid(
            "endDate",
            format!(
                "{} would leave {} uncovered at the end of the year; {hint}",
                edited.name,
                range(edited.end + Days::new(1), year.end)
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn span(name: &str, start: &str, end: &str) -> BlockSpan {
        BlockSpan {
            name: name.into(),
            start: d(start),
            end: d(end),
            split: None,
        }
    }

    fn year(allow_gaps: bool) -> YearSpan {
        YearSpan {
            name: "2026-2027".into(),
            start: d("2026-07-01"),
            end: d("2027-06-30"),
            allow_gaps,
        }
    }

    fn neighbours() -> Vec<BlockSpan> {
        vec![
            span("Block 1", "2026-07-01", "2026-07-28"),
            span("Block 2", "2026-07-29", "2026-08-25"),
            span("Block 4", "2026-09-23", "2027-06-30"),
        ]
    }

    #[test]
    fn an_overlapping_edit_names_the_other_block_and_its_dates() {
        let edited = span("Block 3", "2026-08-20", "2026-09-22");
        match check_against_others(&year(false), &edited, &neighbours()) {
            Err(Error::Conflict { message, field }) => {
                assert_eq!(message, "Block 3 overlaps Block 2: 2026-07-29..2026-08-25");
                assert_eq!(field, Some("startDate"));
            }
            other => panic!("expected an overlap conflict, got {other:?}"),
        }
    }

    #[test]
    fn an_edit_that_opens_a_gap_is_refused_unless_the_year_allows_gaps() {
        let edited = span("Block 3", "2026-08-30", "2026-09-22");
        match check_against_others(&year(false), &edited, &neighbours()) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "startDate");
                assert!(message.contains("2026-08-26..2026-08-29"), "{message}");
            }
            other => panic!("expected a gap error, got {other:?}"),
        }
        assert!(check_against_others(&year(true), &edited, &neighbours()).is_ok());
    }

    #[test]
    fn an_edit_that_fits_exactly_passes() {
        let edited = span("Block 3", "2026-08-26", "2026-09-22");
        assert!(check_against_others(&year(false), &edited, &neighbours()).is_ok());
    }

    #[test]
    fn a_block_outside_its_year_is_refused() {
        let edited = span("Block 1", "2026-06-20", "2026-07-28");
        assert!(matches!(
            check_block(&year(false), &edited),
            Err(Error::Invalid {
                field: "startDate",
                ..
            })
        ));
        let late = span("Block 13", "2027-06-02", "2027-07-02");
        assert!(matches!(
            check_block(&year(false), &late),
            Err(Error::Invalid {
                field: "endDate",
                ..
            })
        ));
    }

    #[test]
    fn a_block_ending_before_it_starts_is_rejected() {
        let edited = span("Block 3", "2026-09-01", "2026-08-31");
        assert!(matches!(
            check_block(&year(false), &edited),
            Err(Error::Invalid {
                field: "endDate",
                ..
            })
        ));
    }

    #[test]
    fn a_split_date_must_fall_inside_its_block() {
        let mut edited = span("Block 3", "2026-08-26", "2026-09-22");
        for (split, ok) in [
            ("2026-08-26", false),
            ("2026-08-27", true),
            ("2026-09-09", true),
            ("2026-09-22", true),
            ("2026-09-23", false),
        ] {
            edited.split = Some(d(split));
            assert_eq!(
                check_block(&year(false), &edited).is_ok(),
                ok,
                "split {split}"
            );
        }
    }
}
