//! GitHub Actions workflow commands: one annotation per finding on the answers file's line.
//!
//! Everything from a file is escaped as the runner expects (`%`, CR and LF in messages, and
//! also `:` and `,` in properties), so a note cannot end its annotation early and forge
//! another command.

use std::fmt::Write as _;

use anyhow::Result;

use super::{Document, Reporter};
use crate::assess::Grade;

/// The GitHub reporter.
pub struct Github;

impl Reporter for Github {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let run = &doc.run;
        let mut out = String::new();
        // A step shows only its first few annotations: what failed the build and the summary
        // come first, then the findings, worst first.
        for g in run.gates.iter().filter(|g| !g.passed) {
            let title = format!("gate {} {} failed", g.gate, g.target);
            let _ = writeln!(
                out,
                "::error title={}::{}",
                property(&title),
                data(&g.detail)
            );
        }
        let summary = format!(
            "{}: score {}, verdict {}, {}",
            run.file.meta.organization,
            super::rows::score_text(run),
            run.assessment.verdict.as_str(),
            super::rows::finding_counts(run)
        );
        let _ = writeln!(out, "::notice title=iso20k::{}", data(&summary));
        let mut findings: Vec<_> = run.assessment.findings.iter().collect();
        findings.sort_by_key(|f| (f.waived, std::cmp::Reverse(f.grade()), f.requirement));
        for f in findings {
            let r = &run.catalogue.requirements[f.requirement];
            let level = match (f.waived, f.grade()) {
                (true, _) | (false, Grade::Observation) => "notice",
                (false, Grade::Minor) => "warning",
                (false, Grade::Major) => "error",
            };
            let mut props = format!("file={}", property(doc.answers_uri));
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
            let message = format!("{}: {}. Requirement: {}", r.id, f.message, r.text);
            let _ = writeln!(out, "::{level} {props}::{}", data(&message));
        }
        Ok(out.into_bytes())
    }
}

/// The Markdown appended to `$GITHUB_STEP_SUMMARY`, since a step shows only a few annotations.
pub fn step_summary(doc: &Document<'_>) -> String {
    super::markdown::render(doc)
}

/// Escapes a message.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_cannot_forge_a_command() {
        assert_eq!(data("a\n::error::x %"), "a%0A::error::x %25");
        assert_eq!(property("a,b:c\r"), "a%2Cb%3Ac%0D");
    }
}
