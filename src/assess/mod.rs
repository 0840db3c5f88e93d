//! The scoring engine: requirement and clause scores, findings graded as a certification
//! auditor grades them, the readiness verdict and the gates.
//!
//! Pure functions only: no I/O, no printing, no clock (the as-of date comes in). The same
//! inputs always give the same results, in the catalogue's order.

mod counts;
mod evidence;
mod findings;
pub mod gates;
mod remediation;
mod verdict;

use chrono::NaiveDate;

pub use counts::{Counts, MaturitySum, not_triggered_note};
pub use evidence::{EvidenceStates, FileState};
pub use findings::{Finding, Grade, Rule};
pub use remediation::Remediation;
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
    /// The state of each evidence file the answers name, when an evidence root was given
    /// (`--evidence-root`): missing and changed files become findings.
    pub evidence: Option<EvidenceStates>,
}

/// The result for one requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementResult {
    /// Index in `Catalogue::requirements`.
    pub index: usize,
    pub status: Status,
    /// 1, 0.5 or 0; `None` when the requirement leaves the score (not-triggered, or
    /// not-applicable on a conditional requirement).
    pub score: Option<f64>,
    /// Implemented, not-triggered, or not-applicable on a conditional requirement.
    pub met: bool,
    /// A waiver is live on the as-of date.
    pub waived: bool,
    /// Its findings: a range of `Assessment::findings` (empty outside the `--clause` scope).
    pub findings: std::ops::Range<usize>,
    /// The worst grade among its findings.
    pub worst: Option<Grade>,
    /// The answers-file line that decided its status (its status line, else the answer that
    /// covers it); `None` when no answer covers it.
    pub line: Option<crate::diag::Pos>,
    /// What the status means in words where the bare word says too little: "no major
    /// incident in the period" for not-triggered.
    pub note: Option<String>,
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
    /// What the requirements below it count towards: applicable, met, set aside.
    pub counts: Counts,
    /// Mean maturity (0-5) of the requirements below it whose answers give one.
    pub maturity: Option<f64>,
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
    /// What the requirements in scope count towards: applicable, met, set aside.
    pub counts: Counts,
    /// Mean maturity (0-5) over the requirements in scope whose answers give one.
    pub maturity: Option<f64>,
    /// The findings in scope, by requirement order then rule.
    pub findings: Vec<Finding>,
    /// How many findings of each grade are in scope.
    pub finding_counts: FindingCounts,
    /// The gap register: in-scope requirements with findings (indexes into `all`), in the
    /// order every output lists them: worst grade first, unwaived before waived, then the
    /// documents the stage 1 audit needs, then catalogue order.
    pub gaps: Vec<usize>,
    /// For every catalogue requirement, in scope or not, the days its findings' remediation
    /// takes (`None` when it has no finding): a clause's `effort_days` is shared over its whole
    /// clause by these, so `--clause` gives a sub-clause its share, never all of it.
    pub remediation_days: Vec<Option<f64>>,
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

    /// The findings on requirement `index` (catalogue order), without a scan.
    pub fn findings_of(&self, index: usize) -> &[Finding] {
        &self.findings[self.all[index].findings.clone()]
    }
}

/// The score a status earns: `None` leaves the average (not-triggered, and conditional
/// not-applicable; elsewhere not-applicable scores 0, since the standard allows no
/// exclusions).
pub fn requirement_score(status: Status, requirement: &Requirement) -> Option<f64> {
    match status {
        Status::Implemented => Some(1.0),
        Status::Partial => Some(0.5),
        Status::NotImplemented | Status::NotAssessed => Some(0.0),
        Status::NotTriggered => None,
        Status::NotApplicable if requirement.conditional => None,
        Status::NotApplicable => Some(0.0),
    }
}

