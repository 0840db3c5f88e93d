#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly
//! SPEC.md's scoring, findings and verdict written a second time, from the specification
//! alone, and compared with `iso20k assess --format json` on random answers files.
//!
//! Nothing here calls the library's engine: the catalogue's facts come from
//! `catalogue list --format json`, the answers file is written as text, and the tool runs as
//! a user runs it. Scores are computed with integer arithmetic (weights are whole numbers and
//! statuses score in halves), so a rounding difference is a real difference.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::LazyLock;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use serde_json::Value;

const AS_OF: &str = "2026-11-20";
const MAX_AGE: i64 = 365;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iso20k"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn as_of() -> NaiveDate {
    NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()
}

/// The catalogue's facts, as `catalogue list --format json` publishes them.
struct Req {
    id: String,
    clause: String,
    weight: i64,
    maintain: bool,
    retain: bool,
    conditional: bool,
    triggered: bool,
    action: String,
    effort: f64,
}

static CATALOGUE: LazyLock<Vec<Req>> = LazyLock::new(|| {
    let out = bin()
        .args(["catalogue", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    list.iter()
        .map(|r| {
            let weight = r["weight"].as_f64().unwrap();
            assert_eq!(weight.fract(), 0.0, "the model assumes whole weights");
            Req {
                id: r["id"].as_str().unwrap().into(),
                clause: r["clause"].as_str().unwrap().into(),
                weight: weight as i64,
                maintain: r["documented_information"] == "maintain",
                retain: r["documented_information"] == "retain",
                conditional: r["conditional"].as_bool().unwrap(),
                triggered: !r["trigger"].is_null(),
                action: r["action"].as_str().unwrap().into(),
                effort: r["effort_days"].as_f64().unwrap(),
            }
        })
        .collect()
});

/// `inner` is `outer` or below it.
fn under(outer: &str, inner: &str) -> bool {
    inner == outer || inner.starts_with(&format!("{outer}."))
}

fn top(clause: &str) -> &str {
    clause.split('.').next().unwrap()
}

/// One answer as generated; `None` fields are left out of the file.
#[derive(Debug, Clone, Default)]
struct Answer {
    status: Option<&'static str>,
    maturity: Option<u8>,
    evidence: Option<Vec<String>>,
    reviewed: Option<NaiveDate>,
    operated_by: Option<&'static str>,
    effort_days: Option<u8>,
    waiver_expires: Option<NaiveDate>,
}

impl Answer {
    fn yaml(&self, id: &str) -> String {
        let mut fields = Vec::new();
        if let Some(s) = self.status {
            fields.push(format!("status: {s}"));
        }
        if let Some(m) = self.maturity {
            fields.push(format!("maturity: {m}"));
        }
        if let Some(e) = &self.evidence {
            fields.push(format!("evidence: [{}]", e.join(", ")));
            if let Some(d) = self.reviewed {
                fields.push(format!("reviewed: {d}"));
            }
        }
        if let Some(p) = self.operated_by {
            fields.push(format!("operated_by: {p}"));
        }
        if let Some(d) = self.effort_days {
            fields.push(format!("effort_days: {d}"));
        }
        if let Some(d) = self.waiver_expires {
            fields.push(format!("waiver: {{reason: accepted, expires: {d}}}"));
        }
        format!("  \"{id}\": {{{}}}\n", fields.join(", "))
    }
}

/// The canonical status a word in the file stands for.
fn canonical(word: &str) -> &'static str {
    match word {
        "compliant" | "implemented" => "implemented",
        "partially-compliant" | "partial" => "partial",
        "non-compliant" | "not-implemented" => "not-implemented",
        "n/a" | "not-applicable" => "not-applicable",
        "not-triggered" => "not-triggered",
        _ => "not-assessed",
    }
}

/// What SPEC.md says one requirement resolves to.
#[derive(Debug, Default)]
struct Resolved {
    status: &'static str,
    maturity: Option<u8>,
    evidence: Vec<String>,
    reviewed: Option<NaiveDate>,
    operated_by: bool,
    own_effort: bool,
    waiver: Option<NaiveDate>,
}

/// "Each field is taken from the most specific answer that sets it", with the three
/// refinements: status (or maturity) together, `reviewed` with its `evidence`, a waiver whole.
fn resolve(req: &Req, answers: &BTreeMap<String, Answer>) -> Resolved {
    let mut chain: Vec<(&Answer, bool)> = Vec::new();
    if let Some(a) = answers.get(&req.id) {
        chain.push((a, true));
    }
    let mut clause = req.clause.as_str();
    loop {
        if let Some(a) = answers.get(clause) {
            chain.push((a, false));
        }
        match clause.rsplit_once('.') {
            Some((parent, _)) => clause = parent,
            None => break,
        }
    }
    let mut out = Resolved {
        status: "not-assessed",
        ..Resolved::default()
    };
    if let Some((a, _)) = chain
        .iter()
        .find(|(a, _)| a.status.is_some() || a.maturity.is_some())
    {
        out.status = match (a.status, a.maturity) {
            (Some(s), _) => canonical(s),
            (None, Some(0)) => "not-implemented",
            (None, Some(1 | 2)) => "partial",
            (None, Some(_)) => "implemented",
            (None, None) => unreachable!(),
        };
    }
    out.maturity = chain.iter().find_map(|(a, _)| a.maturity);
    if let Some((a, _)) = chain.iter().find(|(a, _)| a.evidence.is_some()) {
        out.evidence = a.evidence.clone().unwrap();
        out.reviewed = a.reviewed;
    }
    out.operated_by = chain.iter().any(|(a, _)| a.operated_by.is_some());
    out.own_effort = chain.iter().any(|(a, own)| *own && a.effort_days.is_some());
    out.waiver = chain.iter().find_map(|(a, _)| a.waiver_expires);
    out
}

/// Score in halves: implemented 2, partial 1, otherwise 0; `None` leaves the mean.
fn halves(status: &str, req: &Req) -> Option<i64> {
    match status {
        "implemented" => Some(2),
        "partial" => Some(1),
        "not-triggered" => None,
        "not-applicable" if req.conditional => None,
        _ => Some(0),
    }
}

fn met(status: &str, req: &Req) -> bool {
    status == "implemented"
        || status == "not-triggered"
        || (status == "not-applicable" && req.conditional)
}

/// The weighted mean as a percentage rounded half away from zero to one decimal, exactly:
/// 100 * S / W with S in halves is 50 * S2 / W, and ten times that is rounded.
fn percentage(items: impl Iterator<Item = (i64, Option<i64>)>) -> Option<f64> {
    let (mut s2, mut w) = (0_i64, 0_i64);
    for (weight, score) in items {
        if let Some(h) = score {
            s2 += weight * h;
            w += weight;
        }
    }
    (w > 0).then(|| {
        let tenths = (2 * 500 * s2 + w) / (2 * w);
        tenths as f64 / 10.0
    })
}

/// (requirement id, rule, grade, waived) for every finding SPEC.md asks for.
fn findings(res: &[Resolved]) -> BTreeSet<(String, &'static str, &'static str, bool)> {
    let cat = &*CATALOGUE;
    let unmet_823 = cat
        .iter()
        .zip(res)
        .any(|(r, x)| under("8.2.3", &r.clause) && !met(x.status, r));
    let clause_8: Vec<usize> = (0..cat.len())
        .filter(|&i| top(&cat[i].clause) == "8")
        .collect();
    let all_8_by_others = clause_8.iter().all(|&i| res[i].operated_by);
    let mut out = BTreeSet::new();
    for (r, x) in cat.iter().zip(res) {
        let waived = x.waiver.is_some_and(|d| as_of() <= d);
        let mut add = |rule: &'static str, grade: &'static str| {
            out.insert((r.id.clone(), rule, grade, waived));
        };
        match x.status {
            "not-implemented" => add("not-implemented", "major"),
            "not-assessed" => add("not-assessed", "major"),
            "not-applicable" if !r.conditional => add("exclusion", "major"),
            "partial" => add("partial", "minor"),
            _ => {}
        }
        if x.operated_by {
            match top(&r.clause) {
                "4" | "5" => add("operated-by-in-4-5", "major"),
                _ if unmet_823 => add("uncontrolled-other-party", "minor"),
                _ => {}
            }
        }
        if all_8_by_others && under("8.2.3", &r.clause) {
            add("all-operated-by-others", "major");
        }
        if x.status == "implemented" {
            match (x.evidence.is_empty(), x.reviewed) {
                (true, _) => add("no-evidence", "observation"),
                (false, None) => add("undated-evidence", "observation"),
                (false, Some(d)) if d > as_of() => add("undated-evidence", "observation"),
                (false, Some(d)) if (as_of() - d).num_days() > MAX_AGE => {
                    add("stale-evidence", "observation")
                }
                _ => {}
            }
        }
        if x.waiver.is_some_and(|d| as_of() > d) {
            add("waiver-expired", "observation");
        }
    }
    out
}

/// Stage 1: every `maintain` requirement met, every 9.2 and 9.3 requirement at least
/// partial; stage 2: also every 9.2, 9.3 and `retain` requirement met and no major finding.
fn verdict(res: &[Resolved], majors: bool) -> &'static str {
    let cat = &*CATALOGUE;
    let review = |r: &Req| under("9.2", &r.clause) || under("9.3", &r.clause);
    let pairs = || cat.iter().zip(res);
    let stage1 = pairs().all(|(r, x)| !r.maintain || met(x.status, r))
        && pairs().all(|(r, x)| !review(r) || met(x.status, r) || x.status == "partial");
    let stage2 =
        stage1 && pairs().all(|(r, x)| !(review(r) || r.retain) || met(x.status, r)) && !majors;
    if stage2 {
        "stage-2-ready"
    } else if stage1 {
        "stage-1-ready"
    } else {
        "not-ready"
    }
}

