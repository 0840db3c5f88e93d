//! Runs a parsed command line: loads what the command needs, calls the pure parts, and hands
//! back the bytes to write and the outcome that decides the exit status.

use anyhow::{Result, bail};

use crate::catalogue::{self, Catalogue, Item, Requirement};
use crate::cli::{CatalogueCommand, Cli, Command, ListFormat};
use crate::diag::Report;
use crate::output::{self, Term};
use crate::view;

/// How a command ended when it could do its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every gate passed (or there were none).
    Passed,
    /// At least one gate failed.
    GateFailed,
}

/// Problems in input files. Rendered with their source lines by the binary; exit status 2.
#[derive(Debug)]
pub struct InputError {
    pub reports: Vec<Report>,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors: usize = self.reports.iter().map(Report::error_count).sum();
        let files: Vec<&str> = self.reports.iter().map(|r| r.path.as_str()).collect();
        write!(
            f,
            "{errors} error{} in {}",
            if errors == 1 { "" } else { "s" },
            files.join(", ")
        )
    }
}

impl std::error::Error for InputError {}

impl From<Report> for InputError {
    fn from(report: Report) -> InputError {
        InputError {
            reports: vec![report],
        }
    }
}

/// Everything a command wants to say on stderr that is not an error: warnings, notes.
#[derive(Debug, Default)]
pub struct Notes {
    pub reports: Vec<Report>,
}

/// Runs `cli`, writing data to stdout or `-o` and returning the outcome.
pub fn run(cli: &Cli, notes: &mut Notes) -> Result<Outcome> {
    match &cli.command {
        Command::Catalogue(cmd) => catalogue_command(cli, cmd, notes),
    }
}

/// The catalogue for this run: `--catalogue FILE`, or the built-in one.
pub fn load_catalogue(cli: &Cli, notes: &mut Notes) -> Result<Catalogue> {
    match &cli.global.catalogue {
        Some(path) => {
            let (catalogue, warnings) = catalogue::load_file(path).map_err(InputError::from)?;
            if !warnings.diagnostics.is_empty() {
                notes.reports.push(warnings);
            }
            Ok(catalogue)
        }
        None => Ok(Catalogue::embedded().map_err(InputError::from)?),
    }
}

fn catalogue_command(cli: &Cli, cmd: &CatalogueCommand, notes: &mut Notes) -> Result<Outcome> {
    match cmd {
        CatalogueCommand::List {
            clause,
            format,
            output,
        } => {
            let catalogue = load_catalogue(cli, notes)?;
            let term = Term::detect(cli.global.color, output.is_some());
            let reqs: Vec<&Requirement> = match clause {
                Some(id) => {
                    let id = id.trim();
                    if catalogue.clause(id).is_none() {
                        bail!(unknown_id_message(&catalogue, id, "clause"));
                    }
                    catalogue.requirements_under(id).collect()
                }
                None => catalogue.requirements.iter().collect(),
            };
            let text = match format {
                ListFormat::Table => view::catalogue::list_table(&catalogue, &reqs, &term),
                ListFormat::Json => view::catalogue::list_json(&catalogue, &reqs),
                ListFormat::Csv => view::catalogue::list_csv(&catalogue, &reqs)?,
                ListFormat::Markdown => view::catalogue::list_markdown(&catalogue, &reqs),
            };
            output::emit(output.as_deref(), text.as_bytes())?;
            Ok(Outcome::Passed)
        }
        CatalogueCommand::Show { id } => {
            let catalogue = load_catalogue(cli, notes)?;
            let term = Term::detect(cli.global.color, false);
            let text = match catalogue.lookup(id) {
                Some(Item::Clause(c)) => view::catalogue::show_clause(&catalogue, c, &term),
                Some(Item::Requirement(r)) => view::catalogue::show_requirement(&catalogue, r, &term),
                None => bail!(unknown_id_message(&catalogue, id.trim(), "clause or requirement")),
            };
            output::emit(None, text.as_bytes())?;
            Ok(Outcome::Passed)
        }
        CatalogueCommand::Check { file } => match catalogue::load_file(file) {
            Ok((c, warnings)) => {
                if !warnings.diagnostics.is_empty() {
                    notes.reports.push(warnings);
                }
                let leaves = c.clauses.iter().filter(|c| c.is_leaf()).count();
                let text = format!(
                    "{file}: valid catalogue `{}` version {}: {} clauses ({leaves} leaves), {} requirements\n",
                    c.id,
                    c.version,
                    c.clauses.len(),
                    c.requirements.len()
                );
                output::emit(None, text.as_bytes())?;
                Ok(Outcome::Passed)
            }
            Err(report) => Err(InputError::from(report).into()),
        },
    }
}

/// "no clause `8.9` in iso20000-1:2018; did you mean `8.6` or `8.7`?"
pub fn unknown_id_message(catalogue: &Catalogue, id: &str, what: &str) -> String {
    let mut message = format!("no {what} `{id}` in the catalogue `{}`", catalogue.id);
    if let Some(help) = catalogue.suggest(id) {
        message.push_str("; ");
        message.push_str(&help);
    } else {
        message.push_str("; `iso20k catalogue list` shows every id");
    }
    message
}
