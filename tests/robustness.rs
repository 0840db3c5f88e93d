#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! Hostile, broken and awkward inputs against the real binary.
//!
//! Every bad input must exit 2 with a message naming the file and the problem, never panic
//! and never hang (a guard kills a run after a minute; speed itself is measured by
//! `scripts/bench.sh`, never asserted here, since CI shares a loaded machine); every awkward but legitimate input (a byte-order mark, CRLF line
//! endings, unquoted numeric ids) must give the same result as its plain twin. The corpus is
//! `tests/fixtures/bad/` and `tests/fixtures/ok/`; inputs too big to commit (a file over the
//! size limit, the 50,000-requirement catalogue) are generated into a temporary directory.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// A run still going after this has hung: a guard against an endless loop, not a speed test.
const HANG_GUARD: Duration = Duration::from_secs(60);

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iso20k"));
    cmd.env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    cmd
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Runs `args` to its end, killing it and failing the test if it outlives the hang guard.
fn run(args: &[&str]) -> Output {
    let child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let guard = std::thread::spawn(move || {
        if finished.recv_timeout(HANG_GUARD).is_err() {
            // still running: end it so the test fails instead of hanging the suite
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            return true;
        }
        false
    });
    let out = child.wait_with_output().unwrap();
    let _ = done.send(());
    let hung = guard.join().unwrap();
    assert!(!hung, "iso20k {} hung", args.join(" "));
    out
}

