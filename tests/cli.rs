#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! The binary as users run it: real files in, stdout, stderr and the exit code out.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const MINI: &str = "tests/fixtures/catalogues/mini.yaml";

fn iso20k() -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn stderr_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stderr).unwrap()
}

// ---- catalogue ------------------------------------------------------------------------

#[test]
fn the_shipped_catalogue_file_checks_clean() {
    iso20k()
        .args(["catalogue", "check", "requirements/iso20000-1-2018.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid catalogue `iso20000-1:2018`",
        ))
        .stdout(predicate::str::contains("77 clauses (57 leaves)"))
        .stderr("");
}

#[test]
fn broken_catalogues_get_a_precise_diagnostic_and_exit_2() {
    let cases = [
        (
            "duplicate-id.yaml",
            "duplicate requirement id `4.1-1`",
            "duplicate-id.yaml:27:9",
        ),
        (
            "unknown-clause.yaml",
            "unknown clause `6.9`",
            "did you mean `6.1`?",
        ),
        (
            "dependency-cycle.yaml",
            "dependency cycle: 4.1-1 -> 8.1-1 -> 4.1-1",
            "dependency-cycle.yaml:27:18",
        ),
        (
            "missing-field.yaml",
            "requirement `6.1-1` has no `guidance`",
            "missing-field.yaml:36:5",
        ),
        (
            "yaml-syntax-error.yaml",
            "invalid YAML",
            "yaml-syntax-error.yaml:41:27",
        ),
    ];
    for (file, message, detail) in cases {
        let path = fixture(&format!("catalogues/{file}"));
        let stderr = stderr_of(iso20k().args(["catalogue", "check"]).arg(&path));
        assert!(stderr.contains(message), "{file}: {stderr}");
        assert!(stderr.contains(detail), "{file}: {stderr}");
        iso20k()
            .args(["catalogue", "check"])
            .arg(&path)
            .assert()
            .code(2)
            .stdout("");
    }
}

#[test]
fn a_broken_catalogue_reports_every_problem_in_one_run() {
    let path = fixture("catalogues/bad-values.yaml");
    let stderr = stderr_of(iso20k().args(["catalogue", "check"]).arg(&path));
    for expected in [
        "did you mean `effort_days`?",
        "`weight` must be between 0.01 and 1000",
        "did you mean `retain`?",
        "depends on unknown id `9.4`",
        "error: 5 errors in",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in {stderr}"
        );
    }
}

