//! The plan's sheets, with the facts `plan --format table` and `--format json` show: the
//! milestones and booked audits (reachable or not, and the capacity that would reach them),
//! each owner's capacity, load and finish, the work packages and tasks, the critical path and
//! the answers' targets met or missed. Every figure is the plan's own.

use anyhow::Result;

use super::workbook::Book;
use super::workbook_cell::{Cell, Col, d, list, n, num, t, text};
use crate::plan::{AuditCheck, OwnerNeed, Plan};
use crate::view::Run;
use crate::view::rows;

const MILESTONES: [Col; 3] = [t("Milestone", 22.0), d("Date", 11.0), t("Note", 90.0)];

/// The dates the plan reaches, then the booked audits judged in the table's words.
pub(super) fn milestones(book: &mut Book, run: &Run<'_>, plan: &Plan) -> Result<()> {
    let m = &plan.milestones;
    let verdict = run.assessment.verdict;
    let mut sheet = book.table("Milestones", &MILESTONES)?;
    sheet.row(&[
        text("Stage 1 ready"),
        Cell::Date(Some(m.stage_1_ready)),
        text(if verdict >= crate::assess::Verdict::Stage1Ready {
            "ready now: the documents are in place and internal audit and management review are under way"
        } else {
            "documents in place; internal audit and management review under way"
        }),
    ])?;
    sheet.row(&[
        text("Operating period from"),
        Cell::Date(Some(m.operating_from)),
        text(format!(
            "a {}-day operating period produces the records stage 2 samples",
            plan.settings.operating_period
        )),
    ])?;
    sheet.row(&[
        text("Operating period until"),
        Cell::Date(Some(m.operating_until)),
        Cell::Empty,
    ])?;
    sheet.row(&[
        text("Stage 2 ready"),
        Cell::Date(Some(m.stage_2_ready)),
        text(if verdict == crate::assess::Verdict::Stage2Ready {
            "ready now: every record in place and no major finding"
        } else {
            "after the operating period and one more internal audit and management review"
        }),
    ])?;
    for a in &plan.audits {
        let (label, note) = crate::view::plan_audits::line(a);
        sheet.row(&[text(label), Cell::Date(Some(a.date)), text(note)])?;
    }
    sheet.finish()?;
    Ok(())
}

const AUDITS: [Col; 10] = [
    t("Stage", 9.0),
    d("Booked", 11.0),
    d("Ready", 11.0),
    t("Reachable", 10.0),
    n("Capacity factor", 15.0),
    t("Critical owners alone", 20.0),
    d("Earliest", 11.0),
    t("Owner", 28.0),
    n("Per week", 10.0),
    n("Needed", 10.0),
];

/// Each booked audit with the capacity that would reach it: a row per owner the search
/// raises (the audit's own columns repeated, so a filter on the stage shows one audit), or
/// one row when it raises none.
pub(super) fn audits(book: &mut Book, plan: &Plan) -> Result<()> {
    let mut sheet = book.table("Audits", &AUDITS)?;
    for a in &plan.audits {
        if a.owners.is_empty() {
            sheet.row(&audit_row(a, None))?;
        }
        for o in &a.owners {
            sheet.row(&audit_row(a, Some(o)))?;
        }
    }
    sheet.finish()?;
    Ok(())
}

fn audit_row<'a>(a: &'a AuditCheck, owner: Option<&'a OwnerNeed>) -> [Cell<'a>; 10] {
    [
        text(a.stage.key()),
        Cell::Date(Some(a.date)),
        Cell::Date(Some(a.ready)),
        text(if a.reachable { "yes" } else { "no" }),
        num(a.capacity_factor_needed),
        Cell::Flag(a.critical_owners_alone),
        Cell::Date(a.earliest),
        owner.map_or(Cell::Empty, |o| text(o.owner.as_str())),
        num(owner.map(|o| o.capacity)),
        num(owner.map(|o| o.needed)),
    ]
}

const OWNERS: [Col; 7] = [
    t("Owner", 30.0),
    n("Per week", 10.0),
    n("Load", 8.0),
    n("Tasks", 7.0),
    d("First day", 11.0),
    d("Last day", 11.0),
    t("Critical", 8.0),
];

