//! XLSX: the three workbooks, each composed from the sheets of [`super::workbook`], so a
//! sheet reads the same whichever command writes it.
//!
//! - `assess`: Summary, Clauses, Register, Gaps, Findings, Evidence.
//! - `plan`: Summary, Milestones, Audits, Owners, Plan, Tasks, Critical path, Targets.
//! - `report`: the deliverable: Summary (with the executive summary and the brand),
//!   Commentary, Clauses, Register, Gaps, Findings, Plan, Evidence.

use std::borrow::Cow;

use anyhow::Result;

use super::workbook::{About, Book};
use super::workbook_assess as assess;
use super::workbook_cell::{Cell, text};
use super::workbook_plan as plan;
use super::{Document, Extras, Paper, Reporter};
use crate::plan::Plan;
use crate::view::Run;
use crate::view::rows::short_title;
use crate::view::style::{count, person_days};
use crate::view::summary::summarize;

/// The XLSX reporter of `assess` and `plan`.
pub struct Xlsx;

impl Reporter for Xlsx {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        match doc {
            Document::Assessment(run) => assessment(run),
            Document::Plan(run, plan) => plan_book(run, plan),
            Document::Full(run, plan) => {
                let brand = crate::brand::Brand::default();
                let extras = Extras {
                    brand: &brand,
                    narrative: &[],
                    paper: Paper::A4,
                };
                report(run, plan, &extras)
            }
        }
    }
}

/// Summary lines: a label and its cell.
type Lines<'a> = Vec<(Cow<'a, str>, Cell<'a>)>;

/// The file's title: "ISO/IEC 20000-1:2018 gap assessment: Contoso Ltd".
fn about(run: &Run<'_>, what: &str) -> String {
    format!(
        "{} {what}: {}",
        short_title(&run.catalogue.title),
        run.file.meta.organization
    )
}

/// An empty workbook with the run's properties; `extras` (the deliverable's) set its paper
/// and footer.
fn book(run: &Run<'_>, title: String, author: &str, extras: Option<&Extras<'_>>) -> Result<Book> {
    let about = About {
        title,
        author,
        comment: &run.catalogue.notice,
        created: run.assessment.settings.as_of,
    };
    let paper = extras.map_or(Paper::A4, |e| e.paper);
    let confidentiality = extras.and_then(|e| e.brand.confidentiality.as_deref());
    Book::new(&about, paper, confidentiality)
}

/// Who was assessed, on what scope, by whom: the first lines of every summary.
fn heading<'a>(run: &Run<'a>, lines: &mut Lines<'a>) {
    let meta = &run.file.meta;
    lines.push(("Organization".into(), text(meta.organization.as_str())));
    if let Some(scope) = &meta.scope {
        lines.push(("Scope".into(), text(scope.as_str())));
    }
    if let Some(assessor) = &meta.assessor {
        lines.push(("Assessor".into(), text(assessor.as_str())));
    }
}

/// The assessment's facts: catalogue, score, maturity, counts, verdict and its reasons,
/// findings and gates.
fn assessment_lines<'a>(run: &Run<'a>, lines: &mut Lines<'a>) {
    let a = run.assessment;
    let c = run.catalogue;
    lines.push((
        "Catalogue".into(),
        text(format!("{} ({}), version {}", c.title, c.id, c.version)),
    ));
    lines.push(("Score".into(), Cell::Pct(a.score)));
    if let Some(m) = a.maturity {
        lines.push(("Mean maturity".into(), Cell::Num(m)));
    }
    lines.push(("Requirements".into(), text(a.counts.text())));
    lines.push(("Verdict".into(), text(a.verdict.headline())));
    for reason in &a.reasons {
        lines.push((
            "Holds it back".into(),
            Cell::List(format!(
                "stage {}: {}: {}",
                reason.stage,
                reason.message,
                reason.requirements.join(", ")
            )),
        ));
    }
    lines.push(("Findings".into(), text(a.finding_counts.to_string())));
    for g in run.gates {
        lines.push((
            "Gate".into(),
            text(format!(
                "{} {}: {} ({})",
                g.gate,
                g.target,
                if g.passed { "passed" } else { "failed" },
                g.detail
            )),
        ));
    }
}

/// `assess --format xlsx`.
fn assessment(run: &Run<'_>) -> Result<Vec<u8>> {
    let title = format!("{} gap assessment", short_title(&run.catalogue.title));
    let mut book = book(run, about(run, "gap assessment"), "iso20k", None)?;
    let mut lines = Lines::new();
    heading(run, &mut lines);
    lines.push((
        "As of".into(),
        Cell::Date(Some(run.assessment.settings.as_of)),
    ));
    assessment_lines(run, &mut lines);
    lines.push(("Notice".into(), text(run.catalogue.notice.as_str())));
    book.lines("Summary", &title, None, &lines)?;
    assess::clauses(&mut book, run)?;
    assess::register(&mut book, run)?;
    assess::gaps(&mut book, run)?;
    assess::findings(&mut book, run)?;
    assess::evidence(&mut book, run)?;
    book.save()
}

