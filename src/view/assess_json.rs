//! `assess --format json`: the stable data contract for scripts and later tooling.
//!
//! Keys are snake_case; every list is in catalogue order, so the same inputs give the same
//! bytes. `schema_version` changes only when a key changes meaning or disappears.

use serde::Serialize;

use super::Run;
use crate::answers::Status;

/// Version of this JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    catalogue: CatalogueInfo<'a>,
    assessment: AssessmentInfo<'a>,
    summary: Summary<'a>,
    clauses: Vec<ClauseOut<'a>>,
    requirements: Vec<RequirementOut<'a>>,
    findings: Vec<FindingOut<'a>>,
    gates: Vec<GateOut<'a>>,
    passed: bool,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct CatalogueInfo<'a> {
    id: &'a str,
    title: &'a str,
    version: &'a str,
    notice: &'a str,
}

#[derive(Serialize)]
struct AssessmentInfo<'a> {
    organization: &'a str,
    scope: Option<&'a str>,
    assessor: Option<&'a str>,
    as_of: String,
    answers_file: &'a str,
    clause: Option<&'a str>,
    evidence_max_age: u32,
}

#[derive(Serialize)]
struct Summary<'a> {
    score: Option<f64>,
    verdict: &'static str,
    verdict_reasons: Vec<ReasonOut<'a>>,
    requirements: usize,
    met: usize,
    counts: CountsOut,
    maturity: Option<f64>,
    statuses: Statuses,
    findings: Counts,
}

#[derive(Serialize, Default)]
struct Statuses {
    implemented: usize,
    partial: usize,
    not_implemented: usize,
    not_applicable: usize,
    not_triggered: usize,
    not_assessed: usize,
}

#[derive(Serialize, Default)]
struct Counts {
    major: usize,
    minor: usize,
    observation: usize,
    waived: usize,
}

/// Counts that say what they count; `text` is the sentence people read.
#[derive(Serialize)]
struct CountsOut {
    applicable: usize,
    met_applicable: usize,
    not_applicable: usize,
    not_triggered: usize,
    text: String,
}

impl From<&crate::assess::Counts> for CountsOut {
    fn from(c: &crate::assess::Counts) -> CountsOut {
        CountsOut {
            applicable: c.applicable,
            met_applicable: c.met_applicable,
            not_applicable: c.not_applicable,
            not_triggered: c.not_triggered,
            text: c.text(),
        }
    }
}

#[derive(Serialize)]
struct ActionOut<'a> {
    text: &'a str,
    effort_days: f64,
}

#[derive(Serialize)]
struct ReasonOut<'a> {
    stage: u8,
    code: &'static str,
    message: &'a str,
    requirements: &'a [String],
}

#[derive(Serialize)]
struct ClauseOut<'a> {
    id: &'a str,
    title: &'a str,
    depth: usize,
    score: Option<f64>,
    requirements: usize,
    met: usize,
    counts: CountsOut,
    maturity: Option<f64>,
}

#[derive(Serialize)]
struct RequirementOut<'a> {
    id: &'a str,
    clause: &'a str,
    text: &'a str,
    status: &'static str,
    status_note: Option<&'a str>,
    score: Option<f64>,
    met: bool,
    weight: f64,
    waived: bool,
    documented_information: &'static str,
    conditional: bool,
    maturity: Option<u8>,
    owner: Option<&'a str>,
    evidence: &'a [String],
    reviewed: Option<String>,
    target: Option<String>,
    operated_by: Option<&'a str>,
    supported_by: Option<&'a str>,
    notes: Option<&'a str>,
    waiver: Option<WaiverOut<'a>>,
    line: Option<u32>,
}

#[derive(Serialize)]
struct WaiverOut<'a> {
    reason: &'a str,
    approved_by: Option<&'a str>,
    expires: String,
    live: bool,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    requirement: &'a str,
    clause: &'a str,
    rule: &'static str,
    grade: &'static str,
    waived: bool,
    message: &'a str,
    action: ActionOut<'a>,
    owner: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
}

#[derive(Serialize)]
struct GateOut<'a> {
    gate: &'static str,
    target: &'a str,
    passed: bool,
    detail: &'a str,
    requirements: &'a [String],
}

