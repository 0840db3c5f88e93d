//! The rows of the data sheets, written straight as sheet XML.
//!
//! rust_xlsxwriter keeps every cell in a map (an owned copy of each string, a shared-string
//! lookup, a tree node) until it saves, which made a 20,000-requirement workbook take twice
//! the time of the JSON. Its only streaming mode spills to temporary files, which a library
//! that returns bytes must not do. So rust_xlsxwriter writes the package (styles, tables,
//! charts, print setup, properties) with each data sheet's header row, and the data rows are
//! appended here as XML, with no allocation per cell: text is cleaned, cut and escaped into
//! the sheet's buffer as an inline string. When the workbook is saved, each data sheet's
//! rows are spliced into rust_xlsxwriter's sheet XML (the package's other files are copied
//! as they are, still compressed).
//!
//! The cell styles (the column formats and the quote prefix) are rust_xlsxwriter's: each data
//! sheet holds a row of placeholder cells in those formats, whose style ids are read back
//! and which the real rows replace.

use std::io::{Cursor, Read, Write};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use super::workbook_cell::{CUT_MARKER, Cell, Kind, LIST_MARKER, cut_at, fits, serial};

/// The placeholders' formats, in column order: text, quoted text, percent, date.
pub(super) const PLACEHOLDERS: usize = 4;

/// Style ids of the formats a data cell takes.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Styles {
    pub text: u32,
    pub quoted: u32,
    pub pct: u32,
    pub date: u32,
}

/// The data rows of one sheet, as XML.
#[derive(Debug, Default)]
pub(super) struct Rows {
    /// 1-based number of the sheet in the package (`xl/worksheets/sheetN.xml`).
    pub sheet: usize,
    pub xml: Vec<u8>,
    /// Data rows written (the header is row 1).
    pub count: u32,
    /// Each column's name ("A") and style.
    pub layout: Vec<(String, Kind)>,
}

/// Excel's last row: a sheet holds no more.
const LAST_ROW: u32 = 1_048_576;

/// What the last row of a sheet that runs past [`LAST_ROW`] says instead of its data.
const SHEET_FULL: &str = "[... cut: a sheet holds at most 1,048,576 rows]";

/// A column's letters: 0 is `A`, 26 is `AA`.
pub(super) fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

