//! Checks that tie answers to the as-of date and to the catalogue's events: `not-triggered`
//! only where the requirement waits on an event, and review dates that lie in the future.
//!
//! `not-triggered` says an event (a major incident, a complaint) did not happen in the period.
//! On a requirement with no trigger, or on a whole clause, it would hide a real gap behind a
//! met status, so it is an error that points at the requirements where it does belong.

use chrono::NaiveDate;

use super::{AnswersFile, Located, Status, Subject};
use crate::catalogue::{Catalogue, parent_clause};
use crate::diag::{Diagnostic, Report, afford_suggestion};

/// How many triggered requirement ids an error lists before "and N more".
const LISTED: usize = 6;

/// Reports `not-triggered` on an answer that may not carry it: a clause, or a requirement
/// whose catalogue entry has no `trigger`. `spent` is the file's suggestion budget: listing
/// the requirements nearby scans the catalogue, which many such errors must not repeat.
pub(super) fn check_not_triggered(
    subject: &Subject,
    status: &Located<Status>,
    catalogue: &Catalogue,
    spent: &mut usize,
    report: &mut Report,
) {
    if status.value != Status::NotTriggered {
        return;
    }
    let (clause, message) = match subject {
        Subject::Requirement(id) => match catalogue.requirement(id) {
            Some(r) if r.trigger.is_some() => return,
            Some(r) => (
                r.clause.as_str(),
                format!("`{id}` has no trigger: it applies whether or not any event happens"),
            ),
            None => return,
        },
        Subject::Clause(id) => (
            id.as_str(),
            format!(
                "`not-triggered` is given to clause {id}: it is valid only on a requirement that waits on an event"
            ),
        ),
    };
    // a walk up the clause tree scans the catalogue once per level
    let cost = catalogue.requirements.len().saturating_mul(4);
    let help = if report.is_full() || !afford_suggestion(spent, cost) {
        "answer implemented, partial or not-implemented; `iso20k catalogue list --format json` shows which requirements have a `trigger`".to_string()
    } else {
        nearby_help(catalogue, clause)
    };
    report.push(
        Diagnostic::error(status.pos, message)
            .label("not a triggered requirement")
            .help(help),
    );
}

/// "the requirements nearby that wait on an event: 8.6.1-4 (a major incident), ...": the
/// triggered requirements of the clause, else of the nearest ancestor that has some.
fn nearby_help(catalogue: &Catalogue, clause: &str) -> String {
    let mut at = Some(clause);
    while let Some(id) = at {
        let triggered: Vec<String> = catalogue
            .requirements_under(id)
            .filter_map(|r| r.trigger.as_ref().map(|t| format!("`{}` ({t})", r.id)))
            .collect();
        if !triggered.is_empty() {
            let more = triggered.len().saturating_sub(LISTED);
            let mut list = triggered[..triggered.len().min(LISTED)].join(", ");
            if more > 0 {
                list.push_str(&format!(" and {more} more"));
            }
            return format!(
                "requirements under {id} that wait on an event: {list}; otherwise answer implemented, partial or not-implemented"
            );
        }
        at = parent_clause(id);
    }
    "no requirement nearby waits on an event; answer implemented, partial or not-implemented (`iso20k catalogue list --format json` shows each `trigger`)".into()
}

/// A warning for each `reviewed` date after `as_of`: that evidence counts as undated, since
/// a review that has not happened yet says nothing about whether it is current.
pub fn future_reviews(file: &AnswersFile, as_of: NaiveDate) -> Report {
    let mut report = Report::new(&file.path, "");
    for entry in &file.entries {
        if let Some(reviewed) = &entry.answer.reviewed
            && entry.answer.evidence.is_some()
            && reviewed.value > as_of
        {
            report.push(
                Diagnostic::warning(
                    reviewed.pos,
                    format!(
                        "`reviewed` {} is after the as-of date {as_of}: the evidence counts as undated",
                        reviewed.value
                    ),
                )
                .label("a date in the future")
                .help("give the date the evidence was last reviewed, on or before the as-of date"),
            );
        }
    }
    report.sort();
    report
}
