//! The `iso20k` binary: parse the command line, run it, report errors once, and exit with
//! 0 (no gate failed), 1 (a gate failed) or 2 (the tool could not do its job).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use iso20k::app::{self, InputError, Notes, Outcome};
use iso20k::cli::Cli;
use iso20k::env::Env;

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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let env = read_env();
    let color = env.term(cli.global.color, false).color_stderr;
    let mut notes = Notes::default();
    let result = app::run(&cli, &env, &mut notes);
    for report in &notes.reports {
        to_stderr(&report.render(color));
    }
    for message in &notes.messages {
        to_stderr(&format!("{message}\n"));
    }
    match result {
        Ok(Outcome::Passed) => ExitCode::SUCCESS,
        Ok(Outcome::GateFailed) => ExitCode::from(1),
        Err(err) => {
            if let Some(input) = err.downcast_ref::<InputError>() {
                for report in &input.reports {
                    to_stderr(&report.render(color));
                }
                to_stderr(&format!("{}\n", summary_line(input, color)));
            } else {
                to_stderr(&format!("{}: {err:#}\n", label(color)));
            }
            ExitCode::from(2)
        }
    }
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

fn summary_line(input: &InputError, color: bool) -> String {
    format!("{}: {input}", label(color))
}
