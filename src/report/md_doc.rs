//! Markdown for wikis, pull requests and the GitHub step summary: the same sections as HTML
//! and DOCX. Charts become the table of their values (the schedule a Mermaid block, which
//! GitHub and GitLab draw), and every piece of text is escaped so a pipe, a line break or a
//! tag cannot break a table or inject markup.

use std::fmt::Write as _;

use anyhow::Result;

use super::markup::{Chart, Cover, Deliverable, Inline, Markup, Table};
use super::markup_command;
use super::{Document, Reporter};
use crate::brand::Brand;
use crate::view::escape::{markdown_cell as md, markdown_inline};

/// The most characters a pull-request comment (and a step summary) holds on GitHub.
pub const COMMENT_LIMIT: usize = 65_536;

/// The Markdown reporter; `limit` caps the rows of the assessment's gap and finding tables
/// (0 shows all).
pub struct Markdown {
    pub limit: usize,
}

impl Reporter for Markdown {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        Ok(document(doc, self.limit).into_bytes())
    }
}

/// The document as Markdown. An assessment (what goes into a pull-request comment or a step
/// summary) shows at most `limit` rows per table and always fits [`COMMENT_LIMIT`]: when the
/// rows asked for do not fit, fewer are shown and the rest counted.
pub fn document(doc: &Document<'_>, limit: usize) -> String {
    let brand = Brand::default();
    let run = match doc {
        Document::Assessment(run) => run,
        Document::Plan(run, plan) => return render(&markup_command::plan(run, plan), &brand),
        Document::Full(run, plan) => {
            return render(&super::markup::deliverable(run, plan, &brand, &[]), &brand);
        }
    };
    let mut limit = limit;
    loop {
        let out = render(&markup_command::assessment(run, limit), &brand);
        if out.len() <= COMMENT_LIMIT {
            return out;
        }
        if limit == 1 {
            return fit(out);
        }
        let rows = run.assessment.findings.len();
        limit = if limit == 0 { rows / 2 } else { limit / 2 }.max(1);
    }
}

/// Writes the deliverable as Markdown.
pub fn render(doc: &Deliverable<'_>, brand: &Brand) -> String {
    let mut m = Md {
        out: String::new(),
        brand_name: brand.name.clone(),
    };
    m.write(doc);
    let _ = writeln!(m.out, "---\n\n*{}*", md(&doc.footer));
    m.out
}

struct Md {
    out: String,
    brand_name: Option<String>,
}

fn runs(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::Text(t) => markdown_inline(t),
            Inline::Strong(t) => format!("**{}**", md(t)),
            // The text is a fixed word of the tool's, never a file's: backticks cannot occur.
            Inline::Code(t) => format!("`{}`", t.replace('`', "")),
        })
        .collect()
}

impl Markup for Md {
    fn cover(&mut self, cover: &Cover) {
        let _ = writeln!(
            self.out,
            "# {}: {}\n",
            md(&cover.title),
            md(&cover.organization)
        );
        if let Some(name) = &self.brand_name {
            let _ = writeln!(self.out, "*{}*\n", md(name));
        }
        let _ = writeln!(self.out, "| | |\n|---|---|");
        for (k, v) in &cover.facts {
            let _ = writeln!(self.out, "| {k} | {} |", md(v));
        }
        self.out.push('\n');
        if let Some(line) = &cover.confidentiality {
            let _ = writeln!(self.out, "**{}**\n", md(line));
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        // The cover holds the only level 1 heading; the parts sit one level below it.
        let hashes = "#".repeat(usize::from(level.clamp(1, 3)) + 1);
        let _ = writeln!(self.out, "{hashes} {}\n", md(text));
    }

    fn paragraph(&mut self, r: &[Inline]) {
        let _ = writeln!(self.out, "{}\n", runs(r));
    }

    fn bullets(&mut self, items: &[Vec<Inline>]) {
        for item in items {
            let _ = writeln!(self.out, "- {}", runs(item));
        }
        self.out.push('\n');
    }

    fn table(&mut self, table: &Table) {
        let head: Vec<String> = table.columns.iter().map(|c| md(c.title)).collect();
        let rule: Vec<&str> = table
            .columns
            .iter()
            .map(|c| if c.numeric { "---:" } else { "---" })
            .collect();
        let _ = writeln!(self.out, "| {} |\n|{}|", head.join(" | "), rule.join("|"));
        for row in &table.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(self.out, "| {} |", cells.join(" | "));
        }
        self.out.push('\n');
    }

    fn chart(&mut self, chart: &Chart<'_>) {
        match chart {
            Chart::Bars { title, bars, .. } => {
                let _ = writeln!(self.out, "| {title} | |\n|---|---:|");
                for bar in bars {
                    let _ = writeln!(self.out, "| {} | {} |", md(&bar.label), md(&bar.text));
                }
                self.out.push('\n');
            }
            Chart::Gantt(plan) => {
                self.out.push_str(&crate::view::plan_mermaid::gantt(plan));
                self.out.push('\n');
            }
        }
    }

    fn contents(&mut self, headings: &[String]) {
        let _ = writeln!(self.out, "## Contents\n");
        for (i, h) in headings.iter().enumerate() {
            let _ = writeln!(self.out, "{}. {}", i + 1, md(h));
        }
        self.out.push('\n');
    }

    fn page_break(&mut self) {}
}

/// A table cell, cut so one long note cannot fill a pull-request comment on its own.
fn cell(text: &str) -> String {
    const MAX: usize = 1_000;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => md(&format!("{}…", &text[..end])),
        None => md(text),
    }
}

/// The last resort when even one row per table does not fit (a catalogue of thousands of
/// clauses): the document up to the last block that fits, and a line that says so.
fn fit(mut text: String) -> String {
    const NOTE: &str = "*… cut to fit a pull-request comment: `--format html` shows all.*\n";
    let mut end = COMMENT_LIMIT - NOTE.len();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind("\n\n").map_or(end, |i| i + 2);
    text.truncate(end);
    text.push_str(NOTE);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_too_long_for_a_comment_is_cut_between_blocks() {
        let block = format!("| {} |\n\n", "é".repeat(300));
        let cut = fit(block.repeat(200));
        assert!(cut.len() <= COMMENT_LIMIT, "{}", cut.len());
        assert!(cut.len() > COMMENT_LIMIT - block.len() - 100);
        let (body, note) = cut.rsplit_once("\n\n").unwrap();
        assert!(note.starts_with("*… cut to fit"), "{note}");
        assert!(body.split("\n\n").all(|b| b == block.trim_end()));
    }
}
