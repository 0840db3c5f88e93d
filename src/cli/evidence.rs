//! Arguments of `evidence lock` and `evidence check`.

use clap::{Args, Subcommand, ValueEnum};

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
    #[arg(long, short, value_enum, default_value_t = EvidenceFormat::Table)]
    pub format: EvidenceFormat,
}

/// Formats of `evidence check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvidenceFormat {
    /// A table for people (default).
    Table,
    /// Every entry with its state.
    Json,
}
