//! The consultant's own commentary (`report --narrative FILE.md`), read as a small subset of
//! Markdown: `#` headings, paragraphs, `-` or `*` bullet lists and `**bold**`.
//!
//! The subset is read into the report's own blocks rather than passed through, so every
//! format lays the commentary out in its own styles and escapes it like any other text: a
//! narrative holding `<script>` or `=HYPERLINK(...)` stays words in every deliverable.

use crate::report::markup::{Block, Inline};

/// Reads the narrative at `path` (`-` for stdin).
pub fn load(path: &str) -> Result<Vec<Block<'static>>, crate::diag::Report> {
    Ok(parse(&crate::source::read(path)?))
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
