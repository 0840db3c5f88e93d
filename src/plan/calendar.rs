//! Working-day arithmetic: Monday to Friday, one shared team, fractional capacity per day.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// True on Monday to Friday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `days` after `date`, or [`NaiveDate::MAX`] when that is past the last date the calendar
/// can hold (a capacity of a billionth of a person-day a week gets there): never a panic.
/// [`super::plan`] refuses a plan that reaches it.
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` itself when it is a working day, else the next working day.
pub fn this_or_next_working_day(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => add_days(date, 2),
        Weekday::Sun => add_days(date, 1),
        _ => date,
    }
}

/// The working day `n` working days after `date` (a working day), in constant time.
pub fn add_working_days(date: NaiveDate, n: u64) -> NaiveDate {
    let weeks = n / 5;
    let mut date = add_days(date, weeks.saturating_mul(7));
    for _ in 0..n % 5 {
        date = next_working_day(date);
    }
    date
}

/// The first working day after `date`.
pub fn next_working_day(date: NaiveDate) -> NaiveDate {
    this_or_next_working_day(add_days(date, 1))
}

/// A team working through items one after another at a fixed capacity per working day.
#[derive(Debug, Clone)]
pub struct Team {
    /// Person-days available each working day.
    per_day: f64,
    /// The working day being filled.
    day: NaiveDate,
    /// Capacity left on `day`.
    left: f64,
}

/// Below this, a day's leftover capacity counts as used up (float noise from fractions).
const EPSILON: f64 = 1e-9;

impl Team {
    /// A team starting on `start` (moved to the next working day if needed) with
    /// `per_week` person-days a week spread over five working days.
    pub fn new(start: NaiveDate, per_week: f64) -> Team {
        let per_day = per_week / 5.0;
        Team {
            per_day,
            day: this_or_next_working_day(start),
            left: per_day,
        }
    }

    /// Works `effort` person-days and returns the first and last working day of the work.
    /// Work starts on the current day if it still has capacity, else the next working day.
    pub fn work(&mut self, effort: f64) -> (NaiveDate, NaiveDate) {
        if self.left <= EPSILON {
            self.day = next_working_day(self.day);
            self.left = self.per_day;
        }
        let start = self.day;
        let mut effort = effort.max(0.0);
        if effort <= self.left + EPSILON {
            self.left -= effort;
            return (start, start);
        }
        effort -= self.left;
        // Whole days after the first, then what is left on the last one.
        let full = (effort / self.per_day - EPSILON).ceil().max(1.0);
        let days = full as u64;
        self.day = add_working_days(self.day, days);
        self.left = (self.per_day * full - effort).max(0.0);
        (start, self.day)
    }

    /// Makes the next piece of work start after `date`: on the next working day after it,
    /// if the team would otherwise start earlier.
    pub fn start_after(&mut self, date: NaiveDate) {
        let earliest = next_working_day(date);
        if self.day < earliest {
            self.day = earliest;
            self.left = self.per_day;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekends_are_skipped() {
        // 2026-11-20 is a Friday
        assert_eq!(next_working_day(d("2026-11-20")), d("2026-11-23"));
        assert_eq!(this_or_next_working_day(d("2026-11-21")), d("2026-11-23"));
        assert_eq!(add_working_days(d("2026-11-20"), 1), d("2026-11-23"));
        assert_eq!(add_working_days(d("2026-11-20"), 5), d("2026-11-27"));
        assert_eq!(add_working_days(d("2026-11-20"), 6), d("2026-11-30"));
        assert_eq!(add_working_days(d("2026-11-23"), 4), d("2026-11-27"));
    }

    #[test]
    fn a_team_fills_days_and_shares_a_day_between_items() {
        let mut team = Team::new(d("2026-11-23"), 5.0); // one person-day a day from Monday
        assert_eq!(team.work(2.0), (d("2026-11-23"), d("2026-11-24")));
        assert_eq!(team.work(0.5), (d("2026-11-25"), d("2026-11-25")));
        assert_eq!(team.work(0.5), (d("2026-11-25"), d("2026-11-25")));
        assert_eq!(team.work(3.0), (d("2026-11-26"), d("2026-11-30")));
        // half capacity: 2.5 person-days a week → two days per person-day
        let mut team = Team::new(d("2026-11-21"), 2.5);
        assert_eq!(team.work(1.0), (d("2026-11-23"), d("2026-11-24")));
        assert_eq!(team.work(0.25), (d("2026-11-25"), d("2026-11-25")));
        assert_eq!(team.work(0.5), (d("2026-11-25"), d("2026-11-26")));
    }
}
