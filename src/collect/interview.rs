//! `interview`: the state of a terminal interview, without the terminal. Which requirements
//! it walks, where it resumes, how far along it is, which key means which status, and what
//! an answer does to the answers; [`super::terminal`] asks the questions.

use crate::answers::Status;
use crate::catalogue::{Catalogue, Requirement};

use super::{Form, FormAnswer, status_words};

/// Keys that move through the interview rather than answer it.
pub const SKIP: char = 's';
/// Back to the previous requirement.
pub const BACK: char = 'b';
/// Stop; everything answered so far is already written.
pub const QUIT: char = 'q';

/// A status key: the key, the status and its audit-vocabulary alias.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusKey {
    pub key: char,
    pub status: Status,
    pub word: &'static str,
    /// The audit vocabulary's word for it (`compliant`), when there is one.
    pub alias: Option<&'static str>,
}

/// One key per status the `Status` type knows, so a status added to it gets a key too.
pub fn status_keys() -> Vec<StatusKey> {
    let mut taken = vec![SKIP, BACK, QUIT];
    let mut keys = Vec::new();
    for word in status_words() {
        let Some(status) = Status::parse(word) else {
            continue;
        };
        let preferred = match word {
            "implemented" => Some('i'),
            "partial" => Some('p'),
            "not-implemented" => Some('n'),
            "not-applicable" => Some('a'),
            "not-assessed" => Some('x'),
            "not-triggered" => Some('t'),
            _ => None,
        };
        let key = preferred
            .into_iter()
            .chain(word.chars().filter(char::is_ascii_alphabetic))
            .chain('a'..='z')
            .find(|c| !taken.contains(c));
        let Some(key) = key else { continue };
        taken.push(key);
        let alias = Status::WORDS
            .iter()
            .copied()
            .find(|w| *w != word && Status::parse(w) == Some(status) && !w.contains('/'));
        keys.push(StatusKey {
            key,
            status,
            word,
            alias,
        });
    }
    keys
}

/// An interview over the requirements of one part of the catalogue.
#[derive(Debug, Clone)]
pub struct Session<'c> {
    catalogue: &'c Catalogue,
    /// The requirements asked about, in catalogue order.
    pub items: Vec<&'c Requirement>,
    /// The answers file's answers, with this session's answers merged in.
    pub form: Form,
    /// Only the answers given in this session: what a merge into the file writes.
    pub changes: Form,
    /// The requirement being asked about.
    pub at: usize,
}

impl<'c> Session<'c> {
    /// A session over the requirements below `clause` (all when `None`), resuming at the
    /// first one without a status.
    pub fn new(catalogue: &'c Catalogue, clause: Option<&str>, form: Form) -> Session<'c> {
        let items: Vec<&Requirement> = match clause {
            Some(c) => catalogue.requirements_under(c).collect(),
            None => catalogue.requirements.iter().collect(),
        };
        let mut session = Session {
            catalogue,
            items,
            form,
            changes: Form::default(),
            at: 0,
        };
        session.at = session.first_unanswered().unwrap_or(0);
        session
    }

    /// True when the requirement has a status, from its own answer or a clause's above it.
    pub fn is_answered(&self, r: &Requirement) -> bool {
        let given = |id: &str| {
            self.form
                .get(id)
                .is_some_and(|a| a.status.is_some() || a.maturity.is_some())
        };
        given(&r.id)
            || self
                .catalogue
                .ancestry(&r.clause)
                .iter()
                .any(|c| given(&c.id))
    }

    /// The clause whose answer gives the requirement its status, when its own answer does not.
    pub fn inherited(&self, r: &Requirement) -> Option<(&'c str, Status)> {
        self.catalogue
            .ancestry(&r.clause)
            .iter()
            .rev()
            .find_map(|c| {
                let a = self.form.get(&c.id)?;
                let status = a.status.or(a.maturity.map(Status::from_maturity))?;
                Some((c.id.as_str(), status))
            })
    }

    /// The first requirement without a status, from the start.
    pub fn first_unanswered(&self) -> Option<usize> {
        self.items.iter().position(|r| !self.is_answered(r))
    }

    /// How many of the requirements have a status.
    pub fn answered(&self) -> usize {
        self.items.iter().filter(|r| self.is_answered(r)).count()
    }

    /// The requirement being asked about, or `None` past the end.
    pub fn current(&self) -> Option<&'c Requirement> {
        self.items.get(self.at).copied()
    }

    /// The title of clause `id`.
    pub fn clause_title(&self, id: &str) -> &'c str {
        self.catalogue.clause(id).map_or("", |c| c.title.as_str())
    }

    /// The answer the requirement has in the file, if any.
    pub fn existing(&self, r: &Requirement) -> Option<&FormAnswer> {
        self.form.get(&r.id)
    }

    /// Records an answer for the current requirement and moves to the next one.
    pub fn answer(&mut self, answer: FormAnswer) {
        if let Some(r) = self.current() {
            let change = Form {
                answers: vec![(r.id.clone(), answer)],
                ..Form::default()
            };
            self.form.overlay(&change);
            self.changes.overlay(&change);
        }
        self.at += 1;
    }

    /// Moves on without answering.
    pub fn skip(&mut self) {
        self.at = (self.at + 1).min(self.items.len());
    }

    /// Goes back one requirement.
    pub fn back(&mut self) {
        self.at = self.at.saturating_sub(1);
    }

    /// True once past the last requirement.
    pub fn is_done(&self) -> bool {
        self.at >= self.items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::embedded().expect("the embedded catalogue loads")
    }

    #[test]
    fn every_status_has_its_own_key() {
        let keys = status_keys();
        assert_eq!(keys.len(), status_words().len());
        let mut chars: Vec<char> = keys.iter().map(|k| k.key).collect();
        chars.extend([SKIP, BACK, QUIT]);
        let before = chars.len();
        chars.sort_unstable();
        chars.dedup();
        assert_eq!(chars.len(), before);
        let implemented = keys.iter().find(|k| k.key == 'i').expect("i");
        assert_eq!(implemented.alias, Some("compliant"));
    }

    #[test]
    fn resumes_at_the_first_requirement_without_a_status() {
        let catalogue = catalogue();
        let mut session = Session::new(&catalogue, Some("4.1"), Form::default());
        assert_eq!(session.at, 0);
        session.answer(FormAnswer {
            status: Some(Status::Partial),
            ..FormAnswer::default()
        });
        let resumed = Session::new(&catalogue, Some("4.1"), session.form.clone());
        assert_eq!(resumed.at, 1);
        assert_eq!(resumed.answered(), 1);
        assert_eq!(session.changes.answers.len(), 1);
    }

    #[test]
    fn a_clause_answer_answers_what_is_below_it() {
        let catalogue = catalogue();
        let form = Form {
            answers: vec![(
                "4".into(),
                FormAnswer {
                    status: Some(Status::Implemented),
                    ..FormAnswer::default()
                },
            )],
            ..Form::default()
        };
        let session = Session::new(&catalogue, Some("4.1"), form);
        assert_eq!(session.first_unanswered(), None);
        let first = session.current().expect("4.1 has requirements");
        assert_eq!(session.inherited(first), Some(("4", Status::Implemented)));
        assert_eq!(session.answered(), session.items.len());
    }
}
