//! Runs a parsed command line: loads what the command needs, calls the pure parts, and hands
//! back what to write ([`Out`]) and the outcome that decides the exit status. Nothing here
//! writes a file or the terminal: `main` carries out the [`Out`] and renders the [`Error`].
//! (`interview` is the one exception: it talks to a person, see `collect::command`.)
//!
//! One file per command family: `assess` (assess, plan, report), `evaluate` (what those three
//! share: loading, gates, scheduling), `catalogue`, `answers` (validate, init); `collect`,
//! `evidence` and `progress` keep their own `command.rs`.

mod answers;
mod assess;
mod catalogue;
mod evaluate;
mod out;

use chrono::NaiveDate;

use crate::answers::AnswersFile;
use crate::catalogue::Catalogue;
use crate::config::{Command, Config};
use crate::diag::Report;
use crate::env::Env;
use crate::output::Term;

pub use out::{Effect, Out};

/// How a command ended when it could do its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every gate passed (or there were none).
    Passed,
    /// At least one gate failed.
    GateFailed,
}

/// Why a command could not do its job: every kind exits 2.
#[derive(Debug)]
pub enum Error {
    /// Problems in input files, rendered with their source lines, then counted in one line.
    Input(Vec<Report>),
    /// The command line (or what its files combine to) asks for what cannot be done: a bad
    /// flag value, an impossible plan. One line, no source to show.
    Usage(String),
    /// A file that could not be read or written; the message names it.
    Io {
        /// The file, as the user named it.
        path: String,
        /// The whole message, path included.
        message: String,
    },
    /// A failure below the command (rendering a format, the terminal), shown with its chain
    /// of causes.
    Internal(anyhow::Error),
}

/// What commands return.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A usage error with this message.
    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }

    /// A read or write of `path` that failed with `err` (whose message names the path).
    pub fn io(path: impl Into<String>, err: &anyhow::Error) -> Error {
        Error::Io {
            path: path.into(),
            message: format!("{err:#}"),
        }
    }

    /// `self` with `other`'s problems added when both are problems in input files, so one run
    /// shows every problem; otherwise `self`.
    pub fn and(self, other: Error) -> Error {
        match (self, other) {
            (Error::Input(mut first), Error::Input(more)) => {
                first.extend(more);
                Error::Input(first)
            }
            (first, _) => first,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(reports) => {
                let errors: usize = reports.iter().map(Report::error_count).sum();
                let files: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
                write!(
                    f,
                    "{errors} error{} in {}",
                    if errors == 1 { "" } else { "s" },
                    files.join(", ")
                )
            }
            Error::Usage(message) | Error::Io { message, .. } => f.write_str(message),
            Error::Internal(err) => write!(f, "{err:#}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Report> for Error {
    fn from(report: Report) -> Error {
        Error::Input(vec![report])
    }
}

impl From<crate::plan::PlanError> for Error {
    fn from(err: crate::plan::PlanError) -> Error {
        Error::Usage(err.to_string())
    }
}

impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Error {
        Error::Internal(err)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::Internal(err.into())
    }
}

impl From<dialoguer::Error> for Error {
    fn from(err: dialoguer::Error) -> Error {
        Error::Internal(err.into())
    }
}

/// Runs what `config` asks for in the world `env` describes, putting what to write in `out`
/// and returning the outcome.
pub fn run(config: &Config, env: &Env, out: &mut Out) -> Result<Outcome> {
    let cli = &Ctx { config, env };
    match &config.command {
        Command::Catalogue(cmd) => catalogue::run(cli, cmd, out),
        Command::Assess(args) => assess::assess(cli, args, out),
        Command::Validate { answers } => answers::validate(cli, answers, out),
        Command::Plan(args) => assess::plan(cli, args, out),
        Command::Report(args) => assess::report(cli, args, out),
        Command::Schema => {
            out.stdout(crate::schema::ANSWERS_SCHEMA);
            Ok(Outcome::Passed)
        }
        Command::Init(args) => answers::init(cli, args, out),
        Command::Import(args) => crate::collect::command::import(cli, args, out),
        Command::Interview(args) => crate::collect::command::interview(cli, args, out),
        Command::Diff(args) => crate::progress::command::diff(cli, args, out),
        Command::Trend(args) => crate::progress::command::trend(cli, args, out),
        Command::Evidence(cmd) => crate::evidence::command::run(cli, cmd, out),
    }
}

/// The run's options with the world it runs in: what every command takes.
pub struct Ctx<'a> {
    /// What the command line asked for.
    pub config: &'a Config,
    /// The date, the terminals and the variables, as the binary read them.
    pub env: &'a Env,
}

impl Ctx<'_> {
    /// `--as-of`, when given.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.config.as_of.map(|as_of| as_of.resolve(self.env.today))
    }

    /// `--as-of`, else today: the date of a new questionnaire or catalogue export.
    pub fn as_of_or_today(&self) -> NaiveDate {
        self.as_of().unwrap_or(self.env.today)
    }

    /// What the output can use; `to_file` when the data goes to `-o FILE`.
    pub fn term(&self, to_file: bool) -> Term {
        self.env.term(self.config.color, to_file)
    }
}

/// The catalogue for this run: `--catalogue FILE`, or the built-in one.
pub fn load_catalogue(cli: &Ctx<'_>, out: &mut Out) -> Result<Catalogue> {
    match &cli.config.catalogue {
        Some(path) => {
            out.input(path);
            let (catalogue, warnings) = crate::catalogue::load_file(path)?;
            out.warn(warnings);
            Ok(catalogue)
        }
        None => Ok(Catalogue::embedded()?),
    }
}

/// Loads and validates an answers file, keeping its warnings for stderr.
pub fn load_answers(path: &str, catalogue: &Catalogue, out: &mut Out) -> Result<AnswersFile> {
    let (file, warnings) = crate::answers::load(path, catalogue)?;
    out.warn(warnings);
    Ok(file)
}

/// `--clause`, trimmed, when the catalogue has it.
pub fn clause_flag<'a>(catalogue: &Catalogue, clause: Option<&'a str>) -> Result<Option<&'a str>> {
    let clause = clause.map(str::trim);
    match clause {
        Some(id) if catalogue.clause(id).is_none() => Err(Error::usage(format!(
            "invalid --clause: {}",
            unknown_id_message(catalogue, id, "clause")
        ))),
        _ => Ok(clause),
    }
}

/// A problem in a JSON file the tool wrote itself (a manifest, `assess` output), at the
/// parser's `(line, column, message)`.
pub fn json_problem(
    path: &str,
    text: &str,
    (line, col, message): (usize, usize, String),
    what: &str,
    help: &str,
) -> Error {
    let mut report = Report::new(path, text);
    report.push(
        crate::diag::Diagnostic::error(
            crate::diag::Pos::new(line as u32, col.max(1) as u32),
            format!("{what}: {message}"),
        )
        .help(help),
    );
    report.into()
}

/// "no clause `8.9` in iso20000-1:2018; did you mean `8.6` or `8.7`?"
pub fn unknown_id_message(catalogue: &Catalogue, id: &str, what: &str) -> String {
    if what == "clause"
        && let Some(r) = catalogue.requirement(id)
    {
        return format!(
            "`{id}` is a requirement, and this takes a clause: give its clause `{}`",
            r.clause
        );
    }
    let mut message = format!("no {what} `{id}` in the catalogue `{}`", catalogue.id);
    if let Some(help) = catalogue.suggest(id) {
        message.push_str("; ");
        message.push_str(&help);
    } else {
        message.push_str("; `iso20k catalogue list` shows every id");
    }
    message
}
