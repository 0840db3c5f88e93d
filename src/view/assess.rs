//! `assess --format table`: one screen for a consultant: the score, the verdict and what
//! holds it back, the clause scores, the worst gaps with their owners, and the gates.

use std::fmt::Write as _;

use comfy_table::{Cell, Color};

use super::Run;
use super::style::{self, bold, colored, one_line, sanitize};
use crate::assess::gates::format_pct;
use crate::assess::{Grade, Verdict};
use crate::output::Term;

/// Renders the table view; `limit` caps the gap rows (0 shows all).
pub fn render(run: &Run<'_>, term: &Term, limit: usize) -> String {
    let mut out = String::new();
    // The verdict and what holds it back read together, before the detail behind them.
    header(run, term, &mut out);
    reasons(run, term, &mut out);
    clauses(run, term, &mut out);
    gaps(run, term, limit, &mut out);
    gates(run, term, &mut out);
    out
}

fn header(run: &Run<'_>, term: &Term, out: &mut String) {
    let a = run.assessment;
    let meta = &run.file.meta;
    let title = format!(
        "{} gap assessment: {}",
        sanitize(&crate::view::rows::short_title(&run.catalogue.title)),
        one_line(&meta.organization)
    );
    let _ = writeln!(out, "{}", bold(term, &title));
    let mut line = format!("As of {}", a.settings.as_of);
    if let Some(clause) = &a.settings.clause {
        let title = run
            .catalogue
            .clause(clause)
            .map_or("", |c| c.title.as_str());
        let _ = write!(line, " | clause {clause} {title} only");
    }
    if let Some(assessor) = &meta.assessor {
        let _ = write!(line, " | assessor {}", one_line(assessor));
    }
    out.push_str(&style::wrap(&line, usize::from(term.width), ""));
    if let Some(scope) = &meta.scope {
        out.push_str(&style::wrap(
            &format!("Scope: {}", one_line(scope)),
            usize::from(term.width),
            "",
        ));
    }
    out.push('\n');
    let score = match a.score {
        Some(s) => format!("{}%", format_pct(s)),
        None => "n/a".into(),
    };
    let score_text = paint(term, &format!("{score:>6}"), score_color(a.score));
    let _ = writeln!(out, "  Score     {score_text}  {}", bar(a.score, 24));
    if let Some(m) = a.maturity {
        let _ = writeln!(out, "  Maturity  {m:>5.1}  mean of the levels given, 0-5");
    }
    let verdict = format!(
        "{}: {}",
        a.verdict.label().to_uppercase(),
        a.verdict.meaning()
    );
    let verdict_color = match a.verdict {
        Verdict::Stage2Ready => Color::Green,
        Verdict::Stage1Ready => Color::Yellow,
        Verdict::NotReady => Color::Red,
    };
    let whole = if a.settings.clause.is_some() {
        " (whole system)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  Verdict   {}{whole}",
        paint(term, &verdict, verdict_color)
    );
    let _ = writeln!(out, "  Findings  {}", a.finding_counts);
    let counts = a.counts.text();
    let _ = writeln!(
        out,
        "  Met       {}\n",
        counts.strip_prefix("met ").unwrap_or(&counts)
    );
}

fn clauses(run: &Run<'_>, term: &Term, out: &mut String) {
    let a = run.assessment;
    let top_depth = a
        .clauses
        .iter()
        .map(|c| run.catalogue.clauses[c.index].depth)
        .min()
        .unwrap_or(0);
    // The scope clause and its children when assessing one clause; clauses 4-10 otherwise.
    let shown_depth = if a.settings.clause.is_some() {
        top_depth + 1
    } else {
        top_depth
    };
    let headers: &[&str] = if a.maturity.is_some() {
        &["Clause", "Title", "Score", "", "Met", "Maturity"]
    } else {
        &["Clause", "Title", "Score", "", "Met"]
    };
    let mut table = style::table(term, headers);
    for c in &a.clauses {
        let clause = &run.catalogue.clauses[c.index];
        if clause.depth > shown_depth {
            continue;
        }
        let indent = "  ".repeat(clause.depth - top_depth);
        let score = c
            .score
            .map_or("n/a".to_string(), |s| format!("{}%", format_pct(s)));
        let mut row = vec![
            Cell::new(format!("{indent}{}", clause.id)),
            Cell::new(sanitize(&clause.title)),
            colored(term, &score, score_color(c.score))
                .set_alignment(comfy_table::CellAlignment::Right),
            Cell::new(bar(c.score, 12)),
            Cell::new(c.counts.short()).set_alignment(comfy_table::CellAlignment::Right),
        ];
        if a.maturity.is_some() {
            row.push(
                Cell::new(c.maturity.map_or_else(|| "-".into(), |m| format!("{m:.1}")))
                    .set_alignment(comfy_table::CellAlignment::Right),
            );
        }
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}\n");
}

