//! Answers files: what an organization says about each clause and requirement.
//!
//! A file is read into [`AnswersFile`] (every answer as written, with the position of each
//! field) and then [`resolve`]d against the catalogue into one [`Resolved`] answer per
//! requirement, following the inheritance rules: each field comes from the most specific
//! answer that sets it.

mod answer;
mod load;
mod resolve;
mod triggers;

pub use load::{load, parse};
pub use resolve::{Resolved, clause_efforts, resolve};
pub use triggers::future_reviews;

use chrono::NaiveDate;
use std::sync::Arc;

use crate::diag::Pos;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    /// Pairs `value` with `pos`.
    pub fn new(value: T, pos: Pos) -> Located<T> {
        Located { value, pos }
    }
}

/// The status of a requirement, in canonical names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Status {
    Implemented,
    Partial,
    NotImplemented,
    NotApplicable,
    /// The event behind a triggered requirement has not happened in the period.
    NotTriggered,
    /// Nothing says whether the requirement is met: the default.
    #[default]
    NotAssessed,
}

impl Status {
    /// Every word accepted in a file: canonical names, then the audit vocabulary.
    pub const WORDS: [&'static str; 10] = [
        "implemented",
        "partial",
        "not-implemented",
        "not-applicable",
        "not-assessed",
        "not-triggered",
        "compliant",
        "partially-compliant",
        "non-compliant",
        "n/a",
    ];

    /// The canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Partial => "partial",
            Status::NotImplemented => "not-implemented",
            Status::NotApplicable => "not-applicable",
            Status::NotTriggered => "not-triggered",
            Status::NotAssessed => "not-assessed",
        }
    }

    /// Reads a status word: canonical names and the audit vocabulary, ignoring case and
    /// accepting `_` or spaces for `-`.
    pub fn parse(word: &str) -> Option<Status> {
        // The canonical words as written: no need to normalize (this runs for every answer).
        match word {
            "implemented" => return Some(Status::Implemented),
            "partial" => return Some(Status::Partial),
            "not-implemented" => return Some(Status::NotImplemented),
            "not-applicable" => return Some(Status::NotApplicable),
            "not-assessed" => return Some(Status::NotAssessed),
            "not-triggered" => return Some(Status::NotTriggered),
            _ => {}
        }
        let normal: String = word
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '_' || c == ' ' { '-' } else { c })
            .collect();
        Some(match normal.as_str() {
            "implemented" | "compliant" => Status::Implemented,
            "partial" | "partially-compliant" | "partially-implemented" => Status::Partial,
            "not-implemented" | "non-compliant" | "noncompliant" => Status::NotImplemented,
            "not-applicable" | "n/a" | "na" => Status::NotApplicable,
            "not-assessed" => Status::NotAssessed,
            "not-triggered" => Status::NotTriggered,
            _ => return None,
        })
    }

    /// The status a maturity level implies: 0 not implemented, 1-2 partial, 3-5 implemented.
    pub fn from_maturity(level: u8) -> Status {
        match level {
            0 => Status::NotImplemented,
            1 | 2 => Status::Partial,
            _ => Status::Implemented,
        }
    }
}

/// An accepted risk: findings stay visible and planned, but no gate fails on them while it
/// is live (through `expires`, inclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub reason: String,
    pub approved_by: Option<String>,
    pub expires: Located<NaiveDate>,
    pub pos: Pos,
}

/// What an answer is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A clause: the answer covers every requirement below it.
    Clause(String),
    /// One requirement.
    Requirement(String),
}

/// One entry of `answers`, as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    pub status: Option<Located<Status>>,
    pub maturity: Option<Located<u8>>,
    /// Shared with every requirement the answer resolves to (a clause answer's list is not
    /// copied per requirement).
    pub evidence: Option<Located<Arc<[String]>>>,
    /// Where each item of `evidence` is written, so a finding about one file points at its
    /// own line.
    pub evidence_at: Arc<[Pos]>,
    pub reviewed: Option<Located<NaiveDate>>,
    pub owner: Option<Located<String>>,
    pub notes: Option<Located<String>>,
    pub operated_by: Option<Located<String>>,
    pub supported_by: Option<Located<String>>,
    pub target: Option<Located<NaiveDate>>,
    pub effort_days: Option<Located<f64>>,
    pub waiver: Option<Waiver>,
}

/// An answer and what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub subject: Subject,
    pub key_pos: Pos,
    pub answer: Answer,
}

/// The `assessment` block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub organization: String,
    pub scope: Option<String>,
    pub assessor: Option<String>,
    pub date: Option<Located<NaiveDate>>,
    pub catalogue: Option<Located<String>>,
}

/// A whole answers file.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswersFile {
    /// The path as the user gave it (`-` for stdin).
    pub path: String,
    pub meta: Meta,
    pub entries: Vec<Entry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_and_aliases() {
        assert_eq!(Status::parse("Compliant"), Some(Status::Implemented));
        assert_eq!(Status::parse("partially_compliant"), Some(Status::Partial));
        assert_eq!(Status::parse("non-compliant"), Some(Status::NotImplemented));
        assert_eq!(Status::parse("N/A"), Some(Status::NotApplicable));
        assert_eq!(Status::parse("not assessed"), Some(Status::NotAssessed));
        assert_eq!(Status::parse("Not_Triggered"), Some(Status::NotTriggered));
        assert_eq!(Status::parse("implemnted"), None);
    }

    #[test]
    fn maturity_implies_status() {
        assert_eq!(Status::from_maturity(0), Status::NotImplemented);
        assert_eq!(Status::from_maturity(2), Status::Partial);
        assert_eq!(Status::from_maturity(3), Status::Implemented);
    }
}