/// Asserts a clean refusal: exit 2, nothing on stdout, the file named, every `expected`
/// fragment on stderr, no panic, no hang.
fn refused(args: &[&str], file: &str, expected: &[&str]) -> String {
    let out = run(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let what = format!("iso20k {}", args.join(" "));
    assert_eq!(out.status.code(), Some(2), "{what}: exit status\n{stderr}");
    assert!(out.stdout.is_empty(), "{what}: wrote to stdout");
    assert!(
        !stderr.contains("internal error") && !stderr.contains("panicked"),
        "{what}: panicked\n{stderr}"
    );
    assert!(
        stderr.contains(file),
        "{what}: does not name {file}\n{stderr}"
    );
    for fragment in expected {
        assert!(
            stderr.contains(fragment),
            "{what}: no {fragment:?} in\n{stderr}"
        );
    }
    stderr
}

fn validate_refuses(name: &str, expected: &[&str]) -> String {
    let path = fixture(&format!("bad/answers/{name}"));
    refused(&["validate", path.to_str().unwrap()], name, expected)
}

// ---- the answers corpus --------------------------------------------------------------------

#[test]
fn unreadable_content_is_refused_with_the_reason() {
    validate_refuses("empty.yaml", &["the answers file is empty", "iso20k init"]);
    validate_refuses("empty.toml", &["the answers file is empty"]);
    validate_refuses("comments-only.yaml", &["the answers file is empty"]);
    validate_refuses("garbage.yaml", &["not UTF-8 text", "save it as UTF-8"]);
    validate_refuses("utf16.yaml", &["not UTF-8 text"]);
    validate_refuses("nul-bytes.yaml", &["NUL bytes", "binary"]);
}

#[test]
fn the_wrong_shape_is_named() {
    validate_refuses(
        "top-list.yaml",
        &["an answers file must be a mapping, found a list", ":1:1"],
    );
    validate_refuses(
        "top-scalar.yaml",
        &["an answers file must be a mapping, found a string"],
    );
    validate_refuses(
        "top-number.yaml",
        &["an answers file must be a mapping, found an integer"],
    );
    validate_refuses(
        "answers-list.yaml",
        &[
            "`answers` must be a mapping of ids to answers, found a list",
            ":5:3",
        ],
    );
    validate_refuses(
        "answers-scalar.yaml",
        &["`answers` must be a mapping of ids to answers, found a string"],
    );
    validate_refuses(
        "assessment-list.yaml",
        &["`assessment` must be a mapping, found a list"],
    );
}

#[test]
fn syntax_errors_point_at_the_line() {
    validate_refuses(
        "tab-indent.yaml",
        &["invalid YAML: tabs", ":2:", "indent with spaces"],
    );
    validate_refuses("yaml-syntax.yaml", &["invalid YAML", ":6:"]);
    validate_refuses(
        "two-documents.yaml",
        &[
            "more than one YAML document",
            ":6:1",
            "remove the `---` line",
        ],
    );
    validate_refuses("syntax.toml", &["invalid TOML", ":3:"]);
}

#[test]
fn impossible_dates_are_each_reported() {
    let stderr = validate_refuses(
        "impossible-dates.yaml",
        &[
            "`date` is not a valid date: `2026-02-30`",
            "`reviewed` is not a valid date: `2026-13-01`",
            "`target` is not a valid date: `2025-02-29`",
            "`reviewed` is not a valid date: `2026-04-31`",
            "`target` is not a valid date: `2026-00-10`",
            "`target` is not a valid date: `26-01-10`",
            "`expires` is not a valid date: `2026-06-31`",
            "7 errors in",
        ],
    );
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}

#[test]
fn huge_numbers_nan_and_infinity_are_out_of_range() {
    validate_refuses(
        "huge-numbers.yaml",
        &[
            "huge-numbers.yaml:6:15",
            "`maturity` must be a whole number from 0 to 5, found a number",
            "huge-numbers.yaml:8:15",
            "`effort_days` must be between 0 and 10000",
            "1e308 is out of range",
            "1.2345678901234568e29 is out of range",
            "maturity 6 is outside 0-5",
            "5 errors in",
        ],
    );
    validate_refuses(
        "nan-inf.yaml",
        &[
            "nan-inf.yaml:7:18",
            "NaN is out of range",
            "nan-inf.yaml:10:18",
            "infinity is out of range",
            "nan-inf.yaml:13:18",
            "4 errors in",
        ],
    );
    validate_refuses(
        "huge-int.toml",
        &["`maturity` must be a whole number from 0 to 5, found a number"],
    );
    validate_refuses(
        "wrong-types.toml",
        &[
            "`status` must be a status word, found an integer",
            "`maturity` must be a whole number from 0 to 5, found a string",
            "`owner` must be text, found a boolean",
            "`evidence` must be a list of text, found an integer",
            "`reviewed` is not a valid date: `2026-01-02T10:00:00Z`",
            "NaN is out of range",
            "infinity is out of range",
            "`waiver` must be a mapping, found a string",
            "8 errors in",
        ],
    );
}

#[test]
fn hostile_yaml_ends_quickly_with_a_clear_message() {
    validate_refuses(
        "alias-bomb.yaml",
        &["aliases (`*name`) expand to more than", "alias bomb"],
    );
    validate_refuses("deep-block.yaml", &["the YAML nests deeper than 20 levels"]);
    validate_refuses("deep-flow.yaml", &["the YAML nests deeper than 20 levels"]);
}

#[test]
fn duplicates_and_unknown_ids_are_each_reported() {
    validate_refuses(
        "duplicates.yaml",
        &[
            "`4` is answered twice",
            "the first answer for `4` is on line 5",
            "duplicate key `status` in the answer for `5`",
        ],
    );
    validate_refuses(
        "unknown-ids.yaml",
        &[
            "unknown clause `4.9`",
            "clause 4 has sub-clauses 4.1, 4.2, 4.3, 4.4",
            "unknown requirement `8.6.1-99`",
            "unknown clause or requirement `null`",
            "an answer has an empty id",
            "unknown clause or requirement `incident`",
            "5 errors in",
        ],
    );
}

/// Every field of an answer, given every kind of value it must not have: one answers file per
/// field, one answer per wrong kind, and one error for each.
#[test]
fn every_wrong_type_for_every_answer_field_is_reported() {
    let kinds: [(&str, &str); 7] = [
        ("text", "some words"),
        ("integer", "7"),
        ("number", "2.5"),
        ("boolean", "true"),
        ("list", "[a, b]"),
        ("mapping", "{a: b}"),
        ("empty", "~"),
    ];
    // field -> the kinds it accepts, and the start of the message for the others; an empty
    // value sets nothing (so a clause answer still applies), except for a waiver
    let fields: [(&str, &[&str], &str); 11] = [
        (
            "status",
            &["text", "empty"],
            "`status` must be a status word, found",
        ),
        (
            "maturity",
            &["integer", "empty"],
            "`maturity` must be a whole number from 0 to 5, found",
        ),
        ("owner", &["text", "empty"], "`owner` must be text, found"),
        ("notes", &["text", "empty"], "`notes` must be text, found"),
        (
            "operated_by",
            &["text", "empty"],
            "`operated_by` must be text, found",
        ),
        (
            "supported_by",
            &["text", "empty"],
            "`supported_by` must be text, found",
        ),
        (
            "evidence",
            &["text", "list", "empty"],
            "`evidence` must be a list of text, found",
        ),
        ("reviewed", &["empty"], "`reviewed` must be a date, found"),
        ("target", &["empty"], "`target` must be a date, found"),
        (
            "effort_days",
            &["integer", "number", "empty"],
            "`effort_days` must be a number, found",
        ),
        ("waiver", &["mapping"], "`waiver` must be a mapping, found"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<&str> = vec![
        "4.1-1", "4.1-2", "4.2-1", "4.3-1", "4.3-2", "4.4-1", "4.4-2",
    ];
    for (field, accepted, message) in fields {
        let mut text =
            String::from("assessment:\n  organization: Acme\n  scope: Hosting\nanswers:\n");
        let mut expected = Vec::new();
        let mut line = 4;
        for ((kind, value), id) in kinds.iter().zip(&ids) {
            if accepted.contains(kind) {
                continue;
            }
            text.push_str(&format!("  \"{id}\":\n    {field}: {value}\n"));
            line += 2;
            if *kind == "text" && (field == "reviewed" || field == "target") {
                expected.push((line, format!("`{field}` is not a valid date: `{value}`")));
                continue;
            }
            let kind_words = match *kind {
                "text" => "a string",
                "integer" => "an integer",
                "number" => "a number",
                "boolean" => "a boolean",
                "list" => "a list",
                "mapping" => "a mapping",
                _ => "an empty value",
            };
            expected.push((line, format!("{message} {kind_words}")));
        }
        let name = format!("wrong-{field}.yaml");
        let path = dir.path().join(&name);
        std::fs::write(&path, &text).unwrap();
        let stderr = refused(&["validate", path.to_str().unwrap()], &name, &[]);
        for (line, message) in &expected {
            // the error is on its line, at the value after `field: `
            let at = format!("{name}:{line}:{}", 7 + field.len());
            assert!(
                stderr.contains(message),
                "{field}: no {message:?} in\n{stderr}"
            );
            assert!(stderr.contains(&at), "{field}: no {at} in\n{stderr}");
        }
        let count = format!("{} error", expected.len());
        assert!(
            stderr.contains(&count),
            "{field}: not {count}s in\n{stderr}"
        );
    }
}

#[test]
fn the_assessment_block_fields_reject_the_wrong_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meta.yaml");
    std::fs::write(
        &path,
        "assessment:\n  organization: [Acme]\n  scope: {a: b}\n  assessor: 3\n  date: 20261120\n  catalogue: true\nanswers:\n  \"4\": implemented\n",
    )
    .unwrap();
    refused(
        &["validate", path.to_str().unwrap()],
        "meta.yaml",
        &[
            "`organization` must be text, found a list",
            "`scope` must be text, found a mapping",
            "`assessor` must be text, found an integer",
            "`date` must be a date, found an integer",
            "`catalogue` must be text, found a boolean",
            "5 errors in",
        ],
    );
}

// ---- files that cannot be read -------------------------------------------------------------

#[test]
fn a_missing_file_a_directory_and_an_unreadable_file_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    refused(
        &["validate", missing.to_str().unwrap()],
        "missing.yaml",
        &["no such file"],
    );
    let folder = dir.path().join("answers.yaml");
    std::fs::create_dir(&folder).unwrap();
    refused(
        &["validate", folder.to_str().unwrap()],
        "answers.yaml",
        &["is a directory, not a file"],
    );
    refused(
        &["--catalogue", folder.to_str().unwrap(), "catalogue", "list"],
        "answers.yaml",
        &["is a directory"],
    );
    refused(
        &[
            "assess",
            fixture("ok/quoted-keys.yaml").to_str().unwrap(),
            "--policy",
            missing.to_str().unwrap(),
        ],
        "missing.yaml",
        &["no such file"],
    );

    let locked = dir.path().join("locked.yaml");
    std::fs::copy(fixture("ok/quoted-keys.yaml"), &locked).unwrap();
    set_mode(&locked, 0o000);
    // root reads anything: only check the message when the file really is unreadable
    if std::fs::read(&locked).is_err() {
        refused(
            &["validate", locked.to_str().unwrap()],
            "locked.yaml",
            &["permission denied"],
        );
    }
    set_mode(&locked, 0o644);
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) {}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).unwrap();
    // sparse: 64 MiB + 1 of zeros costs no disk
    file.set_len(iso20k::source::MAX_FILE_BYTES as u64 + 1)
        .unwrap();
    drop(file);
    refused(
        &["validate", path.to_str().unwrap()],
        "huge.yaml",
        &["larger than the 64 MiB limit"],
    );
    refused(
        &["catalogue", "check", path.to_str().unwrap()],
        "huge.yaml",
        &["larger than the 64 MiB limit"],
    );

    // standard input is cut at the limit too
    let mut child = bin()
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let block = vec![b'#'; 1 << 20];
        for _ in 0..70 {
            if stdin.write_all(&block).is_err() {
                break; // the reader stopped at the limit
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("larger than the 64 MiB limit"), "{stderr}");
}

