//! Escaping text that came from files, for every output format, in one place.
//!
//! Answers files are often written by someone other than the person reading the report, so
//! nothing in them may turn into markup, formulas, workflow commands or terminal commands, or
//! hide what it says behind bidirectional overrides. Each format escapes its own syntax here;
//! everything starts from [`sanitize`].

/// True for characters no output may carry raw: C0 and C1 controls (tab and line feed are
/// handled by the caller), bidirectional embeddings, overrides and isolates (they can make
/// text read differently from what it is), and the code points XML 1.0 forbids.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
        || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// Removes what [`is_hostile`] names from text that came from a file, so a note cannot move
/// the cursor, change colours, retitle the terminal, reorder what a reader sees or break an
/// XML file. Tabs become spaces and line breaks are kept.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| c == '\t' || is_hostile(c)) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if is_hostile(c) => None,
            c => Some(c),
        })
        .collect()
}

/// [`sanitize`]d text on one line: line breaks become spaces, so text from a file cannot start
/// a line of its own (where a CI runner would read it as a workflow command).
pub fn one_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// HTML element content and attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if is_hostile(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A GitHub workflow command's message: `%`, CR and LF escaped as the runner expects, so a
/// note cannot end its annotation early and forge another command.
pub fn workflow_data(text: &str) -> String {
    sanitize(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A GitHub workflow command's property value: also `:` and `,`.
pub fn workflow_property(text: &str) -> String {
    workflow_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `value` as pretty-printed JSON, escaped by [`json`]. Serializing our own types cannot fail
/// (string keys, finite numbers), so a failure is a bug and says so.
pub fn to_json(value: &impl serde::Serialize) -> String {
    json(serde_json::to_string_pretty(value).expect("our JSON documents always serialize"))
}

/// JSON as serde_json writes it, with every [`is_hostile`] character that it leaves raw
/// (C1 controls, bidirectional controls, U+FFFE/U+FFFF) written as a `\uXXXX` escape: the
/// data a consumer reads is unchanged, and a terminal showing the file is not misled.
pub fn json(text: String) -> String {
    // every hostile character is outside ASCII, and most documents are all ASCII
    if text.is_ascii() || !text.chars().any(|c| c as u32 >= 0x80 && is_hostile(c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c as u32 >= 0x80 && is_hostile(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A Markdown table cell: pipes escaped, line breaks as `<br>`, HTML special characters
/// escaped so a note cannot inject tags into a rendered page.
pub fn markdown_cell(text: &str) -> String {
    markdown_escaped(super::style::sanitize(text).trim())
}

/// A run of Markdown text inside a paragraph: escaped as a cell is, but its spaces kept, so
/// runs of text and emphasis join with the spaces between them.
pub fn markdown_inline(text: &str) -> String {
    markdown_escaped(&super::style::sanitize(text))
}

fn markdown_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

/// A quoted CSS string (for `content:` in print rules): everything but plain letters, digits
/// and a few punctuation marks becomes a CSS escape, so text cannot close the string, the
/// rule or the `<style>` element that holds it.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in sanitize(text).chars() {
        if c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | ',' | ':' | '-' | '(' | ')') {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_never_pass() {
        let text = "a\u{202e}b\u{1b}[31mc\u{85}d\u{ffff}e\tf\ng";
        assert_eq!(sanitize(text), "ab[31mcde f\ng");
        assert_eq!(html("<\u{202e}>"), "&lt;&gt;");
        assert_eq!(workflow_data("a\n::error::x %"), "a%0A::error::x %25");
        assert_eq!(workflow_property("a,b:c"), "a%2Cb%3Ac");
        assert_eq!(
            json(serde_json::to_string("x\u{202e}\u{85}").unwrap_or_default()),
            "\"x\\u202e\\u0085\""
        );
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(markdown_cell("<script>"), "&lt;script&gt;");
    }

    #[test]
    fn css_strings_cannot_close_the_style() {
        assert_eq!(
            css_string("a\"}</style>"),
            "\"a\\22 \\7d \\3c \\2f style\\3e \""
        );
    }

    #[test]
    fn formulas_stay_text() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(spreadsheet_cell("-2"), "'-2");
        assert_eq!(spreadsheet_cell("ok"), "ok");
    }
}
