//! YAML into a [`Node`] tree, built from granit-parser's events.
//!
//! granit-parser is a pull parser: it hands out one event at a time (a scalar, the start or
//! end of a list or mapping, an alias) with its span, and never recurses. The builder here
//! keeps an explicit stack of open collections, so nesting costs no call stack, and it owns
//! the limits that protect against hostile input as plain counters: depth, values that
//! aliases expand to, and values per byte of input. Each scalar keeps the text it was
//! written with and its style, so an unquoted `1.20` is still the id `1.20` to a caller that
//! wants an id, while a caller that wants a number gets 1.2.

use std::borrow::Cow;

use granit_parser::{ErrorKind, Event, Marker, Parser, ScalarStyle, ScanError, Span};

use super::scalar::resolve_plain;
use super::{Entry, Node, Style, Value};
use crate::diag::{Diagnostic, Pos};

/// Deepest nesting accepted: no file of ours nests more than five levels, and a shallow limit
/// keeps every recursive walk of the tree (drop, clone, validation) trivially cheap.
pub const MAX_DEPTH: usize = 20;

/// Most values that aliases (`*name`) may expand to, in all: generous for a file that reuses
/// a few lists, small enough that an alias bomb ends in milliseconds with little memory.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

/// Bytes of input per value (key, scalar, list or mapping) allowed beyond [`VALUES_SLACK`].
/// A tree node takes 64 bytes and lists grow no further than the limit, so a large file's
/// tree stays under six times the size of its text; real catalogues have one value per 20
/// to 40 bytes.
pub const BYTES_PER_VALUE: usize = 12;

/// Values any file may have whatever its size: the tersest answers files (`8.1: n/a` lines,
/// one value per 5 bytes) stay under it up to the 200,000-answer limit, and a file of tiny
/// values at the limit takes 64 MB.
pub const VALUES_SLACK: usize = 1_000_000;

/// An open collection: where its values start in the builder's shared item or entry stack,
/// where it starts in the file and the anchor it defines.
enum Frame<'a> {
    Seq {
        start: usize,
        pos: Pos,
        anchor: usize,
        values: usize,
    },
    Map {
        start: usize,
        key: Option<(Cow<'a, str>, Pos)>,
        pos: Pos,
        anchor: usize,
        values: usize,
    },
}

/// The state of one parse: the open collections, the anchored values and the counters.
struct Builder<'a> {
    /// Size of the input in bytes, for the values-per-byte limit.
    size: usize,
    stack: Vec<Frame<'a>>,
    /// The values of every open list, innermost last: a list that ends takes its own off the
    /// top, in one allocation of the right size, so no list grows by reallocating.
    items: Vec<Node<'a>>,
    /// The same for the entries of open mappings.
    entries: Vec<Entry<'a>>,
    root: Option<Node<'a>>,
    /// Anchored values by anchor id, with how many values each holds.
    anchors: Vec<Option<(Node<'a>, usize)>>,
    documents: usize,
    values: usize,
    max_values: usize,
    expanded: usize,
}

/// One parser event with its span and, for a scalar, its source text; or the syntax error.
type Item<'a> = Result<(Event<'a>, Span, &'a str), Diagnostic>;

pub(super) fn parse(text: &str) -> Result<Node<'_>, Diagnostic> {
    build(events(text), text.len())
}

/// granit-parser's events for `text`, each with its span and a scalar's raw text.
fn events(text: &str) -> impl Iterator<Item = Item<'_>> {
    let mut options = granit_parser::Options::default();
    // Comments are not kept: a long run of comment lines would otherwise fill the parser's
    // comment buffer ("too many buffered comments").
    options.set_emit_comments(false);
    // The scanner reads ahead of the events; its own nesting limits stop a line of ten
    // thousand `[` where the depth limit is passed, not hundreds of brackets later.
    options.flow_nesting_limit = MAX_DEPTH + 1;
    options.block_nesting_limit = MAX_DEPTH + 1;
    Parser::new_from_str_with_options(text, options).map(|next| {
        let (event, span) = next.map_err(scan_error)?;
        let raw = match event {
            Event::Scalar(..) => span.slice(text).unwrap_or_default(),
            _ => "",
        };
        Ok((event, span, raw))
    })
}