fn gaps(run: &Run<'_>, term: &Term, limit: usize, out: &mut String) {
    let rows = crate::view::rows::gaps(run);
    if rows.is_empty() {
        let message = "No gaps: every requirement in scope is met with evidence.";
        let _ = writeln!(out, "{}\n", bold(term, message));
        return;
    }
    let total = rows.len();
    let shown = if limit == 0 { total } else { limit.min(total) };
    let heading = if shown < total {
        format!("Gaps: the worst {shown} of {total} (--limit 0 shows all)")
    } else {
        format!("Gaps: {total}")
    };
    let _ = writeln!(out, "{}", bold(term, &heading));
    let picked = &rows[..shown];
    let width = usize::from(term.width);
    let widest = |f: &dyn Fn(&crate::view::rows::GapRow<'_>) -> usize| {
        picked.iter().map(f).max().unwrap_or(0)
    };
    let id_w = widest(&|g| g.id.chars().count()).max(2);
    let rule_w = widest(&|g| g.rule.len()).max(7);
    let grade_w = widest(&|g| g.grade.as_str().len() + if g.waived { 4 } else { 0 }).max(5);
    let owner_w = widest(&|g| g.owner.chars().count()).clamp(5, if width >= 100 { 20 } else { 14 });
    // Five columns take three characters of border and padding each, plus the right edge.
    let text_width = width
        .saturating_sub(id_w + rule_w + grade_w + owner_w + 16)
        .max(16);
    // A wide terminal gets one line per gap; a narrow one two, so the text stays readable.
    let lines = if text_width >= 40 { 1 } else { 2 };
    let mut table = style::table(term, &["ID", "Requirement", "Finding", "Grade", "Owner"]);
    for g in picked {
        let grade_text = if g.waived {
            format!("{} (w)", g.grade.as_str())
        } else {
            g.grade.as_str().to_string()
        };
        table.add_row(vec![
            Cell::new(g.id),
            Cell::new(clip(&sanitize(g.requirement), text_width, lines)),
            Cell::new(g.rule),
            colored(term, &grade_text, grade_color(g.grade)),
            Cell::new(truncate(&sanitize(g.owner), owner_w)),
        ]);
    }
    let _ = writeln!(out, "{table}");
    if picked.iter().any(|g| g.waived) {
        let _ = writeln!(
            out,
            "(w) waived: shown and planned, but no gate fails on it"
        );
    }
    out.push('\n');
}

fn reasons(run: &Run<'_>, term: &Term, out: &mut String) {
    let a = run.assessment;
    if a.reasons.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", bold(term, "What holds the verdict back"));
    let width = usize::from(term.width);
    for reason in &a.reasons {
        let ids = list_ids(&reason.requirements, 8);
        let text = format!("stage {}: {}: {ids}", reason.stage, reason.message);
        out.push_str(&style::hanging(&text, width, "  - ", "    "));
    }
    out.push('\n');
}

fn gates(run: &Run<'_>, term: &Term, out: &mut String) {
    if run.gates.is_empty() {
        out.push_str(&style::wrap(
            "No gates set: add --fail-under, --fail-on, --require or --policy to fail a CI job.",
            usize::from(term.width),
            "",
        ));
        return;
    }
    let _ = writeln!(out, "{}", bold(term, "Gates"));
    let width = usize::from(term.width);
    for g in run.gates {
        let mark = if g.passed {
            paint(term, "PASS", Color::Green)
        } else {
            paint(term, "FAIL", Color::Red)
        };
        let mut text = format!("{} {}: {}", g.gate, g.target, g.detail);
        if !g.passed && !g.requirements.is_empty() {
            let _ = write!(text, ": {}", list_ids(&g.requirements, 8));
        }
        out.push_str(&style::hanging(
            &text,
            width,
            &format!("  {mark} "),
            "       ",
        ));
    }
    let failed = run.gates.iter().filter(|g| !g.passed).count();
    let _ = writeln!(
        out,
        "{}",
        if failed == 0 {
            format!(
                "All {} gate{} passed.",
                run.gates.len(),
                if run.gates.len() == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{failed} of {} gate{} failed.",
                run.gates.len(),
                if run.gates.len() == 1 { "" } else { "s" }
            )
        }
    );
}

/// Up to `max` ids, then "and N more".
fn list_ids(ids: &[String], max: usize) -> String {
    if ids.len() <= max {
        ids.join(", ")
    } else {
        format!("{} and {} more", ids[..max].join(", "), ids.len() - max)
    }
}

/// Wraps `text` to `width` columns and keeps at most `lines` lines, marking a cut with `…`,
/// so the table never has to wrap it again.
fn clip(text: &str, width: usize, lines: usize) -> String {
    let wrapped = style::wrap(text, width, "");
    let all: Vec<&str> = wrapped.lines().collect();
    if all.len() <= lines {
        return all.join("\n");
    }
    let mut kept: Vec<String> = all[..lines].iter().map(|l| l.to_string()).collect();
    if let Some(last) = kept.last_mut() {
        *last = truncate(&format!("{last} …"), width);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    kept.join("\n")
}

/// Cuts `text` to `max` characters, marking the cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut = cut.trim_end().to_string();
    cut.push('…');
    cut
}

/// A bar of `width` cells for a percentage.
fn bar(score: Option<f64>, width: usize) -> String {
    let Some(score) = score else {
        return String::new();
    };
    let filled = ((score / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

fn score_color(score: Option<f64>) -> Color {
    match score {
        Some(s) if s >= 80.0 => Color::Green,
        Some(s) if s >= 50.0 => Color::Yellow,
        _ => Color::Red,
    }
}

fn grade_color(grade: Grade) -> Color {
    match grade {
        Grade::Major => Color::Red,
        Grade::Minor => Color::Yellow,
        Grade::Observation => Color::Cyan,
    }
}

fn paint(term: &Term, text: &str, color: Color) -> String {
    if !term.color {
        return text.to_string();
    }
    let code = match color {
        Color::Red => "31",
        Color::Green => "32",
        Color::Yellow => "33",
        Color::Cyan => "36",
        _ => "0",
    };
    format!("\x1b[1;{code}m{text}\x1b[0m")
}
