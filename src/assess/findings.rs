//! Findings: what a certification auditor would write up, each with a stable rule code and
//! a grade.

use super::remediation::{Remediation, remediation};
use super::{RequirementResult, Settings};
use crate::answers::{Resolved, Status};
use crate::catalogue::{Catalogue, clause_contains, top_clause};
use crate::diag::Pos;

/// How serious a finding is, after the grading of certification bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Observation,
    Minor,
    Major,
}

impl Grade {
    /// The lowercase name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Major => "major",
            Grade::Minor => "minor",
            Grade::Observation => "observation",
        }
    }

    /// Reads a grade name.
    pub fn parse(word: &str) -> Option<Grade> {
        match word.trim().to_lowercase().as_str() {
            "major" => Some(Grade::Major),
            "minor" => Some(Grade::Minor),
            "observation" => Some(Grade::Observation),
            _ => None,
        }
    }

    /// Every grade name, worst first.
    pub const NAMES: [&'static str; 3] = ["major", "minor", "observation"];
}

/// The rule a finding comes from. Codes are stable: users filter and gate on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    NotImplemented,
    NotAssessed,
    Exclusion,
    OperatedByIn45,
    AllOperatedByOthers,
    Partial,
    UncontrolledOtherParty,
    NoEvidence,
    UndatedEvidence,
    StaleEvidence,
    WaiverExpired,
    /// Evidence integrity (`--evidence-root`): a named file is not there.
    MissingEvidence,
    /// Evidence integrity: a file changed since `evidence lock`.
    ChangedEvidence,
}

impl Rule {
    /// The stable kebab-case code.
    pub fn code(self) -> &'static str {
        match self {
            Rule::NotImplemented => "not-implemented",
            Rule::NotAssessed => "not-assessed",
            Rule::Exclusion => "exclusion",
            Rule::OperatedByIn45 => "operated-by-in-4-5",
            Rule::AllOperatedByOthers => "all-operated-by-others",
            Rule::Partial => "partial",
            Rule::UncontrolledOtherParty => "uncontrolled-other-party",
            Rule::NoEvidence => "no-evidence",
            Rule::UndatedEvidence => "undated-evidence",
            Rule::StaleEvidence => "stale-evidence",
            Rule::WaiverExpired => "waiver-expired",
            Rule::MissingEvidence => "missing-evidence",
            Rule::ChangedEvidence => "changed-evidence",
        }
    }

    /// The grade every finding of this rule carries.
    pub fn grade(self) -> Grade {
        match self {
            Rule::NotImplemented
            | Rule::NotAssessed
            | Rule::Exclusion
            | Rule::OperatedByIn45
            | Rule::AllOperatedByOthers => Grade::Major,
            Rule::Partial | Rule::UncontrolledOtherParty => Grade::Minor,
            Rule::NoEvidence
            | Rule::UndatedEvidence
            | Rule::StaleEvidence
            | Rule::WaiverExpired
            | Rule::MissingEvidence
            | Rule::ChangedEvidence => Grade::Observation,
        }
    }

    /// What the rule checks, in one line, for help texts and SARIF rule descriptions.
    pub fn description(self) -> &'static str {
        match self {
            Rule::NotImplemented => "The requirement is not implemented.",
            Rule::NotAssessed => "Nothing shows whether the requirement is met (a coverage gap).",
            Rule::Exclusion => {
                "Marked not-applicable, but the requirement is not conditional: ISO/IEC 20000-1 allows no exclusions."
            }
            Rule::OperatedByIn45 => {
                "Clauses 4 and 5 must be met by the organization itself; other parties may only support them."
            }
            Rule::AllOperatedByOthers => {
                "Every requirement of clause 8 is operated by other parties, so conformity cannot be claimed."
            }
            Rule::Partial => "The requirement is only partly implemented.",
            Rule::UncontrolledOtherParty => {
                "Another party operates this while the control of other parties (8.2.3) is not in place."
            }
            Rule::NoEvidence => "Implemented, but no evidence is listed.",
            Rule::UndatedEvidence => {
                "Implemented with evidence, but no review date for it (or one after the as-of date): an auditor cannot judge whether it is current."
            }
            Rule::StaleEvidence => {
                "The evidence was last reviewed longer ago than the evidence age limit."
            }
            Rule::WaiverExpired => "The waiver has expired, so its findings count again.",
            Rule::MissingEvidence => "A file named as evidence is not under the evidence root.",
            Rule::ChangedEvidence => {
                "A file named as evidence changed since the evidence was locked."
            }
        }
    }
}

/// One finding on one requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index in `Catalogue::requirements`.
    pub requirement: usize,
    pub rule: Rule,
    /// A live waiver covers it: shown and planned, but no gate fails on it.
    pub waived: bool,
    /// What was found, in words.
    pub message: String,
    /// The answers file line that decided it; `None` when no answer covers the requirement.
    pub pos: Option<Pos>,
    /// What to do about it and how long that takes.
    pub action: Remediation,
}

impl Finding {
    /// The finding's grade.
    pub fn grade(&self) -> Grade {
        self.rule.grade()
    }

