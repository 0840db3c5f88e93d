//! The deliverable as one self-contained HTML page that prints well: portrait pages with
//! the running footer and page numbers, table headers that repeat, headings kept with what
//! follows them, and the Gantt chart on pages of its own.

use std::fmt::Write as _;

use anyhow::Result;

use super::chart;
use super::chart_draw;
use super::markup::{Chart, Cover, Deliverable, Inline, Markup, Table};
use super::markup_command;
use super::{Document, Reporter};
use crate::brand::Brand;
use crate::view::escape::{css_string, html as esc};

/// Paper sizes the printed report is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

const STYLE: &str = "
:root { --ink: #1d2733; --muted: #5b6776; --line: #c9d0d9; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; }
main { max-width: 190mm; margin: 0 auto; padding: 24px; }
h1 { font-size: 17pt; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 3px; margin: 26px 0 10px; }
h2 { font-size: 13pt; color: var(--accent); margin: 18px 0 6px; }
h3 { font-size: 11pt; margin: 14px 0 6px; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.cover { min-height: 230mm; display: flex; flex-direction: column; }
.cover .band { height: 10mm; background: var(--accent); margin-bottom: 18mm; }
.cover h1 { font-size: 26pt; border: none; margin: 0 0 6px; color: var(--ink); }
.cover .org { font-size: 17pt; color: var(--accent); margin: 0 0 14mm; }
.cover .logo { max-height: 22mm; max-width: 70mm; margin-bottom: 10mm; }
.cover table { width: auto; table-layout: auto; font-size: 10pt; }
.cover th { white-space: nowrap; }
.cover .end { margin-top: auto; }
.confidential { font-weight: bold; }
.muted, .notice { color: var(--muted); font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 8pt; line-height: 1.25; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: 2px 4px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: #eef1f5; }
td.num, th.num { text-align: right; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
figure { margin: 8px 0 14px; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 9pt; color: var(--muted); }
.contents ol { columns: 2; }
.page-break { break-after: page; page-break-after: always; height: 0; }
footer.running { color: var(--muted); font-size: 8pt; border-top: 1px solid var(--line); margin-top: 24px; padding-top: 4px; }
@media print {
  main { max-width: none; padding: 0; }
  footer.running { display: none; }
  .cover { break-after: page; page-break-after: always; min-height: 0; height: 240mm; }
  a { color: inherit; text-decoration: none; }
}
";

/// The HTML reporter of `assess`, `plan` and `report`: one self-contained page (inline CSS
/// and SVG, no scripts, no external resources) that reads offline and prints to PDF.
pub struct HtmlReporter;

impl Reporter for HtmlReporter {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let brand = Brand::default();
        let laid_out = match doc {
            Document::Assessment(run) => markup_command::assessment(run, 0),
            Document::Plan(run, plan) => markup_command::plan(run, plan),
            Document::Full(run, plan) => super::markup::deliverable(run, plan, &brand, &[]),
        };
        Ok(render(&laid_out, &brand, Paper::A4).into_bytes())
    }
}

/// Writes the deliverable as HTML.
pub fn render(doc: &Deliverable<'_>, brand: &Brand, paper: Paper) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>{}: {}</title>\n<style>:root {{ --accent: #{}; }}{STYLE}@page {{ size: {} portrait; margin: 16mm 14mm 18mm; @bottom-left {{ content: {}; font: 8pt Helvetica, Arial, sans-serif; color: #5b6776; }} @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt Helvetica, Arial, sans-serif; color: #5b6776; }} }}\n@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}\n</style>\n</head>\n<body>\n<main>\n",
        esc(&doc.cover.title),
        esc(&doc.cover.organization),
        brand.accent(),
        paper.css(),
        css_string(&doc.footer)
    );
    let mut html = Html {
        out,
        brand,
        pending: None,
    };
    html.write(doc);
    let mut out = html.finish();
    let _ = write!(
        out,
        "<footer class=\"running\">{}</footer>\n</main>\n</body>\n</html>\n",
        esc(&doc.footer)
    );
    out
}

struct Html<'b> {
    out: String,
    brand: &'b Brand,
    /// A heading waiting for the block after it, so the two print on one page.
    pending: Option<String>,
}

impl Html<'_> {
    /// Writes `block`, kept on one page with a heading that precedes it when `small`.
    fn push(&mut self, block: &str, small: bool) {
        match self.pending.take() {
            Some(heading) if small => {
                let _ = write!(self.out, "<div class=\"keep\">\n{heading}{block}</div>\n");
            }
            Some(heading) => {
                self.out.push_str(&heading);
                self.out.push_str(block);
            }
            None => self.out.push_str(block),
        }
    }

    fn finish(mut self) -> String {
        if let Some(heading) = self.pending.take() {
            self.out.push_str(&heading);
        }
        self.out
    }
}

