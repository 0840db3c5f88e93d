//! Arguments of `plan` and `report`, and the schedule options they share.

use clap::{Args, ValueEnum};

use super::GateArgs;

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
    /// An editable Word document: named styles, a contents field, repeating table headers.
    Docx,
}

/// Paper the deliverable is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// 210 x 297 mm.
    A4,
    /// 8.5 x 11 in.
    Letter,
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

    /// The consultancy's brand: a TOML file with name, title, logo, accent and
    /// confidentiality.
    #[arg(long, value_name = "FILE.toml")]
    pub brand: Option<String>,

    /// The consultant's commentary (Markdown: headings, paragraphs, bullets, **bold**),
    /// shown after the executive summary.
    #[arg(long, value_name = "FILE.md")]
    pub narrative: Option<String>,

    /// Paper size of the printed HTML and of the DOCX and XLSX pages.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,

    #[command(flatten)]
    pub schedule: ScheduleArgs,

    #[command(flatten)]
    pub gates: GateArgs,
}
