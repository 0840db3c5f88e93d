//! `plan --format json`: the plan as stable data.

use serde::Serialize;

use super::plan::PlanRun;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    organization: &'a str,
    as_of: String,
    settings: Settings<'a>,
    summary: Summary,
    milestones: Milestones,
    audits: Vec<AuditOut<'a>>,
    owners: Vec<OwnerOut<'a>>,
    packages: Vec<PackageOut<'a>>,
    tasks: Vec<TaskOut<'a>>,
    critical_path: Vec<&'a str>,
    targets: Vec<TargetOut<'a>>,
    missed_targets: Vec<MissedOut<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct AuditOut<'a> {
    stage: &'static str,
    date: String,
    ready: String,
    reachable: bool,
    /// The factor over today's capacity that reaches `date`; null when reachable or when no
    /// capacity does.
    capacity_factor_needed: Option<f64>,
    owners: Vec<NeedOut<'a>>,
    /// `owners` reach the date with only their capacity raised.
    critical_owners_alone: bool,
    /// The earliest date any capacity reaches, when none reaches `date`.
    earliest: Option<String>,
}

#[derive(Serialize)]
struct NeedOut<'a> {
    owner: &'a str,
    capacity: f64,
    needed: f64,
}

#[derive(Serialize)]
struct OwnerOut<'a> {
    owner: &'a str,
    capacity: f64,
    effort_days: f64,
    tasks: usize,
    first: String,
    last: String,
    critical: bool,
}

#[derive(Serialize)]
struct TargetOut<'a> {
    requirement: &'a str,
    target: String,
    date: String,
    met: bool,
    line: u32,
}

#[derive(Serialize)]
struct Settings<'a> {
    start: String,
    capacity: f64,
    team: Vec<TeamOut<'a>>,
    holidays: Vec<String>,
    operating_period: u32,
    group: &'static str,
}

#[derive(Serialize)]
struct TeamOut<'a> {
    owner: &'a str,
    capacity: f64,
}

#[derive(Serialize)]
struct Summary {
    requirements: usize,
    packages: usize,
    effort_days: f64,
    verdict: &'static str,
}

#[derive(Serialize)]
struct Milestones {
    stage_1_ready: String,
    stage_2_ready: String,
    operating_from: String,
    operating_until: String,
}

#[derive(Serialize)]
struct PackageOut<'a> {
    id: &'a str,
    clause: &'a str,
    title: &'a str,
    phase: &'static str,
    priority: &'static str,
    grade: &'static str,
    waived: bool,
    owners: &'a [String],
    effort_days: f64,
    start: String,
    end: String,
    requirements: Vec<&'a str>,
    depends_on: &'a [String],
    critical: bool,
}

#[derive(Serialize)]
struct TaskOut<'a> {
    requirement: &'a str,
    clause: &'a str,
    action: &'a str,
    priority: &'static str,
    grade: &'static str,
    waived: bool,
    owner: &'a str,
    effort_days: f64,
    start: String,
    end: String,
    target: Option<String>,
    depends_on: &'a [String],
    critical: bool,
}

#[derive(Serialize)]
struct MissedOut<'a> {
    requirement: &'a str,
    target: String,
    feasible: String,
    line: u32,
}

