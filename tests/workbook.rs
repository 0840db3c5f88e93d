//! The deliverable's workbook read back by calamine (and its package by zip), and the
//! brand and narrative files' errors.

#![allow(clippy::unwrap_used)] // a test that cannot read its output should fail loudly

use std::io::Read;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};

const MSP: &str = "examples/msp-halfway.yaml";
const BRAND: &str = "examples/brand/northwind.toml";
const NARRATIVE: &str = "examples/brand/narrative.md";

fn iso20k() -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.env_remove("GITHUB_STEP_SUMMARY")
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

fn column(range: &calamine::Range<Data>, title: &str) -> usize {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|c| *c == title)
        .unwrap_or_else(|| panic!("no column {title}"))
}

#[test]
fn xlsx_has_real_dates_and_numbers_a_full_register_a_chart_and_print_setup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    iso20k()
        .args([
            "report",
            MSP,
            "--format",
            "xlsx",
            "--brand",
            BRAND,
            "--narrative",
            NARRATIVE,
        ])
        .arg("-o")
        .arg(&path)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(
        &iso20k()
            .args(["assess", MSP, "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Commentary",
            "Clauses",
            "Register",
            "Gaps",
            "Findings",
            "Plan",
            "Evidence"
        ]
    );

    // The register: every requirement, met ones too, with typed cells.
    let register = wb.worksheet_range("Register").unwrap();
    let requirements = json["requirements"].as_array().unwrap();
    assert_eq!(register.height() - 1, requirements.len());
    let met = column(&register, "Met");
    let met_rows = register.rows().skip(1).filter(|r| r[met] == "yes").count();
    assert!(met_rows > 50, "met requirements are listed: {met_rows}");
    let reviewed = column(&register, "Reviewed");
    let dates = register
        .rows()
        .skip(1)
        .filter(|r| matches!(r[reviewed], Data::DateTime(_)))
        .count();
    assert!(dates > 50, "review dates are date cells: {dates}");
    assert!(
        register
            .rows()
            .skip(1)
            .all(|r| matches!(r[reviewed], Data::DateTime(_) | Data::Empty)),
        "no review date is text"
    );
    let score = column(&register, "Score");
    assert!(register.rows().skip(1).all(|r| match r[score] {
        Data::Float(f) => (0.0..=1.0).contains(&f),
        Data::Empty => true,
        _ => false,
    }));
    let stale = column(&register, "Stale");
    assert!(register.rows().skip(1).any(|r| r[stale] == "yes"));

    // The summary: dates and the score as numbers, the brand named.
    let summary = wb.worksheet_range("Summary").unwrap();
    let value = |label: &str| {
        summary
            .rows()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no {label}"))[1]
            .clone()
    };
    assert!(matches!(value("As of"), Data::DateTime(_)));
    assert!(matches!(value("Stage 1 ready"), Data::DateTime(_)));
    assert!(matches!(value("Stage 2 ready"), Data::DateTime(_)));
    let Data::Float(s) = value("Score") else {
        panic!("score is not a number");
    };
    let expected = json["summary"]["score"].as_f64().unwrap();
    assert!((s * 100.0 - expected).abs() < 1e-9, "{s} vs {expected}");
    assert_eq!(value("Prepared by").to_string(), "Northwind Advisory");
    let commentary = wb.worksheet_range("Commentary").unwrap();
    assert_eq!(
        commentary.get_value((0, 0)).unwrap().to_string(),
        "Our view"
    );

    // The package: a native chart, tables with filters, none on the summary, print setup.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    assert!(read("xl/charts/chart1.xml").contains("<c:barChart>"));
    let summary_xml = read("xl/worksheets/sheet1.xml");
    assert!(!summary_xml.contains("autoFilter") && !summary_xml.contains("tablePart"));
    let register_xml = read("xl/worksheets/sheet4.xml");
    assert!(register_xml.contains("<tableParts count=\"1\">"));
    assert!(register_xml.contains("orientation=\"landscape\""));
    assert!(register_xml.contains("fitToHeight=\"0\""));
    assert!(read("xl/workbook.xml").contains("_xlnm.Print_Titles"));
}