fn runs(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::Text(t) => esc(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", esc(t)),
            Inline::Code(t) => format!("<code>{}</code>", esc(t)),
        })
        .collect()
}

impl Markup for Html<'_> {
    fn cover(&mut self, cover: &Cover) {
        let out = &mut self.out;
        out.push_str("<section class=\"cover\">\n<div class=\"band\"></div>\n");
        if let Some(logo) = &self.brand.logo {
            let _ = writeln!(
                out,
                "<img class=\"logo\" alt=\"{}\" src=\"data:{};base64,{}\" />",
                esc(self.brand.name.as_deref().unwrap_or("logo")),
                logo.mime(),
                base64(&logo.bytes)
            );
        }
        let _ = write!(
            out,
            "<h1>{}</h1>\n<p class=\"org\">{}</p>\n<table>\n",
            esc(&cover.title),
            esc(&cover.organization)
        );
        for (k, v) in &cover.facts {
            let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
        }
        out.push_str("</table>\n<div class=\"end\">\n");
        if let Some(line) = &cover.confidentiality {
            let _ = writeln!(out, "<p class=\"confidential\">{}</p>", esc(line));
        }
        let _ = write!(
            out,
            "<p class=\"notice\">{}</p>\n</div>\n</section>\n",
            esc(&cover.notice)
        );
    }

    fn heading(&mut self, level: u8, text: &str) {
        if let Some(previous) = self.pending.take() {
            self.out.push_str(&previous);
        }
        let level = level.clamp(1, 3);
        self.pending = Some(format!("<h{level}>{}</h{level}>\n", esc(text)));
    }

    fn paragraph(&mut self, r: &[Inline]) {
        self.push(&format!("<p>{}</p>\n", runs(r)), true);
    }

    fn bullets(&mut self, items: &[Vec<Inline>]) {
        let mut list = String::from("<ul>\n");
        for item in items {
            let _ = writeln!(list, "<li>{}</li>", runs(item));
        }
        list.push_str("</ul>\n");
        self.push(&list, items.len() <= 12);
    }

    fn table(&mut self, table: &Table) {
        let total: u32 = table.columns.iter().map(|c| u32::from(c.weight)).sum();
        let mut t = String::from("<table>\n<colgroup>");
        for c in &table.columns {
            let _ = write!(
                t,
                "<col style=\"width: {:.1}%\" />",
                100.0 * f64::from(c.weight) / f64::from(total.max(1))
            );
        }
        t.push_str("</colgroup>\n<thead><tr>");
        for c in &table.columns {
            let class = if c.numeric { " class=\"num\"" } else { "" };
            let _ = write!(t, "<th{class}>{}</th>", esc(c.title));
        }
        t.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            t.push_str("<tr>");
            for (cell, c) in row.iter().zip(&table.columns) {
                let class = if c.numeric { " class=\"num\"" } else { "" };
                let _ = write!(t, "<td{class}>{}</td>", esc(cell));
            }
            t.push_str("</tr>\n");
        }
        t.push_str("</tbody>\n</table>\n");
        // A heading stays with a table of up to a third of a page whole (no row left alone
        // on the next page); before a longer one, with its first rows (the browser's
        // break-after: avoid on headings).
        self.push(&t, table.rows.len() <= 20);
    }

    fn chart(&mut self, c: &Chart<'_>) {
        let figures = chart::figures(c);
        let count = figures.len();
        for (i, fig) in figures.iter().enumerate() {
            // The heading before a chart names it; the SVG carries its title for readers.
            let block = format!("<figure>\n{}</figure>\n", chart_draw::svg(fig));
            self.push(&block, true);
            if matches!(c, Chart::Gantt(_)) && i + 1 < count {
                self.page_break();
            }
        }
    }

    fn contents(&mut self, headings: &[String]) {
        let mut list = String::from("<nav class=\"contents\">\n<ol>\n");
        for h in headings {
            let _ = writeln!(list, "<li>{}</li>", esc(h));
        }
        list.push_str("</ol>\n</nav>\n");
        self.heading(1, "Contents");
        self.push(&list, true);
    }

    fn page_break(&mut self) {
        if let Some(heading) = self.pending.take() {
            self.out.push_str(&heading);
        }
        self.out.push_str("<div class=\"page-break\"></div>\n");
    }
}

/// Standard base64, for the logo's data URI.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads() {
        assert_eq!(super::base64(b"Man"), "TWFu");
        assert_eq!(super::base64(b"Ma"), "TWE=");
        assert_eq!(super::base64(b"M"), "TQ==");
    }
}
