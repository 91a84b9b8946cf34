//! Parsing of what people type: every command input arrives as strings and numbers, and becomes
//! a domain value here or an `Invalid` error naming the field. Nothing raw flows past this point.

use chrono::NaiveDate;

use crate::{Error, Result};

/// A date typed as `YYYY-MM-DD`.
pub fn date(field: &'static str, label: &str, text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, format!("{label} is required")));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            format!("{label}: '{t}' is not a date; use YYYY-MM-DD, e.g. 2026-07-01"),
        )
    })
}

/// An optional date: empty or absent means none.
pub fn optional_date(
    field: &'static str,
    label: &str,
    text: Option<&str>,
) -> Result<Option<NaiveDate>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => date(field, label, t).map(Some),
    }
}

/// Required free text, trimmed, at most `max` characters.
pub fn text(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let t = value.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, format!("{label} is required")));
    }
    if t.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{label} is longer than {max} characters"),
        ));
    }
    Ok(t.to_string())
}

/// Optional free text, trimmed: empty means none; at most `max` characters.
pub fn optional_text(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Result<Option<String>> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        text(field, label, value, max).map(Some)
    }
}

/// An e-mail address: one `@`, something before it, a dotted domain after it, no spaces.
pub fn email(field: &'static str, value: &str) -> Result<String> {
    let t = value.trim();
    let bad = || Error::invalid(field, format!("'{t}' is not an e-mail address"));
    if t.is_empty() {
        return Err(Error::invalid(field, "E-mail is required"));
    }
    let (local, domain) = t.split_once('@').ok_or_else(bad)?;
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !t.chars().any(char::is_whitespace)
        && t.len() <= 254;
    if ok { Ok(t.to_string()) } else { Err(bad()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(
            date("startDate", "Start date", " 2026-07-01 ").ok(),
            NaiveDate::from_ymd_opt(2026, 7, 1)
        );
        for bad in ["", "07/01/2026", "2026-13-01", "2026-02-30", "tomorrow"] {
            assert!(
                matches!(
                    date("startDate", "Start date", bad),
                    Err(Error::Invalid {
                        field: "startDate",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn empty_optional_dates_are_none() {
        assert_eq!(
            optional_date("splitDate", "Split date", Some("  ")).ok(),
            Some(None)
        );
        assert_eq!(
            optional_date("splitDate", "Split date", None).ok(),
            Some(None)
        );
    }

    #[test]
    fn e_mail_addresses_are_checked_for_shape() {
        assert_eq!(
            email("email", " Zoe.Odegaard@Example.org ").ok().as_deref(),
            Some("Zoe.Odegaard@Example.org")
        );
        for bad in [
            "",
            "zoe",
            "zoe@",
            "@example.org",
            "zoe@example",
            "zoe@@example.org",
            "zo e@example.org",
            "zoe@example.org.",
        ] {
            assert!(email("email", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            text("name", "Name", "  General Surgery ", 100)
                .ok()
                .as_deref(),
            Some("General Surgery")
        );
        assert!(matches!(
            text("name", "Name", "   ", 100),
            Err(Error::Invalid { field: "name", .. })
        ));
        assert!(text("name", "Name", &"x".repeat(101), 100).is_err());
    }
}
