//! Runs a parsed command line: loads what the command needs, calls the pure parts, and hands
//! back the bytes to write and the outcome that decides the exit status.

use anyhow::{Result, bail};

use chrono::NaiveDate;

use crate::answers::{self, AnswersFile};
use crate::assess::gates::{self, GateConfig};
use crate::assess::{self as engine, DEFAULT_EVIDENCE_MAX_AGE, Grade, Settings};
use crate::catalogue::{self, Catalogue, Item, Requirement};
use crate::cli::{
    AssessArgs, AssessFormat, CatalogueCommand, Cli, Command, GateArgs, GradeArg, InitArgs,
    ListFormat, PlanArgs, PlanFormat, ReportArgs, ReportFormat, ScheduleArgs,
};
use crate::diag::Diagnostic;
use crate::diag::Report;
use crate::env::Env;
use crate::evaluation::Evaluation;
use crate::output;
use crate::report::{self, Document, Format};
use crate::source::Syntax;
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
    /// Plain messages for stderr (what was written where).
    pub messages: Vec<String>,
}

/// Runs `cli` in the world `env` describes, writing data to stdout or `-o` and returning the
/// outcome.
pub fn run(cli: &Cli, env: &Env, notes: &mut Notes) -> Result<Outcome> {
    let cli = &Ctx { cli, env };
    match &cli.command {
        Command::Catalogue(cmd) => catalogue_command(cli, cmd, notes),
        Command::Assess(args) => assess(cli, args, notes),
        Command::Validate { answers } => validate(cli, answers, notes),
        Command::Plan(args) => plan(cli, args, notes),
        Command::Report(args) => report(cli, args, notes),
        Command::Schema => {
            output::emit(None, crate::schema::ANSWERS_SCHEMA.as_bytes())?;
            Ok(Outcome::Passed)
        }
        Command::Completions { shell } => {
            let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
            let mut bytes = Vec::new();
            clap_complete::generate(*shell, &mut command, "iso20k", &mut bytes);
            output::emit(None, &bytes)?;
            Ok(Outcome::Passed)
        }
        Command::Man => {
            let command = <crate::cli::Cli as clap::CommandFactory>::command();
            let mut bytes = Vec::new();
            clap_mangen::Man::new(command).render(&mut bytes)?;
            output::emit(None, &bytes)?;
            Ok(Outcome::Passed)
        }
        Command::Init(args) => init(cli, args, notes),
        Command::Import(args) => crate::collect::command::import(cli, args, notes),
        Command::Interview(args) => crate::collect::command::interview(cli, args, notes),
        Command::Diff(args) => crate::progress::command::diff(cli, args, notes),
        Command::Trend(args) => crate::progress::command::trend(cli, args, notes),
        Command::Evidence(cmd) => crate::evidence::command::run(cli, cmd, notes),
    }
}

/// Loads and validates an answers file, keeping its warnings for stderr.
pub fn load_answers(path: &str, catalogue: &Catalogue, notes: &mut Notes) -> Result<AnswersFile> {
    let (file, warnings) = answers::load(path, catalogue).map_err(InputError::from)?;
    if !warnings.diagnostics.is_empty() {
        notes.reports.push(warnings);
    }
    Ok(file)
}

/// The command line with the world it runs in: what every command takes.
pub struct Ctx<'a> {
    pub cli: &'a Cli,
    pub env: &'a Env,
}

impl std::ops::Deref for Ctx<'_> {
    type Target = Cli;
    fn deref(&self) -> &Cli {
        self.cli
    }
}

/// Parses `--as-of`: a date or `today`.
pub(crate) fn parse_as_of(value: &str, today: NaiveDate) -> Result<NaiveDate> {
    if value.trim().eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    crate::source::fields::parse_date(value).ok_or_else(|| {
        anyhow::anyhow!("invalid --as-of `{value}`: write a date as YYYY-MM-DD, or `today`")
    })
}

