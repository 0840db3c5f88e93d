//! The plan's own input files: a team file of owners' capacities (and booked audits), and a
//! holidays file as YYYY-MM-DD lines or an iCalendar file.
//!
//! ```toml
//! stage2_audit = 2027-09-15
//! [owners]
//! "Service Desk Manager" = 2.5
//! "Head of Service Management" = 1
//! ```

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Pos, Report};
use crate::source::fields::{check_keys, expect_map, get, number};
use crate::source::{self, Entry, Node, Syntax, Value};

/// The most person-days a week one owner may be given (a typo guard, like `--capacity`).
pub const MAX_CAPACITY: f64 = 1000.0;

/// The least: a hundredth of a day a week, the precision plans print (less would show as 0
/// and push the dates centuries out).
pub const MIN_CAPACITY: f64 = 0.01;

/// A team file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamFile {
    /// Owners and their weekly capacity, in file order.
    pub owners: Vec<(String, f64)>,
    pub stage_1_audit: Option<NaiveDate>,
    pub stage_2_audit: Option<NaiveDate>,
}

/// Keys that book audits, read the same way in team and policy files.
pub const AUDIT_KEYS: [&str; 2] = ["stage1_audit", "stage2_audit"];

/// Reads the booked audit dates among `entries`, reporting malformed ones.
pub fn audit_dates(
    entries: &[Entry],
    report: &mut Report,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let read = |key: &str, report: &mut Report| {
        let e = get(entries, key)?;
        date(&e.value, key, report)
    };
    (read(AUDIT_KEYS[0], report), read(AUDIT_KEYS[1], report))
}

fn date(node: &Node, key: &str, report: &mut Report) -> Option<NaiveDate> {
    let parsed = match &node.value {
        Value::Str(s) => source::fields::parse_date(s),
        _ => None,
    };
    if parsed.is_none() {
        report.push(
            Diagnostic::error(node.pos, format!("`{key}` must be a date, YYYY-MM-DD"))
                .help(format!("write e.g. `{key} = 2027-09-15`")),
        );
    }
    parsed
}

/// Reads and validates the team file at `path`.
pub fn load_team(path: &str) -> Result<TeamFile, Report> {
    let text = source::read(path)?;
    parse_team(path, &text)
}

/// Validates the team file in `text`.
pub fn parse_team(path: &str, text: &str) -> Result<TeamFile, Report> {
    let (root, mut report) = source::parse_settings(path, text, Syntax::from_path(path))?;
    let mut team = TeamFile::default();
    if root.value != Value::Null
        && let Some(entries) = expect_map(&root, "a team file", &mut report)
    {
        check_keys(
            entries,
            &["owners", AUDIT_KEYS[0], AUDIT_KEYS[1]],
            "the team file",
            &mut report,
        );
        (team.stage_1_audit, team.stage_2_audit) = audit_dates(entries, &mut report);
        if let Some(e) = get(entries, "owners")
            && let Some(owners) = expect_map(&e.value, "`owners`", &mut report)
        {
            for o in owners {
                let name = o.key.trim();
                if name.is_empty() {
                    report.push(Diagnostic::error(o.key_pos, "an owner's name is empty"));
                    continue;
                }
                if let Some(c) = number(&o.value, name, 0.0, MAX_CAPACITY, &mut report) {
                    if c < MIN_CAPACITY {
                        report.push(
                            Diagnostic::error(
                                o.value.pos,
                                format!("the capacity of `{name}` must be at least {MIN_CAPACITY} person-days a week"),
                            )
                            .help("leave an owner out to give them --capacity"),
                        );
                        continue;
                    }
                    team.owners.push((name.to_string(), c));
                }
            }
        }
    }
    report.sort();
    if report.has_errors() {
        Err(report)
    } else {
        Ok(team)
    }
}

/// Reads the holidays file at `path`.
pub fn load_holidays(path: &str) -> Result<Vec<NaiveDate>, Report> {
    let text = source::read(path)?;
    parse_holidays(path, &text)
}

/// Holidays from `text`: an iCalendar file (every all-day event's days), else one
/// YYYY-MM-DD date per line, with `#` comments and blank lines allowed and a name after the
/// date allowed too (`2026-12-25 Christmas Day`).
pub fn parse_holidays(path: &str, text: &str) -> Result<Vec<NaiveDate>, Report> {
    let mut report = Report::new(path, text);
    let body = text.trim_start_matches('\u{feff}');
    let dates = if body.trim_start().starts_with("BEGIN:VCALENDAR") {
        ical_holidays(body, &mut report)
    } else {
        line_holidays(body, &mut report)
    };
    report.sort();
    if report.has_errors() {
        Err(report)
    } else {
        Ok(dates)
    }
}

