//! Chart layout on the examples' real plans: no label runs off its figure and no two labels
//! on one line overlap, at the schedule's widest and narrowest spans.

use super::chart::{Figure, Item, figures};
use super::markup::Chart;

/// The measured extent of each text item: (baseline, left, right).
fn extents(fig: &Figure) -> Vec<(f64, f64, f64, String)> {
    fig.items
        .iter()
        .filter_map(|item| match item {
            Item::Text {
                x, y, text, anchor, ..
            } => {
                let w = text.chars().count() as f64 * 6.8;
                let left = match *anchor {
                    "end" => x - w,
                    "middle" => x - w / 2.0,
                    _ => *x,
                };
                Some((*y, left, left + w, text.clone()))
            }
            _ => None,
        })
        .collect()
}

fn assert_tidy(fig: &Figure) {
    let texts = extents(fig);
    for (y, left, right, text) in &texts {
        assert!(
            *left >= -0.5 && *right <= fig.width + 0.5 && *y <= fig.height,
            "{text:?} is clipped in {} ({left:.0}..{right:.0} of {})",
            fig.title,
            fig.width
        );
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let same_line = (a.0 - b.0).abs() < 10.0;
            assert!(
                !(same_line && a.1 < b.2 && b.1 < a.2),
                "{:?} and {:?} collide in {}",
                a.3,
                b.3,
                fig.title
            );
        }
    }
}

fn plan_of(text: &str, capacity: f64) -> crate::plan::Plan {
    crate::view::summary::tests::evaluated(text, capacity).1
}

#[test]
fn gantt_labels_never_collide_or_clip() {
    for (text, capacity) in [
        (include_str!("../../examples/msp-halfway.yaml"), 5.0),
        (include_str!("../../examples/first-day.yaml"), 1.0),
        (include_str!("../../examples/first-day.yaml"), 40.0),
    ] {
        let plan = plan_of(text, capacity);
        let figs = figures(&Chart::Gantt(&plan));
        assert!(!figs.is_empty());
        figs.iter().for_each(assert_tidy);
    }
}

#[test]
#[should_panic(expected = "collide")]
fn the_check_sees_two_labels_that_meet() {
    let text = |x: f64| Item::Text {
        x,
        y: 12.0,
        text: "Feb 2027".into(),
        anchor: "start",
        bold: false,
    };
    assert_tidy(&Figure {
        title: "t".into(),
        width: 200.0,
        height: 20.0,
        items: vec![text(10.0), text(50.0)],
    });
}
