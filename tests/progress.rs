#![allow(clippy::unwrap_used)] // a test that cannot set up its repository should fail loudly
//! `diff`, `trend` and `evidence` as users run them, on temporary git repositories built with
//! the `git` binary (the tool itself reads them through gix). Expected scores are worked out
//! by hand from the mini catalogue: weights 4.1-1 = 1, 4.1-2 = 3, six others 1; total 10.

use std::path::Path;
use std::process::Command as Process;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const MINI: &str = "tests/fixtures/catalogues/mini.yaml";

fn iso20k(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .arg("--catalogue")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(MINI))
        .timeout(Duration::from_secs(60));
    cmd
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Process::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Tester")
        .env("GIT_AUTHOR_EMAIL", "tester@example.com")
        .env("GIT_COMMITTER_NAME", "Tester")
        .env("GIT_COMMITTER_EMAIL", "tester@example.com")
        .env_remove("GIT_DIR")
        // The developer's own settings (signing, hooks, default branch) stay out of the test.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

// Q1: clause 4 partial; overall (0.5 + 1.5 + 1) / 10 = 30.0, clause 4 = 2 / 4 = 50.0.
const V1: &str = "assessment: {organization: Acme, date: 2026-03-01}
answers:
  \"4\": {status: partial}
  \"8.1-1\": {status: implemented, evidence: [ops/runbook.pdf], reviewed: 2026-02-01}
";
// Q2: clause 4 implemented; overall (1 + 3 + 1) / 10 = 50.0, clause 4 = 100.0.
const V2: &str = "assessment: {organization: Acme, date: 2026-06-01}
answers:
  \"4\": {status: implemented, evidence: [SMS/scope.docx], reviewed: 2026-05-01}
  \"8.1-1\": {status: implemented, evidence: [ops/runbook.pdf], reviewed: 2026-02-01}
";
// Q3: 4.1-2 (weight 3) falls to not-implemented: overall (1 + 0 + 1) / 10 = 20.0,
// clause 4 = 1 / 4 = 25.0.
const V3: &str = "assessment: {organization: Acme, date: 2026-09-01}
answers:
  \"8.1-1\": {status: implemented, evidence: [ops/runbook.pdf], reviewed: 2026-02-01}
  \"4\": {status: implemented, evidence: [SMS/scope.docx], reviewed: 2026-05-01}
  \"4.1-2\":
    status: not-implemented
";

/// A repository whose answers.yaml went through V1, V2, V3, with an unrelated commit between.
fn history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"], "2026-03-02T10:00:00Z");
    std::fs::write(d.join("answers.yaml"), V1).unwrap();
    git(d, &["add", "answers.yaml"], "2026-03-02T10:00:00Z");
    git(
        d,
        &["commit", "-qm", "Q1 assessment"],
        "2026-03-02T10:00:00Z",
    );
    std::fs::write(d.join("answers.yaml"), V2).unwrap();
    git(
        d,
        &["commit", "-qam", "Q2 assessment"],
        "2026-06-02T10:00:00Z",
    );
    std::fs::write(d.join("notes.txt"), "not an answers file").unwrap();
    git(d, &["add", "notes.txt"], "2026-07-02T10:00:00Z");
    git(d, &["commit", "-qm", "Unrelated"], "2026-07-02T10:00:00Z");
    std::fs::write(d.join("answers.yaml"), V3).unwrap();
    git(
        d,
        &["commit", "-qam", "Q3 assessment"],
        "2026-09-02T10:00:00Z",
    );
    dir
}