// ---- catalogues and policies ---------------------------------------------------------------

fn check_refuses(name: &str, expected: &[&str]) {
    let path = fixture(&format!("bad/catalogues/{name}"));
    refused(
        &["catalogue", "check", path.to_str().unwrap()],
        name,
        expected,
    );
    // the same file as the catalogue of another command
    refused(
        &[
            "--catalogue",
            path.to_str().unwrap(),
            "assess",
            fixture("ok/quoted-keys.yaml").to_str().unwrap(),
        ],
        name,
        expected,
    );
}

#[test]
fn broken_catalogues_are_refused() {
    check_refuses("empty.yaml", &["the catalogue is empty"]);
    check_refuses("garbage.yaml", &["not UTF-8 text"]);
    check_refuses(
        "top-list.yaml",
        &["a catalogue must be a mapping, found a list"],
    );
    check_refuses(
        "clauses-not-a-list.yaml",
        &[
            "`clauses` must be a list of clauses, found an integer",
            "`requirements` must be a list, found a mapping",
        ],
    );
    check_refuses(
        "alias-bomb.yaml",
        &["aliases (`*name`) expand to more than"],
    );
    check_refuses("deep-nesting.yaml", &["nests deeper than 20 levels"]);
    check_refuses(
        "wrong-types.yaml",
        &[
            "`version` must be text, found a list",
            "`id` must be text, found a list",
            "`title` must be text, found an integer",
            "a clause must be a mapping, found a string",
            "`text` must be text, found a mapping",
            "`evidence` must be a list of text, found an integer",
            "`documented_information` must be maintain, retain or none, found a boolean",
            "`conditional` must be true or false, found a string",
            "`weight` must be a number, found a string",
            "NaN is out of range",
            "items of `depends_on` must be clause or requirement ids, found a mapping",
            "items of `evidence` must be text, found a list",
            "infinity is out of range",
            "a requirement must be a mapping, found a string",
            "15 errors in",
        ],
    );
}

