//! Reading answers files from git history, through gix (no `git` binary needed).
//!
//! Only what `diff REV:PATH` and `trend` need: resolve a revision, read one blob from a commit's
//! tree, and list the commits that changed one path. This is an app-level edge: it reads the
//! repository on disk, and hands plain bytes and dates to the pure parts.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, NaiveDate};
use gix::ObjectId;

/// One version of a file in history.
#[derive(Debug, Clone)]
pub struct Version {
    /// The full commit id, in hex.
    pub commit: String,
    /// The committer's date (UTC).
    pub date: NaiveDate,
    /// The first line of the commit message.
    pub subject: String,
    /// The file's content at that commit.
    pub text: String,
}

/// A file read from a revision: its text and the commit it came from.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The full commit id.
    pub commit: String,
    /// The file's content.
    pub text: String,
}

/// Splits `REV:PATH` when `arg` names no file on disk. `C:\...` style drive letters are not
/// revisions, hence the length check.
pub fn split_rev_path(arg: &str) -> Option<(&str, &str)> {
    if Path::new(arg).exists() {
        return None;
    }
    let (rev, path) = arg.split_once(':')?;
    (rev.len() > 1 && !path.is_empty()).then_some((rev, path))
}

/// Reads `path` at revision `rev` of the repository that holds the working directory.
pub fn read_at(cwd: &Path, rev: &str, path: &str) -> Result<Revision> {
    let repo = gix::discover(cwd).map_err(|_| {
        anyhow!(
            "`{rev}:{path}` names a revision, but `{}` is not inside a git repository",
            cwd.display()
        )
    })?;
    let id = repo
        .rev_parse_single(rev)
        .map_err(|e| anyhow!("no revision `{rev}` in the repository: {e}"))?;
    let commit = id
        .object()
        .and_then(|o| o.peel_to_commit())
        .with_context(|| format!("`{rev}` does not name a commit"))?;
    let tree = commit.tree().context("cannot read the commit's tree")?;
    let workdir = repo.workdir().map(Path::to_path_buf);
    for candidate in repo_paths(workdir.as_deref(), cwd, path) {
        if let Some(entry) = tree
            .lookup_entry_by_path(&candidate)
            .context("cannot read the commit's tree")?
        {
            let blob = repo
                .find_blob(entry.object_id())
                .with_context(|| format!("`{rev}:{path}` is not a file"))?;
            let text = String::from_utf8(blob.data.clone())
                .map_err(|_| anyhow!("`{rev}:{path}` is not UTF-8 text"))?;
            return Ok(Revision {
                commit: commit.id.to_string(),
                text,
            });
        }
    }
    bail!(
        "`{path}` does not exist in revision `{rev}` (commit {}); paths are relative to the repository's root, or start with `./` for the current folder",
        short(&commit.id.to_string())
    )
}

/// Where `path` may sit in the repository: as written from the root, then relative to the
/// current folder (as `git show REV:./PATH` reads it).
fn repo_paths(workdir: Option<&Path>, cwd: &Path, path: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let explicit = path.starts_with("./") || path.starts_with("../");
    if !explicit {
        out.push(normalize(Path::new(path)));
    }
    if let Some(root) = workdir.and_then(|w| w.canonicalize().ok())
        && let Ok(cwd) = cwd.canonicalize()
        && let Ok(rel) = cwd.join(path).strip_prefix(&root).map(normalize)
        && !out.contains(&rel)
    {
        out.push(rel);
    }
    out
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The first seven characters of a commit id, as people quote them.
pub fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// Every commit reachable from HEAD that changed the file at `file` (a path on disk), oldest
/// first, with the file's content at each. Like `git log -- FILE`: a commit counts when the
/// file differs from every parent, so a merge that took one side's version does not.
pub fn history(file: &Path) -> Result<Vec<Version>> {
    let absolute = file
        .canonicalize()
        .with_context(|| format!("cannot read `{}`", file.display()))?;
    let dir = absolute.parent().unwrap_or(Path::new("/"));
    let repo = gix::discover(dir).map_err(|_| {
        anyhow!(
            "`{}` has no history: it is not inside a git repository (trend reads the answers file's commits)",
            file.display()
        )
    })?;
    let root = repo
        .workdir()
        .and_then(|w| w.canonicalize().ok())
        .ok_or_else(|| anyhow!("the repository of `{}` has no working tree", file.display()))?;
    let rel = absolute
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .map_err(|_| {
            anyhow!(
                "`{}` is outside its repository's working tree",
                file.display()
            )
        })?;
    let head = match repo.head_id() {
        Ok(id) => id.detach(),
        Err(_) => bail!(no_history(file)),
    };
    let walk = repo
        .rev_walk([head])
        .sorting(gix::revision::walk::Sorting::ByCommitTime(
            gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
        ))
        .all()
        .context("cannot walk the repository's history")?;
    // The blob of the file in each commit seen, so a parent is looked up once.
    let mut blobs: HashMap<ObjectId, Option<ObjectId>> = HashMap::new();
    let mut blob_at = |id: ObjectId| -> Result<Option<ObjectId>> {
        if let Some(found) = blobs.get(&id) {
            return Ok(*found);
        }
        let commit = repo.find_commit(id).context("cannot read a commit")?;
        let tree = commit.tree().context("cannot read a commit's tree")?;
        let found = tree
            .lookup_entry_by_path(&rel)
            .context("cannot read a commit's tree")?
            .filter(|e| e.mode().is_blob())
            .map(|e| e.object_id());
        blobs.insert(id, found);
        Ok(found)
    };
    let mut out = Vec::new();
    for info in walk {
        let info = info.context("cannot walk the repository's history")?;
        let Some(blob) = blob_at(info.id)? else {
            continue;
        };
        let parents: Vec<ObjectId> = info.parent_ids.iter().copied().collect();
        let mut same_as_a_parent = false;
        for parent in parents {
            if blob_at(parent)? == Some(blob) {
                same_as_a_parent = true;
                break;
            }
        }
        if same_as_a_parent {
            continue;
        }
        let commit = repo.find_commit(info.id).context("cannot read a commit")?;
        let time = commit.time().context("cannot read a commit's date")?;
        let date = DateTime::from_timestamp(time.seconds, 0)
            .map(|d| d.date_naive())
            .unwrap_or_default();
        let subject = commit
            .message_raw_sloppy()
            .to_string()
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        let data = repo
            .find_blob(blob)
            .context("cannot read a file in history")?;
        let text = String::from_utf8_lossy(&data.data).into_owned();
        out.push(Version {
            commit: info.id.to_string(),
            date,
            subject,
            text,
        });
    }
    if out.is_empty() {
        bail!(no_history(file));
    }
    out.reverse();
    Ok(out)
}

fn no_history(file: &Path) -> String {
    format!(
        "`{}` has no history: no commit of its repository contains it; commit it (`git add` and `git commit`), then run trend again",
        file.display()
    )
}
