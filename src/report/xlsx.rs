//! XLSX: one sheet per part (summary, clauses, gaps, findings, plan, evidence) with frozen
//! headers, filters and sensible column widths, for auditors who live in spreadsheets.
//! Text is always written as text, never as a formula; text that a spreadsheet would take
//! for one (`=`, `+`, `-`, `@`, tab, CR) also gets Excel's quote prefix.

use anyhow::Result;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::{Document, Reporter};
use crate::view::rows::{self, score_text, short_title};
use chrono::Datelike;

/// The XLSX reporter.
pub struct Xlsx;

struct Styles {
    header: Format,
    text: Format,
    quoted: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_background_color(0x00E8_ECF1)
                .set_text_wrap(),
            text: Format::new().set_text_wrap(),
            quoted: Format::new().set_text_wrap().set_quote_prefix(),
        }
    }
}

/// A sheet under construction: header row, typed cells, column widths.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    row: u32,
    columns: u16,
}

impl<'a> Sheet<'a> {
    fn new(
        ws: &'a mut Worksheet,
        styles: &'a Styles,
        name: &str,
        header: &[(&str, f64)],
    ) -> Result<Sheet<'a>> {
        ws.set_name(name)?;
        for (col, (title, width)) in header.iter().enumerate() {
            let col = u16::try_from(col)?;
            ws.write_string_with_format(0, col, *title, &styles.header)?;
            ws.set_column_width(col, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            ws,
            styles,
            row: 0,
            columns: u16::try_from(header.len())?,
        })
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.row += 1;
        for (col, cell) in cells.iter().enumerate() {
            let col = u16::try_from(col)?;
            match cell {
                Cell::Text(text) => {
                    let clean = crate::view::escape::sanitize(text);
                    let text = fit_cell(&clean);
                    let format = match text.chars().next() {
                        Some('=' | '+' | '-' | '@' | '\t' | '\r') => &self.styles.quoted,
                        _ => &self.styles.text,
                    };
                    self.ws
                        .write_string_with_format(self.row, col, text.as_ref(), format)?;
                }
                Cell::Number(n) => {
                    self.ws.write_number(self.row, col, *n)?;
                }
                Cell::Empty => {}
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if self.row > 0 {
            self.ws.autofilter(0, 0, self.row, self.columns - 1)?;
        }
        Ok(())
    }
}

/// The columns after a clause's score, in both workbooks: what its requirements count towards,
/// and their mean maturity.
pub(super) const CLAUSE_COUNT_COLUMNS: [(&str, f64); 6] = [
    ("Met", 8.0),
    ("Applicable", 11.0),
    ("Not applicable", 14.0),
    ("Not triggered", 13.0),
    ("Requirements", 13.0),
    ("Maturity", 10.0),
];

/// The most characters a spreadsheet cell holds (Excel's limit, which LibreOffice and
/// rust_xlsxwriter enforce too).
pub const CELL_LIMIT: usize = 32_767;

/// The marker that ends a cut cell.
const CUT_MARKER: &str = " [... cut: the rest is in the answers file]";

/// `text` cut to [`CELL_LIMIT`] characters with a marker: a long note is valid input and must
/// never make the workbook fail.
pub(super) fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(CELL_LIMIT) {
        None => text.into(),
        Some(_) => {
            let keep = CELL_LIMIT - CUT_MARKER.chars().count();
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            format!("{}{CUT_MARKER}", &text[..end]).into()
        }
    }
}

/// How many answers carry a text longer than a cell holds: the caller warns about them.
pub fn cut_cells(doc: &Document<'_>) -> usize {
    let long = |text: &str| text.len() > CELL_LIMIT && text.chars().count() > CELL_LIMIT;
    doc.run()
        .resolved
        .iter()
        .filter(|r| {
            r.notes.as_deref().is_some_and(long)
                || r.owner.as_deref().is_some_and(long)
                || r.evidence.iter().any(|e| long(e))
        })
        .count()
}

enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

