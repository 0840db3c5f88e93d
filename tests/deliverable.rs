//! The consultant's deliverable read back by real consumers: the DOCX as WordprocessingML
//! (and by python-docx where CI installs it), the XLSX by calamine, the HTML printed by
//! headless Chromium where it is installed (and always in CI).

#![allow(clippy::unwrap_used, clippy::print_stderr)] // fail loudly; say why a test is skipped

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const MSP: &str = "examples/msp-halfway.yaml";
const HOSTILE: &str = "tests/fixtures/answers/hostile.yaml";
const BRAND: &str = "examples/brand/northwind.toml";
const NARRATIVE: &str = "examples/brand/narrative.md";

fn iso20k() -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.env_remove("GITHUB_STEP_SUMMARY")
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

/// Writes the deliverable of `answers` in `format` into `dir` and returns its path.
fn report(dir: &Path, answers: &str, format: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join(format!("report.{format}"));
    iso20k()
        .args(["report", answers, "--format", format, "-o"])
        .arg(&path)
        .args(extra)
        .assert()
        .success();
    path
}

fn branded<'a>() -> Vec<&'a str> {
    vec!["--brand", BRAND, "--narrative", NARRATIVE]
}

/// Every part of a zip package, by name.
fn parts(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// What a WordprocessingML body holds, as a reader sees it.
#[derive(Debug, Default)]
struct Body {
    /// (style, text) of each paragraph outside tables.
    paragraphs: Vec<(String, String)>,
    /// Per table: whether its first row repeats, and its rows' texts.
    tables: Vec<(bool, Vec<Vec<String>>)>,
    instr: Vec<String>,
    elements: Vec<String>,
}

/// Reads document XML with quick-xml, panicking on anything not well-formed.
fn read_body(xml: &str) -> Body {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut body = Body::default();
    let (mut style, mut text) = (String::new(), String::new());
    let (mut depth, mut in_instr, mut row_header) = (0usize, false, false);
    let mut rows: Vec<Vec<String>> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                match name.as_str() {
                    "w:tbl" => {
                        depth += 1;
                        rows.clear();
                        row_header = false;
                    }
                    "w:tr" => rows.push(Vec::new()),
                    "w:tblHeader" if rows.len() == 1 => row_header = true,
                    "w:pStyle" => {
                        let v = e.try_get_attribute("w:val").unwrap().unwrap();
                        style = v.value.to_string();
                    }
                    "w:instrText" => in_instr = true,
                    "w:p" => {
                        style.clear();
                        text.clear();
                    }
                    _ => {}
                }
                body.elements.push(name);
            }
            Event::Text(t) => {
                let t = t.into_inner();
                if in_instr {
                    body.instr.push(t.to_string());
                } else {
                    text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match r.into_inner().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity {other}"),
                    },
                };
                text.push_str(&c);
            }
            Event::End(e) => match e.name().as_ref() {
                "w:instrText" => in_instr = false,
                "w:p" if depth == 0 => body.paragraphs.push((style.clone(), text.clone())),
                "w:tc" => {
                    if let Some(row) = rows.last_mut() {
                        row.push(text.clone());
                    }
                }
                "w:tbl" => {
                    depth -= 1;
                    body.tables.push((row_header, std::mem::take(&mut rows)));
                }
                _ => {}
            },
            _ => {}
        }
    }
    body
}

fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn docx_reads_back_with_styles_contents_repeating_headers_charts_and_brand() {
    let dir = tempfile::tempdir().unwrap();
    let path = report(dir.path(), MSP, "docx", &branded());
    let parts = parts(&path);
    let body = read_body(utf8(&parts["word/document.xml"]));
    let styles = utf8(&parts["word/styles.xml"]);
    for id in [
        "Title",
        "Heading1",
        "Heading2",
        "Heading3",
        "ReportTable",
        "ListBullet",
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\"")),
            "style {id}"
        );
    }
    assert!(styles.contains("<w:name w:val=\"Report Table\"/>"));
    assert!(
        styles.contains("0B5CAD"),
        "the brand's accent colours the headings"
    );
    assert!(
        body.instr.iter().any(|i| i.trim().starts_with("TOC ")),
        "a contents field"
    );
    let title: Vec<&str> = body
        .paragraphs
        .iter()
        .filter(|(s, _)| s == "Title")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(title, ["ISO/IEC 20000-1 readiness assessment"]);
    let h1: Vec<&str> = body
        .paragraphs
        .iter()
        .filter(|(s, _)| s == "Heading1")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        &h1[..3],
        [
            "Executive summary",
            "Consultant's commentary",
            "Clause scores"
        ]
    );
    assert!(h1.iter().any(|h| h.starts_with("Gap register (")));
    assert!(h1.iter().any(|h| h.starts_with("Appendix")));
    // The summary in sentences, the priorities as a table of ten with an owner and a date.
    let summary = body
        .paragraphs
        .iter()
        .find(|(_, t)| t.contains(" scores "))
        .unwrap();
    assert!(summary.1.contains("is not ready"), "{summary:?}");
    let priorities = body
        .tables
        .iter()
        .find(|(_, rows)| rows[0].get(3).is_some_and(|c| c == "Why"))
        .unwrap();
    assert_eq!(priorities.1.len(), 11, "a header and ten priorities");
    // Every data table repeats its header row; only the cover's facts table has none.
    let with_header = body.tables.iter().filter(|(h, _)| *h).count();
    assert_eq!(
        with_header,
        body.tables.len() - 1,
        "{:?}",
        body.tables.len()
    );
    assert!(
        body.tables.iter().any(|(_, rows)| rows.len() > 100),
        "the gap register"
    );
    let footer = utf8(&parts["word/footer1.xml"]);
    assert!(footer.contains(" PAGE ") && footer.contains(" NUMPAGES "));
    assert!(footer.contains("Confidential: prepared for the client"));
    let core = utf8(&parts["docProps/core.xml"]);
    assert!(core.contains("<dc:creator>Northwind Advisory</dc:creator>"));
    // Charts as pictures (SVG with a PNG fallback), and the logo.
    let media: Vec<&String> = parts
        .keys()
        .filter(|k| k.starts_with("word/media/"))
        .collect();
    assert!(media.iter().any(|m| m.ends_with("logo.png")), "{media:?}");
    let charts = media.iter().filter(|m| m.ends_with(".svg")).count();
    assert!(charts >= 3, "clause, maturity and Gantt charts: {media:?}");
    assert_eq!(
        charts,
        media
            .iter()
            .filter(|m| m.contains("chart") && m.ends_with(".png"))
            .count()
    );
    assert_eq!(
        body.elements.iter().filter(|e| *e == "w:drawing").count(),
        charts + 1
    );
}

#[test]
fn the_sections_come_in_one_order_in_docx_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let docx = read_body(utf8(
        &parts(&report(dir.path(), MSP, "docx", &branded()))["word/document.xml"],
    ));
    let docx: Vec<String> = docx
        .paragraphs
        .iter()
        .filter(|(s, _)| s == "Heading1")
        .map(|(_, t)| t.clone())
        .collect();
    let html = std::fs::read_to_string(report(dir.path(), MSP, "html", &branded())).unwrap();
    let html: Vec<String> = html
        .split("<h1>")
        .skip(3) // what precedes, the cover's title and the contents
        .map(|s| s.split("</h1>").next().unwrap().replace("&#39;", "'"))
        .collect();
    let md = std::fs::read_to_string(report(dir.path(), MSP, "markdown", &branded())).unwrap();
    let md: Vec<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|l| *l != "Contents")
        .map(|l| l.replace('\\', ""))
        .collect();
    assert_eq!(html, docx);
    assert_eq!(md, docx);
}

#[test]
fn hostile_answers_stay_words_in_docx() {
    let dir = tempfile::tempdir().unwrap();
    let path = report(dir.path(), HOSTILE, "docx", &[]);
    for (name, bytes) in parts(&path) {
        if name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".svg") {
            let text = utf8(&bytes);
            assert!(
                !text.chars().any(
                    |c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)
                ),
                "a raw control or bidi character in {name}"
            );
        }
    }
    let parts = parts(&path);
    let body = read_body(utf8(&parts["word/document.xml"]));
    for tag in ["script", "img", "iframe", "b"] {
        assert!(
            !body.elements.iter().any(|e| e == tag),
            "<{tag}> became markup"
        );
    }
    let words: String = body
        .paragraphs
        .iter()
        .map(|(_, t)| t.as_str())
        .chain(
            body.tables
                .iter()
                .flat_map(|(_, rows)| rows.iter().flatten().map(String::as_str)),
        )
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        words.contains("Evil <script>alert(1)</script> & Co"),
        "kept as text"
    );
    assert!(words.contains("<img src=x onerror=alert(1)>"));
}

