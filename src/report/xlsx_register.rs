//! The deliverable's workbook, for auditors: real date and percent cells, the full
//! requirement register (met requirements too, with evidence, review date and staleness), a
//! native chart of clause scores, the brand and the commentary, and print setup on every
//! sheet. Filters come only with the data tables (Excel tables), never on the summary.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, Table, TableColumn, Workbook, Worksheet,
};

use super::Extras;
use super::markup::{Block, Inline};
use crate::assess::Rule;
use crate::plan::Plan;
use crate::view::Run;
use crate::view::rows;
use crate::view::summary::summarize;

/// One cell of a data row.
pub(super) enum Cell {
    Text(String),
    Pct(Option<f64>),
    Num(f64),
    Date(Option<NaiveDate>),
}

pub(super) struct Formats {
    text: Format,
    quoted: Format,
    pct: Format,
    date: Format,
    title: Format,
    bold: Format,
}

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    Ok(ExcelDateTime::from_ymd(
        u16::try_from(d.year())?,
        u8::try_from(d.month())?,
        u8::try_from(d.day())?,
    )?)
}

/// Page setup every sheet shares: landscape, one page wide, header row repeated.
fn print_setup(ws: &mut Worksheet, extras: &Extras<'_>, header_row: bool) -> Result<()> {
    ws.set_landscape();
    ws.set_paper_size(match extras.paper {
        super::Paper::A4 => 9,
        super::Paper::Letter => 1,
    });
    ws.set_print_fit_to_pages(1, 0);
    if header_row {
        ws.set_repeat_rows(0, 0)?;
    }
    let line = extras.brand.confidentiality.as_deref().unwrap_or("");
    // `&` starts a control code in Excel headers and footers: double it to print it.
    let line = crate::view::escape::one_line(line).replace('&', "&&");
    ws.set_footer(format!("&L{line}&RPage &P of &N"));
    Ok(())
}

fn write(ws: &mut Worksheet, f: &Formats, row: u32, col: u16, cell: &Cell) -> Result<()> {
    match cell {
        Cell::Text(s) => {
            let clean = crate::view::escape::sanitize(s);
            let s = super::xlsx::fit_cell(&clean);
            let format = match s.chars().next() {
                Some('=' | '+' | '-' | '@' | '\t' | '\r') => &f.quoted,
                _ => &f.text,
            };
            ws.write_string_with_format(row, col, s.as_ref(), format)?;
        }
        Cell::Pct(Some(p)) => {
            ws.write_number_with_format(row, col, p / 100.0, &f.pct)?;
        }
        Cell::Num(n) => {
            ws.write_number(row, col, *n)?;
        }
        Cell::Date(Some(d)) => {
            ws.write_datetime_with_format(row, col, excel_date(*d)?, &f.date)?;
        }
        Cell::Pct(None) | Cell::Date(None) => {}
    }
    Ok(())
}

/// A sheet holding one Excel table (header, filters, banding) of `rows`.
pub(super) fn table_sheet(
    wb: &mut Workbook,
    f: &Formats,
    extras: &Extras<'_>,
    name: &str,
    columns: &[(&str, f64)],
    rows: &[Vec<Cell>],
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    for (i, (title, width)) in columns.iter().enumerate() {
        let col = u16::try_from(i)?;
        ws.set_column_width(col, *width)?;
        ws.write_string_with_format(0, col, *title, &f.bold)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            write(ws, f, u32::try_from(r + 1)?, u16::try_from(c)?, cell)?;
        }
    }
    if !rows.is_empty() {
        let headers: Vec<TableColumn> = columns
            .iter()
            .map(|(title, _)| TableColumn::new().set_header(*title))
            .collect();
        let table = Table::new()
            .set_name(name.replace(' ', ""))
            .set_columns(&headers);
        ws.add_table(
            0,
            0,
            u32::try_from(rows.len())?,
            u16::try_from(columns.len() - 1)?,
            &table,
        )?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, extras, true)
}

