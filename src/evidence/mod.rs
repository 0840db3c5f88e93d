//! Evidence integrity: which evidence entries name files, where those files are, and whether
//! they are still what they were when `evidence lock` hashed them.
//!
//! Entries that are not file paths (URLs, document titles) are listed and never fetched. A
//! path that would leave the evidence root (`../../etc/passwd`, `/etc/passwd`, a symbolic
//! link pointing out) is refused with its answers line, so an answers file cannot make the
//! tool read or hash files outside the folder the user chose.

pub mod command;
mod manifest;
mod scan;

pub use manifest::{Locked, Manifest, manifest_path};
pub use scan::{Scan, Scanned, scan};

use std::path::{Component, Path, PathBuf};

/// What an evidence entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A path to a file below the evidence root.
    File,
    /// A link (`https://…`, `mailto:…`): listed, never fetched.
    Url,
    /// A document's title or any other words: listed.
    Title,
}

/// Tells a file path from a URL or a title. A path has a folder separator, or ends in a file
/// extension with a letter in it (`policy.pdf`, `SMS plan.docx`; not `v1.2` or a sentence).
pub fn classify(entry: &str) -> Kind {
    let entry = entry.trim();
    if entry.contains("://") || entry.starts_with("mailto:") || entry.starts_with("www.") {
        return Kind::Url;
    }
    if entry.is_empty() || entry.contains('\n') {
        return Kind::Title;
    }
    if entry.contains('/') || entry.contains('\\') {
        return Kind::File;
    }
    match entry.rsplit_once('.') {
        Some((stem, ext))
            if !stem.trim().is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic()) =>
        {
            Kind::File
        }
        _ => Kind::Title,
    }
}

/// The path of `entry` relative to the evidence root, with `.` removed and `..` resolved, or
/// `None` when it is absolute or climbs out of the root.
pub fn contained(entry: &str) -> Option<PathBuf> {
    let normal = entry.trim().replace('\\', "/");
    let path = Path::new(&normal);
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    // A Windows drive (`C:/…`) is absolute too, on any system.
    let first = normal.split('/').next().unwrap_or("");
    if first.len() == 2 && first.ends_with(':') {
        return None;
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

/// The path as shown and stored in the manifest: forward slashes on every system.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_urls_and_titles() {
        assert_eq!(classify("SMS/context.docx"), Kind::File);
        assert_eq!(classify("policy.pdf"), Kind::File);
        assert_eq!(classify("Service catalogue.xlsx"), Kind::File);
        assert_eq!(classify("https://intranet/sms"), Kind::Url);
        assert_eq!(classify("Management review minutes 2026"), Kind::Title);
        assert_eq!(classify("Procedure v1.2"), Kind::Title);
    }

    #[test]
    fn paths_stay_below_the_root() {
        assert_eq!(contained("a/./b/../c.pdf"), Some(PathBuf::from("a/c.pdf")));
        assert_eq!(contained("../../etc/passwd"), None);
        assert_eq!(contained("a/../../x"), None);
        assert_eq!(contained("/etc/passwd"), None);
        assert_eq!(contained("C:/Windows/x.ini"), None);
    }
}
