//! The command line: clap definitions, help text and value parsers, one file per command
//! family, and the one step that turns what clap parsed into the library's clap-free
//! [`Config`].

mod assess;
mod catalogue;
mod collect;
mod evidence;
mod parse;
mod plan;
mod progress;

use clap::{Args, CommandFactory, Parser, Subcommand};
use iso20k::config::{AsOf, ColorChoice, Config};

use assess::{AssessArgs, GateArgs};
use catalogue::CatalogueCommand;
use collect::{ImportArgs, InitArgs, InterviewArgs};
use evidence::EvidenceCommand;
use parse::choice;
use plan::{PlanArgs, ReportArgs};
use progress::{DiffArgs, TrendArgs};

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
    #[arg(long, global = true, value_parser = choice::<ColorChoice>(), default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,

    /// The as-of date: YYYY-MM-DD or `today` [default: the answers file's date, else today].
    #[arg(long, global = true, value_name = "DATE", value_parser = parse::as_of)]
    pub as_of: Option<AsOf>,
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

/// What the command line asks for.
pub enum Parsed {
    /// A run of the library.
    Run(Box<Config>),
    /// Text about the command line itself (completions, the man page), for standard output.
    Print(Vec<u8>),
}

impl Cli {
    /// The run this command line asks for. The error is clap's, so a combination of flags
    /// that cannot work reads like any other usage error.
    pub fn parsed(self) -> Result<Parsed, clap::Error> {
        let usage = |message: String| {
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("{message}\n\nFor more information, try '--help'.\n"),
            )
        };
        let command = match self.command {
            Command::Assess(args) => iso20k::config::Command::Assess(args.config().map_err(usage)?),
            Command::Plan(args) => iso20k::config::Command::Plan(args.config().map_err(usage)?),
            Command::Report(args) => iso20k::config::Command::Report(args.config().map_err(usage)?),
            Command::Diff(args) => iso20k::config::Command::Diff(args.config().map_err(usage)?),
            Command::Trend(args) => iso20k::config::Command::Trend(args.config().map_err(usage)?),
            Command::Evidence(cmd) => iso20k::config::Command::Evidence(cmd.config()),
            Command::Validate { answers } => iso20k::config::Command::Validate { answers },
            Command::Init(args) => iso20k::config::Command::Init(args.config().map_err(usage)?),
            Command::Import(args) => iso20k::config::Command::Import(args.config().map_err(usage)?),
            Command::Interview(args) => iso20k::config::Command::Interview(args.config()),
            Command::Catalogue(cmd) => {
                iso20k::config::Command::Catalogue(cmd.config().map_err(usage)?)
            }
            Command::Schema => iso20k::config::Command::Schema,
            Command::Completions { shell } => {
                let mut bytes = Vec::new();
                clap_complete::generate(shell, &mut Cli::command(), "iso20k", &mut bytes);
                return Ok(Parsed::Print(bytes));
            }
            Command::Man => {
                let mut bytes = Vec::new();
                clap_mangen::Man::new(Cli::command())
                    .render(&mut bytes)
                    .map_err(|e| clap::Error::raw(clap::error::ErrorKind::Io, e))?;
                return Ok(Parsed::Print(bytes));
            }
        };
        Ok(Parsed::Run(Box::new(Config {
            catalogue: self.global.catalogue,
            color: self.global.color,
            as_of: self.global.as_of,
            command,
        })))
    }
}
