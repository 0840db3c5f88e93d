//! The assessment's sections of the deliverable: the executive summary, clause scores,
//! gaps, findings, evidence, gates and the appendix of ids behind the verdict.

use super::markup::{Bar, Block, Chart, Column, Inline, Table, col, h, num, text};
use crate::view::Run;
use crate::view::catalogue::format_days;
use crate::view::rows;
use crate::view::summary::{self, Blocker, ClauseFigure, Summary};

pub(super) fn executive_summary(s: &Summary<'_>, out: &mut Vec<Block<'_>>) {
    out.push(h(1, "Executive summary"));
    out.push(Block::Paragraph(vec![Inline::Strong(s.sentence.clone())]));
    out.push(Block::Paragraph(text(format!(
        "On the plan in this report the organization is ready for the stage 1 audit on {} and for the stage 2 (certification) audit on {}.{}",
        s.stage_1,
        s.stage_2,
        s.audits
            .iter()
            .map(|sentence| format!(" {sentence}"))
            .collect::<String>()
    ))));
    out.push(h(2, "Ten priorities"));
    if s.priorities.is_empty() {
        out.push(Block::Paragraph(text("Nothing is left to remediate.")));
    } else {
        out.push(Block::Table(Table {
            columns: vec![
                num("#", 3),
                col("Priority", 7),
                col("Work", 18),
                col("Why", 38),
                col("Owner", 14),
                col("By", 10),
            ],
            rows: s
                .priorities
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    vec![
                        (i + 1).to_string(),
                        p.priority.as_str().to_string(),
                        p.title.to_string(),
                        p.why.clone(),
                        p.owner.clone(),
                        p.by.to_string(),
                    ]
                })
                .collect(),
        }));
    }
    out.push(h(2, "Strengths"));
    if s.strengths.is_empty() {
        out.push(Block::Paragraph(text(format!(
            "No clause scores {}% or more yet.",
            summary::STRENGTH_FLOOR
        ))));
    } else {
        out.push(Block::Bullets(
            s.strengths
                .iter()
                .map(|c| {
                    vec![
                        Inline::Strong(format!("{} {}", c.id, c.title)),
                        Inline::Text(format!(
                            " scores {}%.",
                            crate::assess::gates::format_pct(c.value)
                        )),
                    ]
                })
                .collect(),
        ));
    }
    holds_back(2, &s.blockers, out);
}

/// What holds the verdict back, as sentences that point into the appendix.
pub(super) fn holds_back(level: u8, blockers: &[Blocker<'_>], out: &mut Vec<Block<'_>>) {
    out.push(h(level, "What holds the verdict back"));
    if blockers.is_empty() {
        out.push(Block::Paragraph(text(
            "Nothing: every condition of both audit stages is met.",
        )));
    } else {
        out.push(Block::Bullets(
            blockers.iter().map(|b| text(b.sentence.clone())).collect(),
        ));
    }
}

/// How many of `total` rows a table shows under `limit` (0 shows all), and the paragraph
/// that counts the rest.
fn shown(total: usize, limit: usize) -> (usize, Option<Block<'static>>) {
    if limit == 0 || total <= limit {
        return (total, None);
    }
    let more = Block::Paragraph(vec![
        Inline::Text(format!("… and {} more (", total - limit)),
        Inline::Code("--limit 0".into()),
        Inline::Text(" shows all).".into()),
    ]);
    (limit, Some(more))
}

/// The clause score chart and table, and the maturity chart where answers give maturity.
pub(super) fn scores(run: &Run<'_>, maturity: &[ClauseFigure<'_>], out: &mut Vec<Block<'_>>) {
    out.push(h(1, "Clause scores"));
    let bars = rows::clauses(run, 0)
        .iter()
        .map(|c| Bar {
            label: format!("{} {}", c.id, c.title),
            value: c.score.unwrap_or(0.0),
            text: c.score_text(),
        })
        .collect();
    out.push(Block::Chart(Chart::Bars {
        title: "Clause scores",
        max: 100.0,
        bars,
    }));
    // Maturity only where answers give it: an empty column says nothing.
    let with_maturity = run.assessment.maturity.is_some();
    let mut columns = vec![
        col("Clause", 8),
        col("Title", 50),
        num("Score", 10),
        num("Met of applicable", 12),
    ];
    if with_maturity {
        columns.push(num("Maturity", 10));
    }
    out.push(Block::Table(Table {
        columns,
        rows: rows::clauses(run, 1)
            .iter()
            .map(|c| {
                let mut row = vec![
                    c.id.to_string(),
                    c.title.to_string(),
                    c.score_text(),
                    c.counts.short(),
                ];
                if with_maturity {
                    row.push(c.maturity_text());
                }
                row
            })
            .collect(),
    }));
    if !maturity.is_empty() {
        out.push(h(2, "Maturity"));
        out.push(Block::Paragraph(text(
            "Mean maturity (0 to 5) per clause, over the answers that give one.",
        )));
        out.push(Block::Chart(Chart::Bars {
            title: "Maturity",
            max: 5.0,
            bars: maturity
                .iter()
                .map(|m| Bar {
                    label: format!("{} {}", m.id, m.title),
                    value: m.value,
                    text: format!("{:.1}", m.value),
                })
                .collect(),
        }));
    }
}

