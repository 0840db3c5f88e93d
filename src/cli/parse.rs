//! Value parsers: each flag's value is checked where clap reads it, so a bad value is a usage
//! error that names the flag, before any file is read.

use std::ffi::OsStr;
use std::marker::PhantomData;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use iso20k::config::{AsOf, Choice};
use iso20k::plan::files::{MAX_CAPACITY, MIN_CAPACITY};
use iso20k::source::fields::parse_date;

/// The values of a keyword option, with their help, from the library's [`Choice`] table.
#[derive(Clone)]
pub struct ChoiceParser<T>(PhantomData<T>);

/// A parser for the keyword option `T`.
pub fn choice<T: Choice>() -> ChoiceParser<T> {
    ChoiceParser(PhantomData)
}

impl<T: Choice> ChoiceParser<T> {
    fn values() -> impl Iterator<Item = PossibleValue> {
        T::CHOICES.iter().map(|(_, name, help)| {
            let value = PossibleValue::new(*name);
            if help.is_empty() {
                value
            } else {
                value.help(*help)
            }
        })
    }
}

impl<T: Choice> TypedValueParser for ChoiceParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        // clap's own parser gives the usual message: the value, the flag, the possible values
        // and the nearest one.
        let name = PossibleValuesParser::new(Self::values()).parse_ref(cmd, arg, value)?;
        T::from_name(&name).ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Self::values()))
    }
}

/// `--as-of`: a date or `today`.
pub fn as_of(value: &str) -> Result<AsOf, String> {
    if value.trim().eq_ignore_ascii_case("today") {
        return Ok(AsOf::Today);
    }
    parse_date(value)
        .map(AsOf::Date)
        .ok_or_else(|| not_a_date(value, ", or `today`"))
}

/// A date flag: YYYY-MM-DD (so never past 9999-12-31, the last day a plan may reach).
pub fn date(value: &str) -> Result<NaiveDate, String> {
    parse_date(value).ok_or_else(|| not_a_date(value, ""))
}

/// Why `value` is not a date: the wrong shape, or a day no calendar has.
fn not_a_date(value: &str, or: &str) -> String {
    let shaped = value.trim().len() == 10
        && value.trim().bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if shaped {
        "there is no such day: check the month and the day".to_string()
    } else {
        format!("write a date as YYYY-MM-DD{or}")
    }
}

/// `--fail-under` and `--threshold`: a percentage from 0 to 100.
pub fn percentage(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(pct) if (0.0..=100.0).contains(&pct) => Ok(pct),
        _ => Err("give a percentage from 0 to 100 (e.g. 80 or 72.5)".to_string()),
    }
}

/// `--capacity`: person-days a week, from [`MIN_CAPACITY`] to [`MAX_CAPACITY`].
pub fn capacity(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(days) if (MIN_CAPACITY..=MAX_CAPACITY).contains(&days) => Ok(days),
        _ => Err(format!(
            "give the person-days of work per week, from {MIN_CAPACITY} to {MAX_CAPACITY} (e.g. 2.5)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_where_they_are_read() {
        assert_eq!(as_of("Today"), Ok(AsOf::Today));
        assert!(matches!(as_of("2026-12-01"), Ok(AsOf::Date(_))));
        assert_eq!(
            date("2026-02-30"),
            Err("there is no such day: check the month and the day".to_string())
        );
        assert_eq!(
            date("1.3.2026"),
            Err("write a date as YYYY-MM-DD".to_string())
        );
        assert!(date("10000-01-01").is_err());
        assert!(as_of("soon").is_err_and(|m| m.ends_with("or `today`")));
    }

    #[test]
    fn numbers_are_kept_within_their_range() {
        assert_eq!(percentage("72.5"), Ok(72.5));
        assert!(percentage("101").is_err());
        assert!(percentage("NaN").is_err());
        assert!(percentage("-1").is_err());
        assert_eq!(capacity("2.5"), Ok(2.5));
        assert!(capacity("0").is_err());
        assert!(capacity("0.001").is_err());
        assert_eq!(capacity("0.01"), Ok(0.01));
        assert!(capacity("inf").is_err());
        assert!(capacity("1001").is_err());
    }
}
