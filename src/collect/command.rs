//! The commands that collect answers, as the app runs them: `init` of a workbook, `import`
//! and `interview`. Like `app`, this is an edge: it reads and writes files, checks for a
//! terminal and reads the clock; the work itself is in the modules beside it.

use std::path::Path;

use anyhow::{Result, bail};

use super::{Form, import, interview::Session, terminal, workbook, write};
use crate::answers;
use crate::app::{Ctx, InputError, Notes, Outcome, load_answers, load_catalogue, parse_as_of};
use crate::catalogue::Catalogue;
use crate::cli::{ImportArgs, InitArgs, InterviewArgs, Level};
use crate::output;
use crate::source::Syntax;

/// True when `path` names a workbook by its extension.
pub fn is_workbook(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".xlsx") || lower.ends_with(".xlsm")
}

/// `init -o questions.xlsx [--from ANSWERS]`.
pub fn init_workbook(cli: &Ctx<'_>, args: &InitArgs, notes: &mut Notes) -> Result<Outcome> {
    if !is_workbook(&args.output) {
        bail!(
            "--from pre-fills a workbook: write one with -o FILE.xlsx (a YAML or TOML answers file is already what --from names)"
        );
    }
    let catalogue = load_catalogue(cli, notes)?;
    let date = match &cli.global.as_of {
        Some(value) => parse_as_of(value, cli.env.today)?,
        None => cli.env.today,
    };
    let mut form = match &args.from {
        Some(path) => Form::from(&load_answers(path, &catalogue, notes)?),
        None => Form::default(),
    };
    if args.organization.is_some() {
        form.meta.organization.clone_from(&args.organization);
    }
    form.meta.date = form.meta.date.or(Some(date));
    if args.level == Level::Clause {
        let hidden = form
            .answers
            .iter()
            .filter(|(id, _)| catalogue.requirement(id).is_some())
            .count();
        if hidden > 0 {
            notes.messages.push(format!(
                "warning: {hidden} requirement answers of {} have no row in a clause-level workbook; import it with `--into {}` to keep them",
                args.from.as_deref().unwrap_or(""),
                args.from.as_deref().unwrap_or("")
            ));
        }
    }
    let bytes = workbook::render(
        &catalogue,
        &workbook::Options {
            level: args.level,
            form: &form,
            created: date,
        },
    )?;
    output::write_atomic(Path::new(&args.output), &bytes, args.force)?;
    let back = match &args.from {
        Some(from) => format!("--into {from}"),
        None => "-o answers.yaml".into(),
    };
    notes.messages.push(format!(
        "wrote {}: send it out; when it comes back, run `iso20k import {} {back}`",
        args.output, args.output
    ));
    Ok(Outcome::Passed)
}

/// `import FILE -o ANSWERS [--into ANSWERS]`.
pub fn import(cli: &Ctx<'_>, args: &ImportArgs, notes: &mut Notes) -> Result<Outcome> {
    let catalogue = load_catalogue(cli, notes)?;
    let mut form = import::read(&args.file, &catalogue).map_err(InputError::from)?;
    let Some(target) = args.output.as_deref().or(args.into.as_deref()) else {
        bail!("say where to write the answers: -o ANSWERS, or --into ANSWERS to merge");
    };
    let header = format!("Imported by iso20k from {}.", args.file);
    let out_syntax = Syntax::from_path(target);
    let text = match &args.into {
        Some(into) => {
            let existing = load_answers(into, &catalogue, notes)?;
            let existing_text = std::fs::read_to_string(into)?;
            if Syntax::from_path(into) == Syntax::Toml && out_syntax == Syntax::Toml {
                write::merge_toml_text(&existing_text, &form)?
            } else {
                if Syntax::from_path(into) == Syntax::Yaml && write::has_comments(&existing_text) {
                    notes.messages.push(format!(
                        "warning: the comments of {into} are not kept: the merged file is written anew from its answers (a TOML answers file keeps them)"
                    ));
                }
                let mut merged = Form::from(&existing);
                merged.overlay(&form);
                render(&merged, out_syntax, &header)
            }
        }
        None => {
            if form.meta.organization.is_none() {
                form.meta.organization.clone_from(&args.organization);
            }
            if form.meta.organization.is_none() {
                let mut report = crate::diag::Report::new(&args.file, "");
                report.push(
                    crate::diag::Diagnostic::error(
                        None,
                        "the questionnaire does not name the organization",
                    )
                    .help(if args.file.to_ascii_lowercase().ends_with(".csv") {
                        "pass --organization NAME, or merge into an answers file with --into ANSWERS"
                    } else {
                        "fill in Assessment!B2, pass --organization NAME, or merge with --into ANSWERS"
                    }),
                );
                return Err(InputError::from(report).into());
            }
            form.meta.catalogue = Some(catalogue.id.clone());
            render(&form, out_syntax, &header)
        }
    };
    check(target, &text, &catalogue, notes)?;
    let overwrite = args.force || args.into.as_deref() == Some(target);
    output::write_atomic(Path::new(target), text.as_bytes(), overwrite).map_err(|e| {
        if overwrite {
            e
        } else {
            e.context("to merge the questionnaire into an existing answers file, use --into")
        }
    })?;
    notes.messages.push(format!(
        "imported {} answer{} from {} into {target}; next: `iso20k assess {target}`",
        form.answers.len(),
        if form.answers.len() == 1 { "" } else { "s" },
        args.file
    ));
    Ok(Outcome::Passed)
}

