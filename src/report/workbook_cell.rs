//! The cells of every workbook: what a cell holds, what a column holds, and the limits a cell
//! has (Excel's: 32,767 UTF-16 code units, dates from 1900), with the markers that end a cut
//! cell.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::ExcelDateTime;

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
pub(super) fn fit_cell(mut text: String, marker: &str) -> String {
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

/// A date as Excel's serial day number, when Excel can hold it (1900 to 9999).
pub(super) fn serial(date: NaiveDate) -> Option<f64> {
    let (y, m, d) = (
        u16::try_from(date.year()).ok()?,
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    );
    Some(ExcelDateTime::from_ymd(y, m, d).ok()?.to_excel())
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
