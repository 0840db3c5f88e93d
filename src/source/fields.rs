//! Reading typed fields out of a [`Node`] tree, recording a diagnostic for each problem.
//!
//! Every reader returns `None` after recording what was wrong, so a loader keeps going and
//! reports the rest of the file too.

use super::{Entry, Node, Syntax, Value};
use crate::diag::{Diagnostic, Report, did_you_mean};

/// The entries of a mapping, or an error naming what was expected instead.
pub fn expect_map<'a, 's>(
    node: &'a Node<'s>,
    what: &str,
    report: &mut Report,
) -> Option<&'a [Entry<'s>]> {
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
    // A real mapping has a handful of keys and a search is quickest; a hostile one may have
    // a million, and then the first occurrence of each key is looked up instead.
    let small = entries.len() <= 32;
    let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let first = if small {
            entries[..i].iter().position(|e| e.key == entry.key)
        } else {
            let first = *first_of.entry(entry.key.as_ref()).or_insert(i);
            (first != i).then_some(first)
        };
        if let Some(first) = first {
            let first = &entries[first];
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
        if !allowed.contains(&entry.key.as_ref()) {
            if report.is_full() {
                report.push(Diagnostic::error(entry.key_pos, "unknown key"));
                continue;
            }
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
pub fn get<'a, 's>(entries: &'a [Entry<'s>], key: &str) -> Option<&'a Entry<'s>> {
    entries.iter().find(|e| e.key == key)
}

/// A string value. Numbers and booleans are refused so that `owner: 1` is caught.
pub fn string(node: &Node, field: &str, report: &mut Report) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.to_string()),
        other => {
            report.push(
                Diagnostic::error(
                    node.pos,
                    format!("`{field}` must be text, found {}", other.kind()),
                )
                .help(format!(
                    "write {}",
                    Syntax::from_path(&report.path).field(field, "\"...\"")
                )),
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

/// [`text`], moving the string out of a tree that is being consumed instead of copying it.
pub fn take_text(node: &mut Node, field: &str, report: &mut Report) -> Option<String> {
    if let Value::Str(s) = &mut node.value
        && !s.trim().is_empty()
    {
        return Some(std::mem::take(s).into_owned());
    }
    text(node, field, report)
}

/// [`required_text`], moving the string out of a tree that is being consumed.
pub fn take_required_text(
    entries: &mut [Entry],
    parent: &Node,
    field: &str,
    context: &str,
    report: &mut Report,
) -> Option<String> {
    match entries.iter_mut().find(|e| e.key == field) {
        Some(entry) => take_text(&mut entry.value, field, report),
        None => {
            missing(parent, field, context, report);
            None
        }
    }
}

/// [`string_list`], moving the strings out of a tree that is being consumed.
pub fn take_string_list(node: &mut Node, field: &str, report: &mut Report) -> Option<Vec<String>> {
    match &mut node.value {
        Value::Str(s) => Some(vec![std::mem::take(s).into_owned()]),
        Value::Seq(items)
            if items
                .iter()
                .all(|i| matches!(&i.value, Value::Str(s) if !s.trim().is_empty())) =>
        {
            Some(
                items
                    .iter_mut()
                    .filter_map(|i| match &mut i.value {
                        Value::Str(s) => Some(std::mem::take(s).into_owned()),
                        _ => None,
                    })
                    .collect(),
            )
        }
        _ => string_list(node, field, report),
    }
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
        Value::Str(s) => Some(vec![s.to_string()]),
        Value::Null => Some(Vec::new()),
        Value::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut ok = true;
            for item in items {
                match &item.value {
                    Value::Str(s) if !s.trim().is_empty() => out.push(s.to_string()),
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
                .help(format!(
                    "write {}",
                    Syntax::from_path(&report.path).field(field, "[\"...\", \"...\"]")
                )),
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
                .help({
                    let syntax = Syntax::from_path(&report.path);
                    format!(
                        "write {} or {}",
                        syntax.field(field, "true"),
                        syntax.field(field, "false")
                    )
                }),
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
    } else if value.abs() >= 1e15 {
        // 1e308 would otherwise print as 309 digits.
        format!("{value:e}")
    } else {
        value.to_string()
    }
}
