//! Source documents as a spanned tree.
//!
//! Answers files, catalogues and policies are parsed into one format-neutral [`Node`] tree
//! that remembers the line and column of every key and value. Validation then walks that
//! tree by hand instead of through `#[derive(Deserialize)]`, because serde stops at the first
//! problem while our users want every problem of a file in one run, each pointing at its line.

pub mod fields;
mod toml_tree;
mod yaml_tree;

use crate::diag::{Diagnostic, Pos};

/// Largest file the tool reads. A 50,000-requirement catalogue with full answers is a few
/// tens of megabytes; anything much larger is not a file a person wrote.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// A parsed value with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// A mapping entry: the key's text and position, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

/// The value of a [`Node`]. Dates stay strings: both formats' date syntaxes are read by the
/// validator so that a malformed date gets the same message in YAML and TOML.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

impl Value {
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

/// Parses `text` into a tree. A syntax error is one diagnostic at the position the parser
/// reports; duplicate keys are not errors here, so the validator can report each of them.
pub fn parse(text: &str, syntax: Syntax) -> Result<Node, Diagnostic> {
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
        let file = std::fs::File::open(path).map_err(|e| fail(io_message(path, &e)))?;
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(io_message(path, &e)))?;
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "the file is larger than the {} MiB limit",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
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

fn io_message(path: &str, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => format!("cannot read `{path}`: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("cannot read `{path}`: permission denied"),
        _ => format!("cannot read `{path}`: {err}"),
    }
}
