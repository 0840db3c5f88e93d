//! The assessment's sheets: clause scores (with a native chart), the requirement register,
//! the gaps, the findings and the evidence. Each is laid out from the evaluation's own facts
//! (statuses, grades, counts, the ranking of gaps); none is worked out here.

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartType};

use super::workbook::Book;
use super::workbook_cell::{Cell, Col, d, list, n, num, p, t, text};
use crate::assess::Rule;
use crate::view::Run;
use crate::view::rows;

const CLAUSES: [Col; 10] = [
    t("Clause", 10.0),
    t("Title", 50.0),
    n("Level", 7.0),
    p("Score", 10.0),
    n("Met", 8.0),
    n("Applicable", 11.0),
    n("Not applicable", 14.0),
    n("Not triggered", 13.0),
    n("Requirements", 13.0),
    n("Maturity", 10.0),
];

/// Clause scores at every level, the top clauses first so that the bar chart beside them
/// reads one range.
pub(super) fn clauses(book: &mut Book, run: &Run<'_>) -> Result<()> {
    let all = rows::clauses(run, usize::MAX);
    let first = all.iter().map(|c| c.depth).min().unwrap_or(0);
    let top = all.iter().filter(|c| c.depth == first).count();
    let ordered = all
        .iter()
        .filter(|c| c.depth == first)
        .chain(all.iter().filter(|c| c.depth != first));
    let mut sheet = book.table("Clauses", &CLAUSES)?;
    for c in ordered {
        sheet.row(&[
            text(c.id),
            text(c.title),
            Cell::Num(c.depth as f64),
            Cell::Pct(c.score),
            Cell::Num(c.counts.met_applicable as f64),
            Cell::Num(c.counts.applicable as f64),
            Cell::Num(c.counts.not_applicable as f64),
            Cell::Num(c.counts.not_triggered as f64),
            Cell::Num(c.requirements as f64),
            num(c.maturity),
        ])?;
    }
    let ws = sheet.finish()?;
    if top > 0 {
        let last = u32::try_from(top)?;
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_name("Score")
            .set_categories(("Clauses", 1, 0, last, 0))
            .set_values(("Clauses", 1, 3, last, 3));
        chart.title().set_name("Clause scores");
        chart.x_axis().set_min(0).set_max(1).set_num_format("0%");
        chart.y_axis().set_reverse();
        chart.legend().set_hidden();
        ws.insert_chart(1, 11, &chart)?;
    }
    Ok(())
}

const REGISTER: [Col; 14] = [
    t("ID", 10.0),
    t("Clause", 9.0),
    t("Requirement", 50.0),
    t("Status", 15.0),
    p("Score", 8.0),
    t("Met", 6.0),
    t("Worst grade", 11.0),
    t("Waived", 8.0),
    t("Owner", 20.0),
    t("Evidence", 36.0),
    d("Reviewed", 11.0),
    t("Stale", 6.0),
    d("Target", 11.0),
    t("Notes", 36.0),
];

/// Every requirement in scope, met or not: what an auditor samples from.
pub(super) fn register(book: &mut Book, run: &Run<'_>) -> Result<()> {
    let a = run.assessment;
    let mut sheet = book.table("Register", &REGISTER)?;
    for res in a.in_scope() {
        let r = &run.catalogue.requirements[res.index];
        let answer = &run.resolved[res.index];
        let stale = a
            .findings_of(res.index)
            .iter()
            .any(|f| f.rule == Rule::StaleEvidence);
        sheet.row(&[
            text(r.id.as_str()),
            text(r.clause.as_str()),
            text(r.text.as_str()),
            text(res.status.as_str()),
            Cell::Pct(res.score.map(|s| s * 100.0)),
            text(if res.met { "yes" } else { "no" }),
            text(res.worst.map_or("", |g| g.as_str())),
            Cell::Flag(res.waived),
            text(answer.owner.as_deref().unwrap_or("")),
            text(answer.evidence.join("\n")),
            Cell::Date(answer.reviewed.as_ref().map(|d| d.value)),
            Cell::Flag(stale),
            Cell::Date(answer.target.as_ref().map(|d| d.value)),
            text(answer.notes.as_deref().unwrap_or("")),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}

const GAPS: [Col; 11] = [
    t("ID", 10.0),
    t("Requirement", 50.0),
    t("Status", 15.0),
    t("Grade", 11.0),
    t("Waived", 8.0),
    t("Rules", 22.0),
    t("Owner", 20.0),
    d("Target", 11.0),
    t("Action", 45.0),
    n("Days", 7.0),
    t("Notes", 36.0),
];

/// The gap register: a row per requirement with findings, in the assessment's ranking.
pub(super) fn gaps(book: &mut Book, run: &Run<'_>) -> Result<()> {
    let mut sheet = book.table("Gaps", &GAPS)?;
    for g in rows::gaps(run) {
        sheet.row(&[
            text(g.id),
            text(g.requirement),
            text(g.status),
            text(g.grade.as_str()),
            Cell::Flag(g.waived),
            list(&g.rules),
            text(g.owner),
            Cell::Date(run.resolved[g.index].target.as_ref().map(|t| t.value)),
            text(g.action),
            Cell::Num(g.effort_days),
            text(g.notes),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}

const FINDINGS: [Col; 8] = [
    t("Requirement", 12.0),
    t("Rule", 22.0),
    t("Grade", 11.0),
    t("Waived", 8.0),
    n("Line", 7.0),
    t("Finding", 50.0),
    t("Remediation", 50.0),
    n("Days", 7.0),
];

/// Every finding with its remediation and the answers-file line that decided it.
pub(super) fn findings(book: &mut Book, run: &Run<'_>) -> Result<()> {
    let mut sheet = book.table("Findings", &FINDINGS)?;
    for f in &run.assessment.findings {
        sheet.row(&[
            text(run.catalogue.requirements[f.requirement].id.as_str()),
            text(f.rule.code()),
            text(f.grade().as_str()),
            Cell::Flag(f.waived),
            num(f.pos.map(|p| f64::from(p.line))),
            text(f.message.as_str()),
            text(f.action.text.as_str()),
            Cell::Num(f.action.effort_days),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}

const EVIDENCE: [Col; 3] = [
    t("Evidence", 50.0),
    d("Reviewed", 11.0),
    t("Supports", 60.0),
];

/// Every distinct piece of evidence in scope, its oldest review date and what it supports.
pub(super) fn evidence(book: &mut Book, run: &Run<'_>) -> Result<()> {
    let mut sheet = book.table("Evidence", &EVIDENCE)?;
    for e in rows::evidence(run) {
        sheet.row(&[
            text(e.evidence),
            Cell::Date(
                e.reviewed
                    .as_deref()
                    .and_then(crate::source::fields::parse_date),
            ),
            list(&e.requirements),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}
