//! Shared by the questionnaire tests: running the binary, and reading, filling in and
//! saving workbooks the way another spreadsheet program would.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader};
use predicates::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

pub fn iso20k(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iso20k").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

/// What a client types into a cell.
#[derive(Clone)]
pub enum Fill {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
}

pub type Cells = BTreeMap<(u32, u16), Data>;

/// Every sheet of a workbook, in order, as cells by row and column.
pub fn read_sheets(path: &Path) -> Vec<(String, Cells)> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut cells = Cells::new();
            for (r, row) in range.rows().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    if *value != Data::Empty {
                        let key = (top + r as u32, (left as usize + c) as u16);
                        cells.insert(key, value.clone());
                    }
                }
            }
            (name, cells)
        })
        .collect()
}

pub fn answers_sheet(sheets: &mut [(String, Cells)]) -> &mut Cells {
    &mut sheets.iter_mut().find(|(n, _)| n == "Answers").unwrap().1
}

/// The 0-based row whose ID cell is `id`.
pub fn row_of(cells: &Cells, id: &str) -> u32 {
    cells
        .iter()
        .find(|((_, c), v)| *c == 0 && matches!(v, Data::String(s) if s == id))
        .map(|((r, _), _)| *r)
        .unwrap_or_else(|| panic!("no row for {id}"))
}

/// The column whose header starts with `header`.
pub fn col_of(cells: &Cells, header: &str) -> u16 {
    cells
        .iter()
        .find(|((r, _), v)| *r == 0 && v.to_string().starts_with(header))
        .map(|((_, c), _)| *c)
        .unwrap_or_else(|| panic!("no column {header}"))
}

/// Fills in `answers` (id, column header, value) on the Answers sheet.
pub fn fill(sheets: &mut [(String, Cells)], answers: &[(&str, &str, Fill)]) {
    let cells = answers_sheet(sheets);
    for (id, header, value) in answers {
        let key = (row_of(cells, id), col_of(cells, header));
        let data = match value {
            Fill::Text(t) => Data::String((*t).to_string()),
            Fill::Number(n) => Data::Float(*n),
            Fill::Date(y, m, d) => {
                let serial = ExcelDateTime::from_ymd(*y, *m, *d).unwrap().to_excel();
                Data::DateTime(calamine::ExcelDateTime::new(
                    serial,
                    calamine::ExcelDateTimeType::DateTime,
                    false,
                ))
            }
        };
        cells.insert(key, data);
    }
}

/// Saves `sheets` as a new workbook, as another spreadsheet program would.
pub fn save(sheets: &[(String, Cells)], path: &Path) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, cells) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (&(r, c), value) in cells {
            match value {
                Data::String(s) => {
                    ws.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r, c, *f).unwrap();
                }
                Data::Int(i) => {
                    ws.write_number(r, c, *i as f64).unwrap();
                }
                Data::DateTime(dt) => {
                    ws.write_number_with_format(r, c, dt.as_f64(), &date)
                        .unwrap();
                }
                other => panic!("unexpected cell {other:?}"),
            }
        }
    }
    wb.save(path).unwrap();
}

pub fn init_workbook(dir: &Path, name: &str) {
    iso20k(dir)
        .args([
            "init",
            "-o",
            name,
            "--organization",
            "Acme Managed Services Ltd",
        ])
        .args(["--as-of", "2026-11-20"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("wrote {name}")));
}

/// The XML of one part of an XLSX file.
pub fn part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}
