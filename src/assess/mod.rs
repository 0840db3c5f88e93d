//! The scoring engine: requirement and clause scores, findings graded as a certification
//! auditor grades them, the readiness verdict and the gates.
//!
//! Pure functions only: no I/O, no printing, no clock (the as-of date comes in). The same
//! inputs always give the same results, in the catalogue's order.

mod evidence;
mod findings;
pub mod gates;
mod verdict;

use chrono::NaiveDate;

pub use evidence::{FileState, add_evidence_findings};
pub use findings::{Finding, Grade, Rule};
pub use verdict::{Reason, Verdict};

use crate::answers::{Resolved, Status};
use crate::catalogue::{Catalogue, Requirement, clause_contains};

/// Default age in days after which implemented evidence is judged stale.
pub const DEFAULT_EVIDENCE_MAX_AGE: u32 = 365;

/// What an assessment is judged against.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Evidence age and waiver expiry are counted from this date.
    pub as_of: NaiveDate,
    /// Implemented evidence reviewed more than this many days before `as_of` is stale.
    pub evidence_max_age: u32,
    /// Limit the results to this clause and what is below it.
    pub clause: Option<String>,
}

/// The result for one requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementResult {
    /// Index in `Catalogue::requirements`.
    pub index: usize,
    pub status: Status,
    /// 1, 0.5 or 0; `None` when the requirement leaves the score (not-applicable on a
    /// conditional requirement).
    pub score: Option<f64>,
    /// Implemented, or not-applicable on a conditional requirement.
    pub met: bool,
    /// A waiver is live on the as-of date.
    pub waived: bool,
}

/// The score of one clause.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseResult {
    /// Index in `Catalogue::clauses`.
    pub index: usize,
    /// Weighted percentage rounded to one decimal; `None` when nothing below it is counted.
    pub score: Option<f64>,
    /// Requirements below the clause.
    pub requirements: usize,
    /// Of which met.
    pub met: usize,
}

/// Everything `assess` works out.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub settings: Settings,
    /// Every requirement of the catalogue, in catalogue order (gates may look outside the
    /// `--clause` scope).
    pub all: Vec<RequirementResult>,
    /// Indexes into `all` of the requirements in scope.
    pub scope: Vec<usize>,
    /// Every clause in scope, at every level, in document order.
    pub clauses: Vec<ClauseResult>,
    /// The overall score of the scope.
    pub score: Option<f64>,
    /// The findings in scope, by requirement order then rule.
    pub findings: Vec<Finding>,
    /// Readiness of the whole system (not only the `--clause` scope).
    pub verdict: Verdict,
    /// Why the verdict is not higher.
    pub reasons: Vec<Reason>,
}

impl Assessment {
    /// The in-scope requirement results.
    pub fn in_scope(&self) -> impl Iterator<Item = &RequirementResult> {
        self.scope.iter().map(|&i| &self.all[i])
    }
}

/// The score a status earns: `None` leaves the average (conditional not-applicable only;
/// elsewhere not-applicable scores 0, since the standard allows no exclusions).
pub fn requirement_score(status: Status, requirement: &Requirement) -> Option<f64> {
    match status {
        Status::Implemented => Some(1.0),
        Status::Partial => Some(0.5),
        Status::NotImplemented | Status::NotAssessed => Some(0.0),
        Status::NotApplicable if requirement.conditional => None,
        Status::NotApplicable => Some(0.0),
    }
}

/// True when the requirement counts as met.
pub fn is_met(status: Status, requirement: &Requirement) -> bool {
    status == Status::Implemented || (status == Status::NotApplicable && requirement.conditional)
}

/// A weighted mean of (weight, score) pairs as a percentage rounded half away from zero to
/// one decimal; `None` when nothing is counted.
pub fn weighted_percentage(items: impl IntoIterator<Item = (f64, Option<f64>)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0_f64, 0.0_f64);
    for (weight, score) in items {
        if let Some(score) = score {
            sum += weight * score;
            weights += weight;
        }
    }
    (weights > 0.0).then(|| round1(100.0 * sum / weights))
}