    /// "partial (minor, waived): partially implemented": rule, grade and message in one line.
    pub fn summary(&self) -> String {
        format!(
            "{} ({}{}): {}",
            self.rule.code(),
            self.grade().as_str(),
            if self.waived { ", waived" } else { "" },
            self.message
        )
    }
}

/// Every finding on every requirement, in catalogue order.
pub(super) fn find(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    results: &[RequirementResult],
    settings: &Settings,
) -> Vec<Finding> {
    let in_823 = |clause: &str| clause_contains("8.2.3", clause);
    let unmet_823: Vec<&str> = catalogue
        .requirements
        .iter()
        .zip(results)
        .filter(|(r, res)| in_823(&r.clause) && !res.met)
        .map(|(r, _)| r.id.as_str())
        .collect();
    let clause_8: Vec<usize> = catalogue
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| top_clause(&r.clause) == "8")
        .map(|(i, _)| i)
        .collect();
    let all_8_by_others =
        !clause_8.is_empty() && clause_8.iter().all(|&i| resolved[i].operated_by.is_some());

    let mut out = Vec::new();
    for (index, (r, answer)) in catalogue.requirements.iter().zip(resolved).enumerate() {
        let result = &results[index];
        let status_pos = answer.status_pos.or(answer.anchor);
        let first = out.len();
        let mut push = |rule: Rule, message: String, pos: Option<Pos>| {
            out.push(Finding {
                requirement: index,
                rule,
                waived: result.waived,
                message,
                pos,
                action: remediation(rule, r, answer, &unmet_823),
            });
        };
        match answer.status {
            Status::NotImplemented => push(Rule::NotImplemented, "not implemented".into(), status_pos),
            Status::NotAssessed => push(
                Rule::NotAssessed,
                "not assessed: nothing shows the requirement is met".into(),
                status_pos,
            ),
            Status::NotApplicable if !r.conditional => push(
                Rule::Exclusion,
                "marked not-applicable, but the requirement is not conditional and the standard allows no exclusions".into(),
                status_pos,
            ),
            Status::Partial => push(Rule::Partial, "partially implemented".into(), status_pos),
            _ => {}
        }
        if let Some(party) = &answer.operated_by {
            match top_clause(&r.clause) {
                "4" | "5" => push(
                    Rule::OperatedByIn45,
                    format!(
                        "operated by {}: clauses 4 and 5 must be met by the organization itself (use supported_by for help)",
                        party.value
                    ),
                    Some(party.pos),
                ),
                "6" | "7" | "8" | "9" | "10" if !unmet_823.is_empty() => push(
                    Rule::UncontrolledOtherParty,
                    format!(
                        "operated by {} while control of other parties (8.2.3) is not in place: {}",
                        party.value,
                        unmet_823.join(", ")
                    ),
                    Some(party.pos),
                ),
                _ => {}
            }
        }
        if all_8_by_others && in_823(&r.clause) {
            push(
                Rule::AllOperatedByOthers,
                "every requirement of clause 8 is operated by other parties: conformity cannot be claimed".into(),
                answer.operated_by.as_ref().map(|p| p.pos).or(status_pos),
            );
        }
        if answer.status == Status::Implemented {
            if answer.evidence.is_empty() {
                push(
                    Rule::NoEvidence,
                    "implemented, but no evidence is listed".into(),
                    status_pos,
                );
            } else {
                match &answer.reviewed {
                    Some(reviewed) if reviewed.value > settings.as_of => push(
                        Rule::UndatedEvidence,
                        format!(
                            "evidence review date {} is after the as-of date {}: it counts as undated",
                            reviewed.value, settings.as_of
                        ),
                        Some(reviewed.pos),
                    ),
                    Some(reviewed) => {
                        let age = (settings.as_of - reviewed.value).num_days();
                        if age > i64::from(settings.evidence_max_age) {
                            push(
                                Rule::StaleEvidence,
                                format!(
                                    "evidence last reviewed {}, {age} days before {} (limit {} days)",
                                    reviewed.value, settings.as_of, settings.evidence_max_age
                                ),
                                Some(reviewed.pos),
                            );
                        }
                    }
                    None => push(
                        Rule::UndatedEvidence,
                        "implemented with evidence, but no `reviewed` date says when it was last reviewed".into(),
                        answer.evidence_pos.or(status_pos),
                    ),
                }
            }
        }
        if let Some(waiver) = &answer.waiver
            && settings.as_of > waiver.expires.value
        {
            push(
                Rule::WaiverExpired,
                format!("waiver expired on {}", waiver.expires.value),
                Some(waiver.expires.pos),
            );
        }
        if let Some(own) = answer.effort_days {
            own_effort(&mut out[first..], own);
        }
    }
    out
}

/// An answer's own `effort_days` is its estimate for the requirement's main work: it replaces
/// the effort of the worst finding (the first of that grade); the others keep theirs.
fn own_effort(findings: &mut [Finding], own: f64) {
    let worst = findings.iter().map(Finding::grade).max();
    if let Some(f) = findings.iter_mut().find(|f| Some(f.grade()) == worst) {
        f.action.effort_days = own;
    }
}
