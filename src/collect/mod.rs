//! Collecting answers from people who never edit YAML: a spreadsheet questionnaire that goes
//! out and comes back (`init -o questions.xlsx`, `import`), and a terminal interview.
//!
//! Every way in meets in one plain model, [`Form`]: the answers as values without source
//! positions. The workbook is written from it, the importer and the interview produce it, and
//! [`write`] turns it into an answers file (or merges it into one), so that a round trip
//! through any of them gives the same file.

pub mod cells;
pub mod columns;
pub mod command;
pub mod import;
pub mod interview;
pub mod terminal;
pub mod workbook;
pub mod write;

use chrono::NaiveDate;

use crate::answers::{Answer, AnswersFile, Status, Subject};

/// The `assessment` block, as plain values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormMeta {
    pub organization: Option<String>,
    pub scope: Option<String>,
    pub assessor: Option<String>,
    pub date: Option<NaiveDate>,
    pub catalogue: Option<String>,
}

/// An accepted risk, as plain values.
#[derive(Debug, Clone, PartialEq)]
pub struct FormWaiver {
    pub reason: String,
    pub approved_by: Option<String>,
    pub expires: NaiveDate,
}

/// One answer, as plain values: `None` is a field not given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormAnswer {
    pub status: Option<Status>,
    pub maturity: Option<u8>,
    pub owner: Option<String>,
    pub evidence: Option<Vec<String>>,
    pub reviewed: Option<NaiveDate>,
    pub notes: Option<String>,
    pub operated_by: Option<String>,
    pub supported_by: Option<String>,
    pub target: Option<NaiveDate>,
    pub effort_days: Option<f64>,
    pub waiver: Option<FormWaiver>,
}

impl FormAnswer {
    /// True when no field is given.
    pub fn is_empty(&self) -> bool {
        *self == FormAnswer::default()
    }

    /// Sets every field `other` gives, keeping the rest: the newer answer wins field by field.
    pub fn overlay(&mut self, other: &FormAnswer) {
        fn take<T: Clone>(into: &mut Option<T>, from: &Option<T>) {
            if from.is_some() {
                into.clone_from(from);
            }
        }
        take(&mut self.status, &other.status);
        take(&mut self.maturity, &other.maturity);
        take(&mut self.owner, &other.owner);
        take(&mut self.evidence, &other.evidence);
        take(&mut self.reviewed, &other.reviewed);
        take(&mut self.notes, &other.notes);
        take(&mut self.operated_by, &other.operated_by);
        take(&mut self.supported_by, &other.supported_by);
        take(&mut self.target, &other.target);
        take(&mut self.effort_days, &other.effort_days);
        take(&mut self.waiver, &other.waiver);
    }
}

impl From<&Answer> for FormAnswer {
    fn from(a: &Answer) -> FormAnswer {
        FormAnswer {
            status: a.status.as_ref().map(|s| s.value),
            maturity: a.maturity.as_ref().map(|m| m.value),
            owner: a.owner.as_ref().map(|v| v.value.clone()),
            evidence: a.evidence.as_ref().map(|v| v.value.to_vec()),
            reviewed: a.reviewed.as_ref().map(|v| v.value),
            notes: a.notes.as_ref().map(|v| v.value.clone()),
            operated_by: a.operated_by.as_ref().map(|v| v.value.clone()),
            supported_by: a.supported_by.as_ref().map(|v| v.value.clone()),
            target: a.target.as_ref().map(|v| v.value),
            effort_days: a.effort_days.as_ref().map(|v| v.value),
            waiver: a.waiver.as_ref().map(|w| FormWaiver {
                reason: w.reason.clone(),
                approved_by: w.approved_by.clone(),
                expires: w.expires.value,
            }),
        }
    }
}

/// A whole answers file as plain values, answers in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Form {
    pub meta: FormMeta,
    pub answers: Vec<(String, FormAnswer)>,
}

impl Form {
    /// The answer for `id`, if the form has one.
    pub fn get(&self, id: &str) -> Option<&FormAnswer> {
        self.answers.iter().find(|(i, _)| i == id).map(|(_, a)| a)
    }

    /// Merges `other` in: its meta values and answers win field by field; answers it does not
    /// mention are kept, new ones are added at the end in `other`'s order.
    pub fn overlay(&mut self, other: &Form) {
        let m = &other.meta;
        let mine = &mut self.meta;
        for (into, from) in [
            (&mut mine.organization, &m.organization),
            (&mut mine.scope, &m.scope),
            (&mut mine.assessor, &m.assessor),
            (&mut mine.catalogue, &m.catalogue),
        ] {
            if from.is_some() {
                into.clone_from(from);
            }
        }
        if m.date.is_some() {
            mine.date = m.date;
        }
        let mut index: std::collections::HashMap<String, usize> = self
            .answers
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), i))
            .collect();
        for (id, answer) in &other.answers {
            match index.get(id) {
                Some(&i) => self.answers[i].1.overlay(answer),
                None => {
                    index.insert(id.clone(), self.answers.len());
                    self.answers.push((id.clone(), answer.clone()));
                }
            }
        }
    }
}

impl From<&AnswersFile> for Form {
    fn from(file: &AnswersFile) -> Form {
        Form {
            meta: FormMeta {
                organization: Some(file.meta.organization.clone()),
                scope: file.meta.scope.clone(),
                assessor: file.meta.assessor.clone(),
                date: file.meta.date.as_ref().map(|d| d.value),
                catalogue: file.meta.catalogue.as_ref().map(|c| c.value.clone()),
            },
            answers: file
                .entries
                .iter()
                .map(|e| {
                    let id = match &e.subject {
                        Subject::Clause(id) | Subject::Requirement(id) => id.clone(),
                    };
                    (id, FormAnswer::from(&e.answer))
                })
                .collect(),
        }
    }
}

/// The canonical status words, in the order the `Status` type lists them: the words of
/// [`Status::WORDS`] that are their own canonical name. A status added to the type appears in
/// every dropdown and prompt without a change here.
pub fn status_words() -> Vec<&'static str> {
    Status::WORDS
        .iter()
        .copied()
        .filter(|w| Status::parse(w).is_some_and(|s| s.as_str() == *w))
        .collect()
}

/// What a status means, for people who have never seen the vocabulary.
pub fn status_meaning(word: &str) -> &'static str {
    match word {
        "implemented" => "in place and working; evidence shows it (audit word: compliant)",
        "partial" => "started or done in part (audit word: partially-compliant)",
        "not-implemented" => "not in place (audit word: non-compliant)",
        "not-applicable" => {
            "does not apply to this organization; only counts for requirements that depend on a situation (audit word: n/a)"
        }
        "not-assessed" => "not looked at yet; counts as a gap",
        "not-triggered" => {
            "the event behind the requirement has not happened in the period (only for requirements that have a trigger)"
        }
        _ => "see the README",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_are_the_canonical_names() {
        let words = status_words();
        assert!(words.contains(&"implemented"));
        assert!(words.contains(&"not-assessed"));
        assert!(!words.contains(&"compliant"));
        assert!(!words.contains(&"n/a"));
    }

    #[test]
    fn overlay_keeps_what_the_newer_answer_leaves_out() {
        let mut old = FormAnswer {
            status: Some(Status::Partial),
            owner: Some("Ops".into()),
            ..FormAnswer::default()
        };
        old.overlay(&FormAnswer {
            status: Some(Status::Implemented),
            ..FormAnswer::default()
        });
        assert_eq!(old.status, Some(Status::Implemented));
        assert_eq!(old.owner.as_deref(), Some("Ops"));
    }
}
