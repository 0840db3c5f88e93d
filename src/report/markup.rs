//! The consultant's deliverable as blocks, in one section order, for HTML, Markdown and DOCX.
//!
//! After hyperfine's `markup.rs`: the order of the report's sections and what each holds
//! exist once, here, as plain blocks (headings, paragraphs, lists, tables, charts); each
//! format implements [`Markup`] to lay a block out in its own syntax and escape the text.
//! The facts come from the evaluation and [`crate::view::summary`]; nothing here ranks,
//! counts or grades.

use crate::brand::Brand;
use crate::plan::Plan;
use crate::view::Run;
use crate::view::rows::{self, short_title};
use crate::view::summary::{self, Summary};

/// A run of text in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
}

/// One column of a table: its title, whether it holds numbers (right-aligned) and its
/// share of the page width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    pub numeric: bool,
    pub weight: u8,
}

pub(super) const fn col(title: &'static str, weight: u8) -> Column {
    Column {
        title,
        numeric: false,
        weight,
    }
}

pub(super) const fn num(title: &'static str, weight: u8) -> Column {
    Column {
        title,
        numeric: true,
        weight,
    }
}

/// A table whose header row repeats on every page it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as printed beside the bar.
    pub text: String,
}

/// A chart: the data, so each format draws it its own way (SVG, an image, a table).
#[derive(Debug, Clone, PartialEq)]
pub enum Chart<'a> {
    /// Horizontal bars out of `max` (100 for scores, 5 for maturity).
    Bars {
        title: &'static str,
        max: f64,
        bars: Vec<Bar>,
    },
    /// The work packages on a calendar with the audit milestones and a legend.
    Gantt(&'a Plan),
}

/// One piece of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<Inline>),
    Bullets(Vec<Vec<Inline>>),
    Table(Table),
    Chart(Chart<'a>),
    /// The table of contents (a field Word fills in; HTML and Markdown list the parts).
    Contents,
    /// A new page in print.
    PageBreak,
}

/// What the cover page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub title: String,
    pub organization: String,
    /// Label and value rows: scope, assessor, as of, catalogue, prepared by.
    pub facts: Vec<(&'static str, String)>,
    pub confidentiality: Option<String>,
    pub notice: String,
}

/// A format's way of writing blocks. Every method receives text as it came from the
/// catalogue and the answers file: escaping is the format's job.
pub trait Markup {
    fn cover(&mut self, cover: &Cover);
    fn heading(&mut self, level: u8, text: &str);
    fn paragraph(&mut self, runs: &[Inline]);
    fn bullets(&mut self, items: &[Vec<Inline>]);
    fn table(&mut self, table: &Table);
    fn chart(&mut self, chart: &Chart<'_>);
    fn contents(&mut self, headings: &[String]);
    fn page_break(&mut self);

    /// Writes the whole document in order.
    fn write(&mut self, doc: &Deliverable<'_>) {
        self.cover(&doc.cover);
        let parts: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level: 1, text } => Some(text.clone()),
                _ => None,
            })
            .collect();
        for block in &doc.blocks {
            match block {
                Block::Heading { level, text } => self.heading(*level, text),
                Block::Paragraph(runs) => self.paragraph(runs),
                Block::Bullets(items) => self.bullets(items),
                Block::Table(table) => self.table(table),
                Block::Chart(chart) => self.chart(chart),
                Block::Contents => self.contents(&parts),
                Block::PageBreak => self.page_break(),
            }
        }
    }
}

/// The consultant's deliverable, laid out once.
#[derive(Debug, Clone, PartialEq)]
pub struct Deliverable<'a> {
    pub cover: Cover,
    pub blocks: Vec<Block<'a>>,
    /// The footer's words: organization, date and confidentiality.
    pub footer: String,
}

pub(super) fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

pub(super) fn h(level: u8, s: impl Into<String>) -> Block<'static> {
    Block::Heading {
        level,
        text: s.into(),
    }
}

