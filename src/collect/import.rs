//! `import`: a filled-in questionnaire back into answers. XLSX (and the other formats
//! calamine reads: XLS, XLSM, ODS) or CSV with the answers sheet's header row.
//!
//! Every cell is checked before anything is written, and every problem is reported at once,
//! named as a spreadsheet names it (`Answers!E14`), with what was expected and the nearest
//! valid word. Columns are found by their header, so a workbook whose columns were moved,
//! or saved again by LibreOffice or Google Sheets, reads the same.

use std::collections::HashMap;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use super::cells::{Cell, Grid};
use super::columns::{self, ANSWERS_SHEET, ASSESSMENT_SHEET, Field, META_LABELS, cell_ref};
use super::{Form, FormAnswer, FormMeta, FormWaiver};
use crate::answers::Status;
use crate::catalogue::Catalogue;
use crate::diag::{Diagnostic, Report, did_you_mean};
use crate::view::style::one_line;

/// Reads the questionnaire at `path` into a form, or every problem found in it.
pub fn read(path: &str, catalogue: &Catalogue) -> Result<Form, Report> {
    let mut report = Report::new(path, "");
    let fail = |message: String| {
        let mut report = Report::new(path, "");
        report.push(Diagnostic::error(None, message));
        report
    };
    let size = std::fs::metadata(path)
        .map_err(|e| {
            fail(match e.kind() {
                std::io::ErrorKind::NotFound => format!("cannot read `{path}`: no such file"),
                _ => format!("cannot read `{path}`: {e}"),
            })
        })?
        .len();
    if size > crate::source::MAX_FILE_BYTES as u64 {
        return Err(fail(format!(
            "the file is larger than the {} MiB limit",
            crate::source::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let is_csv = path.to_ascii_lowercase().ends_with(".csv");
    let (answers, meta_grid) = if is_csv {
        (super::cells::read_csv(path).map_err(fail)?, None)
    } else {
        read_workbook(path).map_err(fail)?
    };
    let sheet = (!is_csv).then_some(ANSWERS_SHEET);
    let meta = match &meta_grid {
        Some(grid) => read_meta(grid, catalogue, &mut report),
        None => FormMeta::default(),
    };
    let answers = read_answers(&answers, sheet, catalogue, &mut report);
    if report.has_errors() {
        return Err(report);
    }
    Ok(Form { meta, answers })
}

/// The answers sheet and, when there is one, the assessment sheet.
fn read_workbook(path: &str) -> Result<(Grid, Option<Grid>), String> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| {
        format!("cannot read `{path}` as a workbook: {e}; save it as .xlsx, or export the Answers sheet as .csv")
    })?;
    let names = workbook.sheet_names();
    let find = |wanted: &str| {
        names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
    };
    let Some(answers_name) = find(ANSWERS_SHEET) else {
        let hint = did_you_mean(ANSWERS_SHEET, names.iter().map(String::as_str))
            .unwrap_or_else(|| format!("it has: {}", names.join(", ")));
        return Err(format!(
            "`{path}` has no sheet named `{ANSWERS_SHEET}`; {hint} (the questionnaire from `iso20k init -o FILE.xlsx` has one)"
        ));
    };
    let meta_name = find(ASSESSMENT_SHEET);
    let mut grid = |name: &str| -> Result<Grid, String> {
        let range = workbook
            .worksheet_range(name)
            .map_err(|e| format!("cannot read sheet `{name}` of `{path}`: {e}"))?;
        Ok(Grid::from_range(&range, convert))
    };
    let answers = grid(&answers_name)?;
    let meta = match meta_name {
        Some(name) => Some(grid(&name)?),
        None => None,
    };
    Ok((answers, meta))
}

fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::String(s) => Cell::text(s),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(crate::source::fields::parse_date)
            .map_or_else(|| Cell::text(s), Cell::Date),
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::Error(format!("{e:?}")),
    }
}

