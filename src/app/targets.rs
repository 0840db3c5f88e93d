//! Where each format goes: `--format` and every `-o [FORMAT=]FILE` of a command that can write
//! several formats from one run.

use clap::ValueEnum;

use super::{Error, Result};

/// The formats a command writes and where: from `--format` and every `-o [FORMAT=]FILE`.
///
/// `-o FILE` alone takes the format from the file's extension when `--format` is not given;
/// `FORMAT=FILE` names its own; standard output gets `--format` (or the table) when no `-o`
/// is given.
pub fn outputs<F: ValueEnum + Copy>(
    format: Option<F>,
    values: &[String],
    command: &str,
) -> Result<Vec<(F, Option<String>)>> {
    let named = |name: &str| F::from_str(name, true).ok();
    let table = || {
        named("table")
            .or_else(|| F::value_variants().first().copied())
            .ok_or_else(|| Error::usage("no output format"))
    };
    let mut out = Vec::new();
    let mut plain = Vec::new();
    for value in values {
        match value
            .split_once('=')
            .and_then(|(f, path)| Some((named(f)?, path)))
        {
            Some((f, path)) if !path.is_empty() => out.push((f, Some(path.to_string()))),
            _ => plain.push(value),
        }
    }
    if plain.len() > 1 {
        return Err(Error::usage(format!(
            "-o is given {} files without a format: write each as FORMAT=FILE (e.g. -o junit=report.xml)",
            plain.len()
        )));
    }
    if let Some(path) = plain.first() {
        let f = match (format, format_of_extension(path)) {
            (Some(f), _) => f,
            (None, Some(name)) => named(name).ok_or_else(|| {
                Error::usage(format!(
                    "-o {path}: `{command}` cannot write {name}; choose a format with --format"
                ))
            })?,
            (None, None) => table()?,
        };
        out.push((f, Some((*path).clone())));
    } else if out.is_empty() || format.is_some() {
        let f = match format {
            Some(f) => f,
            None => table()?,
        };
        out.push((f, None));
    }
    Ok(out)
}

/// The format a file name's extension stands for.
fn format_of_extension(path: &str) -> Option<&'static str> {
    let name = path.to_ascii_lowercase();
    let ends = |suffix: &str| name.ends_with(suffix);
    Some(if ends(".sarif") || ends(".sarif.json") {
        "sarif"
    } else if ends(".oscal.json") {
        "oscal"
    } else if ends(".json") {
        "json"
    } else if ends(".csv") {
        "csv"
    } else if ends(".md") || ends(".markdown") {
        "markdown"
    } else if ends(".html") || ends(".htm") {
        "html"
    } else if ends(".xlsx") {
        "xlsx"
    } else if ends(".xml") {
        "junit"
    } else if ends(".ics") {
        "ics"
    } else if ends(".docx") {
        "docx"
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::AssessFormat;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn the_extension_picks_the_format_and_named_outputs_add_to_it() {
        let got = outputs::<AssessFormat>(None, &strings(&["scan.sarif", "junit=r.xml"]), "assess");
        let got = got.ok().unwrap_or_default();
        assert_eq!(
            got,
            vec![
                (AssessFormat::Junit, Some("r.xml".to_string())),
                (AssessFormat::Sarif, Some("scan.sarif".to_string())),
            ]
        );
    }

    #[test]
    fn no_output_is_the_table_on_stdout() {
        let got = outputs::<AssessFormat>(None, &[], "assess")
            .ok()
            .unwrap_or_default();
        assert_eq!(got, vec![(AssessFormat::Table, None)]);
    }

    #[test]
    fn two_plain_files_are_a_usage_error() {
        let got = outputs::<AssessFormat>(None, &strings(&["a.json", "b.csv"]), "assess");
        assert!(matches!(got, Err(Error::Usage(m)) if m.starts_with("-o is given 2 files")));
    }

    #[test]
    fn an_extension_the_command_cannot_write_is_named() {
        let got = outputs::<AssessFormat>(None, &strings(&["x.ics"]), "assess");
        assert!(
            matches!(got, Err(Error::Usage(m)) if m == "-o x.ics: `assess` cannot write ics; choose a format with --format")
        );
    }
}
