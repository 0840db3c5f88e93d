//! Turning a [`Form`] into an answers file: a new YAML or TOML file, or a merge into an
//! existing one.
//!
//! A TOML file is edited in place with toml_edit, so its comments, layout and every answer
//! the form does not touch stay as they were. A YAML file is written anew from its parsed
//! answers: every answer and field is kept, but its comments are not (no maintained Rust YAML
//! library edits a document and keeps its comments); [`has_comments`] lets the caller say so.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::{Form, FormAnswer};

/// A new YAML answers file holding `form`; `header` becomes its opening comment.
pub fn yaml(form: &Form, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {}", crate::view::style::one_line(line));
    }
    let m = &form.meta;
    out.push_str("assessment:\n");
    let field = |out: &mut String, key: &str, value: &Option<String>| {
        if let Some(v) = value {
            let _ = writeln!(out, "  {key}: {}", quote(v));
        }
    };
    let _ = writeln!(
        out,
        "  organization: {}",
        quote(m.organization.as_deref().unwrap_or(""))
    );
    field(&mut out, "scope", &m.scope);
    field(&mut out, "assessor", &m.assessor);
    if let Some(date) = m.date {
        let _ = writeln!(out, "  date: {date}");
    }
    field(&mut out, "catalogue", &m.catalogue);
    if form.answers.is_empty() {
        out.push_str("answers: {}\n");
        return out;
    }
    out.push_str("answers:\n");
    for (id, a) in &form.answers {
        let _ = writeln!(out, "  {}:", quote(id));
        for (key, value) in fields(a) {
            let text = match value {
                Field::Text(t) => quote(&t),
                Field::Number(n) => n,
                Field::Date(d) => d.to_string(),
                Field::List(items) => {
                    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
                    format!("[{}]", quoted.join(", "))
                }
                Field::Waiver(w) => {
                    let mut parts = vec![format!("reason: {}", quote(&w.reason))];
                    if let Some(by) = &w.approved_by {
                        parts.push(format!("approved_by: {}", quote(by)));
                    }
                    parts.push(format!("expires: {}", w.expires));
                    format!("{{{}}}", parts.join(", "))
                }
            };
            let _ = writeln!(out, "    {key}: {text}");
        }
    }
    out
}

/// A new TOML answers file holding `form`.
pub fn toml(form: &Form, header: &str) -> String {
    let mut doc = DocumentMut::new();
    let mut comment = String::new();
    for line in header.lines() {
        let _ = writeln!(comment, "# {}", crate::view::style::one_line(line));
    }
    let mut assessment = Table::new();
    assessment.decor_mut().set_prefix(comment);
    doc.insert("assessment", Item::Table(assessment));
    merge_toml(&mut doc, form);
    doc.to_string()
}

/// `text`, a TOML answers file, with `form` merged in: the form's values win field by field;
/// comments and everything else stay.
pub fn merge_toml_text(text: &str, form: &Form) -> anyhow::Result<String> {
    let mut doc: DocumentMut = text.parse()?;
    merge_toml(&mut doc, form);
    Ok(doc.to_string())
}

fn merge_toml(doc: &mut DocumentMut, form: &Form) {
    let root = doc.as_table_mut();
    if !root.contains_key("assessment") {
        root.insert("assessment", Item::Table(Table::new()));
    }
    if let Some(meta) = root.get_mut("assessment").and_then(Item::as_table_like_mut) {
        let m = &form.meta;
        // keep the spelling the file already uses: both at once is an error
        let organization = if meta.contains_key("organisation") {
            "organisation"
        } else {
            "organization"
        };
        let texts = [
            (organization, &m.organization),
            ("scope", &m.scope),
            ("assessor", &m.assessor),
        ];
        for (key, value) in texts {
            if let Some(v) = value {
                set(meta, key, v.as_str().into());
            }
        }
        if let Some(date) = m.date {
            set(meta, "date", toml_date(date).into());
        }
        if let Some(c) = &m.catalogue {
            set(meta, "catalogue", c.as_str().into());
        }
    }
    if form.answers.is_empty() {
        return;
    }
    if !root.contains_key("answers") {
        let mut answers = Table::new();
        answers.set_implicit(true);
        root.insert("answers", Item::Table(answers));
    }
    let Some(answers) = root.get_mut("answers").and_then(Item::as_table_like_mut) else {
        return;
    };
    for (id, a) in &form.answers {
        // `"4.1" = "implemented"`: the shorthand becomes a table that keeps its status
        let shorthand = answers
            .get(id)
            .and_then(Item::as_str)
            .map(|s| s.to_string());
        if let Some(status) = shorthand {
            let mut table = Table::new();
            table.insert("status", toml_edit::value(status));
            answers.insert(id, Item::Table(table));
        }
        match answers.get_mut(id).and_then(Item::as_table_like_mut) {
            Some(table) => set_fields(table, a),
            None => {
                let mut table = Table::new();
                set_fields(&mut table, a);
                // quoted like every id the questionnaire writes, `[answers."4"]` too
                match format!("\"{}\"", id.replace(['"', '\\'], "")).parse::<toml_edit::Key>() {
                    Ok(key) => {
                        answers.entry_format(&key).or_insert(Item::Table(table));
                    }
                    Err(_) => {
                        answers.insert(id, Item::Table(table));
                    }
                }
            }
        }
    }
}