fn read_meta(grid: &Grid, catalogue: &Catalogue, report: &mut Report) -> FormMeta {
    let mut meta = FormMeta::default();
    let sheet = Some(ASSESSMENT_SHEET);
    for row in 0..grid.height() {
        let Some(label) = grid.get(row, 0).as_text() else {
            continue;
        };
        let Some(which) = META_LABELS
            .iter()
            .position(|l| l.eq_ignore_ascii_case(label.trim()))
        else {
            continue;
        };
        let cell = grid.get(row, 1);
        let at = cell_ref(sheet, row, 1);
        let text = || cell.to_text().filter(|t| !t.is_empty());
        match which {
            0 => meta.organization = text(),
            1 => meta.scope = text(),
            2 => meta.assessor = text(),
            3 => meta.date = date_cell(cell, &at, "the assessment's date", report),
            _ => {
                if let Some(id) = text()
                    && id != catalogue.id
                {
                    report.push(
                        Diagnostic::error(
                            None,
                            format!(
                                "{at}: this questionnaire is for catalogue `{}`, but the loaded catalogue is `{}`",
                                one_line(&id),
                                catalogue.id
                            ),
                        )
                        .help("load the catalogue it was made from with `--catalogue FILE`"),
                    );
                }
            }
        }
    }
    meta
}

fn read_answers(
    grid: &Grid,
    sheet: Option<&str>,
    catalogue: &Catalogue,
    report: &mut Report,
) -> Vec<(String, FormAnswer)> {
    let Some((header_row, fields)) = header(grid) else {
        report.push(
            Diagnostic::error(
                None,
                format!(
                    "{}: no header row with an `ID` column",
                    cell_ref(sheet, 0, 0)
                ),
            )
            .help(format!(
                "the first row names the columns: {}",
                columns::headers().collect::<Vec<_>>().join(", ")
            )),
        );
        return Vec::new();
    };
    let id_col = fields
        .iter()
        .find(|(_, f)| *f == Field::Id)
        .map(|(c, _)| *c);
    let id_col = id_col.unwrap_or(0);
    let mut out = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for row in header_row + 1..grid.height() {
        let input = |field: Field| {
            fields
                .iter()
                .find(|(_, f)| *f == field)
                .map(|(c, _)| (grid.get(row, *c), cell_ref(sheet, row, *c)))
        };
        let answer = read_row(&input, report);
        let id_at = cell_ref(sheet, row, id_col);
        let id = grid.get(row, id_col).to_text().unwrap_or_default();
        if id.is_empty() {
            if answer.as_ref().is_none_or(|a| !a.is_empty()) {
                report.push(
                    Diagnostic::error(None, format!("{id_at}: a row with answers but no id")).help(
                        "write the clause or requirement id the answers are for, or clear the row",
                    ),
                );
            }
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), row) {
            report.push(
                Diagnostic::error(
                    None,
                    format!(
                        "{id_at}: `{}` has a second row; its first is row {}",
                        one_line(&id),
                        first + 1
                    ),
                )
                .help("keep one row per id: merge the two rows' answers and delete one"),
            );
            continue;
        }
        if catalogue.clause(&id).is_none() && catalogue.requirement(&id).is_none() {
            let help = catalogue
                .suggest(&id)
                .unwrap_or_else(|| "`iso20k catalogue list` shows every id".into());
            report.push(
                Diagnostic::error(
                    None,
                    format!(
                        "{id_at}: unknown clause or requirement `{}` in catalogue `{}`",
                        one_line(&id),
                        catalogue.id
                    ),
                )
                .help(help),
            );
            continue;
        }
        if let Some(answer) = answer.filter(|a| !a.is_empty()) {
            if answer.status == Some(Status::NotTriggered)
                && let Some(problem) = not_triggered_problem(catalogue, &id)
            {
                let at = input(Field::Status).map_or(id_at, |(_, at)| at);
                report.push(Diagnostic::error(None, format!("{at}: {problem}")).help(
                    "answer implemented, partial or not-implemented; `not-triggered` fits only the rows whose requirement says \"When: <event>\"",
                ));
                continue;
            }
            out.push((id, answer));
        }
    }
    out
}

