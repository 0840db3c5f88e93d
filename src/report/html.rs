//! HTML: one self-contained page (inline CSS and SVG, no scripts, no external resources)
//! that reads offline and prints cleanly to PDF. The markup is well-formed XML as well, so
//! any parser can read it, and every piece of user text is escaped.

use std::fmt::Write as _;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::{Document, Part, Reporter};
use crate::plan::{Plan, Priority};
use crate::view::catalogue::format_days;
use crate::view::rows::{self, finding_counts, score_text, short_title};

/// The HTML reporter.
pub struct Html;

impl Reporter for Html {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        Ok(render(doc).into_bytes())
    }
}

pub use crate::view::escape::html as esc;

const STYLE: &str = "
:root { --ink: #1d2733; --muted: #5b6776; --line: #d9dee5; --major: #c62828; --minor: #ef8f00; --obs: #1e78b4; --ok: #2e7d32; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 15px; margin: 22px 0 8px; }
.muted, .notice { color: var(--muted); }
.notice { font-size: 12px; }
.cover { border-bottom: 1px solid var(--line); padding-bottom: 20px; margin-bottom: 12px; }
.kpis { display: flex; gap: 16px; flex-wrap: wrap; margin: 18px 0; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 170px; }
.kpi b { display: block; font-size: 22px; }
.verdict-not-ready b { color: var(--major); } .verdict-stage-1-ready b { color: var(--minor); } .verdict-stage-2-ready b { color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
td.num { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
.grade { font-weight: 600; white-space: nowrap; }
.grade-major { color: var(--major); } .grade-minor { color: var(--minor); } .grade-observation { color: var(--obs); }
.waived { color: var(--muted); font-style: italic; }
svg text { font: 12px -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; fill: var(--ink); }
.pass { color: var(--ok); font-weight: 600; } .fail { color: var(--major); font-weight: 600; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { page-break-after: avoid; }
  .cover { page-break-after: always; border: none; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4 landscape; margin: 14mm; }
";

/// The document as a complete HTML page. The full report is the deliverable's, laid out in
/// the one section order of [`super::markup`].
pub fn render(doc: &Document<'_>) -> String {
    if let Document::Full(run, plan) = doc {
        let brand = crate::brand::Brand::default();
        let deliverable = super::markup::deliverable(run, plan, &brand, &[]);
        return super::html_doc::render(&deliverable, &brand, super::Paper::A4);
    }
    let run = doc.run();
    let org = &run.file.meta.organization;
    let what = match doc.part() {
        Part::Assessment => "Gap assessment",
        Part::Plan | Part::Full => "Remediation plan",
    };
    let title = format!("{what}: {org}");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    cover(doc, what, &mut out);
    match doc.part() {
        Part::Assessment => {
            summary(doc, &mut out);
            gaps(doc, &mut out);
            findings(doc, &mut out);
            gates(doc, &mut out);
        }
        Part::Plan | Part::Full => plan(doc, &mut out),
    }
    let _ = write!(
        out,
        "<p class=\"notice\">{}</p>\n</main>\n</body>\n</html>\n",
        esc(&run.catalogue.notice)
    );
    out
}

fn cover(doc: &Document<'_>, what: &str, out: &mut String) {
    let run = doc.run();
    let meta = &run.file.meta;
    let _ = write!(
        out,
        "<section class=\"cover\">\n<p class=\"muted\">{} {}</p>\n<h1>{}</h1>\n<table>\n",
        esc(&short_title(&run.catalogue.title)),
        esc(&what.to_lowercase()),
        esc(&meta.organization)
    );
    let mut row = |k: &str, v: &str| {
        let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    };
    if let Some(scope) = &meta.scope {
        row("Scope", scope);
    }
    if let Some(assessor) = &meta.assessor {
        row("Assessor", assessor);
    }
    row("As of", &run.assessment.settings.as_of.to_string());
    if let Some(clause) = &run.assessment.settings.clause {
        row("Assessed part", &format!("clause {clause} only"));
    }
    row(
        "Catalogue",
        &format!(
            "{} ({}), version {}",
            run.catalogue.title, run.catalogue.id, run.catalogue.version
        ),
    );
    let _ = write!(
        out,
        "</table>\n<p class=\"notice\">{}</p>\n</section>\n",
        esc(&run.catalogue.notice)
    );
}

fn summary(doc: &Document<'_>, out: &mut String) {
    let run = doc.run();
    let a = run.assessment;
    let maturity = a
        .maturity
        .map(|m| format!("<br />mean maturity {m:.1} of 5"))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<h2>Executive summary</h2>\n<div class=\"kpis\">\n<div class=\"kpi\">Score<b>{}</b>{maturity}</div>\n<div class=\"kpi verdict-{}\">Verdict<b>{}</b>{}</div>\n<div class=\"kpi\">Requirements met<b>{} of {} applicable</b>{}</div>\n<div class=\"kpi\">Findings<b>{}</b>{}</div>\n</div>\n",
        esc(&score_text(run)),
        a.verdict.as_str(),
        esc(a.verdict.as_str()),
        esc(run.assessment.verdict.meaning()),
        a.counts.met_applicable,
        a.counts.applicable,
        a.counts
            .set_aside()
            .map(|aside| format!("{} set aside", esc(&aside)))
            .unwrap_or_default(),
        a.findings.len(),
        esc(&finding_counts(run))
    );
    if !a.reasons.is_empty() {
        let _ = writeln!(out, "<h3>What holds the verdict back</h3>\n<ul>");
        for reason in &a.reasons {
            let _ = writeln!(
                out,
                "<li><b>Stage {}</b>: {}: {}</li>",
                reason.stage,
                esc(&reason.message),
                esc(&reason.requirements.join(", "))
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "<h3>Clause scores</h3>");
    out.push_str(&score_chart(&rows::clauses(run, 0)));
    let _ = writeln!(
        out,
        "<table>\n<tr><th>Clause</th><th>Title</th><th>Score</th><th>Met of applicable</th>{}</tr>",
        if a.maturity.is_some() {
            "<th>Maturity</th>"
        } else {
            ""
        }
    );
    for c in rows::clauses(run, 1) {
        let title = if c.depth == 0 {
            format!("<b>{}</b>", esc(c.title))
        } else {
            esc(c.title)
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{title}</td><td class=\"num\">{}</td><td class=\"num\" title=\"{}\">{}</td>{}</tr>",
            esc(c.id),
            esc(&c.score_text()),
            esc(&c.counts.text()),
            esc(&c.counts.short()),
            if a.maturity.is_some() {
                format!("<td class=\"num\">{}</td>", esc(&c.maturity_text()))
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(out, "</table>");
}

/// A horizontal bar chart of clause scores.
fn score_chart(clauses: &[rows::ClauseRow<'_>]) -> String {
    let (label_w, bar_w, row_h) = (330.0, 520.0, 26.0);
    let height = row_h * clauses.len() as f64 + 30.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Clause scores\" viewBox=\"0 0 {} {height}\" width=\"100%\">\n",
        label_w + bar_w + 70.0
    );
    for tick in [0, 25, 50, 75, 100] {
        let x = label_w + bar_w * f64::from(tick) / 100.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\" stroke=\"#d9dee5\" /><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{tick}%</text>",
            height - 22.0,
            height - 6.0
        );
    }
    for (i, c) in clauses.iter().enumerate() {
        let y = i as f64 * row_h;
        let score = c.score.unwrap_or(0.0);
        let color = if score >= 80.0 {
            "#2e7d32"
        } else if score >= 50.0 {
            "#ef8f00"
        } else {
            "#c62828"
        };
        let label: String = format!("{} {}", c.id, c.title).chars().take(48).collect();
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" fill=\"{color}\" rx=\"2\" /><text x=\"{:.1}\" y=\"{}\">{}</text>",
            label_w - 8.0,
            y + 17.0,
            esc(&label),
            y + 5.0,
            bar_w * score / 100.0,
            row_h - 10.0,
            label_w + bar_w * score / 100.0 + 6.0,
            y + 17.0,
            esc(&c.score_text())
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn grade_cell(grade: crate::assess::Grade, waived: bool) -> String {
    format!(
        "<td class=\"grade grade-{0}\">{0}{1}</td>",
        grade.as_str(),
        if waived {
            " <span class=\"waived\">(waived)</span>"
        } else {
            ""
        }
    )
}

fn gaps(doc: &Document<'_>, out: &mut String) {
    let gaps = rows::gaps(doc.run());
    let _ = writeln!(out, "<h2>Gap register ({})</h2>", gaps.len());
    if gaps.is_empty() {
        let _ = writeln!(
            out,
            "<p>No gaps: every requirement in scope is met with evidence.</p>"
        );
        return;
    }
    let _ = writeln!(
        out,
        "<table>\n<tr><th>ID</th><th>Requirement</th><th>Status</th><th>Finding</th><th>Grade</th><th>Owner</th><th>Target</th><th>Action (days)</th><th>Notes</th></tr>"
    );
    for g in gaps {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td><td>{}</td><td>{} ({})</td><td>{}</td></tr>",
            esc(g.id),
            esc(g.requirement),
            g.status,
            esc(&g.rules.join(", ")),
            grade_cell(g.grade, g.waived),
            esc(g.owner),
            esc(g.target.as_deref().unwrap_or("")),
            esc(&g.action).replace('\n', "<br />"),
            format_days(g.effort_days),
            esc(g.notes)
        );
    }
    let _ = writeln!(out, "</table>");
}

fn findings(doc: &Document<'_>, out: &mut String) {
    let run = doc.run();
    let a = run.assessment;
    let _ = writeln!(out, "<h2>Findings ({})</h2>", a.findings.len());
    if a.findings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<table>\n<tr><th>Requirement</th><th>Rule</th><th>Grade</th><th>Finding</th><th>Remediation</th><th>Days</th><th>Line</th></tr>"
    );
    for f in &a.findings {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td>{}<td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&run.catalogue.requirements[f.requirement].id),
            f.rule.code(),
            grade_cell(f.grade(), f.waived),
            esc(&f.message),
            esc(&f.action.text),
            format_days(f.action.effort_days),
            f.pos.map(|p| p.line.to_string()).unwrap_or_default()
        );
    }
    let _ = writeln!(out, "</table>");
}

fn gates(doc: &Document<'_>, out: &mut String) {
    let _ = writeln!(out, "<h2>Gates</h2>");
    if doc.run().gates.is_empty() {
        let _ = writeln!(out, "<p>No gates were set.</p>");
        return;
    }
    let _ = writeln!(
        out,
        "<table>\n<tr><th>Gate</th><th>Target</th><th>Result</th><th>Detail</th></tr>"
    );
    for g in doc.run().gates {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
            g.gate,
            esc(&g.target),
            if g.passed { "pass" } else { "fail" },
            if g.passed { "passed" } else { "failed" },
            esc(&g.detail)
        );
    }
    let _ = writeln!(out, "</table>");
}

fn plan(doc: &Document<'_>, out: &mut String) {
    let Some(plan) = doc.plan() else {
        return;
    };
    let reqs = &doc.run().catalogue.requirements;
    let m = &plan.milestones;
    let s = &plan.settings;
    let _ = write!(
        out,
        "<h2>Remediation plan</h2>\n<p>From {}, each owner in parallel at {} person-days a week: {} requirements in {} work packages, {} person-days.</p>\n<div class=\"kpis\">\n<div class=\"kpi\">Stage 1 ready<b>{}</b></div>\n<div class=\"kpi\">Operating period<b>{} days</b>{} to {}</div>\n<div class=\"kpi\">Stage 2 ready<b>{}</b></div>\n</div>\n",
        s.start,
        esc(&format_days(s.capacity)),
        plan.tasks.len(),
        plan.packages.len(),
        esc(&format_days(plan.effort_days)),
        m.stage_1_ready,
        s.operating_period,
        m.operating_from,
        m.operating_until,
        m.stage_2_ready
    );
    if !plan.packages.is_empty() {
        out.push_str(&gantt(plan));
    }
    for (phase, packages) in crate::view::rows::packages_by_phase(plan) {
        let _ = writeln!(out, "<h3>{}</h3>", esc(phase.title()));
        let _ = writeln!(
            out,
            "<table>\n<tr><th>Package</th><th>Work</th><th>Priority</th><th>Owners</th><th>Days</th><th>Start</th><th>End</th><th>Closes</th><th>After</th></tr>"
        );
        for p in packages {
            let closes = crate::view::rows::closes(doc.run().catalogue, plan, p);
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&p.id),
                esc(&p.title),
                if p.waived {
                    " <span class=\"waived\">(waived)</span>"
                } else {
                    ""
                },
                p.priority.as_str(),
                esc(&p.owners.join(", ")),
                esc(&format_days(p.effort_days)),
                p.start,
                p.end,
                esc(&closes.join(", ")),
                esc(&p.depends_on.join(", "))
            );
        }
        let _ = writeln!(out, "</table>");
    }
    if !plan.missed_targets.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Targets the schedule cannot meet</h3>\n<table>\n<tr><th>Requirement</th><th>Target</th><th>Schedule can meet</th><th>Line</th></tr>"
        );
        for t in &plan.missed_targets {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&reqs[t.requirement].id),
                t.target,
                t.feasible,
                t.pos.line
            );
        }
        let _ = writeln!(out, "</table>");
    }
}

