//! Evidence integrity findings: `missing-evidence` and `changed-evidence`.
//!
//! Kept apart from the other rules because they need facts from outside the answers file
//! (which named files exist, and which changed since `evidence lock`). The caller looks at the
//! files and passes their states in, so this stays pure.

use std::collections::HashMap;

use super::{Assessment, Finding, Rule};
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

/// Adds a finding for each in-scope requirement whose evidence names a missing or changed
/// file. `states` maps an evidence entry, as written, to what was found; entries not in it
/// (URLs, document titles) are not checked. Findings stay in requirement order.
pub fn add_evidence_findings(
    assessment: &mut Assessment,
    resolved: &[Resolved],
    states: &HashMap<String, FileState>,
) {
    let mut added = Vec::new();
    for &index in &assessment.scope {
        let answer = &resolved[index];
        for entry in &answer.evidence {
            let (rule, message) = match states.get(entry) {
                Some(FileState::Missing) => (
                    Rule::MissingEvidence,
                    format!("evidence file `{entry}` is missing"),
                ),
                Some(FileState::Changed) => (
                    Rule::ChangedEvidence,
                    format!("evidence file `{entry}` changed since it was locked"),
                ),
                _ => continue,
            };
            added.push(Finding {
                requirement: index,
                rule,
                waived: assessment.all[index].waived,
                message,
                pos: answer.evidence_pos.or(answer.anchor),
            });
        }
    }
    if added.is_empty() {
        return;
    }
    assessment.findings.extend(added);
    // Stable: each requirement's existing findings keep their order, the new ones follow.
    assessment.findings.sort_by_key(|f| f.requirement);
}
