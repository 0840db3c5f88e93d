//! The workbook's remaining data sheets: gaps, findings, the plan's packages and evidence.

use anyhow::Result;
use rust_xlsxwriter::Workbook;

use super::Extras;
use super::xlsx_register::{Cell, Formats, table_sheet, text};
use crate::plan::Plan;
use crate::view::Run;
use crate::view::rows;

/// Adds the gaps, findings, plan and evidence sheets.
pub(super) fn other_sheets(
    wb: &mut Workbook,
    f: &Formats,
    run: &Run<'_>,
    plan: &Plan,
    extras: &Extras<'_>,
) -> Result<()> {
    let a = run.assessment;
    let gaps: Vec<Vec<Cell>> = rows::gaps(run)
        .into_iter()
        .map(|g| {
            vec![
                text(g.id),
                text(g.requirement),
                text(g.status),
                text(g.grade.as_str()),
                text(if g.waived { "yes" } else { "" }),
                text(g.rules.join(", ")),
                text(g.owner),
                Cell::Date(run.resolved[g.index].target.as_ref().map(|t| t.value)),
                text(g.action),
                text(g.notes),
            ]
        })
        .collect();
    table_sheet(
        wb,
        f,
        extras,
        "Gaps",
        &[
            ("ID", 10.0),
            ("Requirement", 50.0),
            ("Status", 15.0),
            ("Grade", 11.0),
            ("Waived", 8.0),
            ("Rules", 22.0),
            ("Owner", 20.0),
            ("Target", 11.0),
            ("Action", 45.0),
            ("Notes", 36.0),
        ],
        &gaps,
    )?;
    let findings: Vec<Vec<Cell>> = a
        .findings
        .iter()
        .map(|x| {
            vec![
                text(run.catalogue.requirements[x.requirement].id.as_str()),
                text(x.rule.code()),
                text(x.grade().as_str()),
                text(if x.waived { "yes" } else { "" }),
                x.pos.map_or(text(""), |p| Cell::Num(f64::from(p.line))),
                text(x.message.as_str()),
                text(x.action.text.as_str()),
                Cell::Num(x.action.effort_days),
            ]
        })
        .collect();
    table_sheet(
        wb,
        f,
        extras,
        "Findings",
        &[
            ("Requirement", 12.0),
            ("Rule", 22.0),
            ("Grade", 11.0),
            ("Waived", 8.0),
            ("Line", 7.0),
            ("Finding", 50.0),
            ("Remediation", 50.0),
            ("Days", 7.0),
        ],
        &findings,
    )?;
    let packages: Vec<Vec<Cell>> = plan
        .packages
        .iter()
        .map(|p| {
            vec![
                text(p.id.as_str()),
                text(p.phase.title()),
                text(p.title.as_str()),
                text(p.priority.as_str()),
                text(p.owners.join(", ")),
                Cell::Num(p.effort_days),
                Cell::Date(Some(p.start)),
                Cell::Date(Some(p.end)),
                text(rows::closes(run.catalogue, plan, p).join(", ")),
                text(p.depends_on.join(", ")),
            ]
        })
        .collect();
    table_sheet(
        wb,
        f,
        extras,
        "Plan",
        &[
            ("Package", 10.0),
            ("Phase", 24.0),
            ("Work", 40.0),
            ("Priority", 9.0),
            ("Owners", 22.0),
            ("Days", 7.0),
            ("Start", 11.0),
            ("End", 11.0),
            ("Closes", 30.0),
            ("After", 12.0),
        ],
        &packages,
    )?;
    let evidence: Vec<Vec<Cell>> = rows::evidence(run)
        .into_iter()
        .map(|e| {
            vec![
                text(e.evidence),
                Cell::Date(
                    e.reviewed
                        .as_deref()
                        .and_then(crate::source::fields::parse_date),
                ),
                text(e.requirements.join(", ")),
            ]
        })
        .collect();
    table_sheet(
        wb,
        f,
        extras,
        "Evidence",
        &[("Evidence", 50.0), ("Reviewed", 11.0), ("Supports", 60.0)],
        &evidence,
    )
}
