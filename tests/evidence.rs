#![allow(clippy::unwrap_used)] // a test that cannot set up its files should fail loudly
//! `evidence lock`, `evidence check` and `assess --evidence-root` on real files: one evidence
//! file changed, one removed and one untouched after the lock.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

fn iso20k(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .arg("--catalogue")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/catalogues/mini.yaml"))
        .timeout(Duration::from_secs(60));
    cmd
}

const ANSWERS: &str = "assessment: {organization: Acme, date: 2026-06-01}
answers:
  \"4.1-1\":
    status: implemented
    evidence: [SMS/scope.docx, \"https://intranet.example/sms\"]
    reviewed: 2026-05-01
  \"4.1-2\":
    status: implemented
    evidence: [SMS/plan.docx, Management review minutes 2026]
    reviewed: 2026-05-01
  \"8.1-1\":
    status: implemented
    evidence: [ops/runbook.pdf]
    reviewed: 2026-05-01
";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("SMS")).unwrap();
    std::fs::create_dir_all(d.join("ops")).unwrap();
    std::fs::write(d.join("answers.yaml"), ANSWERS).unwrap();
    std::fs::write(d.join("SMS/scope.docx"), "scope v1").unwrap();
    std::fs::write(d.join("SMS/plan.docx"), "plan v1").unwrap();
    std::fs::write(d.join("ops/runbook.pdf"), "runbook v1").unwrap();
    dir
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// `assess answers.yaml --evidence-root .` in `dir`, as JSON.
fn assess_with_evidence(dir: &Path) -> Value {
    json(
        &iso20k(dir)
            .args([
                "assess",
                "answers.yaml",
                "-f",
                "json",
                "--evidence-root",
                ".",
            ])
            .output()
            .unwrap(),
    )
}

#[test]
fn lock_then_check_finds_the_changed_and_the_removed_file() {
    let dir = setup();
    let d = dir.path();
    let out = iso20k(d)
        .args(["evidence", "lock", "answers.yaml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "answers.yaml.evidence.json: 3 files locked; 2 URLs or titles listed, not fetched"
        ),
        "{err}"
    );
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(d.join("answers.yaml.evidence.json")).unwrap(),
    )
    .unwrap();
    let files = manifest["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["SMS/plan.docx", "SMS/scope.docx", "ops/runbook.pdf"]
    );
    assert_eq!(files[1]["size"], 8);
    // sha256 of "scope v1", from sha256sum
    assert_eq!(
        files[1]["sha256"],
        "a8e3d93b2cbc1487383a66a0d33cb8008286fcf5d5d27eb5a5e0230da8406ffc"
    );
    let clean = iso20k(d)
        .args(["evidence", "check", "answers.yaml", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(json(&clean)["passed"], true);

    std::fs::write(d.join("SMS/scope.docx"), "scope v2").unwrap(); // same size, new content
    std::fs::remove_file(d.join("ops/runbook.pdf")).unwrap();
    let out = iso20k(d)
        .args(["evidence", "check", "answers.yaml", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a missing or changed file fails the check"
    );
    let doc = json(&out);
    let states: Vec<(&str, &str, &str)> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["entry"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
                e["state"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("SMS/scope.docx", "file", "changed"),
            ("https://intranet.example/sms", "url", "-"),
            ("SMS/plan.docx", "file", "unchanged"),
            ("Management review minutes 2026", "title", "-"),
            ("ops/runbook.pdf", "file", "missing"),
        ]
    );
    assert_eq!(doc["missing"], 1);
    assert_eq!(doc["changed"], 1);

    // assess adds the observations, each at the evidence line of its answer.
    let doc = assess_with_evidence(d);
    let found: Vec<(&str, &str, &str, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().ends_with("-evidence"))
        .map(|f| {
            (
                f["requirement"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["grade"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("4.1-1", "changed-evidence", "observation", 5),
            ("8.1-1", "missing-evidence", "observation", 13),
        ]
    );
    // Without --evidence-root nothing looks at the files.
    let plain = json(
        &iso20k(d)
            .args(["assess", "answers.yaml", "-f", "json"])
            .output()
            .unwrap(),
    );
    assert!(
        !plain["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"].as_str().unwrap().ends_with("-evidence")
                && f["rule"] != "no-evidence")
    );
    // The observations fail --fail-on observation like any other.
    let gated = iso20k(d)
        .args([
            "assess",
            "answers.yaml",
            "--evidence-root",
            ".",
            "--fail-on",
            "observation",
        ])
        .output()
        .unwrap();
    assert_eq!(gated.status.code(), Some(1));
}

#[test]
fn a_path_escaping_the_evidence_root_is_refused_with_its_line() {
    let dir = setup();
    let d = dir.path();
    let text = ANSWERS.replace("[ops/runbook.pdf]", "[../../etc/passwd, /etc/shadow]");
    std::fs::write(d.join("answers.yaml"), text).unwrap();
    for args in [
        vec!["evidence", "lock", "answers.yaml"],
        vec!["evidence", "check", "answers.yaml"],
        vec!["assess", "answers.yaml", "--evidence-root", "."],
    ] {
        let out = iso20k(d).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("evidence `../../etc/passwd` is outside the evidence root"),
            "{err}"
        );
        assert!(
            err.contains("evidence `/etc/shadow` is outside the evidence root"),
            "{err}"
        );
        assert!(err.contains("answers.yaml:13:"), "{err}");
    }
    assert!(
        !d.join("answers.yaml.evidence.json").exists(),
        "nothing written"
    );
}

#[test]
fn lock_refuses_a_missing_file_and_writes_nothing() {
    let dir = setup();
    let d = dir.path();
    std::fs::remove_file(d.join("SMS/plan.docx")).unwrap();
    let out = iso20k(d)
        .args(["evidence", "lock", "answers.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("evidence file `SMS/plan.docx` is missing"),
        "{err}"
    );
    assert!(err.contains("answers.yaml:9:"), "{err}");
    assert!(!d.join("answers.yaml.evidence.json").exists());
}

#[test]
fn an_evidence_root_elsewhere_is_honoured() {
    let dir = setup();
    let d = dir.path();
    std::fs::create_dir_all(d.join("store")).unwrap();
    std::fs::rename(d.join("SMS"), d.join("store/SMS")).unwrap();
    std::fs::rename(d.join("ops"), d.join("store/ops")).unwrap();
    let out = iso20k(d)
        .args([
            "evidence",
            "check",
            "answers.yaml",
            "--evidence-root",
            "store",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    assert_eq!(doc["missing"], 0);
    let out = iso20k(d)
        .args(["evidence", "check", "answers.yaml", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["missing"], 3);
}

#[cfg(unix)]
#[test]
fn a_link_pointing_out_of_the_root_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let dir = setup();
    let d = dir.path();
    std::fs::remove_file(d.join("ops/runbook.pdf")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), d.join("ops/runbook.pdf"))
        .unwrap();
    let out = iso20k(d)
        .args(["evidence", "lock", "answers.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("evidence `ops/runbook.pdf` is outside the evidence root"),
        "{err}"
    );
    assert!(err.contains("answers.yaml:13:"), "{err}");
}

#[test]
fn a_finding_about_one_file_of_a_block_list_points_at_that_item() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("SMS")).unwrap();
    std::fs::write(d.join("SMS/scope.docx"), "scope").unwrap();
    let answers = "assessment: {organization: Acme, date: 2026-06-01}
answers:
  \"4.1-1\":
    status: implemented
    evidence:
      - SMS/scope.docx
      - SMS/context.docx
      - Management review minutes 2026
    reviewed: 2026-05-01
";
    std::fs::write(d.join("answers.yaml"), answers).unwrap();
    // lock refuses the missing file at its own line (7), showing that line
    let out = iso20k(d)
        .args(["evidence", "lock", "answers.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("answers.yaml:7:"), "{err}");
    assert!(err.contains("- SMS/context.docx"), "{err}");
    // assess puts its finding there too
    let doc = assess_with_evidence(d);
    let lines: Vec<(&str, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "missing-evidence")
        .map(|f| (f["message"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(lines, [("evidence file `SMS/context.docx` is missing", 7)]);
}
