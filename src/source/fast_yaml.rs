//! A fast reader for the plain block YAML that catalogues and answers files are written in.
//!
//! serde-saphyr reads about 50 MB/s: 4 ms of every run went on the built-in catalogue alone,
//! and a 10,000-requirement catalogue took a third of a second. This reader takes the YAML
//! that people and `iso20k init` actually write (block mappings and sequences, one-line flow
//! collections, plain and quoted one-line scalars, folded and literal block scalars, comments)
//! and builds the same [`Node`] tree, positions included, about eight times faster (0.47 ms
//! against 3.8 ms for the built-in catalogue: `cargo bench --bench engine -- "yaml reader"`),
//! borrowing its texts from the source instead of copying them.
//!
//! It is deliberately partial: at the first thing outside that subset (anchors, tags,
//! escapes, multi-line flow or plain scalars, a number spelling it does not know, any syntax
//! error) it gives up and returns `None`, and serde-saphyr reads the file instead. So every
//! error message, every limit and every unusual construct still comes from serde-saphyr, and
//! this reader only ever has to agree with it on input both accept. It is tested for exactly
//! that: the shipped files, the fixtures, property tests and a fuzz target compare the two
//! trees whenever this reader returns one.

use std::borrow::Cow;

use super::{Entry, Node, Value};
use crate::diag::Pos;

/// Deeper than this, leave the file to serde-saphyr (which enforces the real depth limit).
const MAX_DEPTH: usize = 16;
/// Longest implicit key YAML allows is 1024 characters; stay well below it.
const MAX_KEY_BYTES: usize = 512;

/// Reads `text`, or returns `None` when it is outside the subset this reader handles.
pub fn parse(text: &str) -> Option<Node<'_>> {
    if !safe_characters(text) {
        return None;
    }
    let mut reader = Reader {
        text,
        offset: 0,
        line_no: 0,
        peeked: None,
    };
    let first = reader.peek()?;
    if first.indent != 0 {
        return None;
    }
    let node = reader.block_node(0, 0, false)?;
    // Nothing may follow the document but blank lines and comments.
    if reader.peek().is_some() {
        return None;
    }
    Some(node)
}

/// Rejects anything that needs care this reader does not take: tabs, carriage returns that
/// do not end a line, control and non-printable characters, byte-order marks, and the
/// Unicode line and paragraph separators.
fn safe_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    // One pass with no early exit, which the compiler turns into vector code: this runs
    // over every byte of every file.
    let control = bytes.iter().fold(false, |bad, &b| {
        bad | ((b < b' ' && b != b'\n' && b != b'\r') || b == 0x7f)
    });
    if control {
        return false;
    }
    if bytes.contains(&b'\r') {
        let lone_cr = bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if lone_cr {
            return false;
        }
    }
    if text.is_ascii() {
        return true;
    }
    !text.chars().any(|c| {
        matches!(
            c,
            '\u{80}'..='\u{9f}' | '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
        )
    })
}

/// One line of the text, without its line ending.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based.
    no: u32,
    /// The whole line.
    text: &'a str,
    /// Leading spaces.
    indent: usize,
}

impl<'a> Line<'a> {
    fn content(&self) -> &'a str {
        &self.text[self.indent..]
    }

    /// The 1-based column, in characters, of byte `at` of the line.
    fn col(&self, at: usize) -> u32 {
        let before = &self.text[..at];
        let chars = if before.is_ascii() {
            before.len()
        } else {
            before.chars().count()
        };
        u32::try_from(chars + 1).unwrap_or(u32::MAX)
    }

    fn pos(&self, at: usize) -> Pos {
        Pos::new(self.no, self.col(at))
    }
}

struct Reader<'a> {
    text: &'a str,
    /// Byte offset of the next unread line.
    offset: usize,
    /// Number of the last line read.
    line_no: u32,
    /// The next line with content, when already found.
    peeked: Option<(Line<'a>, usize, u32)>,
}

