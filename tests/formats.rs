//! Every output format, checked by a real consumer: XML parsers, the SARIF schema, a
//! spreadsheet reader, OSCAL's reference tooling; and a hostile answers file that must not
//! inject anything into any of them.

#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly

use std::path::Path;

use assert_cmd::Command;

const MINI: &str = "tests/fixtures/catalogues/mini.yaml";
const HALFWAY: &str = "tests/fixtures/answers/halfway.yaml";
const HOSTILE: &str = "tests/fixtures/answers/hostile.yaml";
const MSP: &str = "examples/msp-halfway.yaml";

fn iso20k() -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Runs iso20k with `args` and returns stdout, asserting the exit code.
fn stdout(args: &[&str], code: i32) -> Vec<u8> {
    let out = iso20k().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn text(args: &[&str]) -> String {
    String::from_utf8(stdout(args, 0)).unwrap()
}

/// Parses `xml` to the end, failing on any well-formedness error; returns the element names.
fn xml_elements(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                names.push(e.name().as_ref().to_string());
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    names
}

// ---- snapshots of the text formats -------------------------------------------------------

#[test]
fn markdown_csv_and_github_snapshots() {
    let base = ["--catalogue", MINI, "assess", HALFWAY];
    let with = |format: &str| {
        let mut args = base.to_vec();
        args.extend(["--format", format, "--fail-on", "minor"]);
        String::from_utf8(stdout(&args, 1)).unwrap()
    };
    insta::assert_snapshot!("assess_markdown", with("markdown"));
    insta::assert_snapshot!("assess_csv", with("csv"));
    insta::assert_snapshot!("assess_github", with("github"));
    insta::assert_snapshot!(
        "plan_markdown",
        text(&["--catalogue", MINI, "plan", HALFWAY, "--format", "markdown"])
    );
    insta::assert_snapshot!(
        "plan_csv",
        text(&["--catalogue", MINI, "plan", HALFWAY, "--format", "csv"])
    );
}

// ---- JUnit -----------------------------------------------------------------------------

#[test]
fn junit_fails_exactly_where_a_gate_fails() {
    let junit = |gates: &[&str], exit: i32| {
        let mut args = vec!["--catalogue", MINI, "assess", HALFWAY, "--format", "junit"];
        args.extend(gates);
        let xml = String::from_utf8(stdout(&args, exit)).unwrap();
        let names = xml_elements(&xml);
        let count = |name: &str| names.iter().filter(|n| *n == name).count();
        (count("testcase"), count("testsuite"), count("failure"), xml)
    };
    // no gates: the run exits 0, so nothing fails, and findings are in the cases' output
    let (cases, suites, failures, xml) = junit(&[], 0);
    assert_eq!(
        (cases, suites, failures),
        (8, 6, 0),
        "a suite per leaf clause"
    );
    assert!(xml.contains("not-implemented (major)"), "{xml}");
    // --fail-on minor: 4.1-2, 8.2.3-1, 9.2-1 partial, 9.3-1 not implemented, and the gate
    let (cases, suites, failures, xml) = junit(&["--fail-on", "minor"], 1);
    assert_eq!((cases, suites, failures), (9, 7, 5), "{xml}");
    assert!(xml.contains("gate fail-on minor"), "{xml}");
    // --require 9.3: only 9.3-1 and the gate
    let (cases, _, failures, xml) = junit(&["--require", "9.3"], 1);
    assert_eq!((cases, failures), (9, 2), "{xml}");
    // a passing gate is a passing case
    let (cases, _, failures, _) = junit(&["--fail-under", "1"], 0);
    assert_eq!((cases, failures), (9, 0));
}

// ---- SARIF -----------------------------------------------------------------------------

#[test]
fn sarif_matches_the_oasis_schema_and_points_at_answer_lines() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/sarif-schema-2.1.0.json").unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for args in [
        vec!["--catalogue", MINI, "assess", HALFWAY, "--format", "sarif"],
        vec!["assess", MSP, "--format", "sarif"],
        vec!["assess", HOSTILE, "--format", "sarif"],
    ] {
        let sarif: serde_json::Value = serde_json::from_slice(&stdout(&args, 0)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
    let sarif: serde_json::Value = serde_json::from_slice(&stdout(
        &["--catalogue", MINI, "assess", HALFWAY, "--format", "sarif"],
        0,
    ))
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let waived = results
        .iter()
        .find(|r| r["ruleId"] == "6.1-1/not-implemented")
        .unwrap();
    assert_eq!(waived["suppressions"][0]["kind"], "external");
    assert_eq!(
        waived["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        HALFWAY
    );
    assert_eq!(
        waived["locations"][0]["physicalLocation"]["region"]["startLine"],
        18
    );
    assert_eq!(
        waived["partialFingerprints"]["requirementRule/v1"],
        "6.1-1:not-implemented"
    );
    assert_eq!(waived["level"], "error");
}

// ---- GitHub ------------------------------------------------------------------------------

#[test]
fn github_annotations_and_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = iso20k()
        .args([
            "--catalogue",
            MINI,
            "assess",
            HALFWAY,
            "--format",
            "github",
            "--fail-on",
            "major",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let annotations = String::from_utf8(out.stdout).unwrap();
    assert!(
        annotations.contains(&format!(
            "::error file={HALFWAY},line=30,col=10,title=9.3-1 not-implemented (major)::"
        )),
        "{annotations}"
    );
    assert!(
        annotations.contains("::error title=gate fail-on major failed::"),
        "{annotations}"
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("earlier step\n# Mini catalogue gap assessment: Mini Services Ltd"),
        "{written}"
    );
}

// ---- HTML --------------------------------------------------------------------------------

#[test]
fn html_is_well_formed_self_contained_and_has_its_charts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    iso20k()
        .args(["report", MSP, "--format", "html", "-o"])
        .arg(&path)
        .assert()
        .success();
    let html = std::fs::read_to_string(&path).unwrap();
    let names = xml_elements(html.trim_start_matches("<!DOCTYPE html>"));
    assert_eq!(
        names.iter().filter(|n| *n == "svg").count(),
        3,
        "a clause chart, a maturity chart and a Gantt chart"
    );
    for section in [
        "Executive summary",
        "Clause scores",
        "Gap register",
        "Findings",
        "Remediation plan",
        "Evidence",
        "Stage 2 ready",
    ] {
        assert!(html.contains(section), "missing {section}");
    }
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://") && !html.contains("https://")
            || html.matches("http://www.w3.org/2000/svg").count()
                == names.iter().filter(|n| *n == "svg").count(),
        "no external resources"
    );
    assert!(html.contains("@media print"));
    let assess = text(&["assess", MSP, "--format", "html"]);
    xml_elements(assess.trim_start_matches("<!DOCTYPE html>"));
    let plan = text(&["plan", MSP, "--format", "html"]);
    assert!(xml_elements(plan.trim_start_matches("<!DOCTYPE html>")).contains(&"svg".to_string()));
}

// ---- XLSX --------------------------------------------------------------------------------

#[test]
fn xlsx_reads_back_with_a_sheet_per_part() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    iso20k()
        .args(["report", MSP, "--format", "xlsx", "-o"])
        .arg(&path)
        .assert()
        .success();
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Summary", "Clauses", "Register", "Gaps", "Findings", "Plan", "Evidence"
        ]
    );
    let gaps = workbook.worksheet_range("Gaps").unwrap();
    let header: Vec<String> = gaps
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[..4], ["ID", "Requirement", "Status", "Grade"]);
    let json: serde_json::Value =
        serde_json::from_slice(&stdout(&["assess", MSP, "--format", "json"], 0)).unwrap();
    let with_findings: std::collections::BTreeSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["requirement"].as_str().unwrap())
        .collect();
    assert_eq!(gaps.height() - 1, with_findings.len());
    let summary = workbook.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get_value((1, 1)).unwrap().to_string(),
        "Northwind Managed Services Ltd"
    );
}

