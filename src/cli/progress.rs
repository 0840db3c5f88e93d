//! Arguments of `diff` and `trend`.

use clap::{Args, ValueEnum};

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier assessment: an answers file, `assess --format json` output, or REV:PATH
    /// read from git (e.g. `HEAD~1:answers.yaml`, `v2026-q3:answers.yaml`).
    pub old: String,

    /// The later assessment, in any of the same forms.
    pub new: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,

    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,

    /// Fail (exit 1) when a requirement's status gets worse or a clause score drops.
    #[arg(long, help_heading = "Gates")]
    pub fail_on_regression: bool,

    /// Score drops of at most PCT percentage points are noise, not regressions.
    #[arg(
        long,
        value_name = "PCT",
        default_value_t = 0.0,
        help_heading = "Gates"
    )]
    pub threshold: f64,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS")]
    pub evidence_max_age: Option<u32>,
}

/// Formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A summary for people (default).
    Table,
    /// Stable data with `schema_version`.
    Json,
    /// A pull-request comment.
    Markdown,
    /// GitHub Actions annotations on the regressed answers' lines.
    Github,
    /// One self-contained page.
    Html,
}

/// Arguments of `trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The answers file, committed in a git repository.
    pub answers: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = TrendFormat::Table)]
    pub format: TrendFormat,

    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,

    /// Only commits made on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS")]
    pub evidence_max_age: Option<u32>,
}

/// Formats of `trend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// The commits and a sparkline per clause (default).
    Table,
    /// `points[]`: one per commit.
    Json,
    /// One row per commit, one column per clause.
    Csv,
    /// One page with an SVG line chart.
    Html,
}
