//! The readiness verdict, after the two audit stages of ISO/IEC 17021-1.
//!
//! A certification auditor ignores internal waivers, so nothing here looks at them.

use super::{Finding, Grade, RequirementResult};
use crate::answers::Status;
use crate::catalogue::{Catalogue, DocumentedInformation, clause_contains};

/// How far the organization is from certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    NotReady,
    /// Documents in place and the audit and review cycle under way.
    Stage1Ready,
    /// Everything met, records produced, no major finding.
    Stage2Ready,
}

impl Verdict {
    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NotReady => "not-ready",
            Verdict::Stage1Ready => "stage-1-ready",
            Verdict::Stage2Ready => "stage-2-ready",
        }
    }

    /// The verdict's name for people: "Stage 1 ready".
    pub fn label(self) -> &'static str {
        match self {
            Verdict::NotReady => "Not ready",
            Verdict::Stage1Ready => "Stage 1 ready",
            Verdict::Stage2Ready => "Stage 2 ready",
        }
    }

    /// What the verdict means, after its label.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::NotReady => "stage 1 is blocked",
            Verdict::Stage1Ready => "documentation in place, stage 2 not yet",
            Verdict::Stage2Ready => "ready for the certification audit",
        }
    }

    /// The headline every output shows: "Stage 1 ready: documentation in place, stage 2 not
    /// yet".
    pub fn headline(self) -> String {
        format!("{}: {}", self.label(), self.meaning())
    }
}

/// One thing that holds the verdict back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The stage it blocks: 1 or 2.
    pub stage: u8,
    /// A stable code for the condition (`maintain-not-met`, ...).
    pub code: &'static str,
    pub message: String,
    /// The requirement ids concerned, in catalogue order.
    pub requirements: Vec<String>,
}

/// Judges the requirements in `scope` (indexes into `all`).
pub(super) fn judge(
    catalogue: &Catalogue,
    all: &[RequirementResult],
    scope: &[usize],
    findings: &[Finding],
) -> (Verdict, Vec<Reason>) {
    let reqs = || scope.iter().map(|&i| (&catalogue.requirements[i], &all[i]));
    let is_review = |clause: &str| clause_contains("9.2", clause) || clause_contains("9.3", clause);
    let ids =
        |pred: &dyn Fn(&crate::catalogue::Requirement, &RequirementResult) -> bool| -> Vec<String> {
            reqs()
                .filter(|(r, res)| pred(r, res))
                .map(|(r, _)| r.id.clone())
                .collect()
        };
    let mut reasons = Vec::new();

    let maintain =
        ids(&|r, res| r.documented_information == DocumentedInformation::Maintain && !res.met);
    if !maintain.is_empty() {
        reasons.push(Reason {
            stage: 1,
            code: "maintain-not-met",
            message: format!(
                "{} required document{} not in place",
                maintain.len(),
                plural(maintain.len(), " is", "s are")
            ),
            requirements: maintain,
        });
    }
    let not_started =
        ids(&|r, res| is_review(&r.clause) && !res.met && !matches!(res.status, Status::Partial));
    if !not_started.is_empty() {
        reasons.push(Reason {
            stage: 1,
            code: "audit-review-not-started",
            message: "internal audit (9.2) or management review (9.3) is not yet under way".into(),
            requirements: not_started,
        });
    }
    let review_partial = ids(&|r, res| is_review(&r.clause) && res.status == Status::Partial);
    if !review_partial.is_empty() {
        reasons.push(Reason {
            stage: 2,
            code: "audit-review-not-met",
            message: "internal audit (9.2) or management review (9.3) has not yet run in full"
                .into(),
            requirements: review_partial,
        });
    }
    let retain =
        ids(&|r, res| r.documented_information == DocumentedInformation::Retain && !res.met);
    if !retain.is_empty() {
        reasons.push(Reason {
            stage: 2,
            code: "retain-not-met",
            message: format!(
                "{} required record{} missing",
                retain.len(),
                plural(retain.len(), " is", "s are")
            ),
            requirements: retain,
        });
    }
    let mut majors: Vec<String> = findings
        .iter()
        .filter(|f| f.grade() == Grade::Major)
        .map(|f| catalogue.requirements[f.requirement].id.clone())
        .collect();
    majors.dedup();
    if !majors.is_empty() {
        let count = findings
            .iter()
            .filter(|f| f.grade() == Grade::Major)
            .count();
        reasons.push(Reason {
            stage: 2,
            code: "major-findings",
            message: format!(
                "{count} major finding{} remain{} (waived or not)",
                plural(count, "", "s"),
                plural(count, "s", "")
            ),
            requirements: majors,
        });
    }
    let verdict = if reasons.iter().any(|r| r.stage == 1) {
        Verdict::NotReady
    } else if reasons.is_empty() {
        Verdict::Stage2Ready
    } else {
        Verdict::Stage1Ready
    };
    (verdict, reasons)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
