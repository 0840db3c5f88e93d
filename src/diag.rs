//! Diagnostics: problems found in a file, each pinned to a line and column.
//!
//! Loaders collect every problem of a file into a [`Report`] before giving up, so a user fixes
//! a whole file in one round. Rendering uses `annotate-snippets` (the renderer behind rustc's
//! and cargo's messages) so our errors look like the ones developers already read every day.

use std::collections::HashMap;

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

/// Most problems a report keeps and shows. A file with more is not a file with a few
/// mistakes but the wrong file or garbage: the first ones say so, and the rest are counted.
/// The cap also bounds the work: loaders skip costly suggestions once a report is full.
pub const MAX_DIAGNOSTICS: usize = 200;

/// Every problem found in one file, with the file's name and text so each can be shown in
/// context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Problems past [`MAX_DIAGNOSTICS`], counted but not kept: (errors, warnings).
    omitted: (usize, usize),
}

impl Report {
    /// An empty report for `path` whose content is `text`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Report {
        Report {
            path: path.into(),
            text: text.into(),
            diagnostics: Vec::new(),
            omitted: (0, 0),
        }
    }

    /// Records a problem; past [`MAX_DIAGNOSTICS`] it is only counted.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.is_full() {
            match diagnostic.severity {
                Severity::Error => self.omitted.0 += 1,
                Severity::Warning => self.omitted.1 += 1,
            }
            return;
        }
        self.diagnostics.push(diagnostic);
    }

    /// True once the report keeps no more problems: further ones are only counted, so a
    /// loader should not spend time on suggestions for them.
    pub fn is_full(&self) -> bool {
        self.diagnostics.len() >= MAX_DIAGNOSTICS
    }

    /// Number of errors (not warnings), including those past the cap.
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
            + self.omitted.0
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
        // Line starts, found once: looking each line up from the top would make a file with
        // many problems quadratic.
        let lines = LineIndex::new(&self.text);
        // For each long line with a problem, the byte offset of every CHAR_STEP-th character,
        // found once: a problem's column is then a short walk from the nearest one.
        let mut steps: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&self.render_one(&renderer, &lines, &mut steps, d));
            out.push_str("\n\n");
        }
        let omitted = self.omitted.0 + self.omitted.1;
        if omitted > 0 {
            let (s, are) = if omitted == 1 {
                ("", "is")
            } else {
                ("s", "are")
            };
            let note = format!(
                "{omitted} more problem{s} in {} {are} not shown; fix the ones above first",
                self.path
            );
            let report: [Group<'_>; 1] = [Level::NOTE
                .primary_title(note.as_str())
                .element(Origin::path(self.path.as_str()))];
            out.push_str(&renderer.render(&report));
            out.push_str("\n\n");
        }
        out
    }

    fn render_one(
        &self,
        renderer: &Renderer,
        lines: &LineIndex<'_>,
        steps: &mut HashMap<u32, Vec<usize>>,
        d: &Diagnostic,
    ) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let line_text = d.pos.and_then(|p| lines.line(p.line));
        let mut group = match (d.pos, line_text) {
            (Some(pos), Some(line)) if line.len() > LONG_LINE => {
                let steps = steps.entry(pos.line).or_insert_with(|| {
                    line.char_indices()
                        .step_by(CHAR_STEP)
                        .map(|(at, _)| at)
                        .collect()
                });
                return self.render_window(renderer, line, steps, d, level, pos);
            }
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

impl Report {
    /// A problem on a long line, shown with a window of the line around the token: the
    /// renderer (and finding the column) would otherwise walk the whole line for every
    /// problem. The renderer would take the column from the window, so the `-->` line with
    /// the true column is written here.
    fn render_window(
        &self,
        renderer: &Renderer,
        line: &str,
        steps: &[usize],
        d: &Diagnostic,
        level: Level<'_>,
        pos: Pos,
    ) -> String {
        let (window, span) = window(line, steps, pos);
        let mut annotation = AnnotationKind::Primary.span(span);
        if let Some(label) = &d.label {
            annotation = annotation.label(label.as_str());
        }
        let mut group = level.primary_title(d.message.as_str()).element(
            Snippet::source(window)
                .line_start(pos.line as usize)
                .annotation(annotation),
        );
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        let rendered = renderer.render(&report);
        let gutter = " ".repeat(pos.line.to_string().len());
        let origin = format!("{gutter}--> {}:{}:{}", self.path, pos.line, pos.col);
        match rendered.split_once('\n') {
            Some((title, rest)) => format!("{title}\n{origin}\n{rest}"),
            None => format!("{rendered}\n{origin}"),
        }
    }
}

/// The lines of a text, indexed once.
struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// The text of 1-based line `line`, without its line ending.
    fn line(&self, line: u32) -> Option<&'a str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let raw = self.text.get(start..end)?;
        Some(raw.strip_suffix('\r').unwrap_or(raw))
    }
}

/// The text of 1-based line `line`, without its line ending.
pub fn source_line(text: &str, line: u32) -> Option<&str> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let raw = text.split('\n').nth(index)?;
    Some(raw.strip_suffix('\r').unwrap_or(raw))
}

/// Lines longer than this many bytes are shown as a window around the token.
const LONG_LINE: usize = 512;

/// Characters of context kept on each side of the token in a window of a long line.
const WINDOW_CONTEXT: usize = 40;

/// Most characters of the token itself kept in a window.
const WINDOW_TOKEN: usize = 80;

/// Characters between the offsets kept for finding a column in a long line.
const CHAR_STEP: usize = 1024;

