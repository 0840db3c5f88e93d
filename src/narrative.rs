//! The consultant's own commentary (`report --narrative FILE.md`), read as a small subset of
//! Markdown: `#` headings, paragraphs, `-` or `*` bullet lists and `**bold**`.
//!
//! The subset is read into the report's own blocks rather than passed through, so every
//! format lays the commentary out in its own styles and escapes it like any other text: a
//! narrative holding `<script>` or `=HYPERLINK(...)` stays words in every deliverable.

use crate::diag::{Diagnostic, Pos, Report};
use crate::report::markup::{Block, Inline};

/// Reads the narrative at `path` (`-` for stdin), with a warning at each line of Markdown
/// the subset does not lay out (it stays as words).
pub fn load(path: &str) -> Result<(Vec<Block<'static>>, Report), Report> {
    let text = crate::source::read(path)?;
    let blocks = parse(&text);
    let mut warnings = Report::new(path, "");
    let mut fence = false;
    // one warning for a run of lines of one kind (a list, a table)
    let mut previous: Option<(usize, &str)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let what = if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            if !fence {
                continue;
            }
            "a code block is not laid out as code"
        } else if fence {
            continue;
        } else if numbered(trimmed) {
            "a numbered list is not laid out as a list"
        } else if trimmed.starts_with('|') {
            "a table is not laid out as a table"
        } else if trimmed.starts_with('>') {
            "a quotation is not laid out as one"
        } else {
            continue;
        };
        let run = previous.is_some_and(|(at, kind)| at + 1 == n && kind == what);
        previous = Some((n, what));
        if run {
            continue;
        }
        let col = u32::try_from(line.len() - trimmed.len() + 1).unwrap_or(1);
        warnings.push(
            Diagnostic::warning(
                Pos::new(u32::try_from(n + 1).unwrap_or(u32::MAX), col),
                format!("{what}: the report shows it as plain words"),
            )
            .help("the narrative takes `#` headings, paragraphs, `-` bullets and **bold**"),
        );
    }
    if !warnings.diagnostics.is_empty() {
        warnings.text = text;
    }
    Ok((blocks, warnings))
}

/// `1. ` or `1) `: a numbered list item.
fn numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// The blocks of a narrative. Headings sit one level below the section that holds them
/// (`#` becomes a level 2 heading), so the commentary never outranks the report's parts.
pub fn parse(text: &str) -> Vec<Block<'static>> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush =
        |blocks: &mut Vec<Block<'static>>, para: &mut Vec<&str>, items: &mut Vec<String>| {
            if !para.is_empty() {
                blocks.push(Block::Paragraph(inlines(&para.join(" "))));
                para.clear();
            }
            if !items.is_empty() {
                blocks.push(Block::Bullets(items.iter().map(|i| inlines(i)).collect()));
                items.clear();
            }
        };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut blocks, &mut para, &mut items);
        } else if let Some((level, title)) = heading(trimmed) {
            flush(&mut blocks, &mut para, &mut items);
            blocks.push(Block::Heading {
                level: (level + 1).min(3),
                text: title.to_string(),
            });
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            if !para.is_empty() {
                flush(&mut blocks, &mut para, &mut items);
            }
            items.push(item.trim().to_string());
        } else if !items.is_empty() && line.starts_with(' ') {
            // A continuation line of the last bullet.
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            if !items.is_empty() {
                flush(&mut blocks, &mut para, &mut items);
            }
            para.push(trimmed);
        }
    }
    flush(&mut blocks, &mut para, &mut items);
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = line[hashes..].strip_prefix(' ')?;
    (1..=6)
        .contains(&hashes)
        .then(|| (hashes as u8, rest.trim().trim_end_matches('#').trim()))
}

/// Text with `**bold**` runs; an unclosed `**` stays as written.
fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("**") {
        let Some(len) = rest[start + 2..].find("**") else {
            break;
        };
        if start > 0 {
            out.push(Inline::Text(rest[..start].to_string()));
        }
        out.push(Inline::Strong(rest[start + 2..start + 2 + len].to_string()));
        rest = &rest[start + 2 + len + 2..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings_paragraphs_lists_and_bold() {
        let blocks =
            parse("# Our view\n\nThe team is **strong**\nand keen.\n\n- one\n- two\n  more\n");
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 2,
                    text: "Our view".into()
                },
                Block::Paragraph(vec![
                    Inline::Text("The team is ".into()),
                    Inline::Strong("strong".into()),
                    Inline::Text(" and keen.".into()),
                ]),
                Block::Bullets(vec![
                    vec![Inline::Text("one".into())],
                    vec![Inline::Text("two more".into())]
                ]),
            ]
        );
    }

    #[test]
    fn keeps_markup_as_words() {
        let blocks = parse("<script>alert(1)</script> **unclosed");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![Inline::Text(
                "<script>alert(1)</script> **unclosed".into()
            )])]
        );
    }
}