/// The workbook of the deliverable.
pub fn render(run: &Run<'_>, plan: &Plan, extras: &Extras<'_>) -> Result<Vec<u8>> {
    let a = run.assessment;
    let s = summarize(run, plan);
    let f = Formats {
        text: Format::new().set_text_wrap(),
        quoted: Format::new().set_text_wrap().set_quote_prefix(),
        pct: Format::new().set_num_format("0.0%"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        title: Format::new().set_bold().set_font_size(16),
        bold: Format::new().set_bold(),
    };
    let mut wb = Workbook::new();
    let title = extras.brand.title.clone().unwrap_or_else(|| {
        format!(
            "{} gap assessment report",
            rows::short_title(&run.catalogue.title)
        )
    });
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{title}: {}", run.file.meta.organization))
            .set_author(extras.brand.name.as_deref().unwrap_or("iso20k"))
            .set_comment(run.catalogue.notice.as_str())
            .set_creation_datetime(&excel_date(a.settings.as_of)?),
    );

    // Summary: a page for people, not a table, so no filters.
    let ws = wb.add_worksheet();
    ws.set_name("Summary")?;
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 100)?;
    let mut row = 0u32;
    if let Some(logo) = &extras.brand.logo {
        let image =
            rust_xlsxwriter::Image::new_from_buffer(&logo.bytes)?.set_scale_to_size(240, 60, true);
        ws.insert_image(row, 0, &image)?;
        ws.set_row_height(row, 48)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, crate::view::escape::sanitize(&title), &f.title)?;
    row += 1;
    let mut line = |ws: &mut Worksheet, label: &str, cell: Cell| -> Result<()> {
        ws.write_string_with_format(row, 0, label, &f.bold)?;
        write(ws, &f, row, 1, &cell)?;
        row += 1;
        Ok(())
    };
    let meta = &run.file.meta;
    line(ws, "Organization", text(meta.organization.clone()))?;
    if let Some(scope) = &meta.scope {
        line(ws, "Scope", text(scope.clone()))?;
    }
    if let Some(assessor) = &meta.assessor {
        line(ws, "Assessor", text(assessor.clone()))?;
    }
    if let Some(name) = &extras.brand.name {
        line(ws, "Prepared by", text(name.clone()))?;
    }
    if let Some(c) = &extras.brand.confidentiality {
        line(ws, "Confidentiality", text(c.clone()))?;
    }
    line(ws, "As of", Cell::Date(Some(a.settings.as_of)))?;
    line(ws, "In one sentence", text(s.sentence.clone()))?;
    line(ws, "Score", Cell::Pct(a.score))?;
    line(ws, "Verdict", text(a.verdict.headline()))?;
    line(ws, "Stage 1 ready", Cell::Date(Some(s.stage_1)))?;
    line(ws, "Stage 2 ready", Cell::Date(Some(s.stage_2)))?;
    line(ws, "Requirements", text(a.counts.text()))?;
    if let Some(m) = a.maturity {
        line(ws, "Mean maturity", Cell::Num(m))?;
    }
    line(ws, "Findings", text(a.finding_counts.to_string()))?;
    for b in &s.blockers {
        line(ws, "Holds it back", text(b.sentence.clone()))?;
    }
    for st in &s.strengths {
        line(ws, "Strength", text(format!("{} {}", st.id, st.title)))?;
    }
    for (i, p) in s.priorities.iter().enumerate() {
        line(
            ws,
            &format!("Priority {}", i + 1),
            text(format!("{} ({}, by {}): {}", p.title, p.owner, p.by, p.why)),
        )?;
    }
    line(ws, "Notice", text(run.catalogue.notice.clone()))?;
    print_setup(ws, extras, false)?;

    if !extras.narrative.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("Commentary")?;
        ws.set_column_width(0, 110)?;
        for (i, block) in extras.narrative.iter().enumerate() {
            let (words, format) = match block {
                Block::Heading { text, .. } => (text.clone(), &f.bold),
                Block::Paragraph(runs) => (plain(runs), &f.text),
                Block::Bullets(items) => (
                    items
                        .iter()
                        .map(|i| format!("• {}", plain(i)))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    &f.text,
                ),
                _ => continue,
            };
            let words = crate::view::escape::sanitize(&words);
            ws.write_string_with_format(u32::try_from(i)?, 0, words.as_str(), format)?;
        }
        print_setup(ws, extras, false)?;
    }

    clauses(&mut wb, &f, run, extras)?;
    register(&mut wb, &f, run, extras)?;
    super::xlsx_sheets::other_sheets(&mut wb, &f, run, plan, extras)?;
    Ok(wb.save_to_buffer()?)
}

