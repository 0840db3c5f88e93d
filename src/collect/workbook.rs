//! `init -o questions.xlsx`: the questionnaire as a workbook a client fills in without
//! training. An instructions sheet says what every column means; the answers sheet has a row
//! per clause (shaded, answering for everything below it) and per requirement, with the
//! requirement's text, what an auditor looks at and typical evidence locked beside the yellow
//! cells to fill. Dropdowns for status and maturity, date checks, frozen headers, and a page
//! set-up that prints landscape, one page wide, with the header row on every page.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

use super::columns::{
    self, ANSWERS_SHEET, ASSESSMENT_SHEET, COLUMNS, Field, INSTRUCTIONS_SHEET, META_LABELS,
};
use super::{Form, FormAnswer, status_meaning, status_words};
use crate::answers::Status;
use crate::catalogue::{Catalogue, Clause, Requirement};
use crate::config::Level;

/// Longest text a cell holds (Excel's limit is 32,767 characters).
const MAX_CELL_CHARS: usize = 32_000;

/// What the workbook holds.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub level: Level,
    /// Answers to pre-fill (`init --from`); the organization and date come from here too.
    pub form: &'a Form,
    /// The date stamped in the document properties, so the same inputs give the same bytes.
    pub created: NaiveDate,
}

struct Styles {
    header: Format,
    locked: Format,
    heading: Format,
    input: Format,
    input_quoted: Format,
    input_date: Format,
    title: Format,
    bold: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x00C0_C4C8));
        let input = cell
            .clone()
            .set_unlocked()
            .set_background_color(0x00FF_F8D6);
        Styles {
            header: cell.clone().set_bold().set_background_color(0x00D9_E1EA),
            locked: cell.clone().set_font_color(0x0033_3333),
            heading: cell.set_bold().set_background_color(0x00E8_ECF1),
            input_quoted: input.clone().set_quote_prefix(),
            input_date: input.clone().set_num_format("yyyy-mm-dd"),
            input,
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold().set_text_wrap(),
        }
    }
}

/// The workbook's bytes.
pub fn render(catalogue: &Catalogue, options: &Options<'_>) -> Result<Vec<u8>> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Questionnaire: {}", catalogue.title))
            .set_author("iso20k")
            .set_comment(catalogue.notice.as_str())
            .set_creation_datetime(&excel_date(options.created)?),
    );
    instructions(workbook.add_worksheet(), catalogue, options.level, &styles)?;
    assessment(workbook.add_worksheet(), catalogue, options.form, &styles)?;
    let answers = workbook.add_worksheet();
    answers_sheet(answers, catalogue, options, &styles)?;
    answers.set_active(true);
    Ok(workbook.save_to_buffer()?)
}

