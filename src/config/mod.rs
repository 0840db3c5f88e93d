//! What a run was asked to do, clap-free: the binary parses the command line (clap, value
//! parsers and help text live there) and builds one [`Config`]; the library takes only this.
//! Every value here is already checked as far as it can be without reading a file: dates are
//! dates, percentages are within 0 to 100, each output has its format. What needs a file to
//! check (a clause id needs the catalogue) is checked by the command.
//!
//! `commands` holds each command's options; [`Choice`] gives each keyword enum its names, so
//! the binary can offer them as possible values and `-o FORMAT=FILE` can read them.

mod commands;
mod outputs;

use chrono::NaiveDate;

pub use commands::{
    Assess, AssessFormat, CatalogueCommand, Diff, DiffFormat, EvidenceCommand, EvidenceFiles,
    EvidenceFormat, Gates, Import, Init, Interview, Level, ListFormat, Plan, PlanFormat, Report,
    Schedule, Trend, TrendFormat,
};
pub use outputs::outputs;

/// One run of the tool, as the command line asked for it.
#[derive(Debug, Clone)]
pub struct Config {
    /// `--catalogue FILE`: the catalogue to assess against instead of the built-in one.
    pub catalogue: Option<String>,
    /// When the output may use colour.
    pub color: ColorChoice,
    /// `--as-of`; `None` leaves it to the answers file's date, else today.
    pub as_of: Option<AsOf>,
    /// The command and its options.
    pub command: Command,
}

/// The commands the library runs. (`completions` and `man` describe the command line itself,
/// so the binary answers them.)
#[derive(Debug, Clone)]
pub enum Command {
    Assess(Assess),
    Plan(Plan),
    Report(Report),
    Diff(Diff),
    Trend(Trend),
    Evidence(EvidenceCommand),
    /// Check an answers file.
    Validate {
        /// The answers file; `-` is standard input.
        answers: String,
    },
    Init(Init),
    Import(Import),
    Interview(Interview),
    Catalogue(CatalogueCommand),
    /// Print the answers file's JSON Schema.
    Schema,
}

/// An as-of date as given: a day, or `today` (resolved against the clock the binary read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    Today,
    Date(NaiveDate),
}

impl AsOf {
    /// The day this stands for when today is `today`.
    pub fn resolve(self, today: NaiveDate) -> NaiveDate {
        match self {
            AsOf::Today => today,
            AsOf::Date(date) => date,
        }
    }
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A keyword option: the values it takes, each with its name on the command line and a line
/// of help.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every value in the order help lists them: `(value, name, help)`.
    const CHOICES: &'static [(Self, &'static str, &'static str)];

    /// The value's name on the command line.
    fn name(self) -> &'static str {
        Self::CHOICES
            .iter()
            .find(|(value, _, _)| *value == self)
            .map_or("", |(_, name, _)| name)
    }

    /// The value named `name`, ignoring ASCII case.
    fn from_name(name: &str) -> Option<Self> {
        Self::CHOICES
            .iter()
            .find(|(_, n, _)| n.eq_ignore_ascii_case(name))
            .map(|(value, _, _)| *value)
    }
}

impl Choice for ColorChoice {
    const CHOICES: &'static [(Self, &'static str, &'static str)] = &[
        (
            ColorChoice::Auto,
            "auto",
            "On a terminal, unless NO_COLOR is set",
        ),
        (
            ColorChoice::Always,
            "always",
            "Always, even into a pipe or a file",
        ),
        (ColorChoice::Never, "never", "Never"),
    ];
}

impl Choice for crate::assess::Grade {
    const CHOICES: &'static [(Self, &'static str, &'static str)] = &[
        (crate::assess::Grade::Major, "major", ""),
        (crate::assess::Grade::Minor, "minor", ""),
        (crate::assess::Grade::Observation, "observation", ""),
    ];
}

impl Choice for crate::plan::Grouping {
    const CHOICES: &'static [(Self, &'static str, &'static str)] = &[
        (crate::plan::Grouping::Clause, "clause", ""),
        (crate::plan::Grouping::Requirement, "requirement", ""),
    ];
}

impl Choice for crate::report::Paper {
    const CHOICES: &'static [(Self, &'static str, &'static str)] = &[
        (crate::report::Paper::A4, "a4", "210 x 297 mm"),
        (crate::report::Paper::Letter, "letter", "8.5 x 11 in"),
    ];
}

impl Choice for crate::report::DeliverableFormat {
    const CHOICES: &'static [(Self, &'static str, &'static str)] = &[
        (
            crate::report::DeliverableFormat::Html,
            "html",
            "One self-contained page: charts, gap register, findings, plan with a Gantt chart",
        ),
        (
            crate::report::DeliverableFormat::Xlsx,
            "xlsx",
            "A workbook with a sheet per part",
        ),
        (
            crate::report::DeliverableFormat::Markdown,
            "markdown",
            "One Markdown document",
        ),
        (
            crate::report::DeliverableFormat::Docx,
            "docx",
            "An editable Word document: named styles, a contents field, repeating table headers",
        ),
    ];
}
