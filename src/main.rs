//! The `iso20k` binary: parse the command line, run it, write what it hands back, report
//! errors once, and exit with 0 (no gate failed), 1 (a gate failed) or 2 (the tool could not
//! do its job).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

mod cli;

use clap::Parser;
use cli::{Cli, Parsed};
use iso20k::app::{self, Effect, Error, Out, Outcome};
use iso20k::env::Env;
use iso20k::output;

fn main() -> ExitCode {
    // A bug must never look like a failed gate: a panic exits 2, never 101 or 1.
    // The hook must not panic itself (a closed stderr would make `eprintln!` do so, and a
    // panic in the hook aborts with 134), hence `to_stderr`.
    std::panic::set_hook(Box::new(|info| {
        to_stderr(&format!(
            "error: internal error in iso20k: {info}\nThis is a bug; please report it with the command that caused it.\n"
        ));
        std::process::exit(2);
    }));
    let config = match Cli::try_parse().and_then(Cli::parsed) {
        Ok(Parsed::Run(config)) => config,
        Ok(Parsed::Print(bytes)) => {
            return match output::emit(None, &bytes) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    to_stderr(&format!("error: {err:#}\n"));
                    ExitCode::from(2)
                }
            };
        }
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let env = read_env();
    let color = env.term(config.color, false).color_stderr;
    let mut out = Out::default();
    let result = app::run(&config, &env, &mut out);
    // What the command decided before it failed is still written, as it would have been had
    // it written as it went; a failed write ends the run with that error.
    let (said, written) = match overwritten_input(&out.effects, &out.inputs) {
        Some(err) => (Vec::new(), Err(err)),
        None => carry_out(out.effects),
    };
    for report in &out.warnings {
        to_stderr(&report.render(color));
    }
    for message in &said {
        to_stderr(&format!("{message}\n"));
    }
    match written.and(result) {
        Ok(Outcome::Passed) => ExitCode::SUCCESS,
        Ok(Outcome::GateFailed) => ExitCode::from(1),
        Err(err) => {
            if let Error::Input(reports) = &err {
                for report in reports {
                    to_stderr(&report.render(color));
                }
            }
            to_stderr(&format!("{}: {err}\n", label(color)));
            ExitCode::from(2)
        }
    }
}

/// Writes each effect in order, stopping at the first that fails; returns the lines said
/// up to there.
fn carry_out(effects: Vec<Effect>) -> (Vec<String>, Result<(), Error>) {
    let mut said = Vec::new();
    for effect in effects {
        let done = match effect {
            Effect::Say(message) => {
                said.push(message);
                Ok(())
            }
            Effect::Stdout(bytes) => output::emit(None, &bytes).map_err(|e| Error::io("-", &e)),
            Effect::File {
                path,
                bytes,
                overwrite,
                hint,
            } => output::write_atomic(&path, &bytes, overwrite).map_err(|e| {
                let e = match hint {
                    Some(hint) => e.context(hint),
                    None => e,
                };
                Error::io(path.display().to_string(), &e)
            }),
            Effect::Append { path, bytes } => {
                output::append(&path, &bytes).map_err(|e| Error::io(path.display().to_string(), &e))
            }
        };
        if let Err(err) = done {
            return (said, Err(err));
        }
    }
    (said, Ok(()))
}

/// The refusal to write a file the command read: `-o answers.yaml` must not replace the
/// answers with their own report. Checked before anything is written.
fn overwritten_input(effects: &[Effect], inputs: &[std::path::PathBuf]) -> Option<Error> {
    let same = |a: &std::path::Path, b: &std::path::Path| match (a.canonicalize(), b.canonicalize())
    {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    effects.iter().find_map(|effect| {
        let path = match effect {
            Effect::File { path, .. } | Effect::Append { path, .. } => path,
            _ => return None,
        };
        let input = inputs.iter().find(|input| same(path, input))?;
        Some(Error::usage(format!(
            "refusing to write `{}`: it is the input `{}`, which the output would replace; choose another file for -o",
            path.display(),
            input.display()
        )))
    })
}

/// Reads the world outside the inputs, once: the clock, the terminals and the variables the
/// tool honours. Nothing in the library reads them.
fn read_env() -> Env {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let columns = set("COLUMNS")
        .and_then(|c| c.to_str().and_then(|c| c.trim().parse::<u16>().ok()))
        .or_else(|| comfy_table::Table::new().width());
    Env {
        today: chrono::Local::now().date_naive(),
        stdin_terminal: std::io::stdin().is_terminal(),
        stdout_terminal: std::io::stdout().is_terminal(),
        stderr_terminal: std::io::stderr().is_terminal(),
        no_color: set("NO_COLOR").is_some(),
        columns,
        github_step_summary: set("GITHUB_STEP_SUMMARY").map(std::path::PathBuf::from),
        cwd: std::env::current_dir().ok(),
    }
}

/// Writes to stderr, ignoring failure: with stderr closed or piped into `head`, there is
/// no one left to tell, and the exit status still says what happened. (`eprint!` would
/// panic instead.)
fn to_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn label(color: bool) -> &'static str {
    if color {
        "\x1b[1;91merror\x1b[0m"
    } else {
        "error"
    }
}
