//! HTML and Markdown are two layouts of one document: for `assess`, `plan` and `report` the
//! HTML page (read by quick-xml) and the Markdown (read by pulldown-cmark) carry the same
//! headings in the same order, and the Markdown's row limit reads as a code span.

#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly

use assert_cmd::Command;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use quick_xml::XmlVersion;
use quick_xml::events::Event as Xml;

const MSP: &str = "examples/msp-halfway.yaml";

fn stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("iso20k")
        .unwrap()
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The page's headings as (level, text), the cover's title first.
fn html_headings(page: &str) -> Vec<(u8, String)> {
    let body = page.trim_start_matches("<!DOCTYPE html>");
    let mut reader = quick_xml::Reader::from_str(body);
    reader.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut open: Option<(u8, String)> = None;
    loop {
        match reader.read_event().unwrap() {
            Xml::Eof => break,
            Xml::Start(e) => {
                if let [b'h', d @ b'1'..=b'6'] = e.name().as_ref().as_bytes() {
                    open = Some((d - b'0', String::new()));
                }
            }
            Xml::Text(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(&t.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Xml::GeneralRef(r) => {
                if let Some((_, text)) = &mut open {
                    let name = r.xml_content(XmlVersion::Implicit1_0);
                    let reference = format!("&{name};");
                    text.push_str(&quick_xml::escape::unescape(&reference).unwrap());
                }
            }
            Xml::End(e) => {
                if matches!(e.name().as_ref().as_bytes(), [b'h', b'1'..=b'6']) {
                    out.extend(open.take());
                }
            }
            _ => {}
        }
    }
    out
}

/// The Markdown's headings as (level, text), the title first.
fn markdown_headings(md: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut open: Option<(u8, String)> = None;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                open = Some((level, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

/// The document of `command` in `format`; `report` writes only to a file.
fn document(command: &str, format: &str) -> String {
    if command != "report" {
        return stdout(&[command, MSP, "--format", format]);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report");
    let path = path.to_str().unwrap();
    stdout(&[command, MSP, "--format", format, "-o", path]);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn html_and_markdown_carry_the_same_sections_in_the_same_order() {
    for command in ["assess", "plan", "report"] {
        let html = html_headings(&document(command, "html"));
        let md = markdown_headings(&document(command, "markdown"));
        // The cover's title is the page's one level 1 heading in Markdown, where every part
        // sits one level below it.
        let (title, parts) = md.split_first().unwrap();
        assert_eq!(title.0, 1);
        assert!(
            title.1.starts_with(&html[0].1),
            "{command}: {title:?} vs {:?}",
            html[0]
        );
        let html_parts: Vec<(u8, String)> = html[1..]
            .iter()
            .map(|(level, text)| (level + 1, text.clone()))
            .collect();
        assert_eq!(parts, html_parts.as_slice(), "{command}");
        assert!(parts.len() >= 3, "{command}: {parts:?}");
    }
}

#[test]
fn the_assessment_markdown_counts_the_rows_it_leaves_out_in_a_code_span() {
    let md = stdout(&["assess", MSP, "--format", "markdown", "--limit", "3"]);
    let mut codes = Vec::new();
    let mut rows = 0;
    let mut in_table = false;
    for event in Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Code(c) => codes.push(c.to_string()),
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::TableRow) if in_table => rows += 1,
            _ => {}
        }
    }
    // the gap register, the findings and the longer id lists of the appendix each say how
    // many they left out
    assert!(codes.len() >= 3, "{md}");
    assert!(codes.iter().all(|c| c == "--limit 0"), "{codes:?}");
    assert!(md.contains("## Gap register ("), "{md}");
    assert!(rows > 0);
}

#[test]
fn the_catalogue_lists_as_the_same_document_in_html_and_markdown() {
    let list = |format: &str| stdout(&["catalogue", "list", "--format", format]);
    let html = html_headings(&list("html"));
    let md = markdown_headings(&list("markdown"));
    let parts: Vec<&str> = md[1..].iter().map(|(_, t)| t.as_str()).collect();
    let html_parts: Vec<&str> = html[1..].iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(parts, html_parts);
    assert_eq!(
        parts,
        [
            "4 Context of the organization",
            "5 Leadership",
            "6 Planning",
            "7 Support of the service management system",
            "8 Operation of the service management system",
            "9 Performance evaluation",
            "10 Improvement",
        ]
    );
    // one table row per requirement, each id in its first cell, as the JSON lists them
    let json: serde_json::Value = serde_json::from_str(&list("json")).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut first_cells = Vec::new();
    let (mut in_body, mut cell) = (false, None::<String>);
    for event in Parser::new_ext(&list("markdown"), pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow) => in_body = true,
            Event::End(TagEnd::TableRow) => in_body = false,
            Event::Start(Tag::TableCell) if in_body && cell.is_none() => cell = Some(String::new()),
            Event::Text(t) => {
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => first_cells.extend(cell.take()),
            _ => {}
        }
        if !in_body {
            cell = None;
        }
    }
    let rows: Vec<&str> = first_cells
        .iter()
        .map(String::as_str)
        .filter(|c| ids.contains(c))
        .collect();
    assert_eq!(rows, ids);
}
