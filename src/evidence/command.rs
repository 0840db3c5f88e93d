//! `evidence lock`, `evidence check` and `assess --evidence-root`: the edge that finds the
//! evidence root and the manifest, scans the files and hands back what to write.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Kind, Locked, Manifest, Scan, manifest_path, scan};
use crate::answers::AnswersFile;
use crate::app::{Ctx, Error, Out, Outcome, Result, json_problem, load_answers, load_catalogue};
use crate::assess::EvidenceStates;
use crate::config::{EvidenceCommand, EvidenceFiles, EvidenceFormat};
use crate::diag::{Diagnostic, Report};
use crate::output::Term;
use crate::view::style::{self, one_line};

/// Runs `evidence lock` or `evidence check`.
pub fn run(cli: &Ctx<'_>, cmd: &EvidenceCommand, out: &mut Out) -> Result<Outcome> {
    match cmd {
        EvidenceCommand::Lock(args) => lock(cli, args, out),
        EvidenceCommand::Check(args, format) => check(cli, args, *format, out),
    }
}

/// The evidence root: `--evidence-root`, else the answers file's folder.
fn root(answers: &str, given: Option<&str>) -> PathBuf {
    match given {
        Some(dir) => PathBuf::from(dir),
        None => match Path::new(answers).parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        },
    }
}

/// `report` with the answers file's text, so its problems show their lines. The file is read
/// again only when there is a problem to show.
fn with_source(mut report: Report) -> Report {
    if let Ok(text) = crate::source::read(&report.path) {
        report.text = text;
    }
    report
}

/// Reads the manifest beside `answers`, if there is one.
fn read_manifest(answers: &str) -> Result<Option<Manifest>> {
    let path = manifest_path(Path::new(answers));
    let shown = path.to_string_lossy().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            let message = format!("cannot read `{shown}`: {e}");
            return Err(Error::Io {
                path: shown,
                message,
            });
        }
    };
    Manifest::from_json(&text).map(Some).map_err(|problem| {
        let help = "run `iso20k evidence lock` again to rewrite it";
        json_problem(&shown, &text, problem, "not an evidence manifest", help)
    })
}

/// Loads the answers and scans their evidence.
fn scan_answers(
    cli: &Ctx<'_>,
    args: &EvidenceFiles,
    manifest: Option<&Manifest>,
    out: &mut Out,
) -> Result<(AnswersFile, Scan)> {
    if args.answers == "-" {
        return Err(Error::usage(
            "evidence commands need the answers file on disk (its manifest sits beside it), not `-`",
        ));
    }
    let catalogue = load_catalogue(cli, out)?;
    let file = load_answers(&args.answers, &catalogue, out)?;
    let dir = root(&args.answers, args.evidence_root.as_deref());
    let found = scan(&file, &dir, manifest).map_err(with_source)?;
    Ok((file, found))
}

fn lock(cli: &Ctx<'_>, args: &EvidenceFiles, out: &mut Out) -> Result<Outcome> {
    let (file, found) = scan_answers(cli, args, None, out)?;
    let mut report = Report::new(&file.path, "");
    // Keyed by path: `a.pdf` and `./a.pdf` are one file, locked once, and the manifest comes
    // out sorted.
    let mut files: std::collections::BTreeMap<String, Locked> = Default::default();
    for s in &found.entries {
        match (s.state, &s.path, s.size, &s.sha256) {
            (Some("missing"), Some(path), _, _) => report.push(
                Diagnostic::error(
                    s.pos,
                    format!("evidence file `{path}` is missing, so it cannot be locked"),
                )
                .help("add the file below the evidence root, or correct the entry"),
            ),
            (Some(_), Some(path), Some(size), Some(sha)) => {
                files.insert(
                    path.clone(),
                    Locked {
                        path: path.clone(),
                        size,
                        sha256: sha.clone(),
                    },
                );
            }
            _ => {}
        }
    }
    if report.has_errors() {
        return Err(with_source(report).into());
    }
    let manifest = Manifest {
        schema_version: super::manifest::SCHEMA_VERSION,
        answers_file: Path::new(&args.answers)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
        files: files.into_values().collect(),
    };
    let path = manifest_path(Path::new(&args.answers));
    out.file(&path, manifest.to_json(), true);
    let others = found
        .entries
        .iter()
        .filter(|s| s.kind != Kind::File)
        .count();
    out.say(format!(
        "wrote {}: {} locked{}",
        path.display(),
        style::count(manifest.files.len(), "file"),
        if others == 0 {
            String::new()
        } else {
            format!(
                "; {} listed, not fetched",
                if others == 1 {
                    "1 URL or title".to_string()
                } else {
                    format!("{others} URLs or titles")
                }
            )
        }
    ));
    Ok(Outcome::Passed)
}

fn check(
    cli: &Ctx<'_>,
    args: &EvidenceFiles,
    format: EvidenceFormat,
    out: &mut Out,
) -> Result<Outcome> {
    let manifest = read_manifest(&args.answers)?;
    let (_, found) = scan_answers(cli, args, manifest.as_ref(), out)?;
    if manifest.is_none() {
        out.say(format!(
            "note: no manifest `{}` yet: only missing files are found; run `iso20k evidence lock {}` to record the files as they are",
            manifest_path(Path::new(&args.answers)).display(),
            args.answers
        ));
    }
    out.stdout(match format {
        EvidenceFormat::Json => json(&found),
        EvidenceFormat::Table => table(&found, &cli.term(false)),
    });
    Ok(if found.problems() > 0 {
        Outcome::GateFailed
    } else {
        Outcome::Passed
    })
}

fn json(found: &Scan) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        schema_version: u32,
        entries: &'a [super::Scanned],
        missing: usize,
        changed: usize,
        passed: bool,
    }
    let doc = Doc {
        schema_version: 1,
        entries: &found.entries,
        missing: count(found, "missing"),
        changed: count(found, "changed"),
        passed: found.problems() == 0,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn table(found: &Scan, term: &Term) -> String {
    let mut t = style::table(term, &["State", "Evidence", "Line"]);
    for s in &found.entries {
        let state = match (s.kind, s.state) {
            (Kind::File, Some(state)) => state,
            (Kind::Url, _) => "url, not fetched",
            _ => "title, not a file",
        };
        t.add_row(vec![
            state.to_string(),
            one_line(&s.entry),
            s.line.to_string(),
        ]);
    }
    let mut out = format!("{t}\n");
    let files = found
        .entries
        .iter()
        .filter(|s| s.kind == Kind::File)
        .count();
    let _ = writeln!(
        out,
        "{}: {} unchanged, {} changed, {} missing, {} not locked",
        style::count(files, "evidence file"),
        count(found, "unchanged"),
        count(found, "changed"),
        count(found, "missing"),
        count(found, "unlocked")
    );
    out
}

/// How many evidence files are in `state`.
fn count(found: &Scan, state: &str) -> usize {
    found
        .entries
        .iter()
        .filter(|s| s.state == Some(state))
        .count()
}

/// The state of each evidence file `file` names below `dir`, for the assessment's
/// `missing-evidence` and `changed-evidence` findings (changes are judged against the lock
/// manifest beside the answers file, when there is one).
pub fn states(file: &AnswersFile, dir: &str) -> Result<EvidenceStates> {
    if file.path == "-" {
        return Err(Error::usage(
            "--evidence-root needs the answers file on disk, not `-`",
        ));
    }
    let manifest = read_manifest(&file.path)?;
    let found = scan(file, Path::new(dir), manifest.as_ref()).map_err(with_source)?;
    Ok(found.states())
}
