//! The remediation plan through the real binary: owners in parallel at their own capacity,
//! the calendar, dependencies, targets, booked audits, and every export read back by a real
//! parser (iCalendar, CSV, Markdown).
#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;

#[path = "support/plan_cli.rs"]
mod plan_cli;
use plan_cli::*;

fn holidays(plan: &Value) -> Vec<NaiveDate> {
    plan["settings"]["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(date)
        .collect()
}

fn working(d: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&d)
}

/// Working days from `a` to `b`, both included.
fn working_days(a: NaiveDate, b: NaiveDate, holidays: &[NaiveDate]) -> f64 {
    a.iter_days()
        .take_while(|d| *d <= b)
        .filter(|d| working(*d, holidays))
        .count() as f64
}

#[test]
fn no_work_on_weekends_or_holidays_and_no_owner_over_capacity_in_any_week() {
    for holidays_file in ["plan/holidays.txt", "plan/closure.ics"] {
        let plan = json(&[
            "plan",
            MSP,
            "--team",
            &fixture("plan/team.toml"),
            "--holidays",
            &fixture(holidays_file),
            "--capacity",
            "2.5",
        ]);
        let off = holidays(&plan);
        assert!(off.contains(&NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()));
        let capacity: HashMap<&str, f64> = plan["owners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["owner"].as_str().unwrap(),
                    o["capacity"].as_f64().unwrap(),
                )
            })
            .collect();
        assert_eq!(capacity["Managing Director"], 0.5, "from the team file");
        assert_eq!(capacity["Change Manager"], 2.5, "from --capacity");
        let tasks = plan["tasks"].as_array().unwrap();
        let mut by_owner: BTreeMap<&str, Vec<(NaiveDate, NaiveDate, f64)>> = BTreeMap::new();
        for t in tasks {
            let (start, end) = (date(&t["start"]), date(&t["end"]));
            assert!(working(start, &off), "{t} starts on a day off");
            assert!(working(end, &off), "{t} ends on a day off");
            let owner = t["owner"].as_str().unwrap();
            by_owner.entry(owner).or_default().push((
                start,
                end,
                t["effort_days"].as_f64().unwrap(),
            ));
        }
        for (owner, work) in by_owner {
            let per_day = capacity[owner] / 5.0;
            // Every Monday from the first start to the last end: the work that must fall in
            // that week (each task's effort less what its days outside the week can hold)
            // never exceeds what the owner has in that week's working days.
            let first = work.iter().map(|w| w.0).min().unwrap();
            let last = work.iter().map(|w| w.1).max().unwrap();
            let mut monday =
                first - chrono::Days::new(u64::from(first.weekday().num_days_from_monday()));
            while monday <= last {
                let sunday = monday + chrono::Days::new(6);
                let mut load = 0.0;
                for &(start, end, effort) in &work {
                    if end < monday || start > sunday {
                        continue;
                    }
                    let outside = working_days(start, end, &off)
                        - working_days(start.max(monday), end.min(sunday), &off);
                    load += (effort - outside * per_day).max(0.0);
                }
                let room = working_days(monday, sunday, &off) * per_day;
                assert!(
                    load <= room + 1e-6,
                    "{owner} has {load} person-days in the week of {monday}, room for {room}"
                );
                monday = monday + chrono::Days::new(7);
            }
        }
    }
}

