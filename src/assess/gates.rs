//! Gates: the conditions a CI job or an auditor sets for passing. A failed gate is an
//! outcome (exit 1), never an error.

use super::{Assessment, Grade, clause_score};
use crate::catalogue::{Catalogue, clause_contains};

/// The gates in force, from flags and a policy file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GateConfig {
    /// Minimum overall score (percent).
    pub fail_under: Option<f64>,
    /// Fail on any unwaived finding of this grade or worse.
    pub fail_on: Option<Grade>,
    /// Clauses whose every requirement must be met or waived.
    pub require: Vec<String>,
    /// Minimum scores per clause.
    pub clause_minimums: Vec<(String, f64)>,
}

impl GateConfig {
    /// True when no gate is set.
    pub fn is_empty(&self) -> bool {
        self.fail_under.is_none()
            && self.fail_on.is_none()
            && self.require.is_empty()
            && self.clause_minimums.is_empty()
    }
}

/// The result of one gate.
#[derive(Debug, Clone, PartialEq)]
pub struct GateResult {
    /// `fail-under`, `fail-on`, `require` or `clause-minimum`.
    pub gate: &'static str,
    /// What it demands, e.g. `70` or `major` or `9.2`.
    pub target: String,
    pub passed: bool,
    /// What was found, in words.
    pub detail: String,
    /// The requirements that fail it, by id (for people).
    pub requirements: Vec<String>,
    /// Indexes in `Catalogue::requirements` of the requirements whose own result fails this
    /// gate: their JUnit cases fail with it. Empty for the overall score gate, which no single
    /// requirement fails.
    pub failing: Vec<usize>,
}

/// Evaluates every gate of `config` against `assessment`.
pub fn evaluate(
    catalogue: &Catalogue,
    assessment: &Assessment,
    config: &GateConfig,
) -> Vec<GateResult> {
    let mut out = Vec::new();
    if let Some(min) = config.fail_under {
        let passed = assessment.score.is_some_and(|s| s >= min);
        let what = match &assessment.settings.clause {
            Some(clause) => format!("score of clause {clause}"),
            None => "overall score".to_string(),
        };
        out.push(GateResult {
            gate: "fail-under",
            // the threshold as the user gave it: rounding it could make 61.2 < 61.2 appear
            target: min.to_string(),
            passed,
            detail: match assessment.score {
                Some(s) => format!(
                    "{what} {}% {} {min}%",
                    format_pct(s),
                    if passed { ">=" } else { "<" },
                ),
                None => "no requirement is scored".into(),
            },
            requirements: Vec::new(),
            failing: Vec::new(),
        });
    }
    if let Some(grade) = config.fail_on {
        let failing: Vec<&super::Finding> = assessment
            .findings
            .iter()
            .filter(|f| !f.waived && f.grade() >= grade)
            .collect();
        let mut indexes: Vec<usize> = failing.iter().map(|f| f.requirement).collect();
        indexes.dedup();
        let ids = indexes
            .iter()
            .map(|&i| catalogue.requirements[i].id.clone())
            .collect();
        out.push(GateResult {
            gate: "fail-on",
            target: grade.as_str().into(),
            passed: failing.is_empty(),
            detail: if failing.is_empty() {
                format!("no unwaived finding graded {} or worse", grade.as_str())
            } else {
                format!(
                    "{} unwaived finding{} graded {} or worse",
                    failing.len(),
                    if failing.len() == 1 { "" } else { "s" },
                    grade.as_str()
                )
            },
            requirements: ids,
            failing: indexes,
        });
    }
    for clause in &config.require {
        let below: Vec<usize> = requirements_below(catalogue, clause).collect();
        let failing: Vec<usize> = below
            .iter()
            .copied()
            .filter(|&i| !assessment.all[i].met && !assessment.all[i].waived)
            .collect();
        let unmet: Vec<String> = failing
            .iter()
            .map(|&i| catalogue.requirements[i].id.clone())
            .collect();
        out.push(GateResult {
            gate: "require",
            target: clause.clone(),
            passed: unmet.is_empty(),
            detail: if unmet.is_empty() {
                format!("all {} requirements of {clause} met or waived", below.len())
            } else {
                format!(
                    "{} of {} requirements of {clause} not met",
                    unmet.len(),
                    below.len()
                )
            },
            requirements: unmet,
            failing,
        });
    }
    for (clause, min) in &config.clause_minimums {
        let score = clause_score(catalogue, assessment, clause);
        let passed = score.is_some_and(|s| s >= *min);
        out.push(GateResult {
            gate: "clause-minimum",
            target: format!("{clause} >= {min}"),
            passed,
            detail: match score {
                Some(s) => format!(
                    "clause {clause} scores {}% {} {min}%",
                    format_pct(s),
                    if passed { ">=" } else { "<" },
                ),
                None => format!("clause {clause} has no scored requirement"),
            },
            requirements: Vec::new(),
            // what pulls the clause's score down: every requirement below it short of full
            // marks (a failed minimum is theirs to fix)
            failing: if passed {
                Vec::new()
            } else {
                requirements_below(catalogue, clause)
                    .filter(|&i| assessment.all[i].score.is_some_and(|s| s < 1.0))
                    .collect()
            },
        });
    }
    out
}

/// Indexes of the requirements below `clause`, in catalogue order.
fn requirements_below<'a>(
    catalogue: &'a Catalogue,
    clause: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    catalogue
        .requirements
        .iter()
        .enumerate()
        .filter(move |(_, r)| clause_contains(clause, &r.clause))
        .map(|(i, _)| i)
}

/// A percentage with one decimal, without a trailing `.0`.
pub fn format_pct(value: f64) -> String {
    let rounded = super::round1(value);
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}
