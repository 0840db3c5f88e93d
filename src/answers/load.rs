//! Reading and validating an answers file. Every problem is collected, each with its
//! position and, where one exists, the nearest valid word or id.

use super::answer::{looks_like_split_key, read_answer, rejoin};
use super::{AnswersFile, Entry, Located, Meta, Subject};
use crate::catalogue::{Catalogue, is_clause_id, split_requirement_id};
use crate::diag::{Diagnostic, Report, afford_suggestion};
use crate::source::fields::{check_keys, date, expect_map, get, string};
use crate::source::{self, Node, Syntax, Value};

const TOP_KEYS: [&str; 2] = ["assessment", "answers"];
const META_KEYS: [&str; 6] = [
    "organization",
    "organisation",
    "scope",
    "assessor",
    "date",
    "catalogue",
];

/// Most answers a file may hold: far beyond any real assessment, small enough to bound work.
pub const MAX_ANSWERS: usize = 200_000;

/// Reads `path` (`-` for stdin) and validates it against `catalogue`. On success the report
/// holds the warnings.
pub fn load(path: &str, catalogue: &Catalogue) -> Result<(AnswersFile, Report), Report> {
    let text = source::read(path)?;
    parse(path, &text, catalogue)
}

/// Validates the answers in `text`; `path` names the file and picks TOML by extension.
pub fn parse(
    path: &str,
    text: &str,
    catalogue: &Catalogue,
) -> Result<(AnswersFile, Report), Report> {
    // The report gets the text only when it has something to show: a copy up front would
    // double the memory a big file takes.
    let mut report = Report::new(path, "");
    let syntax = Syntax::from_path(path);
    let file = match source::parse(text, syntax) {
        Ok(root) => {
            let file = read_file(path, &root, syntax, catalogue, &mut report);
            report.sort();
            file
        }
        Err(diagnostic) => {
            // Standard input has no extension to say it is TOML.
            let diagnostic = if path == "-" && diagnostic.help.is_none() {
                diagnostic
                    .help("standard input is read as YAML; to check a TOML file, pass its path")
            } else {
                diagnostic
            };
            report.push(diagnostic);
            None
        }
    };
    if !report.diagnostics.is_empty() {
        report.text = text.to_string();
    }
    match file {
        Some(file) if !report.has_errors() => Ok((file, report)),
        _ => Err(report),
    }
}

fn read_file(
    path: &str,
    root: &Node,
    syntax: Syntax,
    catalogue: &Catalogue,
    report: &mut Report,
) -> Option<AnswersFile> {
    if root.value == Value::Null {
        report.push(
            Diagnostic::error(None, "the answers file is empty")
                .help("start from a questionnaire: `iso20k init -o answers.yaml`"),
        );
        return None;
    }
    let top = expect_map(root, "an answers file", report)?;
    check_keys(top, &TOP_KEYS, "the answers file", report);
    let meta = match get(top, "assessment") {
        Some(e) => read_meta(&e.value, catalogue, report),
        None => {
            report.push(
                Diagnostic::error(root.pos, "the answers file has no `assessment` block")
                    .help("add `assessment:` with at least `organization: <name>`"),
            );
            None
        }
    };
    let entries = match get(top, "answers") {
        Some(e) => read_answers(&e.value, syntax, catalogue, report),
        None => {
            report.push(
                Diagnostic::warning(
                    root.pos,
                    "the answers file has no `answers`: every requirement is not-assessed",
                )
                .help("add `answers:` with a status per clause or requirement"),
            );
            Vec::new()
        }
    };
    Some(AnswersFile {
        path: path.to_string(),
        meta: meta?,
        entries,
    })
}

fn read_meta(node: &Node, catalogue: &Catalogue, report: &mut Report) -> Option<Meta> {
    let entries = expect_map(node, "`assessment`", report)?;
    check_keys(entries, &META_KEYS, "`assessment`", report);
    let optional_text = |key: &str, report: &mut Report| {
        get(entries, key).and_then(|e| optional_string(&e.value, key, report))
    };
    let organization = match (get(entries, "organization"), get(entries, "organisation")) {
        (Some(a), Some(b)) => {
            report.push(
                Diagnostic::error(
                    b.key_pos,
                    "both `organization` and `organisation` are given",
                )
                .help(format!(
                    "keep one; `organization` is on line {}",
                    a.key_pos.line
                )),
            );
            None
        }
        (Some(e), None) | (None, Some(e)) => match optional_string(&e.value, &e.key, report) {
            Some(name) => Some(name),
            None => {
                if matches!(e.value.value, Value::Str(_) | Value::Null) {
                    report.push(
                        Diagnostic::error(e.value.pos, "`organization` is empty").help(format!(
                            "write the organization's name, e.g. {}",
                            Syntax::from_path(&report.path)
                                .field("organization", "\"Acme Managed Services Ltd\"")
                        )),
                    );
                }
                None
            }
        },
        (None, None) => {
            report.push(
                Diagnostic::error(node.pos, "`assessment` has no `organization`")
                    .label("`organization` is required")
                    .help("add `organization: <the organization's name>`"),
            );
            None
        }
    };
    let scope = optional_text("scope", report);
    if scope.is_none()
        && get(entries, "scope")
            .is_none_or(|e| matches!(e.value.value, Value::Null | Value::Str(_)))
    {
        let (pos, message) = match get(entries, "scope") {
            Some(e) => (e.value.pos, "`scope` is empty"),
            None => (node.pos, "`assessment` has no `scope`"),
        };
        report.push(Diagnostic::warning(pos, message).help(
            "state the services and locations covered; auditors check results against the scope",
        ));
    }
    let assessor = optional_text("assessor", report);
    let date = get(entries, "date")
        .and_then(|e| date(&e.value, "date", report).map(|d| Located::new(d, e.value.pos)));
    let catalogue_id = get(entries, "catalogue").and_then(|e| {
        let id = optional_string(&e.value, "catalogue", report)?;
        if id != catalogue.id {
            report.push(
                Diagnostic::error(
                    e.value.pos,
                    format!(
                        "this file is for catalogue `{id}`, but the loaded catalogue is `{}`",
                        catalogue.id
                    ),
                )
                .help(format!(
                    "write {}, or load the right one with `--catalogue FILE`",
                    Syntax::from_path(&report.path)
                        .field("catalogue", &format!("\"{}\"", catalogue.id))
                )),
            );
        }
        Some(Located::new(id, e.value.pos))
    });
    Some(Meta {
        organization: organization?,
        scope,
        assessor,
        date,
        catalogue: catalogue_id,
    })
}

