//! Command-line arguments: definitions and help text only, one file per command family.
//! `app` turns them into work.

mod assess;
mod catalogue;
mod collect;
mod evidence;
mod plan;
mod progress;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use assess::{AssessArgs, AssessFormat, GateArgs, GradeArg};
pub use catalogue::{CatalogueCommand, ListFormat};
pub use collect::{ImportArgs, InitArgs, InterviewArgs, Level};
pub use evidence::{EvidenceArgs, EvidenceCheckArgs, EvidenceCommand, EvidenceFormat};
pub use plan::{GroupArg, PaperArg, PlanArgs, PlanFormat, ReportArgs, ReportFormat, ScheduleArgs};
pub use progress::{DiffArgs, DiffFormat, TrendArgs, TrendFormat};

/// Gap assessments against ISO/IEC 20000-1:2018 (service management system requirements).
///
/// Exit status: 0 when no gate failed, 1 when a gate failed, 2 when the tool could not do its
/// job (bad input, usage error, unreadable or unwritable file).
#[derive(Debug, Parser)]
#[command(name = "iso20k", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use this catalogue instead of the built-in ISO/IEC 20000-1:2018 one.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalogue: Option<String>,

    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// The as-of date: YYYY-MM-DD or `today` [default: the answers file's date, else today].
    #[arg(long, global = true, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score an answers file: clause scores, gaps, findings, verdict and gates.
    Assess(AssessArgs),
    /// A dated remediation plan: work packages, owners, effort, dates and audit milestones.
    Plan(PlanArgs),
    /// The consultant's deliverable: summary, gaps, findings, plan and evidence in one file.
    Report(ReportArgs),
    /// What changed between two assessments: scores, verdict, gaps, findings and evidence.
    Diff(DiffArgs),
    /// Score, verdict and clause scores over the answers file's git history.
    Trend(TrendArgs),
    /// Hash the evidence files an answers file names; later, find those missing or changed.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// Check an answers file and report every problem in it (exit 0 valid, 2 invalid).
    Validate {
        /// The answers file (YAML, or TOML by extension; `-` for stdin).
        answers: String,
    },
    /// Write a questionnaire to fill in: every id with its requirement as a comment.
    Init(InitArgs),
    /// Read a filled-in questionnaire workbook (or CSV) back into an answers file.
    Import(ImportArgs),
    /// Ask about each requirement in the terminal, writing the answers file after each answer.
    Interview(InterviewArgs),
    /// Browse and check requirement catalogues.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// The JSON Schema of the answers file, for editors.
    Schema,
    /// Shell completions for bash, zsh, fish, elvish or PowerShell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The man page, in roff.
    Man,
}
