//! GitHub Actions workflow commands: one annotation per finding on the answers file's line.
//!
//! Everything from a file is escaped as the runner expects (`%`, CR and LF in messages, and
//! also `:` and `,` in properties), so a note cannot end its annotation early and forge
//! another command.

use std::fmt::Write as _;

use anyhow::Result;

use super::{Document, Reporter};
use crate::assess::{Finding, Grade};
use crate::view::escape::{workflow_data as data, workflow_property as property};

/// The GitHub reporter: at most `max_annotations` annotations of each level, worst first
/// (failed gates, then findings in the gap register's order), and a closing notice that counts
/// what was left out; the step summary has the rest.
pub struct Github {
    pub max_annotations: usize,
}

impl Reporter for Github {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let run = doc.run();
        let a = run.assessment;
        let mut out = String::new();
        // errors, warnings, notices shown so far
        let mut shown = [0_usize; 3];
        let mut left_out = 0;
        let mut emit = |level: usize, line: String, out: &mut String| {
            if shown[level] < self.max_annotations {
                shown[level] += 1;
                out.push_str(&line);
            } else {
                left_out += 1;
            }
        };
        for g in run.gates.iter().filter(|g| !g.passed) {
            let title = format!("gate {} {} failed", g.gate, g.target);
            let line = format!("::error title={}::{}\n", property(&title), data(&g.detail));
            emit(0, line, &mut out);
        }
        let summary = format!(
            "{}: score {}, verdict {}, {}",
            run.file.meta.organization,
            crate::view::rows::score_text(run),
            a.verdict.as_str(),
            a.finding_counts
        );
        emit(
            2,
            format!("::notice title=iso20k::{}\n", data(&summary)),
            &mut out,
        );
        // worst first: the gap register's order, unwaived requirements before waived ones
        let unwaived = a.gaps.iter().filter(|&&i| !a.all[i].waived);
        let waived = a.gaps.iter().filter(|&&i| a.all[i].waived);
        for &index in unwaived.chain(waived) {
            let mut findings: Vec<&Finding> = a.findings_of(index).iter().collect();
            findings.sort_by_key(|f| std::cmp::Reverse(f.grade()));
            for f in findings {
                let (level, name) = match (f.waived, f.grade()) {
                    (true, _) | (false, Grade::Observation) => (2, "notice"),
                    (false, Grade::Minor) => (1, "warning"),
                    (false, Grade::Major) => (0, "error"),
                };
                emit(level, annotation(doc, f, name), &mut out);
            }
        }
        if left_out > 0 {
            let _ = writeln!(
                out,
                "::notice title=iso20k::{}",
                data(&format!(
                    "{left_out} more annotation{} not shown (a step shows {} of each level): see the step summary or --format sarif",
                    if left_out == 1 { "" } else { "s" },
                    self.max_annotations
                ))
            );
        }
        Ok(out.into_bytes())
    }
}

/// One finding as a workflow command at the answers file's line.
fn annotation(doc: &Document<'_>, f: &Finding, level: &str) -> String {
    let r = &doc.run().catalogue.requirements[f.requirement];
    let mut props = format!("file={}", property(doc.run().answers_uri));
    if let Some(pos) = f.pos {
        let _ = write!(props, ",line={},col={}", pos.line, pos.col.max(1));
    }
    let title = format!(
        "{} {} ({}{})",
        r.id,
        f.rule.code(),
        f.grade().as_str(),
        if f.waived { ", waived" } else { "" }
    );
    let _ = write!(props, ",title={}", property(&title));
    let message = format!(
        "{}: {}. Requirement: {} Action: {}",
        r.id, f.message, r.text, f.action.text
    );
    format!("::{level} {props}::{}\n", data(&message))
}

/// The Markdown appended to `$GITHUB_STEP_SUMMARY`, since a step shows only a few annotations.
pub fn step_summary(doc: &Document<'_>, limit: usize) -> String {
    super::md_doc::document(doc, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_cannot_forge_a_command() {
        assert_eq!(data("a\n::error::x %"), "a%0A::error::x %25");
        assert_eq!(property("a,b:c\r"), "a%2Cb%3Ac");
    }
}
