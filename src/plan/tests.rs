//! The scheduling rules, pinned on the small test catalogue.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::answers;
use crate::assess::{Settings, assess};
use crate::catalogue::{self, Catalogue};

const MINI: &str = include_str!("../../tests/fixtures/catalogues/mini.yaml");

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn settings(start: &str, capacity: f64, group: Grouping) -> PlanSettings {
    PlanSettings {
        group,
        ..PlanSettings::new(d(start), capacity)
    }
}

fn plan_for(catalogue: &Catalogue, body: &str, settings: &PlanSettings) -> Result<Plan, PlanError> {
    let text = format!("assessment:\n  organization: Test\n  scope: all\nanswers:\n{body}");
    let (file, _) = answers::parse("a.yaml", &text, catalogue)
        .unwrap_or_else(|r| panic!("{}", r.render(false)));
    let resolved = answers::resolve(catalogue, &file);
    let assessment = assess(
        catalogue,
        &resolved,
        &Settings {
            as_of: d("2026-11-20"),
            evidence_max_age: 365,
            clause: None,
            evidence: None,
        },
    );
    plan(
        catalogue,
        &resolved,
        &assessment,
        &answers::clause_efforts(&file),
        settings,
    )
}

/// Every task starts after the tasks of the gaps it depends on have ended.
fn assert_dependencies_respected(c: &Catalogue, p: &Plan) {
    for t in &p.tasks {
        for dep in &t.depends_on {
            for other in &p.tasks {
                let r = &c.requirements[other.requirement];
                let waits = &r.id == dep || catalogue::clause_contains(dep, &r.clause);
                if waits && other.grade > Grade::Observation {
                    assert!(
                        other.end < t.start,
                        "{} starts {} before {} ends {}",
                        c.requirements[t.requirement].id,
                        t.start,
                        r.id,
                        other.end
                    );
                }
            }
        }
    }
}

fn mini() -> Catalogue {
    catalogue::parse("mini.yaml", MINI).unwrap().0
}

/// (requirement id, effort, start, end) for every task, in schedule order.
fn schedule(catalogue: &Catalogue, plan: &Plan) -> Vec<(String, f64, String, String)> {
    plan.tasks
        .iter()
        .map(|t| {
            (
                catalogue.requirements[t.requirement].id.clone(),
                t.effort_days,
                t.start.to_string(),
                t.end.to_string(),
            )
        })
        .collect()
}

fn row(id: &str, effort: f64, start: &str, end: &str) -> (String, f64, String, String) {
    (id.into(), effort, start.into(), end.into())
}

const ALL_MET: &str = "  \"4\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  \"6\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  \"8\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  \"9\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n";

#[test]
fn working_days_only_and_capacity_spreads_effort() {
    let c = mini();
    // 2026-11-21 is a Saturday: work starts on Monday 23rd. 4.1-1 is 2 days at 1 a day.
    let body = format!(
        "{ALL_MET}  4.1-1: not-implemented\n  4.1-2: {{status: not-implemented, effort_days: 3}}\n"
    );
    let p = plan_for(&c, &body, &settings("2026-11-21", 5.0, Grouping::Clause)).unwrap();
    assert_eq!(
        schedule(&c, &p),
        [
            row("4.1-1", 2.0, "2026-11-23", "2026-11-24"),
            row("4.1-2", 3.0, "2026-11-25", "2026-11-27")
        ]
    );
    // half the capacity: twice the working days, over the weekend
    let p = plan_for(&c, &body, &settings("2026-11-21", 2.5, Grouping::Clause)).unwrap();
    assert_eq!(
        schedule(&c, &p),
        [
            row("4.1-1", 2.0, "2026-11-23", "2026-11-26"),
            row("4.1-2", 3.0, "2026-11-27", "2026-12-04")
        ]
    );
}