/// `plan --format xlsx`.
fn plan_book(run: &Run<'_>, p: &Plan) -> Result<Vec<u8>> {
    let title = format!("Remediation plan: {}", run.file.meta.organization);
    let mut book = book(run, about(run, "remediation plan"), "iso20k", None)?;
    let s = &p.settings;
    let mut lines = Lines::new();
    heading(run, &mut lines);
    lines.push((
        "As of".into(),
        Cell::Date(Some(run.assessment.settings.as_of)),
    ));
    lines.push(("Start".into(), Cell::Date(Some(s.start))));
    lines.push((
        "Capacity".into(),
        text(format!(
            "{} in parallel at {} a week each{}",
            count(p.owners.len(), "owner"),
            person_days(s.capacity),
            if s.team.is_empty() {
                ""
            } else {
                " unless the team file says otherwise"
            }
        )),
    ));
    lines.push(("Requirements".into(), Cell::Num(p.tasks.len() as f64)));
    lines.push(("Work packages".into(), Cell::Num(p.packages.len() as f64)));
    lines.push(("Person-days".into(), Cell::Num(p.effort_days)));
    lines.push(("Verdict".into(), text(run.assessment.verdict.headline())));
    lines.push((
        "Stage 1 ready".into(),
        Cell::Date(Some(p.milestones.stage_1_ready)),
    ));
    lines.push((
        "Stage 2 ready".into(),
        Cell::Date(Some(p.milestones.stage_2_ready)),
    ));
    for a in &p.audits {
        let (label, note) = crate::view::plan_audits::line(a);
        lines.push((label.into(), text(note)));
    }
    for w in &p.warnings {
        lines.push(("Warning".into(), text(w.as_str())));
    }
    lines.push(("Notice".into(), text(run.catalogue.notice.as_str())));
    book.lines("Summary", &title, None, &lines)?;
    plan::milestones(&mut book, run, p)?;
    plan::audits(&mut book, p)?;
    plan::owners(&mut book, p)?;
    plan::packages(&mut book, run, p)?;
    plan::tasks(&mut book, run, p)?;
    plan::critical_path(&mut book, run, p)?;
    plan::targets(&mut book, run, p)?;
    book.save()
}

/// `report --format xlsx`: the deliverable's workbook.
pub(super) fn report(run: &Run<'_>, p: &Plan, extras: &Extras<'_>) -> Result<Vec<u8>> {
    let a = run.assessment;
    let s = summarize(run, p);
    let title = extras.brand.title.clone().unwrap_or_else(|| {
        format!(
            "{} gap assessment report",
            short_title(&run.catalogue.title)
        )
    });
    let author = extras.brand.name.as_deref().unwrap_or("iso20k");
    let mut book = book(
        run,
        format!("{title}: {}", run.file.meta.organization),
        author,
        Some(extras),
    )?;
    let mut lines = Lines::new();
    heading(run, &mut lines);
    if let Some(name) = &extras.brand.name {
        lines.push(("Prepared by".into(), text(name.as_str())));
    }
    if let Some(c) = &extras.brand.confidentiality {
        lines.push(("Confidentiality".into(), text(c.as_str())));
    }
    lines.push(("As of".into(), Cell::Date(Some(a.settings.as_of))));
    lines.push(("In one sentence".into(), text(s.sentence.as_str())));
    lines.push(("Score".into(), Cell::Pct(a.score)));
    lines.push(("Verdict".into(), text(a.verdict.headline())));
    lines.push(("Stage 1 ready".into(), Cell::Date(Some(s.stage_1))));
    lines.push(("Stage 2 ready".into(), Cell::Date(Some(s.stage_2))));
    lines.push(("Requirements".into(), text(a.counts.text())));
    if let Some(m) = a.maturity {
        lines.push(("Mean maturity".into(), Cell::Num(m)));
    }
    lines.push(("Findings".into(), text(a.finding_counts.to_string())));
    for b in &s.blockers {
        lines.push(("Holds it back".into(), text(b.sentence.as_str())));
    }
    for st in &s.strengths {
        lines.push(("Strength".into(), text(format!("{} {}", st.id, st.title))));
    }
    for (i, pr) in s.priorities.iter().enumerate() {
        lines.push((
            format!("Priority {}", i + 1).into(),
            text(format!(
                "{} ({}, by {}): {}",
                pr.title, pr.owner, pr.by, pr.why
            )),
        ));
    }
    lines.push(("Notice".into(), text(run.catalogue.notice.as_str())));
    book.lines("Summary", &title, extras.brand.logo.as_ref(), &lines)?;
    if !extras.narrative.is_empty() {
        book.commentary(extras.narrative)?;
    }
    assess::clauses(&mut book, run)?;
    assess::register(&mut book, run)?;
    assess::gaps(&mut book, run)?;
    assess::findings(&mut book, run)?;
    plan::packages(&mut book, run, p)?;
    assess::evidence(&mut book, run)?;
    book.save()
}
