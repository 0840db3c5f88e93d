//! The one workbook writer behind every XLSX output (`assess`, `plan` and `report`): a sheet is
//! written by one function, so it has the same columns, number formats, print setup and cell
//! limits whichever command writes it.
//!
//! Cells are typed: dates are date cells, percentages percent cells, counts numbers. Each
//! column has a kind (text, number, percent, date) that gives its cells their style; text a
//! spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR) also gets Excel's quote
//! prefix, and it is always written as text. Data sheets are Excel tables (header, filters,
//! banding); the summary is a page for people, without filters. Every sheet prints landscape,
//! one page wide, with its header row repeated.
//!
//! rust_xlsxwriter writes the package (styles, tables, charts, print setup, properties, the
//! summary); the data rows are written as XML by [`super::workbook_xml`], which keeps a large
//! workbook within the time and memory of the JSON.

use std::borrow::Cow;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, Image, Table as XlsxTable, TableColumn, Workbook,
    Worksheet,
};

use super::Paper;
use super::markup::{Block, Inline};
use super::workbook_xml::{Rows, column_name};
use crate::brand::Logo;
use crate::view::escape::sanitize;

/// The most characters a spreadsheet cell holds, counted as Excel counts them (UTF-16 code
/// units, so a character outside the Basic Multilingual Plane counts twice).
pub const CELL_LIMIT: usize = 32_767;

/// The marker that ends a cut cell of text from the answers file.
pub(super) const CUT_MARKER: &str = " [... cut: the rest is in the answers file]";

/// The marker that ends a cut list of ids.
pub(super) const LIST_MARKER: &str = " [... cut: the list is longer than a cell holds]";

/// True when `text` fits in a cell.
pub(super) fn fits(text: &str) -> bool {
    // UTF-16 never takes more code units than UTF-8 takes bytes.
    text.len() <= CELL_LIMIT || text.encode_utf16().count() <= CELL_LIMIT
}

/// Where to cut `text` that does not fit, so that `marker` fits after it: a byte offset on a
/// character boundary.
pub(super) fn cut_at(text: &str, marker: &str) -> usize {
    let keep = CELL_LIMIT - marker.len();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > keep {
            break;
        }
        end = i + c.len_utf8();
    }
    end
}

/// `text` cut to [`CELL_LIMIT`] with `marker`: a long note is valid input and must never make
/// the workbook fail.
fn fit_cell(mut text: String, marker: &str) -> String {
    if !fits(&text) {
        text.truncate(cut_at(&text, marker));
        text.push_str(marker);
    }
    text
}

/// How many answers carry a text longer than a cell holds (their evidence counted as the
/// register shows it, one item a line): the caller warns about them.
pub fn cut_cells(doc: &super::Document<'_>) -> usize {
    let long = |text: &str| !fits(text);
    let units = |text: &str| text.encode_utf16().count();
    doc.run()
        .resolved
        .iter()
        .filter(|r| {
            let evidence_bytes: usize = r.evidence.iter().map(|e| e.len() + 1).sum();
            r.notes.as_deref().is_some_and(long)
                || r.owner.as_deref().is_some_and(long)
                || (evidence_bytes > CELL_LIMIT
                    && r.evidence.iter().map(|e| units(e) + 1).sum::<usize>() > CELL_LIMIT + 1)
        })
        .count()
}

/// One cell of a row.
pub(super) enum Cell<'a> {
    Text(Cow<'a, str>),
    /// Ids joined by commas, cut with [`LIST_MARKER`] when too long.
    List(String),
    Num(f64),
    /// A percentage from 0 to 100, shown as a percent cell.
    Pct(Option<f64>),
    Date(Option<NaiveDate>),
    /// "yes", or nothing.
    Flag(bool),
    Empty,
}

/// A text cell.
pub(super) fn text<'a>(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
    Cell::Text(s.into())
}

/// A list of ids.
pub(super) fn list<S: AsRef<str>>(items: &[S]) -> Cell<'static> {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item.as_ref());
    }
    Cell::List(out)
}

/// A number cell, or nothing.
pub(super) fn num(n: Option<f64>) -> Cell<'static> {
    n.map_or(Cell::Empty, Cell::Num)
}

