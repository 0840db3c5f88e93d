//! Evidence integrity findings: `missing-evidence` and `changed-evidence`.
//!
//! Kept apart from the other rules because they need facts from outside the answers file
//! (which named files exist, and which changed since `evidence lock`). The caller looks at the
//! files and passes their states in, so this stays pure.

use std::collections::BTreeMap;

use super::remediation::SMALL_EFFORT;
use super::{Finding, Remediation, RequirementResult, Rule};
use crate::answers::Resolved;

/// What was found at a path an evidence entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// There, and unchanged since the lock (or never locked).
    Present,
    /// Not there.
    Missing,
    /// There, but its size or SHA-256 differ from the lock's.
    Changed,
}

/// What was found at each path the answers' evidence names, by the entry as written; entries
/// not in it (URLs, document titles) are not checked.
pub type EvidenceStates = BTreeMap<String, FileState>;

/// Appends a finding for each requirement whose evidence names a missing or changed file,
/// each with its remediation; the caller keeps findings grouped by requirement.
pub(super) fn find(
    resolved: &[Resolved],
    all: &[RequirementResult],
    states: &EvidenceStates,
    out: &mut Vec<Finding>,
) {
    for (index, answer) in resolved.iter().enumerate() {
        for (k, entry) in answer.evidence.iter().enumerate() {
            let (rule, message, action) = match states.get(entry) {
                Some(FileState::Missing) => (
                    Rule::MissingEvidence,
                    format!("evidence file `{entry}` is missing"),
                    format!(
                        "Restore `{entry}`, or correct the evidence entry to where it now lives."
                    ),
                ),
                Some(FileState::Changed) => (
                    Rule::ChangedEvidence,
                    format!("evidence file `{entry}` changed since it was locked"),
                    format!(
                        "Review the change to `{entry}`; if it is intended, lock the evidence again (`iso20k evidence lock`)."
                    ),
                ),
                _ => continue,
            };
            out.push(Finding {
                requirement: index,
                rule,
                waived: all[index].waived,
                message,
                pos: answer
                    .evidence_at
                    .get(k)
                    .copied()
                    .or(answer.evidence_pos)
                    .or(answer.anchor),
                action: Remediation {
                    text: action,
                    effort_days: SMALL_EFFORT,
                },
            });
        }
    }
}
