//! What `assess`, `plan` and `report` share: the gates from the flags and the policy, the
//! as-of date, the evaluation of one answers file, and the plan made from it.

use chrono::NaiveDate;

use super::{Ctx, Error, Out, Outcome, Result, clause_flag, load_answers, load_catalogue};
use crate::answers::{self, AnswersFile};
use crate::assess::gates::{self, GateConfig};
use crate::assess::{self as engine, DEFAULT_EVIDENCE_MAX_AGE, Settings};
use crate::catalogue::Catalogue;
use crate::config::{Gates, Schedule};
use crate::diag::{Diagnostic, Report};
use crate::evaluation::Evaluation;

/// Loads the catalogue and answers, checks the options, scores and judges the gates.
pub(super) fn evaluate(
    cli: &Ctx<'_>,
    answers_path: &str,
    clause: Option<&str>,
    gate_args: &Gates,
    out: &mut Out,
) -> Result<Evaluation> {
    let catalogue = load_catalogue(cli, out)?;
    let clause = clause_flag(&catalogue, clause)?;
    let (config, max_age) = gate_config(gate_args, &catalogue)?;
    out.input(answers_path);
    if let Some(policy) = &gate_args.policy {
        out.input(policy);
    }
    let file = load_answers(answers_path, &catalogue, out)?;
    let evidence = match &gate_args.evidence_root {
        Some(dir) => Some(crate::evidence::command::states(&file, dir)?),
        None => None,
    };
    let settings = Settings {
        as_of: as_of(cli, &file, max_age, out),
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

/// The exit status an evaluation's gates ask for.
pub(super) fn outcome(evaluation: &Evaluation) -> Outcome {
    if evaluation.passed() {
        Outcome::Passed
    } else {
        Outcome::GateFailed
    }
}

/// The remediation plan of an evaluated assessment; its warnings go to `out`.
pub(super) fn schedule(
    evaluated: &Evaluation,
    args: &Schedule,
    policy: Option<&str>,
    out: &mut Out,
) -> Result<crate::plan::Plan> {
    for path in [&args.team, &args.holidays].into_iter().flatten() {
        out.input(path);
    }
    if let Some(policy) = policy {
        out.input(policy);
    }
    let settings = crate::plan_options::settings(
        evaluated.assessment.settings.as_of,
        args,
        policy,
        &evaluated.catalogue,
    )?;
    let (catalogue, resolved) = (&evaluated.catalogue, &evaluated.resolved);
    let efforts = answers::clause_efforts(&evaluated.file);
    // `--clause`: the whole programme is scheduled (owners are shared, readiness is the whole
    // system's) and the clause's part of it kept.
    let plan = match &evaluated.assessment.settings.clause {
        Some(clause) => {
            let whole = engine::assess(
                catalogue,
                resolved,
                &Settings {
                    clause: None,
                    ..evaluated.assessment.settings.clone()
                },
            );
            crate::plan::plan(catalogue, resolved, &whole, &efforts, &settings)?
                .within(catalogue, clause)
        }
        None => crate::plan::plan(
            catalogue,
            resolved,
            &evaluated.assessment,
            &efforts,
            &settings,
        )?,
    };
    let unknown = crate::plan_options::unknown_team_owners(&settings, &evaluated.resolved);
    for warning in unknown.iter().chain(&plan.warnings) {
        out.say(format!("warning: {warning}"));
    }
    Ok(plan)
}

/// Gates from `--policy` and the flags; flags override single values and add to `require`.
fn gate_config(args: &Gates, catalogue: &Catalogue) -> Result<(GateConfig, u32)> {
    let policy = match &args.policy {
        Some(path) => crate::policy::load(path, catalogue)?,
        None => crate::policy::Policy::default(),
    };
    let mut config = policy.gates;
    if let Some(pct) = args.fail_under {
        config.fail_under = Some(pct);
    }
    if let Some(grade) = args.fail_on {
        config.fail_on = Some(grade);
    }
    for clause in &args.require {
        let clause = clause.trim();
        if catalogue.clause(clause).is_none() {
            return Err(Error::usage(format!(
                "invalid --require: {}",
                super::unknown_id_message(catalogue, clause, "clause")
            )));
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

/// The as-of date: `--as-of`, else the file's `assessment.date`, else today. Warns when the
/// file's own date is older than the evidence age limit, since waivers and evidence are then
/// judged as of a long-gone day.
fn as_of(cli: &Ctx<'_>, file: &AnswersFile, max_age: u32, out: &mut Out) -> NaiveDate {
    let date = match cli.as_of() {
        Some(date) => date,
        None => match &file.meta.date {
            Some(date) => {
                let age = (cli.env.today - date.value).num_days();
                if age > i64::from(max_age) {
                    let mut report = Report::new(&file.path, "");
                    report.push(
                        Diagnostic::warning(date.pos, format!("the assessment date is {age} days old, more than the evidence age limit of {max_age} days"))
                            .help("results are judged as of that date; pass `--as-of today` to judge evidence and waivers as of today"),
                    );
                    out.warn(report);
                }
                date.value
            }
            None => cli.env.today,
        },
    };
    push_future_reviews(file, date, out);
    date
}

/// Warns at each `reviewed` date after the as-of date (that evidence counts as undated).
pub(super) fn push_future_reviews(file: &AnswersFile, as_of: NaiveDate, out: &mut Out) {
    out.warn(answers::future_reviews(file, as_of));
}
