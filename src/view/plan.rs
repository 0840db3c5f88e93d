//! `plan --format table`: the roadmap a client signs: milestones and booked audits first,
//! then one line per owner (so a sponsor sees who the bottleneck is), then the work packages
//! phase by phase, then the answers' targets met and missed.

use std::fmt::Write as _;

use comfy_table::Cell;

use super::catalogue::format_days;
use super::style::{self, bold, bold_line, one_line, sanitize};
use crate::output::Term;
use crate::plan::Plan;

/// What a plan view shows.
#[derive(Debug, Clone, Copy)]
pub struct PlanRun<'a> {
    pub catalogue: &'a crate::catalogue::Catalogue,
    pub file: &'a crate::answers::AnswersFile,
    pub assessment: &'a crate::assess::Assessment,
    pub plan: &'a Plan,
}

/// Renders the plan for a terminal or a text file.
pub fn render(run: &PlanRun<'_>, term: &Term) -> String {
    let plan = run.plan;
    let width = usize::from(term.width);
    let mut out = String::new();
    bold_line(
        &mut out,
        term,
        &format!(
            "Remediation plan: {}",
            one_line(&run.file.meta.organization)
        ),
    );
    let s = &plan.settings;
    out.push_str(&style::wrap(
        &format!(
            "From {}, {} in parallel at {} a week each{}: {} in {}, {}.",
            s.start,
            style::count(plan.owners.len(), "owner"),
            style::person_days(s.capacity),
            if s.team.is_empty() {
                ""
            } else {
                " unless the team file says otherwise"
            },
            style::count(plan.tasks.len(), "requirement"),
            style::count(plan.packages.len(), "work package"),
            style::person_days(plan.effort_days)
        ),
        width,
        "",
    ));
    if let Some(clause) = &run.assessment.settings.clause {
        out.push_str(&style::wrap(
            &format!(
                "Clause {clause} only, as the whole plan schedules it; the milestones and booked audits are the whole system's."
            ),
            width,
            "",
        ));
    }
    out.push('\n');
    let m = &plan.milestones;
    let stage_1_note = if run.assessment.verdict >= crate::assess::Verdict::Stage1Ready {
        "ready now: the documents are in place and internal audit and management review are under way".to_string()
    } else {
        "documents in place; internal audit and management review under way".to_string()
    };
    milestone(
        &mut out,
        term,
        "Stage 1 ready",
        m.stage_1_ready,
        &stage_1_note,
        width,
    );
    let stage_2_note = if run.assessment.verdict == crate::assess::Verdict::Stage2Ready {
        "ready now: every record in place and no major finding".to_string()
    } else {
        format!(
            "after a {}-day operating period ({} to {}) and one more internal audit and management review",
            s.operating_period, m.operating_from, m.operating_until
        )
    };
    milestone(
        &mut out,
        term,
        "Stage 2 ready",
        m.stage_2_ready,
        &stage_2_note,
        width,
    );
    for a in &plan.audits {
        let (label, note) = super::plan_audits::line(a);
        milestone(&mut out, term, &label, a.date, &note, width);
    }
    out.push('\n');
    if !plan.owners.is_empty() {
        out.push_str(&super::plan_audits::owners(plan, term));
    }
    if plan.packages.is_empty() {
        let _ = writeln!(
            out,
            "Nothing to plan: every requirement in scope is met with evidence."
        );
        return out;
    }
    let narrow = width < 100;
    for (phase, packages) in crate::view::rows::packages_by_phase(plan) {
        let effort: f64 = packages.iter().map(|p| p.effort_days).sum();
        bold_line(
            &mut out,
            term,
            &format!(
                "{}: {}, {}",
                phase.title(),
                style::count(packages.len(), "package"),
                style::person_days(effort)
            ),
        );
        let header: &[&str] = if narrow {
            &["Package", "Work", "Pri", "Owner", "Days", "Start / end"]
        } else {
            &["Package", "Work", "Pri", "Owner", "Days", "Start", "End"]
        };
        let mut table = style::table(term, header);
        for p in packages {
            let closes = crate::view::rows::closes(run.catalogue, plan, p);
            let mut work = sanitize(&p.title);
            let _ = write!(work, "\ncloses {}", closes.join(", "));
            if !p.depends_on.is_empty() {
                let _ = write!(work, "\nafter {}", p.depends_on.join(", "));
            }
            if p.waived {
                work.push_str("\n(waived: planned, not gating)");
            }
            if p.critical {
                work.push_str("\non the critical path");
            }
            let owner = match p.owners.as_slice() {
                [one] => sanitize(one),
                [first, rest @ ..] => format!("{} +{}", sanitize(first), rest.len()),
                [] => "unassigned".into(),
            };
            let mut row = vec![
                Cell::new(&p.id),
                Cell::new(work),
                Cell::new(p.priority.as_str()),
                Cell::new(owner),
                Cell::new(format_days(p.effort_days))
                    .set_alignment(comfy_table::CellAlignment::Right),
            ];
            if narrow {
                row.push(Cell::new(format!("{}\n{}", p.start, p.end)));
            } else {
                row.push(Cell::new(p.start.to_string()));
                row.push(Cell::new(p.end.to_string()));
            }
            table.add_row(row);
        }
        let _ = writeln!(out, "{table}\n");
    }
    out.push_str(&super::plan_audits::targets(run, width, term));
    out.push_str(&style::wrap(
        &format!(
            "Priorities: P1 major gap in clauses 4-7 or on documented information, P2 other major, P3 minor, P4 observation. Dates are working days (Monday to Friday{}); each owner works in parallel at their own capacity.",
            match s.calendar.holidays().len() {
                0 => String::new(),
                n => format!(", less {}", style::count(n, "holiday")),
            }
        ),
        width,
        "",
    ));
    out
}

fn milestone(
    out: &mut String,
    term: &Term,
    label: &str,
    date: chrono::NaiveDate,
    note: &str,
    width: usize,
) {
    let first = format!("  {}{date}  ", bold(term, &format!("{label:<15}")));
    let plain_len = 2 + 15 + 10 + 2;
    let wrapped = style::wrap(note, width.saturating_sub(plain_len), "");
    for (i, line) in wrapped.lines().enumerate() {
        if i == 0 {
            out.push_str(&first);
        } else {
            out.push_str(&" ".repeat(plain_len));
        }
        out.push_str(line);
        out.push('\n');
    }
}
