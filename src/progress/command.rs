//! The `diff` and `trend` commands: the app-level edge that reads files and git history,
//! scores each version with the engine, and hands back the chosen format to write.

use std::path::Path;

use chrono::NaiveDate;

use super::git;
use super::snapshot::Snapshot;
use super::trend::{ClausePoint, Point, Trend};
use crate::answers::{self, AnswersFile};
use crate::app::{Ctx, Error, Out, Outcome, Result, json_problem, load_catalogue};
use crate::assess::{self as engine, DEFAULT_EVIDENCE_MAX_AGE, Settings};
use crate::catalogue::Catalogue;
use crate::config::{self, Diff, DiffFormat, TrendFormat};

/// `iso20k diff OLD NEW`.
pub fn diff(cli: &Ctx<'_>, args: &Diff, out: &mut Out) -> Result<Outcome> {
    let catalogue = load_catalogue(cli, out)?;
    let max_age = args.evidence_max_age.unwrap_or(DEFAULT_EVIDENCE_MAX_AGE);
    let as_of = cli.as_of();
    // Both sides are read before either error is reported, so one run shows every problem.
    let old = side(cli, &args.old, &catalogue, as_of, max_age, out);
    let new = side(cli, &args.new, &catalogue, as_of, max_age, out);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(a), Err(b)) => return Err(a.and(b)),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let diff = super::compare(&old, &new, args.threshold);
    let text = match args.format {
        DiffFormat::Table => super::diff_view::table(&diff, &cli.term(args.output.is_some())),
        DiffFormat::Json => super::diff_view::json(&diff, args.fail_on_regression),
        DiffFormat::Markdown => super::diff_view::markdown(&diff),
        DiffFormat::Github => super::diff_view::github(
            &diff,
            &crate::evaluation::answers_uri(&new.answers_file, cli.env.cwd.as_deref()),
        ),
        DiffFormat::Html => super::diff_view::html(&diff),
    };
    out.emit(args.output.as_deref(), text);
    // A step shows few annotations: the whole diff goes to the step summary too.
    if args.format == DiffFormat::Github
        && let Some(path) = &cli.env.github_step_summary
    {
        out.append(path, super::diff_view::markdown(&diff));
        out.say("appended the diff to $GITHUB_STEP_SUMMARY");
    }
    Ok(if args.fail_on_regression && !diff.regressions.is_empty() {
        Outcome::GateFailed
    } else {
        Outcome::Passed
    })
}

/// Reads one side of a diff: `REV:PATH`, `assess` JSON, or an answers file.
fn side(
    cli: &Ctx<'_>,
    arg: &str,
    catalogue: &Catalogue,
    as_of: Option<NaiveDate>,
    max_age: u32,
    out: &mut Out,
) -> Result<Snapshot> {
    let (name, text) = match git::split_rev_path(arg) {
        Some((rev, path)) => {
            let cwd = cli.env.cwd.as_deref().ok_or_else(|| Error::Io {
                path: arg.to_string(),
                message: format!("cannot read `{arg}`: the working directory is unknown"),
            })?;
            let found = git::read_at(cwd, rev, path).map_err(|e| Error::io(arg, &e))?;
            (path.to_string(), found.text)
        }
        None => {
            out.input(arg);
            (arg.to_string(), crate::source::read(arg)?)
        }
    };
    // YAML may open with `{` too: only text that reads as a JSON object with a
    // `schema_version` is taken for `assess` output, unless the name says `.json`.
    let looks_json = name.ends_with(".json")
        || (text.trim_start().starts_with('{')
            && serde_json::from_str::<serde_json::Value>(&text)
                .is_ok_and(|v| v.get("schema_version").is_some()));
    if looks_json {
        return Snapshot::from_json(arg, &text).map_err(|problem| {
            let what = "not an `assess --format json` result";
            let help =
                "give an answers file, the output of `iso20k assess --format json`, or REV:PATH";
            json_problem(arg, &text, problem, what, help)
        });
    }
    // Diagnostics name what the user typed (`HEAD~1:answers.yaml`), and TOML is still picked
    // by the path's extension.
    let (file, warnings) = answers::parse(arg, &text, catalogue)?;
    out.warn(warnings);
    let as_of = as_of
        .or(file.meta.date.as_ref().map(|d| d.value))
        .unwrap_or(cli.env.today);
    let mut snapshot = score(arg, catalogue, &file, as_of, max_age);
    snapshot.answers_file = name;
    Ok(snapshot)
}

