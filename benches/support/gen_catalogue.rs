//! Writes a synthetic catalogue and full answers of a given size, for `scripts/bench.sh`.
//!
//! ```console
//! $ cargo run --release --example gen_catalogue -- 10000 target/bench
//! wrote target/bench/catalogue-10000.yaml and target/bench/answers-10000.yaml
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_catalogue REQUIREMENTS DIR");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("gen_catalogue: REQUIREMENTS must be a whole number, not `{n}`");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let catalogue = dir.join(format!("catalogue-{n}.yaml"));
    let answers = dir.join(format!("answers-{n}.yaml"));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&catalogue, generate::catalogue_yaml(n)))
        .and_then(|()| std::fs::write(&answers, generate::answers_yaml(n)));
    match written {
        Ok(()) => {
            println!("wrote {} and {}", catalogue.display(), answers.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_catalogue: cannot write to {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}
