//! `catalogue list`, `catalogue show` and `catalogue check`.

use super::{Ctx, Error, Out, Outcome, Result, load_catalogue, unknown_id_message};
use crate::catalogue::{self, Item, Requirement};
use crate::config::{CatalogueCommand, ListFormat};
use crate::report;
use crate::view;

/// Runs a `catalogue` subcommand.
pub(super) fn run(cli: &Ctx<'_>, cmd: &CatalogueCommand, out: &mut Out) -> Result<Outcome> {
    match cmd {
        CatalogueCommand::List {
            clause,
            format,
            output,
        } => list(cli, clause.as_deref(), *format, output.as_deref(), out),
        CatalogueCommand::Show { id } => {
            let catalogue = load_catalogue(cli, out)?;
            let term = cli.term(false);
            let text = match catalogue.lookup(id) {
                Some(Item::Clause(c)) => view::catalogue::show_clause(&catalogue, c, &term),
                Some(Item::Requirement(r)) => {
                    view::catalogue::show_requirement(&catalogue, r, &term)
                }
                None => {
                    let what = "clause or requirement";
                    return Err(Error::usage(unknown_id_message(
                        &catalogue,
                        id.trim(),
                        what,
                    )));
                }
            };
            out.stdout(text);
            Ok(Outcome::Passed)
        }
        CatalogueCommand::Check { file } => {
            let (c, warnings) = catalogue::load_file(file)?;
            out.warn(warnings);
            let leaves = c.clauses.iter().filter(|c| c.is_leaf()).count();
            out.stdout(format!(
                "{file}: valid catalogue `{}` version {}: {} clauses ({leaves} leaves), {} requirements\n",
                c.id,
                c.version,
                c.clauses.len(),
                c.requirements.len()
            ));
            Ok(Outcome::Passed)
        }
    }
}

/// `catalogue list [--clause C] [--format F] [-o FILE]`.
fn list(
    cli: &Ctx<'_>,
    clause: Option<&str>,
    format: ListFormat,
    output: Option<&str>,
    out: &mut Out,
) -> Result<Outcome> {
    let catalogue = load_catalogue(cli, out)?;
    let term = cli.term(output.is_some());
    let clause = clause.map(str::trim);
    let reqs: Vec<&Requirement> = match clause {
        Some(id) => {
            if catalogue.clause(id).is_none() {
                return Err(Error::usage(unknown_id_message(&catalogue, id, "clause")));
            }
            catalogue.requirements_under(id).collect()
        }
        None => catalogue.requirements.iter().collect(),
    };
    let bytes = match format {
        ListFormat::Table => view::catalogue::list_table(&catalogue, &reqs, &term).into_bytes(),
        ListFormat::Json => view::catalogue::list_json(&catalogue, &reqs).into_bytes(),
        ListFormat::Csv => view::catalogue::list_csv(&catalogue, &reqs)?.into_bytes(),
        ListFormat::Markdown => {
            report::catalogue_document(false, &catalogue, clause, &reqs).into_bytes()
        }
        ListFormat::Html => {
            report::catalogue_document(true, &catalogue, clause, &reqs).into_bytes()
        }
        ListFormat::Oscal => report::oscal_catalog(&catalogue, cli.as_of_or_today())?,
    };
    out.emit(output, bytes);
    Ok(Outcome::Passed)
}
