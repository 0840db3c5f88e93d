//! What changed between two assessments, matched by id, never by line: moving an answer up
//! the file, or a stale-evidence message counting one more day, is not a change.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::snapshot::{FindingSnap, RequirementSnap, Snapshot};
use crate::assess::round1;

/// The change between an old and a new assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    /// New minus old overall score, in percentage points; `None` when either is unscored.
    pub score_change: Option<f64>,
    pub verdict_changed: bool,
    /// Clauses whose score changed, in document order.
    pub clauses: Vec<ClauseChange>,
    /// Requirements whose status changed (or that exist on one side only), in catalogue order.
    pub requirements: Vec<RequirementChange>,
    /// Requirements not met before and met now.
    pub gaps_closed: Vec<String>,
    /// Requirements met before and not met now.
    pub gaps_opened: Vec<String>,
    pub findings_resolved: Vec<FindingSnap>,
    pub findings_new: Vec<FindingSnap>,
    pub evidence: EvidenceChanges,
    /// What `--fail-on-regression` fails on.
    pub regressions: Vec<Regression>,
    /// The score drop, in percentage points, tolerated before a clause counts as regressed.
    pub threshold: f64,
}

/// One side's headline.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// What the user named: a path, or `REV:PATH`.
    pub label: String,
    /// The answers file the lines refer to.
    pub answers_file: String,
    pub organization: String,
    /// The as-of date, YYYY-MM-DD.
    pub as_of: String,
    /// The overall score, in percent.
    pub score: Option<f64>,
    pub verdict: String,
}

/// A clause whose score changed.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseChange {
    pub id: String,
    pub title: String,
    /// The old score, in percent.
    pub old: Option<f64>,
    /// The new score, in percent.
    pub new: Option<f64>,
    /// New minus old, in percentage points.
    pub change: Option<f64>,
}

/// How a requirement's status moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    Improved,
    Regressed,
    /// Different, neither better nor worse (not-assessed to not-implemented).
    Changed,
    /// Only in the new assessment (another catalogue or scope).
    Added,
    /// Only in the old assessment.
    Removed,
}

/// A requirement whose status changed.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementChange {
    pub id: String,
    pub clause: String,
    /// The old status; `None` when the requirement is new.
    pub old: Option<String>,
    /// The new status; `None` when the requirement is gone.
    pub new: Option<String>,
    pub movement: Movement,
    /// The answers line on the new side (the old side's when removed).
    pub line: Option<u32>,
}

/// Evidence that appeared, disappeared or went stale.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvidenceChanges {
    pub added: Vec<EvidenceChange>,
    pub gone: Vec<EvidenceChange>,
    /// New `stale-evidence` findings.
    pub stale: Vec<FindingSnap>,
}

/// One evidence entry and the requirements it was added to or dropped from.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceChange {
    /// The entry as written.
    pub entry: String,
    /// The requirements it was added to or dropped from, in catalogue order.
    pub requirements: Vec<String>,
    /// The first of those requirements' answers line on the new side.
    pub line: Option<u32>,
}

/// Something that got worse.
#[derive(Debug, Clone, Serialize)]
pub struct Regression {
    /// `requirement`, `clause` or `score`.
    pub kind: &'static str,
    /// The requirement or clause id, or `overall`.
    pub id: String,
    /// What got worse, in one line.
    pub message: String,
    /// The regressed answer's line on the new side (requirements only).
    pub line: Option<u32>,
}

impl Diff {
    /// True when nothing a reader would care about changed.
    pub fn is_empty(&self) -> bool {
        self.score_change.is_none_or(|c| c == 0.0)
            && self.old.score.is_some() == self.new.score.is_some()
            && !self.verdict_changed
            && self.clauses.is_empty()
            && self.requirements.is_empty()
            && self.findings_resolved.is_empty()
            && self.findings_new.is_empty()
            && self.evidence.added.is_empty()
            && self.evidence.gone.is_empty()
    }
}

fn side(s: &Snapshot) -> Side {
    Side {
        label: s.label.clone(),
        answers_file: s.answers_file.clone(),
        organization: s.organization.clone(),
        as_of: s.as_of.clone(),
        score: s.score,
        verdict: s.verdict.clone(),
    }
}

fn change(old: Option<f64>, new: Option<f64>) -> Option<f64> {
    Some(round1(new? - old?))
}

/// "72.5%", or "n/a" when nothing is scored.
pub fn pct(score: Option<f64>) -> String {
    score.map_or_else(|| "n/a".into(), |s| format!("{s:.1}%"))
}

