//! The plan's part of the deliverable: milestones, the Gantt chart on pages of its own, and
//! the work packages by phase.

use super::markup::{Block, Chart, Inline, Table, col, h, num, text};
use crate::plan::Plan;
use crate::view::Run;
use crate::view::catalogue::format_days;
use crate::view::rows;

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
    out.push(Block::Table(Table {
        columns: vec![col("Milestone", 40), col("Date", 60)],
        rows: vec![
            vec!["Stage 1 ready".into(), m.stage_1_ready.to_string()],
            vec![
                format!("Operating period ({} days)", s.operating_period),
                format!("{} to {}", m.operating_from, m.operating_until),
            ],
            vec!["Stage 2 ready".into(), m.stage_2_ready.to_string()],
        ],
    }));
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
        out.push(h(2, "Targets the schedule cannot meet"));
        out.push(Block::Paragraph(vec![Inline::Text(
            "The answers set these target dates; the schedule can meet them only later.".into(),
        )]));
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
