//! Reading typed fields out of a [`Node`] tree, recording a diagnostic for each problem.
//!
//! Every reader returns `None` after recording what was wrong, so a loader keeps going and
//! reports the rest of the file too.

use super::{Entry, Node, Value};
use crate::diag::{Diagnostic, Report, did_you_mean};

/// The entries of a mapping, or an error naming what was expected instead.
pub fn expect_map<'a>(node: &'a Node, what: &str, report: &mut Report) -> Option<&'a [Entry]> {
    match &node.value {
        Value::Map(entries) => Some(entries),
        other => {
            report.push(
                Diagnostic::error(
                    node.pos,
                    format!("{what} must be a mapping, found {}", other.kind()),
                )
                .label("expected `key: value` lines here"),
            );
            None
        }
    }
}

/// Reports keys outside `allowed` (with the nearest allowed key) and keys given twice.
pub fn check_keys(entries: &[Entry], allowed: &[&str], context: &str, report: &mut Report) {
    for (i, entry) in entries.iter().enumerate() {
        if let Some(first) = entries[..i].iter().find(|e| e.key == entry.key) {
            report.push(
                Diagnostic::error(
                    entry.key_pos,
                    format!("duplicate key `{}` in {context}", entry.key),
                )
                .label("given again here")
                .help(format!(
                    "the first `{}` is on line {}; keep one of them",
                    entry.key, first.key_pos.line
                )),
            );
            continue;
        }
        if !allowed.contains(&entry.key.as_str()) {
            let help = did_you_mean(&entry.key, allowed.iter().copied())
                .unwrap_or_else(|| format!("expected one of: {}", allowed.join(", ")));
            report.push(
                Diagnostic::error(
                    entry.key_pos,
                    format!("unknown key `{}` in {context}", entry.key),
                )
                .label("not a known key")
                .help(help),
            );
        }
    }
}

/// The first entry named `key`.
pub fn get<'a>(entries: &'a [Entry], key: &str) -> Option<&'a Entry> {
    entries.iter().find(|e| e.key == key)
}

/// A string value. Numbers and booleans are refused so that `owner: 1` is caught.
pub fn string(node: &Node, field: &str, report: &mut Report) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        other => {
            report.push(
                Diagnostic::error(
                    node.pos,
                    format!("`{field}` must be text, found {}", other.kind()),
                )
                .help(format!("write `{field}: \"...\"`")),
            );
            None
        }
    }
}

/// A string that must not be empty or blank.
pub fn text(node: &Node, field: &str, report: &mut Report) -> Option<String> {
    let value = string(node, field, report)?;
    if value.trim().is_empty() {
        report.push(Diagnostic::error(
            node.pos,
            format!("`{field}` must not be empty"),
        ));
        return None;
    }
    Some(value)
}

/// A required, non-empty string field of `entries`.
pub fn required_text(
    entries: &[Entry],
    parent: &Node,
    field: &str,
    context: &str,
    report: &mut Report,
) -> Option<String> {
    match get(entries, field) {
        Some(entry) => text(&entry.value, field, report),
        None => {
            missing(parent, field, context, report);
            None
        }
    }
}

/// Records that `field` is missing from the mapping at `parent`.
pub fn missing(parent: &Node, field: &str, context: &str, report: &mut Report) {
    report.push(
        Diagnostic::error(parent.pos, format!("{context} has no `{field}`"))
            .label(format!("`{field}` is required here")),
    );
}

/// A list of strings; a single string is taken as a list of one.
pub fn string_list(node: &Node, field: &str, report: &mut Report) -> Option<Vec<String>> {
    match &node.value {
        Value::Str(s) => Some(vec![s.clone()]),
        Value::Null => Some(Vec::new()),
        Value::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut ok = true;
            for item in items {
                match &item.value {
                    Value::Str(s) if !s.trim().is_empty() => out.push(s.clone()),
                    Value::Str(_) => {
                        report.push(Diagnostic::error(
                            item.pos,
                            format!("an item of `{field}` is empty"),
                        ));
                        ok = false;
                    }
                    other => {
                        report.push(Diagnostic::error(
                            item.pos,
                            format!("items of `{field}` must be text, found {}", other.kind()),
                        ));
                        ok = false;
                    }
                }
            }
            ok.then_some(out)
        }
        other => {
            report.push(
                Diagnostic::error(
                    node.pos,
                    format!("`{field}` must be a list of text, found {}", other.kind()),
                )
                .help(format!("write `{field}: [\"...\", \"...\"]`")),
            );
            None
        }
    }
}

/// A finite number within `min..=max`.
pub fn number(node: &Node, field: &str, min: f64, max: f64, report: &mut Report) -> Option<f64> {
    let value = match &node.value {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        other => {
            report.push(Diagnostic::error(
                node.pos,
                format!("`{field}` must be a number, found {}", other.kind()),
            ));
            return None;
        }
    };
    if !value.is_finite() || value < min || value > max {
        report.push(
            Diagnostic::error(
                node.pos,
                format!("`{field}` must be between {min} and {max}"),
            )
            .label(format!("{} is out of range", display_number(value))),
        );
        return None;
    }
    Some(value)
}

/// A boolean.
pub fn boolean(node: &Node, field: &str, report: &mut Report) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        other => {
            report.push(
                Diagnostic::error(
                    node.pos,
                    format!("`{field}` must be true or false, found {}", other.kind()),
                )
                .help(format!("write `{field}: true` or `{field}: false`")),
            );
            None
        }
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn date(node: &Node, field: &str, report: &mut Report) -> Option<chrono::NaiveDate> {
    let Value::Str(s) = &node.value else {
        report.push(
            Diagnostic::error(
                node.pos,
                format!("`{field}` must be a date, found {}", node.value.kind()),
            )
            .help("write the date as YYYY-MM-DD, e.g. 2026-03-31"),
        );
        return None;
    };
    match parse_date(s) {
        Some(d) => Some(d),
        None => {
            report.push(
                Diagnostic::error(node.pos, format!("`{field}` is not a valid date: `{s}`"))
                    .label("expected YYYY-MM-DD")
                    .help("write the date as YYYY-MM-DD, e.g. 2026-03-31"),
            );
            None
        }
    }
}

/// Parses `YYYY-MM-DD` strictly (a real calendar date, four-digit year).
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return None;
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn display_number(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        "infinity".to_string()
    } else {
        value.to_string()
    }
}
