//! Documents as blocks, in one section order, for HTML, Markdown and DOCX: the consultant's
//! deliverable here, the `assess` and `plan` documents in `markup_command`.
//!
//! After hyperfine's `markup.rs`: the order of the report's sections and what each holds
//! exist once, here, as plain blocks (headings, paragraphs, lists, tables, charts); each
//! format implements [`Markup`] to lay a block out in its own syntax and escape the text.
//! The facts come from the evaluation and [`crate::view::summary`]; nothing here ranks,
//! counts or grades.

use crate::brand::Brand;
use crate::plan::Plan;
use crate::view::Run;
use crate::view::rows::short_title;
use crate::view::summary;

/// A run of text in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    /// A command or a code the reader types or searches for.
    Code(String),
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
    let facts = cover_facts(run, brand.name.as_deref());
    let c = run.catalogue;
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
    use super::markup_sections::{
        appendix, evidence, executive_summary, findings, gaps, gates, scores,
    };
    executive_summary(&summary, &mut blocks);
    if !narrative.is_empty() {
        blocks.push(h(1, "Consultant's commentary"));
        blocks.extend(narrative.iter().cloned());
    }
    scores(run, &summary.maturity, &mut blocks);
    gaps(run, 0, &mut blocks);
    findings(run, 0, &mut blocks);
    super::markup_plan::plan(run, plan, &mut blocks);
    evidence(run, &mut blocks);
    gates(run, &mut blocks);
    appendix(&summary.blockers, 0, &mut blocks);
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

/// The cover's label and value rows every document shows: scope, assessor, who prepared
/// it, the date, the part assessed and the catalogue.
pub(super) fn cover_facts(run: &Run<'_>, prepared_by: Option<&str>) -> Vec<(&'static str, String)> {
    let meta = &run.file.meta;
    let mut facts = Vec::new();
    if let Some(scope) = &meta.scope {
        facts.push(("Scope", scope.clone()));
    }
    if let Some(assessor) = &meta.assessor {
        facts.push(("Assessor", assessor.clone()));
    }
    if let Some(name) = prepared_by {
        facts.push(("Prepared by", name.to_string()));
    }
    facts.push(("As of", run.assessment.settings.as_of.to_string()));
    if let Some(clause) = &run.assessment.settings.clause {
        facts.push(("Assessed part", format!("clause {clause} only")));
    }
    let c = run.catalogue;
    facts.push((
        "Catalogue",
        format!("{} ({}), version {}", c.title, c.id, c.version),
    ));
    facts
}
