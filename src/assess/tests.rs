//! Table-driven tests of every scoring, grading and verdict rule, on a small catalogue.

use chrono::NaiveDate;

use super::gates::{GateConfig, evaluate};
use super::*;
use crate::answers;
use crate::catalogue::{self, Catalogue};

const MINI: &str = include_str!("../../tests/fixtures/catalogues/mini.yaml");

fn mini() -> Catalogue {
    catalogue::parse("mini.yaml", MINI)
        .expect("the test catalogue is valid")
        .0
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Assesses an answers body (the part under `answers:`) as of 2026-11-20.
fn run(body: &str) -> (Catalogue, Vec<answers::Resolved>, Assessment) {
    run_as_of(body, "2026-11-20")
}

fn run_as_of(body: &str, as_of: &str) -> (Catalogue, Vec<answers::Resolved>, Assessment) {
    let catalogue = mini();
    let text = format!("assessment:\n  organization: Test\n  scope: all\nanswers:\n{body}");
    let (file, _) = answers::parse("a.yaml", &text, &catalogue)
        .unwrap_or_else(|r| panic!("{}", r.render(false)));
    let resolved = answers::resolve(&catalogue, &file);
    let settings = Settings {
        as_of: date(as_of),
        evidence_max_age: 365,
        clause: None,
        evidence: None,
    };
    let assessment = assess(&catalogue, &resolved, &settings);
    (catalogue, resolved, assessment)
}

fn status_of(c: &Catalogue, a: &Assessment, id: &str) -> answers::Status {
    a.all[c.requirement_position(id).unwrap()].status
}

fn rules_of(c: &Catalogue, a: &Assessment, id: &str) -> Vec<(&'static str, &'static str, bool)> {
    let index = c.requirement_position(id).unwrap();
    a.findings
        .iter()
        .filter(|f| f.requirement == index)
        .map(|f| (f.rule.code(), f.grade().as_str(), f.waived))
        .collect()
}

fn clause_score_of(c: &Catalogue, a: &Assessment, id: &str) -> Option<f64> {
    let index = c.clause_position(id).unwrap();
    a.clauses.iter().find(|r| r.index == index).unwrap().score
}

#[test]
fn requirement_scores_per_status() {
    let c = mini();
    let plain = c.requirement("4.1-1").unwrap();
    let conditional = c.requirement("8.1-2").unwrap();
    use answers::Status::*;
    let cases = [
        (Implemented, plain, Some(1.0), true),
        (Partial, plain, Some(0.5), false),
        (NotImplemented, plain, Some(0.0), false),
        (NotAssessed, plain, Some(0.0), false),
        (NotApplicable, plain, Some(0.0), false),
        (NotApplicable, conditional, None, true),
        (Implemented, conditional, Some(1.0), true),
    ];
    for (status, req, score, met) in cases {
        assert_eq!(
            requirement_score(status, req),
            score,
            "{status:?} on {}",
            req.id
        );
        assert_eq!(is_met(status, req), met, "{status:?} on {}", req.id);
    }
}

#[test]
fn weighted_scores_round_half_away_from_zero() {
    assert_eq!(
        weighted_percentage([(1.0, Some(1.0)), (1.0, Some(0.5))]),
        Some(75.0)
    );
    assert_eq!(
        weighted_percentage([(1.0, Some(1.0)), (2.0, Some(0.0))]),
        Some(33.3)
    );
    assert_eq!(
        weighted_percentage([(2.0, Some(1.0)), (1.0, Some(0.0))]),
        Some(66.7)
    );
    // 9 of 16 = 56.25 exactly: half away from zero gives 56.3
    let items: Vec<(f64, Option<f64>)> = (0..16)
        .map(|i| (1.0, Some(if i < 9 { 1.0 } else { 0.0 })))
        .collect();
    assert_eq!(weighted_percentage(items), Some(56.3));
    assert_eq!(weighted_percentage([(1.0, None)]), None);
    assert_eq!(weighted_percentage([]), None);
    assert_eq!(round1(0.05), 0.1);
    assert_eq!(round1(-0.05), -0.1);
}

#[test]
fn clause_and_overall_scores_are_weighted_means() {
    // 4.1-1 (weight 1) implemented, 4.1-2 (weight 3) partial: (1 + 1.5) / 4 = 62.5
    let (c, _, a) = run(
        "  4.1-1: {status: implemented, evidence: [x], reviewed: 2026-06-01}\n  4.1-2: partial\n",
    );
    assert_eq!(clause_score_of(&c, &a, "4.1"), Some(62.5));
    assert_eq!(clause_score_of(&c, &a, "4"), Some(62.5));
    assert_eq!(clause_score_of(&c, &a, "6"), Some(0.0));
    // overall: 2.5 over weights 1+3+1+1+1+1+1+1 = 10 → 25%
    assert_eq!(a.score, Some(25.0));
}

#[test]
fn conditional_not_applicable_leaves_the_score_and_nothing_counted_is_null() {
    let (c, _, a) =
        run("  8.1-2: n/a\n  8.1-1: {status: implemented, evidence: [p], reviewed: 2026-06-01}\n");
    assert_eq!(clause_score_of(&c, &a, "8.1"), Some(100.0));
    let (c, _, a) = run("  8.1-2: n/a\n");
    assert_eq!(clause_score_of(&c, &a, "8.1"), Some(0.0));
    let text = "  8.1-2: not-applicable\n";
    let (c2, _, a2) = run(text);
    let index = c2.clause_position("8.1").unwrap();
    assert_eq!(
        a2.clauses
            .iter()
            .find(|r| r.index == index)
            .unwrap()
            .requirements,
        2
    );
    assert_eq!(c.requirement("8.1-2").map(|r| r.conditional), Some(true));
}

#[test]
fn a_clause_with_only_conditional_not_applicable_scores_null() {
    let catalogue = mini();
    let only_conditional = [(
        1.0,
        requirement_score(
            answers::Status::NotApplicable,
            catalogue.requirement("8.1-2").unwrap(),
        ),
    )];
    assert_eq!(weighted_percentage(only_conditional), None);
}

#[test]
fn clause_answers_are_inherited_and_the_most_specific_wins() {
    let body = "
  \"4\": {status: implemented, owner: CEO, evidence: [ctx.docx], reviewed: 2026-01-01}
  4.1-2: {status: partial, evidence: [issues.xlsx]}
  \"8\": {maturity: 1, owner: Ops}
  8.1-1: {status: implemented, maturity: 1}
  \"9\": {status: implemented}
  9.2: {maturity: 4}
";
    let (c, resolved, a) = run(body);
    use answers::Status::*;
    assert_eq!(status_of(&c, &a, "4.1-1"), Implemented);
    assert_eq!(status_of(&c, &a, "4.1-2"), Partial);
    // owner comes from the clause; evidence and its review date travel together
    let r412 = &resolved[c.requirement_position("4.1-2").unwrap()];
    assert_eq!(r412.owner.as_deref(), Some("CEO"));
    assert_eq!(*r412.evidence, ["issues.xlsx".to_string()]);
    assert_eq!(r412.reviewed, None);
    let r411 = &resolved[c.requirement_position("4.1-1").unwrap()];
    assert_eq!(
        r411.reviewed.as_ref().map(|d| d.value),
        Some(date("2026-01-01"))
    );
    // maturity alone implies a status; within one answer status wins over maturity
    assert_eq!(status_of(&c, &a, "8.2.3-1"), Partial);
    assert_eq!(status_of(&c, &a, "8.1-1"), Implemented);
    // a more specific maturity beats a less specific status
    assert_eq!(status_of(&c, &a, "9.2-1"), Implemented);
    assert_eq!(status_of(&c, &a, "9.3-1"), Implemented);
    // nothing at any level: not assessed
    assert_eq!(status_of(&c, &a, "6.1-1"), NotAssessed);
}

#[test]
fn every_rule_is_graded_as_an_auditor_would() {
    let body = "
  4.1-1: {status: implemented, evidence: [s], reviewed: 2026-06-01, operated_by: Contoso}
  4.1-2: not-implemented
  6.1-1: {status: implemented, evidence: [r], reviewed: 2025-01-01, operated_by: Fabrikam}
  8.1-1: {status: not-applicable}
  8.1-2: {status: n/a}
  8.2.3-1: partial
  9.2-1: implemented
";
    let (c, _, a) = run(body);
    let major = "major";
    assert_eq!(
        rules_of(&c, &a, "4.1-1"),
        [("operated-by-in-4-5", major, false)]
    );
    assert_eq!(
        rules_of(&c, &a, "4.1-2"),
        [("not-implemented", major, false)]
    );
    assert_eq!(
        rules_of(&c, &a, "6.1-1"),
        [
            ("uncontrolled-other-party", "minor", false),
            ("stale-evidence", "observation", false)
        ]
    );
    assert_eq!(rules_of(&c, &a, "8.1-1"), [("exclusion", major, false)]);
    assert_eq!(rules_of(&c, &a, "8.1-2"), []);
    assert_eq!(rules_of(&c, &a, "8.2.3-1"), [("partial", "minor", false)]);
    assert_eq!(
        rules_of(&c, &a, "9.2-1"),
        [("no-evidence", "observation", false)]
    );
    assert_eq!(rules_of(&c, &a, "9.3-1"), [("not-assessed", major, false)]);
}

#[test]
fn evidence_age_limit_is_inclusive_and_undated_evidence_is_its_own_observation() {
    // 2025-11-20 is exactly 365 days before 2026-11-20: not stale; one day more is.
    let (c, _, a) = run("  4.1-1: {status: implemented, evidence: [s], reviewed: 2025-11-20}\n");
    assert_eq!(rules_of(&c, &a, "4.1-1"), []);
    let (c, _, a) = run("  4.1-1: {status: implemented, evidence: [s], reviewed: 2025-11-19}\n");
    assert_eq!(
        rules_of(&c, &a, "4.1-1"),
        [("stale-evidence", "observation", false)]
    );
    // no review date, or one after the as-of date: undated, never stale
    let (c, _, a) = run("  4.1-1: {status: implemented, evidence: [s]}\n");
    assert_eq!(
        rules_of(&c, &a, "4.1-1"),
        [("undated-evidence", "observation", false)]
    );
    let (c, _, a) = run("  4.1-1: {status: implemented, evidence: [s], reviewed: 2026-11-21}\n");
    assert_eq!(
        rules_of(&c, &a, "4.1-1"),
        [("undated-evidence", "observation", false)]
    );
    let (c, _, a) = run("  4.1-1: {status: implemented, evidence: [s], reviewed: 2026-11-20}\n");
    assert_eq!(rules_of(&c, &a, "4.1-1"), []);
}

#[test]
fn operated_by_in_6_to_10_is_fine_once_8_2_3_is_met() {
    let body = "  6.1-1: {status: implemented, evidence: [r], reviewed: 2026-06-01, operated_by: Fabrikam}\n  8.2.3-1: {status: implemented, evidence: [c], reviewed: 2026-06-01}\n";
    let (c, _, a) = run(body);
    assert_eq!(rules_of(&c, &a, "6.1-1"), []);
    let body = "  6.1-1: {status: implemented, evidence: [r], reviewed: 2026-06-01, supported_by: Advisors}\n";
    let (c, _, a) = run(body);
    assert_eq!(rules_of(&c, &a, "6.1-1"), []);
}

#[test]
fn all_of_clause_8_operated_by_others_is_major_on_8_2_3() {
    let body = "  \"8\": {status: implemented, evidence: [x], reviewed: 2026-06-01, operated_by: Contoso}\n";
    let (c, _, a) = run(body);
    assert_eq!(
        rules_of(&c, &a, "8.2.3-1"),
        [("all-operated-by-others", "major", false)]
    );
    assert_eq!(rules_of(&c, &a, "8.1-1"), []);
}

#[test]
fn waivers_are_live_through_their_expiry_date() {
    let body =
        "  4.1-2: {status: not-implemented, waiver: {reason: accepted, expires: 2026-11-20}}\n";
    let (c, _, a) = run(body);
    assert_eq!(
        rules_of(&c, &a, "4.1-2"),
        [("not-implemented", "major", true)]
    );
    let (c, _, a) = run_as_of(body, "2026-11-21");
    assert_eq!(
        rules_of(&c, &a, "4.1-2"),
        [
            ("not-implemented", "major", false),
            ("waiver-expired", "observation", false)
        ]
    );
}

#[test]
fn verdicts_follow_the_two_audit_stages() {
    let all_met = "
  \"4\": {status: implemented, evidence: [a], reviewed: 2026-06-01}
  \"6\": {status: implemented, evidence: [a], reviewed: 2026-06-01}
  \"8\": {status: implemented, evidence: [a], reviewed: 2026-06-01}
  \"9\": {status: implemented, evidence: [a], reviewed: 2026-06-01}
";
    let (_, _, a) = run(all_met);
    assert_eq!(a.verdict, Verdict::Stage2Ready);
    assert!(a.reasons.is_empty());

    // records and the audit cycle under way but not complete: stage 1 only
    let stage1 = format!("{all_met}  6.1-1: partial\n  9.2-1: partial\n");
    let (_, _, a) = run(&stage1);
    assert_eq!(a.verdict, Verdict::Stage1Ready);
    let codes: Vec<&str> = a.reasons.iter().map(|r| r.code).collect();
    assert_eq!(codes, ["audit-review-not-met", "retain-not-met"]);

    // a waived major still blocks stage 2: auditors ignore internal waivers
    let waived = format!(
        "{all_met}  4.1-2: {{status: not-implemented, waiver: {{reason: r, expires: 2027-01-01}}}}\n"
    );
    let (_, _, a) = run(&waived);
    assert_eq!(a.verdict, Verdict::Stage1Ready);
    assert_eq!(a.reasons[0].code, "major-findings");
    assert_eq!(a.reasons[0].requirements, ["4.1-2"]);

    // a maintained document missing, or the audit not started: not ready
    let (_, _, a) = run(&format!("{all_met}  4.1-1: partial\n"));
    assert_eq!(a.verdict, Verdict::NotReady);
    assert_eq!(a.reasons[0].code, "maintain-not-met");
    let (_, _, a) = run(&format!("{all_met}  9.3-1: not-implemented\n"));
    assert_eq!(a.verdict, Verdict::NotReady);
    assert_eq!(a.reasons[0].code, "audit-review-not-started");
}

#[test]
fn gates_pass_and_fail_as_documented() {
    let body = "
  \"4\": {status: implemented, evidence: [a], reviewed: 2026-06-01}
  6.1-1: {status: not-implemented, waiver: {reason: r, expires: 2027-01-01}}
  8.1-1: partial
";
    let (c, _, a) = run(body);
    // overall: 4 implemented weight, 0.5 of 1 → 4.5 / 10 = 45%
    assert_eq!(a.score, Some(45.0));
    let gate = |config: GateConfig| evaluate(&c, &a, &config);
    let passed = |config: GateConfig| gate(config).iter().map(|g| g.passed).collect::<Vec<_>>();
    assert_eq!(
        passed(GateConfig {
            fail_under: Some(45.0),
            ..Default::default()
        }),
        [true]
    );
    assert_eq!(
        passed(GateConfig {
            fail_under: Some(45.1),
            ..Default::default()
        }),
        [false]
    );
    // unwaived majors: 8.1-2, 8.2.3-1, 9.2-1, 9.3-1 not assessed (6.1-1 is waived)
    let fail_on = gate(GateConfig {
        fail_on: Some(Grade::Major),
        ..Default::default()
    });
    assert!(!fail_on[0].passed);
    assert_eq!(
        fail_on[0].requirements,
        ["8.1-2", "8.2.3-1", "9.2-1", "9.3-1"]
    );
    // require: met or waived
    assert_eq!(
        passed(GateConfig {
            require: vec!["4".into(), "6".into()],
            ..Default::default()
        }),
        [true, true]
    );
    assert_eq!(
        passed(GateConfig {
            require: vec!["8.1".into()],
            ..Default::default()
        }),
        [false]
    );
    assert_eq!(
        passed(GateConfig {
            clause_minimums: vec![("4".into(), 100.0), ("8".into(), 20.0)],
            ..Default::default()
        }),
        [true, false]
    );
}

#[test]
fn a_null_score_fails_a_score_gate() {
    let catalogue = mini();
    let text = "assessment: {organization: T, scope: s}\nanswers:\n  8.1-2: n/a\n";
    let (file, _) = answers::parse("a.yaml", text, &catalogue).unwrap();
    let resolved = answers::resolve(&catalogue, &file);
    let settings = Settings {
        as_of: date("2026-01-01"),
        evidence_max_age: 365,
        clause: Some("8.1".into()),
        evidence: None,
    };
    let mut a = assess(&catalogue, &resolved, &settings);
    a.score = None;
    let results = evaluate(
        &catalogue,
        &a,
        &GateConfig {
            fail_under: Some(0.0),
            ..Default::default()
        },
    );
    assert!(!results[0].passed);
}

#[test]
fn clause_scope_limits_requirements_clauses_and_findings() {
    let catalogue = mini();
    let text = "assessment: {organization: T, scope: s}\nanswers:\n  8.1-1: partial\n";
    let (file, _) = answers::parse("a.yaml", text, &catalogue).unwrap();
    let resolved = answers::resolve(&catalogue, &file);
    let settings = Settings {
        as_of: date("2026-01-01"),
        evidence_max_age: 365,
        clause: Some("8".into()),
        evidence: None,
    };
    let a = assess(&catalogue, &resolved, &settings);
    let ids: Vec<&str> = a
        .in_scope()
        .map(|r| catalogue.requirements[r.index].id.as_str())
        .collect();
    assert_eq!(ids, ["8.1-1", "8.1-2", "8.2.3-1"]);
    let clauses: Vec<&str> = a
        .clauses
        .iter()
        .map(|c| catalogue.clauses[c.index].id.as_str())
        .collect();
    assert_eq!(clauses, ["8", "8.1", "8.2", "8.2.3"]);
    assert!(a.findings.iter().all(|f| {
        catalogue.requirements[f.requirement]
            .clause
            .starts_with('8')
    }));
    assert_eq!(a.score, Some(16.7));
    // the verdict is about the whole system, whatever part is shown
    assert_eq!(a.verdict, Verdict::NotReady);
    assert!(
        a.reasons
            .iter()
            .any(|r| r.requirements.contains(&"9.3-1".to_string()))
    );
}