impl Rows {
    /// Appends a row of cells, one per column in order. Rows past what a sheet holds are
    /// left out, and its last row says so.
    pub fn push(&mut self, cells: &[Cell<'_>]) {
        let r = self.count + 2;
        if r > LAST_ROW {
            return;
        }
        if r == LAST_ROW {
            self.push_row(&[Cell::Text(SHEET_FULL.into())]);
            return;
        }
        self.push_row(cells);
    }

    fn push_row(&mut self, cells: &[Cell<'_>]) {
        self.count += 1;
        let r = self.count + 1;
        let xml = &mut self.xml;
        let _ = write!(xml, "<row r=\"{r}\">");
        for (cell, (name, style)) in cells.iter().zip(&self.layout) {
            match cell {
                Cell::Text(text) => push_text(xml, name, r, *style, text, CUT_MARKER),
                Cell::List(text) => push_text(xml, name, r, *style, text, LIST_MARKER),
                Cell::Flag(true) => push_text(xml, name, r, *style, "yes", CUT_MARKER),
                Cell::Num(v) => push_number(xml, name, r, *style, *v),
                Cell::Pct(Some(v)) => push_number(xml, name, r, *style, v / 100.0),
                Cell::Date(Some(d)) => push_date(xml, name, r, *style, *d),
                Cell::Pct(None) | Cell::Date(None) | Cell::Flag(false) | Cell::Empty => {}
            }
        }
        xml.extend_from_slice(b"</row>");
    }
}

// Style ids are not known until rust_xlsxwriter has written its styles, so cells carry a
// one-byte marker in their `s` attribute, replaced when the rows are spliced in.
const MARK: u8 = 0x01;

fn style_mark(style: Kind, quoted: bool) -> Option<u8> {
    match (style, quoted) {
        (_, true) => Some(b'q'),
        (Kind::Text, false) => Some(b't'),
        (Kind::Pct, false) => Some(b'p'),
        (Kind::Date, false) => Some(b'd'),
        (Kind::Num, false) => None,
    }
}

fn open_cell(xml: &mut Vec<u8>, name: &str, r: u32, mark: Option<u8>) {
    let _ = write!(xml, "<c r=\"{name}{r}\"");
    if let Some(m) = mark {
        xml.extend_from_slice(&[b' ', b's', b'=', b'"', MARK, m, b'"']);
    }
}

fn push_number(xml: &mut Vec<u8>, name: &str, r: u32, style: Kind, v: f64) {
    if !v.is_finite() {
        return; // no spreadsheet holds it
    }
    open_cell(xml, name, r, style_mark(style, false));
    let _ = write!(xml, "><v>{v}</v></c>");
}

fn push_date(xml: &mut Vec<u8>, name: &str, r: u32, style: Kind, date: NaiveDate) {
    match serial(date) {
        Some(v) => push_number(xml, name, r, style, v),
        // Excel holds no date before 1900: the ISO date, as text.
        None => push_text(xml, name, r, style, &date.to_string(), CUT_MARKER),
    }
}

/// True when `text` can go out as it is: printable ASCII and line breaks, nothing that
/// [`crate::view::escape::sanitize`] would change.
fn clean(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n')
}

/// A text cell, cut with `marker` when it does not fit.
fn push_text(xml: &mut Vec<u8>, name: &str, r: u32, style: Kind, text: &str, marker: &str) {
    if text.is_empty() {
        return;
    }
    let owned;
    let text = if clean(text) {
        text
    } else {
        owned = crate::view::escape::sanitize(text);
        owned.as_str()
    };
    if text.is_empty() {
        return;
    }
    let quoted = matches!(text.as_bytes()[0], b'=' | b'+' | b'-' | b'@');
    open_cell(xml, name, r, style_mark(style, quoted));
    xml.extend_from_slice(b" t=\"inlineStr\"><is><t");
    let bytes = text.as_bytes();
    if matches!(bytes[0], b' ' | b'\n') || matches!(bytes[bytes.len() - 1], b' ' | b'\n') {
        xml.extend_from_slice(b" xml:space=\"preserve\"");
    }
    xml.push(b'>');
    if fits(text) {
        escape(xml, text);
    } else {
        escape(xml, &text[..cut_at(text, marker)]);
        escape(xml, marker);
    }
    xml.extend_from_slice(b"</t></is></c>");
}

/// XML text content, with Excel's `_xHHHH_` escapes themselves escaped so that a note
/// reading `_x000D_` stays those seven characters.
fn escape(xml: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'_' if is_excel_escape(&bytes[i..]) => b"_x005F",
            _ => continue,
        };
        xml.extend_from_slice(&bytes[start..i]);
        xml.extend_from_slice(replacement);
        // `_x005F` replaces the underscore only: the escape's own characters follow as text
        start = i + 1;
        if b == b'_' {
            xml.push(b'_');
        }
    }
    xml.extend_from_slice(&bytes[start..]);
}

/// `_xHHHH_`, which Excel reads as the character HHHH.
fn is_excel_escape(bytes: &[u8]) -> bool {
    bytes.len() >= 7
        && bytes[1] == b'x'
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
}

/// Reads the placeholder row's style ids from a sheet's XML.
fn styles_of(xml: &str) -> Result<Styles> {
    let row = xml
        .find("<row r=\"2\"")
        .context("a data sheet lost its placeholder row")?;
    let end = xml[row..].find("</row>").map_or(xml.len(), |e| row + e);
    let mut ids = [0u32; PLACEHOLDERS];
    for (i, id) in ids.iter_mut().enumerate() {
        let cell = format!("<c r=\"{}2\" s=\"", column_name(i));
        let at = xml[row..end]
            .find(&cell)
            .map(|a| row + a + cell.len())
            .context("a placeholder cell has no style")?;
        let digits = xml[at..].bytes().take_while(u8::is_ascii_digit).count();
        *id = xml[at..at + digits].parse()?;
    }
    Ok(Styles {
        text: ids[0],
        quoted: ids[1],
        pct: ids[2],
        date: ids[3],
    })
}