/// The header row (the first of the top rows with an `ID` cell) and the field of each column.
fn header(grid: &Grid) -> Option<(u32, Vec<(u32, Field)>)> {
    (0..grid.height().min(20)).find_map(|row| {
        let fields: Vec<(u32, Field)> = (0..grid.width())
            .filter_map(|col| {
                let text = grid.get(row, col).as_text()?;
                columns::field_for_header(text).map(|f| (col, f))
            })
            .collect();
        fields
            .iter()
            .any(|(_, f)| *f == Field::Id)
            .then_some((row, fields))
    })
}

/// The answer in one row's input cells; `None` when a cell is invalid (each is reported).
fn read_row<'g>(
    input: &dyn Fn(Field) -> Option<(&'g Cell, String)>,
    report: &mut Report,
) -> Option<FormAnswer> {
    let before = report.error_count();
    let text = |field: Field| {
        input(field)
            .and_then(|(c, _)| c.to_text())
            .filter(|t| !t.is_empty())
    };
    let mut a = FormAnswer {
        owner: text(Field::Owner),
        notes: text(Field::Notes),
        operated_by: text(Field::OperatedBy),
        supported_by: text(Field::SupportedBy),
        ..FormAnswer::default()
    };
    a.evidence = text(Field::Evidence).map(|t| {
        t.split(['\n', ';'])
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    });
    a.evidence = a.evidence.filter(|e| !e.is_empty());
    if let Some((cell, at)) = input(Field::Status) {
        a.status = status_cell(cell, &at, report);
    }
    if let Some((cell, at)) = input(Field::Maturity) {
        a.maturity = maturity_cell(cell, &at, report);
    }
    let date = |field: Field, what: &str, report: &mut Report| {
        input(field).and_then(|(cell, at)| date_cell(cell, &at, what, report))
    };
    a.reviewed = date(Field::Reviewed, "the evidence's review date", report);
    a.target = date(Field::Target, "the target date", report);
    if let Some((cell, at)) = input(Field::EffortDays) {
        a.effort_days = number_cell(cell, &at, report);
    }
    let reason = text(Field::WaiverReason);
    let approved_by = text(Field::WaiverApprovedBy);
    let expires = date(Field::WaiverExpires, "the waiver's expiry date", report);
    let expires_given = input(Field::WaiverExpires).is_some_and(|(c, _)| !c.is_empty());
    if reason.is_some() || approved_by.is_some() || expires_given {
        let missing = |field: Field, what: &str, report: &mut Report| {
            // a missing column is named by its header: there is no cell to point at
            let at = input(field).map_or_else(
                || {
                    let header = columns::COLUMNS.iter().find(|c| c.field == field);
                    format!("the `{}` column", header.map_or("", |c| c.header))
                },
                |(_, at)| at,
            );
            report.push(
                Diagnostic::error(None, format!("{at}: the waiver has no {what}"))
                    .help("a waiver needs a reason and an expiry date; or clear its cells"),
            );
        };
        if reason.is_none() {
            missing(Field::WaiverReason, "reason", report);
        }
        if !expires_given {
            missing(Field::WaiverExpires, "expiry date", report);
        }
        if let (Some(reason), Some(expires)) = (reason, expires) {
            a.waiver = Some(FormWaiver {
                reason,
                approved_by,
                expires,
            });
        }
    }
    (report.error_count() == before).then_some(a)
}

