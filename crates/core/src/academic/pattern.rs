//! Block patterns (13 four-week blocks, 12 calendar months, 26 two-week blocks, or a custom
//! length in days) and what to do with the days a pattern leaves over. Parsed, never raw strings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockPattern {
    /// `count` blocks of `days` days each (13x4w, 26x2w).
    Fixed { count: u32, days: u32 },
    /// Twelve calendar months (12m).
    Months,
    /// As many blocks of `days` days as fit in the year (Nd).
    Days(u32),
}

pub const MAX_BLOCK_DAYS: u32 = 366;

impl BlockPattern {
    /// Parses the pattern names users type: `13x4w`, `12m`, `26x2w`, `Nd` (e.g. `30d`).
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim().to_ascii_lowercase();
        let bad = || {
            Error::invalid(
                "pattern",
                format!(
                    "'{}' is not a block pattern: use 13x4w, 12m, 26x2w or a length in days such as 30d",
                    text.trim()
                ),
            )
        };
        match t.as_str() {
            "13x4w" => Ok(BlockPattern::Fixed {
                count: 13,
                days: 28,
            }),
            "26x2w" => Ok(BlockPattern::Fixed {
                count: 26,
                days: 14,
            }),
            "12m" => Ok(BlockPattern::Months),
            _ => {
                let digits = t.strip_suffix('d').ok_or_else(bad)?;
                let days: u32 = digits.parse().map_err(|_| bad())?;
                if days == 0 || days > MAX_BLOCK_DAYS {
                    return Err(Error::invalid(
                        "pattern",
                        format!(
                            "A block must last between 1 and {MAX_BLOCK_DAYS} days, not {days}"
                        ),
                    ));
                }
                Ok(BlockPattern::Days(days))
            }
        }
    }

    /// The nominal length of one block in days (a month counts as 28 for tolerance checks).
    pub fn nominal_days(self) -> u32 {
        match self {
            BlockPattern::Fixed { days, .. } | BlockPattern::Days(days) => days,
            BlockPattern::Months => 28,
        }
    }
}

impl std::fmt::Display for BlockPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlockPattern::Fixed { count, days } if days % 7 == 0 => {
                write!(f, "{count}x{}w", days / 7)
            }
            BlockPattern::Fixed { count, days } => write!(f, "{count}x{days}d"),
            BlockPattern::Months => f.write_str("12m"),
            BlockPattern::Days(days) => write!(f, "{days}d"),
        }
    }
}

/// Where the days go that the pattern does not fill (13 x 28 = 364 of a 365-day year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Leftover {
    /// The last block runs to the year's last day (the usual choice).
    #[default]
    Last,
    /// The first block absorbs them; later blocks shift.
    First,
    /// They become one extra, shorter block at the end.
    Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_patterns_parse_case_and_space_insensitively() {
        let cases = [
            (
                "13x4w",
                BlockPattern::Fixed {
                    count: 13,
                    days: 28,
                },
            ),
            (
                " 13X4W ",
                BlockPattern::Fixed {
                    count: 13,
                    days: 28,
                },
            ),
            (
                "26x2w",
                BlockPattern::Fixed {
                    count: 26,
                    days: 14,
                },
            ),
            ("12m", BlockPattern::Months),
            ("30d", BlockPattern::Days(30)),
            ("7D", BlockPattern::Days(7)),
        ];
        for (text, expected) in cases {
            assert_eq!(
                BlockPattern::parse(text).ok(),
                Some(expected),
                "pattern {text:?}"
            );
        }
    }

    #[test]
    fn unknown_or_empty_patterns_name_the_pattern_field() {
        for text in ["", "13", "4w", "0d", "367d", "-3d", "x"] {
            match BlockPattern::parse(text) {
                Err(Error::Invalid { field, .. }) => assert_eq!(field, "pattern", "{text:?}"),
                other => panic!("{text:?} should be invalid, got {other:?}"),
            }
        }
    }

    #[test]
    fn patterns_print_back_as_they_are_typed() {
        for text in ["13x4w", "26x2w", "12m", "30d"] {
            let pattern = BlockPattern::parse(text).expect("valid pattern");
            assert_eq!(pattern.to_string(), text);
        }
    }
}
