//! JUnit XML: a test case per requirement in a suite per leaf clause, so CI test views list
//! the standard like a test suite. A finding that fails the active `--fail-on` grade (major
//! when none is set) is a failure; other findings pass with the finding in the output.
//! `quick-junit` writes and escapes the XML.

use std::collections::BTreeMap;

use anyhow::Result;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{Document, Reporter};
use crate::assess::Grade;

/// The JUnit reporter.
pub struct Junit;

impl Reporter for Junit {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let run = &doc.run;
        let fails_at = doc.fail_on.unwrap_or(Grade::Major);
        let mut report = Report::new(format!("iso20k {}", run.catalogue.id));
        // suites in document order of their clause
        let mut suites: BTreeMap<(Vec<u32>, String), TestSuite> = BTreeMap::new();
        for res in run.assessment.in_scope() {
            let r = &run.catalogue.requirements[res.index];
            let findings: Vec<_> = run
                .assessment
                .findings
                .iter()
                .filter(|f| f.requirement == res.index)
                .collect();
            let failing: Vec<_> = findings
                .iter()
                .filter(|f| !f.waived && f.grade() >= fails_at)
                .collect();
            let status = match failing.first() {
                Some(first) => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    let messages: Vec<String> = failing
                        .iter()
                        .map(|f| {
                            format!("{} ({}): {}", f.rule.code(), f.grade().as_str(), f.message)
                        })
                        .collect();
                    status.set_message(messages.join("; "));
                    status.set_type(first.rule.code());
                    let actions: Vec<&str> =
                        failing.iter().map(|f| f.action.text.as_str()).collect();
                    status.set_description(format!("{}\nAction: {}", r.text, actions.join("\n")));
                    status
                }
                None => TestCaseStatus::success(),
            };
            let mut case = TestCase::new(format!("{} {}", r.id, r.text), status);
            case.set_classname(format!("iso20k.{}", r.clause));
            let notes: Vec<String> = findings
                .iter()
                .filter(|f| failing.iter().all(|g| !std::ptr::eq(**g, **f)))
                .map(|f| f.summary())
                .collect();
            let mut out = format!("status: {}", res.status.as_str());
            if let Some(note) = &res.note {
                out.push_str(&format!(" ({note})"));
            }
            if let Some(line) = run.resolved[res.index]
                .status_pos
                .or(run.resolved[res.index].anchor)
            {
                out.push_str(&format!(" ({}:{})", doc.answers_uri, line.line));
            }
            for note in notes {
                out.push('\n');
                out.push_str(&note);
            }
            case.set_system_out(out);
            let clause = run
                .catalogue
                .clause(&r.clause)
                .map_or("", |c| c.title.as_str());
            suites
                .entry((
                    crate::catalogue::clause_sort_key(&r.clause),
                    r.clause.clone(),
                ))
                .or_insert_with(|| TestSuite::new(format!("{} {clause}", r.clause)))
                .add_test_case(case);
        }
        report.add_test_suites(suites.into_values());
        let mut bytes = Vec::new();
        report.serialize(&mut bytes)?;
        Ok(bytes)
    }
}
