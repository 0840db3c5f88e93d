#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! Events, remediations, honest counts and maturity as users see them: the real binary on
//! real files, every format read back by a parser.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn iso20k() -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.env_remove("COLUMNS").env("NO_COLOR", "1");
    cmd
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn events() -> String {
    fixture("answers/events.yaml")
        .to_string_lossy()
        .into_owned()
}

fn json_of(args: &[&str]) -> Value {
    let out = iso20k().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn requirement<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

fn findings_of<'a>(json: &'a Value, id: &str) -> Vec<&'a Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["requirement"] == id)
        .collect()
}

#[test]
fn the_catalogue_lists_each_requirements_trigger() {
    let json = json_of(&["catalogue", "list", "--clause", "8.6.1", "--format", "json"]);
    let trigger = |id: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["trigger"]
            .clone()
    };
    assert_eq!(trigger("8.6.1-5"), "a major incident");
    assert_eq!(trigger("8.6.1-1"), Value::Null);
}

#[test]
fn not_triggered_leaves_the_score_counts_as_met_and_says_which_event() {
    let json = json_of(&["assess", &events(), "--clause", "8.6.1", "--format", "json"]);
    let r = requirement(&json, "8.6.1-5");
    assert_eq!(r["status"], "not-triggered");
    assert_eq!(r["score"], Value::Null);
    assert_eq!(r["met"], true);
    assert_eq!(r["status_note"], "no major incident in the period");
    assert!(findings_of(&json, "8.6.1-4").is_empty());
    let counts = &json["summary"]["counts"];
    assert_eq!(counts["not_triggered"], 2);
    assert_eq!(counts["applicable"], 3);
    assert_eq!(counts["text"], "met 3 of 3 applicable (2 not triggered)");
}

#[test]
fn not_triggered_where_no_event_is_involved_is_an_error_naming_the_triggered_ones() {
    iso20k()
        .args(["validate"])
        .arg(fixture("answers/bad-not-triggered.yaml"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "`8.6.1-1` has no trigger: it applies whether or not any event happens",
        ))
        .stderr(predicate::str::contains("bad-not-triggered.yaml:5:14"))
        .stderr(predicate::str::contains(
            "requirements under 8.6.1 that wait on an event: `8.6.1-4` (a major incident), `8.6.1-5` (a major incident)",
        ))
        .stderr(predicate::str::contains(
            "`not-triggered` is given to clause 8.6",
        ))
        .stderr(predicate::str::contains("2 errors in"));
}

