//! Shared table and text styling, with colour only when the terminal wants it.

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use crate::output::Term;

/// A table that wraps its cells to the terminal's width.
pub fn table(term: &Term, header: &[&str]) -> Table {
    let mut table = styled(term, presets::UTF8_FULL_CONDENSED);
    table.set_header(header.iter().map(|h| heading(term, h)));
    table
}

/// A borderless two-column table for label/value pages.
pub fn page(term: &Term) -> Table {
    styled(term, presets::NOTHING)
}

/// A table in `preset` that fits the terminal's width, coloured only when it should be.
fn styled(term: &Term, preset: comfy_table::TableStyle) -> Table {
    let mut table = Table::new();
    table
        .load_style(preset)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(term.width);
    if term.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// A bold cell when colour is on.
pub fn heading(term: &Term, text: &str) -> Cell {
    let cell = Cell::new(text);
    if term.color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// A coloured cell when colour is on.
pub fn colored(term: &Term, text: &str, color: Color) -> Cell {
    let cell = Cell::new(text);
    if term.color { cell.fg(color) } else { cell }
}

/// Bold text for headings outside tables.
pub fn bold(term: &Term, text: &str) -> String {
    if term.color {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Appends `text` in bold as a line of its own: a heading of a terminal page.
pub fn bold_line(out: &mut String, term: &Term, text: &str) {
    out.push_str(&bold(term, text));
    out.push('\n');
}

pub use super::escape::{one_line, sanitize};

/// "1 package", "2 packages".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "1 person-day", "2.5 person-days".
pub fn person_days(days: f64) -> String {
    let text = super::catalogue::format_days(days);
    if text == "1" {
        "1 person-day".into()
    } else {
        format!("{text} person-days")
    }
}

/// Wraps `text` with `first` before the first line and `rest` before the others.
pub fn hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let wrapped = wrap(text, width.saturating_sub(rest.len()), "");
    let mut out = String::new();
    for (i, line) in wrapped.lines().enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Wraps `text` to `width` columns (at least 20), for paragraphs outside tables.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let width = width.max(20);
    let mut out = String::new();
    for paragraph in text.split('\n') {
        let mut line = String::from(indent);
        let mut empty = true;
        for word in paragraph.split_whitespace() {
            if !empty && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
                empty = true;
            }
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            empty = false;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences() {
        assert_eq!(sanitize("a\x1b[31mred\x07\tb"), "a[31mred b");
    }

    #[test]
    fn wraps_words() {
        assert_eq!(wrap("aaa bbb ccc", 20, "  "), "  aaa bbb ccc\n");
        assert_eq!(
            wrap(&"word ".repeat(10), 20, ""),
            "word word word word\nword word word word\nword word\n"
        );
    }
}
