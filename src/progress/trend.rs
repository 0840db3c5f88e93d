//! An answers file's history: one point per commit that changed it, each assessed at its own
//! date, shown as sparklines, CSV, JSON `points[]` or an HTML page with an SVG chart.

use std::fmt::Write as _;

use serde::Serialize;

use super::diff::pct;
use crate::output::Term;
use crate::view::escape::html as esc;
use crate::view::style::{self, one_line, sanitize};

/// One commit's assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The full commit id.
    pub commit: String,
    /// The assessment's as-of date (its `assessment.date`, else the commit's date).
    pub date: String,
    /// The commit's date.
    pub commit_date: String,
    pub subject: String,
    pub score: Option<f64>,
    pub verdict: String,
    /// Every clause's score, in document order.
    pub clauses: Vec<ClausePoint>,
}

/// A clause's score at one point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClausePoint {
    pub id: String,
    pub score: Option<f64>,
}

/// The history of one answers file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub answers_file: String,
    /// Clause ids and titles, in document order, with their depth (0 for 4 to 10).
    #[serde(skip)]
    pub clauses: Vec<(String, String, usize)>,
    /// Oldest first.
    pub points: Vec<Point>,
}

/// Columns the rest of the clause table takes (id, title, first, last, borders): the
/// sparkline gets what is left of the terminal's width.
const SPARK_ROOM: usize = 72;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per point on an absolute 0-100 scale (so a flat 50% sits mid-height, not at
/// the bottom); a space where nothing was scored.
pub fn sparkline(scores: impl IntoIterator<Item = Option<f64>>) -> String {
    scores
        .into_iter()
        .map(|s| match s {
            None => ' ',
            Some(s) => {
                let i = ((s.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize;
                BARS[i.min(7)]
            }
        })
        .collect()
}

impl Trend {
    /// The clause's score at each point. Every point lists the catalogue's clauses in the
    /// same order, so the clause sits at its catalogue position (checked, not assumed).
    fn clause_scores<'a>(&'a self, id: &'a str) -> impl Iterator<Item = Option<f64>> + 'a {
        let at = self.clauses.iter().position(|c| c.0 == id);
        self.points.iter().map(move |p| {
            at.and_then(|i| p.clauses.get(i))
                .filter(|c| c.id == id)
                .and_then(|c| c.score)
        })
    }

    fn top_clauses(&self) -> impl Iterator<Item = &(String, String, usize)> {
        self.clauses.iter().filter(|c| c.2 == 0)
    }
}

/// `trend --format table`: the commits, then a sparkline per top-level clause.
pub fn table(trend: &Trend, term: &Term) -> String {
    let first = trend.points.first().map_or("", |p| p.date.as_str());
    let last = trend.points.last().map_or("", |p| p.date.as_str());
    let mut out = format!(
        "{}: {} changed it, {first} to {last}\n\n",
        one_line(&trend.answers_file),
        style::count(trend.points.len(), "commit"),
    );
    let mut t = style::table(term, &["Date", "Commit", "Score", "Verdict", "Message"]);
    for p in &trend.points {
        t.add_row(vec![
            p.date.clone(),
            super::git::short(&p.commit).to_string(),
            pct(p.score),
            p.verdict.clone(),
            one_line(&p.subject),
        ]);
    }
    let _ = writeln!(out, "{t}\n");
    // A sparkline wider than a terminal column wraps into noise: it shows the latest points.
    let shown = trend
        .points
        .len()
        .min(usize::from(term.width).saturating_sub(SPARK_ROOM).max(8));
    let heading = if shown < trend.points.len() {
        format!("Trend (last {shown})")
    } else {
        "Trend".to_string()
    };
    let mut t = style::table(term, &["Clause", "Title", &heading, "First", "Last"]);
    let mut row = |id: &str, title: &str, scores: Vec<Option<f64>>| {
        t.add_row(vec![
            id.to_string(),
            one_line(title),
            sparkline(scores[scores.len() - shown..].iter().copied()),
            pct(scores.first().copied().flatten()),
            pct(scores.last().copied().flatten()),
        ]);
    };
    row(
        "all",
        "Overall",
        trend.points.iter().map(|p| p.score).collect(),
    );
    for (id, title, _) in trend.top_clauses() {
        row(id, title, trend.clause_scores(id).collect());
    }
    let _ = writeln!(out, "{t}");
    out
}

/// `trend --format json`.
pub fn json(trend: &Trend) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema_version: u32,
        #[serde(flatten)]
        trend: &'a Trend,
    }
    let mut out = serde_json::to_string_pretty(&Doc {
        schema_version: 1,
        trend,
    })
    .unwrap_or_default();
    out.push('\n');
    out
}

/// `trend --format csv`: one row per commit, one column per clause.
pub fn csv(trend: &Trend) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["commit", "date", "commit_date", "score", "verdict"];
    header.extend(trend.clauses.iter().map(|c| c.0.as_str()));
    w.write_record(&header)?;
    let num = |s: Option<f64>| s.map_or_else(String::new, |s| format!("{s:.1}"));
    for p in &trend.points {
        let mut row = vec![
            p.commit.clone(),
            p.date.clone(),
            p.commit_date.clone(),
            num(p.score),
            p.verdict.clone(),
        ];
        row.extend(trend.clauses.iter().enumerate().map(|(i, (id, _, _))| {
            num(p
                .clauses
                .get(i)
                .filter(|c| &c.id == id)
                .and_then(|c| c.score))
        }));
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

const COLORS: [&str; 8] = [
    "#1d2733", "#1e78b4", "#ef8f00", "#2e7d32", "#c62828", "#7b1fa2", "#00838f", "#6d4c41",
];

/// `trend --format html`: a page with an SVG line chart (overall and each top-level clause)
/// and the table of commits.
pub fn html(trend: &Trend) -> String {
    let (w, h, left, top, bottom) = (720.0_f64, 320.0_f64, 40.0, 10.0, 30.0);
    let n = trend.points.len();
    let x = |i: usize| {
        if n <= 1 {
            left + (w - left - 10.0) / 2.0
        } else {
            left + (w - left - 10.0) * i as f64 / (n - 1) as f64
        }
    };
    let y = |s: f64| top + (h - top - bottom) * (1.0 - s / 100.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"Scores over time\">\n"
    );
    for pct in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = writeln!(
            svg,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d9dee5\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{pct}%</text>",
            w - 10.0,
            y(pct),
            y(pct),
            left - 4.0,
            y(pct) + 3.0
        );
    }
    let mut series: Vec<(String, Vec<Option<f64>>)> = vec![(
        "Overall".into(),
        trend.points.iter().map(|p| p.score).collect(),
    )];
    for (id, _, _) in trend.top_clauses() {
        series.push((format!("Clause {id}"), trend.clause_scores(id).collect()));
    }
    let mut legend = String::new();
    for (k, (name, scores)) in series.iter().enumerate() {
        let color = COLORS[k % COLORS.len()];
        let points: Vec<String> = scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| format!("{:.1},{:.1}", x(i), y(s))))
            .collect();
        let width = if k == 0 { 3 } else { 1 };
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"{width}\" points=\"{}\"><title>{}</title></polyline>",
            points.join(" "),
            esc(name)
        );
        let _ = write!(
            legend,
            "<span style=\"color:{color}\">━ {}</span> ",
            esc(name)
        );
    }
    for (i, p) in trend.points.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>",
            x(i),
            h - 10.0,
            esc(&p.date)
        );
    }
    svg.push_str("</svg>\n");
    let mut rows = String::new();
    for p in &trend.points {
        let _ = writeln!(
            rows,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.date),
            esc(super::git::short(&p.commit)),
            pct(p.score),
            esc(&p.verdict),
            esc(&sanitize(&p.subject))
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>Assessment trend</title>\n<style>body{{font:14px/1.45 sans-serif;color:#1d2733;margin:2em}}table{{border-collapse:collapse}}th,td{{border:1px solid #d9dee5;padding:.25em .6em;text-align:left}}</style>\n</head>\n<body>\n<h1>Assessment trend: {}</h1>\n<figure>\n{svg}<figcaption>{legend}</figcaption>\n</figure>\n<table>\n<thead><tr><th>Date</th><th>Commit</th><th>Score</th><th>Verdict</th><th>Message</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n</body>\n</html>\n",
        esc(&sanitize(&trend.answers_file))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_use_a_fixed_scale() {
        assert_eq!(
            sparkline([Some(0.0), Some(50.0), None, Some(100.0)]),
            "▁▅ █"
        );
        assert_eq!(
            sparkline([Some(30.0), Some(30.0)]),
            "▃▃",
            "flat is not bottom"
        );
    }

    #[test]
    fn a_long_history_shows_its_latest_points_without_wrapping() {
        let point = |i: usize| Point {
            commit: format!("{i:040}"),
            date: "2026-01-01".into(),
            commit_date: "2026-01-01".into(),
            subject: String::new(),
            score: Some(if i == 49 { 100.0 } else { 0.0 }),
            verdict: "not-ready".into(),
            clauses: vec![],
        };
        let trend = Trend {
            answers_file: "a.yaml".into(),
            clauses: vec![],
            points: (0..50).map(point).collect(),
        };
        let text = table(&trend, &Term::plain());
        assert!(text.contains("Trend (last 28)"), "{text}");
        let overall = text
            .lines()
            .find(|l| l.contains("Overall"))
            .unwrap_or_default();
        assert!(overall.contains(&format!("{}█", "▁".repeat(27))), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 100));
    }
}
