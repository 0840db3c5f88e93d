//! What a run may know of the world outside its inputs: the date, the terminal, the variables
//! it honours and the working directory. The binary reads them once, at its edge; the library
//! only ever sees this value, so its results depend on nothing it was not handed (and tests can
//! hand it any world they like).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::ColorChoice;
use crate::output::{DEFAULT_WIDTH, Term};

/// The world outside the inputs, as read by the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Env {
    /// Today, from the system clock: the fallback as-of date.
    pub today: NaiveDate,
    /// Standard input is a terminal (someone can answer questions).
    pub stdin_terminal: bool,
    /// Standard output is a terminal.
    pub stdout_terminal: bool,
    /// Standard error is a terminal.
    pub stderr_terminal: bool,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// The terminal's width in columns (`COLUMNS`, else the terminal's own), when known.
    pub columns: Option<u16>,
    /// `$GITHUB_STEP_SUMMARY`, when set and not empty.
    pub github_step_summary: Option<PathBuf>,
    /// The working directory, for paths relative to it in code-scanning results.
    pub cwd: Option<PathBuf>,
}

impl Env {
    /// A world with no terminal, no variables and no working directory: what files, pipes
    /// and tests get.
    pub fn plain(today: NaiveDate) -> Env {
        Env {
            today,
            stdin_terminal: false,
            stdout_terminal: false,
            stderr_terminal: false,
            no_color: false,
            columns: None,
            github_step_summary: None,
            cwd: None,
        }
    }

    /// What the output can use for `choice`. `to_file` is true when the data goes to
    /// `-o FILE` rather than standard output. Off a terminal the width is fixed, so files and
    /// pipes get the same bytes on every machine.
    pub fn term(&self, choice: ColorChoice, to_file: bool) -> Term {
        let stdout_tty = !to_file && self.stdout_terminal;
        let decide = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !self.no_color,
        };
        let width = match self.columns {
            Some(columns) if stdout_tty => columns.clamp(40, 400),
            _ => DEFAULT_WIDTH,
        };
        Term {
            color: decide(stdout_tty) && !to_file,
            color_stderr: decide(self.stderr_terminal),
            width,
        }
    }
}
