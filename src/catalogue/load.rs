//! Loading a catalogue file and checking it: every problem is collected with its position.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{
    Catalogue, Clause, DocumentedInformation, Requirement, clause_order, clause_sort_key,
    is_clause_id, parent_clause, split_requirement_id,
};
use crate::diag::{Diagnostic, Report, afford_suggestion, did_you_mean};
use crate::source::fields::{
    boolean, check_keys, expect_map, get, missing, number, required_text, take_required_text,
    take_string_list, take_text, text,
};
use crate::source::{self, Node, Syntax, Value};

/// The name shown for the built-in catalogue in messages.
pub const EMBEDDED_PATH: &str = "<embedded>/requirements/iso20000-1-2018.yaml";

const TOP_KEYS: [&str; 6] = [
    "id",
    "title",
    "version",
    "notice",
    "clauses",
    "requirements",
];
const CLAUSE_KEYS: [&str; 3] = ["id", "title", "note"];

/// The lightest weight a requirement may carry.
pub const MIN_WEIGHT: f64 = 0.01;
/// The heaviest weight a requirement may carry.
pub const MAX_WEIGHT: f64 = 1000.0;

/// Reads and validates the catalogue at `path` (YAML, or TOML by extension). On success the
/// report holds the warnings, if any.
pub fn load_file(path: &str) -> Result<(Catalogue, Report), Report> {
    let text = source::read(path)?;
    parse(path, &text)
}

/// Parses and validates a catalogue whose text is `text`; `path` names it in messages. On
/// success the report holds the warnings, if any.
pub fn parse(path: &str, text: &str) -> Result<(Catalogue, Report), Report> {
    from_tree(path, source::parse(text, Syntax::from_path(path)), text)
}

/// Validates a catalogue already read into a tree (or the error reading it); `text` is the
/// source shown with problems.
pub(super) fn from_tree(
    path: &str,
    tree: Result<Node, Diagnostic>,
    text: &str,
) -> Result<(Catalogue, Report), Report> {
    // The report gets the text only when it has something to show: a copy up front would
    // double the memory a big catalogue takes.
    let mut report = Report::new(path, "");
    let catalogue = match tree {
        Ok(mut root) => {
            let catalogue = build(&mut root, &mut report);
            report.sort();
            catalogue
        }
        Err(diagnostic) => {
            report.push(diagnostic);
            None
        }
    };
    if !report.diagnostics.is_empty() {
        report.text = text.to_string();
    }
    match catalogue {
        Some(c) if !report.has_errors() => Ok((c, report)),
        _ => Err(report),
    }
}

/// Takes the value of the first `key` of a mapping out of it, leaving an empty value.
fn take<'s>(root: &mut Node<'s>, key: &str) -> Option<Node<'s>> {
    let Value::Map(entries) = &mut root.value else {
        return None;
    };
    let entry = entries.iter_mut().find(|e| e.key == key)?;
    let pos = entry.value.pos;
    Some(std::mem::replace(
        &mut entry.value,
        Node::new(Value::Null, pos),
    ))
}

fn build(root: &mut Node, report: &mut Report) -> Option<Catalogue> {
    if root.value == Value::Null {
        report.push(Diagnostic::error(None, "the catalogue is empty"));
        return None;
    }
    let top = expect_map(root, "a catalogue", report)?;
    // `pos` is not a catalogue key; it only exists on the in-memory requirement.
    check_keys(top, &TOP_KEYS, "the catalogue", report);
    let id = required_text(top, root, "id", "the catalogue", report);
    let title = required_text(top, root, "title", "the catalogue", report);
    let version = match get(top, "version") {
        Some(e) => match &e.value.value {
            Value::Int(_) | Value::Float(_) => e.value.text().map(Cow::into_owned),
            _ => text(&e.value, "version", report),
        },
        None => {
            missing(root, "version", "the catalogue", report);
            None
        }
    };
    let notice = required_text(top, root, "notice", "the catalogue", report);

    let clauses = match get(top, "clauses") {
        Some(e) => clauses(&e.value, report),
        None => {
            missing(root, "clauses", "the catalogue", report);
            Vec::new()
        }
    };
    let mut clause_index = HashMap::new();
    let mut clauses = link_clauses(clauses, &mut clause_index, report);

    // Taken out of the tree, so each requirement's part of it is freed once read: the tree
    // and the catalogue are never both whole in memory.
    let (mut requirements, mut requirement_index) = match take(root, "requirements") {
        Some(node) => requirements(node, &clauses, &clause_index, report),
        None => {
            missing(root, "requirements", "the catalogue", report);
            (Vec::new(), HashMap::new())
        }
    };
    // A catalogue is usually written in order already: checking costs no allocation, while
    // the sort builds a key per requirement.
    if !requirements.is_sorted_by(|a, b| requirement_cmp(&a.id, &b.id).is_le()) {
        // cached: the key allocates, and a comparison sort would build it n log n times
        requirements.sort_by_cached_key(|a| requirement_order(&a.id));
        for (i, r) in requirements.iter().enumerate() {
            if let Some(at) = requirement_index.get_mut(&r.id) {
                *at = i;
            }
        }
    }
    for (i, r) in requirements.iter().enumerate() {
        if let Some(&c) = clause_index.get(&r.clause) {
            clauses[c].requirements.push(i);
        }
    }
    super::deps::check_dependencies(
        &requirements,
        &clauses,
        &clause_index,
        &requirement_index,
        report,
    );
    for clause in &clauses {
        // A note says why a leaf has no obligation of its own; without one, it was forgotten.
        if clause.is_leaf()
            && clause.requirements.is_empty()
            && clause.note.is_none()
            && !report.has_errors()
        {
            report.push(Diagnostic::warning(
                None,
                format!(
                    "leaf clause {} ({}) has no requirements",
                    clause.id, clause.title
                ),
            ));
        }
    }
    Some(Catalogue {
        id: id?,
        title: title?,
        version: version?,
        notice: notice?,
        clauses,
        requirements,
        clause_index,
        requirement_index,
    })
}