fn mean_maturity(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (mut sum, mut n) = (0_i64, 0_i64);
    for v in values {
        sum += i64::from(v);
        n += 1;
    }
    (n > 0).then(|| ((20 * sum + n) / (2 * n)) as f64 / 10.0)
}

fn date_near() -> impl Strategy<Value = NaiveDate> {
    (-900_i64..150).prop_map(|d| as_of() + Duration::days(d))
}

fn answer(id: String) -> impl Strategy<Value = (String, Answer)> {
    let triggered = CATALOGUE.iter().any(|r| r.id == id && r.triggered);
    let mut words = vec![
        "implemented",
        "partial",
        "not-implemented",
        "not-applicable",
        "not-assessed",
        "compliant",
        "partially-compliant",
        "n/a",
    ];
    if triggered {
        words.extend(["not-triggered", "not-triggered"]);
    }
    let evidence = prop::collection::vec(prop::sample::select(vec!["a.docx", "b.pdf"]), 0..3)
        .prop_map(|v| v.into_iter().map(String::from).collect::<Vec<_>>());
    (
        prop::option::weighted(0.8, prop::sample::select(words)),
        prop::option::weighted(0.3, 0_u8..6),
        prop::option::weighted(0.6, evidence),
        prop::option::weighted(0.7, date_near()),
        prop::option::weighted(0.15, Just("Contoso")),
        prop::option::weighted(0.1, 1_u8..9),
        prop::option::weighted(0.1, date_near()),
    )
        .prop_map(
            move |(status, maturity, evidence, reviewed, operated_by, effort_days, waiver)| {
                (
                    id.clone(),
                    Answer {
                        status,
                        maturity,
                        evidence,
                        reviewed,
                        operated_by,
                        effort_days,
                        waiver_expires: waiver,
                    },
                )
            },
        )
}