/// The gap register, worst first, at most `limit` rows (0 shows all).
pub(super) fn gaps(run: &Run<'_>, limit: usize, out: &mut Vec<Block<'_>>) {
    let gaps = rows::gaps(run);
    out.push(h(1, format!("Gap register ({})", gaps.len())));
    if gaps.is_empty() {
        out.push(Block::Paragraph(text(
            "No gaps: every requirement in scope is met with evidence.",
        )));
        return;
    }
    let (shown, more) = shown(gaps.len(), limit);
    out.push(Block::Table(Table {
        columns: vec![
            col("ID", 8),
            col("Requirement", 42),
            col("Status", 12),
            col("Grade", 10),
            col("Owner", 12),
            col("Target", 10),
            col("Notes", 26),
        ],
        rows: gaps[..shown]
            .iter()
            .map(|g| {
                vec![
                    g.id.to_string(),
                    g.requirement.to_string(),
                    g.status.to_string(),
                    format!(
                        "{}{}",
                        g.grade.as_str(),
                        if g.waived { " (waived)" } else { "" }
                    ),
                    g.owner.to_string(),
                    g.target.clone().unwrap_or_default(),
                    g.notes.to_string(),
                ]
            })
            .collect(),
    }));
    out.extend(more);
}

/// Every finding in catalogue order, at most `limit` rows (0 shows all).
pub(super) fn findings(run: &Run<'_>, limit: usize, out: &mut Vec<Block<'_>>) {
    let a = run.assessment;
    out.push(h(1, format!("Findings ({})", a.findings.len())));
    out.push(Block::Paragraph(text(format!(
        "By grade: {}.",
        a.finding_counts
    ))));
    if a.findings.is_empty() {
        return;
    }
    let (shown, more) = shown(a.findings.len(), limit);
    out.push(Block::Table(Table {
        columns: vec![
            col("Requirement", 12),
            col("Rule", 14),
            col("Grade", 9),
            col("Finding", 24),
            col("Remediation", 30),
            num("Days", 6),
            num("Line", 5),
        ],
        rows: a.findings[..shown]
            .iter()
            .map(|f| {
                vec![
                    run.catalogue.requirements[f.requirement].id.clone(),
                    f.rule.code().to_string(),
                    format!(
                        "{}{}",
                        f.grade().as_str(),
                        if f.waived { " (waived)" } else { "" }
                    ),
                    f.message.clone(),
                    f.action.text.clone(),
                    format_days(f.action.effort_days),
                    f.pos.map(|p| p.line.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    }));
    out.extend(more);
}

/// Every piece of evidence in scope, with its review date and what it supports.
pub(super) fn evidence(run: &Run<'_>, out: &mut Vec<Block<'_>>) {
    let rows = rows::evidence(run);
    out.push(h(1, format!("Evidence ({})", rows.len())));
    let cells = rows
        .iter()
        .map(|e| {
            vec![
                e.evidence.to_string(),
                e.reviewed.clone().unwrap_or_default(),
                e.requirements.join(", "),
            ]
        })
        .collect();
    let columns = vec![
        col("Evidence", 40),
        col("Reviewed", 12),
        col("Supports", 48),
    ];
    table_or(out, "No evidence is listed.", columns, cells);
}

/// Each gate the run set, with its outcome.
pub(super) fn gates(run: &Run<'_>, out: &mut Vec<Block<'_>>) {
    out.push(h(1, "Gates"));
    let cells = run
        .gates
        .iter()
        .map(|g| {
            vec![
                g.gate.to_string(),
                g.target.clone(),
                if g.passed { "passed" } else { "failed" }.to_string(),
                g.detail.clone(),
            ]
        })
        .collect();
    let columns = vec![
        col("Gate", 16),
        col("Target", 16),
        col("Result", 10),
        col("Detail", 58),
    ];
    table_or(out, "No gates were set.", columns, cells);
}

/// A table, or the sentence `empty` when it has no rows.
fn table_or(out: &mut Vec<Block<'_>>, empty: &str, columns: Vec<Column>, rows: Vec<Vec<String>>) {
    out.push(if rows.is_empty() {
        Block::Paragraph(text(empty))
    } else {
        Block::Table(Table { columns, rows })
    });
}

/// The requirement ids behind each sentence of what holds the verdict back.
/// At most `limit` ids each (0 shows all), the rest counted.
pub(super) fn appendix(blockers: &[Blocker<'_>], limit: usize, out: &mut Vec<Block<'_>>) {
    if blockers.is_empty() {
        return;
    }
    out.push(h(1, "Appendix: requirements behind the verdict"));
    for b in blockers {
        out.push(h(
            2,
            format!(
                "{} Stage {}: {} requirement{}",
                b.appendix,
                b.stage,
                b.ids.len(),
                if b.ids.len() == 1 { "" } else { "s" }
            ),
        ));
        let (shown, more) = shown(b.ids.len(), limit);
        out.push(Block::Paragraph(text(b.ids[..shown].join(", "))));
        out.extend(more);
    }
}