/// A window of the long `line` around the token at `pos`, marked `...` where it is cut: the
/// window's text and the token's byte range in it. `steps` holds the byte offset of every
/// [`CHAR_STEP`]-th character of the line, so finding the column walks at most that many.
fn window(line: &str, steps: &[usize], pos: Pos) -> (String, std::ops::Range<usize>) {
    let column = (pos.col.max(1) - 1) as usize;
    let from = column.saturating_sub(WINDOW_CONTEXT);
    let (step, skip) = (from / CHAR_STEP, from % CHAR_STEP);
    let base = steps.get(step).copied().unwrap_or(line.len());
    let mut chars = line[base..]
        .char_indices()
        .map(|(at, c)| (base + at, c))
        .skip(skip);
    let first = chars.next().map_or(line.len(), |(at, _)| at);
    // byte offsets of the token's start and of the window's end, found in one pass
    let before = column.min(WINDOW_CONTEXT);
    let mut offsets = std::iter::once(first).chain(chars.map(|(at, _)| at));
    let start = offsets.nth(before).unwrap_or(line.len());
    let rest = &line[start..];
    let len = if pos.len > 0 && !rest.starts_with(['"', '\'']) {
        pos.len as usize
    } else {
        // a token longer than the window is cut anyway: look no further than it can reach
        let mut reach = rest.len().min(4 * (WINDOW_TOKEN + 2));
        while !rest.is_char_boundary(reach) {
            reach -= 1;
        }
        token_len(&rest[..reach])
    };
    let len = len.clamp(1, WINDOW_TOKEN);
    let end_at = |n: usize| rest.char_indices().nth(n).map_or(rest.len(), |(at, _)| at);
    let token_end = start + end_at(len);
    let window_end = start + end_at(len + WINDOW_CONTEXT);
    let mut out = String::new();
    if first > 0 {
        out.push_str("...");
    }
    out.push_str(&line[first..start]);
    let span_start = out.len();
    out.push_str(&line[start..token_end]);
    let span = span_start..out.len().max(span_start);
    out.push_str(&line[token_end..window_end]);
    if window_end < line.len() {
        out.push_str("...");
    }
    (out, span)
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

/// How many candidate comparisons "did you mean" searches may make in one file. A few
/// hundred suggestions against a big catalogue's 60,000 ids would take seconds; within this
/// budget a file with many unknown ids still reports quickly, and the later ones go without.
pub const SUGGESTION_BUDGET: usize = 2_000_000;

/// True while `spent` comparisons plus a search among `candidates` stay within
/// [`SUGGESTION_BUDGET`]; adds the search to `spent` when it does.
pub fn afford_suggestion(spent: &mut usize, candidates: usize) -> bool {
    let after = spent.saturating_add(candidates);
    if after > SUGGESTION_BUDGET {
        return false;
    }
    *spent = after;
    true
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
    fn the_line_index_agrees_with_source_line() {
        let text = "a\r\nb\n\nlast";
        let index = LineIndex::new(text);
        for line in 0..7 {
            assert_eq!(index.line(line), source_line(text, line), "line {line}");
        }
    }

    #[test]
    fn past_the_cap_problems_are_counted_not_kept() {
        let mut report = Report::new("big.yaml", "x: 1\n");
        for _ in 0..MAX_DIAGNOSTICS + 5 {
            report.push(Diagnostic::error(Pos::new(1, 1), "bad"));
        }
        report.push(Diagnostic::warning(None, "meh"));
        assert_eq!(report.diagnostics.len(), MAX_DIAGNOSTICS);
        assert!(report.is_full());
        assert_eq!(report.error_count(), MAX_DIAGNOSTICS + 5);
        let out = report.render(false);
        assert!(
            out.contains("6 more problems in big.yaml are not shown"),
            "{}",
            &out[out.len() - 300..]
        );
    }

    #[test]
    fn spans_stay_inside_the_line() {
        assert_eq!(char_span("abc", Pos::new(1, 10)), 3..3);
        assert_eq!(char_span("é: \"x y\"", Pos::new(1, 4)), 4..9);
    }

    #[test]
    fn a_long_line_of_wide_characters_finds_the_column() {
        let line = format!("k: [{}bad, {}]", "é, ".repeat(5_000), "ü, ".repeat(5_000));
        let col = line[..line.find("bad").unwrap()].chars().count() + 1;
        let mut report = Report::new("wide.yaml", line);
        report.push(Diagnostic::error(
            Pos::new(1, col as u32).with_len(3),
            "unknown",
        ));
        let out = report.render(false);
        assert!(out.contains(&format!("wide.yaml:1:{col}")), "{out}");
        assert!(out.contains("é, é, bad, ü, ü"), "{out}");
    }

    #[test]
    fn a_long_line_shows_a_window_with_the_right_column() {
        let line = format!("k: [{}bad, {}]", "x, ".repeat(10_000), "y, ".repeat(10_000));
        let col = line.find("bad").unwrap() + 1;
        let mut report = Report::new("long.yaml", format!("a: 1\n{line}\n"));
        report
            .push(Diagnostic::error(Pos::new(2, col as u32).with_len(3), "unknown").label("here"));
        let out = report.render(false);
        assert!(out.contains(&format!("long.yaml:2:{col}")), "{out}");
        assert!(
            out.contains("x, x, bad, y, y") && out.contains("..."),
            "{out}"
        );
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
        let marked = out.lines().find(|l| l.contains("^^^")).unwrap();
        let source = out.lines().find(|l| l.contains("bad")).unwrap();
        assert_eq!(marked.find('^'), source.find("bad"), "{out}");
    }
}