fn set_fields(table: &mut dyn TableLike, a: &FormAnswer) {
    for (key, value) in fields(a) {
        let value: Value = match value {
            Field::Text(t) => t.into(),
            Field::Number(n) => match n.parse::<i64>() {
                Ok(i) => i.into(),
                Err(_) => n.parse::<f64>().unwrap_or(0.0).into(),
            },
            Field::Date(d) => toml_date(d).into(),
            Field::List(items) => Value::Array(items.iter().map(String::as_str).collect::<Array>()),
            Field::Waiver(w) => {
                let mut t = InlineTable::new();
                t.insert("reason", w.reason.as_str().into());
                if let Some(by) = &w.approved_by {
                    t.insert("approved_by", by.as_str().into());
                }
                t.insert("expires", toml_date(w.expires).into());
                Value::InlineTable(t)
            }
        };
        set(table, key, value);
    }
}

/// Sets `key` to `value`, keeping the comment and spacing around the value it replaces.
fn set(table: &mut dyn TableLike, key: &str, mut value: Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(key, Item::Value(value));
}

fn toml_date(d: NaiveDate) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(d.year()).unwrap_or(0),
            month: u8::try_from(d.month()).unwrap_or(1),
            day: u8::try_from(d.day()).unwrap_or(1),
        }),
        time: None,
        offset: None,
    }
}

enum Field {
    Text(String),
    Number(String),
    Date(NaiveDate),
    List(Vec<String>),
    Waiver(super::FormWaiver),
}

/// The fields an answer gives, in the order answers files list them.
fn fields(a: &FormAnswer) -> Vec<(&'static str, Field)> {
    let mut out = Vec::new();
    let text = |v: &Option<String>| v.clone().map(Field::Text);
    let candidates = [
        ("status", a.status.map(|s| Field::Text(s.as_str().into()))),
        ("maturity", a.maturity.map(|m| Field::Number(m.to_string()))),
        ("owner", text(&a.owner)),
        ("evidence", a.evidence.clone().map(Field::List)),
        ("reviewed", a.reviewed.map(Field::Date)),
        ("notes", text(&a.notes)),
        ("operated_by", text(&a.operated_by)),
        ("supported_by", text(&a.supported_by)),
        ("target", a.target.map(Field::Date)),
        (
            "effort_days",
            a.effort_days.map(|d| Field::Number(d.to_string())),
        ),
        ("waiver", a.waiver.clone().map(Field::Waiver)),
    ];
    for (key, value) in candidates {
        if let Some(value) = value {
            out.push((key, value));
        }
    }
    out
}

/// A double-quoted YAML string: every character that could end or bend it escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// True when a YAML text has comments that a rewrite would drop.
pub fn has_comments(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with('#') || l.contains(" #")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Status;

    #[test]
    fn yaml_strings_cannot_break_out() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quote("\u{1b}[31m"), "\"\\u001b[31m\"");
    }

    #[test]
    fn toml_merge_keeps_comments_and_other_answers() {
        let text = "# top\n[assessment]\norganization = \"Acme\" # who\n\n[answers.\"4.1\"]\nstatus = \"partial\" # was\nowner = \"Ops\"\n\n[answers.\"4.2\"]\nstatus = \"implemented\"\n";
        let form = Form {
            answers: vec![(
                "4.1".into(),
                FormAnswer {
                    status: Some(Status::Implemented),
                    ..FormAnswer::default()
                },
            )],
            ..Form::default()
        };
        let merged = merge_toml_text(text, &form).expect("valid TOML");
        assert!(merged.contains("# top"), "{merged}");
        assert!(merged.contains("# who"), "{merged}");
        assert!(merged.contains("owner = \"Ops\""), "{merged}");
        assert!(merged.contains("status = \"implemented\""), "{merged}");
        assert!(merged.contains("[answers.\"4.2\"]"), "{merged}");
        let new = toml(&form, "");
        assert!(new.contains("[answers.\"4.1\"]"), "{new}");
        let clause = Form {
            answers: vec![("4".into(), FormAnswer::default())],
            ..Form::default()
        };
        assert!(toml(&clause, "").contains("[answers.\"4\"]"));
    }
}
