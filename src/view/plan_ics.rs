//! `plan --format ics`: the plan as an iCalendar file, for any calendar: an all-day event per
//! work package (its owners and the requirements it closes in the description) and one per
//! milestone and booked audit.
//!
//! Written with the `icalendar` crate. Every UID comes from the organization and the
//! package id and DTSTAMP from the as-of date, so the same inputs give the same bytes and a
//! re-imported plan updates its events instead of duplicating them.

use chrono::{Days, NaiveDate};
use icalendar::{Calendar, Component, DatePerhapsTime, Event, EventLike};

use super::catalogue::format_days;
use super::plan::PlanRun;
use super::style::one_line;

/// Renders the plan as an iCalendar file (CRLF line ends, as RFC 5545 wants).
pub fn render(run: &PlanRun<'_>) -> String {
    let plan = run.plan;
    let organization = one_line(&run.file.meta.organization);
    let stamp = run
        .assessment
        .settings
        .as_of
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let uid = |what: &str| {
        let name = format!("{organization}\u{1f}{what}");
        format!(
            "{}@iso20k",
            uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes())
        )
    };
    let mut calendar = Calendar::new();
    calendar.name(&format!("Remediation plan: {organization}"));
    for p in &plan.packages {
        let closes = crate::view::rows::closes(run.catalogue, plan, p);
        let owners: Vec<String> = p.owners.iter().map(|o| one_line(o)).collect();
        let mut description = vec![
            format!("Owners: {}", owners.join(", ")),
            format!("Closes: {}", closes.join(", ")),
            format!(
                "Effort: {} person-days, priority {}, worst finding {}",
                format_days(p.effort_days),
                p.priority.as_str(),
                p.grade.as_str()
            ),
        ];
        if !p.depends_on.is_empty() {
            description.push(format!("After: {}", p.depends_on.join(", ")));
        }
        if p.critical {
            description
                .push("On the critical path: a day late here is a day late for stage 2.".into());
        }
        if p.waived {
            description.push("Waived: planned, not gating.".into());
        }
        let summary = format!(
            "{} {} ({}){}",
            p.id,
            one_line(&p.title),
            owners.join(", "),
            if p.critical { " [critical]" } else { "" }
        );
        calendar.push(day_event(
            &summary,
            &description.join("\n"),
            p.start,
            p.end,
            &uid(&p.id),
            stamp,
        ));
    }
    let m = &plan.milestones;
    let mut milestones = vec![
        (
            "Stage 1 ready",
            m.stage_1_ready,
            "Documents in place; internal audit and management review under way.".to_string(),
        ),
        (
            "Stage 2 ready",
            m.stage_2_ready,
            format!(
                "Every gap closed, a {}-day operating period ({} to {}) and one more internal audit and management review.",
                plan.settings.operating_period, m.operating_from, m.operating_until
            ),
        ),
    ];
    for a in &plan.audits {
        let verdict = if a.reachable {
            format!("Reachable: the plan is ready on {}.", a.ready)
        } else {
            format!(
                "Not reachable at today's capacity: the plan is ready on {}.",
                a.ready
            )
        };
        milestones.push((
            match a.stage {
                crate::plan::Stage::One => "Stage 1 audit (booked)",
                crate::plan::Stage::Two => "Stage 2 audit (booked)",
            },
            a.date,
            verdict,
        ));
    }
    for (name, date, text) in milestones {
        calendar.push(day_event(name, &text, date, date, &uid(name), stamp));
    }
    calendar.done().to_string()
}

fn day_event(
    summary: &str,
    description: &str,
    first: NaiveDate,
    last: NaiveDate,
    uid: &str,
    stamp: chrono::DateTime<chrono::Utc>,
) -> Event {
    // An all-day event ends on the day after its last day.
    let after = last.checked_add_days(Days::new(1)).unwrap_or(last);
    Event::new()
        .uid(uid)
        .timestamp(stamp)
        .summary(summary)
        .description(description)
        .starts(DatePerhapsTime::Date(first))
        .ends(DatePerhapsTime::Date(after))
        .done()
}
