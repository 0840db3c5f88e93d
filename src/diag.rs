//! Diagnostics: problems found in a file, each pinned to a line and column.
//!
//! Loaders collect every problem of a file into a [`Report`] before giving up, so a user fixes
//! a whole file in one round. Rendering uses `annotate-snippets` (the renderer behind rustc's
//! and cargo's messages) so our errors look like the ones developers already read every day.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// A position in a source file: 1-based line and column (in characters), and the length of
/// the token found there (0 when unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub len: u32,
}

impl Pos {
    /// A position with no known token length.
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col, len: 0 }
    }

    /// The same position covering `len` characters.
    pub fn with_len(self, len: usize) -> Pos {
        Pos {
            len: u32::try_from(len).unwrap_or(u32::MAX),
            ..self
        }
    }

    /// True when the parser could not tell where the value came from.
    pub fn is_known(&self) -> bool {
        self.line > 0
    }
}

/// How bad a problem is: errors stop the command, warnings are shown and the command goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pos: Option<Pos>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `pos` (`None` for the file as a whole).
    pub fn error(pos: impl Into<Option<Pos>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            pos: pos.into().filter(Pos::is_known),
            message: message.into(),
            label: None,
            help: None,
        }
    }

    /// A warning at `pos`.
    pub fn warning(pos: impl Into<Option<Pos>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pos, message)
        }
    }

    /// Adds a short label under the offending token.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a suggestion of what to write instead.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a suggestion when there is one.
    pub fn maybe_help(self, help: Option<String>) -> Diagnostic {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }
}

/// Every problem found in one file, with the file's name and text so each can be shown in
/// context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// An empty report for `path` whose content is `text`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Report {
        Report {
            path: path.into(),
            text: text.into(),
            diagnostics: Vec::new(),
        }
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorts problems by position so they read top to bottom; file-wide ones come first.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by(|a, b| a.pos.cmp(&b.pos).then(a.severity.cmp(&b.severity)));
    }

    /// Renders every diagnostic, each with its source line, followed by a one-line count.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&self.render_one(&renderer, d));
            out.push_str("\n\n");
        }
        out
    }

    fn render_one(&self, renderer: &Renderer, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let line_text = d.pos.and_then(|p| source_line(&self.text, p.line));
        let mut group = match (d.pos, line_text) {
            (Some(pos), Some(line)) => {
                let span = char_span(line, pos);
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(label) = &d.label {
                    annotation = annotation.label(label.as_str());
                }
                level.primary_title(d.message.as_str()).element(
                    Snippet::source(line)
                        .line_start(pos.line as usize)
                        .path(self.path.as_str())
                        .annotation(annotation),
                )
            }
            (Some(pos), None) => level
                .primary_title(d.message.as_str())
                .element(Origin::path(self.path.as_str()).line(pos.line as usize)),
            (None, _) => level
                .primary_title(d.message.as_str())
                .element(Origin::path(self.path.as_str())),
        };
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        renderer.render(&report)
    }
}

/// The text of 1-based line `line`, without its line ending.
pub fn source_line(text: &str, line: u32) -> Option<&str> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let raw = text.split('\n').nth(index)?;
    Some(raw.strip_suffix('\r').unwrap_or(raw))
}

/// The byte range in `line` covered by `pos` (its column and length are in characters).
fn char_span(line: &str, pos: Pos) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(offset, _)| offset)
    };
    let start_char = (pos.col.max(1) - 1) as usize;
    let start = byte_at(start_char);
    let rest = &line[start..];
    let quoted = rest.starts_with('"') || rest.starts_with('\'');
    let len = if pos.len > 0 && !quoted {
        pos.len as usize
    } else {
        token_len(rest)
    };
    let end = byte_at(start_char + len.max(1)).max(start);
    start..end
}

/// Length in characters of the token at the start of `rest`: a quoted string, or everything
/// up to a comment or the end of the line.
fn token_len(rest: &str) -> usize {
    let mut chars = rest.chars();
    match chars.next() {
        Some(q @ ('"' | '\'')) => {
            let inner = chars.take_while(|c| *c != q).count();
            (inner + 2).min(rest.chars().count())
        }
        Some(_) => {
            // A plain value ends at a comment, or at the end of a flow collection item.
            let body = rest.split(" #").next().unwrap_or(rest);
            let body = body.split([',', '}', ']']).next().unwrap_or(body);
            body.trim_end().chars().count().max(1)
        }
        None => 1,
    }
}

/// The nearest candidates to `word`, best first, for "did you mean" suggestions.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let word_lower = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().map(|(_, c)| c).take(3).collect()
}

/// "did you mean `x`?" / "did you mean `x`, `y` or `z`?", or `None` with no close candidate.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let near = nearest(word, candidates);
    let quoted: Vec<String> = near.iter().map(|c| format!("`{c}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [init @ .., last] => Some(format!("did you mean {} or {last}?", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_word() {
        let words = ["implemented", "partial", "not-implemented"];
        assert_eq!(nearest("implemnted", words)[0], "implemented");
        assert_eq!(
            did_you_mean("partail", words).as_deref(),
            Some("did you mean `partial`?")
        );
        assert_eq!(did_you_mean("zzz", words), None);
    }

    #[test]
    fn renders_file_line_column_and_help() {
        let mut report = Report::new("a.yaml", "answers:\n  x: 1\n");
        report.push(
            Diagnostic::error(Pos::new(2, 3).with_len(1), "unknown id `x`")
                .help("did you mean `y`?"),
        );
        let out = report.render(false);
        assert!(out.contains("error: unknown id `x`"), "{out}");
        assert!(out.contains("a.yaml:2:3"), "{out}");
        assert!(out.contains("2 |   x: 1"), "{out}");
        assert!(out.contains("help: did you mean `y`?"), "{out}");
    }

    #[test]
    fn spans_stay_inside_the_line() {
        assert_eq!(char_span("abc", Pos::new(1, 10)), 3..3);
        assert_eq!(char_span("é: \"x y\"", Pos::new(1, 4)), 4..9);
    }
}
