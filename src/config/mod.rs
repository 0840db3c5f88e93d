//! What a run was asked to do, clap-free: the binary parses the command line (clap, value
//! parsers and help text live there) and builds one [`Config`]; the library takes only this.
//! Every value here is already checked as far as it can be without reading a file: dates are
//! dates, percentages are within 0 to 100, each output has its format. What needs a file to
//! check (a clause id needs the catalogue) is checked by the command.
//!
//! `commands` holds each command's options; [`Choice`] gives each keyword enum its names, so
//! the binary can offer them as possible values and `-o FORMAT=FILE` can read them.

/// Declares a keyword option's values, each with its name on the command line and, after a
/// colon, its help: `pub enum E { … }` declares the enum too, `impl path::E { … }` gives an
/// enum declared elsewhere its names.
macro_rules! choices {
    ($(#[$meta:meta])* pub enum $name:ident { $($value:ident = $text:literal $(: $help:literal)?),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($value),+ }
        choices! { impl $name { $($value = $text $(: $help)?),+ } }
    };
    (impl $name:path { $($value:ident = $text:literal $(: $help:literal)?),+ $(,)? }) => {
        impl $crate::config::Choice for $name {
            const CHOICES: &'static [(Self, &'static str, &'static str)] = &[
                $((<$name>::$value, $text, choices!(@help $($help)?))),+
            ];
        }
    };
    (@help $help:literal) => { $help };
    (@help) => { "" };
}

mod commands;
mod outputs;

use chrono::NaiveDate;

pub use commands::{
    Assess, AssessFormat, CatalogueCommand, Diff, DiffFormat, EvidenceCommand, EvidenceFiles,
    EvidenceFormat, Gates, Import, Init, Interview, Level, ListFormat, Plan, PlanFormat, Report,
    Schedule, Trend, TrendFormat,
};
pub use outputs::{answers_file_problem, output, outputs};

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

choices! {
    /// When to use colour.
    pub enum ColorChoice {
        Auto = "auto": "On a terminal, unless NO_COLOR is set",
        Always = "always": "Always, even into a pipe or a file",
        Never = "never": "Never",
    }
}

choices! {
    impl crate::assess::Grade {
        Major = "major",
        Minor = "minor",
        Observation = "observation",
    }
}

choices! {
    impl crate::plan::Grouping {
        Clause = "clause",
        Requirement = "requirement",
    }
}

choices! {
    impl crate::report::Paper {
        A4 = "a4": "210 x 297 mm",
        Letter = "letter": "8.5 x 11 in",
    }
}

choices! {
    impl crate::report::DeliverableFormat {
        Html = "html": "One self-contained page: charts, gap register, findings, plan with a Gantt chart",
        Xlsx = "xlsx": "A workbook with a sheet per part",
        Markdown = "markdown": "One Markdown document",
        Docx = "docx": "An editable Word document: named styles, a contents field, repeating table headers",
    }
}
