//! Each command's options, as checked values. Paths stay as the user wrote them (`-` is
//! standard input or output where a command allows it), since messages name them that way.

use chrono::NaiveDate;

use crate::assess::Grade;
use crate::plan::Grouping;
use crate::report::{DeliverableFormat, Paper};

/// `assess`: score one answers file.
#[derive(Debug, Clone)]
pub struct Assess {
    /// The answers file.
    pub answers: String,
    /// Each format to write and where (`None` is standard output); never empty.
    pub outputs: Vec<(AssessFormat, Option<String>)>,
    /// Only this clause and what is below it.
    pub clause: Option<String>,
    /// Gaps listed in the table and the Markdown, worst first; 0 lists all.
    pub limit: usize,
    /// GitHub annotations of each level, at least 1.
    pub max_annotations: usize,
    /// The gates that decide the exit status.
    pub gates: Gates,
}

/// The gates an assessment is judged by, and what shapes its findings.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    /// Fail below this overall score, a percentage from 0 to 100.
    pub fail_under: Option<f64>,
    /// Fail on an unwaived finding of this grade or worse.
    pub fail_on: Option<Grade>,
    /// Clause ids whose requirements must all be met or waived, as typed (checked against the
    /// catalogue by the command).
    pub require: Vec<String>,
    /// Days after which reviewed evidence is stale; `None` leaves it to the policy, else 365.
    pub evidence_max_age: Option<u32>,
    /// A TOML policy file; the fields above override its values and add to its `require`.
    pub policy: Option<String>,
    /// The folder to check evidence files under; `None` checks none.
    pub evidence_root: Option<String>,
}

/// `plan`: a dated remediation plan.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The answers file.
    pub answers: String,
    pub format: PlanFormat,
    /// Where to write; `None` is standard output.
    pub output: Option<String>,
    /// Only this clause and what is below it.
    pub clause: Option<String>,
    pub schedule: Schedule,
    /// Days after which reviewed evidence is stale (as for `assess`).
    pub evidence_max_age: Option<u32>,
    /// The policy file `assess` uses: its evidence age and booked audits.
    pub policy: Option<String>,
}

/// How a plan is scheduled.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// The first working day; `None` is the as-of date.
    pub start: Option<NaiveDate>,
    /// Person-days a week of each owner the team file does not name: finite, above 0 and at
    /// most `plan::files::MAX_CAPACITY`.
    pub capacity: f64,
    /// Calendar days the system runs before stage 2.
    pub operating_period: u32,
    pub group: Grouping,
    /// A TOML file of owners' capacities and booked audits.
    pub team: Option<String>,
    /// A file of days nobody works.
    pub holidays: Option<String>,
    /// A booked stage 1 audit; overrides the team file's and the policy's.
    pub stage_1_audit: Option<NaiveDate>,
    /// A booked stage 2 audit; overrides the team file's and the policy's.
    pub stage_2_audit: Option<NaiveDate>,
}

/// `report`: the consultant's deliverable.
#[derive(Debug, Clone)]
pub struct Report {
    /// The answers file.
    pub answers: String,
    pub format: DeliverableFormat,
    /// The file to write.
    pub output: String,
    /// Only this clause and what is below it.
    pub clause: Option<String>,
    /// The consultancy's brand file (TOML).
    pub brand: Option<String>,
    /// The consultant's commentary (Markdown).
    pub narrative: Option<String>,
    pub paper: Paper,
    pub schedule: Schedule,
    pub gates: Gates,
}

/// `diff`: what changed between two assessments.
#[derive(Debug, Clone)]
pub struct Diff {
    /// The earlier side: an answers file, `assess` JSON, or `REV:PATH`.
    pub old: String,
    /// The later side, in any of the same forms.
    pub new: String,
    pub format: DiffFormat,
    /// Where to write; `None` is standard output.
    pub output: Option<String>,
    /// Exit 1 when anything regressed.
    pub fail_on_regression: bool,
    /// Score drops of at most this many percentage points (0 to 100) are noise.
    pub threshold: f64,
    /// Days after which reviewed evidence is stale.
    pub evidence_max_age: Option<u32>,
}

/// `trend`: scores over the answers file's history.
#[derive(Debug, Clone)]
pub struct Trend {
    /// The answers file, committed in git.
    pub answers: String,
    pub format: TrendFormat,
    /// Where to write; `None` is standard output.
    pub output: Option<String>,
    /// Only commits made on or after this day.
    pub since: Option<NaiveDate>,
    /// Days after which reviewed evidence is stale.
    pub evidence_max_age: Option<u32>,
}

