//! One assessment reduced to what a comparison looks at, keyed by id: the same shape whether
//! it came from an answers file scored by the engine or from `assess --format json`.

use serde::{Deserialize, Serialize};

use crate::answers::{AnswersFile, Resolved};
use crate::assess::Assessment;
use crate::catalogue::Catalogue;

/// An assessment as a diff or a trend sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// What the user named: a path, or `REV:PATH`.
    pub label: String,
    /// The answers file the lines refer to.
    pub answers_file: String,
    pub organization: String,
    /// The as-of date, YYYY-MM-DD.
    pub as_of: String,
    pub score: Option<f64>,
    pub verdict: String,
    /// Every clause in scope, in document order.
    pub clauses: Vec<ClauseSnap>,
    /// Every requirement in scope, in catalogue order.
    pub requirements: Vec<RequirementSnap>,
    pub findings: Vec<FindingSnap>,
}

/// A clause's score.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ClauseSnap {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
}

/// A requirement's standing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RequirementSnap {
    pub id: String,
    pub clause: String,
    pub status: String,
    pub met: bool,
    /// 1, 0.5 or 0; `None` when it leaves the score.
    pub score: Option<f64>,
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The answers line that decided the status.
    pub line: Option<u32>,
}

impl RequirementSnap {
    /// How good the standing is, for "improved" and "regressed": met 3, partial 2, anything
    /// that scores nothing 1. Two statuses of one rank (not-assessed, not-implemented) differ
    /// without either being better.
    pub fn rank(&self) -> u8 {
        if self.met {
            3
        } else if self.score.is_some_and(|s| s > 0.0) {
            2
        } else {
            1
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct FindingSnap {
    pub requirement: String,
    pub rule: String,
    pub grade: String,
    pub waived: bool,
    pub message: String,
    pub line: Option<u32>,
}

impl Snapshot {
    /// The snapshot of an assessment the engine worked out.
    pub fn from_assessment(
        label: &str,
        catalogue: &Catalogue,
        file: &AnswersFile,
        resolved: &[Resolved],
        assessment: &Assessment,
    ) -> Snapshot {
        Snapshot {
            label: label.to_string(),
            answers_file: file.path.clone(),
            organization: file.meta.organization.clone(),
            as_of: assessment.settings.as_of.to_string(),
            score: assessment.score,
            verdict: assessment.verdict.as_str().to_string(),
            clauses: assessment
                .clauses
                .iter()
                .map(|c| {
                    let clause = &catalogue.clauses[c.index];
                    ClauseSnap {
                        id: clause.id.clone(),
                        title: clause.title.clone(),
                        score: c.score,
                    }
                })
                .collect(),
            requirements: assessment
                .in_scope()
                .map(|res| {
                    let r = &catalogue.requirements[res.index];
                    let a = &resolved[res.index];
                    RequirementSnap {
                        id: r.id.clone(),
                        clause: r.clause.clone(),
                        status: res.status.as_str().to_string(),
                        met: res.met,
                        score: res.score,
                        evidence: a.evidence.to_vec(),
                        line: a.status_pos.or(a.anchor).map(|p| p.line),
                    }
                })
                .collect(),
            findings: assessment
                .findings
                .iter()
                .map(|f| FindingSnap {
                    requirement: catalogue.requirements[f.requirement].id.clone(),
                    rule: f.rule.code().to_string(),
                    grade: f.grade().as_str().to_string(),
                    waived: f.waived,
                    message: f.message.clone(),
                    line: f.pos.map(|p| p.line),
                })
                .collect(),
        }
    }

    /// Reads the output of `assess --format json`. The error says where the text stopped
    /// matching: (line, column, what was expected).
    pub fn from_json(label: &str, text: &str) -> Result<Snapshot, (usize, usize, String)> {
        let doc: JsonDoc =
            serde_json::from_str(text).map_err(|e| (e.line(), e.column(), e.to_string()))?;
        if doc.schema_version != crate::view::assess_json::SCHEMA_VERSION {
            return Err((
                1,
                1,
                format!(
                    "schema_version {} is not one this iso20k reads ({}); run `assess --format json` again with this version",
                    doc.schema_version,
                    crate::view::assess_json::SCHEMA_VERSION
                ),
            ));
        }
        Ok(Snapshot {
            label: label.to_string(),
            answers_file: doc.assessment.answers_file,
            organization: doc.assessment.organization,
            as_of: doc.assessment.as_of,
            score: doc.summary.score,
            verdict: doc.summary.verdict,
            clauses: doc.clauses,
            requirements: doc.requirements,
            findings: doc.findings,
        })
    }
}

/// The part of `assess --format json` a diff reads; other keys are ignored.
#[derive(Deserialize)]
struct JsonDoc {
    schema_version: u32,
    assessment: JsonAssessment,
    summary: JsonSummary,
    clauses: Vec<ClauseSnap>,
    requirements: Vec<RequirementSnap>,
    findings: Vec<FindingSnap>,
}

#[derive(Deserialize)]
struct JsonAssessment {
    organization: String,
    as_of: String,
    answers_file: String,
}

#[derive(Deserialize)]
struct JsonSummary {
    score: Option<f64>,
    verdict: String,
}
