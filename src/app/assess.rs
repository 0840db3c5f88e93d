//! `assess`, `plan` and `report`: one evaluation, rendered in the formats asked for.

use super::evaluate::{evaluate, outcome, schedule};
use super::{Ctx, Error, Out, Outcome, Result};
use crate::config::{Assess, Gates, Plan, Report};
use crate::report::{self, Document, Kind, Reporter};

/// `iso20k assess ANSWERS`.
pub(super) fn assess(cli: &Ctx<'_>, args: &Assess, out: &mut Out) -> Result<Outcome> {
    let evaluated = evaluate(cli, &args.answers, args.clause.as_deref(), &args.gates, out)?;
    for (format, path) in &args.outputs {
        let options = report::Options {
            term: cli.term(path.is_some()),
            limit: args.limit,
            max_annotations: args.max_annotations,
        };
        let doc = Document::Assessment(evaluated.run());
        let reporter = format.reporter(options);
        render(
            cli,
            &doc,
            &*reporter,
            format.kind(),
            path.as_deref(),
            options.limit,
            out,
        )?;
        if let Some(path) = path.as_deref().filter(|_| args.outputs.len() > 1) {
            out.say(format!("wrote {path}"));
        }
    }
    Ok(outcome(&evaluated))
}

/// `iso20k plan ANSWERS`.
pub(super) fn plan(cli: &Ctx<'_>, args: &Plan, out: &mut Out) -> Result<Outcome> {
    let gate_args = Gates {
        evidence_max_age: args.evidence_max_age,
        policy: args.policy.clone(),
        ..Gates::default()
    };
    let evaluated = evaluate(cli, &args.answers, args.clause.as_deref(), &gate_args, out)?;
    let plan = schedule(&evaluated, &args.schedule, args.policy.as_deref(), out)?;
    let options = report::Options {
        term: cli.term(args.output.is_some()),
        limit: 0,
        max_annotations: report::GITHUB_ANNOTATIONS,
    };
    let doc = Document::Plan(evaluated.run(), &plan);
    let reporter = args.format.reporter(options);
    render(
        cli,
        &doc,
        &*reporter,
        args.format.kind(),
        args.output.as_deref(),
        0,
        out,
    )?;
    Ok(Outcome::Passed)
}

/// `iso20k report ANSWERS -f FORMAT -o FILE`: the consultant's deliverable.
pub(super) fn report(cli: &Ctx<'_>, args: &Report, out: &mut Out) -> Result<Outcome> {
    // The brand, the commentary and the answers are all checked, so one run shows every
    // problem.
    for path in [&args.brand, &args.narrative].into_iter().flatten() {
        out.input(path);
    }
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
        Some(Ok((n, warnings))) => {
            out.warn(warnings);
            n
        }
        None => Vec::new(),
    };
    let evaluated = evaluate(cli, &args.answers, args.clause.as_deref(), &args.gates, out);
    // Problems in the answers come first, then the brand's and the narrative's.
    let evaluated = match (evaluated, problems.is_empty()) {
        (Ok(evaluated), true) => evaluated,
        (Ok(_), false) => return Err(Error::Input(problems)),
        (Err(err), _) => return Err(err.and(Error::Input(problems))),
    };
    let plan = schedule(
        &evaluated,
        &args.schedule,
        args.gates.policy.as_deref(),
        out,
    )?;
    let extras = report::Extras {
        brand: &brand,
        narrative: &narrative,
        paper: args.paper,
    };
    let format = args.format;
    let bytes = report::deliverable(format, &evaluated.run(), &plan, &extras)?;
    if format == report::DeliverableFormat::Xlsx {
        warn_cut_cells(&Document::Full(evaluated.run(), &plan), out);
    }
    out.emit(Some(&args.output), bytes);
    out.say(format!("wrote {}", args.output));
    Ok(outcome(&evaluated))
}

/// Renders a document with `reporter` for `output` or stdout; `limit` is the rows of the
/// step summary's tables.
fn render(
    cli: &Ctx<'_>,
    doc: &Document<'_>,
    reporter: &dyn Reporter,
    kind: Kind,
    output: Option<&str>,
    limit: usize,
    out: &mut Out,
) -> Result<()> {
    if kind == Kind::Workbook && output.is_none_or(|o| o == "-") && cli.env.stdout_terminal {
        return Err(Error::usage(
            "XLSX is a binary format: write it to a file with -o FILE",
        ));
    }
    let bytes = reporter.render(doc)?;
    if kind == Kind::Workbook {
        warn_cut_cells(doc, out);
    }
    out.emit(output, bytes);
    if kind == Kind::Github
        && let Some(path) = &cli.env.github_step_summary
    {
        out.append(path, report::step_summary(doc, limit));
        out.say("appended a summary to $GITHUB_STEP_SUMMARY");
    }
    Ok(())
}

/// Says how many answer texts a workbook had to cut to fit its cells.
fn warn_cut_cells(doc: &Document<'_>, out: &mut Out) {
    let cut = report::cut_cells(doc);
    if cut > 0 {
        out.say(format!(
            "warning: {cut} answer{} text longer than a spreadsheet cell holds ({} characters): cut with a marker in the workbook",
            if cut == 1 { " has a" } else { "s have" },
            report::CELL_LIMIT
        ));
    }
}