fn instructions(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    level: Level,
    styles: &Styles,
) -> Result<()> {
    ws.set_name(INSTRUCTIONS_SHEET)?;
    ws.set_column_width(0, 110)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut row = 0;
    let mut line = |ws: &mut Worksheet, text: &str, format: &Format| -> Result<()> {
        ws.write_string_with_format(row, 0, clean(text), format)?;
        row += 1;
        Ok(())
    };
    line(
        ws,
        &format!("Gap assessment questionnaire: {}", catalogue.title),
        &styles.title,
    )?;
    line(ws, "", &wrap)?;
    let per = match level {
        Level::Clause => "clause",
        Level::Requirement => "requirement",
    };
    let steps = [
        "1. On the Assessment sheet, fill in the organization's name, the scope of the assessment, who assessed, and the date.".to_string(),
        format!(
            "2. On the Answers sheet, answer one row per {per}. Fill in the yellow cells; the grey ones (id, requirement, what an auditor looks at, typical evidence) are locked."
        ),
        "3. A shaded clause row answers for every requirement below it; a requirement's own row overrides it. Leave a cell empty when you have nothing to say.".into(),
        "4. Status: pick from the list in the cell. Every other column is optional.".into(),
    ];
    for step in &steps {
        line(ws, step, &wrap)?;
    }
    line(ws, "", &wrap)?;
    line(ws, "What each status means", &styles.bold)?;
    for word in status_words() {
        line(ws, &format!("  {word}: {}", status_meaning(word)), &wrap)?;
    }
    line(ws, "", &wrap)?;
    line(ws, "The other columns", &styles.bold)?;
    let fields = [
        "Maturity (0-5): 0 not performed, 1-2 partly in place, 3 defined, 4 measured, 5 optimised. A maturity alone implies a status (0 not-implemented, 1-2 partial, 3-5 implemented).",
        "Owner: the person or role who owns the requirement and its remediation.",
        "Evidence: the documents and records that show the requirement is met, one per line (Alt+Enter in Excel, Ctrl+Enter in LibreOffice and Google Sheets), or separated by semicolons.",
        "Evidence reviewed on: the date the evidence was last reviewed, as a date (e.g. 2026-06-01).",
        "Operated by: another party that runs this for the organization. Supported by: another party that only helps.",
        "Target date and Effort (days): when the gap will be closed, and the work it takes, if you know.",
        "Waiver: a gap the organization accepts for a time. Give a reason and an expiry date (and who approved it), or leave all three empty.",
    ];
    for text in fields {
        line(ws, text, &wrap)?;
    }
    line(ws, "", &wrap)?;
    line(ws, "When you are done", &styles.bold)?;
    line(
        ws,
        "Save the workbook as .xlsx (keep the sheet names and the ID column as they are) and send it back. The assessor reads it with `iso20k import`.",
        &wrap,
    )?;
    line(ws, "", &wrap)?;
    line(ws, &catalogue.notice, &wrap)?;
    line(
        ws,
        &format!("Generated by iso20k {}.", env!("CARGO_PKG_VERSION")),
        &wrap,
    )?;
    ws.protect();
    ws.set_portrait()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

fn assessment(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    form: &Form,
    styles: &Styles,
) -> Result<()> {
    ws.set_name(ASSESSMENT_SHEET)?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 60)?;
    ws.set_column_width(2, 50)?;
    let meta = &form.meta;
    let hints = [
        "the organization's name (required)",
        "the services, sites and organizational units covered",
        "who carried out the assessment",
        "the date the answers describe (YYYY-MM-DD)",
        "the catalogue this questionnaire is for",
    ];
    ws.write_string_with_format(0, 0, "Field", &styles.header)?;
    ws.write_string_with_format(0, 1, "Value", &styles.header)?;
    ws.write_string_with_format(0, 2, "What to write", &styles.header)?;
    for (i, label) in META_LABELS.iter().enumerate() {
        let row = u32::try_from(i + 1)?;
        ws.write_string_with_format(row, 0, *label, &styles.heading)?;
        ws.write_string_with_format(row, 2, hints[i], &styles.locked)?;
        let value = match i {
            0 => meta.organization.clone(),
            1 => meta.scope.clone(),
            2 => meta.assessor.clone(),
            _ => None,
        };
        match i {
            3 => match meta.date {
                Some(date) => {
                    ws.write_datetime_with_format(row, 1, excel_date(date)?, &styles.input_date)?;
                }
                None => {
                    ws.write_blank(row, 1, &styles.input_date)?;
                }
            },
            4 => {
                ws.write_string_with_format(row, 1, clean(&catalogue.id), &styles.locked)?;
            }
            _ => write_text(ws, row, 1, value.as_deref(), styles)?,
        }
    }
    ws.add_data_validation(4, 1, 4, 1, &date_check("Date")?)?;
    ws.protect();
    Ok(())
}

fn answers_sheet(
    ws: &mut Worksheet,
    catalogue: &Catalogue,
    options: &Options<'_>,
    styles: &Styles,
) -> Result<()> {
    ws.set_name(ANSWERS_SHEET)?;
    for (i, column) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(i)?;
        ws.write_string_with_format(0, col, column.header, &styles.header)?;
        ws.set_column_width(col, column.width)?;
    }
    let mut row = 0u32;
    // the rows of requirements that wait on an event: only they may be `not-triggered`
    let mut triggered = Vec::new();
    for clause in &catalogue.clauses {
        row += 1;
        clause_row(ws, row, catalogue, clause, options, styles)?;
        if options.level == Level::Requirement && clause.is_leaf() {
            for &i in &clause.requirements {
                row += 1;
                let requirement = &catalogue.requirements[i];
                requirement_row(ws, row, requirement, options.form, styles)?;
                if requirement.trigger.is_some() {
                    triggered.push(row);
                }
            }
        }
    }
    if row > 0 {
        validations(ws, row, &triggered)?;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(0, 0)?
        .set_footer("&L&A&RPage &P of &N");
    Ok(())
}

