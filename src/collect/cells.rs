//! Spreadsheet cells as the importer sees them, whichever file they came from: a workbook
//! read by calamine or a CSV file, laid out on one grid of 0-based rows and columns.

use chrono::NaiveDate;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A formula error such as `#N/A`.
    Error(String),
}

impl Cell {
    /// Text, or empty for blank text: a cell holding only spaces is not an answer.
    pub fn text(s: &str) -> Cell {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }

    /// True for a cell with nothing in it.
    pub fn is_empty(&self) -> bool {
        *self == Cell::Empty
    }

    /// The text of a text cell.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The cell as text, trimmed: numbers without a needless `.0`, dates as YYYY-MM-DD.
    pub fn to_text(&self) -> Option<String> {
        match self {
            Cell::Empty | Cell::Error(_) => None,
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(d.to_string()),
        }
    }

    /// The kind of value, for "expected …, found …".
    pub fn kind(&self) -> &'static str {
        match self {
            Cell::Empty => "an empty cell",
            Cell::Text(_) => "text",
            Cell::Number(_) => "a number",
            Cell::Date(_) => "a date",
            Cell::Error(_) => "a formula error",
        }
    }

    /// The kind and the value, for messages: "text `next week`".
    pub fn describe(&self) -> String {
        match self {
            Cell::Empty => "an empty cell".into(),
            Cell::Text(t) => format!("text `{}`", crate::view::style::one_line(t.trim())),
            Cell::Number(n) => format!("the number {n}"),
            Cell::Date(d) => format!("the date {d}"),
            Cell::Error(e) => format!("the formula error {e}"),
        }
    }
}

/// A sheet's cells by 0-based row and column.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    rows: Vec<Vec<Cell>>,
    width: u32,
}

static EMPTY: Cell = Cell::Empty;

impl Grid {
    /// A grid from rows of cells starting at A1.
    pub fn new(rows: Vec<Vec<Cell>>) -> Grid {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        Grid {
            rows,
            width: u32::try_from(width).unwrap_or(u32::MAX),
        }
    }

    /// A calamine range, placed where it sits on the sheet (a range need not start at A1).
    pub fn from_range<T: calamine::CellType>(
        range: &calamine::Range<T>,
        convert: impl Fn(&T) -> Cell,
    ) -> Grid {
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = (0..top).map(|_| Vec::new()).collect();
        for source in range.rows() {
            let mut row: Vec<Cell> = (0..left).map(|_| Cell::Empty).collect();
            row.extend(source.iter().map(&convert));
            rows.push(row);
        }
        Grid::new(rows)
    }

    /// Number of rows.
    pub fn height(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
    }

    /// Number of columns of the widest row.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// The cell at `row`, `col`; empty outside the grid.
    pub fn get(&self, row: u32, col: u32) -> &Cell {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }
}

/// Reads a CSV file (UTF-8, with or without a byte-order mark; comma or semicolon separated,
/// as Excel writes it in countries that use a decimal comma) into a grid of text cells.
pub fn read_csv(path: &str) -> Result<Grid, String> {
    let text = crate::source::read(path).map_err(|r| {
        r.diagnostics
            .first()
            .map_or_else(|| format!("cannot read `{path}`"), |d| d.message.clone())
    })?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("cannot read `{path}` as CSV: {e}"))?;
        rows.push(record.iter().map(Cell::text).collect());
    }
    Ok(Grid::new(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_text_the_way_people_typed_them() {
        assert_eq!(Cell::Number(3.0).to_text().as_deref(), Some("3"));
        assert_eq!(Cell::Number(2.5).to_text().as_deref(), Some("2.5"));
        assert_eq!(Cell::text("  "), Cell::Empty);
        assert_eq!(Cell::text("x").describe(), "text `x`");
    }

    #[test]
    fn a_grid_is_empty_outside_its_cells() {
        let grid = Grid::new(vec![vec![Cell::text("a")], vec![]]);
        assert_eq!(grid.height(), 2);
        assert_eq!(grid.width(), 1);
        assert_eq!(grid.get(5, 5), &Cell::Empty);
        assert_eq!(grid.get(0, 0).as_text(), Some("a"));
    }
}
