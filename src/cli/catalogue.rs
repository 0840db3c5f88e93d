//! Arguments of `catalogue list`, `show` and `check`.

use clap::{Subcommand, ValueEnum};

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
    /// A table for people.
    Table,
    /// Every field of every requirement.
    Json,
    /// One row per requirement.
    Csv,
    /// A table per clause.
    Markdown,
    /// An OSCAL catalog.
    Oscal,
}
