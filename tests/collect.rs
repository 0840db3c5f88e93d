#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! Collecting answers: the questionnaire workbook goes out (`init -o q.xlsx`), comes back
//! filled in and is imported; the merge into an existing file; every kind of bad cell.
//! Workbooks are filled in the way another program saves them: read with calamine and
//! written anew with the client's answers in their cells.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader};
use predicates::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn iso20k(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

/// What a client types into a cell.
#[derive(Clone)]
enum Fill {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
}

type Cells = BTreeMap<(u32, u16), Data>;

/// Every sheet of a workbook, in order, as cells by row and column.
fn read_sheets(path: &Path) -> Vec<(String, Cells)> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut cells = Cells::new();
            for (r, row) in range.rows().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    if *value != Data::Empty {
                        let key = (top + r as u32, (left as usize + c) as u16);
                        cells.insert(key, value.clone());
                    }
                }
            }
            (name, cells)
        })
        .collect()
}

fn answers_sheet(sheets: &mut [(String, Cells)]) -> &mut Cells {
    &mut sheets.iter_mut().find(|(n, _)| n == "Answers").unwrap().1
}

/// The 0-based row whose ID cell is `id`.
fn row_of(cells: &Cells, id: &str) -> u32 {
    cells
        .iter()
        .find(|((_, c), v)| *c == 0 && v.to_string() == id)
        .map(|((r, _), _)| *r)
        .unwrap_or_else(|| panic!("no row for {id}"))
}

/// The column whose header starts with `header`.
fn col_of(cells: &Cells, header: &str) -> u16 {
    cells
        .iter()
        .find(|((r, _), v)| *r == 0 && v.to_string().starts_with(header))
        .map(|((_, c), _)| *c)
        .unwrap_or_else(|| panic!("no column {header}"))
}

/// Fills in `answers` (id, column header, value) on the Answers sheet.
fn fill(sheets: &mut [(String, Cells)], answers: &[(&str, &str, Fill)]) {
    let cells = answers_sheet(sheets);
    for (id, header, value) in answers {
        let key = (row_of(cells, id), col_of(cells, header));
        let data = match value {
            Fill::Text(t) => Data::String((*t).to_string()),
            Fill::Number(n) => Data::Float(*n),
            Fill::Date(y, m, d) => {
                let serial = ExcelDateTime::from_ymd(*y, *m, *d).unwrap().to_excel();
                Data::DateTime(calamine::ExcelDateTime::new(
                    serial,
                    calamine::ExcelDateTimeType::DateTime,
                    false,
                ))
            }
        };
        cells.insert(key, data);
    }
}

/// Saves `sheets` as a new workbook, as another spreadsheet program would.
fn save(sheets: &[(String, Cells)], path: &Path) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, cells) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (&(r, c), value) in cells {
            match value {
                Data::String(s) => {
                    ws.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r, c, *f).unwrap();
                }
                Data::Int(i) => {
                    ws.write_number(r, c, *i as f64).unwrap();
                }
                Data::DateTime(dt) => {
                    ws.write_number_with_format(r, c, dt.as_f64(), &date)
                        .unwrap();
                }
                other => panic!("unexpected cell {other:?}"),
            }
        }
    }
    wb.save(path).unwrap();
}

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

