//! The deliverable as an editable Word document (WordprocessingML in a zip package).
//!
//! Written by hand on the `zip` crate: every element we need (named styles, a contents
//! field, repeating header rows, SVG charts with PNG fallbacks, page fields in the footer)
//! is a few lines of markup we control, and a fixed zip timestamp keeps the file
//! byte-identical from run to run. Text from files is XML-escaped with the hostile
//! characters removed (`view::escape`), so a note stays words in Word.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;

use super::chart;
use super::chart_draw;
use super::docx_parts::{self as parts, R, W};
use super::html_doc::Paper;
use super::markup::{Chart, Cover, Deliverable, Inline, Markup, Table};
use crate::brand::Brand;
use crate::view::escape::html as esc;

/// EMUs (the drawing unit) per twip (the page unit).
const EMU_PER_TWIP: u64 = 635;
/// Page margins, in twips (2 cm).
const MARGIN: u32 = 1134;

/// Writes the deliverable as DOCX bytes.
pub fn render(doc: &Deliverable<'_>, brand: &Brand, paper: Paper, date: &str) -> Result<Vec<u8>> {
    let (page_w, page_h) = match paper {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    };
    let mut w = Docx {
        body: String::new(),
        media: Vec::new(),
        brand,
        width: page_w - 2 * MARGIN,
    };
    w.write(doc);
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{}<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"{page_w}\" w:h=\"{page_h}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n",
        w.body
    );
    let names: Vec<String> = w.media.iter().map(|(n, _)| n.clone()).collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let creator = brand.name.as_deref().unwrap_or("iso20k");
    let fixed = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        (
            "docProps/core.xml",
            parts::core(&doc.cover.title, creator, date),
        ),
        ("word/_rels/document.xml.rels", parts::document_rels(&names)),
        ("word/document.xml", body),
        ("word/styles.xml", parts::styles(brand.accent())),
        ("word/numbering.xml", parts::numbering()),
        ("word/settings.xml", parts::settings()),
        (
            "word/footer1.xml",
            parts::footer(&doc.footer, page_w - 2 * MARGIN),
        ),
    ];
    for (name, text) in fixed {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    for (name, bytes) in &w.media {
        zip.start_file(format!("word/media/{name}"), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

struct Docx<'b> {
    body: String,
    /// Image parts by file name; relationship `rIdImg{i}` points at entry `i`.
    media: Vec<(String, Vec<u8>)>,
    brand: &'b Brand,
    /// Text width of the page, in twips.
    width: u32,
}

/// Text as runs: line breaks become `<w:br/>`, everything else is escaped.
fn text_runs(text: &str, bold: bool) -> String {
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:r><w:br/></w:r>");
        }
        let line = line.replace('\t', " ");
        let _ = write!(
            out,
            "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(&line)
        );
    }
    out
}

fn para(style: Option<&str>, extra_ppr: &str, runs: &str) -> String {
    let style = style.map_or_else(String::new, |s| format!("<w:pStyle w:val=\"{s}\"/>"));
    format!("<w:p><w:pPr>{style}{extra_ppr}</w:pPr>{runs}</w:p>")
}

impl Docx<'_> {
    /// Adds an image part and returns its relationship id.
    fn add_media(&mut self, name: String, bytes: Vec<u8>) -> String {
        self.media.push((name, bytes));
        format!("rIdImg{}", self.media.len() - 1)
    }

    /// An inline picture `cx` by `cy` EMUs; `svg` names the SVG Word shows over the PNG.
    fn picture(&mut self, png_rel: &str, svg_rel: Option<&str>, cx: u64, cy: u64, title: &str) {
        let id = self.media.len() + 1;
        let svg = svg_rel.map_or_else(String::new, |rel| {
            format!("<a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\"><asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"{rel}\"/></a:ext></a:extLst>")
        });
        let _ = write!(
            self.body,
            "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{id}\" name=\"Picture {id}\" descr=\"{}\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"Picture {id}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{png_rel}\">{svg}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
            esc(title)
        );
    }
}

