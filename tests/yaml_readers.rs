#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly
//! The YAML reader's behaviour: ids keep their spelling wherever an id is read, positions
//! point at the text they describe, and no input (random documents in every style, the
//! repository's files mutated) makes it panic or lose its place.

use std::borrow::Cow;

use iso20k::source::{Entry, Node, Style, Syntax, Value, parse};
use proptest::prelude::*;

/// Scalars our files are made of: plain words, numbers, dates, ids, quoted text and one-line
/// flow collections.
const COMMON: &[&str] = &[
    "word",
    "two words",
    "naïve café",
    "n/a",
    "x1",
    "C:\\path",
    "a#b",
    "a:b",
    "http://x.org/a",
    "(note)",
    "$var",
    "_x",
    "/path",
    "yes",
    "no",
    "on",
    "y",
    "n",
    "true",
    "False",
    "null",
    "~",
    "nan",
    "inf",
    "Infinity",
    "0",
    "-0",
    "+0",
    "7",
    "-7",
    "+7",
    "10",
    "9223372036854775807",
    "-9223372036854775808",
    "1.5",
    "-1.5",
    "0.5",
    "2026-11-20",
    "2026-1-1",
    "2026-11-20T10:00:00",
    "12:30",
    "4.1-1",
    "8.6.1",
    "8.10",
    "10.2-2",
    "1-2",
    "1.2.3",
    "1 000",
    "1,000",
    "1.5 days",
    "\"quoted\"",
    "\"\"",
    "\"a: b\"",
    "\"it's\"",
    "\"a # b\"",
    "'single'",
    "''",
    "'it''s'",
    "'a: b'",
    "[]",
    "{}",
    "[a]",
    "[a, b]",
    "[ a , b ]",
    "[a,b]",
    "[1, 2.5, true, ~, \"q\", 'r']",
    "[[a], [b, [c]]]",
    "{a: b}",
    "{a: }",
    "{\"q\": 1, r: [x]}",
    "{a: {b: {c: d}}}",
    "é",
    "日本語",
    "x\u{a0}y",
];

/// Odd spellings, indicators and errors.
const ODD: &[&str] = &[
    "a #b",
    "a: b",
    "a:",
    "Yes",
    "off",
    "TRUE",
    "tRue",
    "Null",
    "NaN",
    ".inf",
    "-.inf",
    ".nan",
    "007",
    "00",
    "+1.5",
    "00.5",
    "01.5",
    "1.",
    ".5",
    "1e3",
    "1E3",
    "1.5e-3",
    "0x1F",
    "0o7",
    "0b1",
    "1_000",
    "1__0",
    "9223372036854775808",
    "99999999999999999999",
    "2026-11-20 10:00:00",
    "1:2:3",
    "1-",
    "4.-1",
    "-1-2",
    "24x7",
    "3rd",
    "-",
    "-x",
    "- x",
    "+",
    ".",
    "..",
    "@x",
    "`x",
    "&a x",
    "*a",
    "!x",
    "!!str x",
    "%x",
    "?x",
    "? x",
    ":x",
    "|",
    ">",
    "|+",
    ">2",
    "#",
    "x #",
    "\"esc\\n\"",
    "'unclosed",
    "\"unclosed",
    "[a, ]",
    "[a b]",
    "[a: b]",
    "{a:b}",
    "{a}",
    "[a",
    "{a: b",
    "[a] x",
    "[a] # c",
];

/// Keys as written in a file, the usual ones first.
const KEYS: &[&str] = &[
    "a",
    "b",
    "status",
    "evidence",
    "4",
    "4.1",
    "8.10",
    "4.1-2",
    "10",
    "é",
    "two words",
    "a:b",
    "a#b",
    "x1",
    "true",
    "True",
    "-1",
    "1e3",
    "007",
    "\"4.1-1\"",
    "\"q\"",
    "'s'",
    "\"a: b\"",
    "\"\"",
    "''",
    "日本",
];

const ODD_KEYS: &[&str] = &[
    "null",
    "~",
    "<<",
    "=",
    "\"esc\\t\"",
    "[k]",
    "{k}",
    "? k",
    "&a k",
    "*a",
    "a[1]",
    "a,b",
    "-k",
    "k ",
];

fn scalar() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        12 => prop::sample::select(COMMON),
        1 => prop::sample::select(ODD),
    ]
}

fn key() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        15 => prop::sample::select(KEYS),
        1 => prop::sample::select(ODD_KEYS),
    ]
}

