#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly
//! Property tests: whatever the input, loading never panics and always ends in `Ok` or in an
//! `Err` that carries at least one error; what loads can be assessed and planned without a
//! panic, and the results keep their invariants.
//!
//! Inputs are arbitrary text, the repository's example and fixture files mutated (bytes and
//! YAML/TOML tokens inserted, deleted, swapped, lines duplicated or re-indented), and
//! generated answers files and catalogues with random values in every field.

use std::sync::LazyLock;

use chrono::NaiveDate;
use iso20k::answers::{self, AnswersFile};
use iso20k::assess::gates::{self, GateConfig};
use iso20k::assess::{self, Grade, Settings};
use iso20k::catalogue::{self, Catalogue};
use iso20k::diag::Report;
use iso20k::plan::{self, Grouping, PlanSettings};
use iso20k::policy;
use proptest::prelude::*;

static EMBEDDED: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::embedded().unwrap());

static MINI: LazyLock<Catalogue> = LazyLock::new(|| {
    catalogue::parse("mini.yaml", &read("tests/fixtures/catalogues/mini.yaml"))
        .unwrap()
        .0
});

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// Seeds for mutation: every small answers file, catalogue and policy in the repository.
static SEEDS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let mut seeds = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures/answers",
        "tests/fixtures/catalogues",
        "tests/fixtures/ok",
        "tests/fixtures/bad/answers",
        "tests/fixtures/bad/catalogues",
        "tests/fixtures/bad/policies",
    ] {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut entries: Vec<_> = std::fs::read_dir(&full)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.ends_with(".yaml") || name.ends_with(".toml")) {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            if bytes.len() > 64 * 1024 {
                continue;
            }
            seeds.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    seeds
});

/// Tokens that stress YAML and TOML parsers and our validators.
const TOKENS: &[&str] = &[
    ": ",
    "- ",
    "-",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "    ",
    "#",
    " # c",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "!tag ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "\\",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "~",
    "null",
    "true",
    "false",
    ".nan",
    "-.inf",
    "1e999",
    "99999999999999999999",
    "-1",
    "0",
    "5",
    "2.5",
    "2026-02-30",
    "2026-11-20",
    "0000-00-00",
    "\u{feff}",
    "\u{0}",
    "é",
    "\u{200b}",
    "\u{2028}",
    "status",
    "maturity",
    "evidence",
    "reviewed",
    "waiver",
    "expires",
    "effort_days",
    "operated_by",
    "answers",
    "assessment",
    "requirements",
    "clauses",
    "depends_on",
    "\"4\"",
    "4.1-1",
    "8.6.1",
    "10.2-2",
    "9.2",
    "[answers.8.6.1]",
    "[[x]]",
    "= ",
    "\"\"\"",
    "'''",
    "inf",
    "nan",
    "0x1F",
    "1_000",
    "+",
    "?",
    ": |",
    "\"\\u00e9\"",
    "\"\\x\"",
];