fn json_of(cmd: &mut Command) -> (Value, i32) {
    let out = cmd.output().unwrap();
    let code = out.status.code().unwrap();
    (
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr))),
        code,
    )
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diff_between_revisions_finds_the_regression_by_id() {
    let repo = history();
    let (doc, code) = json_of(iso20k(repo.path()).args([
        "diff",
        "HEAD~2:answers.yaml",
        "HEAD:answers.yaml",
        "-f",
        "json",
    ]));
    assert_eq!(code, 0, "no gate asked for");
    assert_eq!(doc["old"]["score"], 50.0);
    assert_eq!(doc["new"]["score"], 20.0);
    assert_eq!(doc["score_change"], -30.0);
    let reqs = doc["requirements"].as_array().unwrap();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert_eq!(reqs[0]["id"], "4.1-2");
    assert_eq!(reqs[0]["movement"], "regressed");
    assert_eq!(reqs[0]["old"], "implemented");
    assert_eq!(reqs[0]["new"], "not-implemented");
    // The status line on the new side: `status: not-implemented` is line 6 of V3.
    assert_eq!(reqs[0]["line"], 6);
    assert_eq!(ids(&doc["gaps_opened"]), ["4.1-2"]);
    assert!(ids(&doc["gaps_closed"]).is_empty());
    let clause4 = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "4")
        .unwrap();
    assert_eq!(clause4["old"], 100.0);
    assert_eq!(clause4["new"], 25.0);
    assert_eq!(clause4["change"], -75.0);
    let new: Vec<(&str, &str)> = doc["findings_new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["requirement"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(new, [("4.1-2", "not-implemented")]);
    // Moving the 8.1-1 answer up the file changed its line, not the assessment.
    assert!(doc["findings_resolved"].as_array().unwrap().is_empty());
}

#[test]
fn diff_of_an_improvement_lists_closed_gaps_and_added_evidence() {
    let repo = history();
    let (doc, code) = json_of(iso20k(repo.path()).args([
        "diff",
        "HEAD~3:answers.yaml",
        "HEAD~2:answers.yaml",
        "-f",
        "json",
        "--fail-on-regression",
    ]));
    assert_eq!(code, 0, "improvements never fail the gate");
    assert_eq!(doc["score_change"], 20.0);
    assert_eq!(ids(&doc["gaps_closed"]), ["4.1-1", "4.1-2"]);
    let added = &doc["evidence"]["added"][0];
    assert_eq!(added["entry"], "SMS/scope.docx");
    assert_eq!(ids(&added["requirements"]), ["4.1-1", "4.1-2"]);
    assert!(doc["regressions"].as_array().unwrap().is_empty());
    assert_eq!(doc["passed"], true);
}

