//! CSV: one row per requirement (assess) or per scheduled task (plan), for spreadsheets.
//! Cells a spreadsheet would run as formulas are kept as text.

use anyhow::Result;

use super::{Document, Reporter};
use crate::view::catalogue::format_days;
use crate::view::escape::spreadsheet_cell;

/// The CSV reporter.
pub struct Csv;

impl Reporter for Csv {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let mut writer = ::csv::Writer::from_writer(Vec::new());
        match doc {
            Document::Plan(_, plan) => {
                return crate::view::plan_csv::render(&super::plan_run(doc, plan));
            }
            _ => {
                writer.write_record([
                    "id",
                    "clause",
                    "requirement",
                    "status",
                    "score",
                    "met",
                    "grade",
                    "rules",
                    "waived",
                    "owner",
                    "evidence",
                    "reviewed",
                    "target",
                    "operated_by",
                    "notes",
                    "line",
                    "action",
                    "action_days",
                    "status_note",
                ])?;
                let run = doc.run();
                for res in run.assessment.in_scope() {
                    let r = &run.catalogue.requirements[res.index];
                    let a = &run.resolved[res.index];
                    let findings = run.assessment.findings_of(res.index);
                    let grade = res.worst;
                    let rules: Vec<&str> = findings.iter().map(|f| f.rule.code()).collect();
                    let actions: Vec<&str> =
                        findings.iter().map(|f| f.action.text.as_str()).collect();
                    let days: f64 = findings.iter().map(|f| f.action.effort_days).sum();
                    write(
                        &mut writer,
                        [
                            r.id.clone(),
                            r.clause.clone(),
                            r.text.clone(),
                            res.status.as_str().into(),
                            res.score.map(|s| s.to_string()).unwrap_or_default(),
                            res.met.to_string(),
                            grade.map(|g| g.as_str().to_string()).unwrap_or_default(),
                            rules.join("; "),
                            (!findings.is_empty() && res.waived).to_string(),
                            a.owner.clone().unwrap_or_default(),
                            a.evidence.join("; "),
                            a.reviewed
                                .as_ref()
                                .map(|d| d.value.to_string())
                                .unwrap_or_default(),
                            a.target
                                .as_ref()
                                .map(|d| d.value.to_string())
                                .unwrap_or_default(),
                            a.operated_by
                                .as_ref()
                                .map(|p| p.value.clone())
                                .unwrap_or_default(),
                            a.notes.clone().unwrap_or_default(),
                            a.status_pos
                                .or(a.anchor)
                                .map(|p| p.line.to_string())
                                .unwrap_or_default(),
                            actions.join("; "),
                            if findings.is_empty() {
                                String::new()
                            } else {
                                format_days(days)
                            },
                            res.note.clone().unwrap_or_default(),
                        ],
                    )?;
                }
            }
        }
        writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot write CSV: {e}"))
    }
}

fn write<const N: usize>(writer: &mut ::csv::Writer<Vec<u8>>, cells: [String; N]) -> Result<()> {
    writer.write_record(
        cells
            .iter()
            .map(|c| spreadsheet_cell(&crate::view::escape::sanitize(c))),
    )?;
    Ok(())
}
