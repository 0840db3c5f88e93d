//! Views of the catalogue: `catalogue list` in each format and the `catalogue show` pages.

use std::fmt::Write as _;

use serde::Serialize;

use super::escape::spreadsheet_cell;
use super::style::{self, bold, bold_line, sanitize, wrap};
use crate::catalogue::{Catalogue, Clause, Requirement};
use crate::output::Term;

/// A requirement as data: every catalogue field, plus the clause title for readers of CSV
/// and JSON who do not have the clause tree at hand.
#[derive(Debug, Serialize)]
pub struct RequirementRecord<'a> {
    pub id: &'a str,
    pub clause: &'a str,
    pub clause_title: &'a str,
    pub text: &'a str,
    pub guidance: &'a str,
    pub evidence: &'a [String],
    pub documented_information: &'static str,
    pub conditional: bool,
    pub condition: Option<&'a str>,
    pub amendment: Option<&'a str>,
    /// The event the requirement waits on; `null` when it always applies.
    pub trigger: Option<&'a str>,
    pub weight: f64,
    pub action: &'a str,
    pub effort_days: f64,
    pub depends_on: &'a [String],
}

impl<'a> RequirementRecord<'a> {
    /// The record of `r`.
    pub fn new(catalogue: &'a Catalogue, r: &'a Requirement) -> RequirementRecord<'a> {
        RequirementRecord {
            id: &r.id,
            clause: &r.clause,
            clause_title: catalogue.clause(&r.clause).map_or("", |c| c.title.as_str()),
            text: &r.text,
            guidance: &r.guidance,
            evidence: &r.evidence,
            documented_information: r.documented_information.as_str(),
            conditional: r.conditional,
            condition: r.condition.as_deref(),
            amendment: r.amendment.as_deref(),
            trigger: r.trigger.as_deref(),
            weight: r.weight,
            action: &r.action,
            effort_days: r.effort_days,
            depends_on: &r.depends_on,
        }
    }
}

/// `catalogue list --format json`: an array of requirement records.
pub fn list_json(catalogue: &Catalogue, reqs: &[&Requirement]) -> String {
    let records: Vec<RequirementRecord<'_>> = reqs
        .iter()
        .map(|r| RequirementRecord::new(catalogue, r))
        .collect();
    let mut out = super::escape::to_json(&records);
    out.push('\n');
    out
}

