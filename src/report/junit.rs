//! JUnit XML: a test case per requirement, grouped by clause, and one per gate, so a CI
//! system's test view tells the same story as the exit status.
//!
//! A requirement's case fails exactly when its result fails an active gate (the evaluation
//! says which: `Evaluation::failed_gates`); otherwise it passes with its findings in its
//! output. A gate's case fails when the gate fails. No gates set: every case passes, as the
//! run exits 0.

use std::collections::BTreeMap;

use anyhow::Result;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{Document, Reporter};
use crate::view::escape::sanitize as clean;

/// The JUnit reporter.
pub struct Junit;

impl Reporter for Junit {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let run = doc.run();
        let mut report = Report::new(format!("iso20k {}", run.catalogue.id));
        let mut gate_suite = TestSuite::new("gates");
        for g in run.gates {
            let status = if g.passed {
                TestCaseStatus::success()
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(clean(&g.detail));
                status.set_type(g.gate);
                if !g.requirements.is_empty() {
                    status.set_description(format!("fails on {}", g.requirements.join(", ")));
                }
                status
            };
            let mut case = TestCase::new(format!("gate {} {}", g.gate, g.target), status);
            case.set_classname("iso20k.gates");
            case.set_system_out(clean(&g.detail));
            gate_suite.add_test_case(case);
        }
        let mut suites: BTreeMap<(Vec<u32>, String), TestSuite> = BTreeMap::new();
        for res in run.assessment.in_scope() {
            let r = &run.catalogue.requirements[res.index];
            let findings = run.assessment.findings_of(res.index);
            let failed: Vec<&str> = run.failed_gates[res.index]
                .iter()
                .map(|&g| run.gates[g].gate)
                .collect();
            let status = if failed.is_empty() {
                TestCaseStatus::success()
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let gates: Vec<String> = run.failed_gates[res.index]
                    .iter()
                    .map(|&g| format!("{} {}", run.gates[g].gate, run.gates[g].target))
                    .collect();
                let mut message = format!("fails gate {}", gates.join(", "));
                for f in findings.iter().filter(|f| !f.waived) {
                    message.push_str(&format!("; {}", f.summary()));
                }
                status.set_message(clean(&message));
                status.set_type(failed[0]);
                let actions: Vec<&str> = findings
                    .iter()
                    .filter(|f| !f.waived)
                    .map(|f| f.action.text.as_str())
                    .collect();
                status.set_description(format!("{}\nAction: {}", r.text, actions.join("\n")));
                status
            };
            let mut case = TestCase::new(format!("{} {}", r.id, r.text), status);
            case.set_classname(format!("iso20k.{}", r.clause));
            let mut out = format!("status: {}", res.status.as_str());
            if let Some(note) = &res.note {
                out.push_str(&format!(" ({note})"));
            }
            if let Some(line) = res.line {
                out.push_str(&format!(" ({}:{})", doc.run().answers_uri, line.line));
            }
            for f in findings {
                out.push('\n');
                out.push_str(&f.summary());
            }
            case.set_system_out(clean(&out));
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
        if !run.gates.is_empty() {
            report.add_test_suite(gate_suite);
        }
        report.add_test_suites(suites.into_values());
        let mut bytes = Vec::new();
        report.serialize(&mut bytes)?;
        Ok(bytes)
    }
}
