//! Escaping text that came from files for each output format.
//!
//! Answers files are often written by someone other than the person reading the report, so
//! nothing in them may turn into markup, formulas or terminal commands.

/// A Markdown table cell: pipes escaped, line breaks as `<br>`, HTML special characters
/// escaped so a note cannot inject tags into a rendered page.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::style::sanitize(text).trim().chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A spreadsheet cell: text a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, tab or carriage return) gets a leading apostrophe so it stays text.
pub fn spreadsheet_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(markdown_cell("<script>"), "&lt;script&gt;");
    }

    #[test]
    fn formulas_stay_text() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(spreadsheet_cell("-2"), "'-2");
        assert_eq!(spreadsheet_cell("ok"), "ok");
    }
}
