//! Arguments of `catalogue list`, `show` and `check`.

use clap::Subcommand;
use iso20k::config::{self, ListFormat};

use super::parse::choice;

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// List the requirements, as a table or as data.
    List {
        /// Only the requirements below this clause (e.g. 8.5).
        #[arg(long, value_name = "CLAUSE")]
        clause: Option<String>,

        /// Output format [default: the extension of -o FILE, else table].
        #[arg(long, short, value_parser = choice::<ListFormat>())]
        format: Option<ListFormat>,

        /// Write to FILE instead of standard output (FORMAT=FILE names the format too).
        #[arg(long, short, value_name = "[FORMAT=]FILE")]
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

impl CatalogueCommand {
    /// The options of the `catalogue` subcommand; the error is a usage message about `-o`.
    pub fn config(self) -> Result<config::CatalogueCommand, String> {
        Ok(match self {
            CatalogueCommand::List {
                clause,
                format,
                output,
            } => {
                let (format, output) = config::output(format, output.as_deref(), "catalogue list")?;
                config::CatalogueCommand::List {
                    clause,
                    format,
                    output,
                }
            }
            CatalogueCommand::Show { id } => config::CatalogueCommand::Show { id },
            CatalogueCommand::Check { file } => config::CatalogueCommand::Check { file },
        })
    }
}