/// `catalogue list --format csv`: one row per requirement, lists joined with "; ".
pub fn list_csv(catalogue: &Catalogue, reqs: &[&Requirement]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // the catalogue's own fields, with the clause's title after the clause
    let fields = &crate::catalogue::REQUIREMENT_FIELDS;
    writer.write_record(
        fields[..2]
            .iter()
            .chain(&["clause_title"])
            .chain(&fields[2..]),
    )?;
    for r in reqs {
        let rec = RequirementRecord::new(catalogue, r);
        let row = [
            rec.id.to_string(),
            rec.clause.to_string(),
            rec.clause_title.to_string(),
            rec.text.to_string(),
            rec.guidance.to_string(),
            rec.evidence.join("; "),
            rec.documented_information.to_string(),
            rec.conditional.to_string(),
            rec.condition.unwrap_or("").to_string(),
            rec.amendment.unwrap_or("").to_string(),
            rec.trigger.unwrap_or("").to_string(),
            rec.weight.to_string(),
            rec.action.to_string(),
            rec.effort_days.to_string(),
            rec.depends_on.join("; "),
        ];
        writer.write_record(row.iter().map(|cell| spreadsheet_cell(cell)))?;
    }
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `catalogue list` as a table for a terminal.
pub fn list_table(catalogue: &Catalogue, reqs: &[&Requirement], term: &Term) -> String {
    let mut table = style::table(term, &["ID", "Requirement", "Doc", "Days"]);
    for r in reqs {
        let mut text = sanitize(&r.text);
        if let Some(condition) = &r.condition {
            let _ = write!(text, " [only if: {}]", sanitize(condition));
        }
        if let Some(trigger) = &r.trigger {
            let _ = write!(text, " [when: {}]", sanitize(trigger));
        }
        if r.amendment.is_some() {
            text.push_str(" [amendment]");
        }
        let doc = match r.documented_information.as_str() {
            "none" => "-",
            other => other,
        };
        table.add_row(vec![
            r.id.clone(),
            text,
            doc.to_string(),
            format_days(r.effort_days),
        ]);
    }
    format!(
        "{table}\n{} requirements from {} ({})\n",
        reqs.len(),
        catalogue.id,
        catalogue.version
    )
}

/// Days without a trailing `.0`.
pub fn format_days(days: f64) -> String {
    let text = format!("{:.2}", (days * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The path of clause titles from the top clause to `clause`, e.g.
/// "8 Operation of ... > 8.6 Resolution and fulfilment > 8.6.1 Incident management".
fn breadcrumb(catalogue: &Catalogue, clause: &str) -> String {
    catalogue
        .ancestry(clause)
        .iter()
        .map(|c| format!("{} {}", c.id, sanitize(&c.title)))
        .collect::<Vec<_>>()
        .join(" > ")
}

/// `catalogue show REQUIREMENT`: everything an auditor wants on one page.
pub fn show_requirement(catalogue: &Catalogue, r: &Requirement, term: &Term) -> String {
    let width = usize::from(term.width);
    let mut out = String::new();
    bold_line(&mut out, term, &format!("Requirement {}", r.id));
    out.push_str(&wrap(&breadcrumb(catalogue, &r.clause), width, ""));
    out.push('\n');
    let mut page = style::page(term);
    page.add_row(vec![
        style::heading(term, "Requirement"),
        sanitize(&r.text).into(),
    ]);
    if let Some(condition) = &r.condition {
        page.add_row(vec![
            style::heading(term, "Applies"),
            format!("only if: {}", sanitize(condition)).into(),
        ]);
    }
    if let Some(trigger) = &r.trigger {
        page.add_row(vec![
            style::heading(term, "Triggered by"),
            format!(
                "{}; answer not-triggered when none happened in the period",
                sanitize(trigger)
            )
            .into(),
        ]);
    }
    if let Some(amendment) = &r.amendment {
        page.add_row(vec![
            style::heading(term, "Source"),
            format!("added by {}", sanitize(amendment)).into(),
        ]);
    }
    page.add_row(vec![
        style::heading(term, "Auditor checks"),
        sanitize(&r.guidance).into(),
    ]);
    let evidence: Vec<String> = r
        .evidence
        .iter()
        .map(|e| format!("- {}", sanitize(e)))
        .collect();
    page.add_row(vec![
        style::heading(term, "Evidence"),
        evidence.join("\n").into(),
    ]);
    let documented = match r.documented_information {
        crate::catalogue::DocumentedInformation::Maintain => {
            "maintain: a document kept up to date and under control (7.5)"
        }
        crate::catalogue::DocumentedInformation::Retain => {
            "retain: records kept as evidence of results (7.5)"
        }
        crate::catalogue::DocumentedInformation::None => "none demanded",
    };
    page.add_row(vec![
        style::heading(term, "Documented info"),
        documented.into(),
    ]);
    page.add_row(vec![
        style::heading(term, "Action"),
        sanitize(&r.action).into(),
    ]);
    page.add_row(vec![
        style::heading(term, "Effort"),
        format!(
            "{} person-days from nothing; weight {}",
            format_days(r.effort_days),
            r.weight
        )
        .into(),
    ]);
    let depends: Vec<String> = r
        .depends_on
        .iter()
        .map(|d| describe_id(catalogue, d))
        .collect();
    page.add_row(vec![
        style::heading(term, "Depends on"),
        if depends.is_empty() {
            "nothing".to_string()
        } else {
            depends.join("\n")
        }
        .into(),
    ]);
    let needed_by: Vec<&str> = catalogue
        .requirements
        .iter()
        .filter(|other| {
            other
                .depends_on
                .iter()
                .any(|d| d == &r.id || crate::catalogue::clause_contains(d, &r.clause))
        })
        .map(|other| other.id.as_str())
        .collect();
    if !needed_by.is_empty() {
        page.add_row(vec![
            style::heading(term, "Needed by"),
            needed_by.join(", ").into(),
        ]);
    }
    let _ = writeln!(out, "{}\n", trim_lines(&page.to_string()));
    out.push_str(&wrap(
        &format!("Note: {}", sanitize(&catalogue.notice)),
        width,
        "",
    ));
    out
}

fn describe_id(catalogue: &Catalogue, id: &str) -> String {
    match catalogue.lookup(id) {
        Some(crate::catalogue::Item::Clause(c)) => format!("{} {}", c.id, sanitize(&c.title)),
        Some(crate::catalogue::Item::Requirement(r)) => format!("{} {}", r.id, sanitize(&r.text)),
        None => id.to_string(),
    }
}

/// `catalogue show CLAUSE`: the clause, its sub-clauses and its requirements.
pub fn show_clause(catalogue: &Catalogue, clause: &Clause, term: &Term) -> String {
    let width = usize::from(term.width);
    let mut out = String::new();
    bold_line(
        &mut out,
        term,
        &format!("Clause {} {}", clause.id, sanitize(&clause.title)),
    );
    if clause.parent.is_some() {
        out.push_str(&wrap(&breadcrumb(catalogue, &clause.id), width, ""));
    }
    if let Some(note) = &clause.note {
        out.push_str(&wrap(&sanitize(note), width, ""));
    }
    let reqs: Vec<&Requirement> = catalogue.requirements_under(&clause.id).collect();
    // folded from +0: an empty f64 sum is -0, which would print as "-0"
    let effort = reqs.iter().fold(0.0, |sum, r| sum + r.effort_days);
    let _ = writeln!(
        out,
        "{} requirements, {} person-days to build from nothing\n",
        reqs.len(),
        format_days(effort)
    );
    if !clause.children.is_empty() {
        let mut table = style::table(term, &["Sub-clause", "Title", "Requirements"]);
        for sub in catalogue
            .clauses_under(&clause.id)
            .filter(|c| c.id != clause.id)
        {
            let indent = "  ".repeat(sub.depth - clause.depth - 1);
            let count = catalogue.requirements_under(&sub.id).count();
            table.add_row(vec![
                format!("{indent}{}", sub.id),
                sanitize(&sub.title),
                count.to_string(),
            ]);
        }
        let _ = writeln!(out, "{table}\n");
    }
    if clause.is_leaf() {
        // A leaf is what an auditor works through: each requirement with what to check.
        for r in &reqs {
            out.push_str(&leaf_entry(r, term));
        }
    } else {
        out.push_str(&list_table(catalogue, &reqs, term));
    }
    if let Some(first) = reqs.first() {
        out.push('\n');
        out.push_str(&wrap(
            &format!(
                "Show one requirement in full with `iso20k catalogue show {}`.",
                first.id
            ),
            width,
            "",
        ));
    }
    out
}

/// Drops the padding a borderless table leaves at the end of each line.
fn trim_lines(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// One requirement of a leaf clause page: its text, what to check and the typical evidence.
fn leaf_entry(r: &Requirement, term: &Term) -> String {
    let width = usize::from(term.width);
    let mut head = format!("{} {}", r.id, sanitize(&r.text));
    let mut marks = Vec::new();
    if r.documented_information != crate::catalogue::DocumentedInformation::None {
        marks.push(format!("documented: {}", r.documented_information.as_str()));
    }
    if let Some(condition) = &r.condition {
        marks.push(format!("only if: {}", sanitize(condition)));
    }
    if let Some(trigger) = &r.trigger {
        marks.push(format!("when: {}", sanitize(trigger)));
    }
    if r.amendment.is_some() {
        marks.push("amendment".to_string());
    }
    if !marks.is_empty() {
        let _ = write!(head, " [{}]", marks.join("; "));
    }
    let mut out = String::new();
    let first = wrap(&head, width, "");
    for (i, line) in first.lines().enumerate() {
        let line = if i == 0 {
            bold(term, line)
        } else {
            format!("{}{line}", " ".repeat(r.id.len() + 1))
        };
        out.push_str(&line);
        out.push('\n');
    }
    let indent = " ".repeat(r.id.len() + 1);
    out.push_str(&wrap(
        &format!("Check: {}", sanitize(&r.guidance)),
        width,
        &indent,
    ));
    let evidence: Vec<String> = r.evidence.iter().map(|e| sanitize(e)).collect();
    out.push_str(&wrap(
        &format!("Evidence: {}", evidence.join("; ")),
        width,
        &indent,
    ));
    out.push_str(&wrap(
        &format!(
            "Action: {} ({} days)",
            sanitize(&r.action),
            format_days(r.effort_days)
        ),
        width,
        &indent,
    ));
    out.push('\n');
    out
}
