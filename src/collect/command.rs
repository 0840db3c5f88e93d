//! The commands that collect answers, as the app runs them: `init` of a workbook, `import`
//! and `interview`. Like `app`, this reads the input files and hands back what to write.
//! `interview` is the exception: it talks to a person in the terminal and saves the answers
//! file after every answer (so an interrupted interview loses nothing), so it writes itself.

use std::path::Path;

use super::{Form, import, interview::Session, terminal, workbook, write};
use crate::answers;
use crate::app::{Ctx, Error, Out, Outcome, Result, clause_flag, load_answers, load_catalogue};
use crate::catalogue::Catalogue;
use crate::config::{Import, Init, Interview, Level};
use crate::output;
use crate::source::Syntax;

/// True when `path` names a workbook by its extension.
pub fn is_workbook(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".xlsx") || lower.ends_with(".xlsm")
}

/// `init -o questions.xlsx [--from ANSWERS]`.
pub fn init_workbook(cli: &Ctx<'_>, args: &Init, out: &mut Out) -> Result<Outcome> {
    if !is_workbook(&args.output) {
        return Err(Error::usage(
            "--from pre-fills a workbook: write one with -o FILE.xlsx (a YAML or TOML answers file is already what --from names)",
        ));
    }
    let catalogue = load_catalogue(cli, out)?;
    let date = cli.as_of_or_today();
    let mut form = match &args.from {
        Some(path) => Form::from(&load_answers(path, &catalogue, out)?),
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
            out.say(format!(
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
    out.file(&args.output, bytes, args.force);
    let back = match &args.from {
        Some(from) => format!("--into {from}"),
        None => "-o answers.yaml".into(),
    };
    out.say(format!(
        "wrote {}: send it out; when it comes back, run `iso20k import {} {back}`",
        args.output, args.output
    ));
    Ok(Outcome::Passed)
}

/// `import FILE -o ANSWERS [--into ANSWERS]`.
pub fn import(cli: &Ctx<'_>, args: &Import, out: &mut Out) -> Result<Outcome> {
    let catalogue = load_catalogue(cli, out)?;
    let mut form = import::read(&args.file, &catalogue)?;
    let Some(target) = args.output.as_deref().or(args.into.as_deref()) else {
        return Err(Error::usage(
            "say where to write the answers: -o ANSWERS, or --into ANSWERS to merge",
        ));
    };
    let header = format!("Imported by iso20k from {}.", args.file);
    let out_syntax = Syntax::from_path(target);
    let text = match &args.into {
        Some(into) => {
            let existing = load_answers(into, &catalogue, out)?;
            let existing_text = std::fs::read_to_string(into).map_err(|e| Error::Io {
                path: into.clone(),
                message: format!("cannot read `{into}`: {e}"),
            })?;
            if Syntax::from_path(into) == Syntax::Toml && out_syntax == Syntax::Toml {
                write::merge_toml_text(&existing_text, &form)?
            } else {
                if Syntax::from_path(into) == Syntax::Yaml && write::has_comments(&existing_text) {
                    out.say(format!(
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
                return Err(report.into());
            }
            form.meta.catalogue = Some(catalogue.id.clone());
            render(&form, out_syntax, &header)
        }
    };
    check(target, &text, &catalogue, out)?;
    let overwrite = args.force || args.into.as_deref() == Some(target);
    if overwrite {
        out.file(target, text, true);
    } else {
        let hint = "to merge the questionnaire into an existing answers file, use --into";
        out.file_or(target, text, false, hint);
    }
    out.say(format!(
        "imported {} answer{} from {} into {target}; next: `iso20k assess {target}`",
        form.answers.len(),
        if form.answers.len() == 1 { "" } else { "s" },
        args.file
    ));
    Ok(Outcome::Passed)
}

/// `interview ANSWERS [--clause C]`.
pub fn interview(cli: &Ctx<'_>, args: &Interview, out: &mut Out) -> Result<Outcome> {
    let path = args.answers.as_str();
    if !(cli.env.stdin_terminal && cli.env.stdout_terminal) {
        // an answers file that exists is merged into, never replaced
        let (init, import) = if Path::new(path).exists() {
            (format!(" --from {path}"), format!("--into {path}"))
        } else {
            (String::new(), format!("-o {path}"))
        };
        return Err(Error::usage(format!(
            "`interview` asks its questions in a terminal, and this is not one; to collect answers without a terminal, send a workbook (`iso20k init -o questions.xlsx{init}`) and read it back with `iso20k import questions.xlsx {import}`"
        )));
    }
    let catalogue = load_catalogue(cli, out)?;
    let clause = clause_flag(&catalogue, args.clause.as_deref())?;
    let syntax = Syntax::from_path(path);
    let (form, base_text) = if Path::new(path).exists() {
        let file = load_answers(path, &catalogue, out)?;
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_string(),
            message: format!("cannot read `{path}`: {e}"),
        })?;
        if syntax == Syntax::Yaml && write::has_comments(&text) {
            terminal::notice(&format!(
                "Note: {path} is written anew after each answer, without its comments (a TOML file keeps them)."
            ))?;
        }
        (Form::from(&file), Some(text))
    } else {
        let mut form = Form::default();
        form.meta.organization = Some(terminal::ask_organization()?);
        form.meta.date = Some(cli.as_of_or_today());
        form.meta.catalogue = Some(catalogue.id.clone());
        (form, None)
    };
    let base = form.clone();
    let mut session = Session::new(&catalogue, clause, form);
    let header = "Answers from iso20k interview.";
    // The one place the library writes: after every answer, so nothing is lost when the
    // person stops (or the terminal goes away) halfway.
    let mut save = |session: &Session<'_>| -> Result<()> {
        let text = match (&base_text, syntax) {
            (Some(text), Syntax::Toml) => write::merge_toml_text(text, &session.changes)?,
            (None, Syntax::Toml) => {
                write::merge_toml_text(&write::toml(&base, header), &session.changes)?
            }
            (_, Syntax::Yaml) => write::yaml(&session.form, header),
        };
        check(path, &text, &catalogue, &mut Out::default())?;
        output::write_atomic(Path::new(path), text.as_bytes(), true)
            .map_err(|e| Error::io(path, &e))
    };
    terminal::run(&mut session, &mut save)?;
    out.say(format!(
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
fn check(path: &str, text: &str, catalogue: &Catalogue, out: &mut Out) -> Result<()> {
    let (_, mut warnings) = answers::parse(path, text, catalogue)?;
    // what the merged file only repeats from the file merged into was said already
    let said: std::collections::HashSet<&str> = out
        .warnings
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.message.as_str()))
        .collect();
    warnings
        .diagnostics
        .retain(|d| !said.contains(d.message.as_str()));
    out.warn(warnings);
    Ok(())
}