/// The as-of date: `--as-of`, else the file's `assessment.date`, else today. Warns when the
/// file's own date is older than the evidence age limit, since waivers and evidence are then
/// judged as of a long-gone day.
fn as_of(cli: &Ctx<'_>, file: &AnswersFile, max_age: u32, notes: &mut Notes) -> Result<NaiveDate> {
    let date = as_of_date(cli, file, max_age, notes)?;
    push_future_reviews(file, date, notes);
    Ok(date)
}

/// Warns at each `reviewed` date after the as-of date (that evidence counts as undated).
fn push_future_reviews(file: &AnswersFile, as_of: NaiveDate, notes: &mut Notes) {
    let future = answers::future_reviews(file, as_of);
    if !future.diagnostics.is_empty() {
        notes.reports.push(future);
    }
}

fn as_of_date(
    cli: &Ctx<'_>,
    file: &AnswersFile,
    max_age: u32,
    notes: &mut Notes,
) -> Result<NaiveDate> {
    if let Some(value) = &cli.global.as_of {
        return parse_as_of(value, cli.env.today);
    }
    match &file.meta.date {
        Some(date) => {
            let age = (cli.env.today - date.value).num_days();
            if age > i64::from(max_age) {
                let mut report = Report::new(&file.path, "");
                report.push(
                    Diagnostic::warning(date.pos, format!("the assessment date is {age} days old, more than the evidence age limit of {max_age} days"))
                        .help("results are judged as of that date; pass `--as-of today` to judge evidence and waivers as of today"),
                );
                notes.reports.push(report);
            }
            Ok(date.value)
        }
        None => Ok(cli.env.today),
    }
}

/// Gates from `--policy` and the flags; flags override single values and add to `require`.
fn gate_config(args: &GateArgs, catalogue: &Catalogue) -> Result<(GateConfig, u32)> {
    let policy = match &args.policy {
        Some(path) => crate::policy::load(path, catalogue).map_err(InputError::from)?,
        None => crate::policy::Policy::default(),
    };
    let mut config = policy.gates;
    if let Some(pct) = args.fail_under {
        if !(0.0..=100.0).contains(&pct) {
            bail!("invalid --fail-under {pct}: give a percentage from 0 to 100");
        }
        config.fail_under = Some(pct);
    }
    if let Some(grade) = args.fail_on {
        config.fail_on = Some(match grade {
            GradeArg::Major => Grade::Major,
            GradeArg::Minor => Grade::Minor,
            GradeArg::Observation => Grade::Observation,
        });
    }
    for clause in &args.require {
        let clause = clause.trim();
        if catalogue.clause(clause).is_none() {
            bail!(
                "invalid --require: {}",
                unknown_id_message(catalogue, clause, "clause")
            );
        }
        if !config.require.iter().any(|c| c == clause) {
            config.require.push(clause.to_string());
        }
    }
    let max_age = args
        .evidence_max_age
        .or(policy.evidence_max_age)
        .unwrap_or(DEFAULT_EVIDENCE_MAX_AGE);
    Ok((config, max_age))
}

/// Loads the catalogue and answers, checks the options, scores and judges the gates.
fn evaluate(
    cli: &Ctx<'_>,
    answers_path: &str,
    clause: Option<&str>,
    gate_args: &GateArgs,
    notes: &mut Notes,
) -> Result<Evaluation> {
    let catalogue = load_catalogue(cli, notes)?;
    let clause = clause.map(str::trim);
    if let Some(clause) = clause
        && catalogue.clause(clause).is_none()
    {
        bail!(
            "invalid --clause: {}",
            unknown_id_message(&catalogue, clause, "clause")
        );
    }
    let (config, max_age) = gate_config(gate_args, &catalogue)?;
    let file = load_answers(answers_path, &catalogue, notes)?;
    let evidence = match &gate_args.evidence_root {
        Some(dir) => Some(crate::evidence::command::states(&file, dir)?),
        None => None,
    };
    let settings = Settings {
        as_of: as_of(cli, &file, max_age, notes)?,
        evidence_max_age: max_age,
        clause: clause.map(str::to_string),
        evidence,
    };
    let resolved = answers::resolve(&catalogue, &file);
    let assessment = engine::assess(&catalogue, &resolved, &settings);
    let gate_results = gates::evaluate(&catalogue, &assessment, &config);
    Ok(Evaluation::new(
        catalogue,
        file,
        resolved,
        assessment,
        gate_results,
        cli.env.cwd.as_deref(),
    ))
}

