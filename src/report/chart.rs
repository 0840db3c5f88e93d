//! Charts as geometry: rectangles, axis-parallel lines and text, laid out once and drawn as
//! SVG (HTML, and DOCX for Word) or as a PNG without its text (DOCX's fallback image).
//!
//! Layout rules that printing taught us: labels are measured (an average glyph width) and
//! cut or thinned so they never overlap or run off the edge; colours differ in lightness
//! as well as hue and every bar carries its value in words, so a greyscale print still reads.

use chrono::{Datelike, NaiveDate};

use super::markup::{Bar, Chart};
use crate::plan::{Plan, Priority};

/// One drawing primitive, in the figure's own units (pixels at 96 dpi).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &'static str,
        /// A dark outline, so pale fills stay visible on white and in greyscale.
        outline: bool,
    },
    /// A vertical or horizontal line.
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: &'static str,
        dashed: bool,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        /// `start`, `middle` or `end`.
        anchor: &'static str,
        bold: bool,
    },
}

/// A chart ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub items: Vec<Item>,
}

/// Font size of chart text, and the average advance of a glyph at that size (a little
/// generous for sans-serif), used to keep labels apart.
pub const FONT: f64 = 12.0;
const GLYPH: f64 = 6.8;

/// Packages per Gantt figure: one figure fills about one portrait page.
const GANTT_ROWS: usize = 48;

const INK: &str = "#1d2733";
const GRID: &str = "#c9d0d9";

/// `text` cut with an ellipsis to fit `width` units.
pub fn fit(text: &str, width: f64) -> String {
    let max = (width / GLYPH).floor().max(1.0) as usize;
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The figures of a chart (a long Gantt chart is cut into pages).
pub fn figures(chart: &Chart<'_>) -> Vec<Figure> {
    match chart {
        Chart::Bars { title, max, bars } => vec![bars_figure(title, *max, bars)],
        Chart::Gantt(plan) => gantt(plan),
    }
}

fn bars_figure(title: &str, max: f64, bars: &[Bar]) -> Figure {
    let (label_w, bar_w, row_h, value_w) = (300.0, 330.0, 24.0, 110.0);
    let axis = row_h * bars.len() as f64;
    let height = axis + 24.0;
    let mut items = Vec::new();
    let ticks: Vec<f64> = (0..=4).map(|i| max * f64::from(i) / 4.0).collect();
    for tick in ticks {
        let x = label_w + bar_w * tick / max;
        items.push(Item::Line {
            x1: x,
            y1: 0.0,
            x2: x,
            y2: axis,
            stroke: GRID,
            dashed: false,
        });
        let label = if max == 100.0 {
            format!("{tick}%")
        } else {
            format!("{tick}")
        };
        items.push(Item::Text {
            x,
            y: axis + 16.0,
            text: label,
            anchor: "middle",
            bold: false,
        });
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f64 * row_h;
        let share = (bar.value / max).clamp(0.0, 1.0);
        // Lightness carries the band as well as hue: dark for weak, light for strong.
        let fill = if share >= 0.8 {
            "#8fcf95"
        } else if share >= 0.5 {
            "#f0a640"
        } else {
            "#a3261f"
        };
        items.push(Item::Text {
            x: label_w - 8.0,
            y: y + 16.0,
            text: fit(&bar.label, label_w - 12.0),
            anchor: "end",
            bold: false,
        });
        items.push(Item::Rect {
            x: label_w,
            y: y + 5.0,
            w: bar_w * share,
            h: row_h - 10.0,
            fill,
            outline: true,
        });
        items.push(Item::Text {
            x: label_w + bar_w * share + 6.0,
            y: y + 16.0,
            text: fit(&bar.text, value_w),
            anchor: "start",
            bold: false,
        });
    }
    Figure {
        title: title.to_string(),
        width: label_w + bar_w + value_w + 10.0,
        height,
        items,
    }
}

/// Fill of a priority: lightness falls with urgency, so greyscale keeps the order.
pub fn priority_fill(priority: Priority) -> &'static str {
    match priority {
        Priority::P1 => "#7f1d1d",
        Priority::P2 => "#c2410c",
        Priority::P3 => "#f59e0b",
        Priority::P4 => "#bfdbfe",
    }
}

const WAIVED_FILL: &str = "#e5e7eb";
const OPERATING_FILL: &str = "#d9f0dc";

fn gantt(plan: &Plan) -> Vec<Figure> {
    let first = plan
        .packages
        .iter()
        .map(|p| p.start)
        .min()
        .unwrap_or(plan.settings.start);
    let last = plan
        .milestones
        .stage_2_ready
        .max(plan.packages.iter().map(|p| p.end).max().unwrap_or(first));
    let chunks: Vec<_> = plan.packages.chunks(GANTT_ROWS).collect();
    let count = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, packages)| {
            let mut fig = gantt_page(plan, packages, first, last);
            if count > 1 {
                fig.title = format!("Schedule, part {} of {count}", i + 1);
            }
            fig
        })
        .collect()
}

