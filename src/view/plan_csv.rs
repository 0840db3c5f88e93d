//! `plan --format csv`: one row per task with the columns issue trackers import (Jira's CSV
//! importer, Azure DevOps' "Import work items"): summary, description, assignee, start, due,
//! priority, depends on, plus the package (an epic or parent) and the effort estimate.
//!
//! Priority is a number (1 most urgent) because Azure DevOps' Priority field takes 1 to 4
//! and Jira maps values during import. Cells a spreadsheet would run as formulas stay text.

use anyhow::Result;

use super::catalogue::format_days;
use super::escape::spreadsheet_cell;
use super::plan::PlanRun;
use super::style::one_line;

/// The header row, in order.
pub const COLUMNS: [&str; 12] = [
    "Requirement",
    "Work Item Type",
    "Summary",
    "Description",
    "Assignee",
    "Start",
    "Due",
    "Priority",
    "Depends On",
    "Package",
    "Effort Days",
    "Critical",
];

/// Renders the plan's tasks as CSV.
pub fn render(run: &PlanRun<'_>) -> Result<Vec<u8>> {
    let plan = run.plan;
    let mut package_of = vec![""; plan.tasks.len()];
    for p in &plan.packages {
        for &t in &p.tasks {
            package_of[t] = &p.id;
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for (i, t) in plan.tasks.iter().enumerate() {
        let r = &run.catalogue.requirements[t.requirement];
        let mut description = format!(
            "{} Requirement {}: {}",
            one_line(&t.action),
            r.id,
            one_line(&r.text)
        );
        description.push_str(&format!(" Worst finding: {}", t.grade.as_str()));
        if t.waived {
            description.push_str(" (waived: planned, not gating)");
        }
        if let Some(target) = t.target {
            description.push_str(&format!("; target {target}"));
        }
        description.push('.');
        let cells = [
            r.id.clone(),
            "Task".to_string(),
            summary(&format!("{} {}", r.id, one_line(&t.action))),
            description,
            one_line(&t.owner),
            t.start.to_string(),
            t.end.to_string(),
            (t.priority as u8 + 1).to_string(),
            t.depends_on.join(" "),
            package_of[i].to_string(),
            format_days(t.effort_days),
            if t.critical { "yes" } else { "" }.to_string(),
        ];
        writer.write_record(cells.iter().map(|c| spreadsheet_cell(c)))?;
    }
    writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write CSV: {e}"))
}

/// Trackers cap a summary (Jira at 255 characters); the whole action is in the description.
fn summary(text: &str) -> String {
    const MAX: usize = 120;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}
