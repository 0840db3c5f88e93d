//! Where each format goes: `--format` and every `-o [FORMAT=]FILE` of a command that can write
//! several formats from one run.

use super::Choice;

/// The formats a command writes and where: from `--format` and every `-o [FORMAT=]FILE`.
///
/// `-o FILE` alone takes the format from the file's extension when `--format` is not given;
/// `FORMAT=FILE` names its own; standard output gets `--format` (or the table) when no `-o`
/// is given.
///
/// The error is a usage message.
pub fn outputs<F: Choice>(
    format: Option<F>,
    values: &[String],
    command: &str,
) -> Result<Vec<(F, Option<String>)>, String> {
    let named = |name: &str| F::from_name(name);
    let names = || {
        F::CHOICES
            .iter()
            .map(|(_, name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Standard output, or a file whose name says nothing, gets the table; a command without
    // one (`report`) needs its format said.
    let table = |path: Option<&str>| {
        named("table").ok_or_else(|| match path {
            Some(path) => format!(
                "-o {path}: the file name does not say which format to write; give --format ({})",
                names()
            ),
            None => format!("`{command}` needs --format ({})", names()),
        })
    };
    let mut out = Vec::new();
    let mut plain = Vec::new();
    for value in values {
        match value.split_once('=') {
            // `FORMAT=FILE`; a word before `=` that names no format is a typo, not a file name
            Some((f, path)) if is_word(f) => {
                let f = named(f).ok_or_else(|| {
                    format!(
                        "-o {value}: `{command}` has no format `{f}`; its formats are {}",
                        names()
                    )
                })?;
                if path.is_empty() {
                    return Err(format!("-o {value}: give the file after `=`"));
                }
                out.push((f, Some(path.to_string())));
            }
            _ => plain.push(value),
        }
    }
    if plain.len() > 1 {
        return Err(format!(
            "-o is given {} files without a format: write each as FORMAT=FILE (e.g. -o junit=report.xml)",
            plain.len()
        ));
    }
    if let Some(path) = plain.first() {
        let f = match (format, format_of_extension(path)) {
            (Some(f), _) => f,
            (None, Some(name)) => named(name).ok_or_else(|| {
                format!("-o {path}: `{command}` cannot write {name}; choose a format with --format")
            })?,
            (None, None) => table(Some(path))?,
        };
        out.push((f, Some((*path).clone())));
    } else if out.is_empty() || format.is_some() {
        let f = match format {
            Some(f) => f,
            None => table(None)?,
        };
        out.push((f, None));
    }
    Ok(out)
}

/// Why `path` cannot be an answers file (or, with `workbook`, a questionnaire workbook) that
/// `init` or `import` writes: its name promises another format. An answers file is YAML, or
/// TOML by its `.toml` name.
pub fn answers_file_problem(path: &str, flag: &str, workbook: bool) -> Option<String> {
    let lower = path.to_ascii_lowercase();
    if workbook && (lower.ends_with(".xlsx") || lower.ends_with(".xlsm")) {
        return None;
    }
    let ending = [
        ".json", ".csv", ".ods", ".xls", ".xlsx", ".xlsm", ".md", ".html", ".htm", ".pdf", ".docx",
        ".xml", ".ics",
    ]
    .into_iter()
    .find(|ending| lower.ends_with(ending))?;
    Some(if workbook {
        format!(
            "{flag} {path}: a questionnaire is a workbook (.xlsx, which LibreOffice and Google Sheets open too) or an answers file (.yaml, or .toml), not {ending}"
        )
    } else {
        format!("{flag} {path}: an answers file is YAML (.yaml) or TOML (.toml), not {ending}")
    })
}

/// The one format a single-output command writes and where: `-o [FORMAT=]FILE` at most once,
/// read as [`outputs`] reads it.
pub fn output<F: Choice>(
    format: Option<F>,
    value: Option<&str>,
    command: &str,
) -> Result<(F, Option<String>), String> {
    let values: Vec<String> = value.map(str::to_string).into_iter().collect();
    let mut all = outputs(format, &values, command)?;
    match (all.len(), all.pop()) {
        (1, Some(one)) => Ok(one),
        _ => Err(format!(
            "`{command}` writes one format: give -o FILE with --format, or -o FORMAT=FILE alone"
        )),
    }
}

/// A format name's shape: letters only, so `./a=b.json` or `C:\\x=y` stay file names.
fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic())
}

/// File name endings and the format each stands for, longest first where one ends another.
const EXTENSIONS: [(&str, &str); 15] = [
    (".sarif", "sarif"),
    (".sarif.json", "sarif"),
    (".oscal.json", "oscal"),
    (".json", "json"),
    (".csv", "csv"),
    (".md", "markdown"),
    (".markdown", "markdown"),
    (".html", "html"),
    (".htm", "html"),
    (".xlsx", "xlsx"),
    (".xml", "junit"),
    (".ics", "ics"),
    (".docx", "docx"),
    (".pdf", "pdf"),
    (".ods", "ods"),
];

/// The format a file name's extension stands for.
fn format_of_extension(path: &str) -> Option<&'static str> {
    let name = path.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|(ending, _)| name.ends_with(ending))
        .map(|(_, format)| *format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AssessFormat;

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
    fn the_longest_ending_decides() {
        assert_eq!(format_of_extension("a.sarif.json"), Some("sarif"));
        assert_eq!(format_of_extension("a.OSCAL.json"), Some("oscal"));
        assert_eq!(format_of_extension("a.json"), Some("json"));
        assert_eq!(format_of_extension("a.htm"), Some("html"));
        assert_eq!(format_of_extension("a.yaml"), None);
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
        assert!(matches!(got, Err(m) if m.starts_with("-o is given 2 files")));
    }

    #[test]
    fn an_extension_the_command_cannot_write_is_named() {
        let got = outputs::<AssessFormat>(None, &strings(&["x.ics"]), "assess");
        assert!(
            matches!(got, Err(m) if m == "-o x.ics: `assess` cannot write ics; choose a format with --format")
        );
    }
}
