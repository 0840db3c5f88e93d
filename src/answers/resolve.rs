//! Inheritance: one answer per requirement from the answers that cover it.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Answer, AnswersFile, Located, Status, Subject, Waiver};
use crate::catalogue::{Catalogue, parent_clause};
use crate::diag::Pos;

/// The answer that applies to one requirement after inheritance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolved {
    /// `NotAssessed` when nothing sets a status.
    pub status: Status,
    /// Where the status (or the maturity that implied it) was written.
    pub status_pos: Option<Pos>,
    pub maturity: Option<u8>,
    /// Shared with the answer that gave it.
    pub evidence: std::sync::Arc<[String]>,
    pub evidence_pos: Option<Pos>,
    /// Where each item of `evidence` is written.
    pub evidence_at: std::sync::Arc<[Pos]>,
    /// The review date of `evidence`, from the same answer.
    pub reviewed: Option<Located<NaiveDate>>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    pub operated_by: Option<Located<String>>,
    pub supported_by: Option<String>,
    pub target: Option<Located<NaiveDate>>,
    /// An effort set on the requirement itself (a clause's effort belongs to its package).
    pub effort_days: Option<f64>,
    pub waiver: Option<Waiver>,
    /// The key of the most specific answer that covers the requirement, if any.
    pub anchor: Option<Pos>,
}

/// Resolves every requirement of `catalogue` (same order as `catalogue.requirements`).
/// Each field comes from the most specific answer that sets it; the status from the most
/// specific answer with a status or maturity (status first); `reviewed` from the answer that
/// gave the evidence; a waiver whole.
pub fn resolve(catalogue: &Catalogue, file: &AnswersFile) -> Vec<Resolved> {
    let mut by_id: HashMap<&str, (&Answer, Pos)> = HashMap::with_capacity(file.entries.len());
    for entry in &file.entries {
        let id = match &entry.subject {
            Subject::Clause(id) | Subject::Requirement(id) => id.as_str(),
        };
        by_id.insert(id, (&entry.answer, entry.key_pos));
    }
    catalogue
        .requirements
        .iter()
        .map(|r| {
            let mut chain: Vec<(&Answer, Pos, bool)> = Vec::new();
            if let Some(&(a, pos)) = by_id.get(r.id.as_str()) {
                chain.push((a, pos, true));
            }
            let mut clause = Some(r.clause.as_str());
            while let Some(id) = clause {
                if let Some(&(a, pos)) = by_id.get(id) {
                    chain.push((a, pos, false));
                }
                clause = parent_clause(id);
            }
            resolve_chain(&chain)
        })
        .collect()
}

/// Resolves one requirement from its answers, most specific first. The flag marks an answer
/// given on the requirement itself.
fn resolve_chain(chain: &[(&Answer, Pos, bool)]) -> Resolved {
    let mut out = Resolved {
        anchor: chain.first().map(|&(_, pos, _)| pos),
        ..Resolved::default()
    };
    if let Some((a, _, _)) = chain
        .iter()
        .find(|(a, _, _)| a.status.is_some() || a.maturity.is_some())
    {
        match (&a.status, &a.maturity) {
            (Some(s), _) => {
                out.status = s.value;
                out.status_pos = Some(s.pos);
            }
            (None, Some(m)) => {
                out.status = Status::from_maturity(m.value);
                out.status_pos = Some(m.pos);
            }
            (None, None) => {}
        }
    }
    // Like every other field, the maturity comes from the most specific answer that gives
    // one, even where a more specific answer decided the status.
    out.maturity = chain
        .iter()
        .find_map(|(a, _, _)| a.maturity.as_ref().map(|m| m.value));
    if let Some((a, _, _)) = chain.iter().find(|(a, _, _)| a.evidence.is_some()) {
        if let Some(e) = &a.evidence {
            out.evidence = e.value.clone();
            out.evidence_pos = Some(e.pos);
            out.evidence_at.clone_from(&a.evidence_at);
        }
        out.reviewed = a.reviewed.clone();
    }
    let first = |get: &dyn Fn(&Answer) -> Option<&Located<String>>| {
        chain.iter().find_map(|(a, _, _)| get(a).cloned())
    };
    out.owner = first(&|a| a.owner.as_ref()).map(|l| l.value);
    out.notes = first(&|a| a.notes.as_ref()).map(|l| l.value);
    out.operated_by = first(&|a| a.operated_by.as_ref());
    out.supported_by = first(&|a| a.supported_by.as_ref()).map(|l| l.value);
    out.target = chain.iter().find_map(|(a, _, _)| a.target.clone());
    out.effort_days = chain
        .iter()
        .find(|(_, _, own)| *own)
        .and_then(|(a, _, _)| a.effort_days.as_ref().map(|e| e.value));
    out.waiver = chain.iter().find_map(|(a, _, _)| a.waiver.clone());
    out
}

/// Efforts set on clause answers: the effort of that clause's whole work package.
pub fn clause_efforts(file: &AnswersFile) -> HashMap<String, f64> {
    file.entries
        .iter()
        .filter_map(|e| match (&e.subject, &e.answer.effort_days) {
            (Subject::Clause(id), Some(days)) => Some((id.clone(), days.value)),
            _ => None,
        })
        .collect()
}