impl<'a> Reader<'a> {
    /// The next raw line, blank and comment lines included.
    fn raw_line(&mut self) -> Option<Line<'a>> {
        if self.offset >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.offset..];
        // lines are short: a plain loop beats a general substring search here
        let (line, next) = match rest.bytes().position(|b| b == b'\n') {
            Some(i) => (&rest[..i], self.offset + i + 1),
            None => (rest, self.text.len()),
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        self.offset = next;
        self.line_no += 1;
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        Some(Line {
            no: self.line_no,
            text: line,
            indent,
        })
    }

    /// The next line with content (not blank, not a comment), without consuming it.
    fn peek(&mut self) -> Option<Line<'a>> {
        if let Some((line, _, _)) = self.peeked {
            return Some(line);
        }
        let before = (self.offset, self.line_no);
        loop {
            let Some(line) = self.raw_line() else {
                (self.offset, self.line_no) = before;
                return None;
            };
            let content = line.content();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            self.peeked = Some((line, self.offset, self.line_no));
            (self.offset, self.line_no) = before;
            return Some(line);
        }
    }

    /// Consumes the next line with content.
    fn next(&mut self) -> Option<Line<'a>> {
        self.peek()?;
        let (line, offset, line_no) = self.peeked.take()?;
        (self.offset, self.line_no) = (offset, line_no);
        Some(line)
    }

    /// A block mapping or sequence whose lines start at `indent`. `depth` counts the
    /// collections around it; `compact` is true for a sequence that is a mapping value
    /// written at the mapping's own indentation.
    fn block_node(&mut self, indent: usize, depth: usize, compact: bool) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let line = self.peek()?;
        if line.indent != indent {
            return None;
        }
        if is_dash(line.content()) {
            self.block_sequence(indent, depth, compact)
        } else if compact {
            None
        } else {
            let line = self.next()?;
            self.block_mapping(line, indent, depth)
        }
    }

    /// A block sequence at `indent`.
    fn block_sequence(&mut self, indent: usize, depth: usize, compact: bool) -> Option<Node<'a>> {
        let first = self.peek()?;
        // saphyr places a sequence at its first dash, but a compact one (a mapping value
        // at the mapping's own indentation) at its first item, which must then follow the
        // dash after exactly one space
        let pos = if compact {
            if !first.content().starts_with("- ") || first.content()[2..].starts_with(' ') {
                return None;
            }
            first.pos(indent + 2)
        } else {
            first.pos(indent)
        };
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            if !is_dash(line.content()) {
                if compact {
                    break; // the next key of the mapping this sequence belongs to
                }
                return None;
            }
            let line = self.next()?;
            // after "- ", at least one space: the item starts at its first non-space
            let after_dash = indent + 1;
            let rest = &line.text[after_dash..];
            let start = after_dash + (rest.len() - rest.trim_start_matches(' ').len());
            let body = &line.text[start..];
            if body.is_empty() || body.starts_with('#') {
                // an empty item, or the item is a block on the next lines: leave both to saphyr
                return None;
            }
            if body.starts_with("- ") || body == "-" {
                return None; // a sequence in a sequence on one line
            }
            match key_at(line, start) {
                Some(Key::Found { .. }) => {
                    // "- key: value": a mapping whose keys line up under the first one
                    items.push(self.block_mapping_from(line, start, depth + 1)?);
                }
                Some(Key::NotAKey) => {
                    items.push(self.inline_value(line, start, indent, depth + 1)?);
                }
                None => return None,
            }
        }
        Some(Node {
            value: Value::Seq(items),
            pos,
        })
    }

    /// A block mapping whose first line (already consumed) is `first`.
    fn block_mapping(&mut self, first: Line<'a>, indent: usize, depth: usize) -> Option<Node<'a>> {
        self.mapping_entries(first, indent, indent, depth)
    }

    /// A block mapping whose first key starts at byte `start` of `first` (after "- ").
    fn block_mapping_from(
        &mut self,
        first: Line<'a>,
        start: usize,
        depth: usize,
    ) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        // The keys below must line up with the first, which sits at character column
        // `start` (the line is ASCII up to there: spaces and a dash).
        self.mapping_entries(first, start, start, depth)
    }

    /// The entries of a mapping at `indent`, the first on `first` at byte `start`.
    fn mapping_entries(
        &mut self,
        first: Line<'a>,
        start: usize,
        indent: usize,
        depth: usize,
    ) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut entries = Vec::new();
        let mut line = first;
        let mut at = start;
        let pos = line.pos(at);
        loop {
            let Some(Key::Found {
                key,
                key_pos,
                colon,
                value_at,
            }) = key_at(line, at)
            else {
                return None;
            };
            let value = self.map_value(line, colon, value_at, indent, depth)?;
            entries.push(Entry {
                key_pos: key_pos.with_len(char_len(&key)),
                key,
                value,
            });
            match self.peek() {
                Some(next) if next.indent == indent && !is_dash(next.content()) => {
                    line = self.next()?;
                    at = indent;
                }
                // deeper: a continuation or bad indentation; a dash at the mapping's own
                // indentation: only valid as a compact sequence value, which `map_value`
                // has already read
                Some(next) if next.indent >= indent => return None,
                _ => break,
            }
        }
        // exact: the tree of a big catalogue is several times its text
        if entries.capacity() > entries.len() + 2 {
            entries.shrink_to_fit();
        }
        Some(Node {
            value: Value::Map(entries),
            pos,
        })
    }

    /// The value of a mapping entry at `indent` whose colon is at byte `colon` of `line`.
    fn map_value(
        &mut self,
        line: Line<'a>,
        colon: usize,
        value_at: usize,
        indent: usize,
        depth: usize,
    ) -> Option<Node<'a>> {
        let rest = &line.text[value_at..];
        if rest.is_empty() || rest.starts_with('#') {
            // The value is on the next lines, or there is none.
            return match self.peek() {
                Some(next) if next.indent > indent => {
                    self.block_node(next.indent, depth + 1, false)
                }
                Some(next) if next.indent == indent && is_dash(next.content()) => {
                    self.block_node(indent, depth + 1, true)
                }
                _ => Some(Node {
                    value: Value::Null,
                    pos: line.pos(colon),
                }),
            };
        }
        self.inline_value(line, value_at, indent, depth + 1)
    }

    /// A value written on `line` from byte `at`: a scalar, a one-line flow collection or a
    /// block scalar header. `parent` is the indentation of the collection it belongs to.
    fn inline_value(
        &mut self,
        line: Line<'a>,
        at: usize,
        parent: usize,
        depth: usize,
    ) -> Option<Node<'a>> {
        let rest = &line.text[at..];
        let &first = rest.as_bytes().first()?;
        match first {
            b'>' | b'|' => self.block_scalar(line, at, parent),
            b'[' | b'{' => {
                let mut flow = Flow { line, at, depth };
                let node = flow.node()?;
                line_end(line, flow.at).then_some(node)
            }
            b'"' | b'\'' => {
                let (text, end) = quoted(line.text, at)?;
                if !line_end(line, end) {
                    return None;
                }
                Some(string_node(text, line.pos(at)))
            }
            _ => {
                let end = plain_end(line.text, at, false);
                let text = line.text[at..end].trim_end_matches(' ');
                if !line_end(line, end) || text.is_empty() {
                    return None;
                }
                if text.ends_with(':') || text.contains(": ") {
                    return None;
                }
                let value = plain_value(text)?;
                Some(scalar_node(value, line.pos(at)))
            }
        }
    }

    /// A folded (`>`, `>-`) or literal (`|`, `|-`) block scalar whose header is at byte `at`
    /// of `line`; its content lines are more indented than `parent`.
    fn block_scalar(&mut self, line: Line<'a>, at: usize, parent: usize) -> Option<Node<'a>> {
        let (folded, strip) = match line.text[at..].trim_end_matches(' ') {
            ">" => (true, false),
            ">-" => (true, true),
            "|" => (false, false),
            "|-" => (false, true),
            _ => return None,
        };
        // Content: consecutive lines indented like the first. Blank lines inside, lines
        // indented further and trailing spaces all change the value in ways left to saphyr.
        let mut content_indent = None;
        let mut parts: Vec<&str> = Vec::new();
        let mut first_no = 0;
        let mut ended_with_newline = true;
        loop {
            let before = (self.offset, self.line_no);
            let Some(raw) = self.raw_line() else { break };
            if raw.content().is_empty() {
                if !raw.text.is_empty() {
                    return None;
                }
                // A blank line ends the scalar only when what follows is less indented.
                let next_indent = loop {
                    match self.raw_line() {
                        Some(l) if l.text.is_empty() => continue,
                        Some(l) if l.content().is_empty() => return None,
                        Some(l) => break Some(l.indent),
                        None => break None,
                    }
                };
                (self.offset, self.line_no) = before;
                match next_indent {
                    Some(i) if i > parent && content_indent.is_none_or(|ci| i >= ci) => {
                        return None;
                    }
                    _ => break,
                }
            }
            let ci = *content_indent.get_or_insert(raw.indent);
            if raw.indent < ci {
                (self.offset, self.line_no) = before;
                break;
            }
            if raw.indent > ci || raw.indent <= parent || raw.text.ends_with(' ') {
                return None;
            }
            if parts.is_empty() {
                first_no = raw.no;
            }
            ended_with_newline = self.text.as_bytes().get(self.offset - 1) == Some(&b'\n');
            parts.push(raw.content());
        }
        let ci = content_indent?;
        if parts.is_empty() || (!strip && !ended_with_newline) {
            return None;
        }
        let mut text = parts.join(if folded { " " } else { "\n" });
        if !strip {
            text.push('\n');
        }
        let pos = Pos::new(first_no, u32::try_from(ci + 1).unwrap_or(u32::MAX));
        Some(block_string_node(text, pos))
    }
}

