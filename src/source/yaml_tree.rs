//! YAML into a [`Node`] tree through serde-saphyr.
//!
//! serde-saphyr does the parsing, with its budget against alias bombs and deep nesting; a
//! small visitor here turns what it reports into our tree. Keys are asked for as strings so
//! an unquoted `8.10:` keeps its spelling instead of becoming the number 8.1, and duplicate
//! keys are passed through so the validator can report all of them.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, NonFiniteFloatPolicy, Spanned};

use super::{Entry, Node, Value};
use crate::diag::{Diagnostic, Pos};

/// Deepest nesting accepted: no file of ours nests more than five levels, and a shallow limit
/// keeps the recursive parse well inside a 2 MiB thread stack even in a debug build.
pub const MAX_DEPTH: usize = 20;

/// Most values that aliases (`*name`) may expand to, in all: generous for a file that reuses
/// a few lists, small enough that an alias bomb ends in milliseconds with little memory.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

/// Most YAML events (values, keys, starts and ends of lists and mappings) in one file: far
/// beyond a 50,000-requirement catalogue (about 2 million), small enough to bound memory.
pub const MAX_EVENTS: usize = 20_000_000;

pub(super) fn parse(text: &str) -> Result<Node<'static>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos::new(1, 1),
        });
    }
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_reader_input_bytes = Some(super::MAX_FILE_BYTES);
    budget.max_total_scalar_bytes = super::MAX_FILE_BYTES;
    budget.max_events = MAX_EVENTS;
    budget.max_nodes = MAX_EVENTS;
    budget.max_documents = 1;
    budget.max_recorded_anchor_events = MAX_ALIAS_EXPANSION;
    budget.max_recorded_anchor_bytes = super::MAX_FILE_BYTES / 4;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EXPANSION;
    // Comments are not needed, and keeping them would make a long run of comment lines
    // (a commented-out block of answers) fail with "too many buffered comments".
    options.emit_comments = false;
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    // Only `true` and `false` are booleans: `scope: y` or `owner: no` stay text.
    options.strict_booleans = true;
    // `.nan` and `.inf` reach the validator, which names the field they are wrong for
    // (as it does for TOML), instead of stopping the whole file at the first one.
    options.non_finite_float_policy = NonFiniteFloatPolicy::PassThrough;
    // A key written `null:` or `~:` is kept as its text, so it is reported as an unknown
    // key or id rather than as a deserializer type error.
    options.null_as_string = true;
    match serde_saphyr::from_str_with_options::<Spanned<SpannedValue>>(text, options) {
        Ok(spanned) => Ok(to_node(spanned)),
        Err(err) => {
            let pos = err
                .location()
                .map(|l| Pos::new(clamp(l.line()), clamp(l.column())));
            let rendered = err.without_snippet().render();
            let rendered = rendered.trim().trim_start_matches("error: ");
            let (message, help) = match limit_message(&err, rendered) {
                Some((message, help)) => (message, Some(help)),
                None => (
                    format!("invalid YAML: {}", first_line(rendered)),
                    syntax_help(rendered),
                ),
            };
            Err(Diagnostic::error(pos, message).maybe_help(help))
        }
    }
}

/// A plain-words message and help for the limits that protect against hostile input, in
/// place of saphyr's budget report.
fn limit_message(err: &serde_saphyr::Error, rendered: &str) -> Option<(String, String)> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    let mut inner = err;
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = inner {
        inner = error;
    }
    let alias_bomb = || {
        Some((
            format!(
                "the file's aliases (`*name`) expand to more than {MAX_ALIAS_EXPANSION} values"
            ),
            "this looks like an alias bomb; write the values out, or reuse fewer of them".into(),
        ))
    };
    match inner {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => Some(too_deep()),
            BudgetBreach::Documents { .. } => Some((
                "the file holds more than one YAML document".into(),
                "remove the `---` line: put everything in one document".into(),
            )),
            BudgetBreach::Events { .. } | BudgetBreach::Nodes { .. } => Some((
                format!("the file has more than {MAX_EVENTS} YAML values"),
                "split it, or check that it is the file you meant".into(),
            )),
            BudgetBreach::ScalarBytes { .. } => Some((
                format!(
                    "the file's text is larger than the {} MiB limit",
                    super::MAX_FILE_BYTES / (1024 * 1024)
                ),
                "split it, or check that it is the file you meant".into(),
            )),
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. } => alias_bomb(),
            _ => None,
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => alias_bomb(),
        _ if rendered.contains("recursion limit exceeded") => Some(too_deep()),
        _ => None,
    }
}