#[test]
fn the_regression_gate_fails_with_exit_1_and_honours_the_threshold() {
    let repo = history();
    let kinds = |threshold: &str| {
        let (doc, code) = json_of(iso20k(repo.path()).args([
            "diff",
            "HEAD~1:answers.yaml",
            "answers.yaml",
            "-f",
            "json",
            "--fail-on-regression",
            "--threshold",
            threshold,
        ]));
        assert_eq!(code, 1);
        assert_eq!(doc["passed"], false);
        doc["regressions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["kind"].as_str().unwrap(),
                    r["id"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kinds("0"),
        [
            "score overall",
            "clause 4",
            "clause 4.1",
            "requirement 4.1-2"
        ]
    );
    // Score drops of 30 and 75 points are within a threshold of 80; the status still is not.
    assert_eq!(kinds("80"), ["requirement 4.1-2"]);
    // GitHub annotations point at the regressed answer's line.
    let out = iso20k(repo.path())
        .args([
            "diff",
            "HEAD~1:answers.yaml",
            "answers.yaml",
            "-f",
            "github",
        ])
        .args(["--fail-on-regression"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("::error file=answers.yaml,line=6,title=4.1-2 regressed::4.1-2: implemented → not-implemented"),
        "{text}"
    );
}

#[test]
fn a_diff_with_itself_is_empty_and_exits_0_in_every_format() {
    let repo = history();
    for format in ["table", "json", "markdown", "github", "html"] {
        let out = iso20k(repo.path())
            .args([
                "diff",
                "answers.yaml",
                "HEAD:answers.yaml",
                "--fail-on-regression",
            ])
            .args(["-f", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        match format {
            "json" => {
                let doc: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(doc["empty"], true);
                assert!(doc["requirements"].as_array().unwrap().is_empty());
                assert!(doc["clauses"].as_array().unwrap().is_empty());
            }
            "github" => assert_eq!(text, "", "no annotation for no change"),
            "html" => {
                assert!(text.contains("<p>No changes.</p>"));
                assert!(text.ends_with("</html>\n"));
            }
            _ => assert!(text.contains("No changes."), "{format}: {text}"),
        }
    }
}

#[test]
fn diff_reads_the_json_of_assess() {
    let repo = history();
    let out = iso20k(repo.path())
        .args(["assess", "answers.yaml", "-f", "json", "-o", "q3.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (doc, code) =
        json_of(iso20k(repo.path()).args(["diff", "q3.json", "answers.yaml", "-f", "json"]));
    assert_eq!(code, 0);
    assert_eq!(
        doc["empty"], true,
        "the JSON of an assessment equals the assessment"
    );
    let (doc, _) =
        json_of(iso20k(repo.path()).args(["diff", "HEAD~1:answers.yaml", "q3.json", "-f", "json"]));
    assert_eq!(doc["new"]["score"], 20.0);
    assert_eq!(doc["requirements"][0]["id"], "4.1-2");
    std::fs::write(
        repo.path().join("broken.json"),
        "{\"schema_version\": 1,\n  \"summary\": 3}",
    )
    .unwrap();
    let out = iso20k(repo.path())
        .args(["diff", "broken.json", "answers.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("broken.json:2:"), "{err}");
    assert!(
        err.contains("not an `assess --format json` result"),
        "{err}"
    );
}

#[test]
fn trend_gives_one_point_per_commit_that_changed_the_file() {
    let repo = history();
    let (doc, code) = json_of(iso20k(repo.path()).args(["trend", "answers.yaml", "-f", "json"]));
    assert_eq!(code, 0);
    let points = doc["points"].as_array().unwrap();
    let got: Vec<(&str, f64)> = points
        .iter()
        .map(|p| (p["date"].as_str().unwrap(), p["score"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-03-01", 30.0),
            ("2026-06-01", 50.0),
            ("2026-09-01", 20.0)
        ]
    );
    let clause4: Vec<f64> = points
        .iter()
        .map(|p| {
            p["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == "4")
                .unwrap()["score"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_eq!(clause4, [50.0, 100.0, 25.0]);
    assert_eq!(points[0]["commit"].as_str().unwrap().len(), 40);
    // --since counts commit dates: Q2 was committed on 2026-06-02.
    let (doc, _) = json_of(iso20k(repo.path()).args([
        "trend",
        "answers.yaml",
        "-f",
        "json",
        "--since",
        "2026-06-02",
    ]));
    assert_eq!(doc["points"].as_array().unwrap().len(), 2);
}

#[test]
fn trend_draws_sparklines_csv_and_an_svg_chart() {
    let repo = history();
    let table = iso20k(repo.path())
        .args(["trend", "answers.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    // 30% → ▃, 50% → ▅ (rounded from 3.5), 20% → ▂ on the 0-100 scale.
    let overall = text.lines().find(|l| l.contains("Overall")).unwrap();
    let cells: Vec<&str> = overall.split('┆').map(str::trim).collect();
    assert_eq!(cells[2..], ["▃▅▂", "30.0%", "20.0% │"], "{text}");
    let clause4 = text.lines().find(|l| l.contains("Context")).unwrap();
    assert!(clause4.contains("▅█▃"), "50, 100 and 25: {text}");
    assert!(
        text.starts_with("answers.yaml: 3 commits changed it, 2026-03-01 to 2026-09-01\n"),
        "{text}"
    );
    let csv = iso20k(repo.path())
        .args(["trend", "answers.yaml", "-f", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.get(3), Some("score"));
    let col4 = header.iter().position(|h| h == "4").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let scores: Vec<&str> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(scores, ["30.0", "50.0", "20.0"]);
    assert_eq!(&rows[2][col4], "25.0");
    let html = iso20k(repo.path())
        .args(["trend", "answers.yaml", "-f", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8(html.stdout).unwrap();
    let svg_start = page.find("<svg").unwrap();
    let svg_end = page.find("</svg>").unwrap() + 6;
    let mut reader = quick_xml::Reader::from_str(&page[svg_start..svg_end]);
    let mut polylines = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "polyline" => polylines += 1,
            _ => {}
        }
    }
    // Overall and the top clauses 4, 6, 8, 9 of the mini catalogue.
    assert_eq!(polylines, 5);
}

#[test]
fn a_file_with_no_history_says_so() {
    let repo = history();
    std::fs::write(repo.path().join("new.yaml"), V1).unwrap();
    let out = iso20k(repo.path())
        .args(["trend", "new.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("`new.yaml` has no history"), "{err}");
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(bare.path().join("a.yaml"), V1).unwrap();
    refused(
        bare.path(),
        &["trend", "a.yaml"],
        "not inside a git repository",
    );
}

#[test]
fn a_missing_revision_or_path_is_a_clear_error() {
    let repo = history();
    refused(
        repo.path(),
        &["diff", "HEAD~9:answers.yaml", "answers.yaml"],
        "no revision `HEAD~9`",
    );
    refused(
        repo.path(),
        &["diff", "HEAD:nope.yaml", "answers.yaml"],
        "`nope.yaml` does not exist in revision `HEAD`",
    );
}

#[test]
fn markdown_and_html_carry_the_same_story() {
    let repo = history();
    let out = iso20k(repo.path())
        .args([
            "diff",
            "HEAD~1:answers.yaml",
            "answers.yaml",
            "-f",
            "markdown",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    let expected = "## Assessment changes: HEAD~1:answers.yaml → answers.yaml

Score 50.0% → 20.0% (-30.0), verdict not-ready (unchanged)

0 improved, 1 regressed; gaps 0 closed, 1 opened; findings 0 resolved, 1 new; evidence 0 added, 0 gone, 0 stale

### Regressions

- overall score 50.0% → 20.0% (-30.0)
- clause 4 Context score 100.0% → 25.0% (-75.0)
- clause 4.1 Context leaf score 100.0% → 25.0% (-75.0)
- 4.1-2: implemented → not-implemented

### Clause scores

| Clause | Title | Old | New | Change |
| --- | --- | ---: | ---: | ---: |
| 4 | Context | 100.0% | 25.0% | -75.0 |
| 4.1 | Context leaf | 100.0% | 25.0% | -75.0 |

### Requirements

| Requirement | Change | Status | Line |
| --- | --- | --- | ---: |
| 4.1-2 | regressed | implemented → not-implemented | 6 |

### Findings

| Finding | Requirement | Rule | Grade | Line |
| --- | --- | --- | --- | ---: |
| new | 4.1-2 | not-implemented | major | 6 |

";
    assert_eq!(md, expected);
    let html = iso20k(repo.path())
        .args(["diff", "HEAD~1:answers.yaml", "answers.yaml", "-f", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8(html.stdout).unwrap();
    let body = page.trim_start_matches("<!DOCTYPE html>");
    let mut reader = quick_xml::Reader::from_str(body);
    let (mut rows, mut regressions) = (0, 0);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "tr" => rows += 1,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "li" => regressions += 1,
            _ => {}
        }
    }
    // Three tables: 2 clause rows, 1 requirement, 1 finding, each with a header row.
    assert_eq!((rows, regressions), (7, 4));
}

#[test]
fn github_format_appends_the_markdown_diff_to_the_step_summary() {
    let repo = history();
    let summary = repo.path().join("summary.md");
    let out = iso20k(repo.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "diff",
            "HEAD~1:answers.yaml",
            "answers.yaml",
            "-f",
            "github",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("## Assessment changes: HEAD~1:answers.yaml → answers.yaml\n"));
    assert!(text.contains("| 4.1-2 | regressed | implemented → not-implemented | 6 |"));
}

#[test]
fn text_from_the_answers_file_cannot_forge_output() {
    let repo = history();
    let hostile = V3.replace(
        "ops/runbook.pdf",
        "\"x\\n::error::forged | <script>alert(1)</script> \\u202e\"",
    );
    std::fs::write(repo.path().join("answers.yaml"), hostile).unwrap();
    for format in ["github", "markdown", "html", "table"] {
        let out = iso20k(repo.path())
            .args(["diff", "HEAD~1:answers.yaml", "answers.yaml", "-f", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        // A line break in HTML is only a space; everywhere else it could start a command.
        if format != "html" {
            assert!(!text.contains("\n::error::forged"), "{format}: {text}");
        }
        if format == "html" || format == "markdown" {
            assert!(!text.contains("<script>"), "{format}: {text}");
        }
        assert!(!text.contains('\u{202e}'), "{format}: {text}");
    }
}

/// Runs iso20k in `dir`, asserting exit 2 and `fragment` on stderr.
fn refused(dir: &std::path::Path, args: &[&str], fragment: &str) {
    let out = iso20k(dir).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "iso20k {}", args.join(" "));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(fragment), "{err}");
}