/// Rounds half away from zero to one decimal. The tiny nudge keeps values such as 56.25,
/// computed as 56.24999999, rounding the way a person rounds them on paper.
pub fn round1(value: f64) -> f64 {
    let scaled = value * 10.0;
    let nudged = scaled + scaled.signum() * 1e-9;
    nudged.round() / 10.0
}

/// Scores `resolved` (one per catalogue requirement) against `catalogue`.
pub fn assess(catalogue: &Catalogue, resolved: &[Resolved], settings: &Settings) -> Assessment {
    let all: Vec<RequirementResult> = catalogue
        .requirements
        .iter()
        .zip(resolved)
        .enumerate()
        .map(|(index, (r, answer))| RequirementResult {
            index,
            status: answer.status,
            score: requirement_score(answer.status, r),
            met: is_met(answer.status, r),
            waived: answer
                .waiver
                .as_ref()
                .is_some_and(|w| settings.as_of <= w.expires.value),
        })
        .collect();
    let in_scope = |clause: &str| {
        settings
            .clause
            .as_deref()
            .is_none_or(|scope| clause_contains(scope, clause))
    };
    let scope: Vec<usize> = catalogue
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| in_scope(&r.clause))
        .map(|(i, _)| i)
        .collect();
    let clauses = clause_results(catalogue, &all, &in_scope);
    let score = weighted_percentage(
        scope
            .iter()
            .map(|&i| (catalogue.requirements[i].weight, all[i].score)),
    );
    let every_finding = findings::find(catalogue, resolved, &all, settings);
    // Readiness is a property of the whole management system: one clause in good shape does
    // not make the organization ready, so the verdict always looks at every requirement.
    let everything: Vec<usize> = (0..all.len()).collect();
    let (verdict, reasons) = verdict::judge(catalogue, &all, &everything, &every_finding);
    let findings: Vec<Finding> = every_finding
        .into_iter()
        .filter(|f| in_scope(&catalogue.requirements[f.requirement].clause))
        .collect();
    Assessment {
        settings: settings.clone(),
        all,
        scope,
        clauses,
        score,
        findings,
        verdict,
        reasons,
    }
}

/// Scores every clause in scope in one pass: each requirement adds to its leaf clause and to
/// every ancestor, so the work is linear in the catalogue's size.
fn clause_results(
    catalogue: &Catalogue,
    all: &[RequirementResult],
    in_scope: &dyn Fn(&str) -> bool,
) -> Vec<ClauseResult> {
    let n = catalogue.clauses.len();
    let mut sums = vec![(0.0_f64, 0.0_f64); n];
    let mut counts = vec![(0_usize, 0_usize); n];
    for (r, result) in catalogue.requirements.iter().zip(all) {
        let mut at = catalogue.clause_position(&r.clause);
        while let Some(c) = at {
            if let Some(score) = result.score {
                sums[c].0 += r.weight * score;
                sums[c].1 += r.weight;
            }
            counts[c].0 += 1;
            counts[c].1 += usize::from(result.met);
            at = catalogue.clauses[c].parent;
        }
    }
    catalogue
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| in_scope(&c.id))
        .map(|(index, _)| ClauseResult {
            index,
            score: (sums[index].1 > 0.0).then(|| round1(100.0 * sums[index].0 / sums[index].1)),
            requirements: counts[index].0,
            met: counts[index].1,
        })
        .collect()
}

/// The score of clause `id` over all requirements, for gates outside the `--clause` scope.
pub fn clause_score(catalogue: &Catalogue, assessment: &Assessment, id: &str) -> Option<f64> {
    weighted_percentage(
        catalogue
            .requirements
            .iter()
            .zip(&assessment.all)
            .filter(|(r, _)| clause_contains(id, &r.clause))
            .map(|(r, result)| (r.weight, result.score)),
    )
}

#[cfg(test)]
mod tests;