fn init_workbook(dir: &Path, name: &str) {
    iso20k(dir)
        .args([
            "init",
            "-o",
            name,
            "--organization",
            "Acme Managed Services Ltd",
        ])
        .args(["--as-of", "2026-11-20"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("wrote {name}")));
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
fn every_bad_cell_is_reported_by_sheet_and_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    init_workbook(dir.path(), "q.xlsx");
    let mut sheets = read_sheets(&dir.path().join("q.xlsx"));
    fill(
        &mut sheets,
        &[
            ("4.1-1", "Status", Fill::Text("implmented")),
            ("4.1-2", "Maturity", Fill::Number(7.0)),
            ("8.6.1-1", "Status", Fill::Text("partial")),
            ("8.6.1-1", "Evidence reviewed", Fill::Text("last spring")),
            ("8.6.1-2", "Status", Fill::Text("partial")),
        ],
    );
    let cells = answers_sheet(&mut sheets);
    let typo_row = row_of(cells, "4.2-1");
    cells.insert((typo_row, 0), Data::String("4.2-9".into()));
    let dup_from = row_of(cells, "8.6.1-2");
    let last = cells.keys().map(|(r, _)| *r).max().unwrap();
    let copied: Vec<((u32, u16), Data)> = cells
        .iter()
        .filter(|((r, _), _)| *r == dup_from)
        .map(|((_, c), v)| ((last + 1, *c), v.clone()))
        .collect();
    cells.extend(copied);
    let r = |id: &str| row_of(cells, id) + 1;
    let expected = [
        format!("Answers!E{}: `implmented` is not a status", r("4.1-1")),
        "help: did you mean `implemented`?".to_string(),
        format!("Answers!F{}: maturity 7 is outside 0-5", r("4.1-2")),
        format!(
            "Answers!I{}: expected the evidence's review date as a date, found text `last spring`",
            r("8.6.1-1")
        ),
        format!(
            "Answers!A{}: unknown clause or requirement `4.2-9`",
            typo_row + 1
        ),
        format!(
            "Answers!A{}: `8.6.1-2` has a second row; its first is row {}",
            last + 2,
            dup_from + 1
        ),
    ];
    save(&sheets, &dir.path().join("bad.xlsx"));
    let out = iso20k(dir.path())
        .args(["import", "bad.xlsx", "-o", "answers.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for text in &expected {
        assert!(
            stderr.contains(text.as_str()),
            "missing `{text}` in:\n{stderr}"
        );
    }
    assert!(stderr.contains("error: 5 errors in bad.xlsx"), "{stderr}");
    assert!(!dir.path().join("answers.yaml").exists());
}

#[test]
fn a_csv_export_imports_and_its_bad_cells_are_named_too() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "ID,Requirement,Status,Owner,Evidence (one per line)\n4.1-1,x,implemented,COO,\"a.docx\nb.docx\"\n4.1-2,y,partal,,\n";
    std::fs::write(dir.path().join("q.csv"), csv).unwrap();
    iso20k(dir.path())
        .args(["import", "q.csv", "-o", "a.yaml", "--organization", "Acme"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("C3: `partal` is not a status"))
        .stderr(predicate::str::contains("did you mean `partial`"));
    std::fs::write(dir.path().join("q.csv"), csv.replace("partal", "partial")).unwrap();
    iso20k(dir.path())
        .args(["import", "q.csv", "-o", "a.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not name the organization"))
        .stderr(predicate::str::contains("--organization NAME"));
    iso20k(dir.path())
        .args(["import", "q.csv", "-o", "a.yaml", "--organization", "Acme"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("a.yaml")).unwrap();
    assert!(text.contains(r#"evidence: ["a.docx", "b.docx"]"#), "{text}");
    iso20k(dir.path())
        .args(["validate", "a.yaml"])
        .assert()
        .success();
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

/// The XML of one part of an XLSX file.
fn part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_guides_the_client_with_dropdowns_checks_locks_and_print_setup() {
    let dir = tempfile::tempdir().unwrap();
    init_workbook(dir.path(), "q.xlsx");
    let path = dir.path().join("q.xlsx");
    let sheets = read_sheets(&path);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Instructions", "Assessment", "Answers"]);
    let instructions: Vec<String> = sheets[0].1.values().map(|v| v.to_string()).collect();
    for word in iso20k::collect::status_words() {
        assert!(
            instructions
                .iter()
                .any(|l| l.starts_with(&format!("  {word}: "))),
            "the instructions do not explain `{word}`"
        );
    }
    let answers = &sheets[2].1;
    let ids: Vec<String> = answers
        .iter()
        .filter(|((r, c), _)| *r > 0 && *c == 0)
        .map(|(_, v)| v.to_string())
        .collect();
    // one row per clause (77) and per requirement, in catalogue order
    assert_eq!(ids[0], "4");
    assert_eq!(ids[1], "4.1");
    assert_eq!(ids[2], "4.1-1");
    let catalogue = iso20k::catalogue::Catalogue::embedded().unwrap();
    assert_eq!(
        ids.len(),
        catalogue.clauses.len() + catalogue.requirements.len()
    );
    let text_col = col_of(&sheets[2].1.clone(), "Requirement");
    assert_eq!(
        answers[&(row_of(answers, "4.1-1"), text_col)].to_string(),
        catalogue.requirement("4.1-1").unwrap().text
    );

    let sheet = part(&path, "xl/worksheets/sheet3.xml");
    let statuses = iso20k::collect::status_words().join(",");
    assert!(
        sheet.contains(&format!("<formula1>\"{statuses}\"</formula1>")),
        "no status dropdown in {sheet:.2000}"
    );
    assert!(sheet.contains("<formula1>\"0,1,2,3,4,5\"</formula1>"));
    assert_eq!(
        sheet.matches("type=\"date\"").count(),
        3,
        "three date checks"
    );
    assert!(
        sheet.contains("<sheetProtection"),
        "locked columns need protection"
    );
    assert!(
        sheet.contains("xSplit=\"1\" ySplit=\"1\""),
        "frozen header and ids"
    );
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("fitToHeight=\"0\""), "prints one page wide");
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header row on every page"
    );
    let styles = part(&path, "xl/styles.xml");
    assert!(
        styles.contains("locked=\"0\""),
        "the cells to fill are unlocked"
    );
    assert!(styles.contains("wrapText=\"1\""));

    iso20k(dir.path())
        .args(["init", "-o", "clauses.xlsx", "--level", "clause"])
        .assert()
        .success();
    let sheets = read_sheets(&dir.path().join("clauses.xlsx"));
    let rows = sheets[2]
        .1
        .keys()
        .filter(|(r, c)| *r > 0 && *c == 0)
        .count();
    assert_eq!(rows, catalogue.clauses.len());
}

#[test]
fn the_interview_refuses_to_start_without_a_terminal_and_points_to_import() {
    let dir = tempfile::tempdir().unwrap();
    iso20k(dir.path())
        .args(["interview", "answers.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("this is not one"))
        .stderr(predicate::str::contains(
            "iso20k import questions.xlsx -o answers.yaml",
        ));
    assert!(!dir.path().join("answers.yaml").exists());
}
