//! One answer's fields: status or maturity, evidence and its review date, owners and other
//! parties, target, effort and waiver, each checked where it is read.

use super::load::optional_string;
use super::{Answer, Located, Status, Waiver};
use crate::diag::{Diagnostic, Report, did_you_mean};
use crate::source::fields::{check_keys, date, get, number, string_list};
use crate::source::{Node, Syntax, Value};

/// The most evidence items one answer may list: a generous bound for real answers (which
/// name documents and registers, not each record) that keeps a hostile list from costing
/// memory far beyond its size.
pub const MAX_EVIDENCE: usize = 1_000;

/// The fields of an answer, in the order the questionnaire and messages list them.
pub const ANSWER_KEYS: [&str; 11] = [
    "status",
    "maturity",
    "owner",
    "evidence",
    "reviewed",
    "notes",
    "operated_by",
    "supported_by",
    "target",
    "effort_days",
    "waiver",
];
const WAIVER_KEYS: [&str; 3] = ["reason", "approved_by", "expires"];

/// The id a user meant by `[answers.8.6.1]`: follows single numeric keys back down.
pub(super) fn rejoin(id: &str, node: &Node) -> String {
    let mut meant = id.to_string();
    let mut at = node;
    while let Value::Map(entries) = &at.value {
        match entries.as_slice() {
            [only] if !only.key.is_empty() && only.key.bytes().all(|b| b.is_ascii_digit()) => {
                meant.push('.');
                meant.push_str(&only.key);
                at = &only.value;
            }
            _ => break,
        }
    }
    meant
}

/// True when a TOML table has purely numeric keys: `[answers.8.6.1]` nests `8` → `6` → `1`.
pub(super) fn looks_like_split_key(node: &Node) -> bool {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .any(|e| !e.key.is_empty() && e.key.bytes().all(|b| b.is_ascii_digit())),
        _ => false,
    }
}

pub(super) fn read_answer(
    node: &Node,
    id: &str,
    syntax: Syntax,
    report: &mut Report,
) -> Option<Answer> {
    // Shorthand: `"4.1": implemented`.
    if let Value::Str(word) = &node.value {
        let status = read_status(node, word, report)?;
        return Some(Answer {
            status: Some(Located::new(status, node.pos)),
            ..Answer::default()
        });
    }
    if node.value == Value::Null {
        return Some(Answer::default());
    }
    let Value::Map(entries) = &node.value else {
        let status = Syntax::from_path(&report.path).field("status", "\"implemented\"");
        let message = format!(
            "the answer for `{id}` must be a mapping or a status, found {}",
            node.value.kind()
        );
        report.push(Diagnostic::error(node.pos, message).help(format!(
            "write {status} (and optionally owner, evidence, ...) under the id"
        )));
        return None;
    };
    if syntax == Syntax::Toml && looks_like_split_key(node) {
        let meant = rejoin(id, node);
        report.push(
            Diagnostic::error(
                node.pos,
                format!("`{meant}` was read as nested TOML keys `{id}` and below"),
            )
            .label("an unquoted dotted key")
            .help(format!("quote the id: [answers.\"{meant}\"]")),
        );
        return None;
    }
    check_keys(
        entries,
        &ANSWER_KEYS,
        &format!("the answer for `{id}`"),
        report,
    );
    let mut answer = Answer::default();
    let mut ok = true;
    for entry in entries {
        let v = &entry.value;
        let pos = v.pos;
        let before = report.error_count();
        // `status:` with nothing after it (as the questionnaire writes) is a field not yet
        // filled in: it sets nothing, so a clause answer above still applies.
        if v.value == Value::Null && entry.key != "waiver" {
            continue;
        }
        match entry.key.as_ref() {
            "status" => {
                answer.status = match &v.value {
                    Value::Str(word) => read_status(v, word, report),
                    other => {
                        report.push(
                            Diagnostic::error(
                                pos,
                                format!("`status` must be a status word, found {}", other.kind()),
                            )
                            .help(format!("expected one of: {}", Status::WORDS.join(", "))),
                        );
                        None
                    }
                }
                .map(|s| Located::new(s, pos));
            }
            "maturity" => {
                answer.maturity = match &v.value {
                    Value::Int(level) if (0..=5).contains(level) => {
                        Some(Located::new(*level as u8, pos))
                    }
                    Value::Int(level) => {
                        report.push(
                            Diagnostic::error(pos, format!("maturity {level} is outside 0-5"))
                                .label("expected 0 to 5")
                                .help("0 not performed, 1-2 partly in place, 3 defined, 4 measured, 5 optimised"),
                        );
                        None
                    }
                    other => {
                        report.push(
                            Diagnostic::error(
                                pos,
                                format!(
                                    "`maturity` must be a whole number from 0 to 5, found {}",
                                    other.kind()
                                ),
                            )
                            .help(format!(
                                "write e.g. {}",
                                Syntax::from_path(&report.path).field("maturity", "3")
                            )),
                        );
                        None
                    }
                };
            }
            "evidence" if matches!(&v.value, Value::Seq(items) if items.len() > MAX_EVIDENCE) => {
                let count = match &v.value {
                    Value::Seq(items) => items.len(),
                    _ => 0,
                };
                report.push(
                    Diagnostic::error(
                        pos,
                        format!("`evidence` lists {count} items; an answer takes at most {MAX_EVIDENCE}"),
                    )
                    .label("too many evidence items")
                    .help("name the folder or register that holds the records (e.g. `Incident records 2026 (ITSM export)`) rather than each record"),
                );
            }
            "evidence" => {
                answer.evidence =
                    string_list(v, "evidence", report).map(|e| Located::new(e.into(), pos));
                answer.evidence_at = match &v.value {
                    Value::Seq(items) => items.iter().map(|item| item.pos).collect(),
                    _ => [pos].into(),
                };
            }
            "reviewed" => {
                answer.reviewed = date(v, "reviewed", report).map(|d| Located::new(d, pos))
            }
            "target" => answer.target = date(v, "target", report).map(|d| Located::new(d, pos)),
            "owner" => {
                answer.owner = optional_string(v, "owner", report).map(|s| Located::new(s, pos))
            }
            "notes" => {
                answer.notes = optional_string(v, "notes", report).map(|s| Located::new(s, pos))
            }
            "operated_by" => {
                answer.operated_by =
                    optional_string(v, "operated_by", report).map(|s| Located::new(s, pos))
            }
            "supported_by" => {
                answer.supported_by =
                    optional_string(v, "supported_by", report).map(|s| Located::new(s, pos))
            }
            "effort_days" => {
                answer.effort_days =
                    number(v, "effort_days", 0.0, 10_000.0, report).map(|d| Located::new(d, pos))
            }
            "waiver" => answer.waiver = read_waiver(v, id, report),
            _ => {}
        }
        ok &= report.error_count() == before;
    }
    if let (Some(status), Some(maturity)) = (&answer.status, &answer.maturity) {
        let implied = Status::from_maturity(maturity.value);
        if status.value != implied
            && matches!(
                status.value,
                Status::Implemented | Status::Partial | Status::NotImplemented
            )
        {
            report.push(
                Diagnostic::warning(
                    maturity.pos,
                    format!(
                        "maturity {} suggests {}, but the status says {}",
                        maturity.value,
                        implied.as_str(),
                        status.value.as_str()
                    ),
                )
                .help("the status wins; align the two so the file reads consistently"),
            );
        }
    }
    if let (Some(reviewed), None) = (&answer.reviewed, &answer.evidence) {
        report.push(
            Diagnostic::warning(
                reviewed.pos,
                "`reviewed` without `evidence` in the same answer is ignored",
            )
            .help("a review date belongs to the evidence it dates: list the evidence beside it"),
        );
    }
    ok.then_some(answer)
}

