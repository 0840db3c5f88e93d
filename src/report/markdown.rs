//! Markdown: for wikis, pull requests and the GitHub step summary. Every cell from a file
//! is escaped so a pipe, a line break or a tag cannot break the table or inject markup.

use std::fmt::Write as _;

use anyhow::Result;

use super::{Document, Part, Reporter};
use crate::view::catalogue::format_days;
use crate::view::escape::markdown_cell as md;
use crate::view::rows::{self, finding_counts, score_text, short_title, verdict_text};

/// The most characters a pull-request comment (and a step summary) holds on GitHub.
pub const COMMENT_LIMIT: usize = 65_536;

/// The Markdown reporter; `limit` caps the rows of the assessment's gap and finding tables
/// (0 shows all).
pub struct Markdown {
    pub limit: usize,
}

impl Reporter for Markdown {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        Ok(render(doc, self.limit).into_bytes())
    }
}

/// The document as Markdown. An assessment (what goes into a pull-request comment or a step
/// summary) shows at most `limit` rows per table and always fits [`COMMENT_LIMIT`]: when the
/// rows asked for do not fit, fewer are shown and the rest counted.
pub fn render(doc: &Document<'_>, limit: usize) -> String {
    if let Document::Full(run, plan) = doc {
        // The full report is the deliverable's, in the one section order of `markup`.
        let brand = crate::brand::Brand::default();
        let deliverable = super::markup::deliverable(run, plan, &brand, &[]);
        return super::md_doc::render(&deliverable, &brand);
    }
    if doc.part() != Part::Assessment {
        return render_rows(doc, 0);
    }
    let mut limit = limit;
    loop {
        let out = render_rows(doc, limit);
        if out.len() <= COMMENT_LIMIT || limit == 1 {
            return out;
        }
        let rows = doc.run().assessment.findings.len();
        limit = if limit == 0 { rows / 2 } else { limit / 2 }.max(1);
    }
}

fn render_rows(doc: &Document<'_>, limit: usize) -> String {
    let mut out = String::new();
    match doc.part() {
        Part::Assessment => {
            heading(doc, "gap assessment", &mut out);
            summary(doc, &mut out);
            verdict(doc, &mut out);
            clauses(doc, &mut out);
            gaps(doc, limit, &mut out);
            findings(doc, limit, &mut out);
            gates(doc, &mut out);
        }
        Part::Plan | Part::Full => {
            heading(doc, "remediation plan", &mut out);
            plan(doc, &mut out);
        }
    }
    let _ = writeln!(out, "---\n\n*{}*", md(&doc.run().catalogue.notice));
    out
}

fn heading(doc: &Document<'_>, what: &str, out: &mut String) {
    let _ = writeln!(
        out,
        "# {} {what}: {}\n",
        md(&short_title(&doc.run().catalogue.title)),
        md(&doc.run().file.meta.organization)
    );
}

fn summary(doc: &Document<'_>, out: &mut String) {
    let run = doc.run();
    let meta = &run.file.meta;
    let a = run.assessment;
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Organization | {} |", md(&meta.organization));
    if let Some(scope) = &meta.scope {
        let _ = writeln!(out, "| Scope | {} |", md(scope));
    }
    if let Some(assessor) = &meta.assessor {
        let _ = writeln!(out, "| Assessor | {} |", md(assessor));
    }
    let _ = writeln!(out, "| As of | {} |", a.settings.as_of);
    if let Some(clause) = &a.settings.clause {
        let _ = writeln!(out, "| Assessed part | clause {clause} only |");
    }
    let _ = writeln!(
        out,
        "| Catalogue | {} ({}) |",
        md(&run.catalogue.id),
        md(&run.catalogue.version)
    );
    let _ = writeln!(out, "| Score | **{}** |", score_text(run));
    let _ = writeln!(out, "| Verdict | **{}** |", verdict_text(run));
    let _ = writeln!(out, "| Requirements | {} |", a.counts.text());
    if let Some(m) = a.maturity {
        let _ = writeln!(out, "| Mean maturity | {m:.1} of 5 |");
    }
    let _ = writeln!(out, "| Findings | {} |\n", finding_counts(run));
}

fn verdict(doc: &Document<'_>, out: &mut String) {
    let a = doc.run().assessment;
    if a.reasons.is_empty() {
        return;
    }
    let _ = writeln!(out, "## What holds the verdict back\n");
    for reason in &a.reasons {
        let _ = writeln!(
            out,
            "- **Stage {}**: {}: {}",
            reason.stage,
            md(&reason.message),
            reason.requirements.join(", ")
        );
    }
    out.push('\n');
}

fn clauses(doc: &Document<'_>, out: &mut String) {
    // Maturity only where answers give it: an empty column says nothing.
    let maturity = doc.run().assessment.maturity.is_some();
    let _ = writeln!(
        out,
        "## Clause scores\n\n| Clause | Title | Score | Met of applicable |{}\n|---|---|---:|---:|{}",
        if maturity { " Maturity |" } else { "" },
        if maturity { "---:|" } else { "" }
    );
    for c in rows::clauses(doc.run(), 1) {
        let title = if c.depth == 0 {
            format!("**{}**", md(c.title))
        } else {
            md(c.title)
        };
        let _ = writeln!(
            out,
            "| {} | {title} | {} | {} |{}",
            c.id,
            c.score_text(),
            c.counts.short(),
            if maturity {
                format!(" {} |", c.maturity_text())
            } else {
                String::new()
            }
        );
    }
    out.push('\n');
}

