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
//! workbook within the time and memory of the JSON. The cells and their limits are in
//! [`super::workbook_cell`].

use std::borrow::Cow;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, Image, Table as XlsxTable, TableColumn, Workbook,
    Worksheet,
};

use super::Paper;
use super::markup::{Block, Inline};
use super::workbook_cell::{CUT_MARKER, Cell, Col, Kind, LIST_MARKER, fit_cell, serial};
use super::workbook_xml::{Rows, column_name};
use crate::brand::Logo;
use crate::view::escape::sanitize;

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