fn too_deep() -> (String, String) {
    (
        format!("the YAML nests deeper than {MAX_DEPTH} levels"),
        "answers files and catalogues nest a few levels at most; check the indentation and brackets"
            .into(),
    )
}

/// Help for syntax errors a person commonly makes.
fn syntax_help(message: &str) -> Option<String> {
    if message.contains("tabs disallowed") {
        Some("indent with spaces: YAML does not allow tabs for indentation".into())
    } else {
        None
    }
}

/// The first line of saphyr's message, without the position it repeats at its end.
fn first_line(message: &str) -> &str {
    let line = message.lines().next().unwrap_or(message);
    let line = match line.rfind(" at line ") {
        Some(at) => &line[..at],
        None => line,
    };
    line.trim_end_matches(|c: char| c == '.' || c.is_whitespace())
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn pos_of<T>(spanned: &Spanned<T>) -> Pos {
    let at = spanned.referenced;
    Pos::new(clamp(at.line()), clamp(at.column()))
}

fn to_node(spanned: Spanned<SpannedValue>) -> Node<'static> {
    let mut pos = pos_of(&spanned);
    if let Value::Str(s) = &spanned.value.0
        && !s.contains('\n')
    {
        pos = pos.with_len(s.chars().count());
    }
    Node {
        value: spanned.value.0,
        pos,
    }
}

/// A [`Value`] whose children carry their positions.
struct SpannedValue(Value<'static>);

/// A mapping key read as the text the user wrote.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a plain key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        deserializer.deserialize_string(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for SpannedValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = SpannedValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<SpannedValue, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<SpannedValue, E> {
        Ok(SpannedValue(match i64::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(v as f64),
        }))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<SpannedValue, E> {
        Ok(SpannedValue(match i64::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(v as f64),
        }))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<SpannedValue, E> {
        Ok(SpannedValue(match i64::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(v as f64),
        }))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Str(Cow::Owned(v.to_string()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Str(Cow::Owned(v))))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<SpannedValue, E> {
        Ok(SpannedValue(Value::Str(Cow::Owned(
            String::from_utf8_lossy(v).into_owned(),
        ))))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SpannedValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<SpannedValue>>()? {
            items.push(to_node(item));
        }
        Ok(SpannedValue(Value::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SpannedValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let key_pos = pos_of(&key);
            let text = key.value.0;
            let value = to_node(map.next_value::<Spanned<SpannedValue>>()?);
            entries.push(Entry {
                key_pos: key_pos.with_len(text.chars().count()),
                key: Cow::Owned(text),
                value,
            });
        }
        Ok(SpannedValue(Value::Map(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map<'a, 's>(node: &'a Node<'s>) -> &'a [Entry<'s>] {
        match &node.value {
            Value::Map(entries) => entries,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn keeps_the_spelling_of_numeric_keys() {
        let node = parse("4: a\n8.10: b\n8.6: c\n").unwrap();
        let keys: Vec<&str> = map(&node).iter().map(|e| e.key.as_ref()).collect();
        assert_eq!(keys, ["4", "8.10", "8.6"]);
    }

    #[test]
    fn records_positions_and_duplicates() {
        let node = parse("a: 1\nb:\n  c: x\na: 2\n").unwrap();
        let entries = map(&node);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[2].key, "a");
        assert_eq!(entries[2].key_pos.line, 4);
        let inner = map(&entries[1].value);
        assert_eq!(inner[0].value.pos, Pos::new(3, 6).with_len(1));
        assert_eq!(inner[0].value.value, Value::Str("x".into()));
    }

    #[test]
    fn dates_stay_text_and_crlf_is_accepted() {
        let node = parse("d: 2026-11-20\r\nn: 3\r\n").unwrap();
        let entries = map(&node);
        assert_eq!(entries[0].value.value, Value::Str("2026-11-20".into()));
        assert_eq!(entries[1].value.value, Value::Int(3));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.pos.is_some(), "{err:?}");
        assert!(err.message.starts_with("invalid YAML"), "{err:?}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&text).is_err());
    }
}