/// `evidence lock` and `evidence check`.
#[derive(Debug, Clone)]
pub enum EvidenceCommand {
    Lock(EvidenceFiles),
    Check(EvidenceFiles, EvidenceFormat),
}

/// The evidence an answers file names, and where its files are.
#[derive(Debug, Clone)]
pub struct EvidenceFiles {
    /// The answers file.
    pub answers: String,
    /// The folder evidence paths are relative to; `None` is the answers file's folder.
    pub evidence_root: Option<String>,
}

/// `init`: write a questionnaire.
#[derive(Debug, Clone)]
pub struct Init {
    /// Where to write: `.xlsx` a workbook, `.toml` TOML, else YAML; `-` is standard output.
    pub output: String,
    pub level: Level,
    /// Replace the file if it exists.
    pub force: bool,
    /// The organization's name.
    pub organization: Option<String>,
    /// An answers file to pre-fill a workbook with.
    pub from: Option<String>,
}

/// `import`: read a filled-in questionnaire back.
#[derive(Debug, Clone)]
pub struct Import {
    /// The workbook or CSV file.
    pub file: String,
    /// The answers file to write; `None` writes the `into` file.
    pub output: Option<String>,
    /// An answers file to merge into.
    pub into: Option<String>,
    /// Replace the output file if it exists.
    pub force: bool,
    /// The organization's name, when the questionnaire does not give it.
    pub organization: Option<String>,
}

/// `interview`: ask in the terminal.
#[derive(Debug, Clone)]
pub struct Interview {
    /// The answers file to fill in.
    pub answers: String,
    /// Only the requirements below this clause.
    pub clause: Option<String>,
}

/// `catalogue list`, `show` and `check`.
#[derive(Debug, Clone)]
pub enum CatalogueCommand {
    List {
        clause: Option<String>,
        format: ListFormat,
        output: Option<String>,
    },
    Show {
        id: String,
    },
    Check {
        file: String,
    },
}

choices! {
    /// Granularity of a questionnaire.
    pub enum Level {
        Clause = "clause",
        Requirement = "requirement",
    }
}

choices! {
    /// Formats of `assess`.
    pub enum AssessFormat {
        Table = "table": "A table for people (default)",
        Json = "json": "Stable data with `schema_version`",
        Csv = "csv": "One row per requirement",
        Markdown = "markdown": "Tables for wikis and pull requests",
        Html = "html": "One self-contained page",
        Xlsx = "xlsx": "A workbook (needs -o FILE unless piped)",
        Junit = "junit": "JUnit XML: a test case per requirement",
        Sarif = "sarif": "SARIF 2.1.0 for code scanning",
        Github = "github": "GitHub Actions annotations (and a step summary)",
        Oscal = "oscal": "OSCAL assessment results",
    }
}

choices! {
    /// Formats of `plan`.
    pub enum PlanFormat {
        Table = "table": "Milestones and work packages for people (default)",
        Json = "json": "Stable data: packages, tasks, milestones",
        Csv = "csv": "One row per task, with the columns issue trackers import",
        Markdown = "markdown": "Tables and a Mermaid Gantt chart for wikis and pull requests",
        Html = "html": "One self-contained page with a Gantt chart",
        Xlsx = "xlsx": "A workbook (needs -o FILE unless piped)",
        Ics = "ics": "iCalendar: an event per work package and milestone, for any calendar",
    }
}

choices! {
    /// Formats of `diff`.
    pub enum DiffFormat {
        Table = "table": "A summary for people (default)",
        Json = "json": "Stable data with `schema_version`",
        Markdown = "markdown": "A pull-request comment",
        Github = "github": "GitHub Actions annotations on the regressed answers' lines",
        Html = "html": "One self-contained page",
    }
}

choices! {
    /// Formats of `trend`.
    pub enum TrendFormat {
        Table = "table": "The commits and a sparkline per clause (default)",
        Json = "json": "`points[]`: one per commit",
        Csv = "csv": "One row per commit, one column per clause",
        Html = "html": "One page with an SVG line chart",
    }
}

choices! {
    /// Formats of `evidence check`.
    pub enum EvidenceFormat {
        Table = "table": "A table for people (default)",
        Json = "json": "Every entry with its state",
    }
}

choices! {
    /// Formats of `catalogue list`.
    pub enum ListFormat {
        Table = "table": "A table for people",
        Json = "json": "Every field of every requirement",
        Csv = "csv": "One row per requirement",
        Markdown = "markdown": "A table per clause",
        Html = "html": "One page to print: a table per clause",
        Oscal = "oscal": "An OSCAL catalog",
    }
}