/// True when the requirement counts as met.
pub fn is_met(status: Status, requirement: &Requirement) -> bool {
    matches!(status, Status::Implemented | Status::NotTriggered)
        || (status == Status::NotApplicable && requirement.conditional)
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
    let mut all: Vec<RequirementResult> = catalogue
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
            findings: 0..0,
            worst: None,
            line: answer.status_pos.or(answer.anchor),
            note: match (answer.status, &r.trigger) {
                (Status::NotTriggered, Some(trigger)) => Some(not_triggered_note(trigger)),
                _ => None,
            },
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
    let clauses = clause_results(catalogue, resolved, &all, &in_scope);
    let (mut counts, mut maturity) = (Counts::default(), MaturitySum::default());
    for &i in &scope {
        counts.add(all[i].status, &catalogue.requirements[i]);
        maturity.add(resolved[i].maturity);
    }
    let score = weighted_percentage(
        scope
            .iter()
            .map(|&i| (catalogue.requirements[i].weight, all[i].score)),
    );
    let mut every_finding = findings::find(catalogue, resolved, &all, settings);
    if let Some(states) = &settings.evidence {
        evidence::find(resolved, &all, states, &mut every_finding);
        // stable: each requirement's own findings keep their order, evidence ones follow
        every_finding.sort_by_key(|f| f.requirement);
    }
    // Readiness is a property of the whole management system: one clause in good shape does
    // not make the organization ready, so the verdict always looks at every requirement.
    let everything: Vec<usize> = (0..all.len()).collect();
    let (verdict, reasons) = verdict::judge(catalogue, &all, &everything, &every_finding);
    let mut remediation_days = vec![None; all.len()];
    for f in &every_finding {
        *remediation_days[f.requirement].get_or_insert(0.0) += f.action.effort_days;
    }
    let findings: Vec<Finding> = every_finding
        .into_iter()
        .filter(|f| in_scope(&catalogue.requirements[f.requirement].clause))
        .collect();
    attach_findings(&mut all, &findings);
    let finding_counts = FindingCounts::of(&findings);
    let gaps = rank_gaps(catalogue, &all, &scope);
    Assessment {
        settings: settings.clone(),
        all,
        scope,
        clauses,
        score,
        counts,
        maturity: maturity.mean(),
        findings,
        finding_counts,
        gaps,
        remediation_days,
        verdict,
        reasons,
    }
}

/// The findings of an assessment counted by grade, and how many are waived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FindingCounts {
    pub major: usize,
    pub minor: usize,
    pub observation: usize,
    /// Of all grades.
    pub waived: usize,
}

impl FindingCounts {
    fn of(findings: &[Finding]) -> FindingCounts {
        let mut counts = FindingCounts::default();
        for f in findings {
            *match f.grade() {
                Grade::Major => &mut counts.major,
                Grade::Minor => &mut counts.minor,
                Grade::Observation => &mut counts.observation,
            } += 1;
            counts.waived += usize::from(f.waived);
        }
        counts
    }

    /// Every finding, whatever its grade.
    pub fn total(&self) -> usize {
        self.major + self.minor + self.observation
    }
}

/// "3 major, 2 minor, 1 observation (1 waived)": the one wording every output uses.
impl std::fmt::Display for FindingCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} major, {} minor, {} observation{}",
            self.major,
            self.minor,
            self.observation,
            if self.observation == 1 { "" } else { "s" }
        )?;
        if self.waived > 0 {
            write!(f, " ({} waived)", self.waived)?;
        }
        Ok(())
    }
}

/// Gives each requirement its range of `findings` (which come grouped by requirement, in
/// catalogue order) and its worst grade, in one pass.
fn attach_findings(all: &mut [RequirementResult], findings: &[Finding]) {
    let mut start = 0;
    while start < findings.len() {
        let requirement = findings[start].requirement;
        let mut end = start;
        let mut worst = findings[start].grade();
        while end < findings.len() && findings[end].requirement == requirement {
            worst = worst.max(findings[end].grade());
            end += 1;
        }
        all[requirement].findings = start..end;
        all[requirement].worst = Some(worst);
        start = end;
    }
}

/// The gap register's order (see `Assessment::gaps`).
fn rank_gaps(catalogue: &Catalogue, all: &[RequirementResult], scope: &[usize]) -> Vec<usize> {
    let not_a_document = |i: usize| {
        catalogue.requirements[i].documented_information
            != crate::catalogue::DocumentedInformation::Maintain
    };
    let mut gaps: Vec<usize> = scope
        .iter()
        .copied()
        .filter(|&i| all[i].worst.is_some())
        .collect();
    gaps.sort_by(|&x, &y| {
        all[y]
            .worst
            .cmp(&all[x].worst)
            .then(all[x].waived.cmp(&all[y].waived))
            .then(not_a_document(x).cmp(&not_a_document(y)))
            .then(x.cmp(&y))
    });
    gaps
}

/// Scores every clause in scope in one pass: each requirement adds to its leaf clause and to
/// every ancestor, so the work is linear in the catalogue's size.
fn clause_results(
    catalogue: &Catalogue,
    resolved: &[Resolved],
    all: &[RequirementResult],
    in_scope: &dyn Fn(&str) -> bool,
) -> Vec<ClauseResult> {
    let n = catalogue.clauses.len();
    let mut sums = vec![(0.0_f64, 0.0_f64); n];
    let mut counts = vec![(0_usize, 0_usize); n];
    let mut honest = vec![Counts::default(); n];
    let mut maturity = vec![MaturitySum::default(); n];
    for ((r, result), answer) in catalogue.requirements.iter().zip(all).zip(resolved) {
        let mut at = catalogue.clause_position(&r.clause);
        while let Some(c) = at {
            if let Some(score) = result.score {
                sums[c].0 += r.weight * score;
                sums[c].1 += r.weight;
            }
            counts[c].0 += 1;
            counts[c].1 += usize::from(result.met);
            honest[c].add(result.status, r);
            maturity[c].add(answer.maturity);
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
            counts: honest[index],
            maturity: maturity[index].mean(),
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
