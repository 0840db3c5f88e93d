//! Command-line arguments: definitions and help text only. `app` turns them into work.

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Browse and check requirement catalogues.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// List the requirements, as a table or as data.
    List {
        /// Only the requirements below this clause (e.g. 8.5).
        #[arg(long, value_name = "CLAUSE")]
        clause: Option<String>,

        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,

        /// Write to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<String>,
    },
    /// Show one clause or requirement in full.
    Show {
        /// A clause (8.6.1) or requirement (8.6.1-2) id.
        id: String,
    },
    /// Validate a catalogue file and report every problem in it.
    Check {
        /// The catalogue file (YAML, or TOML by extension).
        file: String,
    },
}

/// Formats of `catalogue list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
    Markdown,
}