/// A string where blank means "not given".
pub(super) fn optional_string(node: &Node, field: &str, report: &mut Report) -> Option<String> {
    match &node.value {
        Value::Null => None,
        _ => string(node, field, report)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    }
}

fn read_answers(
    node: &Node,
    syntax: Syntax,
    catalogue: &Catalogue,
    report: &mut Report,
) -> Vec<Entry> {
    let items = match &node.value {
        Value::Map(items) => items,
        Value::Null => return Vec::new(),
        other => {
            report.push(
                Diagnostic::error(
                    node.pos,
                    format!(
                        "`answers` must be a mapping of ids to answers, found {}",
                        other.kind()
                    ),
                )
                .help("write one `\"<clause or requirement id>\": {status: ...}` per line"),
            );
            return Vec::new();
        }
    };
    if items.len() > MAX_ANSWERS {
        report.push(Diagnostic::error(
            node.pos,
            format!(
                "`answers` has {} entries; the limit is {MAX_ANSWERS}",
                items.len()
            ),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(items.len());
    let mut seen = std::collections::HashMap::with_capacity(items.len());
    let mut spent = 0;
    for item in items {
        let id = item.key.trim();
        if let Some(first_line) = seen.insert(id.to_string(), item.key_pos.line) {
            report.push(
                Diagnostic::error(item.key_pos, format!("`{id}` is answered twice"))
                    .label("duplicate answer")
                    .help(format!(
                        "the first answer for `{id}` is on line {first_line}; merge them into one"
                    )),
            );
            continue;
        }
        if id.is_empty() {
            report.push(
                Diagnostic::error(item.key_pos, "an answer has an empty id")
                    .label("no clause or requirement id")
                    .help("write the id of a clause (`\"8.6\"`) or requirement (`\"8.6.1-2\"`)"),
            );
            let _ = read_answer(&item.value, id, syntax, report);
            continue;
        }
        let subject = if catalogue.clause(id).is_some() {
            Subject::Clause(id.to_string())
        } else if catalogue.requirement(id).is_some() {
            Subject::Requirement(id.to_string())
        } else {
            if syntax == Syntax::Toml && is_clause_id(id) && looks_like_split_key(&item.value) {
                let meant = rejoin(id, &item.value);
                report.push(
                    Diagnostic::error(
                        item.key_pos,
                        format!("`{meant}` was read as nested TOML keys `{id}` and below"),
                    )
                    .label("an unquoted dotted key")
                    .help(format!("quote the id: [answers.\"{meant}\"]")),
                );
                continue;
            }
            // past the report's cap a suggestion would not be shown, and each search
            // compares with every id: within a budget
            let candidates = catalogue.clauses.len() + catalogue.requirements.len();
            let suggestion = if report.is_full() || !afford_suggestion(&mut spent, candidates) {
                None
            } else {
                catalogue.suggest(id)
            };
            let help = match (suggestion, split_requirement_id(id)) {
                // an answers file may also answer the clause as a whole
                (Some(h), Some((clause, _))) if h.starts_with("clause ") => {
                    format!("{h}; or answer `{clause}` as a whole")
                }
                (Some(h), _) => h,
                (None, _) => "`iso20k catalogue list` shows every clause and requirement id".into(),
            };
            let what = if is_clause_id(id) {
                "clause"
            } else if id.contains('-') {
                "requirement"
            } else {
                "clause or requirement"
            };
            report.push(
                Diagnostic::error(
                    item.key_pos,
                    format!("unknown {what} `{id}` in catalogue `{}`", catalogue.id),
                )
                .label("not in the catalogue")
                .help(help),
            );
            // Still check its fields, so their problems show in the same run.
            let _ = read_answer(&item.value, id, syntax, report);
            continue;
        };
        if let Some(answer) = read_answer(&item.value, id, syntax, report) {
            if let Some(status) = &answer.status {
                super::triggers::check_not_triggered(
                    &subject, status, catalogue, &mut spent, report,
                );
            }
            out.push(Entry {
                subject,
                key_pos: item.key_pos,
                answer,
            });
        }
    }
    out
}
