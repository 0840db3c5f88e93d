//! The formats of `diff`: a terminal summary, JSON, a Markdown pull-request comment, GitHub
//! annotations on the regressed lines, and one HTML page. Text from answers files is escaped
//! for each, as the assessment's own formats do.

use std::fmt::Write as _;

use serde::Serialize;

use super::diff::{Diff, Movement, pct, signed};
use crate::output::Term;
use crate::view::escape::html as esc;
use crate::view::escape::markdown_cell;
use crate::view::style::{self, one_line};

/// Version of the diff's JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// `diff --format json`.
pub fn json(diff: &Diff, gate: bool) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema_version: u32,
        empty: bool,
        #[serde(flatten)]
        diff: &'a Diff,
        gate: Gate,
        passed: bool,
    }
    #[derive(Serialize)]
    struct Gate {
        fail_on_regression: bool,
        threshold: f64,
        passed: bool,
    }
    let passed = !gate || diff.regressions.is_empty();
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        empty: diff.is_empty(),
        diff,
        gate: Gate {
            fail_on_regression: gate,
            threshold: diff.threshold,
            passed,
        },
        passed,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn arrow(old: &Option<String>, new: &Option<String>) -> String {
    format!(
        "{} → {}",
        old.as_deref().unwrap_or("(none)"),
        new.as_deref().unwrap_or("(none)")
    )
}

fn headline(diff: &Diff) -> Vec<String> {
    let mut lines = vec![format!(
        "Score {} → {} ({}), verdict {}{}",
        pct(diff.old.score),
        pct(diff.new.score),
        signed(diff.score_change),
        diff.old.verdict,
        if diff.verdict_changed {
            format!(" → {}", diff.new.verdict)
        } else {
            " (unchanged)".into()
        }
    )];
    let moved = |m: Movement| diff.requirements.iter().filter(|r| r.movement == m).count();
    lines.push(format!(
        "{} improved, {} regressed; gaps {} closed, {} opened; findings {} resolved, {} new; evidence {} added, {} gone, {} stale",
        moved(Movement::Improved),
        moved(Movement::Regressed),
        diff.gaps_closed.len(),
        diff.gaps_opened.len(),
        diff.findings_resolved.len(),
        diff.findings_new.len(),
        diff.evidence.added.len(),
        diff.evidence.gone.len(),
        diff.evidence.stale.len()
    ));
    lines
}

fn line_text(line: Option<u32>) -> String {
    line.map_or_else(String::new, |l| l.to_string())
}

/// One table of a diff, in plain text: each format escapes and lays it out its own way, so the
/// sections and their columns exist once.
struct Section {
    title: &'static str,
    header: &'static [&'static str],
    /// Which columns hold numbers, to align them right.
    numeric: &'static [bool],
    rows: Vec<Vec<String>>,
}

/// The tables of a diff, in reading order; empty ones left out.
fn sections(diff: &Diff) -> Vec<Section> {
    let clauses = diff
        .clauses
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                c.title.clone(),
                pct(c.old),
                pct(c.new),
                signed(c.change),
            ]
        })
        .collect();
    let requirements = diff
        .requirements
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                movement(r.movement).to_string(),
                arrow(&r.old, &r.new),
                line_text(r.line),
            ]
        })
        .collect();
    let findings = diff
        .findings_resolved
        .iter()
        .map(|f| ("resolved", f))
        .chain(diff.findings_new.iter().map(|f| ("new", f)))
        .map(|(what, f)| {
            vec![
                what.to_string(),
                f.requirement.clone(),
                f.rule.clone(),
                f.grade.clone(),
                line_text(f.line),
            ]
        })
        .collect();
    let evidence = diff
        .evidence
        .added
        .iter()
        .map(|e| ("added", e))
        .chain(diff.evidence.gone.iter().map(|e| ("gone", e)))
        .map(|(what, e)| {
            vec![
                what.to_string(),
                e.entry.clone(),
                e.requirements.join(", "),
                line_text(e.line),
            ]
        })
        .collect();
    [
        Section {
            title: "Clause scores",
            header: &["Clause", "Title", "Old", "New", "Change"],
            numeric: &[false, false, true, true, true],
            rows: clauses,
        },
        Section {
            title: "Requirements",
            header: &["Requirement", "Change", "Status", "Line"],
            numeric: &[false, false, false, true],
            rows: requirements,
        },
        Section {
            title: "Findings",
            header: &["Finding", "Requirement", "Rule", "Grade", "Line"],
            numeric: &[false, false, false, false, true],
            rows: findings,
        },
        Section {
            title: "Evidence",
            header: &["Evidence", "Entry", "Requirements", "Line"],
            numeric: &[false, false, false, true],
            rows: evidence,
        },
    ]
    .into_iter()
    .filter(|s| !s.rows.is_empty())
    .collect()
}

