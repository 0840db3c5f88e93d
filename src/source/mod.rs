//! Source documents as a spanned tree.
//!
//! Answers files, catalogues and policies are parsed into one format-neutral [`Node`] tree
//! that remembers the line and column of every key and value. Validation then walks that
//! tree by hand instead of through `#[derive(Deserialize)]`, because serde stops at the first
//! problem while our users want every problem of a file in one run, each pointing at its line.

pub mod fields;
mod scalar;
mod toml_tree;
mod yaml_tree;

pub(crate) use yaml_tree::build as build_from_events;
pub use yaml_tree::{BYTES_PER_VALUE, MAX_ALIAS_EXPANSION, MAX_DEPTH, VALUES_SLACK};

use std::borrow::Cow;

use crate::diag::{Diagnostic, Pos};

/// Largest file the tool reads. A 50,000-requirement catalogue with full answers is a few
/// tens of megabytes; anything much larger is not a file a person wrote.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// A parsed value with the position where it starts. Texts borrow from the source where
/// they can (`'a` is the source's lifetime), so reading a big file does not copy it string
/// by string.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub pos: Pos,
    /// A scalar's text exactly as written in the file (quotes included), empty for lists
    /// and mappings: an unquoted `1.20` is the number 1.2 in `value` and `1.20` here.
    pub raw: &'a str,
    /// How a scalar was written.
    pub style: Style,
}

/// How a scalar was written. Lists, mappings and TOML's unquoted values are `Plain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unquoted: its value was resolved (number, boolean, empty, or text).
    Plain,
    /// In single or double quotes: always text.
    Quoted,
    /// A `|` or `>` block: always text.
    Block,
}

impl<'a> Node<'a> {
    /// A node with no source text of its own (a list, a mapping, a placeholder).
    pub fn new(value: Value<'a>, pos: Pos) -> Node<'a> {
        Node {
            value,
            pos,
            raw: "",
            style: Style::Plain,
        }
    }

    /// The text of a scalar as the user meant it when an id or a word is expected: a
    /// string's value, or an unquoted number's spelling (`8.10` stays `8.10`, never `8.1`).
    /// `None` for lists, mappings, booleans and empty values.
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match &self.value {
            Value::Str(s) => Some(Cow::Borrowed(s.as_ref())),
            Value::Int(i) if self.raw.is_empty() => Some(Cow::Owned(i.to_string())),
            Value::Float(f) if self.raw.is_empty() => Some(Cow::Owned(f.to_string())),
            Value::Int(_) | Value::Float(_) => Some(Cow::Borrowed(self.raw)),
            _ => None,
        }
    }
}

/// A mapping entry: the key's text and position, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_pos: Pos,
    pub value: Node<'a>,
}

/// The value of a [`Node`]. Dates stay strings: both formats' date syntaxes are read by the
/// validator so that a malformed date gets the same message in YAML and TOML.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<Entry<'a>>),
}

impl Value<'_> {
    /// The word used for this kind of value in messages ("expected a string, found a list").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "an empty value",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// The syntax of a document, chosen from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

impl Syntax {
    /// How a help line writes `key` set to `value` in this syntax: `key: value` in YAML,
    /// `key = value` in TOML (quoted strings, numbers, dates and `[…]` lists read the same in
    /// both).
    pub fn field(self, key: &str, value: &str) -> String {
        match self {
            Syntax::Yaml => format!("`{key}: {value}`"),
            Syntax::Toml => format!("`{key} = {value}`"),
        }
    }

    /// TOML for `.toml` files, YAML for everything else (including stdin).
    pub fn from_path(path: &str) -> Syntax {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Syntax::Toml
        } else {
            Syntax::Yaml
        }
    }
}

/// Parses a small settings file (a policy, a team file, a brand file): its tree and an empty
/// report to collect its problems in, or the report holding its syntax error.
pub fn parse_settings<'t>(
    path: &str,
    text: &'t str,
    syntax: Syntax,
) -> Result<(Node<'t>, crate::diag::Report), crate::diag::Report> {
    let mut report = crate::diag::Report::new(path, text);
    match parse(text, syntax) {
        Ok(root) => Ok((root, report)),
        Err(d) => {
            report.push(d);
            Err(report)
        }
    }
}

/// Parses `text` into a tree. A syntax error is one diagnostic at the position the parser
/// reports; duplicate keys are not errors here, so the validator can report each of them.
/// A text past [`MAX_FILE_BYTES`] is refused before any parsing.
pub fn parse(text: &str, syntax: Syntax) -> Result<Node<'_>, Diagnostic> {
    if text.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(None, too_large()));
    }
    match syntax {
        Syntax::Yaml => yaml_tree::parse(text),
        Syntax::Toml => toml_tree::parse(text),
    }
}

/// Reads a file the user named (`-` for stdin) as UTF-8 text without a byte-order mark.
/// Every failure (missing, a directory, unreadable, too large, not text) is a report for
/// that file, so it is shown like any other problem with it.
pub fn read(path: &str) -> Result<String, crate::diag::Report> {
    use std::io::Read;
    let fail = |message: String| {
        let mut report = crate::diag::Report::new(path, "");
        report.push(Diagnostic::error(None, message));
        report
    };
    let limit = MAX_FILE_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("cannot read standard input: {e}")))?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| fail(io_message(path, &e)))?;
        if meta.is_dir() {
            return Err(fail(format!("`{path}` is a directory, not a file")));
        }
        if meta.len() > MAX_FILE_BYTES as u64 {
            return Err(fail(too_large()));
        }
        let file = std::fs::File::open(path).map_err(|e| fail(io_message(path, &e)))?;
        // the size is known: one allocation of the right size, not a doubling series
        bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(io_message(path, &e)))?;
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(too_large()));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\0') {
        return Err(fail(
            "the file contains NUL bytes: it is binary, not a text file".into(),
        ));
    }
    Ok(text)
}

fn too_large() -> String {
    format!(
        "the file is larger than the {} MiB limit; this is not a file a person wrote",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn io_message(path: &str, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => format!("cannot read `{path}`: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("cannot read `{path}`: permission denied"),
        _ => format!("cannot read `{path}`: {err}"),
    }
}
