#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly
//! The questionnaire workbook as a client meets it (instructions, dropdowns, date checks,
//! locked columns, print set-up) and every kind of bad cell it can come back with.

use calamine::Data;
use predicates::prelude::*;

#[allow(dead_code)]
#[path = "support/sheets.rs"]
mod sheets;

use sheets::{
    Fill, answers_sheet, col_of, fill, init_workbook, iso20k, part, read_sheets, row_of, save,
};

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
    // the same inputs give the same bytes: the workbook's dates come from --as-of
    init_workbook(dir.path(), "again.xlsx");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(dir.path().join("again.xlsx")).unwrap()
    );
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
        .stdout("")
        .stderr(predicate::str::contains("this is not one"))
        .stderr(predicate::str::contains(
            "iso20k import questions.xlsx -o answers.yaml",
        ));
    assert!(!dir.path().join("answers.yaml").exists());
}

#[test]
fn cell_text_reaches_messages_without_control_characters_and_a_half_waiver_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "ID,Status,Waiver reason\n\"4.1-1\u{1b}]0;owned\u{7}\",implemented,\n4.1-2,partial,Accepted for now\n";
    std::fs::write(dir.path().join("q.csv"), csv).unwrap();
    let out = iso20k(dir.path())
        .args(["import", "q.csv", "-o", "a.yaml", "--organization", "Acme"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("A2: unknown clause or requirement `4.1-1]0;owned`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the `Waiver expires` column: the waiver has no expiry date"),
        "{stderr}"
    );
    assert!(!dir.path().join("a.yaml").exists());
}

/// The status lists of the Answers sheet: each `dataValidation` range's first and last row
/// (1-based) with its list, as quick-xml reads them.
fn status_lists(sheet: &str, column: char) -> Vec<(u32, u32, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(sheet);
    let (mut out, mut range, mut in_formula) = (Vec::new(), None, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "dataValidation" => {
                let sqref = e.try_get_attribute("sqref").unwrap().unwrap();
                let sqref = sqref.value.to_string();
                let rows: Vec<u32> = sqref
                    .split(':')
                    .filter(|cell| cell.starts_with(column))
                    .map(|cell| cell[1..].parse().unwrap())
                    .collect();
                range = match rows[..] {
                    [one] => Some((one, one)),
                    [a, b] => Some((a, b)),
                    _ => None,
                };
            }
            Event::Start(e) if e.name().as_ref() == "formula1" => in_formula = true,
            Event::Text(t) if in_formula => {
                if let Some((a, b)) = range {
                    out.push((a, b, t.into_inner().to_string()));
                }
            }
            Event::End(e) if e.name().as_ref() == "formula1" => in_formula = false,
            Event::End(e) if e.name().as_ref() == "dataValidation" => range = None,
            _ => {}
        }
    }
    out
}

#[test]
fn not_triggered_is_offered_and_taken_only_where_a_requirement_waits_on_an_event() {
    let dir = tempfile::tempdir().unwrap();
    init_workbook(dir.path(), "q.xlsx");
    let path = dir.path().join("q.xlsx");
    let mut sheets = read_sheets(&path);
    let cells = answers_sheet(&mut sheets);
    let (event, none) = (row_of(cells, "8.6.1-4") + 1, row_of(cells, "8.6.1-3") + 1);
    let lists = status_lists(&part(&path, "xl/worksheets/sheet3.xml"), 'E');
    let list_of = |row: u32| {
        lists
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&row))
            .map(|(_, _, list)| list.clone())
            .unwrap_or_else(|| panic!("row {row} has no status list: {lists:?}"))
    };
    assert!(
        list_of(event).contains("not-triggered"),
        "{}",
        list_of(event)
    );
    assert!(
        !list_of(none).contains("not-triggered"),
        "{}",
        list_of(none)
    );
    assert!(list_of(none).contains("not-implemented"));
    let text_col = col_of(cells, "Requirement");
    assert!(
        cells[&(event - 1, text_col)]
            .to_string()
            .contains("(When: a major incident;"),
        "{}",
        cells[&(event - 1, text_col)]
    );
    // a cell typed over the list is named at its cell, not at a line of the file to write
    fill(
        &mut sheets,
        &[
            ("8.6.1-3", "Status", Fill::Text("not-triggered")),
            ("8.6.1-4", "Status", Fill::Text("not-triggered")),
        ],
    );
    save(&sheets, &dir.path().join("back.xlsx"));
    let out = iso20k(dir.path())
        .args(["import", "back.xlsx", "-o", "answers.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "Answers!E{none}: `8.6.1-3` is `not-triggered`, but it waits on no event"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("error: 1 error in back.xlsx"), "{stderr}");
    assert!(!stderr.contains("answers.yaml:"), "{stderr}");
}