#[test]
fn effort_is_halved_for_partial_and_half_a_day_for_an_observation() {
    let c = mini();
    let body = format!(
        "{ALL_MET}  6.1-1: partial\n  9.2-1: {{status: implemented, evidence: []}}\n  8.1-1: {{status: not-implemented, effort_days: 7}}\n"
    );
    let p = plan_for(
        &c,
        &body,
        &settings("2026-11-23", 5.0, Grouping::Requirement),
    )
    .unwrap();
    let efforts: HashMap<String, f64> = schedule(&c, &p)
        .into_iter()
        .map(|(id, e, _, _)| (id, e))
        .collect();
    assert_eq!(efforts["6.1-1"], 1.5, "half of the 3-day estimate");
    assert_eq!(efforts["9.2-1"], 0.5, "no evidence is an observation");
    assert_eq!(efforts["8.1-1"], 7.0, "the answer's own effort");
    assert_eq!(p.effort_days, 9.0);
}

#[test]
fn a_clause_effort_is_the_whole_package_shared_by_estimate() {
    let c = mini();
    // 4.1-1 (2 days) and 4.1-2 (1 day) share the clause's 6 days: 4 and 2
    let body = format!("{ALL_MET}  \"4.1\": {{status: not-implemented, effort_days: 6}}\n");
    let p = plan_for(&c, &body, &settings("2026-11-23", 5.0, Grouping::Clause)).unwrap();
    assert_eq!(
        schedule(&c, &p).iter().map(|r| r.1).collect::<Vec<_>>(),
        [4.0, 2.0]
    );
    assert_eq!(p.packages[0].effort_days, 6.0);
}

#[test]
fn higher_priority_first_and_dependencies_before_dependents_across_packages() {
    let c = mini();
    // 8.1-1 (P2, major outside 4-7 with no documented information) depends on 4.1-1 and on
    // clause 6.1; 9.2-1 (P1: a record to retain) is independent; 4.1-2 (P3) is partial.
    let body = "  \"4\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  4.1-1: not-implemented\n  4.1-2: partial\n  6.1-1: not-implemented\n  8.1-1: not-implemented\n  8.1-2: n/a\n  8.2.3-1: {status: implemented, evidence: [x], reviewed: 2026-06-01}\n  \"9\": {status: implemented, evidence: [a], reviewed: 2026-06-01}\n  9.2-1: not-implemented\n";
    let p = plan_for(&c, body, &settings("2026-11-23", 5.0, Grouping::Clause)).unwrap();
    let order: Vec<String> = schedule(&c, &p).into_iter().map(|r| r.0).collect();
    // the P1 record of 9.2 goes before the P3 partial of 4.1
    assert_eq!(order, ["4.1-1", "9.2-1", "4.1-2", "6.1-1", "8.1-1"]);
    let pkg = |id: &str| p.packages.iter().find(|p| p.id == id).unwrap();
    assert_eq!(pkg("8.1").depends_on, ["4.1", "6.1"]);
    assert_dependencies_respected(&c, &p);
    assert_eq!(pkg("4.1").priority, Priority::P1);
    assert_eq!(pkg("8.1").priority, Priority::P2);
    assert_eq!(pkg("4.1").owners, ["unassigned"]);
}

#[test]
fn a_task_shares_a_day_with_the_previous_one_unless_it_depends_on_it() {
    let c = mini();
    let body = format!(
        "{ALL_MET}  4.1-1: {{status: not-implemented, effort_days: 0.5}}\n  4.1-2: {{status: not-implemented, effort_days: 0.25}}\n  6.1-1: {{status: not-implemented, effort_days: 0.25}}\n"
    );
    let p = plan_for(
        &c,
        &body,
        &settings("2026-11-23", 5.0, Grouping::Requirement),
    )
    .unwrap();
    assert_eq!(
        schedule(&c, &p),
        [
            row("4.1-1", 0.5, "2026-11-23", "2026-11-23"),
            row("4.1-2", 0.25, "2026-11-23", "2026-11-23"),
            // 6.1-1 depends on clause 4.1: it starts the next working day
            row("6.1-1", 0.25, "2026-11-24", "2026-11-24"),
        ]
    );
}