/// The deliverable of `run` and `plan`, branded, with the consultant's `narrative` after
/// the summary.
pub fn deliverable<'a>(
    run: &Run<'a>,
    plan: &'a Plan,
    brand: &Brand,
    narrative: &[Block<'a>],
) -> Deliverable<'a> {
    let summary = summary::summarize(run, plan);
    let meta = &run.file.meta;
    let as_of = run.assessment.settings.as_of;
    let mut facts = Vec::new();
    if let Some(scope) = &meta.scope {
        facts.push(("Scope", scope.clone()));
    }
    if let Some(assessor) = &meta.assessor {
        facts.push(("Assessor", assessor.clone()));
    }
    if let Some(name) = &brand.name {
        facts.push(("Prepared by", name.clone()));
    }
    facts.push(("As of", as_of.to_string()));
    if let Some(clause) = &run.assessment.settings.clause {
        facts.push(("Assessed part", format!("clause {clause} only")));
    }
    let c = run.catalogue;
    facts.push((
        "Catalogue",
        format!("{} ({}), version {}", c.title, c.id, c.version),
    ));
    let title = brand
        .title
        .clone()
        .unwrap_or_else(|| format!("{} gap assessment report", short_title(&c.title)));
    let footer = [
        Some(meta.organization.clone()),
        Some(as_of.to_string()),
        brand.confidentiality.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let mut blocks = vec![Block::Contents, Block::PageBreak];
    executive_summary(&summary, &mut blocks);
    if !narrative.is_empty() {
        blocks.push(h(1, "Consultant's commentary"));
        blocks.extend(narrative.iter().cloned());
    }
    scores(run, &summary, &mut blocks);
    gaps(run, &mut blocks);
    findings(run, &mut blocks);
    super::markup_plan::plan(run, plan, &mut blocks);
    evidence(run, &mut blocks);
    gates(run, &mut blocks);
    appendix(&summary, &mut blocks);
    blocks.push(Block::Paragraph(text(c.notice.clone())));
    Deliverable {
        cover: Cover {
            title,
            organization: meta.organization.clone(),
            facts,
            confidentiality: brand.confidentiality.clone(),
            notice: c.notice.clone(),
        },
        blocks,
        footer,
    }
}

fn executive_summary(s: &Summary<'_>, out: &mut Vec<Block<'_>>) {
    out.push(h(1, "Executive summary"));
    out.push(Block::Paragraph(vec![Inline::Strong(s.sentence.clone())]));
    out.push(Block::Paragraph(text(format!(
        "On the plan in this report the organization is ready for the stage 1 audit on {} and for the stage 2 (certification) audit on {}.",
        s.stage_1, s.stage_2
    ))));
    out.push(h(2, "Ten priorities"));
    if s.priorities.is_empty() {
        out.push(Block::Paragraph(text("Nothing is left to remediate.")));
    } else {
        out.push(Block::Table(Table {
            columns: vec![
                num("#", 3),
                col("Priority", 7),
                col("Work", 18),
                col("Why", 38),
                col("Owner", 14),
                col("By", 10),
            ],
            rows: s
                .priorities
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    vec![
                        (i + 1).to_string(),
                        p.priority.as_str().to_string(),
                        p.title.to_string(),
                        p.why.clone(),
                        p.owner.clone(),
                        p.by.to_string(),
                    ]
                })
                .collect(),
        }));
    }
    out.push(h(2, "Strengths"));
    if s.strengths.is_empty() {
        out.push(Block::Paragraph(text(format!(
            "No clause scores {}% or more yet.",
            summary::STRENGTH_FLOOR
        ))));
    } else {
        out.push(Block::Bullets(
            s.strengths
                .iter()
                .map(|c| {
                    vec![
                        Inline::Strong(format!("{} {}", c.id, c.title)),
                        Inline::Text(format!(
                            " scores {}%.",
                            crate::assess::gates::format_pct(c.score)
                        )),
                    ]
                })
                .collect(),
        ));
    }
    out.push(h(2, "What holds the verdict back"));
    if s.blockers.is_empty() {
        out.push(Block::Paragraph(text(
            "Nothing: every condition of both audit stages is met.",
        )));
    } else {
        out.push(Block::Bullets(
            s.blockers
                .iter()
                .map(|b| text(b.sentence.clone()))
                .collect(),
        ));
    }
}

fn scores(run: &Run<'_>, s: &Summary<'_>, out: &mut Vec<Block<'_>>) {
    out.push(h(1, "Clause scores"));
    let bars = rows::clauses(run, 0)
        .iter()
        .map(|c| Bar {
            label: format!("{} {}", c.id, c.title),
            value: c.score.unwrap_or(0.0),
            text: c.score_text(),
        })
        .collect();
    out.push(Block::Chart(Chart::Bars {
        title: "Clause scores",
        max: 100.0,
        bars,
    }));
    out.push(Block::Table(Table {
        columns: vec![
            col("Clause", 8),
            col("Title", 50),
            num("Score", 10),
            num("Met", 10),
        ],
        rows: rows::clauses(run, 1)
            .iter()
            .map(|c| {
                vec![
                    c.id.to_string(),
                    c.title.to_string(),
                    c.score_text(),
                    format!("{}/{}", c.met, c.requirements),
                ]
            })
            .collect(),
    }));
    if !s.maturity.is_empty() {
        out.push(h(2, "Maturity"));
        out.push(Block::Paragraph(text(
            "Mean maturity (0 to 5) per clause, over the answers that give one.",
        )));
        out.push(Block::Chart(Chart::Bars {
            title: "Maturity",
            max: 5.0,
            bars: s
                .maturity
                .iter()
                .map(|m| Bar {
                    label: format!("{} {}", m.id, m.title),
                    value: m.mean,
                    text: format!("{:.1} ({} answered)", m.mean, m.answered),
                })
                .collect(),
        }));
    }
}