/// `interview ANSWERS [--clause C]`.
pub fn interview(cli: &Ctx<'_>, args: &InterviewArgs, notes: &mut Notes) -> Result<Outcome> {
    let path = args.answers.as_str();
    if !(cli.env.stdin_terminal && cli.env.stdout_terminal) {
        bail!(
            "`interview` asks its questions in a terminal, and this is not one; to collect answers without a terminal, send a workbook (`iso20k init -o questions.xlsx`) and read it back with `iso20k import questions.xlsx -o {path}`"
        );
    }
    let catalogue = load_catalogue(cli, notes)?;
    let clause = args.clause.as_deref().map(str::trim);
    if let Some(clause) = clause
        && catalogue.clause(clause).is_none()
    {
        bail!(
            "invalid --clause: {}",
            crate::app::unknown_id_message(&catalogue, clause, "clause")
        );
    }
    let syntax = Syntax::from_path(path);
    let (form, base_text) = if Path::new(path).exists() {
        let file = load_answers(path, &catalogue, notes)?;
        let text = std::fs::read_to_string(path)?;
        if syntax == Syntax::Yaml && write::has_comments(&text) {
            terminal::notice(&format!(
                "Note: {path} is written anew after each answer, without its comments (a TOML file keeps them)."
            ))?;
        }
        (Form::from(&file), Some(text))
    } else {
        let mut form = Form::default();
        form.meta.organization = Some(terminal::ask_organization()?);
        form.meta.date = Some(match &cli.global.as_of {
            Some(value) => parse_as_of(value, cli.env.today)?,
            None => cli.env.today,
        });
        form.meta.catalogue = Some(catalogue.id.clone());
        (form, None)
    };
    let base = form.clone();
    let mut session = Session::new(&catalogue, clause, form);
    let header = "Answers from iso20k interview.";
    let mut save = |session: &Session<'_>| -> Result<()> {
        let text = match (&base_text, syntax) {
            (Some(text), Syntax::Toml) => write::merge_toml_text(text, &session.changes)?,
            (None, Syntax::Toml) => {
                write::merge_toml_text(&write::toml(&base, header), &session.changes)?
            }
            (_, Syntax::Yaml) => write::yaml(&session.form, header),
        };
        let mut quiet = Notes::default();
        check(path, &text, &catalogue, &mut quiet)?;
        output::write_atomic(Path::new(path), text.as_bytes(), true)
    };
    terminal::run(&mut session, &mut save)?;
    notes.messages.push(format!(
        "{path}: {} of {} requirements answered",
        session.answered(),
        session.items.len()
    ));
    Ok(Outcome::Passed)
}

fn render(form: &Form, syntax: Syntax, header: &str) -> String {
    match syntax {
        Syntax::Yaml => write::yaml(form, header),
        Syntax::Toml => write::toml(form, header),
    }
}

/// Validates the text about to be written, as `validate` would read it back; its warnings go
/// to stderr.
fn check(path: &str, text: &str, catalogue: &Catalogue, notes: &mut Notes) -> Result<()> {
    match answers::parse(path, text, catalogue) {
        Ok((_, warnings)) => {
            if !warnings.diagnostics.is_empty() {
                notes.reports.push(warnings);
            }
            Ok(())
        }
        Err(report) => Err(InputError::from(report).into()),
    }
}