fn read_status(node: &Node, word: &str, report: &mut Report) -> Option<Status> {
    match Status::parse(word) {
        Some(status) => Some(status),
        None => {
            let help = did_you_mean(word, Status::WORDS)
                .unwrap_or_else(|| format!("expected one of: {}", Status::WORDS[..6].join(", ")));
            report.push(
                Diagnostic::error(node.pos, format!("invalid status `{word}`"))
                    .label("not a status")
                    .help(help),
            );
            None
        }
    }
}

fn read_waiver(node: &Node, id: &str, report: &mut Report) -> Option<Waiver> {
    let Value::Map(entries) = &node.value else {
        let help = match Syntax::from_path(&report.path) {
            Syntax::Yaml => {
                "write `waiver: {reason: \"...\", approved_by: \"...\", expires: 2027-01-31}`"
            }
            Syntax::Toml => {
                "write `waiver = { reason = \"...\", approved_by = \"...\", expires = 2027-01-31 }`"
            }
        };
        let message = format!("`waiver` must be a mapping, found {}", node.value.kind());
        report.push(Diagnostic::error(node.pos, message).help(help));
        return None;
    };
    check_keys(
        entries,
        &WAIVER_KEYS,
        &format!("the waiver of `{id}`"),
        report,
    );
    let reason = match get(entries, "reason") {
        Some(e) => optional_string(&e.value, "reason", report).or_else(|| {
            report.push(
                Diagnostic::error(e.value.pos, "the waiver's `reason` is empty")
                    .help("say why the gap is accepted"),
            );
            None
        }),
        None => {
            report.push(
                Diagnostic::error(node.pos, format!("the waiver of `{id}` has no `reason`"))
                    .label("`reason` is required")
                    .help("add `reason: \"...\"`: an auditor will ask why the gap is accepted"),
            );
            None
        }
    };
    let approved_by =
        get(entries, "approved_by").and_then(|e| optional_string(&e.value, "approved_by", report));
    let expires = match get(entries, "expires") {
        Some(e) => date(&e.value, "expires", report).map(|d| Located::new(d, e.value.pos)),
        None => {
            report.push(
                Diagnostic::error(
                    node.pos,
                    format!("the waiver of `{id}` has no `expires` date"),
                )
                .label("`expires` is required")
                .help("add `expires: YYYY-MM-DD`: a waiver without an end date is an exclusion"),
            );
            None
        }
    };
    Some(Waiver {
        reason: reason?,
        approved_by,
        expires: expires?,
        pos: node.pos,
    })
}
