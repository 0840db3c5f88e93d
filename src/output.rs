//! Where output goes: the terminal's abilities, and writing results to stdout or a file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Width used for tables when stdout is not a terminal, so files and pipes get the same
/// bytes on every machine.
pub const DEFAULT_WIDTH: u16 = 100;

/// What the output can use: colour and width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Colour stdout.
    pub color: bool,
    /// Colour diagnostics on stderr.
    pub color_stderr: bool,
    /// Columns available for tables.
    pub width: u16,
}

impl Term {
    /// A plain, fixed-width terminal: what tests and files get.
    pub fn plain() -> Term {
        Term {
            color: false,
            color_stderr: false,
            width: DEFAULT_WIDTH,
        }
    }
}

/// Writes `bytes` to stdout, or atomically to `path` (a temporary file in the same
/// directory, renamed over the target), so an interrupted run never leaves half a file.
/// A closed pipe on stdout is not an error: the reader has what it wanted.
pub fn emit(path: Option<&str>, bytes: &[u8]) -> Result<()> {
    match path {
        None | Some("-") => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(e).context("cannot write to standard output")
                }
                _ => Ok(()),
            }
        }
        Some(path) => write_atomic(Path::new(path), bytes, true),
    }
}

/// Writes a file atomically; refuses to replace an existing one unless `overwrite`.
///
/// A regular file is replaced by renaming a finished temporary file over it, keeping the old
/// file's permissions (a new file gets the usual rw-r--r--). A symbolic link is followed so
/// the link stays and its target is replaced. Anything that is not a regular file (a device
/// such as `/dev/null`, a named pipe) is written to directly: renaming over it would destroy it.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    let shown = path.display();
    if path.is_dir() {
        anyhow::bail!("cannot write `{shown}`: it is a directory");
    }
    let existing = std::fs::metadata(path).ok();
    if !overwrite && existing.is_some() {
        anyhow::bail!("`{shown}` already exists; pass --force to overwrite it");
    }
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .with_context(|| format!("cannot write `{shown}`"));
    }
    // Follow a symbolic link to the file it names.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .with_context(|| format!("cannot write `{shown}`: cannot follow the link"))?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    if !dir.is_dir() {
        anyhow::bail!(
            "cannot write `{shown}`: the folder `{}` does not exist; create it first",
            dir.display()
        );
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".iso20k-")
        .tempfile_in(&dir)
        .with_context(|| {
            format!(
                "cannot write `{shown}`: cannot create a file in `{}`",
                dir.display()
            )
        })?;
    let permissions = match &existing {
        Some(meta) => meta.permissions(),
        None => new_file_permissions(temp.as_file())?,
    };
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().set_permissions(permissions))
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write `{shown}`"))?;
    let persisted = if overwrite {
        temp.persist(&target).map(drop)
    } else {
        temp.persist_noclobber(&target).map(drop)
    };
    persisted.map_err(|e| e.error).with_context(|| {
        if overwrite {
            format!("cannot write `{shown}`")
        } else {
            format!("cannot write `{shown}`; pass --force to overwrite it")
        }
    })
}

/// What a newly created file should allow: read and write for the owner, read for others
/// (a temporary file starts out private to its owner).
#[cfg(unix)]
fn new_file_permissions(_file: &std::fs::File) -> Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(file: &std::fs::File) -> Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Appends `bytes` to `path` (creating it), for files other tools collect, such as
/// `$GITHUB_STEP_SUMMARY`.
pub fn append(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))
}