/// Scores an answers file as of `as_of`.
fn score(
    label: &str,
    catalogue: &Catalogue,
    file: &AnswersFile,
    as_of: NaiveDate,
    max_age: u32,
) -> Snapshot {
    let settings = Settings {
        as_of,
        evidence_max_age: max_age,
        clause: None,
        evidence: None,
    };
    let resolved = answers::resolve(catalogue, file);
    let assessment = engine::assess(catalogue, &resolved, &settings);
    Snapshot::from_assessment(label, catalogue, file, &resolved, &assessment)
}

/// `iso20k trend ANSWERS`.
pub fn trend(cli: &Ctx<'_>, args: &config::Trend, out: &mut Out) -> Result<Outcome> {
    let since = args.since;
    if args.answers == "-" {
        return Err(Error::usage(
            "trend reads the answers file's history from git: give its path, not `-`",
        ));
    }
    let catalogue = load_catalogue(cli, out)?;
    out.input(&args.answers);
    let max_age = args.evidence_max_age.unwrap_or(DEFAULT_EVIDENCE_MAX_AGE);
    let versions =
        git::history(Path::new(&args.answers)).map_err(|e| Error::io(&args.answers, &e))?;
    let total = versions.len();
    let mut points = Vec::new();
    let mut skipped = Vec::new();
    for v in versions
        .iter()
        .filter(|v| since.is_none_or(|d| v.date >= d))
    {
        let label = format!("{}:{}", git::short(&v.commit), args.answers);
        // A version that no longer reads (an old typo, another catalogue) is skipped with a
        // note rather than failing the whole history.
        let Ok((file, _)) = answers::parse(&label, &v.text, &catalogue) else {
            skipped.push(git::short(&v.commit).to_string());
            continue;
        };
        let as_of = file.meta.date.as_ref().map_or(v.date, |d| d.value);
        let snap = score(&label, &catalogue, &file, as_of, max_age);
        points.push(Point {
            commit: v.commit.clone(),
            date: as_of.to_string(),
            commit_date: v.date.to_string(),
            subject: v.subject.clone(),
            score: snap.score,
            verdict: snap.verdict,
            clauses: snap
                .clauses
                .into_iter()
                .map(|c| ClausePoint {
                    id: c.id,
                    score: c.score,
                })
                .collect(),
        });
    }
    if !skipped.is_empty() {
        out.say(format!(
            "warning: skipped {} commit{} whose answers file does not validate: {} (`iso20k diff COMMIT:{} {}` shows why)",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" },
            skipped.join(", "),
            args.answers,
            args.answers
        ));
    }
    if points.is_empty() {
        return Err(Error::usage(match since {
            Some(d) => format!(
                "`{}` has {total} commit{} in its history, none on or after {d} (--since)",
                args.answers,
                if total == 1 { "" } else { "s" }
            ),
            None => format!(
                "`{}` has no version in its history that validates",
                args.answers
            ),
        }));
    }
    let trend = Trend {
        answers_file: args.answers.clone(),
        clauses: catalogue
            .clauses
            .iter()
            .map(|c| (c.id.clone(), c.title.clone(), c.depth))
            .collect(),
        points,
    };
    let text = match args.format {
        TrendFormat::Table => super::trend::table(&trend, &cli.term(args.output.is_some())),
        TrendFormat::Json => super::trend::json(&trend),
        TrendFormat::Csv => super::trend::csv(&trend)?,
        TrendFormat::Html => super::trend::html(&trend),
    };
    out.emit(args.output.as_deref(), text);
    Ok(Outcome::Passed)
}