/// One row per owner, the last to finish first: who the bottleneck is.
pub(super) fn owners(book: &mut Book, plan: &Plan) -> Result<()> {
    let mut sheet = book.table("Owners", &OWNERS)?;
    for o in &plan.owners {
        sheet.row(&[
            text(o.owner.as_str()),
            Cell::Num(o.capacity),
            Cell::Num(o.load),
            Cell::Num(o.tasks as f64),
            Cell::Date(Some(o.first)),
            Cell::Date(Some(o.last)),
            Cell::Flag(o.critical),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}

const PACKAGES: [Col; 11] = [
    t("Package", 10.0),
    t("Phase", 24.0),
    t("Work", 40.0),
    t("Priority", 9.0),
    t("Owners", 22.0),
    n("Days", 7.0),
    d("Start", 11.0),
    d("End", 11.0),
    t("Closes", 30.0),
    t("After", 12.0),
    t("Critical", 8.0),
];

/// The work packages by start date.
pub(super) fn packages(book: &mut Book, run: &Run<'_>, plan: &Plan) -> Result<()> {
    let mut sheet = book.table("Plan", &PACKAGES)?;
    for p in &plan.packages {
        sheet.row(&[
            text(p.id.as_str()),
            text(p.phase.title()),
            text(p.title.as_str()),
            text(p.priority.as_str()),
            text(p.owners.join(", ")),
            Cell::Num(p.effort_days),
            Cell::Date(Some(p.start)),
            Cell::Date(Some(p.end)),
            list(&rows::closes(run.catalogue, plan, p)),
            list(&p.depends_on),
            Cell::Flag(p.critical),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}

const TASKS: [Col; 14] = [
    t("Requirement", 12.0),
    t("Package", 10.0),
    t("Action", 50.0),
    t("Priority", 9.0),
    t("Grade", 11.0),
    t("Waived", 8.0),
    t("Owner", 24.0),
    n("Days", 7.0),
    d("Start", 11.0),
    d("End", 11.0),
    d("Target", 11.0),
    t("After", 12.0),
    t("Critical", 8.0),
    t("Phase", 24.0),
];

/// Every task, package by package.
pub(super) fn tasks(book: &mut Book, run: &Run<'_>, plan: &Plan) -> Result<()> {
    let mut sheet = book.table("Tasks", &TASKS)?;
    for p in &plan.packages {
        for &ti in &p.tasks {
            let task = &plan.tasks[ti];
            sheet.row(&[
                text(run.catalogue.requirements[task.requirement].id.as_str()),
                text(p.id.as_str()),
                text(task.action.as_str()),
                text(task.priority.as_str()),
                text(task.grade.as_str()),
                Cell::Flag(task.waived),
                text(task.owner.as_str()),
                Cell::Num(task.effort_days),
                Cell::Date(Some(task.start)),
                Cell::Date(Some(task.end)),
                Cell::Date(task.target),
                list(&task.depends_on),
                Cell::Flag(task.critical),
                text(p.phase.title()),
            ])?;
        }
    }
    sheet.finish()?;
    Ok(())
}

const CRITICAL_PATH: [Col; 6] = [
    n("Step", 6.0),
    t("Requirement", 12.0),
    t("Owner", 28.0),
    n("Days", 7.0),
    d("Start", 11.0),
    d("End", 11.0),
];

/// The chain of tasks that decides the stage 2 date, first to last.
pub(super) fn critical_path(book: &mut Book, run: &Run<'_>, plan: &Plan) -> Result<()> {
    let mut sheet = book.table("Critical path", &CRITICAL_PATH)?;
    for (step, &ti) in plan.critical_path.iter().enumerate() {
        let task = &plan.tasks[ti];
        sheet.row(&[
            Cell::Num((step + 1) as f64),
            text(run.catalogue.requirements[task.requirement].id.as_str()),
            text(task.owner.as_str()),
            Cell::Num(task.effort_days),
            Cell::Date(Some(task.start)),
            Cell::Date(Some(task.end)),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}

const TARGETS: [Col; 5] = [
    t("Requirement", 12.0),
    d("Target", 11.0),
    d("Plan closes", 12.0),
    t("Met", 6.0),
    n("Line", 7.0),
];

/// Every answer's committed target against the date the plan closes the gap.
pub(super) fn targets(book: &mut Book, run: &Run<'_>, plan: &Plan) -> Result<()> {
    let mut sheet = book.table("Targets", &TARGETS)?;
    for target in &plan.targets {
        sheet.row(&[
            text(run.catalogue.requirements[target.requirement].id.as_str()),
            Cell::Date(Some(target.target)),
            Cell::Date(Some(target.date)),
            text(if target.met { "yes" } else { "no" }),
            Cell::Num(f64::from(target.pos.line)),
        ])?;
    }
    sheet.finish()?;
    Ok(())
}
