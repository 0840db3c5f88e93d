//! The remediation plan: every finding becomes dated work for its owner, owners work in
//! parallel at their own capacity over a real calendar, tasks are grouped into work packages,
//! and the plan gives the dates the organization can face its stage 1 and stage 2 audits,
//! judges booked audit dates, and says what capacity a missed one would need.
//!
//! Pure functions only: the start date, capacities and holidays come in, nothing reads the
//! clock. The order is fully determined (priority, then target, then catalogue order), so the
//! same inputs always give the same plan.

mod audits;
pub mod calendar;
pub mod files;
mod parallel;
mod schedule;
mod scope;
mod summary;
mod work;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::answers::{Resolved, Status};
use crate::assess::{Assessment, Grade, Verdict};
use crate::catalogue::{Catalogue, DocumentedInformation, clause_contains, top_clause};
use crate::diag::Pos;
use calendar::{Calendar, LAST_DATE, Team};
use schedule::{group, group_dependencies, packages};
use work::Draft;

pub use audits::{AuditCheck, OwnerNeed, Stage};
pub use summary::{OwnerLoad, TargetCheck};
pub use work::{UNASSIGNED, effort, priority, round_days};

/// Default length of the operating period between closing the gaps and the stage 2 audit.
pub const DEFAULT_OPERATING_PERIOD: u32 = 90;

/// How the work is scheduled.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSettings {
    pub start: NaiveDate,
    /// Person-days of work per week, spread over Monday to Friday, of every owner that
    /// `team` does not name.
    pub capacity: f64,
    /// Named owners' capacities in person-days a week.
    pub team: Vec<(String, f64)>,
    /// Working days: Monday to Friday less holidays.
    pub calendar: Calendar,
    /// Calendar days the system runs to produce records before stage 2.
    pub operating_period: u32,
    /// One package per leaf clause, or one per requirement.
    pub group: Grouping,
    /// Booked stage 1 and stage 2 audit dates, to judge.
    pub stage_1_audit: Option<NaiveDate>,
    pub stage_2_audit: Option<NaiveDate>,
}

impl PlanSettings {
    /// These settings with the capacity of `owners` (every owner when `None`) multiplied by
    /// `factor`.
    pub fn scaled(&self, owners: Option<&[String]>, factor: f64) -> PlanSettings {
        let mut s = self.clone();
        match owners {
            None => {
                s.capacity *= factor;
                for (_, c) in &mut s.team {
                    *c *= factor;
                }
            }
            Some(owners) => {
                for o in owners {
                    let raised = self.capacity_of(o) * factor;
                    match s.team.iter_mut().find(|(name, _)| name == o) {
                        Some(entry) => entry.1 = raised,
                        None => s.team.push((o.clone(), raised)),
                    }
                }
            }
        }
        s
    }

    /// Settings with one capacity for everyone, weekends off and no booked audits.
    pub fn new(start: NaiveDate, capacity: f64) -> PlanSettings {
        PlanSettings {
            start,
            capacity,
            team: Vec::new(),
            calendar: Calendar::default(),
            operating_period: DEFAULT_OPERATING_PERIOD,
            group: Grouping::Clause,
            stage_1_audit: None,
            stage_2_audit: None,
        }
    }

