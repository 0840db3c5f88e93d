//! The remediation plan: every finding becomes dated work for one shared team, grouped into
//! work packages, with the dates the organization can face its stage 1 and stage 2 audits.
//!
//! Pure functions only: the start date and capacity come in, nothing reads the clock. The
//! order is fully determined (priority, then catalogue order), so the same inputs always give
//! the same plan.

pub mod calendar;
mod schedule;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::answers::{Resolved, Status};
use crate::assess::{Assessment, Grade, Verdict};
use crate::catalogue::{Catalogue, DocumentedInformation, clause_contains, top_clause};
use crate::diag::Pos;
use calendar::Team;
use schedule::{group, group_dependencies, group_order, packages, within_group_order};

/// Default length of the operating period between closing the gaps and the stage 2 audit.
pub const DEFAULT_OPERATING_PERIOD: u32 = 90;

/// How the work is scheduled.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSettings {
    pub start: NaiveDate,
    /// Person-days of work per week, spread over Monday to Friday.
    pub capacity: f64,
    /// Calendar days the system runs to produce records before stage 2.
    pub operating_period: u32,
    /// One package per leaf clause, or one per requirement.
    pub group: Grouping,
}

/// How requirements are grouped into packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Clause,
    Requirement,
}

/// Remediation priority: P1 is the most urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
}

impl Priority {
    /// `P1` to `P4`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
        }
    }
}

/// The phase of the programme a package belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Clauses 4 to 7: context, leadership, planning, support.
    Foundations,
    /// Clause 8.
    Operation,
    /// Clauses 9 and 10.
    EvaluationAndImprovement,
}

impl Phase {
    /// The phase of a clause.
    pub fn of(clause: &str) -> Phase {
        match top_clause(clause) {
            "8" => Phase::Operation,
            "9" | "10" => Phase::EvaluationAndImprovement,
            _ => Phase::Foundations,
        }
    }

    /// A heading for people.
    pub fn title(self) -> &'static str {
        match self {
            Phase::Foundations => "Foundations (clauses 4-7)",
            Phase::Operation => "Operation (clause 8)",
            Phase::EvaluationAndImprovement => "Evaluation and improvement (clauses 9-10)",
        }
    }

    /// A stable key for data formats.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Foundations => "foundations",
            Phase::Operation => "operation",
            Phase::EvaluationAndImprovement => "evaluation-and-improvement",
        }
    }
}

/// The work on one requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// Index in `Catalogue::requirements`.
    pub requirement: usize,
    pub priority: Priority,
    /// The worst grade of its findings.
    pub grade: Grade,
    /// Every finding on it is waived (still planned, marked).
    pub waived: bool,
    pub owner: String,
    /// The remediation of each of its findings, one per line.
    pub action: String,
    pub effort_days: f64,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A group of tasks: one leaf clause, or one requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The clause id, or the requirement id with per-requirement grouping.
    pub id: String,
    /// The leaf clause.
    pub clause: String,
    pub title: String,
    pub phase: Phase,
    /// The highest priority among its tasks.
    pub priority: Priority,
    /// The worst grade among its tasks.
    pub grade: Grade,
    /// True when every task in it is waived.
    pub waived: bool,
    /// Owners in first-seen order.
    pub owners: Vec<String>,
    pub effort_days: f64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Indexes into `Plan::tasks`, in schedule order.
    pub tasks: Vec<usize>,
    /// Ids of the packages whose work must finish first.
    pub depends_on: Vec<String>,
}

/// An answer whose committed `target` comes before the schedule can close the gap.
#[derive(Debug, Clone, PartialEq)]
pub struct MissedTarget {
    pub requirement: usize,
    pub target: NaiveDate,
    /// The date the schedule can meet.
    pub feasible: NaiveDate,
    pub pos: Pos,
}

/// Projected audit-readiness dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestones {
    pub stage_1_ready: NaiveDate,
    pub stage_2_ready: NaiveDate,
    /// When the operating period that produces records for stage 2 starts and ends.
    pub operating_from: NaiveDate,
    pub operating_until: NaiveDate,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub settings: PlanSettings,
    /// Tasks in schedule order.
    pub tasks: Vec<Task>,
    /// Packages by start date, then id.
    pub packages: Vec<Package>,
    pub milestones: Milestones,
    pub missed_targets: Vec<MissedTarget>,
    pub effort_days: f64,
}

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The dependencies of these requirements wait on each other.
    Cycle(Vec<String>),
    /// The schedule runs past the last date the calendar can hold.
    TooFar,
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::Cycle(ids) => write!(
                f,
                "these work packages wait on each other, so none of them can start: {}; plan with `--group requirement`, or remove a dependency from the catalogue",
                ids.join(", ")
            ),
            PlanError::TooFar => write!(
                f,
                "the plan would run past the year {}: raise --capacity, shorten --operating-period, or check the effort_days of the answers",
                chrono::Datelike::year(&NaiveDate::MAX)
            ),
        }
    }
}