/// `diff --format table`: what a consultant shows the client.
pub fn table(diff: &Diff, term: &Term) -> String {
    let mut out = format!(
        "{} → {}\n",
        one_line(&diff.old.label),
        one_line(&diff.new.label)
    );
    if diff.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    for line in headline(diff) {
        let _ = writeln!(out, "{line}");
    }
    for section in sections(diff) {
        let mut t = style::table(term, section.header);
        for row in &section.rows {
            t.add_row(row.iter().map(|cell| one_line(cell)));
        }
        let _ = write!(out, "\n{}\n{t}\n", section.title);
    }
    if !diff.regressions.is_empty() {
        let _ = writeln!(out, "\nRegressions ({})", diff.regressions.len());
        for r in &diff.regressions {
            let _ = writeln!(out, "  {}", one_line(&r.message));
        }
    }
    out
}

fn movement(m: Movement) -> &'static str {
    match m {
        Movement::Improved => "improved",
        Movement::Regressed => "regressed",
        Movement::Changed => "changed",
        Movement::Added => "added",
        Movement::Removed => "removed",
    }
}

/// `diff --format markdown`: a pull-request comment.
pub fn markdown(diff: &Diff) -> String {
    let mut out = format!(
        "## Assessment changes: {} → {}\n\n",
        markdown_cell(&diff.old.label),
        markdown_cell(&diff.new.label)
    );
    if diff.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    for line in headline(diff) {
        let _ = write!(out, "{}\n\n", markdown_cell(&line));
    }
    if !diff.regressions.is_empty() {
        let _ = writeln!(out, "### Regressions\n");
        for r in &diff.regressions {
            let _ = writeln!(out, "- {}", markdown_cell(&r.message));
        }
        out.push('\n');
    }
    for section in sections(diff) {
        let _ = write!(
            out,
            "### {}\n\n| {} |\n|",
            section.title,
            section.header.join(" | ")
        );
        for &numeric in section.numeric {
            out.push_str(if numeric { " ---: |" } else { " --- |" });
        }
        out.push('\n');
        for row in &section.rows {
            let cells: Vec<String> = row.iter().map(|c| markdown_cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    out
}

/// Error annotations a step shows; the rest are counted in the notice.
const MAX_ANNOTATIONS: usize = 10;

/// `diff --format github`: an error annotation on each regressed requirement's line (those
/// with a line first, as a step shows only ten), then a notice with the headline. Nothing at
/// all for an empty diff.
pub fn github(diff: &Diff, answers_uri: &str) -> String {
    use crate::view::escape::{workflow_data as data, workflow_property as property};
    let mut out = String::new();
    if diff.is_empty() {
        return out;
    }
    let mut regressions: Vec<_> = diff.regressions.iter().collect();
    regressions.sort_by_key(|r| r.line.is_none());
    for r in regressions.iter().take(MAX_ANNOTATIONS) {
        let mut props = String::new();
        if let Some(line) = r.line {
            let _ = write!(props, "file={},line={line},", property(answers_uri));
        }
        let title = format!("{} regressed", r.id);
        let _ = writeln!(
            out,
            "::error {props}title={}::{}",
            property(&title),
            data(&one_line(&r.message))
        );
    }
    let mut summary = headline(diff).join("; ");
    if regressions.len() > MAX_ANNOTATIONS {
        let _ = write!(
            summary,
            "; {} more regressions in the step summary",
            regressions.len() - MAX_ANNOTATIONS
        );
    }
    let _ = writeln!(
        out,
        "::notice title=iso20k diff::{}",
        data(&one_line(&summary))
    );
    out
}

/// `diff --format html`: one self-contained page.
pub fn html(diff: &Diff) -> String {
    let h = |text: &str| esc(&style::sanitize(text));
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>Assessment changes</title>\n<style>body{font:14px/1.45 sans-serif;color:#1d2733;margin:2em;max-width:60em}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #d9dee5;padding:.25em .6em;text-align:left}.num{text-align:right}.down{color:#c62828}</style>\n</head>\n<body>\n",
    );
    let _ = writeln!(
        out,
        "<h1>Assessment changes</h1>\n<p>{} → {}</p>",
        h(&diff.old.label),
        h(&diff.new.label)
    );
    if diff.is_empty() {
        out.push_str("<p>No changes.</p>\n</body>\n</html>\n");
        return out;
    }
    for line in headline(diff) {
        let _ = writeln!(out, "<p>{}</p>", h(&line));
    }
    if !diff.regressions.is_empty() {
        out.push_str("<h2>Regressions</h2>\n<ul>\n");
        for r in &diff.regressions {
            let _ = writeln!(out, "<li class=\"down\">{}</li>", h(&r.message));
        }
        out.push_str("</ul>\n");
    }
    for section in sections(diff) {
        let _ = write!(out, "<h2>{}</h2>\n<table>\n<thead><tr>", section.title);
        for column in section.header {
            let _ = write!(out, "<th>{column}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &section.rows {
            out.push_str("<tr>");
            for (cell, &numeric) in row.iter().zip(section.numeric) {
                let class = if numeric { " class=\"num\"" } else { "" };
                let _ = write!(out, "<td{class}>{}</td>", h(cell));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