#[test]
fn a_broken_custom_catalogue_stops_every_command() {
    iso20k()
        .args(["--catalogue"])
        .arg(fixture("catalogues/duplicate-id.yaml"))
        .args(["catalogue", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("duplicate requirement id"));
}

#[test]
fn catalogue_show_a_requirement_is_a_full_page() {
    let out = iso20k()
        .args(["catalogue", "show", "8.6.1-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    for label in [
        "Requirement 8.6.1-1",
        "8.6 Resolution and fulfilment",
        "Auditor checks",
        "Evidence",
        "Documented info",
        "Action",
        "Effort",
        "Depends on",
        "paraphrases",
    ] {
        assert!(page.contains(label), "missing {label:?} in\n{page}");
    }
    assert!(
        page.lines().all(|l| l.chars().count() <= 100),
        "wider than 100 columns:\n{page}"
    );
}

#[test]
fn catalogue_show_a_clause_lists_sub_clauses_and_requirements() {
    iso20k()
        .args(["catalogue", "show", "8.5"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Clause 8.5 Service design, build and transition",
        ))
        .stdout(predicate::str::contains("8.5.1.3"))
        .stdout(predicate::str::contains("8.5.3-1"));
    // a leaf clause is the auditor's worksheet: every requirement with what to check
    let out = iso20k()
        .args(["catalogue", "show", "8.6.1"])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert_eq!(page.matches("        Check: ").count(), 5, "{page}");
    assert_eq!(page.matches("        Evidence: ").count(), 5, "{page}");
    assert!(page.contains("[documented: maintain]"), "{page}");
}

#[test]
fn an_unknown_id_suggests_the_nearest() {
    iso20k()
        .args(["catalogue", "show", "8.6.4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no clause or requirement `8.6.4`"))
        .stderr(predicate::str::contains(
            "clause 8.6 has sub-clauses 8.6.1, 8.6.2, 8.6.3",
        ));
    iso20k()
        .args(["catalogue", "show", "8.6.1-9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("clause 8.6.1 has `8.6.1-1`"));
    iso20k()
        .args(["catalogue", "show", "incident"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`iso20k catalogue list` shows every id",
        ));
}

#[test]
fn catalogue_list_json_carries_every_field() {
    let out = iso20k()
        .args(["catalogue", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = list.as_array().unwrap();
    assert!(
        (200..=250).contains(&items.len()),
        "{} requirements",
        items.len()
    );
    for key in [
        "id",
        "clause",
        "text",
        "guidance",
        "evidence",
        "documented_information",
        "conditional",
        "condition",
        "weight",
        "action",
        "effort_days",
        "depends_on",
    ] {
        assert!(items.iter().all(|i| i.get(key).is_some()), "missing {key}");
    }
    let amended: Vec<&str> = items
        .iter()
        .filter(|i| !i["amendment"].is_null())
        .map(|i| i["clause"].as_str().unwrap())
        .collect();
    assert!(
        amended.contains(&"4.1"),
        "Amendment 1 must be in 4.1: {amended:?}"
    );
}

#[test]
fn catalogue_list_formats_and_clause_filter() {
    let csv = iso20k()
        .args(["catalogue", "list", "--clause", "9.2", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("id,clause,clause_title,text,"));
    assert!(csv.lines().skip(1).all(|l| l.starts_with("9.2-")), "{csv}");
    iso20k()
        .args([
            "catalogue",
            "list",
            "--clause",
            "10",
            "--format",
            "markdown",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("## 10 Improvement"))
        .stdout(predicate::str::contains("| 10.1-1 |"));
    iso20k()
        .args(["catalogue", "list", "--clause", "11"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no clause `11`"));
}

// ---- validate ---------------------------------------------------------------------------

#[test]
fn validate_reports_every_problem_with_location_and_suggestion() {
    let stderr = stderr_of(
        iso20k()
            .args(["--catalogue", MINI, "--color", "never", "validate"])
            .arg("tests/fixtures/answers/typos.yaml"),
    );
    insta::assert_snapshot!("validate_typos", stderr);
    iso20k()
        .args([
            "--catalogue",
            MINI,
            "validate",
            "tests/fixtures/answers/typos.yaml",
        ])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn validate_names_the_catalogue_mismatch_and_toml_dotted_keys() {
    iso20k()
        .args([
            "--catalogue",
            MINI,
            "validate",
            "tests/fixtures/answers/wrong-catalogue.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "this file is for catalogue `iso27001:2022`",
        ));
    iso20k()
        .args([
            "--catalogue",
            MINI,
            "validate",
            "tests/fixtures/answers/dotted-key.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("quote the id: [answers.\"8.1\"]"))
        .stderr(predicate::str::contains("dotted-key.toml:5:10"));
}

#[test]
fn validate_passes_a_good_file_with_warnings_allowed() {
    iso20k()
        .args([
            "--catalogue",
            MINI,
            "validate",
            "tests/fixtures/answers/halfway.yaml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid: 8 answers give a status to 8 of 8 requirements",
        ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noscope.yaml");
    std::fs::write(
        &path,
        "assessment: {organization: X}\nanswers:\n  \"4\": implemented\n",
    )
    .unwrap();
    iso20k()
        .args(["--catalogue", MINI, "validate"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: `assessment` has no `scope`",
        ));
}

#[test]
fn validate_reads_standard_input() {
    iso20k()
        .args(["--catalogue", MINI, "validate", "-"])
        .write_stdin("assessment: {organization: X, scope: s}\nanswers:\n  4.1: partal\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--> -:3:8"))
        .stderr(predicate::str::contains("did you mean `partial`"));
}

#[test]
fn missing_and_unreadable_inputs_exit_2() {
    iso20k()
        .args(["validate", "no/such/file.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read `no/such/file.yaml`: no such file",
        ));
    iso20k()
        .args(["validate", "tests"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    iso20k().args(["assess"]).assert().code(2);
    iso20k().args(["frobnicate"]).assert().code(2);
}

// ---- assess -----------------------------------------------------------------------------

fn assess_mini() -> Command {
    let mut cmd = iso20k();
    cmd.args([
        "--catalogue",
        MINI,
        "assess",
        "tests/fixtures/answers/halfway.yaml",
    ]);
    cmd
}

#[test]
fn assess_table_shows_score_verdict_gaps_and_owners() {
    let out = assess_mini().output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("assess_table_mini", stdout);
}

#[test]
fn assess_exit_codes_follow_the_gates() {
    assess_mini().args(["--fail-under", "40"]).assert().code(0);
    assess_mini()
        .args(["--fail-under", "90"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL fail-under 90"));
    assess_mini().args(["--fail-on", "major"]).assert().code(1);
    assess_mini().args(["--require", "4"]).assert().code(1);
    assess_mini().args(["--require", "6"]).assert().code(0);
    assess_mini()
        .args(["--require", "6.7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("clause 6 has sub-clauses 6.1"));
    assess_mini().args(["--fail-under", "101"]).assert().code(2);
    assess_mini()
        .args(["--fail-on", "critical"])
        .assert()
        .code(2);
    assess_mini()
        .args(["--as-of", "2026-13-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value '2026-13-01' for '--as-of <DATE>': there is no such day",
        ));
}

#[test]
fn a_policy_file_sets_gates_and_flags_override_it() {
    let policy = fixture("answers/policy.toml");
    let out = assess_mini()
        .arg("--policy")
        .arg(&policy)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gates: Vec<(String, bool)> = json["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                format!(
                    "{} {}",
                    g["gate"].as_str().unwrap(),
                    g["target"].as_str().unwrap()
                ),
                g["passed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        gates,
        [
            ("fail-under 40".to_string(), true),
            ("fail-on major".to_string(), false),
            ("require 4".to_string(), false),
            ("clause-minimum 4 >= 60".to_string(), true),
        ]
    );
    assert_eq!(json["passed"], false);
    // a flag replaces the policy's single value
    let out = assess_mini()
        .arg("--policy")
        .arg(&policy)
        .args(["--fail-on", "observation", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["gates"][1]["target"], "observation");
}

#[test]
fn a_broken_policy_exits_2_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.toml");
    std::fs::write(&path, "fail_on = \"majr\"\nrequire = [\"9.9\"]\n").unwrap();
    let stderr = stderr_of(assess_mini().arg("--policy").arg(&path));
    assert!(stderr.contains("did you mean `major`?"), "{stderr}");
    assert!(stderr.contains("unknown clause `9.9`"), "{stderr}");
    assess_mini().arg("--policy").arg(&path).assert().code(2);
}

#[test]
fn assess_json_has_the_documented_keys_and_is_byte_identical_across_runs() {
    let first = assess_mini().args(["--format", "json"]).output().unwrap();
    let second = assess_mini().args(["--format", "json"]).output().unwrap();
    assert_eq!(first.stdout, second.stdout);
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert!(json["summary"]["score"].is_number());
    assert_eq!(json["summary"]["verdict"], "not-ready");
    assert_eq!(json["passed"], true);
    assert!(json["gates"].as_array().unwrap().is_empty());
    let clauses: Vec<&str> = json["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        clauses,
        [
            "4", "4.1", "6", "6.1", "8", "8.1", "8.2", "8.2.3", "9", "9.2", "9.3"
        ]
    );
    let statuses: Vec<&str> = json["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "implemented",
            "partial",
            "not-implemented",
            "implemented",
            "not-applicable",
            "partial",
            "partial",
            "not-implemented"
        ]
    );
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["requirement"] == "6.1-1")
        .unwrap();
    assert_eq!(finding["rule"], "not-implemented");
    assert_eq!(finding["grade"], "major");
    assert_eq!(finding["waived"], true);
    assert_eq!(finding["line"], 18);
}

#[test]
fn as_of_changes_waivers_and_evidence_age() {
    let out = assess_mini()
        .args(["--as-of", "2027-02-01", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["assessment"]["as_of"], "2027-02-01");
    let rules: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["requirement"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["waived"]
            )
        })
        .collect();
    assert!(
        rules.contains(&"6.1-1 waiver-expired false".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"6.1-1 not-implemented false".to_string()),
        "{rules:?}"
    );
    assess_mini()
        .args(["--as-of", "2027-02-01", "--fail-on", "major"])
        .assert()
        .code(1);
}

#[test]
fn assess_one_clause_and_write_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    assess_mini()
        .args(["--clause", "9", "--format", "json", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let ids: Vec<&str> = json["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["9.2-1", "9.3-1"]);
    assert_eq!(json["summary"]["score"], 25.0);
}

#[test]
fn the_embedded_catalogue_assesses_a_first_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    iso20k()
        .args([
            "--as-of",
            "2026-11-20",
            "init",
            "--organization",
            "Acme",
            "-o",
        ])
        .arg(&answers)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    // never clobbered without --force
    iso20k()
        .args(["init", "-o"])
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    iso20k()
        .args(["init", "--force", "-o"])
        .arg(&answers)
        .assert()
        .success();
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(
        text.contains("\"8.6.1-1\":"),
        "questionnaire lists requirements"
    );
    assert!(text.contains("# ===== 8 Operation of the service management system ====="));
    // fill in a few answers as a user would, then validate and assess
    let filled = text
        .replace("organization: \"\"", "organization: \"Acme\"")
        .replace("scope: \"\"", "scope: \"Service desk\"")
        .replacen("    status:\n", "    status: implemented\n", 3);
    std::fs::write(&answers, filled).unwrap();
    iso20k().arg("validate").arg(&answers).assert().success();
    iso20k()
        .arg("assess")
        .arg(&answers)
        .args(["--fail-on", "major"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("NOT READY"));
}

#[test]
fn init_writes_toml_at_clause_level() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    iso20k()
        .args(["init", "--level", "clause", "--organization", "Acme", "-o"])
        .arg(&answers)
        .assert()
        .success();
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(text.contains("[answers.\"8.5.1.3\"]"));
    assert!(!text.contains("[answers.\"8.5.1.3-1\"]"));
    iso20k().arg("validate").arg(&answers).assert().success();
}

// ---- plan -------------------------------------------------------------------------------

fn plan_mini() -> Command {
    let mut cmd = iso20k();
    cmd.args([
        "--catalogue",
        MINI,
        "plan",
        "tests/fixtures/answers/halfway.yaml",
    ]);
    cmd
}

#[test]
fn plan_table_shows_milestones_packages_and_dates() {
    let out = plan_mini().output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("plan_table_mini", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn plan_json_is_stable_and_never_schedules_before_a_dependency() {
    let first = plan_mini()
        .args(["--format", "json", "--capacity", "2.5"])
        .output()
        .unwrap();
    let second = plan_mini()
        .args(["--format", "json", "--capacity", "2.5"])
        .output()
        .unwrap();
    assert_eq!(first.stdout, second.stdout);
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let packages = json["packages"].as_array().unwrap();
    let end_of = |id: &str| {
        packages
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["end"].as_str().unwrap().to_string())
            .unwrap()
    };
    for p in packages {
        for key in [
            "id",
            "clause",
            "priority",
            "owners",
            "effort_days",
            "start",
            "end",
            "requirements",
            "depends_on",
        ] {
            assert!(p.get(key).is_some(), "package lacks {key}");
        }
        for dep in p["depends_on"].as_array().unwrap() {
            assert!(end_of(dep.as_str().unwrap()).as_str() < p["start"].as_str().unwrap());
        }
    }
    assert!(json["milestones"]["stage_1_ready"].is_string());
    assert!(
        json["milestones"]["stage_2_ready"].as_str() > json["milestones"]["stage_1_ready"].as_str()
    );
}

#[test]
fn plan_rejects_bad_settings_with_exit_2() {
    plan_mini()
        .args(["--capacity", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value '0' for '--capacity <DAYS_PER_WEEK>': give the person-days",
        ));
    plan_mini()
        .args(["--start", "2026-02-31"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value '2026-02-31' for '--start <DATE>': there is no such day",
        ));
    plan_mini().args(["--group", "team"]).assert().code(2);
}

#[test]
fn every_example_plans_and_assesses() {
    for example in [
        "examples/msp-halfway.yaml",
        "examples/near-stage-2.toml",
        "examples/first-day.yaml",
    ] {
        iso20k().args(["validate", example]).assert().success();
        let out = iso20k()
            .args(["plan", example, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{example}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let start = json["settings"]["start"].as_str().unwrap().to_string();
        for p in json["packages"].as_array().unwrap() {
            let days = p["effort_days"].as_f64().unwrap();
            assert!(
                days > 0.0 && days < 120.0,
                "{example}: package {} takes {days} days",
                p["id"]
            );
            assert!(p["start"].as_str().unwrap() >= start.as_str());
        }
    }
}
