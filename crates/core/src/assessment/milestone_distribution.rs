//! How a group of residents' ratings of one subcompetency spread over the milestone scale: a
//! count per bin (not yet assessable, below 1, 1, 1.5, ... 5), the median level and how many sit
//! at or below 2.5, the early-warning line. Pure.

use super::milestone::Rating;

/// The early-warning line: a rating at or below it at the end of PGY-2 often predicts not
/// reaching Level 4 by graduation.
pub const WARNING_LEVEL: f64 = 2.5;

/// The bins in the order a summary shows them: NYA, <1, then 1 to 5 in halves.
pub const BIN_LABELS: [&str; 11] = [
    "NYA", "<1", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5",
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Distribution {
    /// Counts in `BIN_LABELS` order.
    pub bins: [u32; 11],
    /// Residents of the group with no rating at all.
    pub not_rated: u32,
    /// The median of the levels (below 1 counts as 0; not yet assessable is left out).
    pub median: Option<f64>,
    /// Levels at or below 2.5, below 1 included, not yet assessable not.
    pub at_or_below_warning: u32,
}

/// The bin of a rating in `BIN_LABELS` order, or None for a level off the scale.
pub fn bin(rating: Rating) -> Option<usize> {
    match rating {
        Rating::NotYetAssessable => Some(0),
        Rating::Level { level: 0.0 } => Some(1),
        Rating::Level { level } if (1.0..=5.0).contains(&level) => {
            let halves = ((level - 1.0) * 2.0).round();
            (((level - 1.0) * 2.0 - halves).abs() < 1e-9).then_some(2 + halves as usize)
        }
        Rating::Level { .. } => None,
    }
}

impl Distribution {
    /// One entry per resident of the group: their rating, or None when they have none.
    pub fn of(ratings: impl IntoIterator<Item = Option<Rating>>) -> Distribution {
        let mut d = Distribution::default();
        let mut levels = Vec::new();
        for rating in ratings {
            match rating.and_then(|r| bin(r).map(|b| (r, b))) {
                Some((r, b)) => {
                    d.bins[b] += 1;
                    if let Some(level) = r.level() {
                        levels.push(level);
                        if level <= WARNING_LEVEL {
                            d.at_or_below_warning += 1;
                        }
                    }
                }
                None => d.not_rated += 1,
            }
        }
        d.median = crate::ccc::flags::median(&mut levels);
        d
    }

    /// Every resident counted, rated or not.
    pub fn total(&self) -> u32 {
        self.bins.iter().sum::<u32>() + self.not_rated
    }
}

/// A median as people read it: `3`, `2.5`, `2.75` (between two half levels).
pub fn median_label(median: f64) -> String {
    let text = format!("{median:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn level(level: f64) -> Option<Rating> {
        Some(Rating::Level { level })
    }

    #[test]
    fn every_rating_falls_in_its_own_bin() {
        let cases = [
            (Rating::NotYetAssessable, Some(0)),
            (Rating::Level { level: 0.0 }, Some(1)),
            (Rating::Level { level: 1.0 }, Some(2)),
            (Rating::Level { level: 2.5 }, Some(5)),
            (Rating::Level { level: 5.0 }, Some(10)),
            (Rating::Level { level: 3.7 }, None),
            (Rating::Level { level: 0.5 }, None),
        ];
        for (rating, want) in cases {
            assert_eq!(bin(rating), want, "{rating:?}");
        }
        for (i, label) in BIN_LABELS.iter().enumerate().skip(2) {
            let parsed = Rating::parse("level", label).unwrap();
            assert_eq!(
                bin(parsed),
                Some(i),
                "{label} is labelled where it is counted"
            );
        }
    }

    #[test]
    fn a_group_is_counted_with_its_median_and_those_at_or_below_two_and_a_half() {
        let d = Distribution::of([
            level(0.0),
            level(2.5),
            level(3.0),
            level(3.0),
            level(4.5),
            Some(Rating::NotYetAssessable),
            None,
        ]);
        assert_eq!(d.bins, [1, 1, 0, 0, 0, 1, 2, 0, 0, 1, 0]);
        assert_eq!(d.not_rated, 1);
        assert_eq!(d.total(), 7);
        assert_eq!(d.median, Some(3.0), "NYA and unrated are left out");
        assert_eq!(d.at_or_below_warning, 2, "below 1 counts, NYA does not");
    }

    #[test]
    fn an_even_group_has_a_median_between_its_middle_levels() {
        let d = Distribution::of([level(2.0), level(2.5), level(3.0), level(3.5)]);
        assert_eq!(d.median, Some(2.75));
        assert_eq!(median_label(2.75), "2.75");
        assert_eq!(median_label(3.0), "3");
        assert_eq!(median_label(2.5), "2.5");
        let none = Distribution::of([None, Some(Rating::NotYetAssessable)]);
        assert_eq!(none.median, None);
        assert_eq!(none.at_or_below_warning, 0);
    }
}