// ---- OSCAL -------------------------------------------------------------------------------

/// Runs compliance-trestle's validator on the OSCAL outputs. CI installs trestle and sets
/// ISO20K_TRESTLE; elsewhere the test says how to run it and passes only outside CI.
#[test]
fn oscal_validates_with_compliance_trestle() {
    let Some(trestle) = std::env::var_os("ISO20K_TRESTLE") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set ISO20K_TRESTLE to a trestle binary"
        );
        eprintln!("skipped: set ISO20K_TRESTLE to a compliance-trestle binary to run this test");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let status = std::process::Command::new(&trestle)
        .arg("init")
        .current_dir(ws)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "trestle init: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let write = |kind: &str, name: &str, file: &str, bytes: Vec<u8>| {
        let folder = ws.join(kind).join(name);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(file), bytes).unwrap();
    };
    write(
        "assessment-results",
        "msp",
        "assessment-results.json",
        stdout(&["assess", MSP, "--format", "oscal"], 0),
    );
    write(
        "assessment-results",
        "hostile",
        "assessment-results.json",
        stdout(&["assess", HOSTILE, "--format", "oscal"], 0),
    );
    write(
        "assessment-results",
        "mini",
        "assessment-results.json",
        stdout(
            &["--catalogue", MINI, "assess", HALFWAY, "--format", "oscal"],
            0,
        ),
    );
    write(
        "catalogs",
        "iso20000",
        "catalog.json",
        stdout(
            &[
                "--as-of",
                "2026-11-20",
                "catalogue",
                "list",
                "--format",
                "oscal",
            ],
            0,
        ),
    );
    let out = std::process::Command::new(&trestle)
        .args(["validate", "-a"])
        .current_dir(ws)
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "trestle validate failed:\n{report}");
    assert_eq!(report.matches("VALID:").count(), 4, "{report}");
}

