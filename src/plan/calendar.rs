//! Working-day arithmetic: Monday to Friday less the organization's holidays, and one owner
//! working through tasks at a fixed, fractional capacity per working day.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// `days` after `date`, or [`NaiveDate::MAX`] when that is past the last date the calendar
/// can hold (a capacity of a billionth of a person-day a week gets there): never a panic.
/// [`super::plan`] refuses a plan that runs past [`LAST_DATE`].
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// The last date a plan may reach: later years do not fit `YYYY-MM-DD`, which every format
/// and every tool reading them expects.
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working days: Monday to Friday, less holidays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Holidays that fall on weekdays, sorted, without duplicates.
    holidays: Vec<NaiveDate>,
}

impl Calendar {
    /// A calendar without the given holidays (weekend dates among them change nothing).
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        let mut holidays: Vec<NaiveDate> =
            holidays.into_iter().filter(|d| is_weekday(*d)).collect();
        holidays.sort_unstable();
        holidays.dedup();
        Calendar { holidays }
    }

    /// The holidays that fall on weekdays, in order.
    pub fn holidays(&self) -> &[NaiveDate] {
        &self.holidays
    }

    /// True on Monday to Friday when not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        is_weekday(date) && self.holidays.binary_search(&date).is_err()
    }

    /// `date` itself when it is a working day, else the next working day.
    pub fn this_or_next_working_day(&self, mut date: NaiveDate) -> NaiveDate {
        // Bounded by the longest run of holidays and weekends; MAX ends it.
        while !self.is_working_day(date) && date < NaiveDate::MAX {
            date = add_days(date, 1);
        }
        date
    }

    /// The first working day after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        self.this_or_next_working_day(add_days(date, 1))
    }

    /// The working day `n` working days after `date` (a working day), in time that grows
    /// with the holidays crossed, not with `n`.
    pub fn add_working_days(&self, date: NaiveDate, n: u64) -> NaiveDate {
        let (mut date, mut n) = (date, n);
        loop {
            let target = add_weekdays(date, n);
            // holidays jumped over count as weekdays: that many more days are needed
            let from = self.holidays.partition_point(|h| *h <= date);
            let to = self.holidays.partition_point(|h| *h <= target);
            let skipped = (to - from) as u64;
            if skipped == 0 || target == NaiveDate::MAX {
                return target;
            }
            date = target;
            n = skipped;
        }
    }

    /// The working days from `from` to `to`, both included.
    pub fn working_days(&self, from: NaiveDate, to: NaiveDate) -> u64 {
        if to < from {
            return 0;
        }
        let days = (to - from).num_days() as u64 + 1;
        let weekdays = (0..days % 7)
            .filter(|&i| is_weekday(add_days(from, i)))
            .count() as u64
            + days / 7 * 5;
        let from_i = self.holidays.partition_point(|h| *h < from);
        let to_i = self.holidays.partition_point(|h| *h <= to);
        weekdays - (to_i - from_i) as u64
    }
}

/// `n` weekdays after `date` (a weekday), in constant time.
fn add_weekdays(date: NaiveDate, n: u64) -> NaiveDate {
    let mut date = add_days(date, (n / 5).saturating_mul(7));
    for _ in 0..n % 5 {
        date = add_days(date, 1);
        while !is_weekday(date) && date < NaiveDate::MAX {
            date = add_days(date, 1);
        }
    }
    date
}

/// One owner working through tasks one after another at a fixed capacity per working day.
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
    /// An owner starting on `start` (moved to the next working day if needed) with
    /// `per_week` person-days a week spread over five working days.
    pub fn new(calendar: &Calendar, start: NaiveDate, per_week: f64) -> Team {
        let per_day = per_week / 5.0;
        Team {
            per_day,
            day: calendar.this_or_next_working_day(start),
            left: per_day,
        }
    }

    /// The day the next piece of work would start.
    pub fn next_start(&self, calendar: &Calendar) -> NaiveDate {
        if self.left <= EPSILON {
            calendar.next_working_day(self.day)
        } else {
            self.day
        }
    }

    /// Works `effort` person-days and returns the first and last working day of the work.
    /// Work starts on the current day if it still has capacity, else the next working day.
    pub fn work(&mut self, calendar: &Calendar, effort: f64) -> (NaiveDate, NaiveDate) {
        if self.left <= EPSILON {
            self.day = calendar.next_working_day(self.day);
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
        self.day = calendar.add_working_days(self.day, full as u64);
        self.left = (self.per_day * full - effort).max(0.0);
        (start, self.day)
    }

    /// Makes the next piece of work start no earlier than `date`, a working day.
    pub fn wait_until(&mut self, date: NaiveDate) {
        if self.day < date {
            self.day = date;
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
        let c = Calendar::default();
        // 2026-11-20 is a Friday
        assert_eq!(c.next_working_day(d("2026-11-20")), d("2026-11-23"));
        assert_eq!(c.this_or_next_working_day(d("2026-11-21")), d("2026-11-23"));
        assert_eq!(c.add_working_days(d("2026-11-20"), 1), d("2026-11-23"));
        assert_eq!(c.add_working_days(d("2026-11-20"), 5), d("2026-11-27"));
        assert_eq!(c.add_working_days(d("2026-11-20"), 6), d("2026-11-30"));
        assert_eq!(c.add_working_days(d("2026-11-23"), 4), d("2026-11-27"));
        assert_eq!(c.working_days(d("2026-11-20"), d("2026-11-30")), 7);
    }

    #[test]
    fn holidays_are_skipped_too() {
        // Christmas Friday 25th and Monday 28th off: from Thursday 24th, one working day
        // later is Tuesday 29th.
        let c = Calendar::new([d("2026-12-25"), d("2026-12-28"), d("2026-12-26")]);
        assert_eq!(c.holidays().len(), 2, "a Saturday holiday changes nothing");
        assert_eq!(c.add_working_days(d("2026-12-24"), 1), d("2026-12-29"));
        assert_eq!(c.add_working_days(d("2026-12-24"), 6), d("2027-01-05"));
        assert_eq!(c.this_or_next_working_day(d("2026-12-25")), d("2026-12-29"));
        assert_eq!(c.working_days(d("2026-12-21"), d("2026-12-31")), 7);
    }

    #[test]
    fn an_owner_fills_days_and_shares_a_day_between_items() {
        let c = Calendar::default();
        let mut team = Team::new(&c, d("2026-11-23"), 5.0); // one person-day a day from Monday
        assert_eq!(team.work(&c, 2.0), (d("2026-11-23"), d("2026-11-24")));
        assert_eq!(team.work(&c, 0.5), (d("2026-11-25"), d("2026-11-25")));
        assert_eq!(team.work(&c, 0.5), (d("2026-11-25"), d("2026-11-25")));
        assert_eq!(team.work(&c, 3.0), (d("2026-11-26"), d("2026-11-30")));
        // half capacity: 2.5 person-days a week → two days per person-day
        let mut team = Team::new(&c, d("2026-11-21"), 2.5);
        assert_eq!(team.work(&c, 1.0), (d("2026-11-23"), d("2026-11-24")));
        assert_eq!(team.work(&c, 0.25), (d("2026-11-25"), d("2026-11-25")));
        assert_eq!(team.work(&c, 0.5), (d("2026-11-25"), d("2026-11-26")));
    }
}