/// Why `id` cannot be `not-triggered`: it is a clause, or a requirement that waits on no
/// event.
fn not_triggered_problem(catalogue: &Catalogue, id: &str) -> Option<String> {
    match catalogue.requirement(id) {
        Some(r) if r.trigger.is_some() => None,
        Some(_) => Some(format!(
            "`{id}` is `not-triggered`, but it waits on no event: it applies whether or not anything happens"
        )),
        None => Some(format!(
            "clause `{id}` is `not-triggered`, but only a requirement that waits on an event can be"
        )),
    }
}

fn status_cell(cell: &Cell, at: &str, report: &mut Report) -> Option<Status> {
    let word = match cell {
        Cell::Empty => return None,
        Cell::Text(word) => word,
        other => {
            report.push(
                Diagnostic::error(
                    None,
                    format!("{at}: expected a status, found {}", other.kind()),
                )
                .help(format!("pick one of: {}", super::status_words().join(", "))),
            );
            return None;
        }
    };
    let status = Status::parse(word);
    if status.is_none() {
        let help = did_you_mean(word, Status::WORDS)
            .unwrap_or_else(|| format!("pick one of: {}", super::status_words().join(", ")));
        report.push(
            Diagnostic::error(
                None,
                format!(
                    "{at}: `{}` is not a status; expected one of {}",
                    one_line(word),
                    super::status_words().join(", ")
                ),
            )
            .help(help),
        );
    }
    status
}

/// A cell read as a number: `None` when it is empty, `Some(None)` when it holds no number.
fn numeric(cell: &Cell) -> Option<Option<f64>> {
    match cell {
        Cell::Empty => None,
        Cell::Number(n) => Some(Some(*n)),
        Cell::Text(t) => Some(t.trim().parse::<f64>().ok()),
        _ => Some(None),
    }
}

fn maturity_cell(cell: &Cell, at: &str, report: &mut Report) -> Option<u8> {
    let value = numeric(cell)?;
    match value {
        Some(n) if n.fract() == 0.0 && (0.0..=5.0).contains(&n) => Some(n as u8),
        Some(n) => {
            report.push(
                Diagnostic::error(None, format!("{at}: maturity {n} is outside 0-5")).help(
                    "0 not performed, 1-2 partly in place, 3 defined, 4 measured, 5 optimised",
                ),
            );
            None
        }
        None => {
            report.push(
                Diagnostic::error(
                    None,
                    format!(
                        "{at}: expected a maturity from 0 to 5, found {}",
                        cell.describe()
                    ),
                )
                .help("pick a whole number from 0 to 5 from the list"),
            );
            None
        }
    }
}

fn number_cell(cell: &Cell, at: &str, report: &mut Report) -> Option<f64> {
    let value = numeric(cell)?;
    match value {
        Some(n) if n.is_finite() && (0.0..=10_000.0).contains(&n) => Some(n),
        _ => {
            report.push(
                Diagnostic::error(
                    None,
                    format!(
                        "{at}: expected the effort in person-days (0 to 10000), found {}",
                        cell.describe()
                    ),
                )
                .help("write a number of days, e.g. 2.5"),
            );
            None
        }
    }
}

fn date_cell(cell: &Cell, at: &str, what: &str, report: &mut Report) -> Option<NaiveDate> {
    match cell {
        Cell::Empty => None,
        Cell::Date(d) => Some(*d),
        // A date cell without a date format: Excel's day count from 1899-12-30.
        Cell::Number(n) if n.fract() == 0.0 && (1.0..=2_958_465.0).contains(n) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|base| base.checked_add_days(chrono::Days::new(*n as u64)))
        }
        Cell::Text(t) if crate::source::fields::parse_date(t).is_some() => {
            crate::source::fields::parse_date(t)
        }
        other => {
            report.push(
                Diagnostic::error(
                    None,
                    format!(
                        "{at}: expected {what} as a date, found {}",
                        other.describe()
                    ),
                )
                .help(
                    "type the date as a date, e.g. 2026-06-01 (in a text cell, write YYYY-MM-DD)",
                ),
            );
            None
        }
    }
}
