#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! The same inputs give byte-identical output: across runs, across environments (terminal
//! width, time zone, locale, colour settings) and between stdout and `-o FILE`, in every
//! format of every command that produces data.

use std::path::Path;
use std::process::Command;

/// Environments that must not change a byte of the output.
const ENVIRONMENTS: [&[(&str, &str)]; 3] = [
    &[("TZ", "UTC"), ("LC_ALL", "C"), ("COLUMNS", "80")],
    &[
        ("TZ", "Pacific/Kiritimati"),
        ("LC_ALL", "de_DE.UTF-8"),
        ("LANG", "fr_FR.UTF-8"),
        ("COLUMNS", "250"),
        ("LINES", "10"),
        ("NO_COLOR", "1"),
    ],
    &[
        ("TZ", "America/St_Johns"),
        ("COLUMNS", "40"),
        ("TERM", "dumb"),
    ],
];

fn run(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iso20k"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "iso20k {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The formats a command offers, read from its `--help`, so a new format is covered too.
fn formats(command: &str) -> Vec<String> {
    let help = String::from_utf8(run(&[command, "--help"], &[])).unwrap();
    // the option's own entry (the usage line may name it first)
    let section = help
        .rsplit("--format <FORMAT>")
        .next()
        .expect("a --format option");
    // the values listed under --format, up to the next option
    let formats: Vec<String> = section
        .lines()
        .skip(1)
        .take_while(|l| !(l.starts_with("  -") || l.starts_with("      --")))
        .filter_map(|l| l.trim().strip_prefix("- "))
        .filter_map(|l| l.split(':').next())
        .map(|f| f.trim().to_string())
        .collect();
    assert!(formats.len() >= 2, "{help}");
    formats
}

fn check(command: &str, answers: &str, extra: &[&str]) {
    for format in formats(command) {
        let mut args = vec![
            command,
            answers,
            "--as-of",
            "2026-11-20",
            "--format",
            &format,
        ];
        args.extend_from_slice(extra);
        let first = run(&args, ENVIRONMENTS[0]);
        assert!(!first.is_empty(), "{command} --format {format}: no output");
        for env in ENVIRONMENTS {
            for _ in 0..2 {
                assert!(
                    run(&args, env) == first,
                    "{command} --format {format} differs under {env:?}"
                );
            }
        }
        // a file gets the same bytes as standard output
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("out.{format}"));
        let mut to_file = args.clone();
        to_file.extend(["-o", file.to_str().unwrap()]);
        run(&to_file, ENVIRONMENTS[1]);
        assert!(
            std::fs::read(&file).unwrap() == first,
            "{command} --format {format}: -o FILE differs from stdout"
        );
    }
}

#[test]
fn assess_output_is_byte_identical_in_every_format() {
    check("assess", "examples/msp-halfway.yaml", &["--limit", "0"]);
    check("assess", "examples/near-stage-2.toml", &[]);
}

#[test]
fn plan_output_is_byte_identical_in_every_format() {
    check("plan", "examples/msp-halfway.yaml", &[]);
    check(
        "plan",
        "examples/first-day.yaml",
        &["--group", "requirement"],
    );
}

#[test]
fn report_files_are_byte_identical_in_every_format() {
    for format in formats("report") {
        let mut first: Option<Vec<u8>> = None;
        for env in ENVIRONMENTS {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join(format!("report.{format}"));
            run(
                &[
                    "report",
                    "examples/msp-halfway.yaml",
                    "--as-of",
                    "2026-11-20",
                    "--format",
                    &format,
                    "-o",
                    file.to_str().unwrap(),
                ],
                env,
            );
            let bytes = std::fs::read(&file).unwrap();
            match &first {
                None => first = Some(bytes),
                Some(first) => assert!(
                    *first == bytes,
                    "report --format {format} differs under {env:?}"
                ),
            }
        }
    }
}

#[test]
fn the_answers_file_order_of_loading_does_not_leak_into_output() {
    // The same answers written in another order: every format but the answer lines must
    // agree, which catches output that follows hash-map or file order.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/quoted-keys.yaml"),
    )
    .unwrap();
    let (head, answers) = text.split_once("answers:\n").unwrap();
    let mut blocks: Vec<String> = Vec::new();
    for line in answers.lines() {
        if line.starts_with("  \"") {
            blocks.push(String::new());
        }
        let block = blocks.last_mut().unwrap();
        block.push_str(line);
        block.push('\n');
    }
    blocks.reverse();
    let reversed = dir.path().join("reversed.yaml");
    std::fs::write(&reversed, format!("{head}answers:\n{}", blocks.concat())).unwrap();
    let json = |path: &str| -> serde_json::Value {
        let mut value: serde_json::Value = serde_json::from_slice(&run(
            &["assess", path, "--as-of", "2026-11-20", "--format", "json"],
            &[],
        ))
        .unwrap();
        strip(&mut value);
        value
    };
    assert_eq!(
        json(reversed.to_str().unwrap()),
        json("tests/fixtures/ok/quoted-keys.yaml")
    );
}

/// Removes what legitimately differs between the two files: their names and answer lines.
fn strip(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for key in ["answers_file", "line", "column"] {
                map.remove(key);
            }
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}
