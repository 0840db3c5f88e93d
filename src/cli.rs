//! Command-line arguments: definitions and help text only. `app` turns them into work.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Gap assessments against ISO/IEC 20000-1:2018 (service management system requirements).
///
/// Exit status: 0 when no gate failed, 1 when a gate failed, 2 when the tool could not do its
/// job (bad input, usage error, unreadable or unwritable file).
#[derive(Debug, Parser)]
#[command(name = "iso20k", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use this catalogue instead of the built-in ISO/IEC 20000-1:2018 one.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalogue: Option<String>,

    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// The as-of date: YYYY-MM-DD or `today` [default: the answers file's date, else today].
    #[arg(long, global = true, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score an answers file: clause scores, gaps, findings, verdict and gates.
    Assess(AssessArgs),
    /// A dated remediation plan: work packages, owners, effort, dates and audit milestones.
    Plan(PlanArgs),
    /// The consultant's deliverable: summary, gaps, findings, plan and evidence in one file.
    Report(ReportArgs),
    /// Check an answers file and report every problem in it (exit 0 valid, 2 invalid).
    Validate {
        /// The answers file (YAML, or TOML by extension; `-` for stdin).
        answers: String,
    },
    /// Write a questionnaire to fill in: every id with its requirement as a comment.
    Init(InitArgs),
    /// Browse and check requirement catalogues.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// The JSON Schema of the answers file, for editors.
    Schema,
    /// Shell completions for bash, zsh, fish, elvish or PowerShell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The man page, in roff.
    Man,
}

/// Arguments of `assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The answers file (YAML, or TOML by extension; `-` for stdin).
    pub answers: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = AssessFormat::Table)]
    pub format: AssessFormat,

    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,

    /// Assess only this clause and what is below it (e.g. 8.5).
    #[arg(long, value_name = "CLAUSE")]
    pub clause: Option<String>,

    /// Gaps shown in the table, worst first (0 for all).
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub limit: usize,

    #[command(flatten)]
    pub gates: GateArgs,
}

/// Arguments of `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The answers file (YAML, or TOML by extension; `-` for stdin).
    pub answers: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,

    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,

    /// Plan only this clause and what is below it (e.g. 8.5).
    #[arg(long, value_name = "CLAUSE")]
    pub clause: Option<String>,

    #[command(flatten)]
    pub schedule: ScheduleArgs,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS")]
    pub evidence_max_age: Option<u32>,

    /// The policy file `assess` uses (its evidence age and booked audits), so both see the
    /// same findings.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<String>,
}

/// How the remediation plan is scheduled.
#[derive(Debug, Args, Clone)]
pub struct ScheduleArgs {
    /// First day of work, YYYY-MM-DD [default: the as-of date].
    #[arg(long, value_name = "DATE", help_heading = "Schedule")]
    pub start: Option<String>,

    /// Person-days of work per week of each owner not named in --team, spread over the
    /// working days (fractions allowed); work nobody owns is one more owner.
    #[arg(
        long,
        value_name = "DAYS_PER_WEEK",
        default_value_t = 5.0,
        help_heading = "Schedule"
    )]
    pub capacity: f64,

    /// Calendar days the system must run to produce records before stage 2.
    #[arg(
        long,
        value_name = "DAYS",
        default_value_t = 90,
        help_heading = "Schedule"
    )]
    pub operating_period: u32,

    /// One work package per leaf clause, or one per requirement.
    #[arg(long, value_enum, default_value_t = GroupArg::Clause, help_heading = "Schedule")]
    pub group: GroupArg,

    /// A TOML file of owners' capacities: `[owners] "Service Desk Manager" = 2.5`.
    #[arg(long, value_name = "FILE.toml", help_heading = "Schedule")]
    pub team: Option<String>,

    /// Days nobody works: YYYY-MM-DD lines, or an iCalendar (.ics) file.
    #[arg(long, value_name = "FILE", help_heading = "Schedule")]
    pub holidays: Option<String>,

    /// A booked stage 1 audit date: reachable, or the capacity that would reach it.
    #[arg(long = "stage1-audit", value_name = "DATE", help_heading = "Schedule")]
    pub stage_1_audit: Option<String>,

    /// A booked stage 2 audit date: reachable, or the capacity that would reach it.
    #[arg(long = "stage2-audit", value_name = "DATE", help_heading = "Schedule")]
    pub stage_2_audit: Option<String>,
}