#[test]
fn owners_work_in_parallel_and_every_dependency_is_respected() {
    let catalogue: Value =
        serde_json::from_str(&ok(&["catalogue", "list", "--format", "json"])).unwrap();
    let requirements = catalogue
        .as_array()
        .unwrap_or_else(|| catalogue["requirements"].as_array().unwrap());
    let deps: HashMap<&str, (Vec<&str>, &str)> = requirements
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                (
                    r["depends_on"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|d| d.as_str().unwrap())
                        .collect(),
                    r["clause"].as_str().unwrap(),
                ),
            )
        })
        .collect();
    let plan = json(&["plan", MSP, "--team", &fixture("plan/team.toml")]);
    let tasks = plan["tasks"].as_array().unwrap();
    let under =
        |clause: &str, outer: &str| clause == outer || clause.starts_with(&format!("{outer}."));
    let mut checked = 0;
    for t in tasks.iter().filter(|t| t["grade"] != "observation") {
        let (own, _) = &deps[t["requirement"].as_str().unwrap()];
        for dep in own {
            for other in tasks.iter().filter(|o| o["grade"] != "observation") {
                let id = other["requirement"].as_str().unwrap();
                if id == *dep || under(deps[id].1, dep) {
                    assert!(
                        date(&other["end"]) < date(&t["start"]),
                        "{} starts before {id} ends",
                        t["requirement"]
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} dependencies checked");
    // owners overlap in time: the plan is a programme, not a queue
    let owners = plan["owners"].as_array().unwrap();
    let starting_first_day = owners
        .iter()
        .filter(|o| o["first"] == plan["settings"]["start"])
        .count();
    assert!(starting_first_day >= 5, "{owners:?}");
    // the critical path is a chain of tasks marked critical
    let path = plan["critical_path"].as_array().unwrap();
    assert!(!path.is_empty());
    for id in path {
        let t = tasks.iter().find(|t| &t["requirement"] == id).unwrap();
        assert_eq!(t["critical"], true);
    }
}

#[test]
fn parallel_owners_bring_stage_2_forward_against_one_queue() {
    // Everything under one owner is the old single queue; by owner, work runs in parallel.
    let queue = std::fs::read_to_string(MSP)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("owner:"))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-owner.yaml");
    std::fs::write(&path, queue).unwrap();
    let one = json(&["plan", path.to_str().unwrap()]);
    let many = json(&["plan", MSP]);
    assert_eq!(
        one["summary"]["effort_days"],
        many["summary"]["effort_days"]
    );
    assert!(
        date(&many["milestones"]["stage_2_ready"]) < date(&one["milestones"]["stage_2_ready"]),
        "{} vs {}",
        many["milestones"],
        one["milestones"]
    );
}

#[test]
fn targets_steer_the_order_and_evidence_notes_hold_nothing_back() {
    let catalogue = fixture("catalogues/mini.yaml");
    let steer = fixture("plan/steer.yaml");
    let plan = json(&["--catalogue", &catalogue, "plan", &steer]);
    let ops: Vec<(&str, NaiveDate)> = plan["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["owner"] == "Ops")
        .map(|t| (t["requirement"].as_str().unwrap(), date(&t["start"])))
        .collect();
    let order: Vec<&str> = {
        let mut o = ops.clone();
        o.sort_by_key(|x| x.1);
        o.into_iter().map(|x| x.0).collect()
    };
    // same priority: the one with a target goes first, then catalogue order
    assert_eq!(order, ["8.2.3-1", "8.1-1", "8.1-2"]);
    // 8.1-1 depends on 4.1-1, which is implemented with only an evidence note open
    let t811 = plan["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["requirement"] == "8.1-1")
        .unwrap();
    assert_eq!(t811["depends_on"], serde_json::json!([]));
    let targets = plan["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0]["met"], true);
    assert_eq!(targets[0]["date"], "2026-11-23");
    // without the target, catalogue order
    let text = std::fs::read_to_string(&steer)
        .unwrap()
        .replace(", target: 2026-11-24", "");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-target.yaml");
    std::fs::write(&path, text).unwrap();
    let plan = json(&["--catalogue", &catalogue, "plan", path.to_str().unwrap()]);
    let first = plan["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["owner"] == "Ops")
        .min_by_key(|t| {
            (
                date(&t["start"]),
                t["requirement"].as_str().unwrap().to_string(),
            )
        })
        .unwrap()
        .clone();
    assert_eq!(first["requirement"], "8.1-1");
}

#[test]
fn a_booked_stage_2_out_of_reach_says_what_capacity_would_reach_it() {
    let plan = json(&[
        "plan",
        MSP,
        "--stage2-audit",
        "2027-04-15",
        "--stage1-audit",
        "2027-03-01",
    ]);
    let audits = plan["audits"].as_array().unwrap();
    assert_eq!(audits.len(), 2);
    let stage1 = &audits[0];
    assert_eq!(
        (stage1["stage"].as_str(), stage1["reachable"].as_bool()),
        (Some("stage-1"), Some(true))
    );
    assert!(stage1["capacity_factor_needed"].is_null());
    let stage2 = &audits[1];
    assert_eq!(stage2["stage"], "stage-2");
    assert_eq!(stage2["reachable"], false);
    let factor = stage2["capacity_factor_needed"].as_f64().unwrap();
    assert!(factor > 1.0, "{stage2}");
    let owners = stage2["owners"].as_array().unwrap();
    assert!(!owners.is_empty());
    // The owners' figures are real too: give them that capacity in a team file and replan.
    if stage2["critical_owners_alone"] == true {
        let team: String = owners
            .iter()
            .map(|o| format!("\"{}\" = {}\n", o["owner"].as_str().unwrap(), o["needed"]))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.toml");
        std::fs::write(&path, format!("[owners]\n{team}")).unwrap();
        let raised = json(&[
            "plan",
            MSP,
            "--stage2-audit",
            "2027-04-15",
            "--team",
            path.to_str().unwrap(),
        ]);
        assert_eq!(
            raised["audits"][0]["reachable"], true,
            "{team}\n{}",
            raised["audits"]
        );
    } else {
        for o in owners {
            assert!(
                o["needed"].as_f64().unwrap() >= o["capacity"].as_f64().unwrap() * factor - 0.01
            );
        }
    }
    // The factor is real: at that capacity the date is reachable, and a little less is not.
    let capacity = format!("{}", 5.0 * factor);
    let again = json(&[
        "plan",
        MSP,
        "--stage2-audit",
        "2027-04-15",
        "--capacity",
        &capacity,
    ]);
    assert_eq!(again["audits"][0]["reachable"], true, "{}", again["audits"]);
    let less = format!("{}", 5.0 * (factor - 0.05));
    let short = json(&[
        "plan",
        MSP,
        "--stage2-audit",
        "2027-04-15",
        "--capacity",
        &less,
    ]);
    assert_eq!(
        short["audits"][0]["reachable"], false,
        "{}",
        short["audits"]
    );
    // the table says the same in words
    let table = ok(&["plan", MSP, "--stage2-audit", "2027-04-15"]);
    assert!(table.contains("Stage 2 audit"), "{table}");
    assert!(table.contains("NOT reachable"), "{table}");
    assert!(table.contains(&format!("it takes {factor}×")), "{table}");
    assert!(table.contains(" → "), "{table}");
    // part-time owners: raising only the critical path's owners is enough, and the capacities
    // it names reach the date when written into the team file
    let team = fixture("plan/team.toml");
    let args = [
        "plan",
        MSP,
        "--capacity",
        "1",
        "--team",
        &team,
        "--stage2-audit",
        "2027-09-30",
    ];
    let part_time = json(&args);
    let audit = &part_time["audits"][0];
    assert_eq!(
        (
            audit["reachable"].as_bool(),
            audit["critical_owners_alone"].as_bool()
        ),
        (Some(false), Some(true)),
        "{audit}"
    );
    let mut raised = std::fs::read_to_string(&team).unwrap();
    raised = raised
        .lines()
        .filter(|l| {
            !audit["owners"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| l.starts_with(&format!("\"{}\"", o["owner"].as_str().unwrap())))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    for o in audit["owners"].as_array().unwrap() {
        raised.push_str(&format!(
            "\"{}\" = {}\n",
            o["owner"].as_str().unwrap(),
            o["needed"]
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raised.toml");
    std::fs::write(&path, &raised).unwrap();
    let again = json(&[
        "plan",
        MSP,
        "--capacity",
        "1",
        "--team",
        path.to_str().unwrap(),
        "--stage2-audit",
        "2027-09-30",
    ]);
    assert_eq!(
        again["audits"][0]["reachable"], true,
        "{raised}\n{}",
        again["audits"]
    );
    // a date before the operating period can end: no capacity reaches it
    let never = json(&["plan", MSP, "--stage2-audit", "2027-01-15"]);
    assert_eq!(never["audits"][0]["reachable"], false);
    assert!(never["audits"][0]["capacity_factor_needed"].is_null());
    assert!(never["audits"][0]["earliest"].is_string());
    // a date after the plan's own is reachable
    let fine = json(&["plan", MSP, "--stage2-audit", "2027-12-01"]);
    assert_eq!(fine["audits"][0]["reachable"], true);
}

#[test]
fn booked_audits_come_from_a_policy_or_team_file_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        "evidence_max_age = 365\nstage2_audit = 2027-12-01\n",
    )
    .unwrap();
    let policy = policy.to_str().unwrap();
    let plan = json(&["plan", MSP, "--policy", policy]);
    assert_eq!(plan["audits"][0]["date"], "2027-12-01");
    let plan = json(&[
        "plan",
        MSP,
        "--policy",
        policy,
        "--stage2-audit",
        "2027-04-15",
    ]);
    assert_eq!(plan["audits"][0]["date"], "2027-04-15");
    // assess takes the same policy (the audit keys are valid there too)
    let out = run(&["assess", MSP, "--policy", policy]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn plan_and_assess_see_the_same_findings_with_one_policy() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "evidence_max_age = 30\n").unwrap();
    let policy = policy.to_str().unwrap();
    let assess: Value = serde_json::from_str(&ok(&[
        "assess", MSP, "--policy", policy, "--format", "json",
    ]))
    .unwrap();
    let mut with_findings: Vec<&str> = assess["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["requirement"].as_str().unwrap())
        .collect();
    with_findings.dedup();
    let plan = json(&["plan", MSP, "--policy", policy]);
    let default = json(&["plan", MSP]);
    assert_eq!(plan["tasks"].as_array().unwrap().len(), with_findings.len());
    assert!(plan["tasks"].as_array().unwrap().len() > default["tasks"].as_array().unwrap().len());
}

#[test]
fn a_clause_gets_its_share_of_a_clause_effort() {
    let text = std::fs::read_to_string(MSP).unwrap();
    let text = text.replacen("answers:\n", "answers:\n  \"8\": {effort_days: 200}\n", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let whole = json(&["plan", path]);
    let share: f64 = whole["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["clause"].as_str().unwrap().starts_with("8.6.1"))
        .map(|t| t["effort_days"].as_f64().unwrap())
        .sum();
    let part = json(&["plan", path, "--clause", "8.6.1"]);
    let effort = part["summary"]["effort_days"].as_f64().unwrap();
    assert!(effort < 50.0, "8.6.1 got {effort} of clause 8's 200 days");
    assert!((effort - share).abs() < 0.02, "{effort} vs {share}");
}

#[test]
fn efforts_print_clean_and_nothing_to_do_is_zero() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("done.yaml");
    std::fs::write(
        &path,
        "assessment: {organization: Done Ltd, scope: all, date: 2026-11-20}\nanswers:\n  \"4\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  \"6\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  \"8\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  \"9\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n",
    )
    .unwrap();
    let catalogue = fixture("catalogues/mini.yaml");
    let table = ok(&["--catalogue", &catalogue, "plan", path.to_str().unwrap()]);
    assert!(table.contains(" 0 person-days"), "{table}");
    assert!(!table.contains("-0"), "{table}");
    // a third of a clause effort three ways: hundredths, never float noise
    let out = ok(&["plan", MSP, "--format", "csv"]);
    assert!(!out.contains("999999"), "float noise");
    let plan = json(&["plan", MSP]);
    let text = plan.to_string();
    assert!(
        !text.contains("99999") && !text.contains("00000001"),
        "float noise"
    );
}

/// The rows of every table in a Markdown document, each a list of its cells' text, as
/// pulldown-cmark reads them.
fn markdown_rows(text: &str) -> Vec<Vec<String>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut rows = Vec::new();
    let mut row: Option<Vec<String>> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => row = Some(Vec::new()),
            Event::Start(Tag::TableCell) => row.as_mut().unwrap().push(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(cell) = row.as_mut().and_then(|r| r.last_mut()) {
                    cell.push_str(&t);
                }
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => rows.push(row.take().unwrap()),
            _ => {}
        }
    }
    rows
}

#[test]
fn the_markdown_plan_shows_the_booked_audit_and_every_owner_as_the_json_does() {
    let args = ["plan", MSP, "--stage2-audit", "2027-04-15"];
    let data = json(&args);
    let text = ok(&[&args[..], &["--format", "markdown"]].concat());
    let rows = markdown_rows(&text);
    let audit = &data["audits"][0];
    assert_eq!(audit["reachable"], false, "{audit}");
    let booked = rows
        .iter()
        .find(|r| r[0] == "Stage 2 audit (booked)")
        .unwrap_or_else(|| panic!("no booked audit row in {rows:?}"));
    assert!(
        booked[1].starts_with(&format!(
            "2027-04-15: NOT reachable, the plan is ready on {}",
            audit["ready"].as_str().unwrap()
        )),
        "{booked:?}"
    );
    let owners = data["owners"].as_array().unwrap();
    let header = rows.iter().position(|r| r[0] == "Owner").unwrap();
    let shown = &rows[header + 1..header + 1 + owners.len()];
    for (row, owner) in shown.iter().zip(owners) {
        let star = if owner["critical"] == true { " *" } else { "" };
        assert_eq!(
            row[0],
            format!("{}{star}", owner["owner"].as_str().unwrap())
        );
        assert_eq!(
            row[2],
            owner["effort_days"].to_string().trim_end_matches(".0")
        );
        assert_eq!(row[3], owner["tasks"].to_string());
        assert_eq!(row[5], owner["last"].as_str().unwrap());
    }
    // the row after the owners is another table's
    assert!(
        rows.get(header + 1 + owners.len())
            .is_none_or(|r| r.len() != 6)
    );
}

#[test]
fn a_clause_plan_is_its_part_of_the_whole_plan_with_the_whole_systems_milestones() {
    let whole = json(&["plan", MSP, "--stage2-audit", "2027-04-15"]);
    let part = json(&[
        "plan",
        MSP,
        "--stage2-audit",
        "2027-04-15",
        "--clause",
        "8.7",
    ]);
    assert_eq!(part["milestones"], whole["milestones"]);
    assert_eq!(part["audits"], whole["audits"]);
    let below = |t: &&Value| {
        let clause = t["clause"].as_str().unwrap();
        clause == "8.7" || clause.starts_with("8.7.")
    };
    let expected: Vec<&Value> = whole["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(below)
        .collect();
    let got: Vec<&Value> = part["tasks"].as_array().unwrap().iter().collect();
    assert!(!got.is_empty());
    assert_eq!(got, expected, "the same tasks with the same dates");
    let sum: f64 = got.iter().map(|t| t["effort_days"].as_f64().unwrap()).sum();
    let total = part["summary"]["effort_days"].as_f64().unwrap();
    assert!((sum - total).abs() < 0.01, "{sum} vs {total}");
    for owner in part["owners"].as_array().unwrap() {
        let name = owner["owner"].as_str().unwrap();
        let tasks = got.iter().filter(|t| t["owner"] == name).count();
        assert_eq!(owner["tasks"].as_u64().unwrap() as usize, tasks, "{name}");
    }
    let table = ok(&["plan", MSP, "--clause", "8.7"]);
    assert!(
        table.contains("Clause 8.7 only, as the whole plan schedules it"),
        "{table}"
    );
}