/// A cell from a file, cut so one long note cannot fill a comment on its own.
fn cell(text: &str) -> String {
    const MAX: usize = 1_000;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => md(&format!("{}…", &text[..end])),
        None => md(text),
    }
}

/// How many of `total` rows a table shows, and a line counting the rest.
fn shown(total: usize, limit: usize) -> (usize, String) {
    if limit == 0 || total <= limit {
        (total, String::new())
    } else {
        (
            limit,
            format!(
                "*… and {} more (`--limit 0` shows all).*\n\n",
                total - limit
            ),
        )
    }
}

fn gaps(doc: &Document<'_>, limit: usize, out: &mut String) {
    let gaps = rows::gaps(doc.run());
    let _ = writeln!(out, "## Gap register ({})\n", gaps.len());
    if gaps.is_empty() {
        let _ = writeln!(
            out,
            "No gaps: every requirement in scope is met with evidence.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "| ID | Requirement | Status | Finding | Grade | Owner | Target | Notes |\n|---|---|---|---|---|---|---|---|"
    );
    let (rows, more) = shown(gaps.len(), limit);
    for g in &gaps[..rows] {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {}{} | {} | {} | {} |",
            g.id,
            md(g.requirement),
            g.status,
            g.rules.join(", "),
            g.grade.as_str(),
            if g.waived { " (waived)" } else { "" },
            cell(g.owner),
            g.target.as_deref().unwrap_or(""),
            cell(g.notes)
        );
    }
    out.push('\n');
    out.push_str(&more);
}

fn findings(doc: &Document<'_>, limit: usize, out: &mut String) {
    let run = doc.run();
    let a = run.assessment;
    let _ = writeln!(out, "## Findings ({})\n", a.findings.len());
    if a.findings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| Requirement | Rule | Grade | Waived | Line | Finding | Remediation | Days |\n|---|---|---|---|---:|---|---|---:|"
    );
    let (rows, more) = shown(a.findings.len(), limit);
    for f in &a.findings[..rows] {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | {} | {} |",
            run.catalogue.requirements[f.requirement].id,
            f.rule.code(),
            f.grade().as_str(),
            if f.waived { "yes" } else { "" },
            f.pos.map(|p| p.line.to_string()).unwrap_or_default(),
            cell(&f.message),
            cell(&f.action.text),
            crate::view::catalogue::format_days(f.action.effort_days)
        );
    }
    out.push('\n');
    out.push_str(&more);
}

fn gates(doc: &Document<'_>, out: &mut String) {
    let _ = writeln!(out, "## Gates\n");
    if doc.run().gates.is_empty() {
        let _ = writeln!(out, "No gates were set.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| Gate | Target | Result | Detail |\n|---|---|---|---|"
    );
    for g in doc.run().gates {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            g.gate,
            md(&g.target),
            if g.passed { "passed" } else { "**failed**" },
            md(&g.detail)
        );
    }
    out.push('\n');
}

fn plan(doc: &Document<'_>, out: &mut String) {
    let Some(plan) = doc.plan() else {
        return;
    };
    let reqs = &doc.run().catalogue.requirements;
    let m = &plan.milestones;
    let s = &plan.settings;
    let _ = writeln!(out, "## Remediation plan\n");
    let _ = writeln!(
        out,
        "From {}, each owner in parallel at {} person-days a week: {} requirements in {} work packages, {} person-days.\n",
        s.start,
        format_days(s.capacity),
        plan.tasks.len(),
        plan.packages.len(),
        format_days(plan.effort_days)
    );
    let _ = writeln!(out, "| Milestone | Date |\n|---|---|");
    let _ = writeln!(out, "| Stage 1 ready | {} |", m.stage_1_ready);
    let _ = writeln!(
        out,
        "| Operating period | {} to {} |",
        m.operating_from, m.operating_until
    );
    let _ = writeln!(out, "| Stage 2 ready | {} |\n", m.stage_2_ready);
    if !plan.packages.is_empty() {
        out.push_str(&crate::view::plan_mermaid::gantt(plan));
        out.push('\n');
    }
    for (phase, packages) in crate::view::rows::packages_by_phase(plan) {
        let _ = writeln!(out, "### {}\n", phase.title());
        let _ = writeln!(
            out,
            "| Package | Work | Priority | Owners | Days | Start | End | Closes | After |\n|---|---|---|---|---:|---|---|---|---|"
        );
        for p in packages {
            let closes = crate::view::rows::closes(doc.run().catalogue, plan, p);
            let owners: Vec<String> = p.owners.iter().map(|o| md(o)).collect();
            let _ = writeln!(
                out,
                "| {} | {}{} | {} | {} | {} | {} | {} | {} | {} |",
                p.id,
                md(&p.title),
                if p.waived { " (waived)" } else { "" },
                p.priority.as_str(),
                owners.join(", "),
                format_days(p.effort_days),
                p.start,
                p.end,
                closes.join(", "),
                p.depends_on.join(", ")
            );
        }
        out.push('\n');
    }
    if !plan.missed_targets.is_empty() {
        let _ = writeln!(
            out,
            "### Targets the schedule cannot meet\n\n| Requirement | Target | Schedule can meet | Line |\n|---|---|---|---:|"
        );
        for t in &plan.missed_targets {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                reqs[t.requirement].id, t.target, t.feasible, t.pos.line
            );
        }
        out.push('\n');
    }
}