#[test]
fn milestones_follow_the_audit_stages() {
    let c = mini();
    // 4.1-1 is a maintained document (stage 1); 6.1-1 a record (stage 2).
    let body = format!("{ALL_MET}  4.1-1: not-implemented\n  6.1-1: not-implemented\n");
    let p = plan_for(&c, &body, &settings("2026-11-23", 5.0, Grouping::Clause)).unwrap();
    // 4.1-1: Mon 23 - Tue 24; 6.1-1 waits for 4.1: Wed 25 - Fri 27
    assert_eq!(p.milestones.stage_1_ready, d("2026-11-24"));
    assert_eq!(p.milestones.operating_from, d("2026-11-30"));
    assert_eq!(p.milestones.operating_until, d("2027-02-28"));
    // then one audit and review cycle: the 9.2 and 9.3 records, 5 + 1 days from Mon 1 March
    assert_eq!(p.milestones.stage_2_ready, d("2027-03-08"));
    // already stage 2 ready: both milestones are the start
    let p = plan_for(&c, ALL_MET, &settings("2026-11-23", 5.0, Grouping::Clause)).unwrap();
    assert!(p.tasks.is_empty());
    assert_eq!(p.milestones.stage_2_ready, d("2026-11-23"));
}

#[test]
fn targets_the_schedule_cannot_meet_are_flagged() {
    let c = mini();
    let body = format!(
        "{ALL_MET}  4.1-1: {{status: not-implemented, target: 2026-11-23}}\n  4.1-2: {{status: not-implemented, target: 2026-12-31}}\n"
    );
    let p = plan_for(&c, &body, &settings("2026-11-23", 5.0, Grouping::Clause)).unwrap();
    assert_eq!(p.missed_targets.len(), 1);
    let missed = &p.missed_targets[0];
    assert_eq!(c.requirements[missed.requirement].id, "4.1-1");
    assert_eq!(
        (missed.target, missed.feasible),
        (d("2026-11-23"), d("2026-11-24"))
    );
    assert_eq!(missed.pos.line, 9);
}

#[test]
fn waived_findings_are_planned_and_marked() {
    let c = mini();
    let body = format!(
        "{ALL_MET}  4.1-2: {{status: not-implemented, waiver: {{reason: r, expires: 2027-06-01}}}}\n"
    );
    let p = plan_for(&c, &body, &settings("2026-11-23", 5.0, Grouping::Clause)).unwrap();
    assert_eq!(p.tasks.len(), 1);
    assert!(p.tasks[0].waived && p.packages[0].waived);
}

#[test]
fn packages_that_wait_on_each_other_are_planned_task_by_task() {
    // Requirement-level dependencies are acyclic, but clause A waits on B and B on A.
    let text = MINI
        .replace(
            "    effort_days: 1\n    weight: 3",
            "    effort_days: 1\n    weight: 3\n    depends_on: [9.2-1]",
        )
        .replace(
            "    action: Hold a review.",
            "    action: Hold a review.\n    depends_on_extra: x",
        );
    let text = text.replace("\n    depends_on_extra: x", "");
    let text = text.replace(
        "    action: Run an audit.\n    effort_days: 5",
        "    action: Run an audit.\n    effort_days: 5\n    depends_on: [4.1-1]",
    );
    let c = catalogue::parse("cyclic.yaml", &text)
        .unwrap_or_else(|r| panic!("{}", r.render(false)))
        .0;
    let body = "  4.1-1: not-implemented\n  4.1-2: not-implemented\n  \"9\": not-implemented\n";
    // 4.1-2 waits on 9.2-1, which waits on 4.1-1: packages 4.1 and 9.2 wait on each other,
    // but requirements do not, and requirements are what gets scheduled.
    let p = plan_for(&c, body, &settings("2026-11-23", 5.0, Grouping::Clause)).unwrap();
    let pkg = |id: &str| p.packages.iter().find(|p| p.id == id).unwrap();
    assert_eq!(pkg("4.1").depends_on, ["9.2"]);
    assert_eq!(pkg("9.2").depends_on, ["4.1"]);
    assert_dependencies_respected(&c, &p);
    let order: Vec<String> = schedule(&c, &p).into_iter().map(|r| r.0).collect();
    assert_eq!(
        order,
        [
            "4.1-1", "9.2-1", "4.1-2", "6.1-1", "9.3-1", "8.1-1", "8.1-2", "8.2.3-1"
        ]
    );
}

