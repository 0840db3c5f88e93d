//! The documents of `assess`, `plan` and `catalogue list` in HTML and Markdown, built from the
//! same sections as the consultant's deliverable ([`super::markup`]): a cover with the run's
//! facts, then the sections each command shows, so no section is written twice and every
//! format lays out the same blocks.

use super::markup::{Block, Cover, Deliverable, Table, col, h, num, text};
use super::markup_sections::{appendix, findings, gaps, gates, holds_back, scores};
use crate::catalogue::{Catalogue, Requirement, top_clause};
use crate::plan::Plan;
use crate::view::Run;
use crate::view::catalogue::format_days;
use crate::view::rows::{score_text, short_title};
use crate::view::summary;

/// The assessment: its facts, what holds the verdict back, clause scores, gaps and findings,
/// gates and the ids behind the verdict; the tables and id lists show at most `limit` rows
/// or ids each (0 shows all).
pub fn assessment<'a>(run: &Run<'a>, limit: usize) -> Deliverable<'a> {
    let a = run.assessment;
    let mut facts = super::markup::cover_facts(run, None);
    facts.push(("Score", score_text(run)));
    facts.push(("Verdict", run.assessment.verdict.headline()));
    facts.push(("Requirements", a.counts.text()));
    if let Some(m) = a.maturity {
        facts.push(("Mean maturity", format!("{m:.1} of 5")));
    }
    facts.push(("Findings", a.finding_counts.to_string()));
    let blockers = summary::blockers(run);
    let mut blocks = Vec::new();
    if !blockers.is_empty() {
        holds_back(1, &blockers, &mut blocks);
    }
    scores(run, &summary::maturity(run), &mut blocks);
    gaps(run, limit, &mut blocks);
    findings(run, limit, &mut blocks);
    gates(run, &mut blocks);
    appendix(&blockers, limit, &mut blocks);
    document(run, "gap assessment", facts, blocks)
}

/// The remediation plan: milestones, the schedule chart and the work packages by phase.
pub fn plan<'a>(run: &Run<'a>, plan: &'a Plan) -> Deliverable<'a> {
    let mut blocks = Vec::new();
    super::markup_plan::plan(run, plan, &mut blocks);
    let facts = super::markup::cover_facts(run, None);
    document(run, "remediation plan", facts, blocks)
}

fn document<'a>(
    run: &Run<'a>,
    what: &str,
    facts: Vec<(&'static str, String)>,
    mut blocks: Vec<Block<'a>>,
) -> Deliverable<'a> {
    let c = run.catalogue;
    let organization = run.file.meta.organization.clone();
    blocks.push(Block::Paragraph(text(c.notice.clone())));
    Deliverable {
        footer: format!("{organization} · {}", run.assessment.settings.as_of),
        cover: Cover {
            title: format!("{} {what}", short_title(&c.title)),
            organization,
            facts,
            confidentiality: None,
            notice: c.notice.clone(),
        },
        blocks,
    }
}

/// The requirements of a catalogue (or of one clause of it): a table per top-level clause.
pub fn catalogue<'a>(
    catalogue: &Catalogue,
    clause: Option<&str>,
    reqs: &[&Requirement],
) -> Deliverable<'a> {
    let c = catalogue;
    let mut blocks = Vec::new();
    let mut rest = reqs;
    while let Some(first) = rest.first() {
        let top = top_clause(&first.clause);
        let n = rest
            .iter()
            .position(|r| top_clause(&r.clause) != top)
            .unwrap_or(rest.len());
        let (these, after) = rest.split_at(n);
        rest = after;
        let title = c.clause(top).map_or("", |cl| cl.title.as_str());
        blocks.push(h(1, format!("{top} {title}")));
        blocks.push(Block::Table(Table {
            columns: vec![
                col("Id", 11),
                col("Clause", 20),
                col("Requirement", 47),
                col("Documented", 12),
                num("Effort (days)", 10),
            ],
            rows: these.iter().map(|r| requirement_row(c, r)).collect(),
        }));
    }
    blocks.push(Block::Paragraph(text(c.notice.clone())));
    let mut facts = vec![
        ("Catalogue", c.title.clone()),
        ("Id", c.id.clone()),
        ("Requirements", reqs.len().to_string()),
    ];
    if let Some(clause) = clause {
        let title = c.clause(clause).map_or("", |cl| cl.title.as_str());
        facts.push(("Clause", format!("{clause} {title}")));
    }
    Deliverable {
        footer: format!("{} {}", c.id, c.version),
        cover: Cover {
            title: format!("{} requirements", short_title(&c.title)),
            organization: format!("catalogue version {}", c.version),
            facts,
            confidentiality: None,
            notice: c.notice.clone(),
        },
        blocks,
    }
}

/// A requirement's row: its words with the condition or the event it waits for.
fn requirement_row(c: &Catalogue, r: &Requirement) -> Vec<String> {
    let mut words = r.text.clone();
    if let Some(condition) = &r.condition {
        words.push_str(&format!(" (only if: {condition})"));
    }
    if let Some(trigger) = &r.trigger {
        words.push_str(&format!(" (when: {trigger})"));
    }
    vec![
        r.id.clone(),
        c.clause(&r.clause).map_or_else(
            || r.clause.clone(),
            |cl| format!("{} {}", r.clause, cl.title),
        ),
        words,
        r.documented_information.as_str().to_string(),
        format_days(r.effort_days),
    ]
}