impl std::error::Error for PlanError {}

/// The priority of work on `requirement` whose worst finding is `grade`.
pub fn priority(grade: Grade, clause: &str, documented: DocumentedInformation) -> Priority {
    match grade {
        Grade::Major
            if matches!(top_clause(clause), "4" | "5" | "6" | "7")
                || documented != DocumentedInformation::None =>
        {
            Priority::P1
        }
        Grade::Major => Priority::P2,
        Grade::Minor => Priority::P3,
        Grade::Observation => Priority::P4,
    }
}

/// Plans the remediation of every finding of `assessment`.
///
/// Requirements are grouped into work packages first; a package is worked on as a unit, once
/// every package it depends on has ended (so no package starts before its dependency), the
/// most urgent ready package first, then in catalogue order. Inside a package, requirements
/// go in dependency order, then priority, then catalogue order.
pub fn plan(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    assessment: &Assessment,
    clause_efforts: &HashMap<String, f64>,
    settings: &PlanSettings,
) -> Result<Plan, PlanError> {
    let drafts = drafts(catalogue, resolved, assessment, clause_efforts);
    let groups = group(catalogue, &drafts, settings.group);
    let deps = group_dependencies(catalogue, &drafts, &groups);
    let order = group_order(&drafts, &groups, &deps)?;
    let mut team = Team::new(settings.start, settings.capacity);
    let mut tasks: Vec<Task> = Vec::with_capacity(drafts.len());
    let mut ends: Vec<Option<NaiveDate>> = vec![None; groups.len()];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for g in order {
        if let Some(after) = deps[g].iter().filter_map(|&d| ends[d]).max() {
            team.start_after(after);
        }
        for d in within_group_order(catalogue, &drafts, &groups[g].members) {
            let draft = &drafts[d];
            let (start, end) = team.work(draft.effort_days);
            members[g].push(tasks.len());
            tasks.push(Task {
                requirement: draft.requirement,
                priority: draft.priority,
                grade: draft.grade,
                waived: draft.waived,
                owner: draft.owner.clone(),
                action: draft.action.clone(),
                effort_days: draft.effort_days,
                start,
                end,
            });
        }
        ends[g] = members[g].iter().map(|&t| tasks[t].end).max();
    }
    let packages = packages(catalogue, &tasks, &groups, &deps, members);
    let milestones = milestones(catalogue, assessment, &tasks, settings);
    if milestones.stage_2_ready == NaiveDate::MAX
        || milestones.stage_1_ready == NaiveDate::MAX
        || tasks.iter().any(|t| t.end == NaiveDate::MAX)
    {
        return Err(PlanError::TooFar);
    }
    let missed_targets = missed_targets(resolved, &tasks);
    let effort_days = tasks.iter().map(|t| t.effort_days).sum();
    Ok(Plan {
        settings: settings.clone(),
        tasks,
        packages,
        milestones,
        missed_targets,
        effort_days,
    })
}

/// A task before it has dates.
pub(super) struct Draft {
    pub(super) requirement: usize,
    pub(super) priority: Priority,
    pub(super) grade: Grade,
    pub(super) waived: bool,
    pub(super) owner: String,
    pub(super) action: String,
    pub(super) effort_days: f64,
}

fn drafts(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    assessment: &Assessment,
    clause_efforts: &HashMap<String, f64>,
) -> Vec<Draft> {
    // worst grade and all-waived per requirement, in catalogue order
    let mut worst: Vec<Option<(Grade, bool)>> = vec![None; catalogue.requirements.len()];
    // Each finding carries its own remediation effort (the answer's own estimate already
    // replaces the main one): the task is their sum.
    let mut efforts = vec![0.0_f64; catalogue.requirements.len()];
    let mut actions = vec![String::new(); catalogue.requirements.len()];
    for f in &assessment.findings {
        efforts[f.requirement] += f.action.effort_days;
        let action = &mut actions[f.requirement];
        if !action.lines().any(|l| l == f.action.text) {
            if !action.is_empty() {
                action.push('\n');
            }
            action.push_str(&f.action.text);
        }
        let slot = &mut worst[f.requirement];
        *slot = Some(match *slot {
            None => (f.grade(), f.waived),
            Some((g, w)) => (g.max(f.grade()), w && f.waived),
        });
    }
    let mut drafts: Vec<Draft> = worst
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.map(|(grade, waived)| (i, grade, waived)))
        .map(|(i, grade, waived)| {
            let r = &catalogue.requirements[i];
            let answer = &resolved[i];
            Draft {
                requirement: i,
                priority: priority(grade, &r.clause, r.documented_information),
                grade,
                waived,
                owner: answer.owner.clone().unwrap_or_else(|| "unassigned".into()),
                action: std::mem::take(&mut actions[i]),
                effort_days: efforts[i],
            }
        })
        .collect();
    apply_clause_efforts(catalogue, resolved, clause_efforts, &mut drafts);
    drafts
}