fn line_holidays(text: &str, report: &mut Report) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or("");
        let trimmed = content.trim_start();
        if trimmed.trim().is_empty() {
            continue;
        }
        let col = (content.len() - trimmed.len()) as u32 + 1;
        let word = trimmed.split_whitespace().next().unwrap_or("");
        match source::fields::parse_date(word) {
            Some(d) => dates.push(d),
            None => report.push(
                Diagnostic::error(Pos::new(i as u32 + 1, col), format!("`{word}` is not a date"))
                    .label("expected YYYY-MM-DD")
                    .help("write one holiday a line, e.g. `2026-12-25 Christmas Day`, or give an iCalendar (.ics) file"),
            ),
        }
    }
    dates
}

fn ical_holidays(text: &str, report: &mut Report) -> Vec<NaiveDate> {
    use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
    let calendar: Calendar = match text.parse() {
        Ok(c) => c,
        Err(e) => {
            report.push(
                Diagnostic::error(Pos::new(1, 1), "cannot read this iCalendar file")
                    .label(crate::view::style::one_line(&e.to_string())),
            );
            return Vec::new();
        }
    };
    let mut dates = Vec::new();
    for component in &calendar.components {
        let CalendarComponent::Event(event) = component else {
            continue;
        };
        let day = |d: Option<DatePerhapsTime>| match d? {
            DatePerhapsTime::Date(d) => Some(d),
            // a timed holiday counts on its own local date
            DatePerhapsTime::DateTime(dt) => Some(match dt {
                CalendarDateTime::Floating(t) => t.date(),
                CalendarDateTime::Utc(t) => t.date_naive(),
                CalendarDateTime::WithTimezone { date_time, .. } => date_time.date(),
            }),
        };
        let Some(first) = day(event.get_start()) else {
            let name = event.get_summary().unwrap_or("an event");
            report.push(
                Diagnostic::error(
                    line_of(text, event.get_uid()),
                    format!("{} has no start date", crate::view::style::one_line(name)),
                )
                .help("give each holiday a DTSTART;VALUE=DATE:YYYYMMDD"),
            );
            continue;
        };
        if event.property_value("RRULE").is_some() {
            report.push(
                Diagnostic::error(
                    line_of(text, event.get_uid()),
                    "recurring holidays (RRULE) are not expanded",
                )
                .help("export the calendar with each year's dates as separate events"),
            );
            continue;
        }
        // DTEND of an all-day event is the day after the last one
        let end = day(event.get_end())
            .filter(|e| *e > first)
            .map_or(first, |e| e.pred_opt().unwrap_or(e));
        let mut d = first;
        // a holiday longer than a year is a broken file, not a holiday
        while d <= end && dates.len() < 100_000 && (d - first).num_days() <= 366 {
            dates.push(d);
            d = super::calendar::add_days(d, 1);
        }
    }
    dates
}

/// The line of the event with `uid` (or the first line), for a message.
fn line_of(text: &str, uid: Option<&str>) -> Pos {
    let line = uid
        .and_then(|uid| {
            text.lines()
                .position(|l| l.starts_with("UID") && l.contains(uid))
        })
        .map_or(1, |i| i as u32 + 1);
    Pos::new(line, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn holidays_as_lines_with_names_and_comments() {
        let text = "# UK 2026\n2026-12-25 Christmas Day\n\n  2026-12-28  # substitute\n";
        assert_eq!(
            parse_holidays("h.txt", text).unwrap(),
            [d("2026-12-25"), d("2026-12-28")]
        );
        let err = parse_holidays("h.txt", "2026-12-25\n25/12/2026\n2026-13-01\n").unwrap_err();
        assert_eq!(err.error_count(), 2, "every bad line, not only the first");
        assert_eq!(err.diagnostics[0].pos.map(|p| p.line), Some(2));
    }

    #[test]
    fn holidays_from_an_icalendar_file() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:New Year\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(
            parse_holidays("h.ics", text).unwrap(),
            [
                d("2026-12-24"),
                d("2026-12-25"),
                d("2026-12-26"),
                d("2027-01-01")
            ]
        );
    }

    #[test]
    fn recurring_holidays_are_refused_not_guessed() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let err = parse_holidays("h.ics", text).unwrap_err();
        let text = err.render(false);
        assert!(text.contains("RRULE"), "{text}");
        assert!(
            text.contains("h.ics:5:1"),
            "points at the event's UID line: {text}"
        );
        assert_eq!(parse_holidays("h.txt", "").unwrap(), []);
    }

    #[test]
    fn a_team_file_with_every_problem_reported() {
        let ok = parse_team(
            "t.toml",
            "stage2_audit = 2027-09-15\n[owners]\n\"Service Desk Manager\" = 2.5\nCIO = 1\n",
        )
        .unwrap();
        assert_eq!(
            ok.owners,
            [("Service Desk Manager".into(), 2.5), ("CIO".into(), 1.0)]
        );
        assert_eq!(ok.stage_2_audit, Some(d("2027-09-15")));
        let err = parse_team(
            "t.toml",
            "stage2_audit = \"soon\"\nowner = 1\n[owners]\nA = 0\nB = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!(err.error_count(), 4, "{}", err.render(false));
    }
}