/// Builds the tree from parser events, each with its span and, for a scalar, its source
/// text; `size` is the input's size in bytes. The built-in catalogue comes this way from
/// events recorded at build time.
pub(crate) fn build<'a>(
    events: impl Iterator<Item = Result<(Event<'a>, Span, &'a str), Diagnostic>>,
    size: usize,
) -> Result<Node<'a>, Diagnostic> {
    let mut builder = Builder {
        size,
        stack: Vec::new(),
        items: Vec::new(),
        entries: Vec::new(),
        root: None,
        anchors: Vec::new(),
        documents: 0,
        values: 0,
        max_values: VALUES_SLACK.saturating_add(size / BYTES_PER_VALUE),
        expanded: 0,
    };
    for next in events {
        let (event, span, raw) = next?;
        builder.event(event, span, raw)?;
    }
    Ok(builder
        .root
        .unwrap_or(Node::new(Value::Null, Pos::new(1, 1))))
}

fn pos_at(marker: &Marker) -> Pos {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Pos::new(clamp(marker.line()), clamp(marker.col().saturating_add(1)))
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: Event<'a>, span: Span, raw: &'a str) -> Result<(), Diagnostic> {
        let pos = pos_at(&span.start);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Diagnostic::error(
                        pos,
                        "the file holds more than one YAML document",
                    )
                    .help("remove the `---` line: put everything in one document"));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.count(1, pos)?;
                let forced_text = tag.as_ref().and_then(|t| t.core_suffix()) == Some("str");
                let (value, style) = match style {
                    ScalarStyle::Plain if !forced_text => (resolve_plain(value), Style::Plain),
                    ScalarStyle::Plain => (Value::Str(value), Style::Plain),
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        (Value::Str(value), Style::Quoted)
                    }
                    _ => (Value::Str(value), Style::Block),
                };
                let pos = if span.start.line() == span.end.line() {
                    pos.with_len(span.len())
                } else {
                    pos
                };
                let node = Node {
                    value,
                    pos,
                    raw,
                    style,
                };
                self.define(anchor, &node, 1);
                self.complete(node, 1)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                self.open(pos)?;
                self.stack.push(Frame::Seq {
                    start: self.items.len(),
                    pos,
                    anchor,
                    values: 1,
                });
            }
            Event::MappingStart(_, anchor, _) => {
                self.open(pos)?;
                self.stack.push(Frame::Map {
                    start: self.entries.len(),
                    key: None,
                    pos,
                    anchor,
                    values: 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor, values) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        pos,
                        anchor,
                        values,
                    }) => (
                        Node::new(Value::Seq(take_from(&mut self.items, start)), pos),
                        anchor,
                        values,
                    ),
                    Some(Frame::Map {
                        start,
                        pos,
                        anchor,
                        values,
                        ..
                    }) => (
                        Node::new(Value::Map(merge(take_from(&mut self.entries, start))), pos),
                        anchor,
                        values,
                    ),
                    None => return Ok(()),
                };
                self.define(anchor, &node, values);
                self.complete(node, values)?;
            }
            Event::Alias(id) => {
                let Some(values) = self.anchors.get(id).and_then(Option::as_ref).map(|a| a.1)
                else {
                    return Err(Diagnostic::error(pos, "invalid YAML: unknown anchor"));
                };
                self.expanded = self.expanded.saturating_add(values);
                if self.expanded > MAX_ALIAS_EXPANSION {
                    return Err(Diagnostic::error(
                        pos,
                        format!(
                            "the file's aliases (`*name`) expand to more than \
                             {MAX_ALIAS_EXPANSION} values"
                        ),
                    )
                    .help(
                        "this looks like an alias bomb; write the values out, or reuse fewer \
                         of them",
                    ));
                }
                self.count(values, pos)?;
                let Some((node, _)) = self.anchors.get(id).and_then(Option::as_ref) else {
                    return Ok(());
                };
                // the copy is reported where the alias stands, covering the `*name` token
                let mut node = node.clone();
                node.pos = pos.with_len(span.len());
                self.complete(node, values)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts `n` more values against the per-byte limit.
    fn count(&mut self, n: usize, pos: Pos) -> Result<(), Diagnostic> {
        self.values = self.values.saturating_add(n);
        if self.values > self.max_values {
            return Err(Diagnostic::error(
                pos,
                format!(
                    "the file has more YAML values than its size allows ({} for {} bytes: \
                     {VALUES_SLACK} and one per {BYTES_PER_VALUE} bytes)",
                    self.max_values, self.size
                ),
            )
            .help("this is not a file a person wrote; check that it is the file you meant"));
        }
        Ok(())
    }

    fn open(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(too_deep(pos));
        }
        self.count(1, pos)
    }

    /// Keeps a copy of an anchored value for the aliases that refer to it.
    fn define(&mut self, anchor: usize, node: &Node<'a>, values: usize) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize_with(anchor + 1, || None);
        }
        self.anchors[anchor] = Some((node.clone(), values));
    }

    /// Hands a finished value to the collection it belongs to, as an item, a key or a value.
    fn complete(&mut self, node: Node<'a>, values: usize) -> Result<(), Diagnostic> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { values: n, .. }) => {
                *n += values;
                reserve(&mut self.items, self.max_values - self.values);
                self.items.push(node);
            }
            Some(Frame::Map { key, values: n, .. }) => {
                *n += values;
                match key.take() {
                    Some((key, key_pos)) => {
                        reserve(&mut self.entries, self.max_values - self.values);
                        self.entries.push(Entry {
                            key,
                            key_pos,
                            value: node,
                        });
                    }
                    None => *key = Some(key_text(node)?),
                }
            }
        }
        Ok(())
    }
}

