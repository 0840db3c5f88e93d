#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! Collecting answers: the questionnaire workbook goes out (`init -o q.xlsx`), comes back
//! filled in and is imported, and assesses like the same answers typed in; the merges.
//! Workbooks are filled in the way another program saves them: read with calamine and
//! written anew with the client's answers in their cells.

use std::path::Path;

use calamine::Data;
use predicates::prelude::*;

#[allow(dead_code)]
#[path = "support/sheets.rs"]
mod sheets;

use sheets::{Fill, fill, init_workbook, iso20k, read_sheets, save};

/// The client's answers, as typed into the workbook: every status (and an audit word),
/// maturity alone, dates, evidence lists both ways, a waiver, other parties, a clause row.
fn workshop_answers() -> Vec<(&'static str, &'static str, Fill)> {
    use Fill::*;
    vec![
        ("4.1-1", "Status", Text("implemented")),
        ("4.1-1", "Maturity", Number(4.0)),
        ("4.1-1", "Owner", Text("Chief Operating Officer")),
        (
            "4.1-1",
            "Evidence",
            Text("SMS/context.docx\nSMS/issues.xlsx"),
        ),
        ("4.1-1", "Evidence reviewed", Date(2026, 6, 1)),
        ("4.1-1", "Supported by", Text("Advisors LLP")),
        ("4.1-2", "Status", Text("compliant")),
        (
            "4.1-2",
            "Evidence",
            Text("Board minutes; Risk workshop notes"),
        ),
        ("4.1-2", "Evidence reviewed", Date(2025, 1, 10)),
        ("4.2-1", "Status", Text("not-applicable")),
        ("5.1-5", "Status", Text("not-applicable")),
        ("7.1", "Status", Text("partial")),
        ("7.1", "Owner", Text("HR Manager")),
        ("8.1-1", "Maturity", Number(3.0)),
        ("8.2.3-1", "Status", Text("implemented")),
        ("8.2.3-1", "Operated by", Text("Contoso Ltd")),
        ("8.2.3-1", "Evidence", Text("Outsourcing contract")),
        ("8.6.1-1", "Status", Text("partial")),
        ("8.6.1-1", "Maturity", Number(2.0)),
        (
            "8.6.1-1",
            "Notes",
            Text("=HYPERLINK(\"x\") is text, not a formula"),
        ),
        ("8.6.1-1", "Target", Date(2027, 3, 31)),
        ("8.6.1-1", "Effort", Number(4.5)),
        ("8.6.1-2", "Status", Text("not-implemented")),
        (
            "8.6.1-2",
            "Waiver reason",
            Text("Accepted until the new tool goes live"),
        ),
        ("8.6.1-2", "Waiver approved", Text("CIO")),
        ("8.6.1-2", "Waiver expires", Date(2027, 1, 31)),
        ("8.6.1-3", "Status", Text("not-assessed")),
    ]
}

/// The same answers, typed into YAML by a consultant.
const TYPED: &str = r#"assessment:
  organization: Acme Managed Services Ltd
  scope: Service desk and hosting
  date: 2026-11-20
answers:
  "4.1-1":
    status: implemented
    maturity: 4
    owner: Chief Operating Officer
    evidence: [SMS/context.docx, SMS/issues.xlsx]
    reviewed: 2026-06-01
    supported_by: Advisors LLP
  "4.1-2":
    status: compliant
    evidence: [Board minutes, Risk workshop notes]
    reviewed: 2025-01-10
  "4.2-1": not-applicable
  "5.1-5": n/a
  "7.1": {status: partial, owner: HR Manager}
  "8.1-1": {maturity: 3}
  "8.2.3-1": {status: implemented, operated_by: Contoso Ltd, evidence: [Outsourcing contract]}
  "8.6.1-1":
    status: partial
    maturity: 2
    notes: '=HYPERLINK("x") is text, not a formula'
    target: 2027-03-31
    effort_days: 4.5
  "8.6.1-2":
    status: not-implemented
    waiver: {reason: Accepted until the new tool goes live, approved_by: CIO, expires: 2027-01-31}
  "8.6.1-3": not-assessed
"#;

/// `assess --format json` of `file`, without the line numbers that point into it.
fn assessment(dir: &Path, file: &str) -> serde_json::Value {
    let out = iso20k(dir)
        .args(["assess", file, "--format", "json", "--as-of", "2026-11-20"])
        .output()
        .unwrap();
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    let mut json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    strip(&mut json);
    json
}

/// Asserts that two answers files give the same scores, statuses, findings and verdict.
fn same_assessment(dir: &Path, a: &str, b: &str) {
    let (x, y) = (assessment(dir, a), assessment(dir, b));
    for key in [
        "summary",
        "clauses",
        "requirements",
        "findings",
        "gates",
        "passed",
    ] {
        assert!(x.get(key).is_some(), "no `{key}` in the assessment");
        assert_eq!(x[key], y[key], "`{key}` differs between {a} and {b}");
    }
}

