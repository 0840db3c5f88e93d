//! Arguments of `assess`, and the gates `assess` and `report` share.

use clap::Args;
use iso20k::assess::Grade;
use iso20k::config::{self, AssessFormat, Gates};

use super::parse::{choice, percentage};

/// Arguments of `assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The answers file (YAML, or TOML by extension; `-` for stdin).
    pub answers: String,

    /// Output format [default: the extension of -o FILE, else table].
    #[arg(long, short, value_parser = choice::<AssessFormat>())]
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
    #[arg(long, value_name = "N", default_value_t = iso20k::report::GITHUB_ANNOTATIONS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_annotations: usize,

    #[command(flatten)]
    pub gates: GateArgs,
}

impl AssessArgs {
    /// The options of `assess`; the error is a usage message about `-o`.
    pub fn config(self) -> Result<config::Assess, String> {
        Ok(config::Assess {
            outputs: config::outputs(self.format, &self.output, "assess")?,
            answers: self.answers,
            clause: self.clause,
            limit: self.limit,
            max_annotations: self.max_annotations,
            gates: self.gates.config(),
        })
    }
}

/// Gate options, shared by the commands that judge an assessment.
#[derive(Debug, Args, Clone, Default)]
pub struct GateArgs {
    /// Fail (exit 1) when the overall score is below PCT.
    #[arg(long, value_name = "PCT", help_heading = "Gates", value_parser = percentage)]
    pub fail_under: Option<f64>,

    /// Fail (exit 1) on any unwaived finding of this grade or worse.
    #[arg(long, value_name = "GRADE", help_heading = "Gates", value_parser = choice::<Grade>())]
    pub fail_on: Option<Grade>,

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

impl GateArgs {
    /// The gates.
    pub fn config(self) -> Gates {
        Gates {
            fail_under: self.fail_under,
            fail_on: self.fail_on,
            require: self.require,
            evidence_max_age: self.evidence_max_age,
            policy: self.policy,
            evidence_root: self.evidence_root,
        }
    }
}
