//! The documents of `assess` and `plan` in HTML and Markdown, built from the same sections
//! as the consultant's deliverable ([`super::markup`]): a cover with the run's facts, then
//! the sections each command shows, so no section is written twice and every format lays
//! out the same blocks.

use super::markup::{Block, Cover, Deliverable, text};
use super::markup_sections::{appendix, findings, gaps, gates, holds_back, scores};
use crate::plan::Plan;
use crate::view::Run;
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
