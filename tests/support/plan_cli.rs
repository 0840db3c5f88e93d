//! Shared by the plan tests: running the binary from the crate root and reading its output.
#![allow(dead_code)] // each test file uses the helpers it needs

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::NaiveDate;
use serde_json::Value;

pub const MSP: &str = "examples/msp-halfway.yaml";

/// The path of a test fixture.
pub fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

/// Runs iso20k with `args` from the crate root, with a hang guard.
pub fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("iso20k")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap()
}

/// stdout of a run that must exit 0.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "iso20k {}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON output of a run that must exit 0.
pub fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).unwrap()
}

/// A JSON date.
pub fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap()
}