    /// The weekly capacity of `owner`.
    pub fn capacity_of(&self, owner: &str) -> f64 {
        self.team
            .iter()
            .find(|(name, _)| name == owner)
            .map_or(self.capacity, |(_, c)| *c)
    }
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
    /// The answer's committed date, if any.
    pub target: Option<NaiveDate>,
    /// On the chain of work that decides the stage 2 date.
    pub critical: bool,
    /// The catalogue's dependencies (requirement or clause ids) that still have a gap to
    /// close, so this task waits for them.
    pub depends_on: Vec<String>,
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
    /// Holds a task on the critical path.
    pub critical: bool,
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
    /// Every owner with work: load, first and last day; the last to finish first.
    pub owners: Vec<OwnerLoad>,
    /// Every answer `target` on planned work, met or missed.
    pub targets: Vec<TargetCheck>,
    /// The targets the schedule cannot meet.
    pub missed_targets: Vec<MissedTarget>,
    /// Indexes into `tasks` of the critical path, first to last.
    pub critical_path: Vec<usize>,
    /// The booked audits, judged.
    pub audits: Vec<AuditCheck>,
    /// What a reader should know before trusting the dates.
    pub warnings: Vec<String>,
    pub effort_days: f64,
}

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The dependencies of these requirements (and clauses) wait on each other.
    Cycle(Vec<String>),
    /// The schedule runs past the year 9999; the capacity behind it, in words.
    TooFar(String),
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::Cycle(ids) => write!(
                f,
                "this work waits on itself through its dependencies, so none of it can start: {}; remove a dependency from the catalogue",
                ids.join(", ")
            ),
            PlanError::TooFar(capacity) => write!(
                f,
                "the plan would run past the year 9999 at {capacity}: raise --capacity (or the owners' capacities in --team), shorten --operating-period, or check the effort_days of the answers",
            ),
        }
    }
}

impl std::error::Error for PlanError {}

/// Plans the remediation of every finding of `assessment`.
///
/// Each owner works in parallel at their own capacity; a task starts once the gaps it depends
/// on have closed (evidence reviews hold nothing back), and among ready work an owner takes
/// the highest priority, then the earliest target, then catalogue order. Booked audits are
/// judged, and a missed one searched for the capacity that would reach it.
pub fn plan(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    assessment: &Assessment,
    clause_efforts: &HashMap<String, f64>,
    settings: &PlanSettings,
) -> Result<Plan, PlanError> {
    let (drafts, owners) = work::drafts(catalogue, resolved, assessment, clause_efforts);
    let inputs = Inputs {
        catalogue,
        resolved,
        assessment,
        drafts: &drafts,
        owners: &owners.names,
    };
    let mut plan = inputs.build(settings)?;
    plan.audits = audits::judge(&inputs, &plan)?;
    Ok(plan)
}

/// Everything a schedule is made from, so the audit search can replan at other capacities.
pub(super) struct Inputs<'a> {
    catalogue: &'a Catalogue,
    resolved: &'a [Resolved],
    assessment: &'a Assessment,
    drafts: &'a [Draft],
    owners: &'a [String],
}