#[test]
fn the_same_inputs_give_the_same_plan() {
    let c = mini();
    let body = "  4.1-1: not-implemented\n  6.1-1: partial\n  8.1-1: not-assessed\n";
    let a = plan_for(&c, body, &settings("2026-11-23", 3.5, Grouping::Clause)).unwrap();
    let b = plan_for(&c, body, &settings("2026-11-23", 3.5, Grouping::Clause)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_calendar_saturates_instead_of_overflowing() {
    let last = NaiveDate::MAX;
    assert_eq!(calendar::add_days(last, 1), NaiveDate::MAX);
    let cal = calendar::Calendar::new([d("2026-12-25")]);
    assert_eq!(
        cal.add_working_days(d("2026-11-20"), u64::MAX),
        NaiveDate::MAX
    );
    assert_eq!(cal.next_working_day(last), NaiveDate::MAX);
    let mut team = calendar::Team::new(&cal, d("2026-11-20"), 1e-300);
    let (_, end) = team.work(&cal, 10.0);
    assert_eq!(end, NaiveDate::MAX);
}

#[test]
fn a_plan_past_the_calendar_is_refused() {
    let catalogue = mini();
    let mut s = settings("2026-11-20", 5.0, Grouping::Clause);
    s.capacity = 1e-12;
    let err = plan_for(&catalogue, "  \"4\": not-implemented\n", &s).unwrap_err();
    assert!(matches!(err, PlanError::TooFar(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("past the year 9999"), "{text}");
    assert!(text.contains("raise --capacity"), "{text}");
    assert!(
        text.contains("0.000000000001") || text.contains("at 0 person-days"),
        "{text}"
    );
}

#[test]
fn owners_work_in_parallel_at_their_own_capacity() {
    let c = mini();
    let body = format!(
        "{ALL_MET}  4.1-2: {{status: not-implemented, owner: A, effort_days: 2}}\n  8.1-2: {{status: not-implemented, owner: B, effort_days: 2}}\n"
    );
    let mut s = settings("2026-11-23", 5.0, Grouping::Requirement);
    s.team = vec![("B".into(), 2.5)];
    let p = plan_for(&c, &body, &s).unwrap();
    assert_eq!(
        schedule(&c, &p),
        [
            row("4.1-2", 2.0, "2026-11-23", "2026-11-24"),
            // B at half capacity, in parallel with A
            row("8.1-2", 2.0, "2026-11-23", "2026-11-26"),
        ]
    );
    let loads: Vec<(&str, f64)> = p
        .owners
        .iter()
        .map(|o| (o.owner.as_str(), o.capacity))
        .collect();
    assert_eq!(loads, [("B", 2.5), ("A", 5.0)], "the last to finish first");
}

#[test]
fn holidays_are_not_worked() {
    let c = mini();
    let body = format!("{ALL_MET}  4.1-2: {{status: not-implemented, effort_days: 3}}\n");
    let mut s = settings("2026-12-23", 5.0, Grouping::Clause);
    s.calendar = calendar::Calendar::new([d("2026-12-24"), d("2026-12-25"), d("2026-12-28")]);
    let p = plan_for(&c, &body, &s).unwrap();
    // Wednesday 23rd, then Tuesday 29th and Wednesday 30th
    assert_eq!(
        schedule(&c, &p),
        [row("4.1-2", 3.0, "2026-12-23", "2026-12-30")]
    );
}

#[test]
fn a_booked_audit_is_judged_and_a_missed_one_gets_a_searched_factor() {
    let c = mini();
    let body = format!("{ALL_MET}  4.1-1: {{status: not-implemented, effort_days: 20}}\n");
    let mut s = settings("2026-11-23", 5.0, Grouping::Clause);
    // 20 days at 1 a day: stage 1 ready on Friday 18 December
    s.stage_1_audit = Some(d("2026-12-04"));
    let p = plan_for(&c, &body, &s).unwrap();
    assert_eq!(p.milestones.stage_1_ready, d("2026-12-18"));
    let audit = &p.audits[0];
    assert!(!audit.reachable);
    // ten working days from the 23rd: twice the capacity
    assert_eq!(audit.capacity_factor_needed, Some(2.0));
    assert_eq!(audit.owners[0].needed, 10.0);
    s.capacity = 10.0;
    let p = plan_for(&c, &body, &s).unwrap();
    assert!(p.audits[0].reachable, "{:?}", p.audits);
}
