//! Arguments of `init`, `import` and `interview`: the commands that collect answers.

use clap::Args;
use iso20k::config::{self, Level};

use super::parse::choice;

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the questionnaire: `.xlsx` gives a workbook to send out, `.toml` TOML,
    /// anything else YAML.
    #[arg(long, short, value_name = "FILE", default_value = "answers.yaml")]
    pub output: String,

    /// One answer per requirement, or one per leaf clause.
    #[arg(long, value_parser = choice::<Level>(), default_value = "requirement")]
    pub level: Level,

    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,

    /// The organization's name to put in the questionnaire.
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,

    /// Pre-fill a workbook (.xlsx) with the answers of this file, so a second workshop
    /// starts where the first stopped.
    #[arg(long, value_name = "ANSWERS")]
    pub from: Option<String>,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The filled-in questionnaire: .xlsx (also .xlsm, .xls, .ods) or .csv.
    pub file: String,

    /// The answers file to write; `.toml` gives TOML, anything else YAML [default: the
    /// --into file].
    #[arg(long, short, value_name = "ANSWERS", required_unless_present = "into")]
    pub output: Option<String>,

    /// Merge into this answers file: the questionnaire's answers win field by field, every
    /// other answer and field is kept (and a TOML file's comments).
    #[arg(long, value_name = "ANSWERS")]
    pub into: Option<String>,

    /// Replace the -o file if it exists.
    #[arg(long)]
    pub force: bool,

    /// The organization's name, when the questionnaire does not say (a CSV file).
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,
}

/// Arguments of `interview`.
#[derive(Debug, Args)]
pub struct InterviewArgs {
    /// The answers file to fill in (created when missing; `.toml` gives TOML).
    pub answers: String,

    /// Ask only about the requirements below this clause (e.g. 8.6).
    #[arg(long, value_name = "CLAUSE")]
    pub clause: Option<String>,
}

impl InitArgs {
    /// The options of `init`; the error is a usage message about `-o`.
    pub fn config(self) -> Result<config::Init, String> {
        if let Some(problem) = config::answers_file_problem(&self.output, "-o", true) {
            return Err(problem);
        }
        Ok(config::Init {
            output: self.output,
            level: self.level,
            force: self.force,
            organization: self.organization,
            from: self.from,
        })
    }
}

impl ImportArgs {
    /// The options of `import`; the error is a usage message about `-o` or `--into`.
    pub fn config(self) -> Result<config::Import, String> {
        let named = [("-o", &self.output), ("--into", &self.into)];
        if let Some(problem) = named
            .iter()
            .find_map(|(flag, path)| config::answers_file_problem(path.as_deref()?, flag, false))
        {
            return Err(problem);
        }
        Ok(config::Import {
            file: self.file,
            output: self.output,
            into: self.into,
            force: self.force,
            organization: self.organization,
        })
    }
}

impl InterviewArgs {
    /// The options of `interview`.
    pub fn config(self) -> config::Interview {
        config::Interview {
            answers: self.answers,
            clause: self.clause,
        }
    }
}