/// A Gantt chart of the work packages with the two milestones.
fn gantt(plan: &Plan) -> String {
    let first = plan
        .packages
        .iter()
        .map(|p| p.start)
        .min()
        .unwrap_or(plan.settings.start);
    let last = plan
        .milestones
        .stage_2_ready
        .max(plan.packages.iter().map(|p| p.end).max().unwrap_or(first));
    let span = ((last - first).num_days() + 1).max(1) as f64;
    let (label_w, chart_w, row_h, top) = (90.0, 900.0, 16.0, 24.0);
    let height = top + row_h * plan.packages.len() as f64 + 10.0;
    let x_of = |d: NaiveDate| label_w + chart_w * ((d - first).num_days() as f64) / span;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Work package schedule\" viewBox=\"0 0 {} {height}\" width=\"100%\">\n",
        label_w + chart_w + 10.0
    );
    // month ticks
    let mut month = first.with_day(1).unwrap_or(first);
    while month <= last {
        if month >= first {
            let x = x_of(month);
            let _ = writeln!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{height}\" stroke=\"#d9dee5\" /><text x=\"{:.1}\" y=\"12\">{}</text>",
                top - 6.0,
                x + 2.0,
                month.format("%b %Y")
            );
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last + chrono::Days::new(1));
    }
    for (i, p) in plan.packages.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let color = match p.priority {
            Priority::P1 => "#c62828",
            Priority::P2 => "#e65100",
            Priority::P3 => "#ef8f00",
            Priority::P4 => "#1e78b4",
        };
        let x = x_of(p.start);
        let w = (x_of(p.end) - x).max(0.0) + chart_w / span;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{color}\"{} rx=\"2\"><title>{} {}: {} to {}</title></rect>",
            label_w - 6.0,
            y + 11.0,
            esc(&p.id),
            y + 3.0,
            row_h - 5.0,
            if p.waived {
                " fill-opacity=\"0.45\""
            } else {
                ""
            },
            esc(&p.id),
            esc(&p.title),
            p.start,
            p.end
        );
    }
    let m = &plan.milestones;
    if m.operating_until > m.operating_from {
        let (x1, x2) = (x_of(m.operating_from), x_of(m.operating_until));
        let _ = writeln!(
            svg,
            "<rect x=\"{x1:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#2e7d32\" fill-opacity=\"0.08\" /><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill-opacity=\"0.7\">operating period</text>",
            (x2 - x1).max(0.0),
            height - top - 10.0,
            (x1 + x2) / 2.0,
            top + 12.0
        );
    }
    for (label, date) in [
        ("Stage 1", plan.milestones.stage_1_ready),
        ("Stage 2", plan.milestones.stage_2_ready),
    ] {
        let x = x_of(date);
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{height}\" stroke=\"#1d2733\" stroke-dasharray=\"4 3\" /><text x=\"{:.1}\" y=\"{}\" text-anchor=\"end\">{label}</text>",
            top - 6.0,
            x - 3.0,
            height - 2.0
        );
    }
    svg.push_str("</svg>\n");
    svg
}
