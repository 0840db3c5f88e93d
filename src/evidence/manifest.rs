//! The evidence manifest `evidence lock` writes beside the answers file: each file's path
//! (relative to the evidence root), size and SHA-256, sorted by path so the same files give
//! the same bytes.

use serde::{Deserialize, Serialize};

/// Version of the manifest's layout.
pub const SCHEMA_VERSION: u32 = 1;

/// The manifest's contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub schema_version: u32,
    /// The answers file's name, for people reading the manifest.
    pub answers_file: String,
    /// Sorted by path.
    pub files: Vec<Locked>,
}

/// One hashed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locked {
    /// Relative to the evidence root, with forward slashes.
    pub path: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

impl Manifest {
    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Reads a manifest; the error has the line, column and what was wrong.
    pub fn from_json(text: &str) -> Result<Manifest, (usize, usize, String)> {
        let mut m: Manifest =
            serde_json::from_str(text).map_err(|e| (e.line(), e.column(), e.to_string()))?;
        m.files.sort_by(|a, b| a.path.cmp(&b.path));
        if m.schema_version != SCHEMA_VERSION {
            return Err((
                1,
                1,
                format!(
                    "schema_version {} is not {SCHEMA_VERSION}; run `iso20k evidence lock` again",
                    m.schema_version
                ),
            ));
        }
        Ok(m)
    }

    /// The locked entry for `path`.
    pub fn get(&self, path: &str) -> Option<&Locked> {
        self.files
            .binary_search_by(|l| l.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }
}

/// Where the manifest of `answers` lives: beside it, named after it (`answers.yaml` gives
/// `answers.yaml.evidence.json`), so two answers files in one folder keep their own.
pub fn manifest_path(answers: &std::path::Path) -> std::path::PathBuf {
    let mut name = answers.file_name().unwrap_or_default().to_os_string();
    name.push(".evidence.json");
    answers.with_file_name(name)
}
