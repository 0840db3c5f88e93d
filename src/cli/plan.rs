//! Arguments of `plan` and `report`, and the schedule options they share.

use chrono::NaiveDate;
use clap::Args;
use iso20k::config::{self, PlanFormat, Schedule};
use iso20k::plan::Grouping;
use iso20k::report::{DeliverableFormat, Paper};

use super::GateArgs;
use super::parse::{capacity, choice, date};

/// Arguments of `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The answers file (YAML, or TOML by extension; `-` for stdin).
    pub answers: String,

    /// Output format [default: the extension of -o FILE, else table].
    #[arg(long, short, value_parser = choice::<PlanFormat>())]
    pub format: Option<PlanFormat>,

    /// Write to FILE instead of standard output (FORMAT=FILE names the format too).
    #[arg(long, short, value_name = "[FORMAT=]FILE")]
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

impl PlanArgs {
    /// The options of `plan`; the error is a usage message about `-o`.
    pub fn config(self) -> Result<config::Plan, String> {
        let (format, output) = config::output(self.format, self.output.as_deref(), "plan")?;
        Ok(config::Plan {
            answers: self.answers,
            format,
            output,
            clause: self.clause,
            schedule: self.schedule.config(),
            evidence_max_age: self.evidence_max_age,
            policy: self.policy,
        })
    }
}

/// How the remediation plan is scheduled.
#[derive(Debug, Args, Clone)]
pub struct ScheduleArgs {
    /// First day of work, YYYY-MM-DD [default: the as-of date].
    #[arg(long, value_name = "DATE", help_heading = "Schedule", value_parser = date)]
    pub start: Option<NaiveDate>,

    /// Person-days of work per week of each owner not named in --team, spread over the
    /// working days (fractions allowed); work nobody owns is one more owner.
    #[arg(
        long,
        value_name = "DAYS_PER_WEEK",
        default_value = "5",
        value_parser = capacity,
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
    #[arg(long, value_parser = choice::<Grouping>(), default_value = "clause", help_heading = "Schedule")]
    pub group: Grouping,

    /// A TOML file of owners' capacities: `[owners] "Service Desk Manager" = 2.5`.
    #[arg(long, value_name = "FILE.toml", help_heading = "Schedule")]
    pub team: Option<String>,

    /// Days nobody works: YYYY-MM-DD lines, or an iCalendar (.ics) file.
    #[arg(long, value_name = "FILE", help_heading = "Schedule")]
    pub holidays: Option<String>,

    /// A booked stage 1 audit date: reachable, or the capacity that would reach it.
    #[arg(long = "stage1-audit", value_name = "DATE", help_heading = "Schedule", value_parser = date)]
    pub stage_1_audit: Option<NaiveDate>,

    /// A booked stage 2 audit date: reachable, or the capacity that would reach it.
    #[arg(long = "stage2-audit", value_name = "DATE", help_heading = "Schedule", value_parser = date)]
    pub stage_2_audit: Option<NaiveDate>,
}

impl ScheduleArgs {
    /// The schedule's options.
    pub fn config(self) -> Schedule {
        Schedule {
            start: self.start,
            capacity: self.capacity,
            operating_period: self.operating_period,
            group: self.group,
            team: self.team,
            holidays: self.holidays,
            stage_1_audit: self.stage_1_audit,
            stage_2_audit: self.stage_2_audit,
        }
    }
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The answers file (YAML, or TOML by extension; `-` for stdin).
    pub answers: String,

    /// Output format [default: the extension of -o FILE].
    #[arg(long, short, value_parser = choice::<DeliverableFormat>())]
    pub format: Option<DeliverableFormat>,

    /// The file to write (FORMAT=FILE names the format too).
    #[arg(long, short, value_name = "[FORMAT=]FILE")]
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
    #[arg(long, value_parser = choice::<Paper>(), default_value = "a4")]
    pub paper: Paper,

    #[command(flatten)]
    pub schedule: ScheduleArgs,

    #[command(flatten)]
    pub gates: GateArgs,
}

impl ReportArgs {
    /// The options of `report`; the error is a usage message about `-o`.
    pub fn config(self) -> Result<config::Report, String> {
        let (format, output) = config::output(self.format, Some(&self.output), "report")?;
        Ok(config::Report {
            answers: self.answers,
            format,
            output: output.unwrap_or(self.output),
            clause: self.clause,
            brand: self.brand,
            narrative: self.narrative,
            paper: self.paper,
            schedule: self.schedule.config(),
            gates: self.gates.config(),
        })
    }
}