fn t(text: impl Into<String>) -> Cell {
    Cell::Text(text.into())
}

impl Reporter for Xlsx {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        if let Document::Full(run, plan) = doc {
            // The full report is the deliverable's workbook.
            let brand = crate::brand::Brand::default();
            let extras = super::Extras {
                brand: &brand,
                narrative: &[],
                paper: super::Paper::A4,
            };
            return super::xlsx_register::render(run, plan, &extras);
        }
        let run = doc.run();
        let a = run.assessment;
        let styles = Styles::new();
        let mut workbook = Workbook::new();
        let as_of = a.settings.as_of;
        let created = ExcelDateTime::from_ymd(
            u16::try_from(as_of.year()).unwrap_or(1900),
            as_of.month() as u8,
            as_of.day() as u8,
        )?;
        workbook.set_properties(
            &DocProperties::new()
                .set_title(format!(
                    "{} gap assessment: {}",
                    short_title(&run.catalogue.title),
                    run.file.meta.organization
                ))
                .set_author("iso20k")
                .set_comment(run.catalogue.notice.as_str())
                .set_creation_datetime(&created),
        );

        let mut summary = Sheet::new(
            workbook.add_worksheet(),
            &styles,
            "Summary",
            &[("Item", 24.0), ("Value", 90.0)],
        )?;
        let meta = &run.file.meta;
        let mut items: Vec<(&str, String)> = vec![("Organization", meta.organization.clone())];
        if let Some(scope) = &meta.scope {
            items.push(("Scope", scope.clone()));
        }
        if let Some(assessor) = &meta.assessor {
            items.push(("Assessor", assessor.clone()));
        }
        items.push(("As of", as_of.to_string()));
        items.push((
            "Catalogue",
            format!(
                "{} ({}), version {}",
                run.catalogue.title, run.catalogue.id, run.catalogue.version
            ),
        ));
        items.push(("Score", score_text(run)));
        if let Some(m) = a.maturity {
            items.push(("Mean maturity", format!("{m:.1} of 5")));
        }
        items.push(("Requirements", a.counts.text()));
        items.push(("Verdict", run.assessment.verdict.headline()));
        for reason in &a.reasons {
            items.push((
                "Holds it back",
                format!(
                    "stage {}: {}: {}",
                    reason.stage,
                    reason.message,
                    reason.requirements.join(", ")
                ),
            ));
        }
        items.push(("Findings", run.assessment.finding_counts.to_string()));
        for g in run.gates {
            items.push((
                "Gate",
                format!(
                    "{} {}: {} ({})",
                    g.gate,
                    g.target,
                    if g.passed { "passed" } else { "failed" },
                    g.detail
                ),
            ));
        }
        if let Some(plan) = doc.plan() {
            items.push(("Stage 1 ready", plan.milestones.stage_1_ready.to_string()));
            items.push(("Stage 2 ready", plan.milestones.stage_2_ready.to_string()));
        }
        items.push(("Notice", run.catalogue.notice.clone()));
        for (k, v) in items {
            summary.row(&[t(k), t(v)])?;
        }
        summary.finish()?;