fn gaps(run: &Run<'_>, out: &mut Vec<Block<'_>>) {
    let gaps = rows::gaps(run);
    out.push(h(1, format!("Gap register ({})", gaps.len())));
    if gaps.is_empty() {
        out.push(Block::Paragraph(text(
            "No gaps: every requirement in scope is met with evidence.",
        )));
        return;
    }
    out.push(Block::Table(Table {
        columns: vec![
            col("ID", 8),
            col("Requirement", 42),
            col("Status", 12),
            col("Grade", 10),
            col("Owner", 12),
            col("Target", 10),
            col("Notes", 26),
        ],
        rows: gaps
            .iter()
            .map(|g| {
                vec![
                    g.id.to_string(),
                    g.requirement.to_string(),
                    g.status.to_string(),
                    format!(
                        "{}{}",
                        g.grade.as_str(),
                        if g.waived { " (waived)" } else { "" }
                    ),
                    g.owner.to_string(),
                    g.target.clone().unwrap_or_default(),
                    g.notes.to_string(),
                ]
            })
            .collect(),
    }));
}

fn findings(run: &Run<'_>, out: &mut Vec<Block<'_>>) {
    let a = run.assessment;
    out.push(h(1, format!("Findings ({})", a.findings.len())));
    out.push(Block::Paragraph(text(format!("By grade: {}.", a.counts))));
    if a.findings.is_empty() {
        return;
    }
    out.push(Block::Table(Table {
        columns: vec![
            col("Requirement", 11),
            col("Rule", 18),
            col("Grade", 12),
            col("Finding", 53),
            num("Line", 6),
        ],
        rows: a
            .findings
            .iter()
            .map(|f| {
                vec![
                    run.catalogue.requirements[f.requirement].id.clone(),
                    f.rule.code().to_string(),
                    format!(
                        "{}{}",
                        f.grade().as_str(),
                        if f.waived { " (waived)" } else { "" }
                    ),
                    f.message.clone(),
                    f.pos.map(|p| p.line.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    }));
}

fn evidence(run: &Run<'_>, out: &mut Vec<Block<'_>>) {
    let rows = rows::evidence(run);
    out.push(h(1, format!("Evidence ({})", rows.len())));
    if rows.is_empty() {
        out.push(Block::Paragraph(text("No evidence is listed.")));
        return;
    }
    out.push(Block::Table(Table {
        columns: vec![
            col("Evidence", 40),
            col("Reviewed", 12),
            col("Supports", 48),
        ],
        rows: rows
            .iter()
            .map(|e| {
                vec![
                    e.evidence.to_string(),
                    e.reviewed.clone().unwrap_or_default(),
                    e.requirements.join(", "),
                ]
            })
            .collect(),
    }));
}

fn gates(run: &Run<'_>, out: &mut Vec<Block<'_>>) {
    out.push(h(1, "Gates"));
    if run.gates.is_empty() {
        out.push(Block::Paragraph(text("No gates were set.")));
        return;
    }
    out.push(Block::Table(Table {
        columns: vec![
            col("Gate", 16),
            col("Target", 16),
            col("Result", 10),
            col("Detail", 58),
        ],
        rows: run
            .gates
            .iter()
            .map(|g| {
                vec![
                    g.gate.to_string(),
                    g.target.clone(),
                    if g.passed { "passed" } else { "failed" }.to_string(),
                    g.detail.clone(),
                ]
            })
            .collect(),
    }));
}

fn appendix(s: &Summary<'_>, out: &mut Vec<Block<'_>>) {
    if s.blockers.is_empty() {
        return;
    }
    out.push(h(1, "Appendix: requirements behind the verdict"));
    for b in &s.blockers {
        out.push(h(
            2,
            format!(
                "{} Stage {}: {} requirements",
                b.appendix,
                b.stage,
                b.ids.len()
            ),
        ));
        out.push(Block::Paragraph(text(b.ids.join(", "))));
    }
}