#[test]
fn broken_policies_are_refused() {
    let answers = fixture("ok/quoted-keys.yaml");
    for (name, expected) in [
        (
            "wrong-types.toml",
            &[
                "`fail_under` must be a number, found a string",
                "`fail_on` must be major, minor or observation, found an integer",
                "items of `require` must be clause ids, found a mapping",
                "unknown clause `9.9`",
                "`evidence_max_age` must be a whole number of days from 0 to 36500",
                "`8.5` must be a number, found a string",
                "unknown clause `8.99`",
            ][..],
        ),
        (
            "nan.toml",
            &[
                "`fail_under` must be between 0 and 100",
                "`evidence_max_age` must be a whole number of days from 0 to 36500",
            ][..],
        ),
        (
            "top-list.yaml",
            &["a policy must be a mapping, found a list"][..],
        ),
        ("syntax.toml", &["invalid TOML"][..]),
    ] {
        let path = fixture(&format!("bad/policies/{name}"));
        refused(
            &[
                "assess",
                answers.to_str().unwrap(),
                "--policy",
                path.to_str().unwrap(),
            ],
            name,
            expected,
        );
    }
}

// ---- what users legitimately write ---------------------------------------------------------

/// The JSON assessment without what legitimately differs between equivalent files: the file
/// name, and (for TOML or unquoted keys) the columns and lines answers are written on.
fn assessment_of(path: &Path, keep_lines: bool) -> serde_json::Value {
    let out = run(&["assess", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    strip(&mut json, keep_lines);
    json
}

fn strip(value: &mut serde_json::Value, keep_lines: bool) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("answers_file");
            map.remove("column");
            if !keep_lines {
                map.remove("line");
            }
            for v in map.values_mut() {
                strip(v, keep_lines);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| strip(v, keep_lines)),
        _ => {}
    }
}

