//! The plan's exports through the real binary, each read back by a parser other than the one
//! that wrote it: iCalendar (the `ical` crate), CSV (the `csv` reader), Markdown
//! (`pulldown-cmark`, for the Mermaid block).
#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly

use chrono::NaiveDate;

#[path = "support/plan_cli.rs"]
mod plan_cli;
use plan_cli::*;

#[test]
fn ics_reads_back_as_an_event_per_package_and_milestone() {
    let args = ["plan", MSP, "--stage2-audit", "2027-04-15"];
    let plan = json(&args);
    let mut ics_args = args.to_vec();
    ics_args.extend(["--format", "ics"]);
    let text = ok(&ics_args);
    assert!(text.contains("\r\n"), "RFC 5545 wants CRLF");
    assert_eq!(text, ok(&ics_args), "the same inputs give the same bytes");
    let reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendars: Vec<_> = reader.collect::<Result<_, _>>().unwrap();
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    let packages = plan["packages"].as_array().unwrap();
    // packages, two milestones, one booked audit
    assert_eq!(events.len(), packages.len() + 3);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let mut uids: Vec<String> = events.iter().map(|e| prop(e, "UID")).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "unique UIDs");
    for p in packages {
        let id = p["id"].as_str().unwrap();
        let event = events
            .iter()
            .find(|e| prop(e, "SUMMARY").starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no event for {id}"));
        let start = date(&p["start"]).format("%Y%m%d").to_string();
        let after = (date(&p["end"]) + chrono::Days::new(1))
            .format("%Y%m%d")
            .to_string();
        assert_eq!(prop(event, "DTSTART"), start);
        assert_eq!(
            prop(event, "DTEND"),
            after,
            "all-day events end the day after"
        );
        let description = prop(event, "DESCRIPTION");
        for owner in p["owners"].as_array().unwrap() {
            assert!(
                description.contains(owner.as_str().unwrap()),
                "{description}"
            );
        }
        for r in p["requirements"].as_array().unwrap() {
            assert!(description.contains(r.as_str().unwrap()), "{description}");
        }
    }
    let stage2 = events
        .iter()
        .find(|e| prop(e, "SUMMARY") == "Stage 2 ready")
        .unwrap();
    assert_eq!(
        prop(stage2, "DTSTART"),
        date(&plan["milestones"]["stage_2_ready"])
            .format("%Y%m%d")
            .to_string()
    );
    assert!(
        events
            .iter()
            .any(|e| prop(e, "SUMMARY") == "Stage 2 audit (booked)")
    );
}

#[test]
fn csv_has_issue_tracker_columns_and_reads_back() {
    let plan = json(&["plan", MSP]);
    let text = ok(&["plan", MSP, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for column in [
        "Summary",
        "Description",
        "Assignee",
        "Start",
        "Due",
        "Priority",
        "Depends On",
    ] {
        assert!(
            headers.iter().any(|h| h == column),
            "{column} in {headers:?}"
        );
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
    let tasks = plan["tasks"].as_array().unwrap();
    assert_eq!(rows.len(), tasks.len());
    for (row, t) in rows.iter().zip(tasks) {
        assert_eq!(&row[col("Requirement")], t["requirement"].as_str().unwrap());
        assert_eq!(&row[col("Assignee")], t["owner"].as_str().unwrap());
        assert_eq!(&row[col("Start")], t["start"].as_str().unwrap());
        assert_eq!(&row[col("Due")], t["end"].as_str().unwrap());
        let p = t["priority"].as_str().unwrap();
        assert_eq!(&row[col("Priority")], &p[1..], "P1 → 1 for trackers");
        let deps: Vec<&str> = t["depends_on"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        assert_eq!(&row[col("Depends On")], deps.join(" "));
        assert!(row[col("Summary")].starts_with(t["requirement"].as_str().unwrap()));
    }
    // an owner that looks like a formula stays text
    let hostile = std::fs::read_to_string(MSP)
        .unwrap()
        .replace("owner: Change Manager", "owner: \"=HYPERLINK(\\\"x\\\")\"");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.yaml");
    std::fs::write(&path, hostile).unwrap();
    let text = ok(&["plan", path.to_str().unwrap(), "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let assignees: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[col("Assignee")].to_string())
        .collect();
    assert!(
        assignees.iter().any(|a| a.starts_with("'=HYPERLINK")),
        "{assignees:?}"
    );
    assert!(!assignees.iter().any(|a| a.starts_with('=')));
}

#[test]
fn markdown_carries_a_mermaid_gantt_block() {
    let plan = json(&["plan", MSP, "--holidays", &fixture("plan/holidays.txt")]);
    let text = ok(&[
        "plan",
        MSP,
        "--holidays",
        &fixture("plan/holidays.txt"),
        "--format",
        "markdown",
    ]);
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(&text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "mermaid" => {
                current = Some(String::new());
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    assert_eq!(blocks.len(), 1, "one mermaid block");
    let chart = &blocks[0];
    let mut lines = chart.lines();
    assert_eq!(lines.next(), Some("gantt"));
    assert!(chart.contains("dateFormat YYYY-MM-DD"));
    assert!(chart.contains("excludes weekends, 2026-12-25"), "{chart}");
    let mut bars = 0;
    for line in chart.lines().map(str::trim) {
        let Some((name, spec)) = line.split_once(" :") else {
            continue;
        };
        let parts: Vec<&str> = spec.split(", ").collect();
        let dates: Vec<NaiveDate> = parts
            .iter()
            .filter_map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
            .collect();
        assert!(!dates.is_empty(), "{line}");
        assert!(!name.contains(':') && !name.contains('#'), "{line}");
        if !spec.contains("milestone") {
            bars += 1;
            assert_eq!(dates.len(), 2, "{line}");
            assert!(dates[0] < dates[1], "{line}");
        }
    }
    assert_eq!(bars, plan["packages"].as_array().unwrap().len());
}