/// A random answers file: clause and requirement answers mixed, sometimes with every
/// requirement of clause 8 operated by another party.
fn answers() -> impl Strategy<Value = BTreeMap<String, Answer>> {
    let clauses = [
        "4", "4.1", "5", "5.1", "6", "7.5", "7.5.4", "8", "8.2.3", "8.3.4", "8.6", "8.6.1", "9",
        "9.2", "9.3", "10", "10.1",
    ];
    let ids: Vec<String> = clauses
        .iter()
        .map(|c| (*c).to_string())
        .chain(CATALOGUE.iter().map(|r| r.id.clone()))
        .collect();
    let entry = prop::sample::select(ids).prop_flat_map(answer);
    (prop::collection::vec(entry, 0..40), any::<bool>()).prop_map(|(entries, all_8)| {
        let mut map: BTreeMap<String, Answer> = entries.into_iter().collect();
        if all_8 {
            let eight = map.entry("8".into()).or_default();
            eight.operated_by = Some("Contoso");
        }
        map
    })
}

fn assess(answers: &BTreeMap<String, Answer>) -> Value {
    let mut text = format!(
        "assessment:\n  organization: Model Ltd\n  scope: all services\n  date: {AS_OF}\nanswers:\n"
    );
    for (id, a) in answers {
        text.push_str(&a.yaml(id));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    std::fs::write(&path, &text).unwrap();
    let out = bin()
        .args(["assess", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_tool_scores_grades_and_judges_as_the_spec_says(answers in answers()) {
        let cat = &*CATALOGUE;
        let json = assess(&answers);
        let res: Vec<Resolved> = cat.iter().map(|r| resolve(r, &answers)).collect();

        // statuses, per requirement
        let statuses: Vec<(&str, &str)> = json["requirements"].as_array().unwrap().iter()
            .map(|r| (r["id"].as_str().unwrap(), r["status"].as_str().unwrap()))
            .collect();
        let expected: Vec<(&str, &str)> =
            cat.iter().zip(&res).map(|(r, x)| (r.id.as_str(), x.status)).collect();
        prop_assert_eq!(statuses, expected);

        // the overall score and every clause's
        let overall = percentage(cat.iter().zip(&res).map(|(r, x)| (r.weight, halves(x.status, r))));
        prop_assert_eq!(json["summary"]["score"].as_f64(), overall);
        for c in json["clauses"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            let below = || cat.iter().zip(&res).filter(|(r, _)| under(id, &r.clause));
            let score = percentage(below().map(|(r, x)| (r.weight, halves(x.status, r))));
            prop_assert_eq!(c["score"].as_f64(), score, "clause {}", id);
            let maturity = mean_maturity(below().filter_map(|(_, x)| x.maturity));
            prop_assert_eq!(c["maturity"].as_f64(), maturity, "maturity of {}", id);
            let applicable = below()
                .filter(|(r, x)| x.status != "not-triggered"
                    && !(x.status == "not-applicable" && r.conditional))
                .count();
            prop_assert_eq!(c["counts"]["applicable"].as_u64(), Some(applicable as u64));
            let met_count = below().filter(|(r, x)| met(x.status, r)).count();
            prop_assert_eq!(c["met"].as_u64(), Some(met_count as u64));
        }
        prop_assert_eq!(
            json["summary"]["maturity"].as_f64(),
            mean_maturity(res.iter().filter_map(|x| x.maturity))
        );

        // findings: rule, grade and waived, per requirement
        let expected = findings(&res);
        let actual: BTreeSet<(String, &str, &str, bool)> = json["findings"].as_array().unwrap()
            .iter()
            .map(|f| (
                f["requirement"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap(),
                f["grade"].as_str().unwrap(),
                f["waived"].as_bool().unwrap(),
            ))
            .collect();
        let expected_view: BTreeSet<(String, &str, &str, bool)> =
            expected.iter().map(|(i, r, g, w)| (i.clone(), *r, *g, *w)).collect();
        prop_assert_eq!(&actual, &expected_view);

        // remediation: the catalogue's action only for what is not built, with its effort
        for f in json["findings"].as_array().unwrap() {
            let id = f["requirement"].as_str().unwrap();
            let i = cat.iter().position(|r| r.id == id).unwrap();
            let rule = f["rule"].as_str().unwrap();
            let text = f["action"]["text"].as_str().unwrap();
            let days = f["action"]["effort_days"].as_f64().unwrap();
            let builds = matches!(rule, "not-implemented" | "not-assessed" | "partial" | "exclusion");
            prop_assert_eq!(text == cat[i].action, builds, "{} {}: {}", id, rule, text);
            prop_assert!(!text.is_empty() && days > 0.0);
            if !res[i].own_effort {
                let expected_days = match rule {
                    "partial" => Some(cat[i].effort / 2.0),
                    "not-implemented" | "not-assessed" | "exclusion" => Some(cat[i].effort),
                    "no-evidence" | "undated-evidence" | "stale-evidence" | "waiver-expired" => Some(0.5),
                    _ => None,
                };
                if let Some(expected_days) = expected_days {
                    prop_assert_eq!(days, expected_days, "{} {}", id, rule);
                }
            }
        }

        // the verdict, which waivers do not change
        let majors = expected.iter().any(|(_, _, g, _)| *g == "major");
        prop_assert_eq!(json["summary"]["verdict"].as_str(), Some(verdict(&res, majors)));
    }
}
