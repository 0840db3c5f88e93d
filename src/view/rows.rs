//! The tables every document format shares: gaps, findings, clause scores and evidence, as
//! plain rows so each format only decides how to lay them out and escape them.

use std::collections::BTreeMap;

use crate::assess::Grade;
use crate::assess::gates::format_pct;
use crate::view::Run;

/// One requirement with findings: a row of the gap register.
#[derive(Debug, Clone, PartialEq)]
pub struct GapRow<'a> {
    /// Index in `Catalogue::requirements`.
    pub index: usize,
    pub id: &'a str,
    pub clause: &'a str,
    pub requirement: &'a str,
    pub status: &'static str,
    /// The worst grade of its findings.
    pub grade: Grade,
    /// The rule of its worst finding (the first one of that grade).
    pub rule: &'static str,
    /// Rule codes of all its findings, in order.
    pub rules: Vec<&'static str>,
    /// Every finding on it is waived.
    pub waived: bool,
    pub owner: &'a str,
    pub evidence: &'a [String],
    pub target: Option<String>,
    pub notes: &'a str,
    /// The remediation of each of its findings, one per line, in finding order.
    pub action: String,
    /// Their total effort in person-days.
    pub effort_days: f64,
}

/// The gap register: one row per requirement with findings, in the assessment's ranking.
pub fn gaps<'a>(run: &Run<'a>) -> Vec<GapRow<'a>> {
    let a = run.assessment;
    let mut rows: Vec<GapRow<'a>> = Vec::new();
    for res in a.gaps.iter().map(|&i| &a.all[i]) {
        let (Some(grade), Some(first)) = (res.worst, a.findings_of(res.index).first()) else {
            continue;
        };
        let findings = a.findings_of(res.index);
        let worst = findings
            .iter()
            .find(|f| f.grade() == grade)
            .unwrap_or(first);
        let r = &run.catalogue.requirements[res.index];
        let answer = &run.resolved[res.index];
        rows.push(GapRow {
            index: res.index,
            id: &r.id,
            clause: &r.clause,
            requirement: &r.text,
            status: res.status.as_str(),
            grade,
            rule: worst.rule.code(),
            rules: findings.iter().map(|f| f.rule.code()).collect(),
            waived: res.waived,
            owner: answer.owner.as_deref().unwrap_or("unassigned"),
            evidence: &answer.evidence,
            target: answer.target.as_ref().map(|t| t.value.to_string()),
            notes: answer.notes.as_deref().unwrap_or(""),
            action: distinct_lines(findings.iter().map(|f| f.action.text.as_str())),
            effort_days: findings.iter().map(|f| f.action.effort_days).sum(),
        });
    }
    rows
}

/// One clause score row.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub depth: usize,
    pub score: Option<f64>,
    pub met: usize,
    pub requirements: usize,
    /// Applicable, met and set-aside counts.
    pub counts: crate::assess::Counts,
    /// Mean maturity of the answers that give one.
    pub maturity: Option<f64>,
}

impl ClauseRow<'_> {
    /// "1.7", or "" when no answer below the clause gives a maturity.
    pub fn maturity_text(&self) -> String {
        self.maturity
            .map_or_else(String::new, |m| format!("{m:.1}"))
    }

    /// "61.5%" or "n/a".
    pub fn score_text(&self) -> String {
        self.score
            .map_or_else(|| "n/a".into(), |s| format!("{}%", format_pct(s)))
    }
}

/// Clause scores in document order, down to `max_depth` levels below the top of the scope
/// (0 = the top clauses 4 to 10, or the `--clause` clause itself).
pub fn clauses<'a>(run: &Run<'a>, max_depth: usize) -> Vec<ClauseRow<'a>> {
    let top = run
        .assessment
        .clauses
        .iter()
        .map(|c| run.catalogue.clauses[c.index].depth)
        .min()
        .unwrap_or(0);
    run.assessment
        .clauses
        .iter()
        .map(|c| (c, &run.catalogue.clauses[c.index]))
        .filter(|(_, clause)| clause.depth <= top.saturating_add(max_depth))
        .map(|(c, clause)| ClauseRow {
            id: &clause.id,
            title: &clause.title,
            depth: clause.depth,
            score: c.score,
            met: c.met,
            requirements: c.requirements,
            counts: c.counts,
            maturity: c.maturity,
        })
        .collect()
}

/// One piece of evidence and what it supports.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRow<'a> {
    pub evidence: &'a str,
    /// Requirement ids it is listed for, in catalogue order.
    pub requirements: Vec<&'a str>,
    /// The oldest review date given for it.
    pub reviewed: Option<String>,
}

/// Every distinct piece of evidence in scope, alphabetically.
pub fn evidence<'a>(run: &Run<'a>) -> Vec<EvidenceRow<'a>> {
    let mut map: BTreeMap<&'a str, EvidenceRow<'a>> = BTreeMap::new();
    for res in run.assessment.in_scope() {
        let answer = &run.resolved[res.index];
        let id = run.catalogue.requirements[res.index].id.as_str();
        for item in answer.evidence.iter() {
            let row = map.entry(item.as_str()).or_insert_with(|| EvidenceRow {
                evidence: item,
                requirements: Vec::new(),
                reviewed: None,
            });
            row.requirements.push(id);
            if let Some(date) = &answer.reviewed {
                let date = date.value.to_string();
                if row.reviewed.as_ref().is_none_or(|d| &date < d) {
                    row.reviewed = Some(date);
                }
            }
        }
    }
    map.into_values().collect()
}

/// The distinct lines of `texts`, in order, one per line.
fn distinct_lines<'t>(texts: impl Iterator<Item = &'t str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for text in texts {
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out.join("\n")
}

/// The overall score as text.
pub fn score_text(run: &Run<'_>) -> String {
    run.assessment
        .score
        .map_or_else(|| "n/a".into(), |s| format!("{}%", format_pct(s)))
}

/// "ISO/IEC 20000-1:2018" from the catalogue's long title.
pub fn short_title(title: &str) -> String {
    let first: Vec<&str> = title.split_whitespace().take(2).collect();
    if first.is_empty() {
        title.to_string()
    } else {
        first.join(" ")
    }
}

/// The packages of `plan` by phase, leaving out empty phases.
pub fn packages_by_phase(
    plan: &crate::plan::Plan,
) -> Vec<(crate::plan::Phase, Vec<&crate::plan::Package>)> {
    use crate::plan::Phase;
    [
        Phase::Foundations,
        Phase::Operation,
        Phase::EvaluationAndImprovement,
    ]
    .into_iter()
    .map(|phase| {
        (
            phase,
            plan.packages
                .iter()
                .filter(|p| p.phase == phase)
                .collect::<Vec<_>>(),
        )
    })
    .filter(|(_, packages)| !packages.is_empty())
    .collect()
}

/// The requirement ids a package closes, in schedule order.
pub fn closes<'a>(
    catalogue: &'a crate::catalogue::Catalogue,
    plan: &crate::plan::Plan,
    package: &crate::plan::Package,
) -> Vec<&'a str> {
    package
        .tasks
        .iter()
        .map(|&t| {
            catalogue.requirements[plan.tasks[t].requirement]
                .id
                .as_str()
        })
        .collect()
}
