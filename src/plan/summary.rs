//! What the schedule adds up to: the critical path, each owner's load, the targets met and
//! missed, and the warnings a reader needs before trusting the dates.

use chrono::{Months, NaiveDate};

use super::parallel::Schedule;
use super::work::Draft;
use super::{Milestones, MissedTarget, PlanSettings, Task, round_days};
use crate::answers::Resolved;
use crate::catalogue::Catalogue;
use crate::diag::Pos;

/// One owner's share of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerLoad {
    pub owner: String,
    /// Person-days a week.
    pub capacity: f64,
    /// Person-days of work.
    pub load: f64,
    pub tasks: usize,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Works on the critical path.
    pub critical: bool,
}

/// An answer's `target` against the date the plan closes the gap.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetCheck {
    pub requirement: usize,
    pub target: NaiveDate,
    /// The day the plan closes it.
    pub date: NaiveDate,
    pub met: bool,
    pub pos: Pos,
}

/// Each task's `depends_on`: the catalogue dependencies that still have a gap to close (a
/// requirement with work, or a clause with work below it), in the catalogue's words.
pub(super) fn link_dependencies(
    catalogue: &Catalogue,
    drafts: &[Draft],
    position: &[usize],
    tasks: &mut [Task],
) {
    let mut open_requirement = vec![false; catalogue.requirements.len()];
    let mut open_clause = vec![false; catalogue.clauses.len()];
    for draft in drafts.iter().filter(|d| d.blocking) {
        open_requirement[draft.requirement] = true;
        let mut at = catalogue.clause_position(&catalogue.requirements[draft.requirement].clause);
        while let Some(c) = at {
            if open_clause[c] {
                break; // its ancestors are marked already
            }
            open_clause[c] = true;
            at = catalogue.clauses[c].parent;
        }
    }
    for (d, draft) in drafts.iter().enumerate() {
        if !draft.blocking {
            continue;
        }
        let r = &catalogue.requirements[draft.requirement];
        tasks[position[d]].depends_on = r
            .depends_on
            .iter()
            .filter(|dep| {
                catalogue
                    .requirement_position(dep)
                    .map(|i| open_requirement[i] && i != draft.requirement)
                    .or_else(|| catalogue.clause_position(dep).map(|c| open_clause[c]))
                    .unwrap_or(false)
            })
            .cloned()
            .collect();
    }
}

/// Marks the chain of tasks that decides when the last gap closes, and returns it first to
/// last: from the last gap to close, back through whatever held each task back.
pub(super) fn critical_path(
    drafts: &[Draft],
    schedule: &Schedule,
    position: &[usize],
    tasks: &mut [Task],
) -> Vec<usize> {
    let last = (0..drafts.len())
        .filter(|&d| drafts[d].blocking)
        .max_by_key(|&d| (schedule.slots[d].end, position[d]));
    let mut path = Vec::new();
    let mut at = last;
    while let Some(d) = at {
        if tasks[position[d]].critical {
            break; // a guard: drivers always point back in time
        }
        tasks[position[d]].critical = true;
        path.push(position[d]);
        at = schedule.slots[d].driver;
    }
    path.reverse();
    path
}

/// Each owner's load, first and last day; the last to finish first, so the bottleneck leads.
pub(super) fn owner_loads(settings: &PlanSettings, tasks: &[Task]) -> Vec<OwnerLoad> {
    let mut loads: Vec<OwnerLoad> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for t in tasks {
        let i = *index.entry(&t.owner).or_insert_with(|| {
            loads.push(OwnerLoad {
                owner: t.owner.clone(),
                capacity: settings.capacity_of(&t.owner),
                load: 0.0,
                tasks: 0,
                first: t.start,
                last: t.end,
                critical: false,
            });
            loads.len() - 1
        });
        let load = &mut loads[i];
        load.load += t.effort_days;
        load.tasks += 1;
        load.first = load.first.min(t.start);
        load.last = load.last.max(t.end);
        load.critical |= t.critical;
    }
    for load in &mut loads {
        load.load = round_days(load.load);
    }
    loads.sort_by(|a, b| b.last.cmp(&a.last).then_with(|| a.owner.cmp(&b.owner)));
    loads
}

/// Every answer target on planned work, met or not, and the missed ones.
pub(super) fn targets(
    resolved: &[Resolved],
    tasks: &[Task],
) -> (Vec<TargetCheck>, Vec<MissedTarget>) {
    let mut checks: Vec<TargetCheck> = tasks
        .iter()
        .filter_map(|t| {
            let target = resolved[t.requirement].target.as_ref()?;
            Some(TargetCheck {
                requirement: t.requirement,
                target: target.value,
                date: t.end,
                met: t.end <= target.value,
                pos: target.pos,
            })
        })
        .collect();
    checks.sort_by_key(|c| c.requirement);
    let missed = checks
        .iter()
        .filter(|c| !c.met)
        .map(|c| MissedTarget {
            requirement: c.requirement,
            target: c.target,
            feasible: c.date,
            pos: c.pos,
        })
        .collect();
    (checks, missed)
}

/// The capacity behind a date, in words: the default, the named owners, and who carries the
/// critical path.
pub(super) fn capacity_words(
    settings: &PlanSettings,
    tasks: &[Task],
    critical_path: &[usize],
) -> String {
    let days = crate::view::catalogue::format_days;
    let mut text = if settings.team.is_empty() {
        format!("{} person-days a week per owner", days(settings.capacity))
    } else {
        let named: Vec<String> = settings
            .team
            .iter()
            .map(|(o, c)| format!("{} {}", crate::view::style::one_line(o), days(*c)))
            .collect();
        format!(
            "{} person-days a week per owner not in the team file ({})",
            days(settings.capacity),
            named.join(", ")
        )
    };
    let mut critical: Vec<&str> = Vec::new();
    for &t in critical_path {
        if !critical.contains(&tasks[t].owner.as_str()) {
            critical.push(&tasks[t].owner);
        }
    }
    if !critical.is_empty() {
        let list: Vec<String> = critical
            .iter()
            .map(|o| {
                format!(
                    "{} at {}",
                    crate::view::style::one_line(o),
                    days(settings.capacity_of(o))
                )
            })
            .collect();
        text.push_str(&format!(
            "; the critical path runs through {}",
            list.join(", ")
        ));
    }
    text
}

/// A stage date more than five years out is almost always a capacity typed wrong.
pub(super) fn warnings(
    settings: &PlanSettings,
    milestones: &Milestones,
    tasks: &[Task],
    critical_path: &[usize],
) -> Vec<String> {
    let horizon = settings
        .start
        .checked_add_months(Months::new(60))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    if milestones.stage_2_ready > horizon {
        out.push(format!(
            "stage 2 ready on {}, more than five years after the start ({}): the plan gives {}; check --capacity, --team and the effort_days of the answers",
            milestones.stage_2_ready,
            settings.start,
            capacity_words(settings, tasks, critical_path)
        ));
    }
    out
}