fn requirement_order(id: &str) -> (Vec<u32>, u32) {
    split_requirement_id(id).map_or((vec![u32::MAX], 0), |(c, n)| (clause_sort_key(c), n))
}

/// [`requirement_order`]'s order, compared without building the keys.
fn requirement_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    // a malformed id sorts as the clause key [u32::MAX], which is how `x` reads
    let parts = |id| split_requirement_id(id).unwrap_or(("x", 0));
    let ((a_clause, a_n), (b_clause, b_n)) = (parts(a), parts(b));
    clause_order(a_clause, b_clause).then(a_n.cmp(&b_n))
}

struct RawClause {
    id: String,
    title: String,
    note: Option<String>,
    pos: crate::diag::Pos,
}

fn clauses(node: &Node, report: &mut Report) -> Vec<RawClause> {
    let Value::Seq(items) = &node.value else {
        report.push(Diagnostic::error(
            node.pos,
            format!(
                "`clauses` must be a list of clauses, found {}",
                node.value.kind()
            ),
        ));
        return Vec::new();
    };
    let mut out: Vec<RawClause> = Vec::with_capacity(items.len());
    // id -> index in `out`: a search per clause would be quadratic in a big catalogue
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
    for item in items {
        let Some(entries) = expect_map(item, "a clause", report) else {
            continue;
        };
        check_keys(entries, &CLAUSE_KEYS, "a clause", report);
        let id = match get(entries, "id") {
            Some(e) => clause_id_value(&e.value, report),
            None => {
                missing(item, "id", "a clause", report);
                None
            }
        };
        let title = required_text(entries, item, "title", "a clause", report);
        let note = get(entries, "note").and_then(|e| text(&e.value, "note", report));
        let (Some(id), Some(title)) = (id, title) else {
            continue;
        };
        let id_pos = get(entries, "id").map_or(item.pos, |e| e.value.pos);
        if !is_clause_id(&id) {
            report.push(
                Diagnostic::error(id_pos, format!("`{id}` is not a clause number"))
                    .help("write clause numbers as digits separated by dots, e.g. \"8.5.1\""),
            );
            continue;
        }
        if let Some(first) = seen.get(&id).map(|&i| &out[i]) {
            report.push(
                Diagnostic::error(id_pos, format!("duplicate clause id `{id}`")).help(format!(
                    "clause {id} is already defined on line {}",
                    first.pos.line
                )),
            );
            continue;
        }
        seen.insert(id.clone(), out.len());
        out.push(RawClause {
            id,
            title,
            note,
            pos: id_pos,
        });
    }
    out
}

/// Clause ids may be written unquoted in YAML (`id: 8.10`), which reads as a number; this
/// takes the text as written, so `8.10` stays clause 8.10.
fn clause_id_value(node: &Node, report: &mut Report) -> Option<String> {
    match &node.value {
        Value::Int(_) | Value::Float(_) => node.text().map(Cow::into_owned),
        _ => text(node, "id", report),
    }
}

