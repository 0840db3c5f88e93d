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