/// Expands YAML merge keys (`<<: *base` or `<<: [*a, *b]`): the merged mappings' entries
/// join this one where the `<<` stands, unless this mapping sets the key itself or an
/// earlier merged mapping did. A `<<` whose value is not a mapping (or list of them) stays an
/// ordinary key, for the validator to report.
fn merge(entries: Vec<Entry<'_>>) -> Vec<Entry<'_>> {
    let is_merge = |e: &Entry| {
        e.key == "<<"
            && match &e.value.value {
                Value::Map(_) => true,
                Value::Seq(items) => items.iter().all(|i| matches!(i.value, Value::Map(_))),
                _ => false,
            }
    };
    if !entries.iter().any(is_merge) {
        return entries;
    }
    let mut taken: std::collections::HashSet<Cow<'_, str>> = entries
        .iter()
        .filter(|e| !is_merge(e))
        .map(|e| e.key.clone())
        .collect();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        if !is_merge(&entry) {
            out.push(entry);
            continue;
        }
        let sources = match entry.value.value {
            Value::Map(merged) => vec![merged],
            Value::Seq(items) => items
                .into_iter()
                .filter_map(|i| match i.value {
                    Value::Map(merged) => Some(merged),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for merged in sources.into_iter().flatten() {
            if taken.insert(merged.key.clone()) {
                out.push(merged);
            }
        }
    }
    out
}

/// Makes room for one more item, growing by at most what the values limit has left, so a
/// stack at the limit holds no doubled capacity: memory stays proportional to the input.
fn reserve<T>(items: &mut Vec<T>, left: usize) {
    if items.len() == items.capacity() {
        items.reserve_exact(items.len().max(4).min(left.max(1)));
    }
}

/// The values of a collection that ends: the top of a shared stack from `start`. A
/// collection whose values start at the bottom takes the whole stack, shrunk to its size, so
/// a huge list is never held twice; any other gets a copy of exactly its size.
fn take_from<T>(stack: &mut Vec<T>, start: usize) -> Vec<T> {
    if start == 0 {
        let mut all = std::mem::take(stack);
        all.shrink_to_fit();
        all
    } else {
        stack.split_off(start.min(stack.len()))
    }
}

/// A mapping key as the text the user wrote: `8.10:` is the key `8.10`, `null:` is `null`.
fn key_text(node: Node<'_>) -> Result<(Cow<'_, str>, Pos), Diagnostic> {
    let text = match node.value {
        Value::Str(s) => s,
        Value::Seq(_) | Value::Map(_) => {
            return Err(Diagnostic::error(
                node.pos,
                format!(
                    "invalid YAML: a key must be plain text, found {}",
                    node.value.kind()
                ),
            )
            .help("write keys as words or ids, e.g. `status:` or `\"8.6.1\":`"));
        }
        _ => Cow::Borrowed(node.raw),
    };
    let len = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    Ok((text, node.pos.with_len(len)))
}

fn scan_error(err: ScanError) -> Diagnostic {
    let pos = pos_at(err.marker());
    match err.kind() {
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabAtBlockScalarStart => {
            Diagnostic::error(pos, format!("invalid YAML: {}", first_line(&err.info())))
                .help("indent with spaces: YAML does not allow tabs for indentation")
        }
        ErrorKind::RecursionLimitExceeded => too_deep(pos),
        _ => Diagnostic::error(pos, format!("invalid YAML: {}", first_line(&err.info()))),
    }
}

fn too_deep(pos: Pos) -> Diagnostic {
    Diagnostic::error(
        pos,
        format!("the YAML nests deeper than {MAX_DEPTH} levels"),
    )
    .help(
        "answers files and catalogues nest a few levels at most; check the indentation and \
         brackets",
    )
}

/// The first line of granit's message, without a final full stop.
fn first_line(message: &str) -> &str {
    let line = message.lines().next().unwrap_or(message);
    line.trim_end_matches(|c: char| c == '.' || c.is_whitespace())
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
    fn positions_of_nested_flow_lists() {
        let node = parse("a: [[[b]]]\n").unwrap();
        let mut at = &map(&node)[0].value;
        let mut cols = Vec::new();
        while let Value::Seq(items) = &at.value {
            cols.push(at.pos.col);
            at = &items[0];
        }
        cols.push(at.pos.col);
        assert_eq!(cols, [4, 5, 6, 7]);
    }

    #[test]
    fn scalars_keep_their_raw_text_and_style() {
        let node = parse("a: 1.20\nb: '1.20'\nc: |\n  x\nd: 007\n8.10: k\n").unwrap();
        let e = map(&node);
        assert_eq!(e[0].value.value, Value::Float(1.2));
        assert_eq!(e[0].value.raw, "1.20");
        assert_eq!(e[0].value.text().as_deref(), Some("1.20"));
        assert_eq!(e[0].value.style, Style::Plain);
        assert_eq!(e[1].value.value, Value::Str("1.20".into()));
        assert_eq!(e[1].value.style, Style::Quoted);
        assert_eq!(e[2].value.style, Style::Block);
        assert_eq!(e[3].value.text().as_deref(), Some("007"));
        assert_eq!(e[4].key, "8.10");
    }

    #[test]
    fn records_positions_and_duplicates() {
        let node = parse("a: 1\nb:\n  c: x\na: 2\n").unwrap();
        let entries = map(&node);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[2].key, "a");
        assert_eq!(entries[2].key_pos, Pos::new(4, 1).with_len(1));
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
        assert_eq!(entries[1].value.pos, Pos::new(2, 4).with_len(1));
    }

    #[test]
    fn aliases_expand_and_bombs_are_refused() {
        let node = parse("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(map(&node)[1].value.value, map(&node)[0].value.value);
        assert_eq!(map(&node)[1].value.pos, Pos::new(2, 4).with_len(2));
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("aliases"), "{err:?}");
    }

    #[test]
    fn limits_name_themselves_and_point_where_they_are_passed() {
        let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("deeper than 20"), "{err:?}");
        assert!(err.pos.is_some_and(|p| p.col < 40), "{err:?}");
        let many = format!("a: [{}]\n", "1,".repeat(1_200_000));
        let err = parse(&many).unwrap_err();
        assert!(
            err.message
                .contains("more YAML values than its size allows"),
            "{err:?}"
        );
        assert!(
            parse("a: 1\n---\nb: 2\n")
                .unwrap_err()
                .message
                .contains("more than one")
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.pos.is_some(), "{err:?}");
        assert!(err.message.starts_with("invalid YAML"), "{err:?}");
        let err = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(err.message.starts_with("invalid YAML: tabs"), "{err:?}");
        assert!(err.help.is_some(), "{err:?}");
    }

    #[test]
    fn merge_keys_expand_and_explicit_keys_win() {
        let text = "base: &b {status: partial, owner: Ann}\nx:\n  <<: *b\n  owner: Bob\n";
        let node = parse(text).unwrap();
        let x = map(&map(&node)[1].value);
        let keys: Vec<&str> = x.iter().map(|e| e.key.as_ref()).collect();
        assert_eq!(keys, ["status", "owner"]);
        assert_eq!(x[1].value.value, Value::Str("Bob".into()));
        let node = parse("a: {<<: 1}\n").unwrap();
        assert_eq!(map(&map(&node)[0].value)[0].key, "<<");
    }

    #[test]
    fn nested_and_sibling_collections_keep_their_own_values() {
        let node = parse("a: [[1, 2], [3]]\nb: {c: [4], d: {e: 5}}\nf: []\n").unwrap();
        let e = map(&node);
        fn ints(n: &Node) -> Vec<Value<'static>> {
            match &n.value {
                Value::Seq(items) => items
                    .iter()
                    .map(|i| match i.value {
                        Value::Int(v) => Value::Int(v),
                        _ => Value::Null,
                    })
                    .collect(),
                other => panic!("not a list: {other:?}"),
            }
        }
        let Value::Seq(a) = &e[0].value.value else {
            panic!("not a list")
        };
        assert_eq!(ints(&a[0]), [Value::Int(1), Value::Int(2)]);
        assert_eq!(ints(&a[1]), [Value::Int(3)]);
        let b = map(&e[1].value);
        assert_eq!(ints(&b[0].value), [Value::Int(4)]);
        assert_eq!(map(&b[1].value)[0].key, "e");
        assert!(ints(&e[2].value).is_empty());
        assert_eq!(e.len(), 3);
    }

    #[test]
    fn a_node_takes_64_bytes() {
        // the values-per-byte limit's memory bound assumes it
        assert!(std::mem::size_of::<Node>() <= 64);
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        for text in ["", "\n", "# only\n# comments\n", "---\n"] {
            assert_eq!(parse(text).unwrap().value, Value::Null, "{text:?}");
        }
    }
}