#[test]
fn a_bom_crlf_and_unquoted_ids_give_the_same_assessment() {
    let reference = assessment_of(&fixture("ok/quoted-keys.yaml"), true);
    assert_eq!(reference["summary"]["score"], 17.4, "{reference:#}");
    for name in ["unquoted-keys.yaml", "bom.yaml", "crlf.yaml"] {
        let path = fixture(&format!("ok/{name}"));
        assert_eq!(assessment_of(&path, true), reference, "{name}");
        let out = run(&["validate", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert!(
            out.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let toml = fixture("ok/bom-crlf.toml");
    assert_eq!(
        assessment_of(&toml, false),
        assessment_of(&fixture("ok/quoted-keys.yaml"), false)
    );
    // merge keys (`<<: *base`) are expanded, as YAML readers commonly do
    assert_eq!(
        assessment_of(&fixture("ok/merge-keys.yaml"), false),
        assessment_of(&fixture("ok/quoted-keys.yaml"), false)
    );
}

/// Regression (found by the `fast_yaml` fuzz target): 80 comment lines in a row made
/// serde-saphyr stop with "too many buffered comments while looking ahead".
#[test]
fn a_long_commented_out_block_is_fine() {
    let path = fixture("ok/commented-out-block.yaml");
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("valid: 2 answers"));
}

#[test]
fn a_crlf_file_with_an_error_points_at_the_right_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf-typo.yaml");
    std::fs::write(
        &path,
        "\u{feff}assessment:\r\n  organization: Acme\r\n  scope: Hosting\r\nanswers:\r\n  8.6.1: implemnted\r\n",
    )
    .unwrap();
    refused(
        &["validate", path.to_str().unwrap()],
        "crlf-typo.yaml",
        &[
            "invalid status `implemnted`",
            "crlf-typo.yaml:5:10",
            "did you mean `implemented`?",
        ],
    );
}

// ---- output ---------------------------------------------------------------------------------

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = bin()
        .args([
            "assess",
            fixture("ok/quoted-keys.yaml").to_str().unwrap(),
            "--format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // the reader goes away before the output (well over a pipe buffer) is written
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_closed_stderr_still_exits_2_not_an_abort() {
    // many errors (well over a pipe buffer of diagnostics), and no one reading them, as in
    // `iso20k validate big.yaml 2>&1 | head -1`
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many-errors.yaml");
    let mut text = String::from("assessment:\n  organization: Acme\n  scope: x\nanswers:\n");
    for i in 0..2000 {
        text.push_str(&format!("  a{i}: bogus\n"));
    }
    std::fs::write(&path, text).unwrap();
    let mut child = bin()
        .args(["validate", path.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "{status:?}");
}

#[test]
fn a_file_with_thousands_of_problems_shows_the_first_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage-answers.yaml");
    let mut text = String::from("assessment:\n  organization: Acme\n  scope: x\nanswers:\n");
    for i in 0..50_000 {
        text.push_str(&format!("  x{i}:\n    status: bogus\n    colour: red\n"));
    }
    std::fs::write(&path, text).unwrap();
    let stderr = refused(
        &["validate", path.to_str().unwrap()],
        "garbage-answers.yaml",
        &[
            "unknown clause or requirement `x0`",
            "more problems in",
            "are not shown; fix the ones above first",
            "150000 errors in",
        ],
    );
    assert!(
        stderr.matches("\nerror: ").count() <= 201,
        "{} errors shown",
        stderr.matches("\nerror: ").count()
    );
}

#[test]
fn writing_a_file_is_atomic_and_never_clobbers_an_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, "my precious answers\n").unwrap();
    let out = run(&["init", "-o", answers.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&answers).unwrap(),
        "my precious answers\n"
    );

    let report = dir.path().join("report.json");
    let out = run(&[
        "assess",
        fixture("ok/quoted-keys.yaml").to_str().unwrap(),
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice::<serde_json::Value>(&std::fs::read(&report).unwrap()).unwrap();
    // no temporary file is left beside it
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // a directory that does not exist is a clear error, not a panic
    let nowhere = dir.path().join("no/such/dir/report.json");
    refused(
        &[
            "assess",
            fixture("ok/quoted-keys.yaml").to_str().unwrap(),
            "-o",
            nowhere.to_str().unwrap(),
        ],
        "report.json",
        &["cannot write"],
    );
}

// ---- settings at the edge of the calendar --------------------------------------------------

#[test]
fn a_plan_past_the_end_of_the_calendar_is_an_error_not_a_panic() {
    let answers = fixture("ok/quoted-keys.yaml");
    // a capacity below a hundredth of a day a week is refused where it is read
    for tiny in ["0.000000001", "1e-300", "0.001"] {
        refused(
            &["plan", answers.to_str().unwrap(), "--capacity", tiny],
            "--capacity",
            &["from 0.01 to 1000"],
        );
    }
    refused(
        &[
            "plan",
            answers.to_str().unwrap(),
            "--operating-period",
            "4000000000",
        ],
        "--capacity",
        &["the plan would run past the year"],
    );
    // a plan whose stage 2 lands past 9999 is refused, not printed as `+10000-…`
    refused(
        &["plan", answers.to_str().unwrap(), "--start", "9999-11-01"],
        "--capacity",
        &["the plan would run past the year 9999"],
    );
    // far-off dates that fit in four digits still plan
    let out = run(&["plan", answers.to_str().unwrap(), "--start", "9990-06-01"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- limits that leave room for real work --------------------------------------------------

/// A 50,000-requirement catalogue with full answers must load (the limits leave room for it).
/// Slow in a debug build, so run it with `cargo test --release --test robustness -- --ignored`
/// (`scripts/bench.sh` runs it as part of the benchmark).
#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn a_50000_requirement_catalogue_with_full_answers_loads() {
    large_catalogue_assesses(50_000);
}

#[test]
fn a_2000_requirement_catalogue_with_full_answers_assesses() {
    large_catalogue_assesses(2_000);
}

fn large_catalogue_assesses(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("catalogue.yaml");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&catalogue, generate::catalogue_yaml(n)).unwrap();
    std::fs::write(&answers, generate::answers_yaml(n)).unwrap();
    let out = run(&[
        "--catalogue",
        catalogue.to_str().unwrap(),
        "validate",
        answers.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "valid: {n} answers give a status to {n} of {n} requirements"
        )),
        "{stdout}"
    );
    let out = run(&[
        "--catalogue",
        catalogue.to_str().unwrap(),
        "plan",
        answers.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn too_many_answers_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.yaml");
    let limit = 200_000; // MAX_ANSWERS
    let mut text = String::from("assessment:\n  organization: Acme\n  scope: x\nanswers:\n");
    for i in 0..=limit {
        text.push_str(&format!("  a{i}: x\n"));
    }
    std::fs::write(&path, text).unwrap();
    // a 3 MB file: well under a second in a release build, slower in a debug one
    let stderr = refused(
        &["validate", path.to_str().unwrap()],
        "many.yaml",
        &["`answers` has 200001 entries; the limit is 200000"],
    );
    // one error, not 200,001 unknown ids
    assert!(stderr.contains("1 error in"), "{stderr}");
}

/// A file of many tiny values is refused by the values-per-byte limit, which names itself,
/// before its tree can take many times the file's size in memory.
#[test]
fn a_file_of_tiny_values_is_refused_by_the_values_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.yaml");
    let text = format!(
        "assessment:\n  organization: Acme\nanswers:\n  \"4.1-1\":\n    evidence: [{}x]\n",
        "x,".repeat(1_500_000)
    );
    std::fs::write(&path, text).unwrap();
    refused(
        &["validate", path.to_str().unwrap()],
        "tiny.yaml:5:",
        &[
            "more YAML values than its size allows",
            "1000000 and one per 12 bytes",
        ],
    );
}