fn gantt_page(
    plan: &Plan,
    packages: &[crate::plan::Package],
    first: NaiveDate,
    last: NaiveDate,
) -> Figure {
    let (label_w, chart_w, row_h) = (260.0, 470.0, 18.0);
    let (months_y, marks_y, top) = (14.0, 32.0, 50.0);
    let span = ((last - first).num_days() + 1).max(1) as f64;
    let x_of = |d: NaiveDate| label_w + chart_w * ((d - first).num_days() as f64) / span;
    let bottom = top + row_h * packages.len() as f64;
    let mut items = Vec::new();
    let m = &plan.milestones;
    if m.operating_until > m.operating_from {
        let (x1, x2) = (x_of(m.operating_from), x_of(m.operating_until));
        items.push(Item::Rect {
            x: x1,
            y: top,
            w: (x2 - x1).max(1.0),
            h: bottom - top,
            fill: OPERATING_FILL,
            outline: false,
        });
    }
    // Month lines, with a label only where it fits after the previous one.
    let mut month = first.with_day(1).unwrap_or(first);
    let mut free_from = label_w;
    while month <= last {
        let x = x_of(month.max(first));
        items.push(Item::Line {
            x1: x,
            y1: top - 4.0,
            x2: x,
            y2: bottom,
            stroke: GRID,
            dashed: false,
        });
        let label = month.format("%b %Y").to_string();
        let width = label.chars().count() as f64 * GLYPH;
        if x + 2.0 >= free_from && x + 2.0 + width <= label_w + chart_w {
            items.push(Item::Text {
                x: x + 2.0,
                y: months_y,
                text: label,
                anchor: "start",
                bold: false,
            });
            free_from = x + 2.0 + width + 8.0;
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last + chrono::Days::new(1));
    }
    for (i, p) in packages.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let label = format!("{} {} {}", p.id, p.priority.as_str(), p.title);
        items.push(Item::Text {
            x: 4.0,
            y: y + 13.0,
            text: fit(&label, label_w - 10.0),
            anchor: "start",
            bold: false,
        });
        let x = x_of(p.start);
        let w = (x_of(p.end) - x).max(0.0) + chart_w / span;
        items.push(Item::Rect {
            x,
            y: y + 3.0,
            w: w.max(2.0),
            h: row_h - 6.0,
            fill: if p.waived {
                WAIVED_FILL
            } else {
                priority_fill(p.priority)
            },
            outline: true,
        });
    }
    // Milestones: a dashed line each, labelled above the rows on the side with room, and
    // on the next line down when the two labels would meet.
    let mut taken: Option<(f64, f64)> = None;
    for (label, date) in [("Stage 1", m.stage_1_ready), ("Stage 2", m.stage_2_ready)] {
        let x = x_of(date);
        items.push(Item::Line {
            x1: x,
            y1: marks_y - 10.0,
            x2: x,
            y2: bottom,
            stroke: INK,
            dashed: true,
        });
        let text = format!("{label} {}", date.format("%-d %b"));
        let width = text.chars().count() as f64 * GLYPH;
        let (x0, anchor, tx) = if x + 3.0 + width <= label_w + chart_w {
            (x + 3.0, "start", x + 3.0)
        } else {
            (x - 3.0 - width, "end", x - 3.0)
        };
        let clash = taken.is_some_and(|(a, b)| x0 < b + 6.0 && x0 + width > a - 6.0);
        items.push(Item::Text {
            x: tx,
            y: if clash { marks_y + 10.0 } else { marks_y - 2.0 },
            text,
            anchor,
            bold: true,
        });
        taken = Some((x0, x0 + width));
    }
    let legend_y = bottom + 18.0;
    let mut x = 4.0;
    let mut legend = |items: &mut Vec<Item>, fill: &'static str, text: &str| {
        items.push(Item::Rect {
            x,
            y: legend_y - 10.0,
            w: 14.0,
            h: 12.0,
            fill,
            outline: true,
        });
        items.push(Item::Text {
            x: x + 18.0,
            y: legend_y,
            text: text.to_string(),
            anchor: "start",
            bold: false,
        });
        x += 18.0 + text.chars().count() as f64 * GLYPH + 14.0;
    };
    for (p, text) in [
        (Priority::P1, "P1 urgent"),
        (Priority::P2, "P2 high"),
        (Priority::P3, "P3 medium"),
        (Priority::P4, "P4 low"),
    ] {
        legend(&mut items, priority_fill(p), text);
    }
    legend(&mut items, WAIVED_FILL, "waived");
    legend(&mut items, OPERATING_FILL, "operating period");
    items.push(Item::Line {
        x1: x,
        y1: legend_y - 11.0,
        x2: x,
        y2: legend_y + 2.0,
        stroke: INK,
        dashed: true,
    });
    items.push(Item::Text {
        x: x + 5.0,
        y: legend_y,
        text: "audit-ready date".into(),
        anchor: "start",
        bold: false,
    });
    Figure {
        title: "Schedule".into(),
        width: label_w + chart_w + 10.0,
        height: legend_y + 8.0,
        items,
    }
}
