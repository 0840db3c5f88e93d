//! Source documents as a spanned tree.
//!
//! Answers files, catalogues and policies are parsed into one format-neutral [`Node`] tree
//! that remembers the line and column of every key and value. Validation then walks that
//! tree by hand instead of through `#[derive(Deserialize)]`, because serde stops at the first
//! problem while our users want every problem of a file in one run, each pointing at its line.

mod fast_yaml;
pub mod fields;
mod toml_tree;
mod yaml_tree;

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
///
/// YAML goes through a fast reader for the plain block YAML our files are written in; what
/// it does not take (anything unusual, and every error) goes to serde-saphyr, which gives
/// the same tree for what both read (see [`yaml_readers`]).
pub fn parse(text: &str, syntax: Syntax) -> Result<Node<'_>, Diagnostic> {
    match syntax {
        Syntax::Yaml => match fast_yaml::parse(text) {
            Some(node) => Ok(node),
            None => yaml_tree::parse(text),
        },
        Syntax::Toml => toml_tree::parse(text),
    }
}

/// The two YAML readers on their own, for the tests and the fuzz target that check they
/// agree. Not part of the supported interface.
#[doc(hidden)]
pub mod yaml_readers {
    use super::Node;
    use crate::diag::Diagnostic;

    /// The fast subset reader: `None` when the text is outside its subset.
    pub fn fast(text: &str) -> Option<Node<'_>> {
        super::fast_yaml::parse(text)
    }

    /// serde-saphyr, which reads all of YAML and reports every error.
    pub fn full(text: &str) -> Result<Node<'_>, Diagnostic> {
        super::yaml_tree::parse(text)
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
