//! `validate` and `init`: checking an answers file, and writing a questionnaire to fill in.

use super::evaluate::push_future_reviews;
use super::{Ctx, Out, Outcome, Result, load_answers, load_catalogue};
use crate::answers;
use crate::config::{Init, Level};
use crate::source::Syntax;

/// `iso20k validate ANSWERS`.
pub(super) fn validate(cli: &Ctx<'_>, path: &str, out: &mut Out) -> Result<Outcome> {
    let catalogue = load_catalogue(cli, out)?;
    let file = load_answers(path, &catalogue, out)?;
    let date = cli
        .as_of()
        .unwrap_or_else(|| file.meta.date.as_ref().map_or(cli.env.today, |d| d.value));
    push_future_reviews(&file, date, out);
    let resolved = answers::resolve(&catalogue, &file);
    let assessed = resolved
        .iter()
        .filter(|r| r.status != answers::Status::NotAssessed)
        .count();
    let warnings: usize = out.warnings.iter().map(|r| r.diagnostics.len()).sum();
    out.stdout(format!(
        "{path}: valid: {} answer{} give a status to {assessed} of {} requirements{}\n",
        file.entries.len(),
        if file.entries.len() == 1 { "" } else { "s" },
        catalogue.requirements.len(),
        match warnings {
            0 => String::new(),
            1 => "; 1 warning".to_string(),
            n => format!("; {n} warnings"),
        }
    ));
    Ok(Outcome::Passed)
}

/// `iso20k init [-o FILE]`: a YAML or TOML questionnaire (a workbook is `collect`'s).
pub(super) fn init(cli: &Ctx<'_>, args: &Init, out: &mut Out) -> Result<Outcome> {
    if crate::collect::command::is_workbook(&args.output) || args.from.is_some() {
        return crate::collect::command::init_workbook(cli, args, out);
    }
    let catalogue = load_catalogue(cli, out)?;
    let text = crate::questionnaire::render(
        &catalogue,
        &crate::questionnaire::Options {
            syntax: Syntax::from_path(&args.output),
            level: args.level,
            organization: args.organization.as_deref(),
            date: cli.as_of_or_today(),
        },
    );
    if args.output == "-" {
        out.stdout(text);
    } else {
        out.file(&args.output, text, args.force);
        out.say(format!(
            "wrote {}: fill in a status per {}, then run `iso20k validate {}` and `iso20k assess {}`",
            args.output,
            match args.level {
                Level::Clause => "clause",
                Level::Requirement => "requirement",
            },
            args.output,
            args.output
        ));
    }
    Ok(Outcome::Passed)
}