#[test]
fn a_bad_brand_and_a_missing_narrative_are_reported_together_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let assert = iso20k()
        .args(["report", MSP, "--format", "html"])
        .args([
            "--brand",
            "tests/fixtures/brand/bad.toml",
            "--narrative",
            "no-such.md",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for expected in [
        "logo file `no-such-logo.png` cannot be read",
        "tests/fixtures/brand/bad.toml:2:8",
        "`ocean blue` is not a colour",
        "tests/fixtures/brand/bad.toml:3:10",
        "accent = \"#0B5CAD\"",
        "unknown key `colour` in the brand file",
        "tests/fixtures/brand/bad.toml:4:1",
        "no-such.md",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn brand_problems_come_with_the_answers_problems_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.docx");
    let assert = iso20k()
        .args([
            "report",
            "tests/fixtures/answers/typos.yaml",
            "--format",
            "docx",
        ])
        .args(["--brand", "tests/fixtures/brand/bad.toml", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("invalid status `implemnted`"), "{stderr}");
    assert!(stderr.contains("`ocean blue` is not a colour"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

/// A date cell as a date (Excel's serial days from 1899-12-30).
fn date_of(cell: &Data) -> chrono::NaiveDate {
    let Data::DateTime(dt) = cell else {
        panic!("not a date cell: {cell:?}");
    };
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    epoch + chrono::Days::new(dt.as_f64() as u64)
}

fn json_date(v: &serde_json::Value) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap()
}

fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::Empty => None,
        other => panic!("not a number: {other:?}"),
    }
}

/// The plan workbook shows what `plan --format json` (and the table) shows: every owner with
/// capacity, load and finish, every booked audit with the capacity that would reach it, the
/// milestones, the critical path and the targets, as typed cells.
#[test]
fn the_plan_workbook_reads_back_as_the_plans_json() {
    let dir = tempfile::tempdir().unwrap();
    for booked in [
        // stage 1 reachable; stage 2 reachable only with more capacity
        ["2027-12-01", "2027-09-30"],
        // stage 2 out of reach of any capacity
        ["2027-06-30", "2027-01-05"],
    ] {
        let args = [
            "plan",
            MSP,
            "--capacity",
            "1",
            "--team",
            "tests/fixtures/plan/team.toml",
            "--stage1-audit",
            booked[0],
            "--stage2-audit",
            booked[1],
        ];
        let path = dir.path().join("plan.xlsx");
        iso20k()
            .args(args)
            .args(["--format", "xlsx", "-o"])
            .arg(&path)
            .assert()
            .success();
        let json: serde_json::Value = serde_json::from_slice(
            &iso20k()
                .args(args)
                .args(["--format", "json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(
            wb.sheet_names(),
            [
                "Summary",
                "Milestones",
                "Audits",
                "Owners",
                "Plan",
                "Tasks",
                "Critical path",
                "Targets"
            ]
        );

        // Owners: in the plan's order (the last to finish first), every figure the same.
        let owners = wb.worksheet_range("Owners").unwrap();
        let expected = json["owners"].as_array().unwrap();
        assert_eq!(owners.height() - 1, expected.len());
        let col = |name: &str| column(&owners, name);
        for (row, o) in owners.rows().skip(1).zip(expected) {
            assert_eq!(row[col("Owner")], o["owner"].as_str().unwrap());
            assert_eq!(number(&row[col("Per week")]), o["capacity"].as_f64());
            assert_eq!(number(&row[col("Load")]), o["effort_days"].as_f64());
            assert_eq!(number(&row[col("Tasks")]), o["tasks"].as_f64());
            assert_eq!(date_of(&row[col("First day")]), json_date(&o["first"]));
            assert_eq!(date_of(&row[col("Last day")]), json_date(&o["last"]));
            let critical = row[col("Critical")] == "yes";
            assert_eq!(critical, o["critical"].as_bool().unwrap());
        }

        // Audits: a row per owner the search raises, or one for an audit that raises none.
        let audits = wb.worksheet_range("Audits").unwrap();
        let col = |name: &str| column(&audits, name);
        let rows: Vec<&[Data]> = audits.rows().skip(1).collect();
        let mut at = 0;
        for a in json["audits"].as_array().unwrap() {
            let needs = a["owners"].as_array().unwrap();
            let span = needs.len().max(1);
            for (i, row) in rows[at..at + span].iter().enumerate() {
                assert_eq!(row[col("Stage")], a["stage"].as_str().unwrap());
                assert_eq!(date_of(&row[col("Booked")]), json_date(&a["date"]));
                assert_eq!(date_of(&row[col("Ready")]), json_date(&a["ready"]));
                let reachable = a["reachable"].as_bool().unwrap();
                assert_eq!(row[col("Reachable")], if reachable { "yes" } else { "no" });
                assert_eq!(
                    number(&row[col("Capacity factor")]),
                    a["capacity_factor_needed"].as_f64()
                );
                assert_eq!(
                    row[col("Critical owners alone")] == "yes",
                    a["critical_owners_alone"].as_bool().unwrap()
                );
                match a["earliest"].as_str() {
                    Some(_) => {
                        assert_eq!(date_of(&row[col("Earliest")]), json_date(&a["earliest"]))
                    }
                    None => assert_eq!(row[col("Earliest")], Data::Empty),
                }
                match needs.get(i) {
                    Some(n) => {
                        assert_eq!(row[col("Owner")], n["owner"].as_str().unwrap());
                        assert_eq!(number(&row[col("Per week")]), n["capacity"].as_f64());
                        assert_eq!(number(&row[col("Needed")]), n["needed"].as_f64());
                    }
                    None => assert_eq!(row[col("Owner")], Data::Empty),
                }
            }
            at += span;
        }
        assert_eq!(at, rows.len(), "no audit row beyond the plan's audits");
        let stages: Vec<&str> = json["audits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["stage"].as_str().unwrap())
            .collect();
        assert_eq!(stages, ["stage-1", "stage-2"]);

        // Milestones: the plan's dates as date cells.
        let milestones = wb.worksheet_range("Milestones").unwrap();
        let on = |label: &str| {
            date_of(
                &milestones
                    .rows()
                    .find(|r| r[0] == label)
                    .unwrap_or_else(|| panic!("no {label}"))[1],
            )
        };
        let m = &json["milestones"];
        assert_eq!(on("Stage 1 ready"), json_date(&m["stage_1_ready"]));
        assert_eq!(on("Stage 2 ready"), json_date(&m["stage_2_ready"]));
        assert_eq!(on("Operating period from"), json_date(&m["operating_from"]));
        assert_eq!(
            on("Operating period until"),
            json_date(&m["operating_until"])
        );
        assert_eq!(on("Stage 2 audit"), json_date(&json["audits"][1]["date"]));

        // The critical path, first to last, and the targets met or missed.
        let path_sheet = wb.worksheet_range("Critical path").unwrap();
        let ids: Vec<String> = path_sheet
            .rows()
            .skip(1)
            .map(|r| r[column(&path_sheet, "Requirement")].to_string())
            .collect();
        let expected: Vec<&str> = json["critical_path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(ids, expected);
        let targets = wb.worksheet_range("Targets").unwrap();
        let expected = json["targets"].as_array().unwrap();
        assert_eq!(targets.height() - 1, expected.len());
        for (row, t) in targets.rows().skip(1).zip(expected) {
            assert_eq!(row[0], t["requirement"].as_str().unwrap());
            assert_eq!(date_of(&row[1]), json_date(&t["target"]));
            assert_eq!(date_of(&row[2]), json_date(&t["date"]));
            assert_eq!(row[3] == "yes", t["met"].as_bool().unwrap());
        }

        // Tasks: one row per task, with the same total effort.
        let tasks = wb.worksheet_range("Tasks").unwrap();
        assert_eq!(tasks.height() - 1, json["tasks"].as_array().unwrap().len());
    }
}

/// The sheets the assess and report workbooks share are written by one function: the same
/// columns, with dates as date cells, whichever command writes them.
#[test]
fn a_sheet_has_the_same_columns_in_every_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let write = |command: &str| {
        let path = dir.path().join(format!("{command}.xlsx"));
        iso20k()
            .args([command, MSP, "--format", "xlsx", "-o"])
            .arg(&path)
            .assert()
            .success();
        let wb: Xlsx<_> = open_workbook(&path).unwrap();
        wb
    };
    let mut assess = write("assess");
    let mut report = write("report");
    let mut plan = write("plan");
    for sheet in ["Clauses", "Register", "Gaps", "Findings", "Evidence"] {
        let a = assess.worksheet_range(sheet).unwrap();
        let r = report.worksheet_range(sheet).unwrap();
        assert_eq!(a, r, "sheet {sheet} differs between assess and report");
    }
    let a = plan.worksheet_range("Plan").unwrap();
    let r = report.worksheet_range("Plan").unwrap();
    assert_eq!(a, r, "the plan's packages differ between plan and report");
    let gaps = assess.worksheet_range("Gaps").unwrap();
    let target = column(&gaps, "Target");
    assert!(
        gaps.rows()
            .skip(1)
            .all(|r| matches!(r[target], Data::DateTime(_) | Data::Empty))
    );
    let summary = assess.worksheet_range("Summary").unwrap();
    let score = summary.rows().find(|r| r[0] == "Score").unwrap();
    assert!(matches!(score[1], Data::Float(_)), "the score is a number");
}

/// Valid answers that a workbook cannot hold as they are still give one: evidence and a note
/// past Excel's cell limit (counted in UTF-16 units, so emoji count twice) are cut with a
/// marker and a warning, and a review date before 1900, which Excel has no date for, is
/// written as text.
#[test]
fn text_past_the_cell_limit_and_dates_before_1900_still_make_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    // 900 items (an answer takes at most 1,000) of about 50 characters: 45,000 in all
    let evidence: Vec<String> = (0..900)
        .map(|i| format!("\"SMS/records/service-desk/evidence-item-{i:05}-signed.pdf\""))
        .collect();
    let answers = dir.path().join("edge.yaml");
    std::fs::write(
        &answers,
        format!(
            "assessment:\n  organization: Edge Ltd\n  date: 2026-11-20\nanswers:\n  \"4.1-1\":\n    status: implemented\n    evidence: [{}]\n    reviewed: 1850-01-01\n  \"4.1-2\":\n    status: partial\n    notes: \"{}\"\n",
            evidence.join(", "),
            "😀".repeat(20_000)
        ),
    )
    .unwrap();
    let path = dir.path().join("edge.xlsx");
    let out = iso20k()
        .arg("assess")
        .arg(&answers)
        .args(["--format", "xlsx", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 answers have text longer than a spreadsheet cell holds"),
        "{stderr}"
    );
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let register = wb.worksheet_range("Register").unwrap();
    let row = |id: &str| {
        register
            .rows()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("no {id}"))
            .to_vec()
    };
    let first = row("4.1-1");
    let cut = "[... cut: the rest is in the answers file]";
    assert!(
        first[column(&register, "Evidence")]
            .to_string()
            .ends_with(cut)
    );
    assert_eq!(first[column(&register, "Reviewed")], "1850-01-01");
    let note = row("4.1-2")[column(&register, "Notes")].to_string();
    assert!(note.ends_with(cut));
    assert!(note.encode_utf16().count() <= 32_767);
}
