//! The plan's part of the deliverable: milestones with the booked audits, the owners, the
//! Gantt chart on pages of its own, the work packages by phase and the targets it misses.

use super::markup::{Block, Chart, Inline, Table, col, h, num, text};
use crate::plan::Plan;
use crate::view::Run;
use crate::view::catalogue::format_days;
use crate::view::{plan_audits, rows};

/// Appends the plan's blocks.
pub(super) fn plan<'a>(run: &Run<'a>, plan: &'a Plan, out: &mut Vec<Block<'a>>) {
    let m = &plan.milestones;
    let s = &plan.settings;
    out.push(h(1, "Remediation plan"));
    out.push(Block::Paragraph(text(format!(
        "From {}, each owner in parallel at {} person-days a week: {} requirements in {} work packages, {} person-days.",
        s.start,
        format_days(s.capacity),
        plan.tasks.len(),
        plan.packages.len(),
        format_days(plan.effort_days)
    ))));
    if let Some(clause) = &run.assessment.settings.clause {
        out.push(Block::Paragraph(text(format!(
            "Clause {clause} only, as the whole plan schedules it; the milestones and booked audits are the whole system's."
        ))));
    }
    let mut milestones = vec![
        vec!["Stage 1 ready".into(), m.stage_1_ready.to_string()],
        vec![
            format!("Operating period ({} days)", s.operating_period),
            format!("{} to {}", m.operating_from, m.operating_until),
        ],
        vec!["Stage 2 ready".into(), m.stage_2_ready.to_string()],
    ];
    // A booked audit: its date, and whether the plan reaches it or what would.
    for a in &plan.audits {
        let (label, note) = plan_audits::line(a);
        let note = note.strip_prefix("booked: ").unwrap_or(&note);
        milestones.push(vec![
            format!("{label} (booked)"),
            format!("{}: {note}", a.date),
        ]);
    }
    out.push(Block::Table(Table {
        columns: vec![col("Milestone", 30), col("Date", 70)],
        rows: milestones,
    }));
    owners(plan, out);
    if !plan.packages.is_empty() {
        out.push(Block::PageBreak);
        out.push(h(2, "Schedule"));
        out.push(Block::Chart(Chart::Gantt(plan)));
        out.push(Block::PageBreak);
    }
    for (phase, packages) in rows::packages_by_phase(plan) {
        out.push(h(2, phase.title()));
        out.push(Block::Table(Table {
            columns: vec![
                col("Package", 8),
                col("Work", 20),
                col("Priority", 8),
                col("Owners", 13),
                num("Days", 6),
                col("Start", 11),
                col("End", 11),
                col("Closes", 17),
                col("After", 8),
            ],
            rows: packages
                .iter()
                .map(|p| {
                    vec![
                        p.id.clone(),
                        format!("{}{}", p.title, if p.waived { " (waived)" } else { "" }),
                        p.priority.as_str().to_string(),
                        p.owners.join(", "),
                        format_days(p.effort_days),
                        p.start.to_string(),
                        p.end.to_string(),
                        rows::closes(run.catalogue, plan, p).join(", "),
                        p.depends_on.join(", "),
                    ]
                })
                .collect(),
        }));
    }
    if !plan.missed_targets.is_empty() {
        let met = plan.targets.iter().filter(|t| t.met).count();
        out.push(h(2, "Targets the schedule cannot meet"));
        out.push(Block::Paragraph(vec![Inline::Text(format!(
            "The answers set {} target date{}; the schedule meets {met}. It can meet these only later.",
            plan.targets.len(),
            if plan.targets.len() == 1 { "" } else { "s" },
        ))]));
        out.push(Block::Table(Table {
            columns: vec![
                col("Requirement", 25),
                col("Target", 25),
                col("Schedule can meet", 35),
                num("Line", 15),
            ],
            rows: plan
                .missed_targets
                .iter()
                .map(|t| {
                    vec![
                        run.catalogue.requirements[t.requirement].id.clone(),
                        t.target.to_string(),
                        t.feasible.to_string(),
                        t.pos.line.to_string(),
                    ]
                })
                .collect(),
        }));
    }
}

/// Who does the work: each owner's capacity, load and days, the last to finish first.
fn owners<'a>(plan: &'a Plan, out: &mut Vec<Block<'a>>) {
    if plan.owners.is_empty() {
        return;
    }
    out.push(h(
        2,
        "Owners (the last to finish first; * on the critical path)",
    ));
    out.push(Block::Table(Table {
        columns: vec![
            col("Owner", 34),
            num("Per week", 12),
            num("Load (days)", 12),
            num("Tasks", 8),
            col("First day", 17),
            col("Last day", 17),
        ],
        rows: plan
            .owners
            .iter()
            .map(|o| {
                vec![
                    format!("{}{}", o.owner, if o.critical { " *" } else { "" }),
                    format_days(o.capacity),
                    format_days(o.load),
                    o.tasks.to_string(),
                    o.first.to_string(),
                    o.last.to_string(),
                ]
            })
            .collect(),
    }));
}
