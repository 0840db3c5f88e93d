//! What a command hands the binary besides its outcome: warnings with their source lines, and
//! the effects to carry out in order (data for standard output, files to write, text to
//! append to the step summary, lines for stderr). The library decides; `main` writes.

use std::path::PathBuf;

use crate::diag::Report;

/// Everything a command wants written, collected while it runs.
#[derive(Debug, Default)]
pub struct Out {
    /// Warnings about the inputs, shown on stderr with their source lines before any line of
    /// the effects.
    pub warnings: Vec<Report>,
    /// What to write, in the order the command decided it. The binary stops at the first
    /// that fails, so a line said after a write is only shown once the write succeeded.
    pub effects: Vec<Effect>,
    /// Files the command read that no output may replace (an answers file given as `-o`
    /// would otherwise be lost to its own report).
    pub inputs: Vec<PathBuf>,
}

/// One thing to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Bytes for standard output (a reader that closed the pipe early is not an error).
    Stdout(Vec<u8>),
    /// A file written atomically. Without `overwrite`, an existing file is refused (the
    /// user's answers are never clobbered without `--force`).
    File {
        /// Where to write.
        path: PathBuf,
        /// What to write.
        bytes: Vec<u8>,
        /// Whether an existing file may be replaced.
        overwrite: bool,
        /// Said before the error when the write fails: what the user can do instead.
        hint: Option<String>,
    },
    /// Bytes appended to a file other tools collect, such as `$GITHUB_STEP_SUMMARY`.
    Append {
        /// The file, created when missing.
        path: PathBuf,
        /// What to add.
        bytes: Vec<u8>,
    },
    /// A line for stderr ("wrote FILE", a warning about the output).
    Say(String),
}

impl Out {
    /// Keeps `report` for stderr when it holds any warning.
    pub fn warn(&mut self, report: Report) {
        if !report.diagnostics.is_empty() {
            self.warnings.push(report);
        }
    }

    /// Records that `path` is an input no output may replace (`-` is not a file).
    pub fn input(&mut self, path: &str) {
        if path != "-" {
            self.inputs.push(PathBuf::from(path));
        }
    }

    /// A line for stderr, after the effects before it.
    pub fn say(&mut self, message: impl Into<String>) {
        self.effects.push(Effect::Say(message.into()));
    }

    /// Bytes for standard output.
    pub fn stdout(&mut self, bytes: impl Into<Vec<u8>>) {
        self.effects.push(Effect::Stdout(bytes.into()));
    }

    /// Bytes for `-o FILE` (replacing it), or for standard output without one or with `-`.
    pub fn emit(&mut self, path: Option<&str>, bytes: impl Into<Vec<u8>>) {
        match path {
            None | Some("-") => self.stdout(bytes),
            Some(path) => self.file(path, bytes, true),
        }
    }

    /// A file to write atomically; an existing one is replaced only with `overwrite`.
    pub fn file(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>, overwrite: bool) {
        self.effects.push(Effect::File {
            path: path.into(),
            bytes: bytes.into(),
            overwrite,
            hint: None,
        });
    }

    /// Like [`Out::file`], with a hint said before the error should the write fail.
    pub fn file_or(
        &mut self,
        path: impl Into<PathBuf>,
        bytes: impl Into<Vec<u8>>,
        overwrite: bool,
        hint: impl Into<String>,
    ) {
        self.effects.push(Effect::File {
            path: path.into(),
            bytes: bytes.into(),
            overwrite,
            hint: Some(hint.into()),
        });
    }

    /// Bytes to append to `path`.
    pub fn append(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        self.effects.push(Effect::Append {
            path: path.into(),
            bytes: bytes.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emit_sends_dash_and_nothing_to_stdout_and_a_path_to_a_replaced_file() {
        let mut out = Out::default();
        out.emit(None, "a");
        out.emit(Some("-"), "b");
        out.emit(Some("x.json"), "c");
        assert_eq!(
            out.effects,
            vec![
                Effect::Stdout(b"a".to_vec()),
                Effect::Stdout(b"b".to_vec()),
                Effect::File {
                    path: "x.json".into(),
                    bytes: b"c".to_vec(),
                    overwrite: true,
                    hint: None
                },
            ]
        );
    }

    #[test]
    fn empty_reports_are_not_kept() {
        let mut out = Out::default();
        out.warn(Report::new("a.yaml", ""));
        assert!(out.warnings.is_empty());
    }
}