impl Inputs<'_> {
    /// The tasks, dated: the schedule, each draft's place in the task list, and the tasks in
    /// the order they start.
    fn tasks(
        &self,
        settings: &PlanSettings,
    ) -> Result<(parallel::Schedule, Vec<usize>, Vec<Task>), PlanError> {
        let drafts = self.drafts;
        let capacities: Vec<f64> = self
            .owners
            .iter()
            .map(|o| settings.capacity_of(o))
            .collect();
        let schedule = parallel::schedule(
            self.catalogue,
            drafts,
            &capacities,
            &settings.calendar,
            settings.start,
        )
        .map_err(PlanError::Cycle)?;
        let mut position = vec![0usize; drafts.len()];
        for (i, &d) in schedule.order.iter().enumerate() {
            position[d] = i;
        }
        let tasks: Vec<Task> = schedule
            .order
            .iter()
            .map(|&d| {
                let draft = &drafts[d];
                let slot = schedule.slots[d];
                Task {
                    requirement: draft.requirement,
                    priority: draft.priority,
                    grade: draft.grade,
                    waived: draft.waived,
                    owner: self.owners[draft.owner].clone(),
                    action: draft.action.clone(),
                    effort_days: draft.effort_days,
                    start: slot.start,
                    end: slot.end,
                    target: draft.target,
                    critical: false,
                    depends_on: Vec::new(),
                }
            })
            .collect();
        Ok((schedule, position, tasks))
    }

    /// Only the milestones, or `None` past the year 9999: what the audit search needs at
    /// other capacities, without packages and summaries.
    fn milestones_at(&self, settings: &PlanSettings) -> Result<Option<Milestones>, PlanError> {
        let (_, _, tasks) = self.tasks(settings)?;
        let m = milestones(self, &tasks, settings);
        let too_far = m.stage_2_ready > LAST_DATE || tasks.iter().any(|t| t.end > LAST_DATE);
        Ok((!too_far).then_some(m))
    }

    /// The plan.
    fn build(&self, settings: &PlanSettings) -> Result<Plan, PlanError> {
        let (catalogue, drafts) = (self.catalogue, self.drafts);
        let (schedule, position, mut tasks) = self.tasks(settings)?;
        summary::link_dependencies(catalogue, drafts, &position, &mut tasks);
        let critical_path = summary::critical_path(drafts, &schedule, &position, &mut tasks);
        let groups = group(catalogue, drafts, settings.group);
        let deps = group_dependencies(catalogue, drafts, &groups);
        let members: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| {
                let mut m: Vec<usize> = g.members.iter().map(|&d| position[d]).collect();
                m.sort_unstable();
                m
            })
            .collect();
        let packages = packages(catalogue, &tasks, &groups, &deps, members);
        let milestones = milestones(self, &tasks, settings);
        let too_far = milestones.stage_2_ready > LAST_DATE
            || milestones.stage_1_ready > LAST_DATE
            || tasks.iter().any(|t| t.end > LAST_DATE);
        if too_far {
            return Err(PlanError::TooFar(summary::capacity_words(
                settings,
                &tasks,
                &critical_path,
            )));
        }
        let (targets, missed_targets) = summary::targets(self.resolved, &tasks);
        let owners = summary::owner_loads(settings, &tasks);
        let warnings = summary::warnings(settings, &milestones, &tasks, &critical_path);
        let effort_days = round_days(tasks.iter().map(|t| t.effort_days).sum());
        Ok(Plan {
            settings: settings.clone(),
            tasks,
            packages,
            milestones,
            owners,
            targets,
            missed_targets,
            critical_path,
            audits: Vec::new(),
            warnings,
            effort_days,
        })
    }
}

pub(super) fn package_order(id: &str) -> (Vec<u32>, u32) {
    match crate::catalogue::split_requirement_id(id) {
        Some((clause, n)) => (crate::catalogue::clause_sort_key(clause), n),
        None => (crate::catalogue::clause_sort_key(id), 0),
    }
}

fn milestones(inputs: &Inputs<'_>, tasks: &[Task], settings: &PlanSettings) -> Milestones {
    let (catalogue, assessment) = (inputs.catalogue, inputs.assessment);
    let calendar = &settings.calendar;
    let start = calendar.this_or_next_working_day(settings.start);
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
    // records, then one more internal audit and management review on those records, each
    // owner of those records doing their part at their own capacity.
    let all_closed = tasks
        .iter()
        .filter(|t| t.grade > Grade::Observation)
        .map(|t| t.end)
        .max()
        .unwrap_or(start)
        .max(stage_1_ready);
    let operating_from = calendar.next_working_day(all_closed);
    let operating_until = calendar::add_days(operating_from, u64::from(settings.operating_period));
    let mut cycle: Vec<(&str, f64)> = Vec::new();
    for (r, answer) in catalogue.requirements.iter().zip(inputs.resolved) {
        if is_review(&r.clause) && r.documented_information == DocumentedInformation::Retain {
            let owner = answer.owner.as_deref().unwrap_or(UNASSIGNED);
            match cycle.iter_mut().find(|(o, _)| *o == owner) {
                Some(entry) => entry.1 += r.effort_days,
                None => cycle.push((owner, r.effort_days)),
            }
        }
    }
    if cycle.is_empty() {
        cycle.push((UNASSIGNED, 1.0));
    }
    let after = calendar.next_working_day(operating_until);
    let stage_2_ready = cycle
        .iter()
        .map(|(owner, days)| {
            let mut team = Team::new(calendar, after, settings.capacity_of(owner));
            team.work(calendar, *days).1
        })
        .max()
        .unwrap_or(after);
    Milestones {
        stage_1_ready,
        stage_2_ready,
        operating_from,
        operating_until,
    }
}

#[cfg(test)]
mod tests;
