//! Looking at the evidence files an answers file names: an app-level edge that reads the file
//! system (never the network), hashes what it finds and compares it with the manifest.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Kind, Manifest, classify, contained, display};
use crate::answers::AnswersFile;
use crate::assess::FileState;
use crate::diag::{Diagnostic, Pos, Report};

/// One evidence entry, as found.
#[derive(Debug, Clone, Serialize)]
pub struct Scanned {
    /// As written in the answers file.
    pub entry: String,
    pub kind: Kind,
    /// Files only: the path below the evidence root.
    pub path: Option<String>,
    /// Files only: `unchanged`, `changed`, `missing`, or `unlocked` (there, but not in the
    /// manifest).
    pub state: Option<&'static str>,
    pub size: Option<u64>,
    pub sha256: Option<String>,
    /// The answers line that first names it.
    pub line: u32,
    /// Where on that line (the entry, for a message to point at).
    #[serde(skip)]
    pub pos: Pos,
}

/// Every evidence entry of an answers file, once each, in the order the file names them.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Files, URLs and titles alike.
    pub entries: Vec<Scanned>,
}

impl Scan {
    /// What the engine needs for `missing-evidence` and `changed-evidence`: each file entry,
    /// as written, with its state.
    pub fn states(&self) -> std::collections::BTreeMap<String, FileState> {
        self.entries
            .iter()
            .filter_map(|s| {
                let state = match s.state? {
                    "missing" => FileState::Missing,
                    "changed" => FileState::Changed,
                    _ => FileState::Present,
                };
                Some((s.entry.clone(), state))
            })
            .collect()
    }

    /// Files that are missing or changed.
    pub fn problems(&self) -> usize {
        self.entries
            .iter()
            .filter(|s| matches!(s.state, Some("missing" | "changed")))
            .count()
    }
}

/// Looks at every evidence entry of `file` below `root`, against `manifest` when there is
/// one. A path leaving the root is an error at its line; every such error is collected.
///
/// The report of an error holds no source text: the caller reads the file only then.
pub fn scan(file: &AnswersFile, root: &Path, manifest: Option<&Manifest>) -> Result<Scan, Report> {
    let mut report = Report::new(&file.path, "");
    let root_real = root.canonicalize().map_err(|e| {
        let mut r = Report::new(&file.path, "");
        r.push(Diagnostic::error(
            None,
            format!("cannot open the evidence root `{}`: {e}", root.display()),
        ));
        r
    })?;
    let mut scan = Scan::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in &file.entries {
        let Some(list) = &e.answer.evidence else {
            continue;
        };
        for (k, entry) in list.value.iter().enumerate() {
            let pos = e.answer.evidence_at.get(k).copied().unwrap_or(list.pos);
            if seen.contains_key(entry) {
                continue;
            }
            seen.insert(entry.clone(), scan.entries.len());
            let kind = classify(entry);
            let mut found = Scanned {
                entry: entry.clone(),
                kind,
                path: None,
                state: None,
                size: None,
                sha256: None,
                line: pos.line,
                pos,
            };
            if kind == Kind::File {
                match contained(entry).and_then(|rel| inside(&root_real, &rel)) {
                    Some((rel, full)) => {
                        look(&mut found, &rel, &full, manifest);
                    }
                    None => {
                        report.push(
                            Diagnostic::error(
                                pos,
                                format!(
                                    "evidence `{entry}` is outside the evidence root `{}`",
                                    root.display()
                                ),
                            )
                            .help("name evidence files relative to the evidence root (--evidence-root, default the answers file's folder), without `..` or an absolute path"),
                        );
                        continue;
                    }
                }
            }
            scan.entries.push(found);
        }
    }
    if report.has_errors() {
        return Err(report);
    }
    Ok(scan)
}

/// `rel` below `root`, unless a symbolic link on the way points outside it. A missing file
/// is inside when its lexical path is.
fn inside(root: &Path, rel: &Path) -> Option<(PathBuf, PathBuf)> {
    let full = root.join(rel);
    match full.canonicalize() {
        Ok(real) if real.starts_with(root) => Some((rel.to_path_buf(), real)),
        Ok(_) => None,
        Err(_) => Some((rel.to_path_buf(), full)),
    }
}

fn look(found: &mut Scanned, rel: &Path, full: &Path, manifest: Option<&Manifest>) {
    let path = display(rel);
    let hashed = std::fs::metadata(full)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .and_then(|_| hash(full).ok());
    found.state = Some(match (&hashed, manifest.and_then(|m| m.get(&path))) {
        (None, _) => "missing",
        (Some(_), None) => "unlocked",
        (Some((size, sha)), Some(locked)) if *size == locked.size && *sha == locked.sha256 => {
            "unchanged"
        }
        (Some(_), Some(_)) => "changed",
    });
    if let Some((size, sha)) = hashed {
        found.size = Some(size);
        found.sha256 = Some(sha);
    }
    found.path = Some(path);
}

/// The size and SHA-256 (lowercase hex) of a file, read in blocks.
fn hash(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0_u8; 64 * 1024];
    let mut size = 0_u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(64);
    for b in digest.iter() {
        hex.push_str(&format!("{b:02x}"));
    }
    Ok((size, hex))
}