/// Writes rust_xlsxwriter's sheet XML with the placeholder row replaced by `rows`.
fn splice(xml: &str, rows: &Rows, out: &mut impl Write) -> Result<()> {
    let styles = styles_of(xml)?;
    let (Some(first), Some(end)) = (xml.find("<row r=\"2\""), xml.find("</sheetData>")) else {
        bail!("a data sheet has no rows to replace");
    };
    let head = &xml[..first];
    // the sheet's extent: its columns, down to its last row
    const DIMENSION: &str = "<dimension ref=\"";
    let value = head.find(DIMENSION).and_then(|d| {
        let from = d + DIMENSION.len();
        head[from..].find('"').map(|len| (from, from + len))
    });
    match value {
        Some((from, to)) => {
            out.write_all(&head.as_bytes()[..from])?;
            let last = column_name(rows.layout.len().saturating_sub(1));
            write!(out, "A1:{last}{}", rows.count + 1)?;
            out.write_all(&head.as_bytes()[to..])?;
        }
        None => out.write_all(head.as_bytes())?,
    }
    let mut pending = &rows.xml[..];
    while let Some(at) = pending.iter().position(|&b| b == MARK) {
        out.write_all(&pending[..at])?;
        let id = match pending.get(at + 1) {
            Some(b'q') => styles.quoted,
            Some(b'p') => styles.pct,
            Some(b'd') => styles.date,
            _ => styles.text,
        };
        write!(out, "{id}")?;
        pending = pending.get(at + 2..).unwrap_or_default();
    }
    out.write_all(pending)?;
    out.write_all(&xml.as_bytes()[end..])?;
    Ok(())
}

/// rust_xlsxwriter's package with each sheet of `rows` given its data rows, compressed at
/// `level`; every other file is copied as it is.
pub(super) fn fill(package: Vec<u8>, rows: &[Rows], level: i64) -> Result<Vec<u8>> {
    let size = package.len() + rows.iter().map(|r| r.xml.len() / 8).sum::<usize>();
    let mut archive = zip::ZipArchive::new(Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(level))
        .unix_permissions(0o600)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name()?.into_owned();
        let filled = rows
            .iter()
            .find(|r| name == format!("xl/worksheets/sheet{}.xml", r.sheet));
        match filled {
            Some(r) => {
                let mut xml = String::new();
                archive.by_index(i)?.read_to_string(&mut xml)?;
                out.start_file(name, options)?;
                // written as it is spliced, in blocks, with no copy of the whole sheet
                let mut sheet = std::io::BufWriter::with_capacity(1 << 16, &mut out);
                splice(&xml, r, &mut sheet)?;
                sheet.flush()?;
            }
            None => out.raw_copy_file(archive.by_index_raw(i)?)?,
        }
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_stops_at_excels_last_row_and_says_so() {
        let mut rows = Rows {
            layout: vec![("A".into(), Kind::Text)],
            count: LAST_ROW - 3,
            ..Rows::default()
        };
        for _ in 0..3 {
            rows.push(&[Cell::Text("data".into())]);
        }
        assert_eq!(rows.count, LAST_ROW - 1);
        let xml = String::from_utf8(rows.xml).unwrap_or_default();
        assert_eq!(xml.matches("<row ").count(), 2);
        assert!(xml.contains(&format!("<row r=\"{LAST_ROW}\"><c r=\"A{LAST_ROW}\"")));
        assert!(xml.contains(SHEET_FULL));
    }

    #[test]
    fn column_names_run_past_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn text_is_escaped_for_xml_and_for_excel() {
        let mut xml = Vec::new();
        escape(&mut xml, "a < b & c > d _x000D_ _x12_ e_");
        assert_eq!(
            String::from_utf8(xml).unwrap_or_default(),
            "a &lt; b &amp; c &gt; d _x005F_x000D_ _x12_ e_"
        );
    }

    #[test]
    fn a_text_cell_is_cleaned_and_a_formula_quoted() {
        let mut xml = Vec::new();
        push_text(&mut xml, "B", 3, Kind::Text, "=1+1\u{202e}\tx", CUT_MARKER);
        let xml = String::from_utf8(xml).unwrap_or_default();
        assert_eq!(
            xml,
            "<c r=\"B3\" s=\"\u{1}q\" t=\"inlineStr\"><is><t>=1+1 x</t></is></c>"
        );
    }
}