fn clause_row(
    ws: &mut Worksheet,
    row: u32,
    catalogue: &Catalogue,
    clause: &Clause,
    options: &Options<'_>,
    styles: &Styles,
) -> Result<()> {
    let reqs: Vec<&Requirement> = clause
        .requirements
        .iter()
        .map(|&i| &catalogue.requirements[i])
        .collect();
    let (text, guidance, evidence) = if options.level == Level::Clause && clause.is_leaf() {
        let mut text = clause.title.clone();
        for r in &reqs {
            text.push_str(&format!("\n• {}", requirement_text(r)));
        }
        let guidance: Vec<String> = reqs.iter().map(|r| format!("• {}", r.guidance)).collect();
        let mut evidence: Vec<&str> = Vec::new();
        for e in reqs.iter().flat_map(|r| &r.evidence) {
            if !evidence.contains(&e.as_str()) {
                evidence.push(e);
            }
        }
        (text, guidance.join("\n"), evidence.join("\n"))
    } else {
        (clause.title.clone(), String::new(), String::new())
    };
    let cells = [&clause.id, &text, &guidance, &evidence];
    for (col, value) in (0u16..).zip(cells) {
        ws.write_string_with_format(row, col, clean(value), &styles.heading)?;
    }
    answer_cells(ws, row, options.form.get(&clause.id), styles)
}

fn requirement_row(
    ws: &mut Worksheet,
    row: u32,
    r: &Requirement,
    form: &Form,
    styles: &Styles,
) -> Result<()> {
    let cells = [
        r.id.clone(),
        requirement_text(r),
        r.guidance.clone(),
        r.evidence.join("\n"),
    ];
    for (col, value) in (0u16..).zip(&cells) {
        ws.write_string_with_format(row, col, clean(value), &styles.locked)?;
    }
    answer_cells(ws, row, form.get(&r.id), styles)
}

/// The requirement's words, with the condition it applies under and the event it waits on
/// (the one kind of row whose status list offers `not-triggered`).
fn requirement_text(r: &Requirement) -> String {
    let mut text = r.text.clone();
    if let Some(condition) = &r.condition {
        text.push_str(&format!(" (Only if: {condition})"));
    }
    if let Some(trigger) = &r.trigger {
        text.push_str(&format!(
            " (When: {trigger}; `not-triggered` if none happened in the period)"
        ));
    }
    text
}

/// The cells to fill in, pre-filled from `answer`.
fn answer_cells(
    ws: &mut Worksheet,
    row: u32,
    answer: Option<&FormAnswer>,
    styles: &Styles,
) -> Result<()> {
    let empty = FormAnswer::default();
    let a = answer.unwrap_or(&empty);
    let waiver = a.waiver.as_ref();
    for column in COLUMNS.iter().filter(|c| c.input) {
        let col = columns::index(column.field);
        let date = match column.field {
            Field::Reviewed => Some(a.reviewed),
            Field::Target => Some(a.target),
            Field::WaiverExpires => Some(waiver.map(|w| w.expires)),
            _ => None,
        };
        if let Some(date) = date {
            match date {
                Some(d) => {
                    ws.write_datetime_with_format(row, col, excel_date(d)?, &styles.input_date)?
                }
                None => ws.write_blank(row, col, &styles.input_date)?,
            };
            continue;
        }
        match column.field {
            Field::Maturity => match a.maturity {
                Some(m) => ws.write_number_with_format(row, col, f64::from(m), &styles.input)?,
                None => ws.write_blank(row, col, &styles.input)?,
            },
            Field::EffortDays => match a.effort_days {
                Some(d) => ws.write_number_with_format(row, col, d, &styles.input)?,
                None => ws.write_blank(row, col, &styles.input)?,
            },
            _ => {
                let text = match column.field {
                    Field::Status => a.status.map(|s| s.as_str().to_string()),
                    Field::Owner => a.owner.clone(),
                    Field::Evidence => a.evidence.as_ref().map(|e| e.join("\n")),
                    Field::Notes => a.notes.clone(),
                    Field::OperatedBy => a.operated_by.clone(),
                    Field::SupportedBy => a.supported_by.clone(),
                    Field::WaiverReason => waiver.map(|w| w.reason.clone()),
                    Field::WaiverApprovedBy => waiver.and_then(|w| w.approved_by.clone()),
                    _ => None,
                };
                write_text(ws, row, col, text.as_deref(), styles)?;
                continue;
            }
        };
    }
    Ok(())
}