impl Markup for Docx<'_> {
    fn cover(&mut self, cover: &Cover) {
        if let Some(logo) = &self.brand.logo {
            let rel = self.add_media(format!("logo.{}", logo.kind), logo.bytes.clone());
            // 2 cm high, keeping the logo's proportions.
            let cy = 720_000u64;
            let cx = cy * u64::from(logo.width) / u64::from(logo.height.max(1));
            let cx = cx.min(u64::from(self.width) * EMU_PER_TWIP);
            self.picture(&rel, None, cx, cy, "logo");
        }
        self.body
            .push_str(&para(Some("Title"), "", &text_runs(&cover.title, false)));
        self.body.push_str(&para(
            Some("Subtitle"),
            "",
            &text_runs(&cover.organization, false),
        ));
        let facts = Table {
            columns: vec![super::markup::col("", 25), super::markup::col("", 75)],
            rows: cover
                .facts
                .iter()
                .map(|(k, v)| vec![(*k).to_string(), v.clone()])
                .collect(),
        };
        self.write_table(&facts, false);
        if let Some(line) = &cover.confidentiality {
            self.body.push_str(&para(
                None,
                "<w:spacing w:before=\"600\"/>",
                &text_runs(line, true),
            ));
        }
        self.body
            .push_str(&para(None, "", &text_runs(&cover.notice, false)));
        self.page_break();
    }

    fn heading(&mut self, level: u8, text: &str) {
        let style = format!("Heading{}", level.clamp(1, 3));
        self.body
            .push_str(&para(Some(&style), "", &text_runs(text, false)));
    }

    fn paragraph(&mut self, runs: &[Inline]) {
        self.body.push_str(&para(None, "", &inline_runs(runs)));
    }

    fn bullets(&mut self, items: &[Vec<Inline>]) {
        for item in items {
            self.body
                .push_str(&para(Some("ListBullet"), "", &inline_runs(item)));
        }
    }

    fn table(&mut self, table: &Table) {
        self.write_table(table, true);
    }

    fn chart(&mut self, c: &Chart<'_>) {
        let figures = chart::figures(c);
        let count = figures.len();
        for (i, fig) in figures.iter().enumerate() {
            let n = self.media.len();
            let png = self.add_media(format!("chart{n}.png"), chart_draw::png(fig));
            let svg = self.add_media(format!("chart{n}.svg"), chart_draw::svg(fig).into_bytes());
            let cx = u64::from(self.width) * EMU_PER_TWIP;
            let cy = (cx as f64 * fig.height / fig.width) as u64;
            self.picture(&png, Some(&svg), cx, cy, &fig.title);
            self.body.push_str(&para(
                None,
                "<w:jc w:val=\"center\"/>",
                &text_runs(&fig.title, false),
            ));
            if matches!(c, Chart::Gantt(_)) && i + 1 < count {
                self.page_break();
            }
        }
    }

    fn contents(&mut self, headings: &[String]) {
        self.body
            .push_str(&para(Some("TOCHeading"), "", &text_runs("Contents", false)));
        // The field's result lists the parts until Word updates it with page numbers.
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
        let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
        let count = headings.len().max(1);
        for i in 0..count {
            let text = headings.get(i).map_or("", String::as_str);
            let mut runs = String::new();
            if i == 0 {
                runs.push_str(begin);
            }
            runs.push_str(&text_runs(text, false));
            if i + 1 == count {
                runs.push_str(end);
            }
            self.body.push_str(&para(None, "", &runs));
        }
    }

    fn page_break(&mut self) {
        self.body
            .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    }
}

fn inline_runs(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::Text(t) | Inline::Code(t) => text_runs(t, false),
            Inline::Strong(t) => text_runs(t, true),
        })
        .collect()
}

impl Docx<'_> {
    /// A table in the Report Table style; with `header`, its first row repeats on every
    /// page and no row splits across pages.
    fn write_table(&mut self, table: &Table, header: bool) {
        let total: u32 = table.columns.iter().map(|c| u32::from(c.weight)).sum();
        let widths: Vec<u32> = table
            .columns
            .iter()
            .map(|c| self.width * u32::from(c.weight) / total.max(1))
            .collect();
        let _ = write!(
            self.body,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"{}\" w:firstRow=\"{}\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            if header { "0420" } else { "0400" },
            u8::from(header)
        );
        for w in &widths {
            let _ = write!(self.body, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.body.push_str("</w:tblGrid>");
        let row = |body: &mut String, cells: &[&str], head: bool| {
            body.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if head {
                body.push_str("<w:tblHeader/>");
            }
            body.push_str("</w:trPr>");
            for ((cell, w), c) in cells.iter().zip(&widths).zip(&table.columns) {
                let jc = if c.numeric {
                    "<w:jc w:val=\"right\"/>"
                } else {
                    ""
                };
                let _ = write!(
                    body,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
                    para(None, jc, &text_runs(cell, head))
                );
            }
            body.push_str("</w:tr>");
        };
        if header {
            let titles: Vec<&str> = table.columns.iter().map(|c| c.title).collect();
            row(&mut self.body, &titles, true);
        }
        for cells in &table.rows {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            row(&mut self.body, &cells, false);
        }
        // Word needs a paragraph between two tables, and it spaces the next block.
        self.body.push_str("</w:tbl><w:p/>");
    }
}