#[test]
fn oscal_results_reflect_the_assessment() {
    let doc: serde_json::Value = serde_json::from_slice(&stdout(
        &["--catalogue", MINI, "assess", HALFWAY, "--format", "oscal"],
        0,
    ))
    .unwrap();
    let result = &doc["assessment-results"]["results"][0];
    let findings = result["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 8);
    let state = |id: &str| {
        findings
            .iter()
            .find(|f| f["target"]["target-id"] == format!("req-{id}"))
            .map(|f| f["target"]["status"]["state"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(state("4.1-1"), "satisfied");
    assert_eq!(state("9.3-1"), "not-satisfied");
    assert_eq!(
        doc["assessment-results"]["metadata"]["last-modified"],
        "2026-11-20T00:00:00+00:00"
    );
}

// ---- determinism -------------------------------------------------------------------------

#[test]
fn every_format_is_byte_identical_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    for (command, format) in [
        ("assess", "csv"),
        ("assess", "markdown"),
        ("assess", "html"),
        ("assess", "xlsx"),
        ("assess", "junit"),
        ("assess", "sarif"),
        ("assess", "github"),
        ("assess", "oscal"),
        ("plan", "csv"),
        ("plan", "markdown"),
        ("plan", "html"),
        ("plan", "xlsx"),
        ("report", "html"),
        ("report", "xlsx"),
        ("report", "markdown"),
        ("report", "docx"),
    ] {
        let mut outputs = Vec::new();
        for run in 0..2 {
            let path = dir.path().join(format!("{command}-{run}.{format}"));
            iso20k()
                .args([command, MSP, "--format", format, "-o"])
                .arg(&path)
                .env("TZ", if run == 0 { "UTC" } else { "Pacific/Auckland" })
                .assert()
                .success();
            outputs.push(std::fs::read(&path).unwrap());
        }
        assert!(
            outputs[0] == outputs[1],
            "{command} --format {format} differs between runs"
        );
    }
}

// ---- hostile input -------------------------------------------------------------------------

#[test]
fn a_hostile_answers_file_cannot_inject_into_any_format() {
    let run = |args: &[&str]| {
        let mut all = vec!["assess", HOSTILE];
        all.extend_from_slice(args);
        String::from_utf8(stdout(&all, 0)).unwrap()
    };
    // terminal: no escape sequences, and no line of user text that a CI runner would read as a command
    let table = run(&["--color", "never"]);
    assert!(
        !table.contains('\x1b') && !table.contains('\x07'),
        "escape sequence in the table"
    );
    assert!(
        table.lines().all(|l| !l.starts_with("::")),
        "a line that starts a workflow command:\n{table}"
    );
    // HTML: no live markup from the file
    let html = run(&["--format", "html"]);
    assert!(
        !html.contains("<script")
            && !html.contains("<img")
            && !html.contains("<iframe")
            && !html.contains("<b>bold")
    );
    xml_elements(html.trim_start_matches("<!DOCTYPE html>"));
    // Markdown: no raw tags, every table row keeps its cell count
    let markdown = run(&["--format", "markdown"]);
    assert!(
        !markdown.contains("<script") && !markdown.contains("<img") && !markdown.contains('\x1b')
    );
    for table_block in markdown.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells = |line: &str| line.replace("\\|", "").matches('|').count();
        let header = cells(table_block.lines().next().unwrap());
        assert!(
            table_block.lines().all(|l| cells(l) == header),
            "a cell broke its table:\n{table_block}"
        );
    }
    // CSV: formula-like cells stay text
    let csv = run(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula-like CSV cell {cell:?}"
            );
        }
    }
    // GitHub: exactly one command per line, none forged
    let github = run(&["--format", "github", "--max-annotations", "1000"]);
    assert!(github.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(
        github.lines().count(),
        json["findings"].as_array().unwrap().len() + 1
    );
    // JUnit and SARIF parse; XLSX keeps formula-like text as text
    xml_elements(&run(&["--format", "junit"]));
    serde_json::from_str::<serde_json::Value>(&run(&["--format", "sarif"])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.xlsx");
    iso20k()
        .args(["report", HOSTILE, "--format", "xlsx", "-o"])
        .arg(&path)
        .assert()
        .success();
    use calamine::{Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    for sheet in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "a formula in sheet {sheet}"
        );
    }
    let summary = workbook.worksheet_range("Summary").unwrap();
    assert!(
        summary
            .get_value((2, 1))
            .unwrap()
            .to_string()
            .starts_with("=HYPERLINK"),
        "kept as text"
    );
}

// ---- schema, completions, man ----------------------------------------------------------------

/// Converts a parsed answers file to JSON for the schema validator.
fn to_json(node: &iso20k::source::Node) -> serde_json::Value {
    use iso20k::source::Value;
    match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => (*b).into(),
        Value::Int(i) => (*i).into(),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Str(s) => s.clone().into(),
        Value::Seq(items) => items.iter().map(to_json).collect(),
        Value::Map(entries) => entries
            .iter()
            .map(|e| (e.key.to_string(), to_json(&e.value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

#[test]
fn the_answers_schema_accepts_the_examples_and_rejects_typos() {
    let schema: serde_json::Value = serde_json::from_slice(&stdout(&["schema"], 0)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for example in [
        "examples/msp-halfway.yaml",
        "examples/near-stage-2.toml",
        "examples/first-day.yaml",
        HALFWAY,
    ] {
        let text = std::fs::read_to_string(example).unwrap();
        let node =
            iso20k::source::parse(&text, iso20k::source::Syntax::from_path(example)).unwrap();
        let json = to_json(&node);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{example}: {errors:?}");
    }
    let typo = serde_json::json!({"assessment": {"organization": "X"}, "answers": {"8.6.1": {"staus": "partial"}}});
    assert!(!validator.is_valid(&typo));
    let bad_status =
        serde_json::json!({"assessment": {"organization": "X"}, "answers": {"8.6.1": "done"}});
    assert!(!validator.is_valid(&bad_status));
}

#[test]
fn completions_and_man_page_come_from_the_cli() {
    let bash = text(&["completions", "bash"]);
    assert!(bash.contains("iso20k") && bash.contains("--fail-under"));
    let man = text(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH iso20k"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("assess"));
    iso20k().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn xlsx_to_a_terminal_is_refused_but_a_pipe_gets_bytes() {
    let bytes = stdout(&["assess", MSP, "--format", "xlsx"], 0);
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip file");
    assert!(Path::new(MSP).exists());
}

// ---- outputs that fit where they go --------------------------------------------------------

#[test]
fn github_annotations_are_capped_per_level_worst_first_and_the_rest_counted() {
    let github = |extra: &[&str]| {
        let mut args = vec!["assess", MSP, "--format", "github", "--fail-on", "major"];
        args.extend(extra);
        String::from_utf8(stdout(&args, 1)).unwrap()
    };
    let level = |out: &str, name: &str| {
        out.lines()
            .filter(|l| l.starts_with(&format!("::{name} ")))
            .count()
    };
    let out = github(&[]);
    assert_eq!(level(&out, "error"), 10, "{out}");
    assert!(level(&out, "warning") <= 10, "{out}");
    // the failed gate leads, then majors; the last line counts what was left out
    assert!(
        out.lines()
            .next()
            .unwrap()
            .contains("gate fail-on major failed")
    );
    let last = out.lines().last().unwrap();
    assert!(last.contains("more annotations not shown"), "{last}");
    let out = github(&["--max-annotations", "2"]);
    assert_eq!(level(&out, "error"), 2, "{out}");
    assert_eq!(level(&out, "warning"), 2, "{out}");
    iso20k()
        .args([
            "assess",
            MSP,
            "--format",
            "github",
            "--max-annotations",
            "0",
        ])
        .assert()
        .code(2);
}

#[test]
fn markdown_honours_the_limit_and_fits_a_pull_request_comment() {
    let md = |extra: &[&str]| {
        let mut args = vec!["assess", MSP, "--format", "markdown"];
        args.extend(extra);
        text(&args)
    };
    let gap_rows = |out: &str| {
        let register = out.split("## Gap register").nth(1).unwrap();
        let table = register.split("\n\n").nth(1).unwrap();
        table.lines().count() - 2
    };
    let out = md(&["--limit", "5"]);
    assert_eq!(gap_rows(&out), 5, "{out}");
    assert!(out.contains("more (`--limit 0` shows all)"), "{out}");
    // every row asked for, as many as fit a comment
    let all = md(&["--limit", "0"]);
    assert!(gap_rows(&all) > 50, "{all}");
    assert!(all.chars().count() <= 65_536);

    // thousands of findings with long notes still fit a comment, with the rest counted
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("big.yaml");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&catalogue, generate::catalogue_yaml(5_000)).unwrap();
    let mut text = generate::answers_yaml(5_000);
    text = text.replace("notes: ", &format!("notes: {} ", "x".repeat(300)));
    std::fs::write(&answers, text).unwrap();
    let out = iso20k()
        .arg("--catalogue")
        .arg(&catalogue)
        .arg("assess")
        .arg(&answers)
        .args(["--format", "markdown", "--limit", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let comment = String::from_utf8(out.stdout).unwrap();
    assert!(comment.chars().count() <= 65_536, "{}", comment.len());
    assert!(comment.contains("more (`--limit 0` shows all)"));
}

#[path = "../benches/support/generate.rs"]
mod generate;

#[test]
fn one_run_writes_several_formats_and_o_alone_takes_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let junit = format!("junit={}", at("report.xml"));
    let sarif = format!("sarif={}", at("scan.sarif"));
    iso20k()
        .args([
            "assess",
            MSP,
            "--fail-on",
            "major",
            "-o",
            &junit,
            "-o",
            &sarif,
        ])
        .assert()
        .code(1);
    xml_elements(&std::fs::read_to_string(at("report.xml")).unwrap());
    let scan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(at("scan.sarif")).unwrap()).unwrap();
    assert_eq!(scan["version"], "2.1.0");

    // -o FILE alone: the extension decides
    iso20k()
        .args(["assess", MSP, "-o", &at("result.json")])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(at("result.json")).unwrap()).unwrap();
    assert!(json["passed"].as_bool().unwrap());
    // an explicit --format wins over the extension
    iso20k()
        .args(["assess", MSP, "--format", "csv", "-o", &at("x.json")])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(at("x.json"))
            .unwrap()
            .starts_with("id,")
    );
    // two bare files are ambiguous
    iso20k()
        .args(["assess", MSP, "-o", &at("a.json"), "-o", &at("b.json")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("FORMAT=FILE"));
}

#[test]
fn no_raw_control_bidi_or_xml_invalid_character_reaches_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("tricky.yaml");
    let long = "n".repeat(40_000);
    std::fs::write(
        &answers,
        format!(
            "assessment:\n  organization: \"Acme \\u202Eevil\\u2066 \\x85c1 \\uFFFF end\"\n  scope: x\n  date: 2026-11-20\nanswers:\n  \"4.1\":\n    status: partial\n    owner: \"a\\u202Db\\u009Bc\"\n    notes: \"{long}\"\n"
        ),
    )
    .unwrap();
    let path = answers.to_str().unwrap();
    let hostile = [
        '\u{202e}', '\u{2066}', '\u{85}', '\u{ffff}', '\u{202d}', '\u{9b}',
    ];
    for format in [
        "table", "json", "csv", "markdown", "html", "junit", "sarif", "github", "oscal",
    ] {
        let out = iso20k()
            .args(["assess", path, "--format", format, "--limit", "0"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains(hostile),
            "{format} carries a raw hostile character"
        );
        if format == "json" {
            // escaped, not lost: the data reads back whole
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(json.to_string().contains('\u{202e}'));
        }
    }
    // a note longer than a spreadsheet cell is cut with a marker and a warning, not an error
    let xlsx = dir.path().join("out.xlsx");
    let out = iso20k()
        .args(["assess", path, "--format", "xlsx", "-o"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("longer than a spreadsheet cell"));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let cut = book.worksheets().iter().any(|(_, range)| {
        range
            .cells()
            .any(|(_, _, c)| c.to_string().ends_with("the rest is in the answers file]"))
    });
    assert!(cut);
}