/// An input cell with text from an answers file: kept as text, never run as a formula.
fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: Option<&str>,
    styles: &Styles,
) -> Result<()> {
    match text {
        Some(text) => {
            let text = clean(text);
            let format = match text.chars().next() {
                Some('=' | '+' | '-' | '@') => &styles.input_quoted,
                _ => &styles.input,
            };
            ws.write_string_with_format(row, col, text, format)?;
        }
        None => {
            ws.write_blank(row, col, &styles.input)?;
        }
    }
    Ok(())
}

/// Dropdowns and checks on the input columns of rows 1 to `last`; the status list offers
/// `not-triggered` only on the `triggered` rows (ascending).
fn validations(ws: &mut Worksheet, last: u32, triggered: &[u32]) -> Result<()> {
    let all = status_words();
    let always: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| *w != Status::NotTriggered.as_str())
        .collect();
    let status = |words: &[&str]| -> Result<DataValidation> {
        Ok(DataValidation::new()
            .allow_list_strings(words)?
            .set_input_title("Status")?
            .set_input_message(
                "Pick a status from the list. The Instructions sheet says what each means.",
            )?
            .set_error_title("Not a status")?
            .set_error_message(format!("Pick one of: {}", words.join(", ")))?)
    };
    let (with_event, without) = (status(&all)?, status(&always)?);
    let col = columns::index(Field::Status);
    // runs of rows with one list each, so a sheet has a few ranges, not one per row
    let mut first = 1;
    while first <= last {
        let event = triggered.binary_search(&first).is_ok();
        let mut end = first;
        while end < last && triggered.binary_search(&(end + 1)).is_ok() == event {
            end += 1;
        }
        let list = if event { &with_event } else { &without };
        ws.add_data_validation(first, col, end, col, list)?;
        first = end + 1;
    }
    let maturity = DataValidation::new()
        .allow_list_strings(&["0", "1", "2", "3", "4", "5"])?
        .set_input_title("Maturity")?
        .set_input_message("0 not performed, 1-2 partly, 3 defined, 4 measured, 5 optimised")?
        .set_error_message("Maturity is a whole number from 0 to 5.")?;
    let col = columns::index(Field::Maturity);
    ws.add_data_validation(1, col, last, col, &maturity)?;
    for (field, title) in [
        (Field::Reviewed, "Evidence reviewed on"),
        (Field::Target, "Target date"),
        (Field::WaiverExpires, "Waiver expires"),
    ] {
        let col = columns::index(field);
        ws.add_data_validation(1, col, last, col, &date_check(title)?)?;
    }
    let effort = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 10_000.0))
        .set_error_message("Effort is a number of person-days, from 0 to 10000.")?;
    let col = columns::index(Field::EffortDays);
    ws.add_data_validation(1, col, last, col, &effort)?;
    Ok(())
}

fn date_check(title: &str) -> Result<DataValidation> {
    Ok(DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1990, 1, 1)?,
            ExcelDateTime::from_ymd(2199, 12, 31)?,
        ))
        .set_input_title(title)?
        .set_input_message("A date, e.g. 2026-06-01.")?
        .set_error_title("Not a date")?
        .set_error_message("Type a date such as 2026-06-01.")?)
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime> {
    Ok(ExcelDateTime::from_ymd(
        u16::try_from(date.year())?,
        u8::try_from(date.month())?,
        u8::try_from(date.day())?,
    )?)
}

/// Text as a cell may hold it: no control characters or bidi overrides, within the cell limit.
fn clean(text: &str) -> String {
    let text = crate::view::style::sanitize(text);
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((cut, _)) => format!("{} [cut: longer than a cell holds]", &text[..cut]),
        None => text,
    }
}
