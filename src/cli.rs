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
    /// What changed between two assessments: scores, verdict, gaps, findings and evidence.
    Diff(DiffArgs),
    /// Score, verdict and clause scores over the answers file's git history.
    Trend(TrendArgs),
    /// Hash the evidence files an answers file names; later, find those missing or changed.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// Check an answers file and report every problem in it (exit 0 valid, 2 invalid).
    Validate {
        /// The answers file (YAML, or TOML by extension; `-` for stdin).
        answers: String,
    },
    /// Write a questionnaire to fill in: every id with its requirement as a comment.
    Init(InitArgs),
    /// Read a filled-in questionnaire workbook (or CSV) back into an answers file.
    Import(ImportArgs),
    /// Ask about each requirement in the terminal, writing the answers file after each answer.
    Interview(InterviewArgs),
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

    /// Output format [default: the extension of -o FILE, else table].
    #[arg(long, short, value_enum)]
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
    #[arg(long, value_name = "N", default_value_t = crate::report::GITHUB_ANNOTATIONS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_annotations: usize,

    #[command(flatten)]
    pub gates: GateArgs,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier assessment: an answers file, `assess --format json` output, or REV:PATH
    /// read from git (e.g. `HEAD~1:answers.yaml`, `v2026-q3:answers.yaml`).
    pub old: String,

    /// The later assessment, in any of the same forms.
    pub new: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,

    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,

    /// Fail (exit 1) when a requirement's status gets worse or a clause score drops.
    #[arg(long, help_heading = "Gates")]
    pub fail_on_regression: bool,

    /// Score drops of at most PCT percentage points are noise, not regressions.
    #[arg(
        long,
        value_name = "PCT",
        default_value_t = 0.0,
        help_heading = "Gates"
    )]
    pub threshold: f64,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS")]
    pub evidence_max_age: Option<u32>,
}

/// Formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A summary for people (default).
    Table,
    /// Stable data with `schema_version`.
    Json,
    /// A pull-request comment.
    Markdown,
    /// GitHub Actions annotations on the regressed answers' lines.
    Github,
    /// One self-contained page.
    Html,
}

/// Arguments of `trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The answers file, committed in a git repository.
    pub answers: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = TrendFormat::Table)]
    pub format: TrendFormat,

    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,

    /// Only commits made on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Evidence reviewed more than DAYS before the as-of date is stale [default: 365].
    #[arg(long, value_name = "DAYS")]
    pub evidence_max_age: Option<u32>,
}

/// Formats of `trend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// The commits and a sparkline per clause (default).
    Table,
    /// `points[]`: one per commit.
    Json,
    /// One row per commit, one column per clause.
    Csv,
    /// One page with an SVG line chart.
    Html,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Write the manifest (path, size, SHA-256 of each evidence file) beside the answers file.
    Lock(EvidenceArgs),
    /// Find evidence files missing or changed since the lock (exit 1 when any is).
    Check(EvidenceCheckArgs),
}

/// Arguments of `evidence lock` and `evidence check`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// The answers file.
    pub answers: String,

    /// The folder evidence paths are relative to [default: the answers file's folder].
    #[arg(long, value_name = "DIR")]
    pub evidence_root: Option<String>,
}

/// Arguments of `evidence check`.
#[derive(Debug, Args)]
pub struct EvidenceCheckArgs {
    #[command(flatten)]
    pub common: EvidenceArgs,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = EvidenceFormat::Table)]
    pub format: EvidenceFormat,
}

/// Formats of `evidence check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvidenceFormat {
    /// A table for people (default).
    Table,
    /// Every entry with its state.
    Json,
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

    /// Check the evidence files the answers name below DIR (`missing-evidence`,
    /// `changed-evidence` since `evidence lock`) [default: no check].
    #[arg(long, value_name = "DIR")]
    pub evidence_root: Option<String>,
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
    /// Where to write the questionnaire: `.xlsx` gives a workbook to send out, `.toml` TOML,
    /// anything else YAML.
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

/// The formats a command writes and where: from `--format` and every `-o [FORMAT=]FILE`.
///
/// `-o FILE` alone takes the format from the file's extension when `--format` is not given;
/// `FORMAT=FILE` names its own; standard output gets `--format` (or the table) when no `-o`
/// is given.
pub fn outputs<F: ValueEnum + Copy>(
    format: Option<F>,
    values: &[String],
    command: &str,
) -> anyhow::Result<Vec<(F, Option<String>)>> {
    let named = |name: &str| F::from_str(name, true).ok();
    let table = || named("table").or_else(|| F::value_variants().first().copied());
    let mut out = Vec::new();
    let mut plain = Vec::new();
    for value in values {
        match value
            .split_once('=')
            .and_then(|(f, path)| Some((named(f)?, path)))
        {
            Some((f, path)) if !path.is_empty() => out.push((f, Some(path.to_string()))),
            _ => plain.push(value),
        }
    }
    if plain.len() > 1 {
        anyhow::bail!(
            "-o is given {} files without a format: write each as FORMAT=FILE (e.g. -o junit=report.xml)",
            plain.len()
        );
    }
    if let Some(path) = plain.first() {
        let f = match format {
            Some(f) => f,
            None => match format_of_extension(path) {
                Some(name) => named(name).ok_or_else(|| {
                    anyhow::anyhow!(
                        "-o {path}: `{command}` cannot write {name}; choose a format with --format"
                    )
                })?,
                None => table().ok_or_else(|| anyhow::anyhow!("no output format"))?,
            },
        };
        out.push((f, Some((*path).clone())));
    } else if out.is_empty() || format.is_some() {
        let f = match format {
            Some(f) => f,
            None => table().ok_or_else(|| anyhow::anyhow!("no output format"))?,
        };
        out.push((f, None));
    }
    Ok(out)
}

/// The format a file name's extension stands for.
fn format_of_extension(path: &str) -> Option<&'static str> {
    let name = path.to_ascii_lowercase();
    let ends = |suffix: &str| name.ends_with(suffix);
    Some(if ends(".sarif") || ends(".sarif.json") {
        "sarif"
    } else if ends(".oscal.json") {
        "oscal"
    } else if ends(".json") {
        "json"
    } else if ends(".csv") {
        "csv"
    } else if ends(".md") || ends(".markdown") {
        "markdown"
    } else if ends(".html") || ends(".htm") {
        "html"
    } else if ends(".xlsx") {
        "xlsx"
    } else if ends(".xml") {
        "junit"
    } else if ends(".ics") {
        "ics"
    } else if ends(".docx") {
        "docx"
    } else {
        return None;
    })
}