/// A line whose content is a sequence item: `-` followed by a space or nothing.
fn is_dash(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// What starts at a position of a line: a mapping key, or not.
enum Key<'a> {
    Found {
        key: Cow<'a, str>,
        key_pos: Pos,
        /// Byte of the `:`.
        colon: usize,
        /// Byte where the value starts (after the spaces following the colon); the line's
        /// length when nothing follows.
        value_at: usize,
    },
    NotAKey,
}

/// Reads a mapping key at byte `at` of `line`; `None` when the text is outside the subset.
fn key_at<'a>(line: Line<'a>, at: usize) -> Option<Key<'a>> {
    let text = line.text;
    let rest = &text[at..];
    let (key, after) = match rest.as_bytes().first()? {
        // a flow collection or block scalar: a value, never a key in this subset
        b'[' | b'{' | b'>' | b'|' => return Some(Key::NotAKey),
        b'"' | b'\'' => {
            let (key, end) = quoted(text, at)?;
            let after_spaces =
                end + (text[end..].len() - text[end..].trim_start_matches(' ').len());
            if text.as_bytes().get(after_spaces) != Some(&b':') {
                // a quoted scalar, not a key
                return Some(Key::NotAKey);
            }
            (key, after_spaces)
        }
        _ => {
            let Some(colon) = find_colon(rest) else {
                return Some(Key::NotAKey);
            };
            let key = rest[..colon].trim_end_matches(' ');
            if !plain_key_ok(key) {
                return None;
            }
            (Cow::Borrowed(key), at + colon)
        }
    };
    if key.len() > MAX_KEY_BYTES || after - at > MAX_KEY_BYTES {
        return None;
    }
    let value_start = after + 1;
    let spaces = text[value_start..].len() - text[value_start..].trim_start_matches(' ').len();
    if value_start < text.len() && spaces == 0 {
        return None; // "a:b" right after a quoted key
    }
    Some(Key::Found {
        key,
        key_pos: line.pos(at),
        colon: after,
        value_at: value_start + spaces,
    })
}