fn plain(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::Text(t) | Inline::Strong(t) | Inline::Code(t) => t.as_str(),
        })
        .collect()
}

/// Clause scores as a table, with a native bar chart of the top clauses beside it.
fn clauses(wb: &mut Workbook, f: &Formats, run: &Run<'_>, extras: &Extras<'_>) -> Result<()> {
    let all = rows::clauses(run, usize::MAX);
    let first = all.iter().map(|c| c.depth).min().unwrap_or(0);
    let top = all.iter().filter(|c| c.depth == first).count();
    // Top clauses first, so the chart reads one contiguous range.
    let mut ordered: Vec<&rows::ClauseRow<'_>> = all.iter().filter(|c| c.depth == first).collect();
    ordered.extend(all.iter().filter(|c| c.depth != first));
    let cells: Vec<Vec<Cell>> = ordered
        .iter()
        .map(|c| {
            vec![
                text(c.id),
                text(c.title),
                Cell::Num(c.depth as f64),
                Cell::Pct(c.score),
                Cell::Num(c.counts.met_applicable as f64),
                Cell::Num(c.counts.applicable as f64),
                Cell::Num(c.counts.not_applicable as f64),
                Cell::Num(c.counts.not_triggered as f64),
                Cell::Num(c.requirements as f64),
                c.maturity.map_or(Cell::Text(String::new()), Cell::Num),
            ]
        })
        .collect();
    table_sheet(
        wb,
        f,
        extras,
        "Clauses",
        &[
            &[
                ("Clause", 10.0),
                ("Title", 50.0),
                ("Level", 7.0),
                ("Score", 10.0),
            ][..],
            &super::xlsx::CLAUSE_COUNT_COLUMNS[..],
        ]
        .concat(),
        &cells,
    )?;
    if top > 0 {
        let last = u32::try_from(top)?;
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_name("Score")
            .set_categories(("Clauses", 1, 0, last, 0))
            .set_values(("Clauses", 1, 3, last, 3));
        chart.title().set_name("Clause scores");
        chart.x_axis().set_min(0).set_max(1).set_num_format("0%");
        chart.y_axis().set_reverse();
        chart.legend().set_hidden();
        let ws = wb.worksheet_from_name("Clauses")?;
        ws.insert_chart(1, 7, &chart)?;
    }
    Ok(())
}

/// Every in-scope requirement, met or not: what an auditor samples from.
fn register(wb: &mut Workbook, f: &Formats, run: &Run<'_>, extras: &Extras<'_>) -> Result<()> {
    let a = run.assessment;
    let cells: Vec<Vec<Cell>> = a
        .in_scope()
        .map(|res| {
            let r = &run.catalogue.requirements[res.index];
            let answer = &run.resolved[res.index];
            let findings = a.findings_of(res.index);
            let stale = findings.iter().any(|f| f.rule == Rule::StaleEvidence);
            vec![
                text(r.id.as_str()),
                text(r.clause.as_str()),
                text(r.text.as_str()),
                text(res.status.as_str()),
                Cell::Pct(res.score.map(|s| s * 100.0)),
                text(if res.met { "yes" } else { "no" }),
                text(res.worst.map_or("", |g| g.as_str())),
                text(if res.waived { "yes" } else { "" }),
                text(answer.owner.clone().unwrap_or_default()),
                text(answer.evidence.join("\n")),
                Cell::Date(answer.reviewed.as_ref().map(|d| d.value)),
                text(if stale { "yes" } else { "" }),
                Cell::Date(answer.target.as_ref().map(|d| d.value)),
                text(answer.notes.clone().unwrap_or_default()),
            ]
        })
        .collect();
    table_sheet(
        wb,
        f,
        extras,
        "Register",
        &[
            ("ID", 10.0),
            ("Clause", 9.0),
            ("Requirement", 50.0),
            ("Status", 15.0),
            ("Score", 8.0),
            ("Met", 6.0),
            ("Worst grade", 11.0),
            ("Waived", 8.0),
            ("Owner", 20.0),
            ("Evidence", 36.0),
            ("Reviewed", 11.0),
            ("Stale", 6.0),
            ("Target", 11.0),
            ("Notes", 36.0),
        ],
        &cells,
    )
}
