//! The parts of the plan table that answer a sponsor's questions: can we make the booked
//! audit, who is the bottleneck, which committed targets hold.

use std::fmt::Write as _;

use comfy_table::{Cell, CellAlignment};

use super::catalogue::format_days;
use super::plan::PlanRun;
use super::style::{self, bold_line, sanitize};
use crate::output::Term;
use crate::plan::{AuditCheck, Plan};

/// A booked audit as a milestone line: its label and what the plan says about it.
pub fn line(a: &AuditCheck) -> (String, String) {
    let label = format!("{} audit", a.stage.title());
    let note = if a.reachable {
        format!("booked: reachable, the plan is ready on {}", a.ready)
    } else {
        let mut note = format!("booked: NOT reachable, the plan is ready on {}; ", a.ready);
        match a.capacity_factor_needed {
            Some(f) => {
                let _ = write!(note, "it takes {}× today's capacity", format_days(f));
                if !a.owners.is_empty() {
                    let how = if a.critical_owners_alone {
                        ", or raising only the critical path's owners, in person-days a week:"
                    } else {
                        " for every owner; on the critical path, in person-days a week:"
                    };
                    let owners: Vec<String> = a
                        .owners
                        .iter()
                        .map(|n| {
                            format!(
                                "{} {} → {}",
                                style::one_line(&n.owner),
                                format_days(n.capacity),
                                format_days(n.needed)
                            )
                        })
                        .collect();
                    let _ = write!(note, "{how} {}", owners.join(", "));
                }
            }
            None => {
                let _ = write!(
                    note,
                    "no capacity reaches it: the dependencies and the operating period alone take until {}",
                    a.earliest
                        .map_or_else(|| "later".to_string(), |d| d.to_string())
                );
            }
        }
        note
    };
    (label, note)
}

/// A booked audit as a sentence for a reader of the report: "The stage 2 audit booked for
/// 2027-04-15 is not reachable, the plan is ready on …".
pub fn sentence(a: &AuditCheck) -> String {
    let (label, note) = line(a);
    let note = note.strip_prefix("booked: ").unwrap_or(&note);
    format!(
        "The {} booked for {} is {}.",
        label.to_lowercase(),
        a.date,
        note.replacen("NOT reachable", "not reachable", 1)
    )
}

/// One line per owner: capacity, load, first and last day, the last to finish first.
pub fn owners(plan: &Plan, term: &Term) -> String {
    let mut out = String::new();
    bold_line(
        &mut out,
        term,
        "Owners (the last to finish first; * on the critical path)",
    );
    let mut table = style::table(
        term,
        &[
            "Owner",
            "Per week",
            "Load",
            "Tasks",
            "First day",
            "Last day",
        ],
    );
    for o in &plan.owners {
        table.add_row(vec![
            Cell::new(format!(
                "{}{}",
                sanitize(&o.owner),
                if o.critical { " *" } else { "" }
            )),
            Cell::new(format_days(o.capacity)).set_alignment(CellAlignment::Right),
            Cell::new(format_days(o.load)).set_alignment(CellAlignment::Right),
            Cell::new(o.tasks).set_alignment(CellAlignment::Right),
            Cell::new(o.first.to_string()),
            Cell::new(o.last.to_string()),
        ]);
    }
    let _ = writeln!(out, "{table}\n");
    out
}

/// The answers' targets: missed ones with the date the plan can do, then how many are met.
pub fn targets(run: &PlanRun<'_>, width: usize, term: &Term) -> String {
    let plan = run.plan;
    let mut out = String::new();
    if plan.targets.is_empty() {
        return out;
    }
    let met = plan.targets.iter().filter(|t| t.met).count();
    bold_line(
        &mut out,
        term,
        &format!("Targets: {met} of {} met", plan.targets.len()),
    );
    // One line per answer line and outcome: a target set on a clause covers all its
    // requirements.
    let mut by_line: Vec<(u32, bool, chrono::NaiveDate, Vec<&str>, chrono::NaiveDate)> = Vec::new();
    for t in &plan.targets {
        let id = run.catalogue.requirements[t.requirement].id.as_str();
        match by_line
            .iter_mut()
            .find(|g| g.0 == t.pos.line && g.1 == t.met && g.2 == t.target)
        {
            Some(group) => {
                group.3.push(id);
                group.4 = group.4.max(t.date);
            }
            None => by_line.push((t.pos.line, t.met, t.target, vec![id], t.date)),
        }
    }
    by_line.sort_by_key(|g| (g.1, g.0));
    for (line, met, target, ids, date) in by_line {
        let text = format!(
            "{}: target {target} (line {line}) {}, the plan closes {} on {date}",
            ids.join(", "),
            if met { "met" } else { "MISSED" },
            if ids.len() == 1 { "it" } else { "them" }
        );
        out.push_str(&style::hanging(&text, width, "  - ", "    "));
    }
    out.push('\n');
    out
}