fn link_clauses(
    raw: Vec<RawClause>,
    index: &mut HashMap<String, usize>,
    report: &mut Report,
) -> Vec<Clause> {
    let mut raw = raw;
    if !raw.is_sorted_by(|a, b| clause_order(&a.id, &b.id).is_le()) {
        raw.sort_by_cached_key(|c| clause_sort_key(&c.id));
    }
    for (i, c) in raw.iter().enumerate() {
        index.insert(c.id.clone(), i);
    }
    let mut clauses: Vec<Clause> = raw
        .iter()
        .map(|c| Clause {
            id: c.id.clone(),
            title: c.title.clone(),
            note: c.note.clone(),
            parent: None,
            children: Vec::new(),
            requirements: Vec::new(),
            depth: c.id.matches('.').count(),
        })
        .collect();
    for (i, c) in raw.iter().enumerate() {
        if let Some(parent) = parent_clause(&c.id) {
            match index.get(parent) {
                Some(&p) => {
                    clauses[i].parent = Some(p);
                    clauses[p].children.push(i);
                }
                None => report.push(
                    Diagnostic::error(
                        c.pos,
                        format!("clause {} has no parent clause {parent}", c.id),
                    )
                    .help(format!("add clause {parent} to `clauses`")),
                ),
            }
        }
    }
    clauses
}

fn requirements(
    node: Node,
    clauses: &[Clause],
    clause_index: &HashMap<String, usize>,
    report: &mut Report,
) -> (Vec<Requirement>, HashMap<String, usize>) {
    let Value::Seq(items) = node.value else {
        report.push(Diagnostic::error(
            node.pos,
            format!("`requirements` must be a list, found {}", node.value.kind()),
        ));
        return (Vec::new(), HashMap::new());
    };
    let mut out: Vec<Requirement> = Vec::with_capacity(items.len());
    // id -> index in `out`: the duplicate check, then the catalogue's index
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
    // comparisons spent on "did you mean" for unknown clauses
    let mut spent = 0;
    for mut item in items {
        let Some(req) = requirement(&mut item, clauses, clause_index, &mut spent, report) else {
            continue;
        };
        if let Some(line) = seen.get(&req.id).map(|&i| out[i].pos.line) {
            report.push(
                Diagnostic::error(req.pos, format!("duplicate requirement id `{}`", req.id))
                    .label("already defined")
                    .help(format!(
                        "`{}` is first defined on line {line}; number this one differently",
                        req.id
                    )),
            );
            continue;
        }
        seen.insert(req.id.clone(), out.len());
        out.push(req);
    }
    (out, seen)
}