/// The byte of the first `:` in `s` that ends a plain key (followed by a space or the end),
/// before any comment.
fn find_colon(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return Some(i),
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    None
}

/// A plain key this reader takes as written: it starts with a letter, digit or one of a few
/// safe characters, holds no flow indicators or comment, and is not a null or merge key.
fn plain_key_ok(key: &str) -> bool {
    let Some(&first) = key.as_bytes().first() else {
        return false;
    };
    let first_ok = if first.is_ascii() {
        first.is_ascii_alphanumeric() || matches!(first, b'_' | b'$' | b'/' | b'(')
    } else {
        key.chars().next().is_some_and(char::is_alphanumeric)
    };
    if !first_ok
        || key
            .bytes()
            .any(|b| matches!(b, b',' | b'[' | b']' | b'{' | b'}' | b'#'))
    {
        return false;
    }
    !matches!(key, "null" | "Null" | "NULL")
}

/// Reads a one-line quoted scalar starting at byte `at` (its quote); returns its text and
/// the byte after the closing quote. Escapes and line breaks are left to saphyr.
fn quoted(text: &str, at: usize) -> Option<(Cow<'_, str>, usize)> {
    let &quote = text.as_bytes().get(at)?;
    let body = &text[at + 1..];
    if quote == b'"' {
        let end = body.find('"')?;
        let inner = &body[..end];
        if inner.contains('\\') {
            return None;
        }
        Some((Cow::Borrowed(inner), at + 1 + end + 1))
    } else {
        let bytes = body.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        let mut from = 0;
        while i < bytes.len() {
            if bytes[i] == b'\'' {
                if bytes.get(i + 1) == Some(&b'\'') {
                    out.push_str(&body[from..=i]);
                    i += 2;
                    from = i;
                    continue;
                }
                if from == 0 {
                    // no doubled quote: the text as written
                    return Some((Cow::Borrowed(&body[..i]), at + 1 + i + 1));
                }
                out.push_str(&body[from..i]);
                return Some((Cow::Owned(out), at + 1 + i + 1));
            }
            i += 1;
        }
        None
    }
}

