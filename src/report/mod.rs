//! Reporters: one per output format behind one small trait, after hyperfine's exporters.
//!
//! A [`Document`] holds everything a format may show (the assessment, and the plan when
//! there is one); a [`Reporter`] turns it into bytes. Text that came from an answers file is
//! escaped by each format for its own syntax: such files are often written by someone else.

mod csv;
mod github;
mod html;
mod junit;
mod markdown;
mod oscal;
pub mod rows;
mod sarif;
mod xlsx;

use anyhow::Result;

use crate::assess::Grade;
use crate::output::Term;
use crate::plan::Plan;
use crate::view::Run;

pub use github::step_summary;
pub use oscal::catalog as oscal_catalog;

/// What the document is: one command's output, or the consultant's full deliverable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `assess`: scores, gaps, findings, verdict, gates.
    Assessment,
    /// `plan`: the remediation plan.
    Plan,
    /// `report`: everything, with a cover and the evidence list.
    Full,
}

/// Everything a reporter may show.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub part: Part,
    pub run: Run<'a>,
    /// Present for [`Part::Plan`] and [`Part::Full`].
    pub plan: Option<&'a Plan>,
    /// The grade the `--fail-on` gate fails on, if one is set (JUnit marks those as failures).
    pub fail_on: Option<Grade>,
    /// The answers file's path as it should appear in code-scanning results (relative to the
    /// working directory).
    pub answers_uri: &'a str,
}

/// Turns a document into the bytes of one format.
pub trait Reporter {
    /// Renders `doc`.
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>>;
}

/// Every output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
    Xlsx,
    Junit,
    Sarif,
    Github,
    Oscal,
    /// iCalendar, for plans.
    Ics,
}

impl Format {
    /// The reporter for this format; `term` and `limit` matter to the table only.
    pub fn reporter(self, term: Term, limit: usize) -> Box<dyn Reporter> {
        match self {
            Format::Table => Box::new(TableReporter { term, limit }),
            Format::Json => Box::new(JsonReporter),
            Format::Csv => Box::new(csv::Csv),
            Format::Markdown => Box::new(markdown::Markdown),
            Format::Html => Box::new(html::Html),
            Format::Xlsx => Box::new(xlsx::Xlsx),
            Format::Junit => Box::new(junit::Junit),
            Format::Sarif => Box::new(sarif::Sarif),
            Format::Github => Box::new(github::Github),
            Format::Oscal => Box::new(oscal::Oscal),
            Format::Ics => Box::new(IcsReporter),
        }
    }

    /// True for formats that are binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

/// The terminal table of `assess` and `plan`.
struct TableReporter {
    term: Term,
    limit: usize,
}

impl Reporter for TableReporter {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let text = match (doc.part, doc.plan) {
            (Part::Plan, Some(plan)) => crate::view::plan::render(&plan_run(doc, plan), &self.term),
            _ => crate::view::assess::render(&doc.run, &self.term, self.limit),
        };
        Ok(text.into_bytes())
    }
}

/// The stable JSON of `assess` and `plan`.
struct JsonReporter;

impl Reporter for JsonReporter {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let text = match (doc.part, doc.plan) {
            (Part::Plan, Some(plan)) => crate::view::plan_json::render(&plan_run(doc, plan)),
            _ => crate::view::assess_json::render(&doc.run),
        };
        Ok(text.into_bytes())
    }
}

/// The iCalendar file of `plan`.
struct IcsReporter;

impl Reporter for IcsReporter {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        match doc.plan {
            Some(plan) => Ok(crate::view::plan_ics::render(&plan_run(doc, plan)).into_bytes()),
            None => anyhow::bail!("iCalendar output needs a plan: use `iso20k plan --format ics`"),
        }
    }
}

fn plan_run<'a>(doc: &Document<'a>, plan: &'a Plan) -> crate::view::plan::PlanRun<'a> {
    crate::view::plan::PlanRun {
        catalogue: doc.run.catalogue,
        file: doc.run.file,
        assessment: doc.run.assessment,
        plan,
    }
}