/// The remediation plan of an evaluated assessment; its warnings go to `notes`.
fn schedule(
    evaluated: &Evaluation,
    args: &ScheduleArgs,
    policy: Option<&str>,
    notes: &mut Notes,
) -> Result<crate::plan::Plan> {
    let settings = crate::plan_options::settings(
        evaluated.assessment.settings.as_of,
        args,
        policy,
        &evaluated.catalogue,
    )?;
    let plan = crate::plan::plan(
        &evaluated.catalogue,
        &evaluated.resolved,
        &evaluated.assessment,
        &answers::clause_efforts(&evaluated.file),
        &settings,
    )?;
    let unknown = crate::plan_options::unknown_team_owners(&settings, &evaluated.resolved);
    for warning in unknown.iter().chain(&plan.warnings) {
        notes.messages.push(format!("warning: {warning}"));
    }
    Ok(plan)
}

fn outcome(evaluation: &Evaluation) -> Outcome {
    if evaluation.passed() {
        Outcome::Passed
    } else {
        Outcome::GateFailed
    }
}

/// Renders a document in `format` and writes it to `output` or stdout.
#[allow(clippy::too_many_arguments)]
fn render(
    cli: &Ctx<'_>,
    doc: &Document<'_>,
    format: Format,
    output: Option<&str>,
    limit: usize,
    max_annotations: usize,
    notes: &mut Notes,
) -> Result<()> {
    if format.is_binary() && output.is_none() && cli.env.stdout_terminal {
        bail!("XLSX is a binary format: write it to a file with -o FILE");
    }
    let term = cli.env.term(cli.global.color, output.is_some());
    let bytes = format
        .reporter(report::Options {
            term,
            limit,
            max_annotations,
        })
        .render(doc)?;
    if format == Format::Xlsx {
        let cut = report::cut_cells(doc);
        if cut > 0 {
            notes.messages.push(format!(
                "warning: {cut} answer{} text longer than a spreadsheet cell holds ({} characters): cut with a marker in the workbook",
                if cut == 1 { " has a" } else { "s have" },
                report::CELL_LIMIT
            ));
        }
    }
    output::emit(output, &bytes)?;
    if format == Format::Github
        && let Some(path) = &cli.env.github_step_summary
    {
        output::append(path, report::step_summary(doc, limit).as_bytes())?;
        notes
            .messages
            .push("appended a summary to $GITHUB_STEP_SUMMARY".into());
    }
    Ok(())
}

fn assess(cli: &Ctx<'_>, args: &AssessArgs, notes: &mut Notes) -> Result<Outcome> {
    let outputs = crate::cli::outputs::<AssessFormat>(args.format, &args.output, "assess")?;
    let evaluated = evaluate(
        cli,
        &args.answers,
        args.clause.as_deref(),
        &args.gates,
        notes,
    )?;
    for (format, path) in &outputs {
        render(
            cli,
            &Document::Assessment(evaluated.run()),
            Format::from(*format),
            path.as_deref(),
            args.limit,
            args.max_annotations,
            notes,
        )?;
        if let Some(path) = path.as_deref().filter(|_| outputs.len() > 1) {
            notes.messages.push(format!("wrote {path}"));
        }
    }
    Ok(outcome(&evaluated))
}

fn plan(cli: &Ctx<'_>, args: &PlanArgs, notes: &mut Notes) -> Result<Outcome> {
    let gate_args = GateArgs {
        evidence_max_age: args.evidence_max_age,
        policy: args.policy.clone(),
        ..GateArgs::default()
    };
    let evaluated = evaluate(
        cli,
        &args.answers,
        args.clause.as_deref(),
        &gate_args,
        notes,
    )?;
    let plan = schedule(&evaluated, &args.schedule, args.policy.as_deref(), notes)?;
    let format = Format::from(args.format);
    render(
        cli,
        &Document::Plan(evaluated.run(), &plan),
        format,
        args.output.as_deref(),
        0,
        report::GITHUB_ANNOTATIONS,
        notes,
    )?;
    Ok(Outcome::Passed)
}

