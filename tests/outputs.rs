#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! What the binary writes and says, in order: commands decide what to write and `main`
//! writes it, so these pin that the files, the step summary and the "wrote" lines come out
//! as a user relies on, and that a failed write stops the run with exit 2.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const ANSWERS: &str = "examples/msp-halfway.yaml";
/// After every `reviewed` date of the example, so stderr holds only what the test is about.
const AS_OF: &str = "2026-12-31";

fn iso20k() -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn answers() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(ANSWERS)
        .display()
        .to_string()
}

#[test]
fn several_formats_are_written_in_order_each_said_once_written() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("a.json");
    let csv = dir.path().join("b.csv");
    let output = iso20k()
        .args(["assess", &answers(), "--as-of", AS_OF])
        .arg(format!("-o=json={}", json.display()))
        .arg(format!("-o=csv={}", csv.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!("wrote {}\nwrote {}\n", json.display(), csv.display())
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(doc["schema_version"].is_number());
    let rows = csv::Reader::from_path(&csv)
        .unwrap()
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert!(rows.len() > 10, "{} rows", rows.len());
}

#[test]
fn a_failed_write_stops_the_run_after_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("a.json");
    let missing = dir.path().join("no-such-dir").join("b.csv");
    let after = dir.path().join("c.md");
    let output = iso20k()
        .args(["assess", &answers(), "--as-of", AS_OF])
        .arg(format!("-o=json={}", json.display()))
        .arg(format!("-o=csv={}", missing.display()))
        .arg(format!("-o=markdown={}", after.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = format!(
        "wrote {}\nerror: cannot write `{}`: the folder `{}` does not exist; create it first",
        json.display(),
        missing.display(),
        missing.parent().unwrap().display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(json.is_file());
    assert!(!after.exists(), "nothing is written after the failed write");
}

#[test]
fn init_never_replaces_an_answers_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    std::fs::write(&path, "kept\n").unwrap();
    iso20k()
        .args(["init", "--as-of", AS_OF, "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: `{}` already exists; pass --force to overwrite it\n",
            path.display()
        ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept\n");
    iso20k()
        .args(["init", "--as-of", AS_OF, "--force", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::starts_with(format!(
            "wrote {}: fill in a status per requirement",
            path.display()
        )));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("answers:"), "{text}");
}

#[test]
fn the_step_summary_is_appended_to_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# An earlier step\n").unwrap();
    let output = iso20k()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["assess", &answers(), "--as-of", AS_OF, "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "appended a summary to $GITHUB_STEP_SUMMARY\n"
    );
    assert!(String::from_utf8(output.stdout).unwrap().contains("::"));
    let text = std::fs::read_to_string(&summary).unwrap();
    let rest = text.strip_prefix("# An earlier step\n").unwrap();
    // The appended part is Markdown a pull request renders: it has a heading and a table.
    let events: Vec<_> =
        pulldown_cmark::Parser::new_ext(rest, pulldown_cmark::Options::all()).collect();
    let has = |tag: fn(&pulldown_cmark::Tag<'_>) -> bool| {
        events
            .iter()
            .any(|e| matches!(e, pulldown_cmark::Event::Start(t) if tag(t)))
    };
    assert!(
        has(|t| matches!(t, pulldown_cmark::Tag::Heading { .. })),
        "{rest}"
    );
    assert!(
        has(|t| matches!(t, pulldown_cmark::Tag::Table(_))),
        "{rest}"
    );
}

#[test]
fn a_usage_error_and_an_input_error_each_end_in_one_error_line() {
    iso20k()
        .args(["assess", &answers(), "--fail-under", "190"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: invalid value '190' for '--fail-under <PCT>': give a percentage from 0 to 100 (e.g. 80 or 72.5)\n\nFor more information, try '--help'.\n",
        );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "answers: [\n").unwrap();
    let stderr = String::from_utf8(
        iso20k()
            .args(["validate"])
            .arg(&bad)
            .output()
            .unwrap()
            .stderr,
    )
    .unwrap();
    assert!(
        stderr.ends_with(&format!("error: 1 error in {}\n", bad.display())),
        "{stderr}"
    );
}

#[test]
fn no_output_replaces_a_file_the_command_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let original = std::fs::read_to_string(answers()).unwrap();
    std::fs::write(d.join("a.yaml"), &original).unwrap();
    std::fs::write(d.join("policy.toml"), "evidence_max_age = 300\n").unwrap();
    let cases: [&[&str]; 6] = [
        &["assess", "a.yaml", "-o", "a.yaml"],
        &[
            "assess",
            "a.yaml",
            "--policy",
            "policy.toml",
            "-o",
            "json=policy.toml",
        ],
        &[
            "assess",
            "a.yaml",
            "-o",
            "json=out.json",
            "-o",
            "markdown=./a.yaml",
        ],
        &["plan", "a.yaml", "-o", "a.yaml"],
        &["report", "a.yaml", "--format", "markdown", "-o", "a.yaml"],
        &["diff", "a.yaml", "a.yaml", "-o", "a.yaml"],
    ];
    for args in cases {
        iso20k().current_dir(d).args(args).assert().code(2).stderr(
            predicate::str::contains("it is the input `")
                .and(predicate::str::contains("choose another file for -o")),
        );
        assert_eq!(
            std::fs::read_to_string(d.join("a.yaml")).unwrap(),
            original,
            "{args:?}"
        );
        // nothing else was written either
        assert!(!d.join("out.json").exists(), "{args:?}");
    }
}

#[test]
fn every_command_takes_the_format_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |args: &[&str]| {
        iso20k().current_dir(d).args(args).assert().success();
    };
    let a = answers();
    run(&["plan", &a, "-o", "plan.ics"]);
    let calendar = std::fs::File::open(d.join("plan.ics")).unwrap();
    let calendar = ical::IcalParser::new(std::io::BufReader::new(calendar))
        .next()
        .unwrap()
        .unwrap();
    assert!(!calendar.events.is_empty());
    run(&["diff", &a, &a, "-o", "diff.json"]);
    let diff: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("diff.json")).unwrap()).unwrap();
    assert!(diff["schema_version"].is_number(), "{diff}");
    run(&["catalogue", "list", "-o", "catalogue.csv"]);
    let csv = std::fs::read_to_string(d.join("catalogue.csv")).unwrap();
    assert!(csv.starts_with("id,clause,"), "{csv}");
    run(&["report", &a, "-o", "report.docx"]);
    let zip = zip::ZipArchive::new(std::fs::File::open(d.join("report.docx")).unwrap()).unwrap();
    assert!(
        zip.file_names()
            .any(|n| n.is_ok_and(|n| n == "word/document.xml"))
    );
    run(&["plan", &a, "-o", "json=plan.data"]);
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("plan.data")).unwrap()).unwrap();
    assert!(plan["packages"].is_array());
}
