//! The deliverable as Markdown: the same sections as HTML and DOCX, for wikis and editors.
//! Charts become the table of their values, since Markdown has no pictures of its own.

use std::fmt::Write as _;

use super::markup::{Chart, Cover, Deliverable, Inline, Markup, Table};
use crate::view::escape::markdown_cell as md;

/// Writes the deliverable as Markdown.
pub fn render(doc: &Deliverable<'_>, brand: &crate::brand::Brand) -> String {
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
            Inline::Text(t) => md(t),
            Inline::Strong(t) => format!("**{}**", md(t)),
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
            let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
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
                // GitHub and GitLab draw Mermaid; the work package tables follow anyway.
                let _ = writeln!(
                    self.out,
                    "```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    title Schedule"
                );
                for (i, p) in plan.packages.iter().enumerate() {
                    let crit = if p.priority == crate::plan::Priority::P1 {
                        "crit, "
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        self.out,
                        "    {} {} : {crit}t{i}, {}, {}",
                        mermaid(&p.id),
                        mermaid(&p.title),
                        p.start,
                        p.end
                    );
                }
                let m = &plan.milestones;
                let _ = writeln!(
                    self.out,
                    "    Stage 1 ready : milestone, {}, 0d\n    Stage 2 ready : milestone, {}, 0d\n```\n",
                    m.stage_1_ready, m.stage_2_ready
                );
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

/// Text inside a Mermaid line: only words, digits and a few marks, so a title cannot end
/// the code block or add a directive.
fn mermaid(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/') {
                c
            } else {
                ' '
            }
        })
        .collect()
}