fn report(cli: &Ctx<'_>, args: &ReportArgs, notes: &mut Notes) -> Result<Outcome> {
    // The brand, the commentary and the answers are all checked, so one run shows every
    // problem.
    let brand = args.brand.as_deref().map(crate::brand::load);
    let narrative = args.narrative.as_deref().map(crate::narrative::load);
    let mut problems = Vec::new();
    let brand = match brand {
        Some(Err(r)) => {
            problems.push(r);
            crate::brand::Brand::default()
        }
        Some(Ok(b)) => b,
        None => crate::brand::Brand::default(),
    };
    let narrative = match narrative {
        Some(Err(r)) => {
            problems.push(r);
            Vec::new()
        }
        Some(Ok(n)) => n,
        None => Vec::new(),
    };
    let evaluated = evaluate(
        cli,
        &args.answers,
        args.clause.as_deref(),
        &args.gates,
        notes,
    );
    // Problems in the answers come first, then the brand's and the narrative's.
    let evaluated = match (evaluated, problems.is_empty()) {
        (Ok(evaluated), true) => evaluated,
        (Ok(_), false) => return Err(InputError { reports: problems }.into()),
        (Err(err), _) => match err.downcast::<InputError>() {
            Ok(mut input) => {
                input.reports.extend(problems);
                return Err(input.into());
            }
            Err(other) => return Err(other),
        },
    };
    let plan = schedule(
        &evaluated,
        &args.schedule,
        args.gates.policy.as_deref(),
        notes,
    )?;
    let extras = report::Extras {
        brand: &brand,
        narrative: &narrative,
        paper: match args.paper {
            crate::cli::PaperArg::A4 => report::Paper::A4,
            crate::cli::PaperArg::Letter => report::Paper::Letter,
        },
    };
    let format = match args.format {
        ReportFormat::Html => report::DeliverableFormat::Html,
        ReportFormat::Markdown => report::DeliverableFormat::Markdown,
        ReportFormat::Docx => report::DeliverableFormat::Docx,
        ReportFormat::Xlsx => report::DeliverableFormat::Xlsx,
    };
    let bytes = report::deliverable(format, &evaluated.run(), &plan, &extras)?;
    if format == report::DeliverableFormat::Xlsx {
        let cut = report::cut_cells(&Document::Full(evaluated.run(), &plan));
        if cut > 0 {
            notes.messages.push(format!(
                "warning: {cut} answer{} text longer than a spreadsheet cell holds ({} characters): cut with a marker in the workbook",
                if cut == 1 { " has a" } else { "s have" },
                report::CELL_LIMIT
            ));
        }
    }
    output::emit(Some(&args.output), &bytes)?;
    notes.messages.push(format!("wrote {}", args.output));
    Ok(outcome(&evaluated))
}

fn validate(cli: &Ctx<'_>, path: &str, notes: &mut Notes) -> Result<Outcome> {
    let catalogue = load_catalogue(cli, notes)?;
    let file = load_answers(path, &catalogue, notes)?;
    let date = match &cli.global.as_of {
        Some(value) => parse_as_of(value, cli.env.today)?,
        None => file.meta.date.as_ref().map_or(cli.env.today, |d| d.value),
    };
    push_future_reviews(&file, date, notes);
    let resolved = answers::resolve(&catalogue, &file);
    let assessed = resolved
        .iter()
        .filter(|r| r.status != answers::Status::NotAssessed)
        .count();
    let warnings: usize = notes.reports.iter().map(|r| r.diagnostics.len()).sum();
    let text = format!(
        "{path}: valid: {} answer{} give a status to {assessed} of {} requirements{}\n",
        file.entries.len(),
        if file.entries.len() == 1 { "" } else { "s" },
        catalogue.requirements.len(),
        match warnings {
            0 => String::new(),
            1 => "; 1 warning".to_string(),
            n => format!("; {n} warnings"),
        }
    );
    output::emit(None, text.as_bytes())?;
    Ok(Outcome::Passed)
}