/// "+4.5", "-2.0", "±0.0".
pub fn signed(change: Option<f64>) -> String {
    match change {
        None => "n/a".into(),
        Some(c) if c > 0.0 => format!("+{c:.1}"),
        Some(c) if c < 0.0 => format!("{c:.1}"),
        Some(_) => "±0.0".into(),
    }
}

/// Compares `old` with `new`; a clause or overall score dropping by more than `threshold`
/// percentage points is a regression, as is any requirement whose status got worse.
pub fn compare(old: &Snapshot, new: &Snapshot, threshold: f64) -> Diff {
    let mut regressions = Vec::new();
    let score_change = change(old.score, new.score);
    if let Some(c) = score_change
        && -c > threshold
    {
        regressions.push(Regression {
            kind: "score",
            id: "overall".into(),
            message: format!(
                "overall score {} → {} ({})",
                pct(old.score),
                pct(new.score),
                signed(Some(c))
            ),
            line: None,
        });
    }
    let old_clauses: HashMap<&str, Option<f64>> = old
        .clauses
        .iter()
        .map(|c| (c.id.as_str(), c.score))
        .collect();
    let mut clauses = Vec::new();
    for c in &new.clauses {
        let Some(&before) = old_clauses.get(c.id.as_str()) else {
            continue;
        };
        if before == c.score {
            continue;
        }
        let delta = change(before, c.score);
        if let Some(d) = delta
            && -d > threshold
        {
            regressions.push(Regression {
                kind: "clause",
                id: c.id.clone(),
                message: format!(
                    "clause {} {} score {} → {} ({})",
                    c.id,
                    c.title,
                    pct(before),
                    pct(c.score),
                    signed(delta)
                ),
                line: None,
            });
        }
        clauses.push(ClauseChange {
            id: c.id.clone(),
            title: c.title.clone(),
            old: before,
            new: c.score,
            change: delta,
        });
    }
    let old_reqs: HashMap<&str, &RequirementSnap> = old
        .requirements
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let new_ids: HashSet<&str> = new.requirements.iter().map(|r| r.id.as_str()).collect();
    let mut requirements = Vec::new();
    let (mut gaps_closed, mut gaps_opened) = (Vec::new(), Vec::new());
    for r in &new.requirements {
        let Some(before) = old_reqs.get(r.id.as_str()) else {
            requirements.push(requirement_change(None, r, Movement::Added));
            continue;
        };
        if before.met != r.met {
            if r.met {
                &mut gaps_closed
            } else {
                &mut gaps_opened
            }
            .push(r.id.clone());
        }
        if before.status == r.status && before.met == r.met {
            continue;
        }
        let movement = match r.rank().cmp(&before.rank()) {
            std::cmp::Ordering::Greater => Movement::Improved,
            std::cmp::Ordering::Less => Movement::Regressed,
            std::cmp::Ordering::Equal => Movement::Changed,
        };
        if movement == Movement::Regressed {
            regressions.push(Regression {
                kind: "requirement",
                id: r.id.clone(),
                message: format!("{}: {} → {}", r.id, before.status, r.status),
                line: r.line,
            });
        }
        requirements.push(requirement_change(Some(before), r, movement));
    }
    for r in old
        .requirements
        .iter()
        .filter(|r| !new_ids.contains(r.id.as_str()))
    {
        requirements.push(RequirementChange {
            id: r.id.clone(),
            clause: r.clause.clone(),
            old: Some(r.status.clone()),
            new: None,
            movement: Movement::Removed,
            line: r.line,
        });
    }
    let (findings_resolved, findings_new) = finding_changes(&old.findings, &new.findings);
    let evidence = EvidenceChanges {
        added: evidence_moves(&new.requirements, &old_reqs, false),
        gone: evidence_moves(&old.requirements, &new_map(new), true),
        stale: findings_new
            .iter()
            .filter(|f| f.rule == "stale-evidence")
            .cloned()
            .collect(),
    };
    Diff {
        old: side(old),
        new: side(new),
        score_change,
        verdict_changed: old.verdict != new.verdict,
        clauses,
        requirements,
        gaps_closed,
        gaps_opened,
        findings_resolved,
        findings_new,
        evidence,
        regressions,
        threshold,
    }
}

fn new_map(new: &Snapshot) -> HashMap<&str, &RequirementSnap> {
    new.requirements
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect()
}

fn requirement_change(
    before: Option<&RequirementSnap>,
    r: &RequirementSnap,
    movement: Movement,
) -> RequirementChange {
    RequirementChange {
        id: r.id.clone(),
        clause: r.clause.clone(),
        old: before.map(|b| b.status.clone()),
        new: Some(r.status.clone()),
        movement,
        line: r.line,
    }
}