/// Renders the plan as pretty-printed JSON with a trailing newline.
pub fn render(run: &PlanRun<'_>) -> String {
    let plan = run.plan;
    let reqs = &run.catalogue.requirements;
    let doc = Document {
        schema_version: super::assess_json::SCHEMA_VERSION,
        organization: &run.file.meta.organization,
        as_of: run.assessment.settings.as_of.to_string(),
        settings: Settings {
            start: plan.settings.start.to_string(),
            capacity: plan.settings.capacity,
            team: plan
                .settings
                .team
                .iter()
                .map(|(owner, capacity)| TeamOut {
                    owner,
                    capacity: *capacity,
                })
                .collect(),
            holidays: plan
                .settings
                .calendar
                .holidays()
                .iter()
                .map(ToString::to_string)
                .collect(),
            operating_period: plan.settings.operating_period,
            group: match plan.settings.group {
                crate::plan::Grouping::Clause => "clause",
                crate::plan::Grouping::Requirement => "requirement",
            },
        },
        summary: Summary {
            requirements: plan.tasks.len(),
            packages: plan.packages.len(),
            effort_days: plan.effort_days,
            verdict: run.assessment.verdict.as_str(),
        },
        milestones: Milestones {
            stage_1_ready: plan.milestones.stage_1_ready.to_string(),
            stage_2_ready: plan.milestones.stage_2_ready.to_string(),
            operating_from: plan.milestones.operating_from.to_string(),
            operating_until: plan.milestones.operating_until.to_string(),
        },
        audits: plan
            .audits
            .iter()
            .map(|a| AuditOut {
                stage: a.stage.key(),
                date: a.date.to_string(),
                ready: a.ready.to_string(),
                reachable: a.reachable,
                capacity_factor_needed: a.capacity_factor_needed,
                owners: a
                    .owners
                    .iter()
                    .map(|n| NeedOut {
                        owner: &n.owner,
                        capacity: n.capacity,
                        needed: n.needed,
                    })
                    .collect(),
                critical_owners_alone: a.critical_owners_alone,
                earliest: a.earliest.map(|d| d.to_string()),
            })
            .collect(),
        owners: plan
            .owners
            .iter()
            .map(|o| OwnerOut {
                owner: &o.owner,
                capacity: o.capacity,
                effort_days: o.load,
                tasks: o.tasks,
                first: o.first.to_string(),
                last: o.last.to_string(),
                critical: o.critical,
            })
            .collect(),
        packages: plan
            .packages
            .iter()
            .map(|p| PackageOut {
                id: &p.id,
                clause: &p.clause,
                title: &p.title,
                phase: p.phase.key(),
                priority: p.priority.as_str(),
                grade: p.grade.as_str(),
                waived: p.waived,
                owners: &p.owners,
                effort_days: p.effort_days,
                start: p.start.to_string(),
                end: p.end.to_string(),
                requirements: p
                    .tasks
                    .iter()
                    .map(|&t| reqs[plan.tasks[t].requirement].id.as_str())
                    .collect(),
                depends_on: &p.depends_on,
                critical: p.critical,
            })
            .collect(),
        tasks: plan
            .tasks
            .iter()
            .map(|t| {
                let r = &reqs[t.requirement];
                TaskOut {
                    requirement: &r.id,
                    clause: &r.clause,
                    action: &t.action,
                    priority: t.priority.as_str(),
                    grade: t.grade.as_str(),
                    waived: t.waived,
                    owner: &t.owner,
                    effort_days: t.effort_days,
                    start: t.start.to_string(),
                    end: t.end.to_string(),
                    target: t.target.map(|d| d.to_string()),
                    depends_on: &t.depends_on,
                    critical: t.critical,
                }
            })
            .collect(),
        critical_path: plan
            .critical_path
            .iter()
            .map(|&t| reqs[plan.tasks[t].requirement].id.as_str())
            .collect(),
        targets: plan
            .targets
            .iter()
            .map(|t| TargetOut {
                requirement: &reqs[t.requirement].id,
                target: t.target.to_string(),
                date: t.date.to_string(),
                met: t.met,
                line: t.pos.line,
            })
            .collect(),
        warnings: &plan.warnings,
        missed_targets: plan
            .missed_targets
            .iter()
            .map(|m| MissedOut {
                requirement: &reqs[m.requirement].id,
                target: m.target.to_string(),
                feasible: m.feasible.to_string(),
                line: m.pos.line,
            })
            .collect(),
    };
    let mut out = super::escape::to_json(&doc);
    out.push('\n');
    out
}
