//! Notification templates: `{{name}}` stands for a variable the rule that raises the notification
//! supplies. Pure: a template is checked against its kind's variables when it is saved, so a
//! rendered notification never shows a stray `{{…}}`.

use std::collections::BTreeMap;

use super::NotificationKind;

/// What is wrong with a template, in the words the settings form shows beside the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("`{{{{{name}}}}}` is not a variable of this notification; it knows {known}")]
    UnknownVariable { name: String, known: String },
    #[error("A `{{{{` is not closed by `}}}}`")]
    Unclosed,
}

/// One piece of a template: text as it is, or a variable's name.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Variable(&'a str),
}

fn pieces(template: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 2..];
        let close = after.find("}}").ok_or(TemplateError::Unclosed)?;
        out.push(Piece::Variable(after[..close].trim()));
        rest = &after[close + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// Checks that a template names only its kind's variables.
pub fn check(kind: NotificationKind, template: &str) -> Result<(), TemplateError> {
    let known = kind.variables();
    for piece in pieces(template)? {
        if let Piece::Variable(name) = piece
            && !known.contains(&name)
        {
            return Err(TemplateError::UnknownVariable {
                name: name.to_string(),
                known: known.join(", "),
            });
        }
    }
    Ok(())
}

/// The template with each variable replaced by its value; a variable without a value prints as
/// an empty string (templates are checked when saved, so that only happens for a rule that had
/// nothing to say, e.g. a meeting without a chair).
pub fn render(template: &str, values: &BTreeMap<String, String>) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len() + 64);
    for piece in pieces(template)? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Variable(name) => {
                out.push_str(values.get(name).map_or("", String::as_str));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn variables_are_replaced_and_text_kept() {
        let out = render(
            "{{agreement}} expires in {{ days_left }} days.",
            &values(&[("agreement", "PLA Mercy"), ("days_left", "30")]),
        )
        .unwrap();
        assert_eq!(out, "PLA Mercy expires in 30 days.");
    }

    #[test]
    fn values_are_not_read_as_templates() {
        let out = render("{{what}}", &values(&[("what", "{{file}}")])).unwrap();
        assert_eq!(out, "{{file}}");
    }

    #[test]
    fn a_missing_value_prints_empty() {
        assert_eq!(render("[{{chair}}]", &values(&[])).unwrap(), "[]");
    }

    #[test]
    fn an_unknown_variable_is_refused_with_the_known_ones() {
        let err = check(
            NotificationKind::AgreementExpiring,
            "{{agreement}} {{nope}}",
        )
        .unwrap_err();
        match err {
            TemplateError::UnknownVariable { name, known } => {
                assert_eq!(name, "nope");
                assert!(known.contains("days_left"), "{known}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(check(NotificationKind::AgreementExpiring, "{{ agreement }}").is_ok());
    }

    #[test]
    fn an_unclosed_brace_is_refused() {
        assert_eq!(
            check(NotificationKind::ImportFailed, "Import {{what"),
            Err(TemplateError::Unclosed)
        );
        assert_eq!(render("a {{b", &values(&[])), Err(TemplateError::Unclosed));
    }

    #[test]
    fn every_shipped_variable_list_is_distinct() {
        for kind in NotificationKind::ALL {
            let mut v = kind.variables().to_vec();
            v.sort_unstable();
            v.dedup();
            assert_eq!(v.len(), kind.variables().len(), "{kind:?}");
        }
    }
}