/// Work package grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    Clause,
    Requirement,
}

/// Formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Milestones and work packages for people (default).
    Table,
    /// Stable data: packages, tasks, milestones.
    Json,
    /// One row per task, with the columns issue trackers import.
    Csv,
    /// Tables and a Mermaid Gantt chart for wikis and pull requests.
    Markdown,
    /// One self-contained page with a Gantt chart.
    Html,
    /// A workbook (needs -o FILE unless piped).
    Xlsx,
    /// iCalendar: an event per work package and milestone, for any calendar.
    Ics,
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page: charts, gap register, findings, plan with a Gantt chart.
    Html,
    /// A workbook with a sheet per part.
    Xlsx,
    /// One Markdown document.
    Markdown,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The answers file (YAML, or TOML by extension; `-` for stdin).
    pub answers: String,

    /// Output format.
    #[arg(long, short, value_enum)]
    pub format: ReportFormat,

    /// The file to write.
    #[arg(long, short, value_name = "FILE")]
    pub output: String,

    /// Report only this clause and what is below it (e.g. 8.5).
    #[arg(long, value_name = "CLAUSE")]
    pub clause: Option<String>,

    #[command(flatten)]
    pub schedule: ScheduleArgs,

    #[command(flatten)]
    pub gates: GateArgs,
}

/// Gate options, shared by the commands that judge an assessment.
#[derive(Debug, Args, Clone, Default)]
pub struct GateArgs {
    /// Fail (exit 1) when the overall score is below PCT.
    #[arg(long, value_name = "PCT", help_heading = "Gates")]
    pub fail_under: Option<f64>,

    /// Fail (exit 1) on any unwaived finding of this grade or worse.
    #[arg(long, value_enum, value_name = "GRADE", help_heading = "Gates")]
    pub fail_on: Option<GradeArg>,

    /// Fail (exit 1) unless every requirement below CLAUSE is met or waived (repeatable).
    #[arg(long, value_name = "CLAUSE", help_heading = "Gates")]
    pub require: Vec<String>,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS", help_heading = "Gates")]
    pub evidence_max_age: Option<u32>,

    /// Read gates from a TOML policy file; flags override its values and add to `require`.
    #[arg(long, value_name = "FILE", help_heading = "Gates")]
    pub policy: Option<String>,
}

/// Finding grades for `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeArg {
    Major,
    Minor,
    Observation,
}

/// Formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    /// A table for people (default).
    Table,
    /// Stable data with `schema_version`.
    Json,
    /// One row per requirement.
    Csv,
    /// Tables for wikis and pull requests.
    Markdown,
    /// One self-contained page.
    Html,
    /// A workbook (needs -o FILE unless piped).
    Xlsx,
    /// JUnit XML: a test case per requirement.
    Junit,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions annotations (and a step summary).
    Github,
    /// OSCAL assessment results.
    Oscal,
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the questionnaire; `.toml` gives TOML, anything else YAML.
    #[arg(long, short, value_name = "FILE", default_value = "answers.yaml")]
    pub output: String,

    /// One answer per requirement, or one per leaf clause.
    #[arg(long, value_enum, default_value_t = Level::Requirement)]
    pub level: Level,

    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,

    /// The organization's name to put in the questionnaire.
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,
}

/// Granularity of a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Clause,
    Requirement,
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// List the requirements, as a table or as data.
    List {
        /// Only the requirements below this clause (e.g. 8.5).
        #[arg(long, value_name = "CLAUSE")]
        clause: Option<String>,

        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,

        /// Write to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE")]
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

/// Formats of `catalogue list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for people.
    Table,
    /// Every field of every requirement.
    Json,
    /// One row per requirement.
    Csv,
    /// A table per clause.
    Markdown,
    /// An OSCAL catalog.
    Oscal,
}
