//! The engine, stage by stage, on the built-in catalogue with the example answers and on
//! synthetic catalogues with full answers:
//!
//! ```console
//! $ cargo bench --bench engine                  # everything
//! $ cargo bench --bench engine -- 10000         # one size
//! ```
//!
//! Whole processes (start-up, reading files, rendering) are timed by `scripts/bench.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up should stop

#[path = "support/generate.rs"]
mod generate;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use iso20k::answers::{self, AnswersFile, Resolved};
use iso20k::assess::{self, Assessment, Settings};
use iso20k::catalogue::{self, Catalogue};
use iso20k::plan::{self, Grouping, PlanSettings};
use iso20k::source::{self, Syntax};

const EMBEDDED_YAML: &str = include_str!("../requirements/iso20000-1-2018.yaml");
const EXAMPLE: &str = include_str!("../examples/msp-halfway.yaml");

/// One input set: catalogue and answers texts, and what the stages make of them.
struct Case {
    name: String,
    catalogue_text: String,
    answers_text: String,
    catalogue: Catalogue,
    file: AnswersFile,
    resolved: Vec<Resolved>,
    assessment: Assessment,
}

fn settings() -> Settings {
    Settings {
        as_of: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        evidence_max_age: 365,
        clause: None,
        evidence: None,
    }
}

fn plan_settings() -> PlanSettings {
    PlanSettings {
        operating_period: 90,
        group: Grouping::Clause,
        ..PlanSettings::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), 5.0)
    }
}

fn case(name: &str, catalogue_text: String, answers_text: String) -> Case {
    let path = if name == "example" {
        catalogue::EMBEDDED_PATH
    } else {
        "synthetic.yaml"
    };
    let (catalogue, _) = catalogue::parse(path, &catalogue_text).unwrap();
    let (file, _) = answers::parse("answers.yaml", &answers_text, &catalogue).unwrap();
    let resolved = answers::resolve(&catalogue, &file);
    let assessment = assess::assess(&catalogue, &resolved, &settings());
    Case {
        name: name.to_string(),
        catalogue_text,
        answers_text,
        catalogue,
        file,
        resolved,
        assessment,
    }
}

fn cases() -> Vec<Case> {
    let mut cases = vec![case("example", EMBEDDED_YAML.into(), EXAMPLE.into())];
    for n in [1_000, 10_000] {
        cases.push(case(
            &n.to_string(),
            generate::catalogue_yaml(n),
            generate::answers_yaml(n),
        ));
    }
    cases
}

fn stages(c: &mut Criterion) {
    let cases = cases();

    let mut group = c.benchmark_group("catalogue parse");
    for case in &cases {
        group.throughput(Throughput::Bytes(case.catalogue_text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&case.name), case, |b, case| {
            b.iter(|| catalogue::parse("c.yaml", black_box(&case.catalogue_text)).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("answers parse");
    for case in &cases {
        group.throughput(Throughput::Bytes(case.answers_text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&case.name), case, |b, case| {
            b.iter(|| {
                answers::parse("a.yaml", black_box(&case.answers_text), &case.catalogue).unwrap()
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("resolve and assess");
    for case in &cases {
        group.throughput(Throughput::Elements(
            case.catalogue.requirements.len() as u64
        ));
        group.bench_with_input(BenchmarkId::from_parameter(&case.name), case, |b, case| {
            b.iter(|| {
                let resolved = answers::resolve(&case.catalogue, black_box(&case.file));
                assess::assess(&case.catalogue, &resolved, &settings())
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("plan");
    for case in &cases {
        group.throughput(Throughput::Elements(
            case.catalogue.requirements.len() as u64
        ));
        let efforts: HashMap<String, f64> = answers::clause_efforts(&case.file);
        group.bench_with_input(BenchmarkId::from_parameter(&case.name), case, |b, case| {
            b.iter(|| {
                plan::plan(
                    &case.catalogue,
                    black_box(&case.resolved),
                    &case.assessment,
                    &efforts,
                    &plan_settings(),
                )
                .unwrap()
            })
        });
    }
    group.finish();

    // The YAML reader alone on the built-in catalogue's source, in bytes per second.
    let mut group = c.benchmark_group("yaml reader (built-in catalogue)");
    group.throughput(Throughput::Bytes(EMBEDDED_YAML.len() as u64));
    group.bench_function("granit-parser tree", |b| {
        b.iter(|| source::parse(black_box(EMBEDDED_YAML), Syntax::Yaml).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
