//! The `iso20k` binary: parse the command line, run it, report errors once, and exit with
//! 0 (no gate failed), 1 (a gate failed) or 2 (the tool could not do its job).

#![allow(clippy::print_stderr)]

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use iso20k::app::{self, InputError, Notes, Outcome};
use iso20k::cli::{Cli, ColorChoice};

fn main() -> ExitCode {
    // A bug must never look like a failed gate: a panic exits 2, never 101 or 1.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error in iso20k: {info}");
        eprintln!("This is a bug; please report it with the command that caused it.");
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
    let color = match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut notes = Notes::default();
    let result = app::run(&cli, &mut notes);
    for report in &notes.reports {
        eprint!("{}", report.render(color));
    }
    for message in &notes.messages {
        eprintln!("{message}");
    }
    match result {
        Ok(Outcome::Passed) => ExitCode::SUCCESS,
        Ok(Outcome::GateFailed) => ExitCode::from(1),
        Err(err) => {
            if let Some(input) = err.downcast_ref::<InputError>() {
                for report in &input.reports {
                    eprint!("{}", report.render(color));
                }
                eprintln!("{}", summary_line(input, color));
            } else {
                eprintln!("{}: {err:#}", label(color));
            }
            ExitCode::from(2)
        }
    }
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
