//! Arguments of `assess`, and the gates `assess` and `report` share.

use clap::{Args, ValueEnum};

/// Arguments of `assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The answers file (YAML, or TOML by extension; `-` for stdin).
    pub answers: String,

    /// Output format [default: the extension of -o FILE, else table].
    #[arg(long, short, value_enum)]
    pub format: Option<AssessFormat>,

    /// Write to FILE instead of standard output; FORMAT=FILE (repeatable) writes several
    /// formats from one run, e.g. `-o junit=report.xml -o sarif=scan.sarif`.
    #[arg(long, short, value_name = "[FORMAT=]FILE")]
    pub output: Vec<String>,

    /// Assess only this clause and what is below it (e.g. 8.5).
    #[arg(long, value_name = "CLAUSE")]
    pub clause: Option<String>,

    /// Gaps shown in the table and the Markdown, worst first (0 for all).
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub limit: usize,

    /// GitHub annotations of each level (error, warning, notice); a step shows 10 of each,
    /// and the rest are counted in a closing notice.
    #[arg(long, value_name = "N", default_value_t = crate::report::GITHUB_ANNOTATIONS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_annotations: usize,

    #[command(flatten)]
    pub gates: GateArgs,
}

/// Gate options, shared by the commands that judge an assessment.
#[derive(Debug, Args, Clone, Default)]
pub struct GateArgs {
    /// Fail (exit 1) when the overall score is below PCT.
    #[arg(long, value_name = "PCT", help_heading = "Gates")]
    pub fail_under: Option<f64>,

    /// Fail (exit 1) on any unwaived finding of this grade or worse.
    #[arg(long, value_enum, value_name = "GRADE", help_heading = "Gates")]
    pub fail_on: Option<GradeArg>,

    /// Fail (exit 1) unless every requirement below CLAUSE is met or waived (repeatable).
    #[arg(long, value_name = "CLAUSE", help_heading = "Gates")]
    pub require: Vec<String>,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS", help_heading = "Gates")]
    pub evidence_max_age: Option<u32>,

    /// Read gates from a TOML policy file; flags override its values and add to `require`.
    #[arg(long, value_name = "FILE", help_heading = "Gates")]
    pub policy: Option<String>,

    /// Check the evidence files the answers name below DIR (`missing-evidence`,
    /// `changed-evidence` since `evidence lock`) [default: no check].
    #[arg(long, value_name = "DIR")]
    pub evidence_root: Option<String>,
}

/// Finding grades for `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeArg {
    Major,
    Minor,
    Observation,
}

/// Formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    /// A table for people (default).
    Table,
    /// Stable data with `schema_version`.
    Json,
    /// One row per requirement.
    Csv,
    /// Tables for wikis and pull requests.
    Markdown,
    /// One self-contained page.
    Html,
    /// A workbook (needs -o FILE unless piped).
    Xlsx,
    /// JUnit XML: a test case per requirement.
    Junit,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions annotations (and a step summary).
    Github,
    /// OSCAL assessment results.
    Oscal,
}
