//! Policy files: gate settings kept in a TOML file beside the answers, so a CI job and an
//! auditor apply the same rules.
//!
//! ```toml
//! fail_under = 80
//! fail_on = "major"
//! require = ["9.2", "9.3"]
//! evidence_max_age = 365
//! stage2_audit = 2027-09-15   # a booked audit date `plan` judges
//! [clauses]
//! "8.5" = 90
//! ```

use crate::assess::Grade;
use crate::assess::gates::GateConfig;
use crate::catalogue::Catalogue;
use crate::diag::{Diagnostic, Report, did_you_mean};
use crate::source::fields::{check_keys, expect_map, get, number};
use crate::source::{self, Node, Syntax, Value};

const KEYS: [&str; 7] = [
    "fail_under",
    "fail_on",
    "require",
    "evidence_max_age",
    "clauses",
    crate::plan::files::AUDIT_KEYS[0],
    crate::plan::files::AUDIT_KEYS[1],
];

/// A policy: gates, the evidence age limit and booked audit dates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Policy {
    pub gates: GateConfig,
    pub evidence_max_age: Option<u32>,
    /// Booked audits, judged by `plan` (`stage1_audit`, `stage2_audit`).
    pub stage_1_audit: Option<chrono::NaiveDate>,
    pub stage_2_audit: Option<chrono::NaiveDate>,
}

/// Reads and validates the policy at `path` against `catalogue` (clause ids must exist).
pub fn load(path: &str, catalogue: &Catalogue) -> Result<Policy, Report> {
    let text = source::read(path)?;
    parse(path, &text, catalogue)
}

/// Validates the policy in `text`.
pub fn parse(path: &str, text: &str, catalogue: &Catalogue) -> Result<Policy, Report> {
    let (root, mut report) = source::parse_settings(path, text, Syntax::from_path(path))?;
    let mut policy = Policy::default();
    if root.value != Value::Null
        && let Some(entries) = expect_map(&root, "a policy", &mut report)
    {
        check_keys(entries, &KEYS, "the policy", &mut report);
        read(entries, catalogue, &mut policy, &mut report);
    }
    report.sort();
    if report.has_errors() {
        Err(report)
    } else {
        Ok(policy)
    }
}

fn read(
    entries: &[source::Entry],
    catalogue: &Catalogue,
    policy: &mut Policy,
    report: &mut Report,
) {
    (policy.stage_1_audit, policy.stage_2_audit) = crate::plan::files::audit_dates(entries, report);
    if let Some(e) = get(entries, "fail_under") {
        policy.gates.fail_under = number(&e.value, "fail_under", 0.0, 100.0, report);
    }
    if let Some(e) = get(entries, "fail_on") {
        policy.gates.fail_on = match &e.value.value {
            Value::Str(word) => match Grade::parse(word) {
                Some(g) => Some(g),
                None => {
                    report.push(
                        Diagnostic::error(e.value.pos, format!("invalid grade `{word}`")).help(
                            did_you_mean(word, Grade::NAMES)
                                .unwrap_or_else(|| "expected major, minor or observation".into()),
                        ),
                    );
                    None
                }
            },
            other => {
                report.push(Diagnostic::error(
                    e.value.pos,
                    format!(
                        "`fail_on` must be major, minor or observation, found {}",
                        other.kind()
                    ),
                ));
                None
            }
        };
    }
    if let Some(e) = get(entries, "evidence_max_age") {
        policy.evidence_max_age = match &e.value.value {
            Value::Int(days) if (0..=36_500).contains(days) => u32::try_from(*days).ok(),
            _ => {
                report.push(
                    Diagnostic::error(
                        e.value.pos,
                        "`evidence_max_age` must be a whole number of days from 0 to 36500",
                    )
                    .help("write e.g. `evidence_max_age = 365`"),
                );
                None
            }
        };
    }
    if let Some(e) = get(entries, "require") {
        let items: Vec<&Node> = match &e.value.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![&e.value],
        };
        for item in items {
            if let Some(id) = clause_ref(item, "require", catalogue, report) {
                policy.gates.require.push(id);
            }
        }
    }
    if let Some(e) = get(entries, "clauses")
        && let Some(minimums) = expect_map(&e.value, "`clauses`", report)
    {
        for m in minimums {
            let id = m.key.trim();
            // `[clauses]` then `8.5 = 90` unquoted is TOML for `8 = { 5 = 90 }`.
            if let Value::Map(inner) = &m.value.value
                && let [only] = inner.as_slice()
                && only.key.bytes().all(|b| b.is_ascii_digit())
            {
                let meant = format!("{id}.{}", only.key);
                report.push(
                    Diagnostic::error(m.key_pos, format!("`{meant}` was read as nested TOML keys"))
                        .label("an unquoted dotted key")
                        .help(format!("quote the clause: \"{meant}\" = ...")),
                );
                continue;
            }
            if catalogue.clause(id).is_none() {
                report.push(
                    Diagnostic::error(m.key_pos, format!("unknown clause `{id}`"))
                        .maybe_help(catalogue.suggest(id)),
                );
                continue;
            }
            if let Some(min) = number(&m.value, id, 0.0, 100.0, report) {
                policy.gates.clause_minimums.push((id.to_string(), min));
            }
        }
    }
}

fn clause_ref(
    node: &Node,
    field: &str,
    catalogue: &Catalogue,
    report: &mut Report,
) -> Option<String> {
    let id = match &node.value {
        Value::Str(s) => s.trim().to_string(),
        // an unquoted `8.10` is clause 8.10 as written, not the number 8.1
        Value::Int(_) | Value::Float(_) => node.text().unwrap_or_default().into_owned(),
        other => {
            report.push(Diagnostic::error(
                node.pos,
                format!(
                    "items of `{field}` must be clause ids, found {}",
                    other.kind()
                ),
            ));
            return None;
        }
    };
    if catalogue.clause(&id).is_none() {
        report.push(
            Diagnostic::error(node.pos, format!("unknown clause `{id}`"))
                .maybe_help(catalogue.suggest(&id)),
        );
        return None;
    }
    Some(id)
}
