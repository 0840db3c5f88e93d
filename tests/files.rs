//! Files the tool writes: questionnaires that keep clause answers useful, and outputs that
//! respect what is already at the path.

#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly

use assert_cmd::Command;
use predicates::prelude::*;

fn iso20k() -> Command {
    Command::cargo_bin("iso20k").unwrap()
}

#[test]
fn a_clause_answer_added_to_a_questionnaire_covers_its_requirements() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    iso20k()
        .args(["init", "--organization", "Acme", "-o"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("scope: \"\"", "scope: \"Service desk\"")
        .replacen(
            "answers:\n",
            "answers:\n  \"4.3\": {status: implemented, evidence: [scope.docx]}\n",
            1,
        );
    std::fs::write(&path, text).unwrap();
    iso20k()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("give a status to 3 of"));
    let out = iso20k()
        .args(["assess", "--format", "json", "--clause", "4.3"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["score"], 100.0);
}

#[test]
fn a_toml_questionnaire_leaves_fields_unset_until_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    iso20k()
        .args(["init", "--organization", "Acme", "-o"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[answers.\"8.6.1-1\"]\n# status = \"\""),
        "fields start commented out"
    );
    iso20k().arg("validate").arg(&path).assert().success();
}

#[cfg(unix)]
#[test]
fn outputs_keep_links_devices_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let example = "examples/first-day.yaml";
    // a new file is readable by others, like any file a command writes
    let fresh = dir.path().join("fresh.json");
    iso20k()
        .args(["assess", example, "--format", "json", "-o"])
        .arg(&fresh)
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
        0o644
    );
    // an existing file keeps its permissions
    let private = dir.path().join("private.json");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    iso20k()
        .args(["assess", example, "--format", "json", "-o"])
        .arg(&private)
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&private).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(
        std::fs::read_to_string(&private)
            .unwrap()
            .contains("schema_version")
    );
    // a symbolic link stays a link; its target gets the report
    let target = dir.path().join("target.json");
    let link = dir.path().join("link.json");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    iso20k()
        .args(["assess", example, "--format", "json", "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("schema_version")
    );
    // a device is written to, not replaced
    iso20k()
        .args(["assess", example, "--format", "json", "-o", "/dev/null"])
        .assert()
        .success();
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    // nothing is left behind
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".iso20k-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn toml_on_standard_input_says_how_to_check_it() {
    iso20k()
        .args(["validate", "-"])
        .write_stdin("[assessment]\norganization = \"x\"\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input is read as YAML"));
}
