//! The remediation each finding calls for, with its own effort.
//!
//! A stale review date on a scope statement that exists is fixed by reviewing it, not by
//! writing the scope again: only what is not built (not implemented, not assessed, partial,
//! excluded) takes the catalogue's action and estimate. Every other rule has its own step,
//! sized as the work it is.

use super::Rule;
use crate::answers::Resolved;
use crate::catalogue::Requirement;

/// Effort of a review, a filing or a decision on a waiver: half a day, as SPEC's plan rules
/// give an observation.
pub const SMALL_EFFORT: f64 = 0.5;

/// What to do about one finding and how long it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Remediation {
    /// The step, imperative, in one sentence.
    pub text: String,
    /// Person-days.
    pub effort_days: f64,
}

/// The remediation of a finding of `rule` on `requirement`. `unmet_823` lists the 8.2.3
/// requirements not met, which an uncontrolled party's remediation names.
pub(super) fn remediation(
    rule: Rule,
    requirement: &Requirement,
    answer: &Resolved,
    unmet_823: &[&str],
) -> Remediation {
    let estimate = requirement.effort_days;
    let (text, effort_days) = match rule {
        Rule::NotImplemented | Rule::NotAssessed | Rule::Exclusion => {
            (requirement.action.clone(), estimate)
        }
        Rule::Partial => (requirement.action.clone(), estimate / 2.0),
        Rule::OperatedByIn45 => (
            format!(
                "Take this activity back so the organization performs it itself; {} may go on supporting it (record that as supported_by).",
                party(answer)
            ),
            estimate / 2.0,
        ),
        Rule::AllOperatedByOthers => (
            "Take enough of clause 8 back into the organization's own operation to run and govern the SMS itself, and record which parties support which processes.".into(),
            estimate / 2.0,
        ),
        Rule::UncontrolledOtherParty => (
            format!(
                "Bring {} under the control of other parties (8.2.3): {}.",
                party(answer),
                if unmet_823.is_empty() {
                    "identify it and apply the controls determined for it".to_string()
                } else {
                    format!("close {}", unmet_823.join(", "))
                }
            ),
            SMALL_EFFORT,
        ),
        Rule::NoEvidence => (
            "File the records or documents that show this is done and list them under evidence, with the date they were reviewed.".into(),
            SMALL_EFFORT,
        ),
        Rule::UndatedEvidence => (
            format!(
                "Review the listed evidence ({}) to confirm it is current, and record the date of that review (reviewed).",
                evidence_list(answer)
            ),
            SMALL_EFFORT,
        ),
        Rule::StaleEvidence => (
            format!(
                "Review the listed evidence ({}) again, update it where it no longer reflects practice, and record the new review date.",
                evidence_list(answer)
            ),
            SMALL_EFFORT,
        ),
        Rule::MissingEvidence => (
            format!(
                "Restore the missing evidence ({}), or correct the evidence entries to where the files now live.",
                evidence_list(answer)
            ),
            SMALL_EFFORT,
        ),
        Rule::ChangedEvidence => (
            format!(
                "Review what changed in the evidence ({}); if the change is intended, lock the evidence again.",
                evidence_list(answer)
            ),
            SMALL_EFFORT,
        ),
        Rule::WaiverExpired => (
            "Renew the waiver with its approver and a new expiry date, or close the gap and remove the waiver.".into(),
            SMALL_EFFORT,
        ),
    };
    Remediation { text, effort_days }
}

fn party(answer: &Resolved) -> String {
    answer
        .operated_by
        .as_ref()
        .map_or_else(|| "the other party".into(), |p| p.value.clone())
}

/// "a, b and c", at most three items named.
fn evidence_list(answer: &Resolved) -> String {
    let items = &answer.evidence;
    let named: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
    let list = match named.as_slice() {
        [] => return "none named".into(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    if items.len() > named.len() {
        format!("{list} and {} more", items.len() - named.len())
    } else {
        list
    }
}