/// Findings matched by requirement and rule: a message that changed (a day count) is the
/// same finding.
fn finding_changes(
    old: &[FindingSnap],
    new: &[FindingSnap],
) -> (Vec<FindingSnap>, Vec<FindingSnap>) {
    let key = |f: &FindingSnap| (f.requirement.clone(), f.rule.clone());
    let old_keys: HashSet<(String, String)> = old.iter().map(key).collect();
    let new_keys: HashSet<(String, String)> = new.iter().map(key).collect();
    let resolved = old
        .iter()
        .filter(|f| !new_keys.contains(&key(f)))
        .cloned()
        .collect();
    let added = new
        .iter()
        .filter(|f| !old_keys.contains(&key(f)))
        .cloned()
        .collect();
    (resolved, added)
}

/// Evidence entries of `side`'s requirements that `other` lacks, grouped by entry (a clause
/// answer's evidence covers many requirements) in the order they first appear. The line is
/// the new side's: `other`'s when `side` is the old one.
fn evidence_moves(
    side: &[RequirementSnap],
    other: &HashMap<&str, &RequirementSnap>,
    other_is_new: bool,
) -> Vec<EvidenceChange> {
    let mut order: Vec<String> = Vec::new();
    let mut by_entry: BTreeMap<String, EvidenceChange> = BTreeMap::new();
    for r in side {
        // A requirement only on one side is reported as added or removed, not its evidence.
        let Some(o) = other.get(r.id.as_str()) else {
            continue;
        };
        let line = if other_is_new { o.line } else { r.line };
        for entry in r.evidence.iter().filter(|e| !o.evidence.contains(e)) {
            let change = by_entry.entry(entry.clone()).or_insert_with(|| {
                order.push(entry.clone());
                EvidenceChange {
                    entry: entry.clone(),
                    requirements: Vec::new(),
                    line,
                }
            });
            change.requirements.push(r.id.clone());
        }
    }
    order
        .into_iter()
        .filter_map(|e| by_entry.remove(&e))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::snapshot::ClauseSnap;

    fn req(id: &str, status: &str, met: bool, score: f64, line: u32) -> RequirementSnap {
        RequirementSnap {
            id: id.into(),
            clause: "4.1".into(),
            status: status.into(),
            met,
            score: Some(score),
            evidence: vec!["a.pdf".into()],
            line: Some(line),
        }
    }

    fn snap(reqs: Vec<RequirementSnap>, clause: f64, message: &str) -> Snapshot {
        Snapshot {
            label: "x".into(),
            answers_file: "x".into(),
            organization: "Acme".into(),
            as_of: "2026-01-01".into(),
            score: Some(clause),
            verdict: "not-ready".into(),
            clauses: vec![ClauseSnap {
                id: "4.1".into(),
                title: "Context".into(),
                score: Some(clause),
            }],
            requirements: reqs,
            findings: vec![FindingSnap {
                requirement: "4.1-1".into(),
                rule: "stale-evidence".into(),
                grade: "observation".into(),
                waived: false,
                message: message.into(),
                line: Some(3),
            }],
        }
    }

    #[test]
    fn what_only_moved_is_no_change() {
        let old = snap(
            vec![req("4.1-1", "implemented", true, 1.0, 3)],
            100.0,
            "400 days",
        );
        let new = snap(
            vec![req("4.1-1", "implemented", true, 1.0, 30)],
            100.0,
            "490 days",
        );
        assert!(compare(&old, &new, 0.0).is_empty());
    }

    #[test]
    fn ranks_decide_improved_regressed_and_changed() {
        let old = snap(
            vec![
                req("4.1-1", "partial", false, 0.5, 3),
                req("4.1-2", "not-assessed", false, 0.0, 4),
            ],
            25.0,
            "",
        );
        let new = snap(
            vec![
                req("4.1-1", "not-implemented", false, 0.0, 3),
                req("4.1-2", "not-implemented", false, 0.0, 4),
            ],
            24.9,
            "",
        );
        let d = compare(&old, &new, 0.0);
        let moves: Vec<Movement> = d.requirements.iter().map(|r| r.movement).collect();
        assert_eq!(moves, [Movement::Regressed, Movement::Changed]);
        // A 0.1-point drop is a regression at threshold 0, noise at 0.1.
        assert_eq!(d.regressions.len(), 3);
        assert_eq!(compare(&old, &new, 0.1).regressions.len(), 1);
    }
}