/// Reads one requirement; its texts are moved out of `item`, which is dropped afterwards.
fn requirement(
    item: &mut Node,
    clauses: &[Clause],
    clause_index: &HashMap<String, usize>,
    spent: &mut usize,
    report: &mut Report,
) -> Option<Requirement> {
    expect_map(item, "a requirement", report)?;
    // Messages about the requirement as a whole point at where it starts.
    let item_at = Node::new(Value::Null, item.pos);
    let Value::Map(entries) = &mut item.value else {
        return None;
    };
    let item = &item_at;
    let allowed = &super::REQUIREMENT_FIELDS;
    check_keys(entries, allowed, "a requirement", report);
    let ctx = match get(entries, "id").map(|e| &e.value.value) {
        Some(Value::Str(id)) => format!("requirement `{id}`"),
        _ => "a requirement".to_string(),
    };
    let id_entry = get(entries, "id");
    let id = required_text(entries, item, "id", &ctx, report);
    let id_pos = id_entry.map_or(item.pos, |e| e.value.pos);
    let clause = match get(entries, "clause") {
        Some(e) => clause_id_value(&e.value, report).map(|c| (c, e.value.pos)),
        None => {
            missing(item, "clause", &ctx, report);
            None
        }
    };
    if let (Some(id), Some((clause, clause_pos))) = (&id, &clause) {
        match split_requirement_id(id) {
            None => report.push(
                Diagnostic::error(id_pos, format!("`{id}` is not a requirement id")).help(format!(
                    "requirement ids are `<clause>-<n>`, e.g. `{clause}-1`"
                )),
            ),
            Some((prefix, _)) if prefix != clause => report.push(
                Diagnostic::error(
                    id_pos,
                    format!("requirement `{id}` is filed under clause {clause}"),
                )
                .help(format!(
                    "number it `{clause}-<n>`, or set `clause: \"{prefix}\"`"
                )),
            ),
            Some(_) => {}
        }
        match clause_index.get(clause) {
            None => report.push(
                Diagnostic::error(*clause_pos, format!("unknown clause `{clause}`"))
                    .label("not in `clauses`")
                    .maybe_help(
                        if report.is_full() || !afford_suggestion(spent, clauses.len()) {
                            None
                        } else {
                            did_you_mean(clause, clauses.iter().map(|c| c.id.as_str()))
                        },
                    ),
            ),
            Some(&i) if !clauses[i].is_leaf() => {
                let subs: Vec<&str> = clauses[i]
                    .children
                    .iter()
                    .map(|&c| clauses[c].id.as_str())
                    .collect();
                report.push(
                    Diagnostic::error(*clause_pos, format!("clause {clause} has sub-clauses"))
                        .help(format!(
                            "file the requirement under one of {}",
                            subs.join(", ")
                        )),
                );
            }
            Some(_) => {}
        }
    }
    let text_field = take_required_text(entries, item, "text", &ctx, report);
    let guidance = take_required_text(entries, item, "guidance", &ctx, report);
    let action = take_required_text(entries, item, "action", &ctx, report);
    let evidence = match entries.iter_mut().find(|e| e.key == "evidence") {
        Some(e) => take_string_list(&mut e.value, "evidence", report).and_then(|list| {
            if list.is_empty() {
                report.push(Diagnostic::error(
                    e.value.pos,
                    "`evidence` must list at least one item",
                ));
                None
            } else {
                Some(list)
            }
        }),
        None => {
            missing(item, "evidence", &ctx, report);
            None
        }
    };
    let documented_information = match get(entries, "documented_information") {
        Some(e) => match &e.value.value {
            Value::Str(s) => match DocumentedInformation::parse(s) {
                Some(d) => Some(d),
                None => {
                    report.push(
                        Diagnostic::error(
                            e.value.pos,
                            format!("invalid documented_information `{s}`"),
                        )
                        .help(
                            did_you_mean(s, DocumentedInformation::NAMES)
                                .unwrap_or_else(|| "expected maintain, retain or none".into()),
                        ),
                    );
                    None
                }
            },
            other => {
                report.push(Diagnostic::error(
                    e.value.pos,
                    format!(
                        "`documented_information` must be maintain, retain or none, found {}",
                        other.kind()
                    ),
                ));
                None
            }
        },
        None => {
            missing(item, "documented_information", &ctx, report);
            None
        }
    };
    let conditional = match get(entries, "conditional") {
        Some(e) => boolean(&e.value, "conditional", report),
        None => Some(false),
    };
    let condition = entries
        .iter_mut()
        .find(|e| e.key == "condition")
        .and_then(|e| take_text(&mut e.value, "condition", report));
    match (conditional, &condition) {
        (Some(true), None) if get(entries, "condition").is_none() => report.push(
            Diagnostic::error(
                get(entries, "conditional").map_or(item.pos, |e| e.value.pos),
                format!("{ctx} is conditional but has no `condition`"),
            )
            .help("add `condition:` with the situation in which the requirement applies"),
        ),
        (Some(false), Some(_)) => report.push(
            Diagnostic::error(
                get(entries, "condition").map_or(item.pos, |e| e.key_pos),
                format!("{ctx} has a `condition` but is not conditional"),
            )
            .help("add `conditional: true`, or remove `condition`"),
        ),
        _ => {}
    }
    let amendment = entries
        .iter_mut()
        .find(|e| e.key == "amendment")
        .and_then(|e| take_text(&mut e.value, "amendment", report));
    let trigger = entries
        .iter_mut()
        .find(|e| e.key == "trigger")
        .and_then(|e| take_text(&mut e.value, "trigger", report));
    // Below 0.01 a weight only distorts: a subnormal one would zero a partial score.
    let weight = match get(entries, "weight") {
        Some(e) => number(&e.value, "weight", MIN_WEIGHT, MAX_WEIGHT, report),
        None => Some(1.0),
    };
    let effort_days = match get(entries, "effort_days") {
        Some(e) => number(&e.value, "effort_days", 0.0, 10_000.0, report),
        None => {
            missing(item, "effort_days", &ctx, report);
            None
        }
    };
    let depends_on = match get(entries, "depends_on") {
        Some(e) => dependency_list(&e.value, report),
        None => Some(Vec::new()),
    };
    Some(Requirement {
        pos: id_pos,
        clause: clause?.0,
        id: id?,
        text: text_field?,
        guidance: guidance?,
        evidence: evidence?,
        documented_information: documented_information?,
        conditional: conditional?,
        condition,
        amendment,
        trigger,
        weight: weight?,
        action: action?,
        effort_days: effort_days?,
        depends_on_pos: depends_on
            .as_ref()
            .map(|d| d.iter().map(|(_, p)| *p).collect())?,
        depends_on: depends_on?.into_iter().map(|(id, _)| id).collect(),
    })
}

/// Dependencies may be clause numbers written unquoted, so numbers are taken as text too.
fn dependency_list(node: &Node, report: &mut Report) -> Option<Vec<(String, crate::diag::Pos)>> {
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        _ => vec![node],
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match &item.value {
            Value::Str(s) => out.push((s.trim().to_string(), item.pos)),
            Value::Int(_) | Value::Float(_) => {
                out.push((item.text().unwrap_or_default().into_owned(), item.pos));
            }
            other => {
                report.push(Diagnostic::error(
                    item.pos,
                    format!(
                        "items of `depends_on` must be clause or requirement ids, found {}",
                        other.kind()
                    ),
                ));
                return None;
            }
        }
    }
    Some(out)
}