/// True when only spaces and perhaps a comment follow byte `at` of the line.
fn line_end(line: Line<'_>, at: usize) -> bool {
    let rest = &line.text[at..];
    let trimmed = rest.trim_start_matches(' ');
    let hash = line.text.len() - trimmed.len();
    // a comment needs a space before its `#`
    trimmed.is_empty()
        || (trimmed.starts_with('#') && hash > 0 && line.text.as_bytes()[hash - 1] == b' ')
}

/// Where a plain scalar starting at byte `at` ends: at a comment, at the end of the line, or
/// (in a flow collection) at a flow indicator or `: `.
fn plain_end(text: &str, at: usize, flow: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'#' if i > at && bytes[i - 1] == b' ' => return i,
            b',' | b'[' | b']' | b'{' | b'}' if flow => return i,
            b':' if flow && matches!(bytes.get(i + 1), None | Some(b' ' | b',' | b']' | b'}')) => {
                return i;
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The value of a plain scalar, resolved as serde-saphyr resolves it (YAML 1.2 core schema,
/// strict booleans); `None` for spellings whose resolution is left to saphyr.
fn plain_value(s: &str) -> Option<Value<'_>> {
    let &first = s.as_bytes().first()?;
    if matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.') {
        return number_like(s);
    }
    if s.len() <= 8 {
        match s {
            "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
            "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
            "null" | "Null" | "NULL" | "~" => return Some(Value::Null),
            _ => {}
        }
        // other spellings of these are left to saphyr
        for word in ["true", "false", "null", "nan", "inf", "infinity"] {
            if s.eq_ignore_ascii_case(word) {
                return None;
            }
        }
    }
    let first_ok = if first.is_ascii() {
        first.is_ascii_alphabetic() || matches!(first, b'_' | b'$' | b'/' | b'(')
    } else {
        s.chars().next().is_some_and(char::is_alphanumeric)
    };
    first_ok.then_some(Value::Str(Cow::Borrowed(s)))
}

/// A plain scalar that starts like a number: an integer, a simple decimal, or text such as
/// a date or a requirement id; anything else is left to saphyr.
fn number_like(s: &str) -> Option<Value<'_>> {
    let (sign, digits) = match s.as_bytes().first()? {
        b'-' | b'+' => (&s[..1], &s[1..]),
        _ => ("", s),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if all_digits(digits) {
        if digits.len() > 1 && digits.starts_with('0') {
            return None; // saphyr reads `007` its own way
        }
        return s.parse::<i64>().ok().map(Value::Int);
    }
    if let Some((int, frac)) = digits.split_once('.')
        && all_digits(int)
        && all_digits(frac)
    {
        if int.len() > 1 && int.starts_with('0') {
            return None;
        }
        let value: f64 = s.parse().ok()?;
        return value.is_finite().then_some(Value::Float(value));
    }
    if !sign.is_empty() {
        return None;
    }
    // Requirement ids and dates: `4.1-1`, `2026-11-20`; clause numbers: `8.6.1`.
    let dotted = |t: &str| t.split('.').all(all_digits);
    let id_or_date = match s.split_once('-') {
        Some((head, tail)) => dotted(head) && tail.split('-').all(all_digits),
        None => dotted(s) && s.matches('.').count() >= 2,
    };
    if id_or_date {
        return Some(Value::Str(Cow::Borrowed(s)));
    }
    // Text with a character no number has: `12:30`, `2026-11-20T10:00:00`, `1 000`.
    let numeric_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-' | b'_');
    if s.starts_with(|c: char| c.is_ascii_digit()) && s.bytes().any(|b| !numeric_char(b)) {
        return Some(Value::Str(Cow::Borrowed(s)));
    }
    None
}

fn scalar_node(value: Value<'_>, pos: Pos) -> Node<'_> {
    match value {
        Value::Str(s) => string_node(s, pos),
        value => Node { value, pos },
    }
}

/// Length in characters.
fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// A string node; its position covers the text when it is one line, as saphyr's does.
fn string_node(text: Cow<'_, str>, pos: Pos) -> Node<'_> {
    let pos = pos.with_len(char_len(&text));
    Node {
        value: Value::Str(text),
        pos,
    }
}

/// A string node for a block scalar, which may span lines.
fn block_string_node(text: String, pos: Pos) -> Node<'static> {
    let pos = if text.contains('\n') {
        pos
    } else {
        pos.with_len(char_len(&text))
    };
    Node {
        value: Value::Str(Cow::Owned(text)),
        pos,
    }
}

/// A one-line flow collection being read.
struct Flow<'a> {
    line: Line<'a>,
    /// The next byte to read.
    at: usize,
    depth: usize,
}

impl<'a> Flow<'a> {
    fn bytes(&self) -> &[u8] {
        self.line.text.as_bytes()
    }

    fn skip_spaces(&mut self) {
        while self.bytes().get(self.at) == Some(&b' ') {
            self.at += 1;
        }
    }

    fn node(&mut self) -> Option<Node<'a>> {
        if self.depth > MAX_DEPTH {
            return None;
        }
        let pos = self.line.pos(self.at);
        match *self.bytes().get(self.at)? {
            b'[' => {
                self.at += 1;
                self.depth += 1;
                let mut items = Vec::new();
                self.skip_spaces();
                if self.bytes().get(self.at) == Some(&b']') {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.scalar_or_collection()?);
                        self.skip_spaces();
                        match self.bytes().get(self.at)? {
                            b',' => {
                                self.at += 1;
                                self.skip_spaces();
                                if matches!(self.bytes().get(self.at)?, b']') {
                                    return None; // a trailing comma
                                }
                            }
                            b']' => {
                                self.at += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                self.depth -= 1;
                Some(Node {
                    value: Value::Seq(items),
                    pos,
                })
            }
            b'{' => {
                self.at += 1;
                self.depth += 1;
                let mut entries = Vec::new();
                self.skip_spaces();
                if self.bytes().get(self.at) == Some(&b'}') {
                    self.at += 1;
                } else {
                    loop {
                        entries.push(self.entry()?);
                        self.skip_spaces();
                        match self.bytes().get(self.at)? {
                            b',' => {
                                self.at += 1;
                                self.skip_spaces();
                                if matches!(self.bytes().get(self.at)?, b'}') {
                                    return None;
                                }
                            }
                            b'}' => {
                                self.at += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                self.depth -= 1;
                Some(Node {
                    value: Value::Map(entries),
                    pos,
                })
            }
            _ => None,
        }
    }

    /// A flow mapping entry: `key: value`, or `key:` with no value.
    fn entry(&mut self) -> Option<Entry<'a>> {
        let key_at = self.at;
        let key = match self.bytes().get(self.at)? {
            b'"' | b'\'' => {
                let (key, end) = quoted(self.line.text, self.at)?;
                self.at = end;
                key
            }
            _ => {
                let end = plain_end(self.line.text, self.at, true);
                let key = self.line.text[self.at..end].trim_end_matches(' ');
                if !plain_key_ok(key) {
                    return None;
                }
                self.at = end;
                Cow::Borrowed(key)
            }
        };
        if key.len() > MAX_KEY_BYTES {
            return None;
        }
        self.skip_spaces();
        if self.bytes().get(self.at) != Some(&b':') {
            return None;
        }
        let colon = self.at;
        self.at += 1;
        if self.bytes().get(self.at) != Some(&b' ') {
            return None;
        }
        self.skip_spaces();
        let value = match self.bytes().get(self.at)? {
            b',' | b'}' => Node {
                value: Value::Null,
                pos: self.line.pos(colon),
            },
            _ => self.scalar_or_collection()?,
        };
        Some(Entry {
            key_pos: self.line.pos(key_at).with_len(char_len(&key)),
            key,
            value,
        })
    }

    fn scalar_or_collection(&mut self) -> Option<Node<'a>> {
        let pos = self.line.pos(self.at);
        match *self.bytes().get(self.at)? {
            b'[' | b'{' => self.node(),
            b'"' | b'\'' => {
                let (text, end) = quoted(self.line.text, self.at)?;
                self.at = end;
                Some(string_node(text, pos))
            }
            _ => {
                let end = plain_end(self.line.text, self.at, true);
                let text = self.line.text[self.at..end].trim_end_matches(' ');
                if text.is_empty() || text.starts_with('#') {
                    return None;
                }
                // `a: b` inside a flow sequence is a pair: left to saphyr
                if self.bytes().get(end) == Some(&b':') {
                    return None;
                }
                let value = plain_value(text)?;
                self.at = end;
                Some(scalar_node(value, pos))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both readers agree on `text`, and the fast one takes it.
    #[track_caller]
    fn same(text: &str) {
        let fast = parse(text).unwrap_or_else(|| panic!("fast reader declined:\n{text}"));
        let full = super::super::yaml_tree::parse(text).unwrap();
        assert_eq!(fast, full, "\n{text}");
    }

    /// The fast reader leaves `text` to saphyr.
    #[track_caller]
    fn declined(text: &str) {
        assert!(parse(text).is_none(), "fast reader took:\n{text}");
    }

    #[test]
    fn block_structures_and_positions() {
        same("a: plain text\nb: \"quoted\"\nc: 'it''s'\nd:\ne: 12\nf: -1.5\n");
        same("g: [x, \"y\", 3, [], {}]\nh: {k: v, \"q\": 2, e: }\n");
        same("i:\n  - one\n  - k: v\n    l: w\n  -   m: n\nj:\n- compact\n- [a]\nk: x\n");
        same("# c\n\nab:\nabc:   # comment\n\"q\" : 1\nw: \"a\"  # c\n");
        same("é: ü\nkey: naïve café\n");
        same("4: a\n8.10: b\n8.6: c\n4.1-1: d\n");
    }

    #[test]
    fn block_scalars() {
        same("j: >-\n  folded line\n  two\nk: 1\n");
        same("j: >\n  folded\n  two\nk: 1\n");
        same("j: |\n  literal\n  two\nk: 1\n");
        same("j: |-\n  literal\n  two\n\nk: 1\n");
        same("- >-\n  in a list\n- b\n");
        declined("j: >-\n  a\n\n  b\n");
        declined("j: >-\n  a\n    b\n");
    }

    #[test]
    fn scalar_resolution() {
        for v in [
            "0",
            "-0",
            "+1",
            "12",
            "-7",
            "1.5",
            "0.25",
            "-2.5",
            "true",
            "False",
            "null",
            "~",
            "2026-11-20",
            "4.1-1",
            "8.6.1",
            "10.2-2",
            "12:30",
            "2026-11-20T10:00:00",
            "1 000",
            "yes",
            "no",
            "on",
            "y",
            "inf",
            "nan",
            "Infinity",
            "x1",
            "n/a",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            let text = format!("v: {v}\n");
            if parse(&text).is_some() {
                same(&text);
            }
        }
        for v in [
            "007",
            "1e3",
            ".5",
            "1.",
            "0x10",
            "1_000",
            ".inf",
            "-.inf",
            ".nan",
            "NaN",
            "9223372036854775808",
            "@x",
            "`x",
            "&a x",
            "*a",
            "!!str x",
            "%x",
            "? x",
        ] {
            declined(&format!("v: {v}\n"));
        }
    }

    #[test]
    fn crlf_and_unicode() {
        same("a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: >-\r\n  one\r\n  two\r\n");
        declined("a: 1\rb: 2\n");
        declined("\u{feff}a: 1\n");
        declined("a:\t1\n");
        declined("a: \u{2028}\n");
    }

    #[test]
    fn leaves_errors_and_oddities_to_saphyr() {
        for text in [
            "a: [1, 2\nb: 3\n",
            "a: b: c\n",
            "a: 1\n  b: 2\n",
            "a: x\n  continued\n",
            "- a\nb: c\n",
            "a:\n  - x\n  y: z\n",
            "---\na: 1\n",
            "a: &x 1\nb: *x\n",
            "a: \"esc\\n\"\n",
            "a: \"multi\n  line\"\n",
            "<<: {a: 1}\n",
            "null: x\n",
            "-\n- a\n",
            "a: [1, 2,]\n",
            "  a: 1\n",
            "scalar\n",
            "# only a comment\n",
        ] {
            declined(text);
        }
    }

    #[test]
    fn the_shipped_files_take_the_fast_path_and_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for path in [
            "requirements/iso20000-1-2018.yaml",
            "examples/msp-halfway.yaml",
            "examples/first-day.yaml",
            "tests/fixtures/catalogues/mini.yaml",
            "tests/fixtures/answers/halfway.yaml",
            "tests/fixtures/ok/quoted-keys.yaml",
            "tests/fixtures/ok/unquoted-keys.yaml",
            "tests/fixtures/ok/crlf.yaml",
        ] {
            let text = std::fs::read_to_string(root.join(path)).unwrap();
            let fast = parse(&text).unwrap_or_else(|| panic!("{path}: fast reader declined"));
            let full = super::super::yaml_tree::parse(&text).unwrap();
            assert!(fast == full, "{path}: the two readers disagree");
        }
    }
}
