//! The plan as a Mermaid `gantt` block, which GitHub and GitLab draw in Markdown: a section
//! per phase, a bar per work package (critical ones marked `crit`), the milestones and
//! booked audits, and the weekends and holidays left out of the bars.

use std::fmt::Write as _;

use chrono::Days;

use crate::plan::Plan;

/// More bars than this make a chart nobody reads, and Markdown has a size limit in a pull
/// request comment; the tables beside it list every package.
pub const MAX_BARS: usize = 150;

/// A fenced ```` ```mermaid ```` block with the plan's Gantt chart.
pub fn gantt(plan: &Plan) -> String {
    let mut out =
        String::from("```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m-%d\n");
    let first = plan.settings.start;
    let last = plan.milestones.stage_2_ready;
    let holidays: Vec<String> = plan
        .settings
        .calendar
        .holidays()
        .iter()
        .filter(|h| **h >= first && **h <= last)
        .map(ToString::to_string)
        .collect();
    if holidays.is_empty() {
        out.push_str("    excludes weekends\n");
    } else {
        let _ = writeln!(out, "    excludes weekends, {}", holidays.join(", "));
    }
    let mut bars = 0;
    for (phase, packages) in crate::view::rows::packages_by_phase(plan) {
        let _ = writeln!(out, "    section {}", label(phase.title()));
        for p in packages {
            if bars == MAX_BARS {
                break;
            }
            bars += 1;
            let after = p.end.checked_add_days(Days::new(1)).unwrap_or(p.end);
            let _ = writeln!(
                out,
                "    {} {} :{}p{bars}, {}, {}",
                p.id,
                label(&p.title),
                if p.critical { "crit, " } else { "" },
                p.start,
                after
            );
        }
    }
    let m = &plan.milestones;
    out.push_str("    section Milestones\n");
    let _ = writeln!(
        out,
        "    Stage 1 ready :milestone, m1, {}, 0d",
        m.stage_1_ready
    );
    let _ = writeln!(
        out,
        "    Stage 2 ready :milestone, m2, {}, 0d",
        m.stage_2_ready
    );
    for (i, a) in plan.audits.iter().enumerate() {
        let _ = writeln!(
            out,
            "    {} audit booked{} :milestone, {}a{i}, {}, 0d",
            a.stage.title(),
            if a.reachable { "" } else { " (not reachable)" },
            if a.reachable { "" } else { "crit, " },
            a.date
        );
    }
    out.push_str("```\n");
    if bars < plan.packages.len() {
        let _ = writeln!(
            out,
            "\nThe chart shows the first {bars} of {} work packages; the tables list them all.",
            plan.packages.len()
        );
    }
    out
}

/// A bar's name: no `:` (it ends the name), `;` or `#` (comments and entities), one line.
fn label(text: &str) -> String {
    crate::view::style::one_line(text)
        .chars()
        .map(|c| match c {
            ':' | ';' | '#' => ' ',
            '`' => '\'',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}