/// Renders the assessment as pretty-printed JSON with a trailing newline.
pub fn render(run: &Run<'_>) -> String {
    let Run {
        catalogue,
        file,
        resolved,
        assessment,
        gates,
        ..
    } = run;
    let mut statuses = Statuses::default();
    for r in assessment.in_scope() {
        *match r.status {
            Status::Implemented => &mut statuses.implemented,
            Status::Partial => &mut statuses.partial,
            Status::NotImplemented => &mut statuses.not_implemented,
            Status::NotApplicable => &mut statuses.not_applicable,
            Status::NotTriggered => &mut statuses.not_triggered,
            Status::NotAssessed => &mut statuses.not_assessed,
        } += 1;
    }
    let mut counts = Counts::default();
    for f in &assessment.findings {
        *match f.grade() {
            crate::assess::Grade::Major => &mut counts.major,
            crate::assess::Grade::Minor => &mut counts.minor,
            crate::assess::Grade::Observation => &mut counts.observation,
        } += 1;
        counts.waived += usize::from(f.waived);
    }
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "iso20k",
            version: env!("CARGO_PKG_VERSION"),
        },
        catalogue: CatalogueInfo {
            id: &catalogue.id,
            title: &catalogue.title,
            version: &catalogue.version,
            notice: &catalogue.notice,
        },
        assessment: AssessmentInfo {
            organization: &file.meta.organization,
            scope: file.meta.scope.as_deref(),
            assessor: file.meta.assessor.as_deref(),
            as_of: assessment.settings.as_of.to_string(),
            answers_file: &file.path,
            clause: assessment.settings.clause.as_deref(),
            evidence_max_age: assessment.settings.evidence_max_age,
        },
        summary: Summary {
            score: assessment.score,
            verdict: assessment.verdict.as_str(),
            verdict_reasons: assessment
                .reasons
                .iter()
                .map(|r| ReasonOut {
                    stage: r.stage,
                    code: r.code,
                    message: &r.message,
                    requirements: &r.requirements,
                })
                .collect(),
            requirements: assessment.scope.len(),
            met: assessment.in_scope().filter(|r| r.met).count(),
            counts: (&assessment.counts).into(),
            maturity: assessment.maturity,
            statuses,
            findings: counts,
        },
        clauses: assessment
            .clauses
            .iter()
            .map(|c| {
                let clause = &catalogue.clauses[c.index];
                ClauseOut {
                    id: &clause.id,
                    title: &clause.title,
                    depth: clause.depth,
                    score: c.score,
                    requirements: c.requirements,
                    met: c.met,
                    counts: (&c.counts).into(),
                    maturity: c.maturity,
                }
            })
            .collect(),
        requirements: assessment
            .in_scope()
            .map(|res| {
                let r = &catalogue.requirements[res.index];
                let a = &resolved[res.index];
                RequirementOut {
                    id: &r.id,
                    clause: &r.clause,
                    text: &r.text,
                    status: res.status.as_str(),
                    status_note: res.note.as_deref(),
                    score: res.score,
                    met: res.met,
                    weight: r.weight,
                    waived: res.waived,
                    documented_information: r.documented_information.as_str(),
                    conditional: r.conditional,
                    maturity: a.maturity,
                    owner: a.owner.as_deref(),
                    evidence: &a.evidence,
                    reviewed: a.reviewed.as_ref().map(|d| d.value.to_string()),
                    target: a.target.as_ref().map(|d| d.value.to_string()),
                    operated_by: a.operated_by.as_ref().map(|p| p.value.as_str()),
                    supported_by: a.supported_by.as_deref(),
                    notes: a.notes.as_deref(),
                    waiver: a.waiver.as_ref().map(|w| WaiverOut {
                        reason: &w.reason,
                        approved_by: w.approved_by.as_deref(),
                        expires: w.expires.value.to_string(),
                        live: res.waived,
                    }),
                    line: a.status_pos.or(a.anchor).map(|p| p.line),
                }
            })
            .collect(),
        findings: assessment
            .findings
            .iter()
            .map(|f| {
                let r = &catalogue.requirements[f.requirement];
                FindingOut {
                    requirement: &r.id,
                    clause: &r.clause,
                    rule: f.rule.code(),
                    grade: f.grade().as_str(),
                    waived: f.waived,
                    message: &f.message,
                    action: ActionOut {
                        text: &f.action.text,
                        effort_days: f.action.effort_days,
                    },
                    owner: resolved[f.requirement].owner.as_deref(),
                    line: f.pos.map(|p| p.line),
                    column: f.pos.map(|p| p.col),
                }
            })
            .collect(),
        gates: gates
            .iter()
            .map(|g| GateOut {
                gate: g.gate,
                target: &g.target,
                passed: g.passed,
                detail: &g.detail,
                requirements: &g.requirements,
            })
            .collect(),
        passed: gates.iter().all(|g| g.passed),
    };
    let mut out = super::escape::to_json(&doc);
    out.push('\n');
    out
}