/// What a column holds, which decides its number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Num,
    Pct,
    Date,
}

/// A column of a data sheet: its header, width in characters and kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Col {
    pub title: &'static str,
    pub width: f64,
    pub kind: Kind,
}

/// A text column.
pub(super) const fn t(title: &'static str, width: f64) -> Col {
    Col {
        title,
        width,
        kind: Kind::Text,
    }
}

/// A number column.
pub(super) const fn n(title: &'static str, width: f64) -> Col {
    Col {
        title,
        width,
        kind: Kind::Num,
    }
}

/// A percent column.
pub(super) const fn p(title: &'static str, width: f64) -> Col {
    Col {
        title,
        width,
        kind: Kind::Pct,
    }
}

/// A date column.
pub(super) const fn d(title: &'static str, width: f64) -> Col {
    Col {
        title,
        width,
        kind: Kind::Date,
    }
}

struct Formats {
    text: Format,
    quoted: Format,
    pct: Format,
    date: Format,
    title: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            text: Format::new().set_text_wrap(),
            quoted: Format::new().set_text_wrap().set_quote_prefix(),
            pct: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            title: Format::new().set_bold().set_font_size(16),
            bold: Format::new().set_bold(),
        }
    }

    fn of(&self, kind: Kind) -> Option<&Format> {
        match kind {
            Kind::Text => Some(&self.text),
            Kind::Num => None,
            Kind::Pct => Some(&self.pct),
            Kind::Date => Some(&self.date),
        }
    }
}

/// A date as Excel's serial day number, when Excel can hold it (1900 to 9999).
pub(super) fn serial(date: NaiveDate) -> Option<f64> {
    let (y, m, d) = (
        u16::try_from(date.year()).ok()?,
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    );
    Some(ExcelDateTime::from_ymd(y, m, d).ok()?.to_excel())
}

/// Deflate level of the package. The default (6) spent more time compressing a large
/// workbook's XML than writing it; level 1 takes a third of that for a file about a
/// quarter larger.
const ZIP_LEVEL: u8 = 1;

/// What a workbook says about itself: shown in the file's properties.
pub(super) struct About<'a> {
    pub title: String,
    pub author: &'a str,
    pub comment: &'a str,
    pub created: NaiveDate,
}

/// A workbook being written: the formats and page setup its sheets share.
pub(super) struct Book {
    wb: Workbook,
    f: Formats,
    paper: Paper,
    footer: String,
    /// Sheets added so far.
    sheets: usize,
    /// The data sheets' rows, spliced in when the workbook is saved.
    rows: Vec<Rows>,
}

impl Book {
    /// An empty workbook printing on `paper` with `confidentiality` in every page's footer.
    pub fn new(about: &About<'_>, paper: Paper, confidentiality: Option<&str>) -> Result<Book> {
        let mut wb = Workbook::new();
        let mut properties = DocProperties::new()
            .set_title(sanitize(&about.title))
            .set_author(sanitize(about.author))
            .set_comment(sanitize(about.comment));
        let (y, m, d) = (
            u16::try_from(about.created.year()).ok(),
            u8::try_from(about.created.month()).ok(),
            u8::try_from(about.created.day()).ok(),
        );
        if let (Some(y), Some(m), Some(d)) = (y, m, d)
            && let Ok(created) = ExcelDateTime::from_ymd(y, m, d)
        {
            properties = properties.set_creation_datetime(&created);
        }
        wb.set_properties(&properties);
        wb.set_zip_compression_level(ZIP_LEVEL);
        // `&` starts a control code in Excel headers and footers: double it to print it.
        let line = crate::view::escape::one_line(confidentiality.unwrap_or("")).replace('&', "&&");
        Ok(Book {
            wb,
            f: Formats::new(),
            paper,
            footer: format!("&L{line}&RPage &P of &N"),
            sheets: 0,
            rows: Vec::new(),
        })
    }

    /// The finished file.
    pub fn save(mut self) -> Result<Vec<u8>> {
        let package = self.wb.save_to_buffer()?;
        super::workbook_xml::fill(package, &self.rows, i64::from(ZIP_LEVEL))
    }