fn strip(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("line");
            map.remove("column");
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

#[test]
fn a_filled_in_workbook_assesses_exactly_like_the_same_answers_typed_in_yaml() {
    let dir = tempfile::tempdir().unwrap();
    init_workbook(dir.path(), "q.xlsx");
    let mut sheets = read_sheets(&dir.path().join("q.xlsx"));
    let meta = &mut sheets
        .iter_mut()
        .find(|(n, _)| n == "Assessment")
        .unwrap()
        .1;
    meta.insert((2, 1), Data::String("Service desk and hosting".into()));
    fill(&mut sheets, &workshop_answers());
    save(&sheets, &dir.path().join("filled.xlsx"));
    iso20k(dir.path())
        .args(["import", "filled.xlsx", "-o", "imported.yaml"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "imported 10 answers from filled.xlsx into imported.yaml",
        ));
    std::fs::write(dir.path().join("typed.yaml"), TYPED).unwrap();
    same_assessment(dir.path(), "typed.yaml", "imported.yaml");
    // the waiver, the formula-like note and both evidence lists made it through
    let text = std::fs::read_to_string(dir.path().join("imported.yaml")).unwrap();
    assert!(text.contains("expires: 2027-01-31"), "{text}");
    assert!(
        text.contains(r#"notes: "=HYPERLINK(\"x\") is text"#),
        "{text}"
    );
    assert!(
        text.contains(r#"["Board minutes", "Risk workshop notes"]"#),
        "{text}"
    );
}

#[test]
fn a_prefilled_workbook_imports_back_to_the_same_assessment_in_yaml_and_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("typed.yaml"), TYPED).unwrap();
    iso20k(dir.path())
        .args(["init", "--from", "typed.yaml", "-o", "second.xlsx"])
        .assert()
        .success();
    for out in ["back.yaml", "back.toml"] {
        iso20k(dir.path())
            .args(["import", "second.xlsx", "-o", out])
            .assert()
            .success();
        same_assessment(dir.path(), "typed.yaml", out);
    }
}

#[test]
fn merging_into_toml_keeps_comments_and_every_other_answer() {
    let dir = tempfile::tempdir().unwrap();
    let toml = r#"# Acme's answers, kept in git
[assessment]
organization = "Acme" # the legal name
scope = "Hosting"
date = 2026-11-20

[answers."4.1-1"]
status = "partial" # before the workshop
owner = "COO"
notes = "kept"

[answers."8.6.1-1"]
status = "implemented"
"#;
    std::fs::write(dir.path().join("answers.toml"), toml).unwrap();
    init_workbook(dir.path(), "q.xlsx");
    let mut sheets = read_sheets(&dir.path().join("q.xlsx"));
    fill(
        &mut sheets,
        &[
            ("4.1-1", "Status", Fill::Text("implemented")),
            ("4.1-1", "Evidence", Fill::Text("Context.docx")),
            ("8.6.1-3", "Status", Fill::Text("partial")),
        ],
    );
    save(&sheets, &dir.path().join("back.xlsx"));
    iso20k(dir.path())
        .args(["import", "back.xlsx", "--into", "answers.toml"])
        .assert()
        .success();
    let merged = std::fs::read_to_string(dir.path().join("answers.toml")).unwrap();
    for kept in [
        "# Acme's answers, kept in git",
        "# the legal name",
        "owner = \"COO\"",
        "notes = \"kept\"",
        "[answers.\"8.6.1-1\"]\nstatus = \"implemented\"",
        "scope = \"Hosting\"",
    ] {
        assert!(merged.contains(kept), "lost `{kept}`:\n{merged}");
    }
    assert!(
        merged.contains("status = \"implemented\" # before the workshop"),
        "{merged}"
    );
    assert!(merged.contains("evidence = [\"Context.docx\"]"), "{merged}");
    assert!(merged.contains("[answers.\"8.6.1-3\"]"), "{merged}");
    iso20k(dir.path())
        .args(["validate", "answers.toml"])
        .assert()
        .success();
}

#[test]
fn merging_into_yaml_keeps_every_answer_and_says_its_comments_go() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "# notes\nassessment:\n  organization: Acme\n  scope: Hosting\nanswers:\n  \"4.1-1\": {status: partial, owner: COO}\n  \"8.6.1-1\": implemented\n";
    std::fs::write(dir.path().join("answers.yaml"), yaml).unwrap();
    init_workbook(dir.path(), "q.xlsx");
    let mut sheets = read_sheets(&dir.path().join("q.xlsx"));
    fill(
        &mut sheets,
        &[("4.1-1", "Status", Fill::Text("implemented"))],
    );
    save(&sheets, &dir.path().join("back.xlsx"));
    iso20k(dir.path())
        .args(["import", "back.xlsx", "--into", "answers.yaml"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the comments of answers.yaml are not kept",
        ));
    let merged = std::fs::read_to_string(dir.path().join("answers.yaml")).unwrap();
    assert!(
        merged.contains("  \"4.1-1\":\n    status: \"implemented\"\n    owner: \"COO\""),
        "{merged}"
    );
    assert!(
        merged.contains("  \"8.6.1-1\":\n    status: \"implemented\""),
        "{merged}"
    );
    assert!(
        merged.contains("organization: \"Acme Managed Services Ltd\""),
        "{merged}"
    );
}

#[test]
fn import_never_replaces_an_answers_file_it_was_not_asked_to_merge_into() {
    let dir = tempfile::tempdir().unwrap();
    init_workbook(dir.path(), "q.xlsx");
    std::fs::write(dir.path().join("answers.yaml"), "precious").unwrap();
    iso20k(dir.path())
        .args(["import", "q.xlsx", "-o", "answers.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use --into"));
    let kept = std::fs::read_to_string(dir.path().join("answers.yaml")).unwrap();
    assert_eq!(kept, "precious");
}
