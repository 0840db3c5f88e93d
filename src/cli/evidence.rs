//! Arguments of `evidence lock` and `evidence check`.

use clap::{Args, Subcommand};
use iso20k::config::{self, EvidenceFiles, EvidenceFormat};

use super::parse::choice;

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Write the manifest (path, size, SHA-256 of each evidence file) beside the answers file.
    Lock(EvidenceArgs),
    /// Find evidence files missing or changed since the lock (exit 1 when any is).
    Check(EvidenceCheckArgs),
}

/// Arguments of `evidence lock` and `evidence check`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// The answers file.
    pub answers: String,

    /// The folder evidence paths are relative to [default: the answers file's folder].
    #[arg(long, value_name = "DIR")]
    pub evidence_root: Option<String>,
}

/// Arguments of `evidence check`.
#[derive(Debug, Args)]
pub struct EvidenceCheckArgs {
    #[command(flatten)]
    pub common: EvidenceArgs,

    /// Output format.
    #[arg(long, short, value_parser = choice::<EvidenceFormat>(), default_value = "table")]
    pub format: EvidenceFormat,
}

impl EvidenceCommand {
    /// The options of `evidence lock` or `evidence check`.
    pub fn config(self) -> config::EvidenceCommand {
        match self {
            EvidenceCommand::Lock(args) => config::EvidenceCommand::Lock(args.config()),
            EvidenceCommand::Check(args) => {
                config::EvidenceCommand::Check(args.common.config(), args.format)
            }
        }
    }
}

impl EvidenceArgs {
    fn config(self) -> EvidenceFiles {
        EvidenceFiles {
            answers: self.answers,
            evidence_root: self.evidence_root,
        }
    }
}