    /// A data sheet named `name` with `columns`: add its rows, then [`Table::finish`] it.
    pub fn table<'b>(&'b mut self, name: &'b str, columns: &'b [Col]) -> Result<Table<'b>> {
        self.sheets += 1;
        let ws = self.wb.add_worksheet();
        ws.set_name(name)?;
        for (i, col) in columns.iter().enumerate() {
            let c = u16::try_from(i)?;
            ws.set_column_width(c, col.width)?;
            if let Some(format) = self.f.of(col.kind) {
                ws.set_column_format(c, format)?;
            }
            ws.write_string_with_format(0, c, col.title, &self.f.bold)?;
        }
        // The placeholders whose style ids the data rows take (see workbook_xml).
        let f = &self.f;
        for (c, format) in (0u16..).zip([&f.text, &f.quoted, &f.pct, &f.date]) {
            ws.write_number_with_format(1, c, 0, format)?;
        }
        page_setup(ws, self.paper, &self.footer, true)?;
        let rows = Rows {
            sheet: self.sheets,
            layout: (0..columns.len())
                .map(column_name)
                .zip(columns.iter().map(|c| c.kind))
                .collect(),
            ..Rows::default()
        };
        Ok(Table {
            ws,
            name,
            columns,
            rows,
            done: &mut self.rows,
        })
    }

    /// A page of labelled lines under a title (and the logo, when there is one): the
    /// summary a person reads first, so no filters.
    pub fn lines(
        &mut self,
        name: &str,
        title: &str,
        logo: Option<&Logo>,
        lines: &[(Cow<'_, str>, Cell<'_>)],
    ) -> Result<()> {
        self.sheets += 1;
        let ws = self.wb.add_worksheet();
        ws.set_name(name)?;
        ws.set_column_width(0, 26)?;
        ws.set_column_width(1, 100)?;
        let mut row = 0u32;
        if let Some(logo) = logo {
            let image = Image::new_from_buffer(&logo.bytes)?.set_scale_to_size(240, 60, true);
            ws.insert_image(row, 0, &image)?;
            ws.set_row_height(row, 48)?;
            row += 1;
        }
        ws.write_string_with_format(row, 0, sanitize(title), &self.f.title)?;
        for (label, cell) in lines {
            row += 1;
            ws.write_string_with_format(row, 0, sanitize(label), &self.f.bold)?;
            let kind = match cell {
                Cell::Pct(_) => Kind::Pct,
                Cell::Date(_) => Kind::Date,
                Cell::Num(_) => Kind::Num,
                _ => Kind::Text,
            };
            put(ws, &self.f, row, 1, cell, self.f.of(kind))?;
        }
        page_setup(ws, self.paper, &self.footer, false)
    }

    /// The consultant's commentary, a block a row.
    pub fn commentary(&mut self, blocks: &[Block<'_>]) -> Result<()> {
        self.sheets += 1;
        let ws = self.wb.add_worksheet();
        ws.set_name("Commentary")?;
        ws.set_column_width(0, 110)?;
        let mut row = 0u32;
        for block in blocks {
            let (words, format) = match block {
                Block::Heading { text, .. } => (text.to_string(), &self.f.bold),
                Block::Paragraph(runs) => (plain(runs), &self.f.text),
                Block::Bullets(items) => (
                    items
                        .iter()
                        .map(|i| format!("• {}", plain(i)))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    &self.f.text,
                ),
                _ => {
                    row += 1;
                    continue;
                }
            };
            ws.write_string_with_format(row, 0, fit_cell(sanitize(&words), CUT_MARKER), format)?;
            row += 1;
        }
        page_setup(ws, self.paper, &self.footer, false)
    }
}

fn plain(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::Text(t) | Inline::Strong(t) | Inline::Code(t) => t.as_str(),
        })
        .collect()
}

/// Landscape, one page wide, the header row on every page, the footer.
fn page_setup(ws: &mut Worksheet, paper: Paper, footer: &str, header_row: bool) -> Result<()> {
    ws.set_landscape();
    ws.set_paper_size(match paper {
        Paper::A4 => 9,
        Paper::Letter => 1,
    });
    ws.set_print_fit_to_pages(1, 0);
    if header_row {
        ws.set_repeat_rows(0, 0)?;
    }
    ws.set_footer(footer);
    Ok(())
}