        if !matches!(doc, Document::Plan(..)) {
            let mut sheet = Sheet::new(
                workbook.add_worksheet(),
                &styles,
                "Clauses",
                &[
                    &[("Clause", 10.0), ("Title", 60.0), ("Score %", 10.0)][..],
                    &CLAUSE_COUNT_COLUMNS[..],
                ]
                .concat(),
            )?;
            for c in rows::clauses(run, usize::MAX) {
                sheet.row(&[
                    t(c.id),
                    t(format!("{}{}", "  ".repeat(c.depth), c.title)),
                    c.score.map_or(Cell::Empty, Cell::Number),
                    Cell::Number(c.counts.met_applicable as f64),
                    Cell::Number(c.counts.applicable as f64),
                    Cell::Number(c.counts.not_applicable as f64),
                    Cell::Number(c.counts.not_triggered as f64),
                    Cell::Number(c.requirements as f64),
                    c.maturity.map_or(Cell::Empty, Cell::Number),
                ])?;
            }
            sheet.finish()?;

            let mut sheet = Sheet::new(
                workbook.add_worksheet(),
                &styles,
                "Gaps",
                &[
                    ("ID", 11.0),
                    ("Requirement", 60.0),
                    ("Status", 16.0),
                    ("Grade", 12.0),
                    ("Waived", 8.0),
                    ("Rules", 24.0),
                    ("Owner", 24.0),
                    ("Target", 12.0),
                    ("Action", 50.0),
                    ("Days", 8.0),
                    ("Notes", 40.0),
                ],
            )?;
            for g in rows::gaps(run) {
                sheet.row(&[
                    t(g.id),
                    t(g.requirement),
                    t(g.status),
                    t(g.grade.as_str()),
                    t(if g.waived { "yes" } else { "" }),
                    t(g.rules.join(", ")),
                    t(g.owner),
                    t(g.target.unwrap_or_default()),
                    t(g.action),
                    Cell::Number(g.effort_days),
                    t(g.notes),
                ])?;
            }
            sheet.finish()?;

            let mut sheet = Sheet::new(
                workbook.add_worksheet(),
                &styles,
                "Findings",
                &[
                    ("Requirement", 12.0),
                    ("Rule", 24.0),
                    ("Grade", 12.0),
                    ("Waived", 8.0),
                    ("Line", 7.0),
                    ("Finding", 80.0),
                    ("Remediation", 60.0),
                    ("Days", 8.0),
                ],
            )?;
            for f in &a.findings {
                sheet.row(&[
                    t(run.catalogue.requirements[f.requirement].id.as_str()),
                    t(f.rule.code()),
                    t(f.grade().as_str()),
                    t(if f.waived { "yes" } else { "" }),
                    f.pos
                        .map_or(Cell::Empty, |p| Cell::Number(f64::from(p.line))),
                    t(f.message.as_str()),
                    t(f.action.text.as_str()),
                    Cell::Number(f.action.effort_days),
                ])?;
            }
            sheet.finish()?;
        }

        if let Some(plan) = doc.plan() {
            let mut sheet = Sheet::new(
                workbook.add_worksheet(),
                &styles,
                "Plan",
                &[
                    ("Package", 10.0),
                    ("Phase", 26.0),
                    ("Requirement", 12.0),
                    ("Action", 60.0),
                    ("Priority", 9.0),
                    ("Grade", 12.0),
                    ("Waived", 8.0),
                    ("Owner", 24.0),
                    ("Days", 8.0),
                    ("Start", 12.0),
                    ("End", 12.0),
                ],
            )?;
            for p in &plan.packages {
                for &ti in &p.tasks {
                    let task = &plan.tasks[ti];
                    let r = &run.catalogue.requirements[task.requirement];
                    sheet.row(&[
                        t(p.id.as_str()),
                        t(p.phase.title()),
                        t(r.id.as_str()),
                        t(task.action.as_str()),
                        t(task.priority.as_str()),
                        t(task.grade.as_str()),
                        t(if task.waived { "yes" } else { "" }),
                        t(task.owner.as_str()),
                        Cell::Number(task.effort_days),
                        t(task.start.to_string()),
                        t(task.end.to_string()),
                    ])?;
                }
            }
            sheet.finish()?;
        }

        if !matches!(doc, Document::Plan(..)) {
            let mut sheet = Sheet::new(
                workbook.add_worksheet(),
                &styles,
                "Evidence",
                &[("Evidence", 60.0), ("Reviewed", 12.0), ("Supports", 60.0)],
            )?;
            for e in rows::evidence(run) {
                sheet.row(&[
                    t(e.evidence),
                    t(e.reviewed.unwrap_or_default()),
                    t(e.requirements.join(", ")),
                ])?;
            }
            sheet.finish()?;
        }
        Ok(workbook.save_to_buffer()?)
    }
}
