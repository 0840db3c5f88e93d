//! What every fuzz target checks once a file has loaded or failed to load.

#![allow(dead_code)] // each target uses a part

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use iso20k::answers::{self, AnswersFile};
use iso20k::assess::gates::{self, GateConfig};
use iso20k::assess::{self, Grade, Settings};
use iso20k::catalogue::Catalogue;
use iso20k::diag::Report;
use iso20k::output::Term;
use iso20k::plan::{self, Grouping, PlanSettings};
use iso20k::view;

/// The built-in catalogue, parsed once.
pub static EMBEDDED: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::embedded().expect("the embedded catalogue is valid"));

/// The bytes as text: invalid UTF-8 becomes U+FFFD, as the loaders only take text (the file
/// reader refuses what is not UTF-8 before they see it).
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// A load that failed must say why, and its report must render.
pub fn check_failure(report: &Report) {
    assert!(report.error_count() > 0, "an Err without an error");
    let _ = report.render(false);
    let _ = report.render(true);
}

/// A load that succeeded has only warnings, and they render.
pub fn check_warnings(report: &Report) {
    assert_eq!(report.error_count(), 0);
    let _ = report.render(false);
}

/// Assesses, gates, plans and renders a loaded answers file, as `assess` and `plan` do.
pub fn run_engine(catalogue: &Catalogue, file: &AnswersFile) {
    let resolved = answers::resolve(catalogue, file);
    let as_of = file
        .meta
        .date
        .as_ref()
        .map(|d| d.value)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 11, 20).expect("a valid date"));
    let settings = Settings {
        as_of,
        evidence_max_age: 365,
        clause: None,
    };
    let assessment = assess::assess(catalogue, &resolved, &settings);
    let config = GateConfig {
        fail_under: Some(80.0),
        fail_on: Some(Grade::Minor),
        require: Vec::new(),
        clause_minimums: Vec::new(),
    };
    let gate_results = gates::evaluate(catalogue, &assessment, &config);
    let run = view::Run {
        catalogue,
        file,
        resolved: &resolved,
        assessment: &assessment,
        gates: &gate_results,
    };
    let _ = view::assess::render(&run, &Term::plain(), 0);
    let _ = view::assess_json::render(&run);
    let efforts: HashMap<String, f64> = answers::clause_efforts(file);
    for group in [Grouping::Clause, Grouping::Requirement] {
        let plan_settings = PlanSettings {
            start: as_of,
            capacity: 5.0,
            operating_period: 90,
            group,
        };
        if let Ok(plan) = plan::plan(catalogue, &resolved, &assessment, &efforts, &plan_settings) {
            let run = view::plan::PlanRun {
                catalogue,
                file,
                assessment: &assessment,
                plan: &plan,
            };
            let _ = view::plan::render(&run, &Term::plain());
            let _ = view::plan_json::render(&run);
        }
    }
}
