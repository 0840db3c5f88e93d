//! Arguments of `diff` and `trend`.

use chrono::NaiveDate;
use clap::Args;
use iso20k::config::{self, DiffFormat, TrendFormat};

use super::parse::{choice, date, percentage};

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier assessment: an answers file, `assess --format json` output, or REV:PATH
    /// read from git (e.g. `HEAD~1:answers.yaml`, `v2026-q3:answers.yaml`).
    pub old: String,

    /// The later assessment, in any of the same forms.
    pub new: String,

    /// Output format [default: the extension of -o FILE, else table].
    #[arg(long, short, value_parser = choice::<DiffFormat>())]
    pub format: Option<DiffFormat>,

    /// Write to FILE instead of standard output (FORMAT=FILE names the format too).
    #[arg(long, short, value_name = "[FORMAT=]FILE")]
    pub output: Option<String>,

    /// Fail (exit 1) when a requirement's status gets worse or a clause score drops.
    #[arg(long, help_heading = "Gates")]
    pub fail_on_regression: bool,

    /// Score drops of at most PCT percentage points are noise, not regressions.
    #[arg(
        long,
        value_name = "PCT",
        default_value = "0",
        value_parser = percentage,
        help_heading = "Gates"
    )]
    pub threshold: f64,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS")]
    pub evidence_max_age: Option<u32>,
}

impl DiffArgs {
    /// The options of `diff`; the error is a usage message about `-o`.
    pub fn config(self) -> Result<config::Diff, String> {
        let (format, output) = config::output(self.format, self.output.as_deref(), "diff")?;
        Ok(config::Diff {
            old: self.old,
            new: self.new,
            format,
            output,
            fail_on_regression: self.fail_on_regression,
            threshold: self.threshold,
            evidence_max_age: self.evidence_max_age,
        })
    }
}

/// Arguments of `trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The answers file, committed in a git repository.
    pub answers: String,

    /// Output format [default: the extension of -o FILE, else table].
    #[arg(long, short, value_parser = choice::<TrendFormat>())]
    pub format: Option<TrendFormat>,

    /// Write to FILE instead of standard output (FORMAT=FILE names the format too).
    #[arg(long, short, value_name = "[FORMAT=]FILE")]
    pub output: Option<String>,

    /// Only commits made on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub since: Option<NaiveDate>,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS")]
    pub evidence_max_age: Option<u32>,
}

impl TrendArgs {
    /// The options of `trend`; the error is a usage message about `-o`.
    pub fn config(self) -> Result<config::Trend, String> {
        let (format, output) = config::output(self.format, self.output.as_deref(), "trend")?;
        Ok(config::Trend {
            answers: self.answers,
            format,
            output,
            since: self.since,
            evidence_max_age: self.evidence_max_age,
        })
    }
}