/// An `effort_days` on a clause answer is the effort of that clause's whole package: it is
/// shared among the clause's tasks that have no effort of their own, in proportion to their
/// estimates. The most specific clause answer wins.
fn apply_clause_efforts(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    clause_efforts: &HashMap<String, f64>,
    drafts: &mut [Draft],
) {
    if clause_efforts.is_empty() {
        return;
    }
    let mut by_clause: HashMap<&str, Vec<usize>> = HashMap::new();
    for (d, draft) in drafts.iter().enumerate() {
        if resolved[draft.requirement].effort_days.is_some() {
            continue;
        }
        let clause = &catalogue.requirements[draft.requirement].clause;
        // the most specific clause with an effort
        let mut at = Some(clause.as_str());
        while let Some(id) = at {
            if clause_efforts.contains_key(id) {
                by_clause.entry(id).or_default().push(d);
                break;
            }
            at = crate::catalogue::parent_clause(id);
        }
    }
    for (clause, members) in by_clause {
        let total = clause_efforts[clause];
        let weights: f64 = members.iter().map(|&d| drafts[d].effort_days).sum();
        for &d in &members {
            drafts[d].effort_days = if weights > 0.0 {
                total * drafts[d].effort_days / weights
            } else {
                total / members.len() as f64
            };
        }
    }
}

pub(super) fn package_order(id: &str) -> (Vec<u32>, u32) {
    match crate::catalogue::split_requirement_id(id) {
        Some((clause, n)) => (crate::catalogue::clause_sort_key(clause), n),
        None => (crate::catalogue::clause_sort_key(id), 0),
    }
}

fn milestones(
    catalogue: &Catalogue,
    assessment: &Assessment,
    tasks: &[Task],
    settings: &PlanSettings,
) -> Milestones {
    let start = calendar::this_or_next_working_day(settings.start);
    let is_review = |clause: &str| clause_contains("9.2", clause) || clause_contains("9.3", clause);
    // Stage 1 needs every maintained document met and 9.2 / 9.3 under way.
    let stage_1_ready = if assessment.verdict >= Verdict::Stage1Ready {
        start
    } else {
        tasks
            .iter()
            .filter(|t| {
                let r = &catalogue.requirements[t.requirement];
                let result = &assessment.all[t.requirement];
                (r.documented_information == DocumentedInformation::Maintain && !result.met)
                    || (is_review(&r.clause)
                        && !matches!(result.status, Status::Partial | Status::Implemented))
            })
            .map(|t| t.end)
            .max()
            .unwrap_or(start)
    };
    if assessment.verdict == Verdict::Stage2Ready {
        return Milestones {
            stage_1_ready,
            stage_2_ready: start,
            operating_from: start,
            operating_until: start,
        };
    }
    // Stage 2: every gap closed (observations aside), an operating period that produces
    // records, then one more internal audit and management review on those records.
    let all_closed = tasks
        .iter()
        .filter(|t| t.grade > Grade::Observation)
        .map(|t| t.end)
        .max()
        .unwrap_or(start)
        .max(stage_1_ready);
    let operating_from = calendar::next_working_day(all_closed);
    let operating_until = calendar::add_days(operating_from, u64::from(settings.operating_period));
    let audit_cycle: f64 = catalogue
        .requirements
        .iter()
        .filter(|r| {
            is_review(&r.clause) && r.documented_information == DocumentedInformation::Retain
        })
        .map(|r| r.effort_days)
        .sum::<f64>()
        .max(1.0);
    let mut team = Team::new(
        calendar::next_working_day(operating_until),
        settings.capacity,
    );
    let (_, stage_2_ready) = team.work(audit_cycle);
    Milestones {
        stage_1_ready,
        stage_2_ready,
        operating_from,
        operating_until,
    }
}

fn missed_targets(resolved: &[Resolved], tasks: &[Task]) -> Vec<MissedTarget> {
    let mut out: Vec<MissedTarget> = tasks
        .iter()
        .filter_map(|t| {
            let target = resolved[t.requirement].target.as_ref()?;
            (target.value < t.end).then_some(MissedTarget {
                requirement: t.requirement,
                target: target.value,
                feasible: t.end,
                pos: target.pos,
            })
        })
        .collect();
    out.sort_by_key(|m| m.requirement);
    out
}

#[cfg(test)]
mod tests;
