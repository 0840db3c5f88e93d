//! Reporters: one per output format behind one small trait, after hyperfine's exporters.
//!
//! A [`Document`] holds everything a format may show (the assessment, and the plan when
//! there is one); a [`Reporter`] turns it into bytes. Text that came from an answers file is
//! escaped by each format for its own syntax: such files are often written by someone else.

mod chart;
mod chart_draw;
mod chart_font;
#[cfg(test)]
mod chart_tests;
mod csv;
mod docx;
mod docx_parts;
mod github;
mod html_doc;
mod junit;
pub mod markup;
mod markup_command;
mod markup_plan;
mod markup_sections;
mod md_doc;
mod oscal;
mod sarif;
mod workbook;
mod workbook_assess;
mod workbook_cell;
mod workbook_plan;
mod workbook_xml;
mod xlsx;

use anyhow::Result;

use crate::config::{AssessFormat, PlanFormat};
use crate::output::Term;
use crate::plan::Plan;
use crate::view::Run;

pub use github::step_summary;
pub use html_doc::Paper;
pub use oscal::catalog as oscal_catalog;

/// `catalogue list` as a Markdown or HTML document: a cover, then a table of requirements per
/// top-level clause, laid out by the same markup as every other document.
pub fn catalogue_document(
    html: bool,
    catalogue: &crate::catalogue::Catalogue,
    clause: Option<&str>,
    reqs: &[&crate::catalogue::Requirement],
) -> String {
    let doc = markup_command::catalogue(catalogue, clause, reqs);
    let brand = crate::brand::Brand::default();
    if html {
        html_doc::render(&doc, &brand, Paper::A4)
    } else {
        md_doc::render(&doc, &brand)
    }
}
pub use workbook_cell::{CELL_LIMIT, cut_cells};

/// What a command lays out: one shape per command, so no document lacks what it shows.
#[derive(Debug, Clone, Copy)]
pub enum Document<'a> {
    /// `assess`: scores, gaps, findings, verdict, gates.
    Assessment(Run<'a>),
    /// `plan`: the remediation plan of an assessment.
    Plan(Run<'a>, &'a Plan),
    /// `report`: everything, with a cover and the evidence list.
    Full(Run<'a>, &'a Plan),
}

impl<'a> Document<'a> {
    /// The evaluation behind the document.
    pub fn run(&self) -> &Run<'a> {
        match self {
            Document::Assessment(run) | Document::Plan(run, _) | Document::Full(run, _) => run,
        }
    }

    /// The plan, for the documents that have one.
    pub fn plan(&self) -> Option<&'a Plan> {
        match self {
            Document::Assessment(_) => None,
            Document::Plan(_, plan) | Document::Full(_, plan) => Some(plan),
        }
    }
}

/// Turns a document into the bytes of one format.
pub trait Reporter {
    /// Renders `doc`.
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>>;
}

/// What shapes a reporter beyond the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The terminal's colour and width (the table).
    pub term: Term,
    /// Rows of the gap tables, worst first; 0 shows all (the table and Markdown).
    pub limit: usize,
    /// Annotations of each level (error, warning, notice) GitHub gets; the rest are counted.
    pub max_annotations: usize,
}

/// How many annotations of each level a GitHub Actions step shows.
pub const GITHUB_ANNOTATIONS: usize = 10;

/// What an output is to the run beyond its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text for a terminal, a file or a pipe.
    Text,
    /// A workbook: binary, and its cells hold at most [`CELL_LIMIT`] characters.
    Workbook,
    /// GitHub annotations, whose step summary goes to `$GITHUB_STEP_SUMMARY`.
    Github,
}

impl AssessFormat {
    /// The reporter for this format of `assess`.
    pub fn reporter(self, options: Options) -> Box<dyn Reporter> {
        let Options {
            term,
            limit,
            max_annotations,
        } = options;
        match self {
            AssessFormat::Table => Box::new(TableReporter { term, limit }),
            AssessFormat::Json => Box::new(JsonReporter),
            AssessFormat::Csv => Box::new(csv::Csv),
            AssessFormat::Markdown => Box::new(md_doc::Markdown { limit }),
            AssessFormat::Html => Box::new(html_doc::HtmlReporter),
            AssessFormat::Xlsx => Box::new(xlsx::Xlsx),
            AssessFormat::Junit => Box::new(junit::Junit),
            AssessFormat::Sarif => Box::new(sarif::Sarif),
            AssessFormat::Github => Box::new(github::Github { max_annotations }),
            AssessFormat::Oscal => Box::new(oscal::Oscal),
        }
    }