/// python-docx, the common third-party DOCX reader. CI installs it and sets
/// ISO20K_PYTHON_DOCX to a Python that has it; elsewhere the test passes only outside CI.
#[test]
fn python_docx_reads_headings_tables_and_brand() {
    let Some(python) = std::env::var_os("ISO20K_PYTHON_DOCX") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set ISO20K_PYTHON_DOCX to a Python with python-docx"
        );
        eprintln!("skipped: set ISO20K_PYTHON_DOCX to a Python with python-docx installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = report(dir.path(), MSP, "docx", &branded());
    let script = r#"
import json, sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
heads = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
repeat = [t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in d.tables]
print(json.dumps({"heads": heads, "tables": len(d.tables), "repeat": repeat,
  "author": d.core_properties.author, "table_styles": sorted({t.style.name for t in d.tables}),
  "footer": d.sections[0].footer.paragraphs[0].text}))
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["author"], "Northwind Advisory");
    assert_eq!(v["table_styles"], serde_json::json!(["Report Table"]));
    assert_eq!(
        v["heads"][0],
        serde_json::json!(["Heading 1", "Executive summary"])
    );
    let repeat = v["repeat"].as_array().unwrap();
    assert_eq!(
        repeat.iter().filter(|r| **r == true).count(),
        repeat.len() - 1
    );
    assert!(
        v["footer"]
            .as_str()
            .unwrap()
            .contains("Northwind Managed Services Ltd")
    );
}

#[test]
fn a_booked_audit_and_the_owners_reach_the_summary_and_the_plan_in_docx() {
    let dir = tempfile::tempdir().unwrap();
    let path = report(dir.path(), MSP, "docx", &["--stage2-audit", "2027-04-15"]);
    let parts = parts(&path);
    let body = read_body(utf8(&parts["word/document.xml"]));
    let summary = body
        .paragraphs
        .iter()
        .find(|(_, text)| text.starts_with("On the plan in this report"))
        .map(|(_, text)| text.as_str())
        .unwrap();
    assert!(
        summary.contains(
            "The stage 2 audit booked for 2027-04-15 is not reachable, the plan is ready on 2027-05-04"
        ),
        "{summary}"
    );
    let (_, milestones) = body
        .tables
        .iter()
        .find(|(_, rows)| rows[0][0] == "Milestone")
        .unwrap();
    assert!(
        milestones
            .iter()
            .any(|r| r[0] == "Stage 2 audit (booked)"
                && r[1].starts_with("2027-04-15: NOT reachable")),
        "{milestones:?}"
    );
    let (header, owners) = body
        .tables
        .iter()
        .find(|(_, rows)| rows[0][0] == "Owner")
        .unwrap();
    assert!(header, "the owners' header row repeats on each page");
    assert_eq!(owners.len(), 17, "a header and 16 owners: {owners:?}");
    assert!(owners.iter().any(|r| r[0] == "Infrastructure Manager *"));
}

#[test]
fn narrative_markdown_the_report_cannot_lay_out_is_named_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let narrative = dir.path().join("n.md");
    std::fs::write(
        &narrative,
        "# View\n\n1. first\n2. second\n\n| a | b |\n|---|---|\n\nWords.\n",
    )
    .unwrap();
    let out = iso20k()
        .args(["report", MSP, "-o"])
        .arg(dir.path().join("r.md"))
        .arg("--narrative")
        .arg(&narrative)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: a numbered list is not laid out as a list"),
        "{stderr}"
    );
    assert!(stderr.contains("n.md:3:1"), "{stderr}");
    assert!(
        stderr.contains("warning: a table is not laid out as a table"),
        "{stderr}"
    );
    assert!(stderr.contains("n.md:6:1"), "{stderr}");
    assert_eq!(
        stderr.matches("warning:").count(),
        2,
        "one per run of lines: {stderr}"
    );
}