/// One edit of a text: where (a fraction of its length) and what.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, &'static str),
    InsertBytes(f64, Vec<u8>),
    Delete(f64, usize),
    DuplicateLine(f64),
    SwapLines(f64, f64),
    Indent(f64, usize),
    Truncate(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    prop_oneof![
        4 => (at.clone(), prop::sample::select(TOKENS)).prop_map(|(a, t)| Edit::Insert(a, t)),
        1 => (at.clone(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(a, b)| Edit::InsertBytes(a, b)),
        3 => (at.clone(), 1..40usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        1 => at.clone().prop_map(Edit::DuplicateLine),
        1 => (at.clone(), at.clone()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        1 => (at.clone(), 0..9usize).prop_map(|(a, n)| Edit::Indent(a, n)),
        1 => at.prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let index = |len: usize, at: f64| ((len as f64) * at) as usize;
    for e in edits {
        match e {
            Edit::Insert(at, token) => {
                let i = index(bytes.len(), *at);
                bytes.splice(i..i, token.bytes());
            }
            Edit::InsertBytes(at, raw) => {
                let i = index(bytes.len(), *at);
                bytes.splice(i..i, raw.iter().copied());
            }
            Edit::Delete(at, n) => {
                let i = index(bytes.len(), *at);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Edit::Truncate(at) => bytes.truncate(index(bytes.len(), *at)),
            Edit::DuplicateLine(at) | Edit::Indent(at, _) | Edit::SwapLines(at, _) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
                let i = index(lines.len(), *at).min(lines.len() - 1);
                match e {
                    Edit::DuplicateLine(_) => {
                        let line = lines[i].clone();
                        lines.insert(i, line);
                    }
                    Edit::Indent(_, n) => lines[i] = format!("{}{}", " ".repeat(*n), lines[i]),
                    Edit::SwapLines(_, other) => {
                        let j = index(lines.len(), *other).min(lines.len() - 1);
                        lines.swap(i, j);
                    }
                    _ => {}
                }
                bytes = lines.join("\n").into_bytes();
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A failed load must say why, and its report must render (positions may be anywhere).
fn check_report(report: &Report, ok: bool) {
    if ok {
        assert_eq!(report.error_count(), 0, "{report:?}");
    } else {
        assert!(
            report.error_count() > 0,
            "an Err without an error: {report:?}"
        );
    }
    let plain = report.render(false);
    let styled = report.render(true);
    assert_eq!(plain.is_empty(), report.diagnostics.is_empty());
    assert!(!styled.is_empty() || report.diagnostics.is_empty());
}

/// Loads `text` as answers against `catalogue`; when it loads, assesses and plans it.
fn answers_roundtrip(name: &str, text: &str, catalogue: &Catalogue, knobs: &Knobs) {
    match answers::parse(name, text, catalogue) {
        Ok((file, warnings)) => {
            check_report(&warnings, true);
            run_engine(catalogue, &file, knobs);
        }
        Err(report) => check_report(&report, false),
    }
}

/// Settings a run can have, drawn at random.
#[derive(Debug, Clone)]
struct Knobs {
    as_of: NaiveDate,
    max_age: u32,
    clause: Option<&'static str>,
    capacity: f64,
    operating_period: u32,
    group: Grouping,
    fail_under: Option<f64>,
    fail_on: Option<Grade>,
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (
        (0i64..40_000).prop_map(|d| {
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(d as u64)
        }),
        prop_oneof![Just(0u32), 1u32..1000, Just(u32::MAX)],
        prop::option::of(prop::sample::select(&["4", "8.5", "9.2", "10", "4.1"][..])),
        prop_oneof![Just(0.01f64), 0.1f64..50.0, Just(1000.0)],
        prop_oneof![Just(0u32), 1u32..400, Just(100_000u32)],
        prop_oneof![Just(Grouping::Clause), Just(Grouping::Requirement)],
        prop::option::of(0.0f64..=100.0),
        prop::option::of(prop::sample::select(
            &[Grade::Major, Grade::Minor, Grade::Observation][..],
        )),
    )
        .prop_map(
            |(as_of, max_age, clause, capacity, operating_period, group, fail_under, fail_on)| {
                Knobs {
                    as_of,
                    max_age,
                    clause,
                    capacity,
                    operating_period,
                    group,
                    fail_under,
                    fail_on,
                }
            },
        )
}

fn run_engine(catalogue: &Catalogue, file: &AnswersFile, knobs: &Knobs) {
    let resolved = answers::resolve(catalogue, file);
    assert_eq!(resolved.len(), catalogue.requirements.len());
    let clause = knobs
        .clause
        .filter(|c| catalogue.clause(c).is_some())
        .map(str::to_string);
    let settings = Settings {
        as_of: knobs.as_of,
        evidence_max_age: knobs.max_age,
        clause,
        evidence: None,
    };
    let assessment = assess::assess(catalogue, &resolved, &settings);
    if let Some(score) = assessment.score {
        assert!((0.0..=100.0).contains(&score), "score {score}");
    }
    for c in &assessment.clauses {
        assert!(c.met <= c.requirements);
        assert!(c.score.is_none_or(|s| (0.0..=100.0).contains(&s)));
    }
    for f in &assessment.findings {
        assert!(f.requirement < catalogue.requirements.len());
    }
    let config = GateConfig {
        fail_under: knobs.fail_under,
        fail_on: knobs.fail_on,
        require: settings.clause.iter().cloned().collect(),
        clause_minimums: Vec::new(),
    };
    let _ = gates::evaluate(catalogue, &assessment, &config);
    let plan_settings = PlanSettings {
        operating_period: knobs.operating_period,
        group: knobs.group,
        ..PlanSettings::new(knobs.as_of, knobs.capacity)
    };
    if let Ok(plan) = plan::plan(
        catalogue,
        &resolved,
        &assessment,
        &answers::clause_efforts(file),
        &plan_settings,
    ) {
        for t in &plan.tasks {
            assert!(t.start <= t.end, "{t:?}");
            assert!(t.start >= knobs.as_of);
        }
        assert!(plan.milestones.stage_1_ready <= plan.milestones.stage_2_ready);
    }
}

/// An answers file written from random choices: real and made-up ids, every field with
/// values of the right and the wrong kind.
fn answers_text(toml: bool) -> impl Strategy<Value = String> {
    let id = prop_oneof![
        6 => prop::sample::select(
            &["4", "4.1", "4.1-1", "4.1-2", "5", "6.1", "7.5.4-3", "8", "8.2.3", "8.2.3-1", "8.5.1.3",
              "8.6.1-2", "9", "9.2", "9.2-1", "9.3-1", "10", "10.2-2"][..]
        ).prop_map(str::to_string),
        1 => "[0-9]{1,2}(\\.[0-9]{1,2}){0,3}(-[0-9]{1,3})?",
        1 => "[a-z ~]{0,6}",
    ];
    let date = prop_oneof![
        (2000i32..2040, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        "[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2}",
    ];
    let word = prop_oneof![
        prop::sample::select(&answers::Status::WORDS[..]).prop_map(str::to_string),
        "[a-z/ -]{0,12}",
    ];
    let value = prop_oneof![
        word.clone().prop_map(|w| format!("\"{w}\"")),
        (-3i64..9).prop_map(|n| n.to_string()),
        (-1.0f64..20_000.0).prop_map(|f| format!("{f:.2}")),
        date.clone(),
        Just("true".to_string()),
        Just("[\"a\", \"b\"]".to_string()),
        Just("[]".to_string()),
    ];
    let field = prop_oneof![
        word.prop_map(|w| ("status".to_string(), format!("\"{w}\""))),
        (-1i64..7).prop_map(|m| ("maturity".to_string(), m.to_string())),
        Just(("owner".to_string(), "\"Service Desk Manager\"".to_string())),
        Just(("evidence".to_string(), "[\"SMS/x.docx\"]".to_string())),
        date.clone().prop_map(|d| ("reviewed".to_string(), d)),
        date.clone().prop_map(|d| ("target".to_string(), d)),
        Just(("operated_by".to_string(), "\"Contoso\"".to_string())),
        Just(("supported_by".to_string(), "\"Advisors\"".to_string())),
        (0.0f64..12_000.0).prop_map(|e| ("effort_days".to_string(), format!("{e:.1}"))),
        date.prop_map(|d| (
            "waiver".to_string(),
            format!("{{reason = \"r\", approved_by = \"CIO\", expires = {d}}}")
        )),
        ("[a-z_]{1,10}", value).prop_map(|(k, v)| (k, v)),
    ];
    let answer = (id, prop::collection::vec(field, 0..6));
    prop::collection::vec(answer, 0..25).prop_map(move |answers| {
        let mut out = String::new();
        if toml {
            out.push_str("[assessment]\norganization = \"Acme\"\nscope = \"x\"\n\n");
            for (id, fields) in answers {
                out.push_str(&format!("[answers.\"{id}\"]\n"));
                for (k, v) in fields {
                    out.push_str(&format!("{k} = {v}\n"));
                }
            }
        } else {
            out.push_str("assessment:\n  organization: Acme\n  scope: x\nanswers:\n");
            for (id, fields) in answers {
                out.push_str(&format!("  \"{id}\":\n"));
                if fields.is_empty() {
                    out.push_str("    status: partial\n");
                }
                for (k, v) in fields {
                    // the TOML inline table of a waiver, in YAML flow syntax
                    let v = v.replace(" = ", ": ");
                    out.push_str(&format!("    {k}: {v}\n"));
                }
            }
        }
        out
    })
}

/// A catalogue written from random choices: a random clause tree, requirements under known
/// and unknown clauses, dependencies that may be unknown or form cycles, odd field values.
fn catalogue_text() -> impl Strategy<Value = String> {
    let clause = "[1-4](\\.[1-3]){0,2}";
    let requirement = (
        clause,
        1u32..4,
        prop::collection::vec("[1-4](\\.[1-3]){0,2}(-[1-3])?", 0..3),
        prop_oneof![Just("maintain"), Just("retain"), Just("none"), Just("keep")],
        prop_oneof![
            Just("1"),
            Just("0"),
            Just("-2"),
            Just("2.5"),
            Just(".nan"),
            Just("x")
        ],
        prop::bool::ANY,
    );
    (
        prop::collection::vec(clause, 0..14),
        prop::collection::vec(requirement, 0..14),
    )
        .prop_map(|(clauses, requirements)| {
            let mut out = String::from(
                "id: prop:1\ntitle: Property catalogue\nversion: \"1\"\nnotice: generated\nclauses:\n",
            );
            for c in &clauses {
                out.push_str(&format!("  - {{id: \"{c}\", title: \"Clause {c}\"}}\n"));
            }
            out.push_str("requirements:\n");
            for (c, n, deps, doc, weight, conditional) in &requirements {
                out.push_str(&format!(
                    "  - id: {c}-{n}\n    clause: \"{c}\"\n    text: t\n    guidance: g\n    evidence: [e]\n    documented_information: {doc}\n    weight: {weight}\n    action: a\n    effort_days: 1\n"
                ));
                if *conditional {
                    out.push_str("    conditional: true\n    condition: sometimes\n");
                }
                let deps: Vec<String> = deps.iter().map(|d| format!("\"{d}\"")).collect();
                out.push_str(&format!("    depends_on: [{}]\n", deps.join(", ")));
            }
            out
        })
}

fn policy_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        (-10.0f64..120.0).prop_map(|f| format!("fail_under = {f:.1}")),
        prop::sample::select(
            &[
                "\"major\"",
                "\"minor\"",
                "\"observation\"",
                "\"worst\"",
                "3"
            ][..]
        )
        .prop_map(|g| format!("fail_on = {g}")),
        prop::collection::vec(
            prop::sample::select(
                &[
                    "\"9.2\"", "\"9.3\"", "\"8.5\"", "\"11\"", "4", "4.1", "true"
                ][..]
            ),
            0..4
        )
        .prop_map(|items| format!("require = [{}]", items.join(", "))),
        (-5i64..40_000).prop_map(|d| format!("evidence_max_age = {d}")),
        Just("evidence_max_age = nan".to_string()),
    ];
    (
        prop::collection::vec(line, 0..5),
        prop::collection::vec(("\"[0-9.]{1,5}\"", -10.0f64..110.0), 0..4),
    )
        .prop_map(|(lines, minimums)| {
            let mut out = lines.join("\n");
            out.push_str("\n[clauses]\n");
            for (id, min) in minimums {
                out.push_str(&format!("{id} = {min:.0}\n"));
            }
            out
        })
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=100000 for a longer search.

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), toml in any::<bool>()) {
        let text = String::from_utf8_lossy(&bytes);
        let name = if toml { "x.toml" } else { "x.yaml" };
        match answers::parse(name, &text, &MINI) {
            Ok((_, warnings)) => check_report(&warnings, true),
            Err(report) => check_report(&report, false),
        }
        match catalogue::parse(name, &text) {
            Ok((_, warnings)) => check_report(&warnings, true),
            Err(report) => check_report(&report, false),
        }
        if let Err(report) = policy::parse(name, &text, &MINI) {
            check_report(&report, false);
        }
    }

    #[test]
    fn yaml_like_text_never_panics(
        text in "([a-z0-9\"'#&*!|>.~:\\-\\[\\]{}, ]{0,12}(\n|\r\n)( {0,6}|\t)){0,40}",
        toml in any::<bool>(),
        knobs in knobs(),
    ) {
        let name = if toml { "x.toml" } else { "x.yaml" };
        answers_roundtrip(name, &text, &MINI, &knobs);
        match catalogue::parse(name, &text) {
            Ok((_, warnings)) => check_report(&warnings, true),
            Err(report) => check_report(&report, false),
        }
    }

    #[test]
    fn mutated_files_never_panic(
        seed in 0..1000usize,
        edits in prop::collection::vec(edit(), 1..8),
        knobs in knobs(),
    ) {
        let (name, text) = &SEEDS[seed % SEEDS.len()];
        let text = apply(text, &edits);
        answers_roundtrip(name, &text, &EMBEDDED, &knobs);
        answers_roundtrip(name, &text, &MINI, &knobs);
        match catalogue::parse(name, &text) {
            Ok((catalogue, warnings)) => {
                check_report(&warnings, true);
                let empty = answers::parse("e.yaml", "assessment: {organization: x}\n", &catalogue);
                if let Ok((file, _)) = empty {
                    run_engine(&catalogue, &file, &knobs);
                }
            }
            Err(report) => check_report(&report, false),
        }
        match policy::parse(name, &text, &EMBEDDED) {
            Ok(_) => {}
            Err(report) => check_report(&report, false),
        }
    }

    #[test]
    fn generated_answers_load_or_explain_and_then_assess_and_plan(
        text in answers_text(false),
        toml_text in answers_text(true),
        knobs in knobs(),
    ) {
        answers_roundtrip("gen.yaml", &text, &EMBEDDED, &knobs);
        answers_roundtrip("gen.toml", &toml_text, &EMBEDDED, &knobs);
    }

    #[test]
    fn generated_catalogues_load_or_explain(text in catalogue_text(), knobs in knobs()) {
        match catalogue::parse("gen.yaml", &text) {
            Ok((catalogue, warnings)) => {
                check_report(&warnings, true);
                // every requirement answered at random-ish statuses
                let mut answers = String::from("assessment: {organization: x}\nanswers:\n");
                let words = ["implemented", "partial", "not-implemented", "n/a"];
                for (i, r) in catalogue.requirements.iter().enumerate() {
                    answers.push_str(&format!("  \"{}\": {}\n", r.id, words[i % 4]));
                }
                let (file, _) = answers::parse("a.yaml", &answers, &catalogue).unwrap();
                run_engine(&catalogue, &file, &knobs);
            }
            Err(report) => check_report(&report, false),
        }
    }

    #[test]
    fn generated_policies_load_or_explain(text in policy_text()) {
        match policy::parse("gen.toml", &text, &EMBEDDED) {
            Ok(p) => {
                if let Some(f) = p.gates.fail_under {
                    prop_assert!((0.0..=100.0).contains(&f));
                }
            }
            Err(report) => check_report(&report, false),
        }
    }
}

proptest! {
    // The embedded catalogue is 200 KB: fewer, slower cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_mutated_embedded_catalogue_never_panics(edits in prop::collection::vec(edit(), 1..6)) {
        let text = apply(&read("requirements/iso20000-1-2018.yaml"), &edits);
        match catalogue::parse("mutated.yaml", &text) {
            Ok((_, warnings)) => check_report(&warnings, true),
            Err(report) => check_report(&report, false),
        }
    }
}

#[test]
fn the_seed_corpus_is_not_empty() {
    assert!(SEEDS.len() >= 30, "{} seeds", SEEDS.len());
}
