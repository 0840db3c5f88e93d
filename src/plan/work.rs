//! What there is to do: a draft task per requirement with findings, its priority, owner,
//! target and effort. Efforts are kept to hundredths of a day, so sums print cleanly.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Priority;
use crate::answers::Resolved;
use crate::assess::{Assessment, Grade};
use crate::catalogue::{Catalogue, DocumentedInformation, top_clause};

/// A task before it has dates.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) requirement: usize,
    pub(super) priority: Priority,
    pub(super) grade: Grade,
    pub(super) waived: bool,
    /// Index into the plan's owners.
    pub(super) owner: usize,
    /// The remediation of each of its findings, one per line.
    pub(super) action: String,
    pub(super) effort_days: f64,
    pub(super) target: Option<NaiveDate>,
    /// A gap (not only observations): work that depends on it waits for it.
    pub(super) blocking: bool,
}

/// The priority of work on a requirement of `clause` whose worst finding is `grade`.
pub fn priority(grade: Grade, clause: &str, documented: DocumentedInformation) -> Priority {
    match grade {
        Grade::Major
            if matches!(top_clause(clause), "4" | "5" | "6" | "7")
                || documented != DocumentedInformation::None =>
        {
            Priority::P1
        }
        Grade::Major => Priority::P2,
        Grade::Minor => Priority::P3,
        Grade::Observation => Priority::P4,
    }
}

/// The effort to close a requirement: the sum of its findings' remediation efforts (each
/// finding carries its own; the answer's `effort_days` already replaces the catalogue's
/// estimate there), kept to hundredths.
///
/// The one place that decides a task's effort.
pub fn effort(findings: &[crate::assess::Finding]) -> f64 {
    round_days(findings.iter().map(|f| f.action.effort_days).sum())
}

/// The distinct remediation steps of `findings`, one per line, in finding order.
fn actions(findings: &[crate::assess::Finding]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for f in findings {
        if !out.contains(&f.action.text.as_str()) {
            out.push(&f.action.text);
        }
    }
    out.join("\n")
}

/// Hundredths of a day, never negative zero or float noise such as `305.4999999999994`.
pub fn round_days(days: f64) -> f64 {
    if !days.is_finite() || days <= 0.0 {
        return 0.0;
    }
    (days * 100.0).round() / 100.0 + 0.0
}

/// The owners named by the drafts, in first-seen order: `unassigned` is one more owner.
pub(super) struct Owners {
    pub(super) names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Owners {
    pub(super) fn get_or_add(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }
}

/// The name of work nobody owns.
pub const UNASSIGNED: &str = "unassigned";

/// A draft per requirement in scope with findings, and the owners they name.
pub(super) fn drafts(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    assessment: &Assessment,
    clause_efforts: &HashMap<String, f64>,
) -> (Vec<Draft>, Owners) {
    let mut owners = Owners {
        names: Vec::new(),
        index: HashMap::new(),
    };
    let mut drafts = of(catalogue, resolved, assessment, &mut owners);
    apply_clause_efforts(catalogue, resolved, assessment, clause_efforts, &mut drafts);
    (drafts, owners)
}

fn of(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    assessment: &Assessment,
    owners: &mut Owners,
) -> Vec<Draft> {
    assessment
        .in_scope()
        .filter_map(|res| Some((res, res.worst?)))
        .map(|(res, grade)| {
            let i = res.index;
            let r = &catalogue.requirements[i];
            let answer = &resolved[i];
            let findings = assessment.findings_of(i);
            Draft {
                requirement: i,
                priority: priority(grade, &r.clause, r.documented_information),
                grade,
                waived: res.waived,
                owner: owners.get_or_add(answer.owner.as_deref().unwrap_or(UNASSIGNED)),
                action: actions(findings),
                effort_days: effort(findings),
                target: answer.target.as_ref().map(|t| t.value),
                blocking: grade > Grade::Observation,
            }
        })
        .collect()
}

/// An `effort_days` on a clause answer is the effort of that clause's whole package: it is
/// shared among the clause's requirements with work and no effort of their own, in proportion
/// to their estimates, in scope or not (so `--clause 8.6.1` gives 8.6.1 its share of clause
/// 8's effort, never all of it). The most specific clause answer wins.
fn apply_clause_efforts(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    assessment: &Assessment,
    clause_efforts: &HashMap<String, f64>,
    drafts: &mut [Draft],
) {
    if clause_efforts.is_empty() {
        return;
    }
    // the most specific clause with an effort, for a requirement without one of its own
    let sharing = |i: usize| {
        if resolved[i].effort_days.is_some() {
            return None;
        }
        let mut at = Some(catalogue.requirements[i].clause.as_str());
        while let Some(id) = at {
            if clause_efforts.contains_key(id) {
                return Some(id);
            }
            at = crate::catalogue::parent_clause(id);
        }
        None
    };
    // each sharing clause's summed estimates and members
    let mut shares: HashMap<&str, (f64, usize)> = HashMap::new();
    for (i, days) in assessment.remediation_days.iter().enumerate() {
        if let (Some(days), Some(clause)) = (days, sharing(i)) {
            let share = shares.entry(clause).or_default();
            share.0 += round_days(*days);
            share.1 += 1;
        }
    }
    for draft in drafts {
        let Some(clause) = sharing(draft.requirement) else {
            continue;
        };
        let (weights, members) = shares.get(clause).copied().unwrap_or((0.0, 1));
        let total = clause_efforts[clause];
        draft.effort_days = round_days(if weights > 0.0 {
            total * draft.effort_days / weights
        } else {
            total / members.max(1) as f64
        });
    }
}