#[derive(Debug, Clone)]
enum Tree {
    Scalar(&'static str),
    Block {
        header: &'static str,
        lines: Vec<(u8, &'static str)>,
    },
    Map(Vec<(&'static str, Tree)>),
    Seq(Vec<Tree>),
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        8 => scalar().prop_map(Tree::Scalar),
        1 => (
            prop_oneof![
                6 => prop::sample::select(&[">-", ">", "|", "|-"][..]),
                1 => prop::sample::select(&["|+", ">+", "> # c", ">2"][..]),
            ],
            prop::collection::vec(
                (prop_oneof![12 => Just(0u8), 1 => Just(1u8), 1 => Just(255u8)],
                 prop_oneof![
                    10 => prop::sample::select(&["line one", "two: x", "# not a comment", "- item", "[x]"][..]),
                    1 => prop::sample::select(&["", "  ", "trailing "][..]),
                 ]),
                0..4,
            ),
        )
            .prop_map(|(header, lines)| Tree::Block { header, lines }),
    ];
    leaf.prop_recursive(5, 40, 6, |inner| {
        prop_oneof![
            3 => prop::collection::vec((key(), inner.clone()), 1..6)
                .prop_map(Tree::Map),
            2 => prop::collection::vec(inner, 1..5).prop_map(Tree::Seq),
        ]
    })
}

/// Style choices, consumed one by one while writing a tree.
struct Choices {
    bytes: Vec<u8>,
    at: usize,
}

impl Choices {
    fn next(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    /// True about once in `n`.
    fn one_in(&mut self, n: u8) -> bool {
        self.next().is_multiple_of(n)
    }
}

/// Writes `tree` as the value of something at `indent`, in styles picked by `c`.
fn write(out: &mut String, tree: &Tree, indent: usize, c: &mut Choices) {
    let step = match c.next() % 8 {
        0 => 1,
        1 | 2 => 4,
        3 => 3,
        _ => 2,
    };
    match tree {
        Tree::Scalar(s) => {
            out.push(' ');
            out.push_str(s);
            trailer(out, c);
            out.push('\n');
        }
        Tree::Block { header, lines } => {
            out.push(' ');
            out.push_str(header);
            out.push('\n');
            for (extra, line) in lines {
                let pad = match extra {
                    0 => indent + step,
                    1 => indent + step + 2,
                    _ => indent,
                };
                if !line.is_empty() {
                    out.push_str(&" ".repeat(pad));
                }
                out.push_str(line);
                out.push('\n');
            }
        }
        Tree::Map(entries) => {
            out.push('\n');
            write_map(out, entries, indent + step, c);
        }
        Tree::Seq(items) => {
            out.push('\n');
            // sometimes a compact sequence, at the key's own indentation
            let at = if c.one_in(4) { indent } else { indent + step };
            write_seq(out, items, at, c);
        }
    }
}

fn write_map(out: &mut String, entries: &[(&str, Tree)], indent: usize, c: &mut Choices) {
    for (key, value) in entries {
        noise(out, indent, c);
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push(':');
        if c.one_in(20) {
            out.push(' '); // a space before a line end
        }
        write(out, value, indent, c);
    }
}

fn write_seq(out: &mut String, items: &[Tree], indent: usize, c: &mut Choices) {
    for item in items {
        noise(out, indent, c);
        out.push_str(&" ".repeat(indent));
        out.push('-');
        if c.one_in(10) {
            out.push_str("  "); // more than one space after the dash
        }
        match item {
            Tree::Map(entries) if !c.one_in(4) => {
                // "- key: value" with the other keys lined up under the first
                let (key, value) = &entries[0];
                out.push(' ');
                out.push_str(key);
                out.push(':');
                let key_indent = indent + 2;
                write(out, value, key_indent, c);
                write_map(out, &entries[1..], key_indent, c);
            }
            other => write(out, other, indent, c),
        }
    }
}

/// Sometimes a comment after a value.
fn trailer(out: &mut String, c: &mut Choices) {
    match c.next() % 12 {
        0 => out.push_str(" # a comment"),
        1 => out.push_str("   "),
        2 => out.push_str("#tight"),
        _ => {}
    }
}

/// Sometimes a blank line or a comment line, at any indentation.
fn noise(out: &mut String, indent: usize, c: &mut Choices) {
    match c.next() % 10 {
        0 => out.push('\n'),
        1 => {
            out.push_str(&" ".repeat(indent));
            out.push_str("# comment line\n");
        }
        2 => out.push_str("# at the margin\n"),
        3 => {
            out.push_str(&" ".repeat(indent + 3));
            out.push_str("# indented further\n");
        }
        _ => {}
    }
}

fn document(tree: &Tree, choices: Vec<u8>, crlf: bool) -> String {
    let mut c = Choices {
        bytes: choices,
        at: 0,
    };
    let mut out = String::new();
    if c.one_in(3) {
        out.push_str("# a file comment\n\n");
    }
    match tree {
        Tree::Map(entries) => write_map(&mut out, entries, 0, &mut c),
        Tree::Seq(items) => write_seq(&mut out, items, 0, &mut c),
        other => {
            out.push_str("top:");
            write(&mut out, other, 0, &mut c);
        }
    }
    if c.one_in(5) {
        out.pop(); // no final line break
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

/// Every scalar's position points at its raw text, and every key's position at the key (or
/// the quote that opens it), or at the alias (`*name`) standing for either: the promise every
/// diagnostic relies on.
fn positions_point_at_the_text(text: &str) -> Result<(), TestCaseError> {
    let Ok(root) = parse(text, Syntax::Yaml) else {
        return Ok(());
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let at = |line: u32, col: u32| -> String {
        lines
            .get(line as usize - 1)
            .map(|l| l.chars().skip(col as usize - 1).collect())
            .unwrap_or_default()
    };
    let mut stack: Vec<&Node> = vec![&root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for Entry {
                    key,
                    key_pos,
                    value,
                } in entries
                {
                    let there = at(key_pos.line, key_pos.col);
                    prop_assert!(
                        there.starts_with(key.as_ref()) || there.starts_with(['"', '\'', '*']),
                        "key {:?} at {:?} finds {:?}\n{}",
                        key,
                        key_pos,
                        there,
                        text
                    );
                    stack.push(value);
                }
            }
            _ if !node.raw.is_empty() && !node.raw.contains('\n') => {
                let there = at(node.pos.line, node.pos.col);
                prop_assert!(
                    there.starts_with(node.raw) || there.starts_with('*'),
                    "{:?} at {:?} finds {:?}\n{}",
                    node.raw,
                    node.pos,
                    there,
                    text
                );
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=100000 for a longer search.
    #[test]
    fn random_documents_keep_their_positions(
        tree in tree(),
        choices in prop::collection::vec(any::<u8>(), 64..256),
        crlf in prop::bool::weighted(0.1),
    ) {
        positions_point_at_the_text(&document(&tree, choices, crlf))?;
    }

    #[test]
    fn one_scalar_keeps_its_position(
        key in prop_oneof![prop::sample::select(KEYS), prop::sample::select(ODD_KEYS)],
        value in prop_oneof![prop::sample::select(COMMON), prop::sample::select(ODD)],
        tail in prop::sample::select(&["", " # c", "  ", "#c", "\n  more", "\n- x", "\nb: 1"][..]),
    ) {
        positions_point_at_the_text(&format!("{key}: {value}{tail}\n"))?;
        positions_point_at_the_text(&format!("- {value}{tail}\n"))?;
        positions_point_at_the_text(&format!("k:\n  - {key}: {value}{tail}\n"))?;
        positions_point_at_the_text(&format!("k: [{value}]\n"))?;
        positions_point_at_the_text(&format!("k: {{{key}: {value}}}\n"))?;
    }

    #[test]
    fn mutated_shipped_files_keep_their_positions(
        which in 0..4usize,
        cuts in prop::collection::vec((0.0..1.0f64, prop_oneof![prop::sample::select(COMMON), prop::sample::select(ODD)]), 1..5),
    ) {
        let files = [
            "examples/msp-halfway.yaml",
            "examples/first-day.yaml",
            "tests/fixtures/catalogues/mini.yaml",
            "tests/fixtures/answers/halfway.yaml",
        ];
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(files[which]);
        let mut text = std::fs::read_to_string(path).unwrap();
        for (at, token) in cuts {
            let mut i = ((text.len() as f64) * at) as usize;
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, token);
        }
        positions_point_at_the_text(&text)?;
    }
}

/// Every plain scalar of [`COMMON`] reads as its value, with its spelling kept as raw text.
#[test]
fn common_scalars_resolve_and_keep_their_spelling() {
    for value in COMMON {
        let text = format!("k: {value}\n");
        let root = parse(&text, Syntax::Yaml).unwrap_or_else(|e| panic!("{value}: {e:?}"));
        let Value::Map(entries) = &root.value else {
            panic!("{value}")
        };
        let node = &entries[0].value;
        if !value.starts_with(['[', '{']) {
            assert_eq!(node.raw, *value, "{value}");
        }
        let quoted = value.starts_with(['"', '\'']);
        assert_eq!(node.style == Style::Quoted, quoted, "{value}");
        if let Value::Int(_) | Value::Float(_) = node.value {
            assert_eq!(node.text().as_deref(), Some(*value), "{value}");
        }
    }
    let node = parse("k: 8.10\n", Syntax::Yaml).unwrap();
    let Value::Map(entries) = node.value else {
        panic!()
    };
    assert_eq!(entries[0].value.value, Value::Float(8.1));
    assert_eq!(entries[0].value.text(), Some(Cow::Borrowed("8.10")));
}

/// What `iso20k init` writes is what users fill in: it reads back, positions intact.
#[test]
fn questionnaires_read_back() {
    for level in ["requirement", "clause"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_iso20k"))
            .args(["init", "-o", "-", "--level", level, "--as-of", "2026-11-20"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(parse(&text, Syntax::Yaml).is_ok(), "{level} questionnaire");
        positions_point_at_the_text(&text).unwrap();
    }
}

/// Regression: a long run of comment lines once made the parser stop with "too many buffered
/// comments"; comments are now skipped, not kept.
#[test]
fn a_long_run_of_comments_reads() {
    let mut text = String::from("a: 1\nanswers:\n");
    for i in 0..100 {
        text.push_str(&format!("# commented out {i}\n  # indented {i}\n"));
    }
    text.push_str("  \"4\": implemented\nb:\n");
    for i in 0..100 {
        text.push_str(&format!("# {i}\n"));
    }
    text.push_str("  - x\n");
    let root = parse(&text, Syntax::Yaml).unwrap();
    let Value::Map(entries) = root.value else {
        panic!()
    };
    assert_eq!(entries.len(), 3);
}