/// Writes text in `format` (Excel's quote prefix for what looks like a formula), cut with
/// `marker` when it does not fit.
fn put_text(
    ws: &mut Worksheet,
    f: &Formats,
    (row, col): (u32, u16),
    text: &str,
    marker: &str,
    format: Option<&Format>,
) -> Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    let s = fit_cell(sanitize(text), marker);
    match (s.chars().next(), format) {
        (Some('=' | '+' | '-' | '@'), _) => ws.write_string_with_format(row, col, s, &f.quoted)?,
        (_, Some(format)) => ws.write_string_with_format(row, col, s, format)?,
        (_, None) => ws.write_string(row, col, s)?,
    };
    Ok(())
}

/// Writes one cell of a summary line, in `format`.
fn put(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    cell: &Cell<'_>,
    format: Option<&Format>,
) -> Result<()> {
    let number = |ws: &mut Worksheet, value: f64, format: Option<&Format>| -> Result<()> {
        if !value.is_finite() {
            return Ok(()); // no spreadsheet holds it
        }
        match format {
            Some(format) => ws.write_number_with_format(row, col, value, format)?,
            None => ws.write_number(row, col, value)?,
        };
        Ok(())
    };
    match cell {
        Cell::Text(s) => put_text(ws, f, (row, col), s, CUT_MARKER, format)?,
        Cell::List(s) => put_text(ws, f, (row, col), s, LIST_MARKER, format)?,
        Cell::Flag(true) => {
            ws.write_string(row, col, "yes")?;
        }
        Cell::Num(v) => number(ws, *v, format)?,
        Cell::Pct(Some(v)) => number(ws, v / 100.0, format)?,
        Cell::Date(Some(date)) => match serial(*date) {
            Some(v) => number(ws, v, format)?,
            // Excel holds no date before 1900: the ISO date, as text.
            None => {
                ws.write_string(row, col, date.to_string())?;
            }
        },
        Cell::Pct(None) | Cell::Date(None) | Cell::Flag(false) | Cell::Empty => {}
    }
    Ok(())
}

/// A data sheet being written: one Excel table.
pub(super) struct Table<'b> {
    ws: &'b mut Worksheet,
    name: &'b str,
    columns: &'b [Col],
    rows: Rows,
    done: &'b mut Vec<Rows>,
}

impl<'b> Table<'b> {
    /// Adds a row: one cell per column, in order.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<()> {
        self.rows.push(cells);
        Ok(())
    }

    /// Makes the rows an Excel table with filters and freezes the header; the sheet is
    /// returned for what goes beside the table (a chart).
    pub fn finish(self) -> Result<&'b mut Worksheet> {
        let count = self.rows.count;
        if count > 0 && !self.columns.is_empty() {
            let headers: Vec<TableColumn> = self
                .columns
                .iter()
                .map(|c| TableColumn::new().set_header(c.title))
                .collect();
            let table = XlsxTable::new()
                .set_name(self.name.replace(' ', ""))
                .set_columns(&headers);
            self.ws
                .add_table(0, 0, count, u16::try_from(self.columns.len() - 1)?, &table)?;
        }
        self.ws.set_freeze_panes(1, 0)?;
        self.done.push(self.rows);
        Ok(self.ws)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_cut_where_excel_counts_its_limit() {
        let short = "a".repeat(CELL_LIMIT);
        assert_eq!(fit_cell(short.clone(), CUT_MARKER), short);
        let long = "a".repeat(CELL_LIMIT + 1);
        let cut = fit_cell(long, CUT_MARKER);
        assert!(cut.ends_with(CUT_MARKER));
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        // Characters outside the BMP count twice, as Excel counts them.
        let astral = "😀".repeat(CELL_LIMIT / 2 + 1);
        let cut = fit_cell(astral, LIST_MARKER);
        assert!(cut.ends_with(LIST_MARKER));
        assert!(cut.encode_utf16().count() <= CELL_LIMIT);
    }

    #[test]
    fn dates_excel_cannot_hold_have_no_serial() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(serial(d(1899, 12, 30)), None);
        assert_eq!(serial(d(2026, 11, 20)), Some(46346.0));
    }
}