fn init(cli: &Ctx<'_>, args: &InitArgs, notes: &mut Notes) -> Result<Outcome> {
    if crate::collect::command::is_workbook(&args.output) || args.from.is_some() {
        return crate::collect::command::init_workbook(cli, args, notes);
    }
    let catalogue = load_catalogue(cli, notes)?;
    let date = match &cli.global.as_of {
        Some(value) => parse_as_of(value, cli.env.today)?,
        None => cli.env.today,
    };
    let syntax = Syntax::from_path(&args.output);
    let text = crate::questionnaire::render(
        &catalogue,
        &crate::questionnaire::Options {
            syntax,
            level: args.level,
            organization: args.organization.as_deref(),
            date,
        },
    );
    if args.output == "-" {
        output::emit(None, text.as_bytes())?;
    } else {
        output::write_atomic(
            std::path::Path::new(&args.output),
            text.as_bytes(),
            args.force,
        )?;
        notes.messages.push(format!(
            "wrote {}: fill in a status per {}, then run `iso20k validate {}` and `iso20k assess {}`",
            args.output,
            match args.level {
                crate::cli::Level::Clause => "clause",
                crate::cli::Level::Requirement => "requirement",
            },
            args.output,
            args.output
        ));
    }
    Ok(Outcome::Passed)
}

/// The catalogue for this run: `--catalogue FILE`, or the built-in one.
pub fn load_catalogue(cli: &Ctx<'_>, notes: &mut Notes) -> Result<Catalogue> {
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

fn catalogue_command(cli: &Ctx<'_>, cmd: &CatalogueCommand, notes: &mut Notes) -> Result<Outcome> {
    match cmd {
        CatalogueCommand::List {
            clause,
            format,
            output,
        } => {
            let catalogue = load_catalogue(cli, notes)?;
            let term = cli.env.term(cli.global.color, output.is_some());
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
                ListFormat::Oscal => {
                    let as_of = match &cli.global.as_of {
                        Some(value) => parse_as_of(value, cli.env.today)?,
                        None => cli.env.today,
                    };
                    String::from_utf8(report::oscal_catalog(&catalogue, as_of)?)?
                }
            };
            output::emit(output.as_deref(), text.as_bytes())?;
            Ok(Outcome::Passed)
        }
        CatalogueCommand::Show { id } => {
            let catalogue = load_catalogue(cli, notes)?;
            let term = cli.env.term(cli.global.color, false);
            let text = match catalogue.lookup(id) {
                Some(Item::Clause(c)) => view::catalogue::show_clause(&catalogue, c, &term),
                Some(Item::Requirement(r)) => {
                    view::catalogue::show_requirement(&catalogue, r, &term)
                }
                None => bail!(unknown_id_message(
                    &catalogue,
                    id.trim(),
                    "clause or requirement"
                )),
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

// The command line's choices, as the library's types.

impl From<AssessFormat> for Format {
    fn from(format: AssessFormat) -> Format {
        match format {
            AssessFormat::Table => Format::Table,
            AssessFormat::Json => Format::Json,
            AssessFormat::Csv => Format::Csv,
            AssessFormat::Markdown => Format::Markdown,
            AssessFormat::Html => Format::Html,
            AssessFormat::Xlsx => Format::Xlsx,
            AssessFormat::Junit => Format::Junit,
            AssessFormat::Sarif => Format::Sarif,
            AssessFormat::Github => Format::Github,
            AssessFormat::Oscal => Format::Oscal,
        }
    }
}

impl From<PlanFormat> for Format {
    fn from(format: PlanFormat) -> Format {
        match format {
            PlanFormat::Table => Format::Table,
            PlanFormat::Json => Format::Json,
            PlanFormat::Csv => Format::Csv,
            PlanFormat::Markdown => Format::Markdown,
            PlanFormat::Html => Format::Html,
            PlanFormat::Xlsx => Format::Xlsx,
            PlanFormat::Ics => Format::Ics,
        }
    }
}