    /// What this output is beyond its bytes.
    pub fn kind(self) -> Kind {
        match self {
            AssessFormat::Xlsx => Kind::Workbook,
            AssessFormat::Github => Kind::Github,
            _ => Kind::Text,
        }
    }
}

impl PlanFormat {
    /// The reporter for this format of `plan`.
    pub fn reporter(self, options: Options) -> Box<dyn Reporter> {
        let Options { term, limit, .. } = options;
        match self {
            PlanFormat::Table => Box::new(TableReporter { term, limit }),
            PlanFormat::Json => Box::new(JsonReporter),
            PlanFormat::Csv => Box::new(csv::Csv),
            PlanFormat::Markdown => Box::new(md_doc::Markdown { limit }),
            PlanFormat::Html => Box::new(html_doc::HtmlReporter),
            PlanFormat::Xlsx => Box::new(xlsx::Xlsx),
            PlanFormat::Ics => Box::new(IcsReporter),
        }
    }

    /// What this output is beyond its bytes.
    pub fn kind(self) -> Kind {
        match self {
            PlanFormat::Xlsx => Kind::Workbook,
            _ => Kind::Text,
        }
    }
}

/// The terminal table of `assess` and `plan`.
struct TableReporter {
    term: Term,
    limit: usize,
}

impl Reporter for TableReporter {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let text = match doc {
            Document::Plan(_, plan) => crate::view::plan::render(&plan_run(doc, plan), &self.term),
            _ => crate::view::assess::render(doc.run(), &self.term, self.limit),
        };
        Ok(text.into_bytes())
    }
}

/// The stable JSON of `assess` and `plan`.
struct JsonReporter;

impl Reporter for JsonReporter {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let text = match doc {
            Document::Plan(_, plan) => crate::view::plan_json::render(&plan_run(doc, plan)),
            _ => crate::view::assess_json::render(doc.run()),
        };
        Ok(text.into_bytes())
    }
}

/// The iCalendar file of `plan`.
struct IcsReporter;

impl Reporter for IcsReporter {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        match doc.plan() {
            Some(plan) => Ok(crate::view::plan_ics::render(&plan_run(doc, plan)).into_bytes()),
            None => anyhow::bail!("iCalendar output needs a plan: use `iso20k plan --format ics`"),
        }
    }
}

fn plan_run<'a>(doc: &Document<'a>, plan: &'a Plan) -> crate::view::plan::PlanRun<'a> {
    crate::view::plan::PlanRun {
        catalogue: doc.run().catalogue,
        file: doc.run().file,
        assessment: doc.run().assessment,
        plan,
    }
}

/// Formats of the consultant's deliverable (`report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliverableFormat {
    Html,
    Markdown,
    Docx,
    Xlsx,
}

/// What shapes a deliverable beyond the assessment and plan: the consultancy's brand, its
/// own commentary and the paper it prints on.
#[derive(Debug, Clone, Copy)]
pub struct Extras<'x> {
    pub brand: &'x crate::brand::Brand,
    /// The consultant's commentary, shown after the executive summary.
    pub narrative: &'x [markup::Block<'static>],
    pub paper: Paper,
}

/// The consultant's deliverable in `format`: every format lays out the same sections in
/// the same order ([`markup::deliverable`]).
pub fn deliverable(
    format: DeliverableFormat,
    run: &Run<'_>,
    plan: &Plan,
    extras: &Extras<'_>,
) -> Result<Vec<u8>> {
    let doc = markup::deliverable(run, plan, extras.brand, extras.narrative);
    Ok(match format {
        DeliverableFormat::Html => html_doc::render(&doc, extras.brand, extras.paper).into_bytes(),
        DeliverableFormat::Markdown => md_doc::render(&doc, extras.brand).into_bytes(),
        DeliverableFormat::Docx => docx::render(
            &doc,
            extras.brand,
            extras.paper,
            &run.assessment.settings.as_of.to_string(),
        )?,
        DeliverableFormat::Xlsx => xlsx::report(run, plan, extras)?,
    })
}