#[test]
fn a_future_review_date_warns_at_its_line_and_the_evidence_counts_as_undated() {
    let out = iso20k()
        .args(["assess", &events(), "--clause", "8.6.1", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("`reviewed` 2026-12-15 is after the as-of date 2026-11-20")
            && stderr.contains("events.yaml:16"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let future = findings_of(&json, "8.6.1-3");
    assert_eq!(future.len(), 1);
    assert_eq!(future[0]["rule"], "undated-evidence");
    assert_eq!(future[0]["line"], 16);
    // no `reviewed` at all: undated too, at the evidence's line
    let undated = findings_of(&json, "8.6.1-1");
    assert_eq!(undated[0]["rule"], "undated-evidence");
    assert_eq!(undated[0]["line"], 11);
    assert!(
        undated[0]["action"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Review the listed evidence (Incident procedure)")
    );
    assert_eq!(undated[0]["action"]["effort_days"], 0.5);
}

#[test]
fn each_finding_carries_the_remediation_its_rule_calls_for() {
    let json = json_of(&["assess", &events(), "--format", "json"]);
    let catalogue = json_of(&["catalogue", "list", "--format", "json"]);
    let action_of = |id: &str| {
        catalogue
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["action"]
            .clone()
    };
    // operated by another party in clause 4: take it back, not rebuild it
    let taken = findings_of(&json, "4.1-1");
    assert_eq!(taken[0]["rule"], "operated-by-in-4-5");
    let text = taken[0]["action"]["text"].as_str().unwrap();
    assert!(text.starts_with("Take this activity back") && text.contains("Advisors LLP"));
    assert_ne!(taken[0]["action"]["text"], action_of("4.1-1"));
    // partial: the catalogue's action, with the answer's own effort
    let partial = findings_of(&json, "8.3.2-4");
    assert_eq!(partial[0]["action"]["text"], action_of("8.3.2-4"));
    assert_eq!(partial[0]["action"]["effort_days"], 3.0);
    // operated by another party while 8.2.3 is not met: bring it under control
    let uncontrolled = findings_of(&json, "9.4-4");
    assert_eq!(uncontrolled.len(), 1);
    assert_eq!(uncontrolled[0]["rule"], "uncontrolled-other-party");
    let text = uncontrolled[0]["action"]["text"].as_str().unwrap();
    assert!(
        text.starts_with(
            "Bring Contoso Ltd under the control of other parties (8.2.3): close 8.2.3-1"
        ),
        "{text}"
    );
    assert_eq!(uncontrolled[0]["action"]["effort_days"], 0.5);
    // not assessed: the catalogue's action and its whole estimate
    let open = findings_of(&json, "9.2-1");
    assert_eq!(open[0]["rule"], "not-assessed");
    assert_eq!(open[0]["action"]["text"], action_of("9.2-1"));
}

#[test]
fn the_plan_works_each_remediation_with_its_effort() {
    let assessed = json_of(&["assess", &events(), "--clause", "8.6.1", "--format", "json"]);
    let planned = json_of(&["plan", &events(), "--clause", "8.6.1", "--format", "json"]);
    let tasks = planned["tasks"].as_array().unwrap();
    let task = tasks
        .iter()
        .find(|t| t["requirement"] == "8.6.1-3")
        .unwrap();
    let finding = &findings_of(&assessed, "8.6.1-3")[0];
    assert_eq!(task["action"], finding["action"]["text"]);
    assert_eq!(task["effort_days"], finding["action"]["effort_days"]);
    let total: f64 = assessed["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["action"]["effort_days"].as_f64().unwrap())
        .sum();
    assert_eq!(planned["summary"]["effort_days"].as_f64().unwrap(), total);
}

#[test]
fn maturity_and_honest_counts_appear_in_every_people_format() {
    let json = json_of(&["assess", &events(), "--clause", "8.6.1", "--format", "json"]);
    assert_eq!(json["summary"]["maturity"], 3.2);
    assert_eq!(json["clauses"][0]["maturity"], 3.2);

    let table = iso20k()
        .args(["assess", &events(), "--clause", "8.6.1"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("Maturity    3.2"), "{table}");
    assert!(
        table.contains("Met       3 of 3 applicable (2 not triggered)"),
        "{table}"
    );

    let markdown = iso20k()
        .args([
            "assess",
            &events(),
            "--clause",
            "8.6.1",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(markdown.contains("| Requirements | met 3 of 3 applicable (2 not triggered) |"));
    assert!(markdown.contains("| Mean maturity | 3.2 of 5 |"));
    assert!(
        markdown.contains("| 8.6.1 | Incident management | 100% | 3/3 | 3.2 |"),
        "{markdown}"
    );

    let html = iso20k()
        .args(["assess", &events(), "--clause", "8.6.1", "--format", "html"])
        .output()
        .unwrap();
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains("<tr><th>Mean maturity</th><td>3.2 of 5</td></tr>"));
    assert!(html.contains("<th class=\"num\">Maturity</th>"));
    assert!(
        html.contains("<td>undated-evidence</td>"),
        "the findings name the rule"
    );
}

#[test]
fn the_workbook_carries_counts_maturity_and_remediation() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    iso20k()
        .args(["report", &events(), "--format", "xlsx", "-o"])
        .arg(&path)
        .assert()
        .success();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let clauses = book.worksheet_range("Clauses").unwrap();
    let header: Vec<String> = clauses
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = clauses
        .rows()
        .find(|r| r[0] == Data::String("8.6.1".into()))
        .unwrap();
    assert_eq!(row[col("Maturity")], Data::Float(3.2));
    assert_eq!(row[col("Not triggered")], Data::Float(2.0));
    assert_eq!(row[col("Applicable")], Data::Float(3.0));
    let findings = book.worksheet_range("Findings").unwrap();
    let header: Vec<String> = findings
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let remediation = header.iter().position(|h| h == "Remediation").unwrap();
    assert!(
        findings
            .rows()
            .skip(1)
            .all(|r| !r[remediation].to_string().is_empty())
    );
    let summary = book.worksheet_range("Summary").unwrap();
    assert!(
        summary
            .rows()
            .any(|r| r[0] == Data::String("Mean maturity".into()))
    );
}

#[test]
fn weights_outside_the_range_are_refused_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("catalogues/mini.yaml")).unwrap();
    for weight in ["0.001", "1001"] {
        let path = dir.path().join("weights.yaml");
        let changed = text.replacen("    weight: 3\n", &format!("    weight: {weight}\n"), 1);
        assert_ne!(changed, text);
        std::fs::write(&path, changed).unwrap();
        iso20k()
            .args(["catalogue", "check"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "`weight` must be between 0.01 and 1000",
            ))
            .stderr(predicate::str::contains(format!(
                "{weight} is out of range"
            )));
    }
}

#[test]
fn junit_says_which_event_did_not_happen() {
    use quick_xml::events::Event;
    let out = iso20k()
        .args([
            "assess",
            &events(),
            "--clause",
            "8.6.1",
            "--format",
            "junit",
        ])
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut outputs = Vec::new();
    let mut in_out = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "system-out" => in_out = true,
            Event::End(e) if e.name().as_ref() == "system-out" => in_out = false,
            Event::Text(t) if in_out => outputs.push(t.into_inner().into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        outputs
            .iter()
            .any(|o| o.starts_with("status: not-triggered (no major incident in the period)")),
        "{outputs:?}"
    );
}
