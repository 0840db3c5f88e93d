//! `plan --format json`: the plan as stable data.

use serde::Serialize;

use super::plan::PlanRun;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    organization: &'a str,
    as_of: String,
    settings: Settings,
    summary: Summary,
    milestones: Milestones,
    packages: Vec<PackageOut<'a>>,
    tasks: Vec<TaskOut<'a>>,
    missed_targets: Vec<MissedOut<'a>>,
}

#[derive(Serialize)]
struct Settings {
    start: String,
    capacity: f64,
    operating_period: u32,
    group: &'static str,
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
                }
            })
            .collect(),
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
