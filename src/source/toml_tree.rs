//! TOML into a [`Node`] tree through the `toml` crate's spanned document parser.

use toml::de::{DeTable, DeValue};

use super::{Entry, Node, Style, Value};
use crate::diag::{Diagnostic, Pos};

pub(super) fn parse(text: &str) -> Result<Node<'_>, Diagnostic> {
    let lines = LineIndex::new(text);
    match DeTable::parse(text) {
        Ok(table) => {
            let pos = lines.pos(table.span().start);
            // A file with nothing but comments is empty, as it is in YAML.
            let value = match table_value(table.into_inner(), &lines) {
                Value::Map(entries) if entries.is_empty() => Value::Null,
                value => value,
            };
            Ok(Node::new(value, pos))
        }
        Err(err) => {
            let pos = err.span().map(|s| lines.pos(s.start));
            let message = err.message().trim().trim_end_matches('.').to_string();
            Err(Diagnostic::error(pos, format!("invalid TOML: {message}")))
        }
    }
}

fn table_value<'a>(table: DeTable<'a>, lines: &LineIndex<'a>) -> Value<'a> {
    let mut entries = Vec::with_capacity(table.len());
    for (key, value) in table {
        let key_pos = lines
            .pos(key.span().start)
            .with_len(key.get_ref().chars().count());
        entries.push(Entry {
            key: key.into_inner(),
            key_pos,
            value: node(value, lines),
        });
    }
    Value::Map(entries)
}

/// A value with its position, and for a scalar its text as written.
fn node<'a>(value: toml::Spanned<DeValue<'a>>, lines: &LineIndex<'a>) -> Node<'a> {
    let span = value.span();
    let pos = lines.pos(span.start);
    let value = value.into_inner();
    let (raw, style) = match &value {
        DeValue::Array(_) | DeValue::Table(_) => ("", Style::Plain),
        DeValue::String(_) => (lines.text.get(span).unwrap_or(""), Style::Quoted),
        _ => (lines.text.get(span).unwrap_or(""), Style::Plain),
    };
    Node {
        value: convert(value, lines),
        pos,
        raw,
        style,
    }
}

fn convert<'a>(value: DeValue<'a>, lines: &LineIndex<'a>) -> Value<'a> {
    match value {
        DeValue::String(s) => Value::Str(s),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            match i64::from_str_radix(&digits, i.radix()) {
                Ok(n) => Value::Int(n),
                Err(_) => Value::Float(f64::INFINITY),
            }
        }
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            Value::Float(match text.as_str() {
                "inf" | "+inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "nan" | "+nan" | "-nan" => f64::NAN,
                other => other.parse().unwrap_or(f64::NAN),
            })
        }
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Str(d.to_string().into()),
        DeValue::Array(items) => {
            Value::Seq(items.into_iter().map(|item| node(item, lines)).collect())
        }
        DeValue::Table(table) => table_value(table, lines),
    }
}

/// Turns byte offsets into 1-based line and character column.
///
/// Columns are counted in characters from a cursor that remembers the last position asked
/// for: the tree is built in source order, so every value on a long line costs only the
/// characters since the previous one, and a one-line file of 8 MiB stays linear.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position found: byte offset, its line's index and its column.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            cursor: std::cell::Cell::new((0, 0, 1)),
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let (at, cursor_line, cursor_col) = self.cursor.get();
        let (from, col) = if cursor_line == line && at <= offset {
            (at, cursor_col)
        } else {
            (self.starts[line], 1)
        };
        let col = col + self.text.get(from..offset).map_or(0, |s| s.chars().count());
        self.cursor.set((offset, line, col));
        Pos::new(
            u32::try_from(line + 1).unwrap_or(u32::MAX),
            u32::try_from(col).unwrap_or(u32::MAX),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_dotted_keys_and_positions() {
        let node =
            parse("[answers.\"8.6.1\"]\nstatus = \"partial\"\nreviewed = 2026-01-02\n").unwrap();
        let Value::Map(top) = &node.value else {
            panic!()
        };
        assert_eq!(top[0].key, "answers");
        let Value::Map(answers) = &top[0].value.value else {
            panic!()
        };
        assert_eq!(answers[0].key, "8.6.1");
        let Value::Map(fields) = &answers[0].value.value else {
            panic!()
        };
        assert_eq!(fields[0].value.pos, Pos::new(2, 10));
        assert_eq!(fields[1].value.value, Value::Str("2026-01-02".into()));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("a = \nb = 2\n").unwrap_err();
        assert_eq!(err.pos.map(|p| p.line), Some(1));
    }
}
