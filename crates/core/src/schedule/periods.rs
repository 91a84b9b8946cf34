//! The stretches of time a schedule is made of: a block, or a half of a split block, and how many
//! weeks each counts for (so that a half block counts half towards a requirement).

use chrono::NaiveDate;

use super::Half;
use crate::academic::Block;

/// The first and last day of a block, or of one of its halves; `None` when the block has no
/// halves.
pub fn dates(block: &Block, half: Option<Half>) -> Option<(NaiveDate, NaiveDate)> {
    match (half, block.split_date) {
        (None, _) => Some((block.start_date, block.end_date)),
        (Some(Half::First), Some(split)) => Some((block.start_date, split.pred_opt()?)),
        (Some(Half::Second), Some(split)) => Some((split, block.end_date)),
        (Some(_), None) => None,
    }
}

/// Which part of the block these dates cover, or `None` when they are neither the whole block
/// nor a half (the database refuses such rows).
pub fn part_of(block: &Block, start: NaiveDate, end: NaiveDate) -> Option<Option<Half>> {
    [None, Some(Half::First), Some(Half::Second)]
        .into_iter()
        .find(|h| dates(block, *h) == Some((start, end)))
}

/// The parts a block's coverage is counted in: the whole block, or each half.
pub fn parts(block: &Block) -> Vec<Option<Half>> {
    if block.split_date.is_some() {
        vec![Some(Half::First), Some(Half::Second)]
    } else {
        vec![None]
    }
}

/// Whole weeks a stretch counts for, rounded to the nearest (a 29-day block counts 4, a
/// 14-day half 2).
pub fn weeks(start: NaiveDate, end: NaiveDate) -> i32 {
    let days = (end - start).num_days() + 1;
    i32::try_from((days + 3) / 7).unwrap_or(i32::MAX)
}

/// The weeks a typical block of this year lasts (the most common length), used to speak of
/// limits set in blocks.
pub fn block_weeks(blocks: &[Block]) -> i32 {
    let mut counts = std::collections::BTreeMap::<i32, usize>::new();
    for b in blocks {
        *counts.entry(weeks(b.start_date, b.end_date)).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(w, n)| (*n, *w))
        .map_or(4, |(w, _)| w.max(1))
}

pub fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// "block 3" or "block 3 (first half)", as a sentence names a stretch.
pub fn label(block: &Block, half: Option<Half>) -> String {
    match half {
        None => block.name.clone(),
        Some(Half::First) => format!("{} (first half)", block.name),
        Some(Half::Second) => format!("{} (second half)", block.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AcademicYearId, BlockId};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test dates are valid")
    }

    fn block(start: &str, end: &str, split: Option<&str>) -> Block {
        Block {
            id: BlockId::new(),
            year_id: AcademicYearId::new(),
            number: 1,
            name: "Block 1".into(),
            start_date: day(start),
            end_date: day(end),
            split_date: split.map(day),
            days: 28,
            version: 1,
        }
    }

    #[test]
    fn a_split_block_has_two_halves_that_tile_it() {
        let b = block("2026-07-01", "2026-07-28", Some("2026-07-15"));
        assert_eq!(
            dates(&b, Some(Half::First)),
            Some((day("2026-07-01"), day("2026-07-14")))
        );
        assert_eq!(
            dates(&b, Some(Half::Second)),
            Some((day("2026-07-15"), day("2026-07-28")))
        );
        assert_eq!(
            part_of(&b, day("2026-07-15"), day("2026-07-28")),
            Some(Some(Half::Second))
        );
        assert_eq!(parts(&b).len(), 2);
    }

    #[test]
    fn an_unsplit_block_has_no_halves() {
        let b = block("2026-07-01", "2026-07-28", None);
        assert_eq!(dates(&b, Some(Half::First)), None);
        assert_eq!(
            part_of(&b, day("2026-07-01"), day("2026-07-28")),
            Some(None)
        );
        assert_eq!(part_of(&b, day("2026-07-01"), day("2026-07-10")), None);
    }

    #[test]
    fn weeks_round_to_the_nearest_whole_week() {
        assert_eq!(weeks(day("2026-07-01"), day("2026-07-28")), 4);
        assert_eq!(weeks(day("2026-07-01"), day("2026-07-29")), 4);
        assert_eq!(weeks(day("2026-07-01"), day("2026-07-14")), 2);
        assert_eq!(weeks(day("2026-07-01"), day("2026-07-31")), 4);
        assert_eq!(weeks(day("2026-07-01"), day("2026-07-01")), 0);
    }

    #[test]
    fn the_typical_block_length_is_the_most_common_one() {
        let blocks = vec![
            block("2026-07-01", "2026-07-28", None),
            block("2026-07-29", "2026-08-25", None),
            block("2026-08-26", "2026-09-23", None),
        ];
        assert_eq!(block_weeks(&blocks), 4);
    }
}
