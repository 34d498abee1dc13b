//! The save transaction of a folder project: files written into
//! `.pending/`, a `COMMIT` marker, then renamed into place; a save cut short
//! is finished (committed) or thrown away (not) when the folder is opened.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::super::fsio::{self, sync_folder, write_synced};
use super::{DOCS, MANIFEST, PENDING, SAVED};

const COMMIT: &str = "COMMIT";

/// Write `writes` (paths relative to `dir`) and remove `removed` document
/// files as one transaction through `.pending/`.
pub(super) fn commit(
    dir: &Path,
    writes: &BTreeMap<PathBuf, Vec<u8>>,
    removed: &[String],
) -> io::Result<()> {
    let pending = open(dir)?;
    for (rel, bytes) in writes {
        write_synced(&pending.join(rel), bytes)?;
    }
    sync_folder(&pending.join(DOCS));
    seal(dir, removed)
}

/// Start a transaction: a save cut short is finished (or thrown away)
/// first, never lost; then an empty `.pending/docs/`. Returns `.pending/`.
pub(super) fn open(dir: &Path) -> io::Result<PathBuf> {
    let pending = dir.join(PENDING);
    settle_pending(dir)?;
    fsio::create_dir_all(&pending.join(DOCS))?;
    Ok(pending)
}

/// Commit what `.pending/` holds (every file in it written and flushed):
/// the `COMMIT` marker, listing the document files to remove, then the
/// files moved into place.
pub(super) fn seal(dir: &Path, removed: &[String]) -> io::Result<()> {
    let pending = dir.join(PENDING);
    // The marker lists the document files to remove, one per line.
    let marker = pending.join(COMMIT);
    let tmp = pending.join("COMMIT.tmp");
    write_synced(&tmp, removed.join("\n").as_bytes())?;
    fsio::rename(&tmp, &marker)?;
    sync_folder(&pending);
    // Committed: the save holds from here. Should moving the files into
    // place fail now, the next save or open finishes it.
    let _ = finish(dir);
    Ok(())
}

/// Put `new` in place of `old`, keeping the permissions `old` had (a new
/// file takes `like`'s, the project's manifest's, so a folder kept
/// private stays private). A symlink is followed: the file it points at
/// is replaced, and the link stays.
fn replace(new: &Path, old: &Path, like: Option<&fs::Permissions>) -> io::Result<()> {
    // A new file (most of an import's): nothing to follow or keep.
    if fs::symlink_metadata(old).is_err() {
        if let Some(perm) = like {
            fsio::set_permissions(new, perm.clone())?;
        }
        return fsio::rename(new, old);
    }
    let target = crate::store::real_path(old);
    if let Some(perm) = fs::metadata(&target)
        .ok()
        .map(|m| m.permissions())
        .or(like.cloned())
    {
        fsio::set_permissions(new, perm)?;
    }
    match fsio::rename(new, &target) {
        // A link to another file system: copy beside the real file, then
        // rename there.
        Err(e) if e.raw_os_error() == Some(EXDEV) => {
            let beside = target.with_file_name(format!(
                ".{}.{}.tmp",
                target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::process::id()
            ));
            let bytes = fs::read(new)?;
            fsio::write_synced(&beside, &bytes)?;
            if let Ok(meta) = fs::metadata(&target) {
                fsio::set_permissions(&beside, meta.permissions())?;
            }
            fsio::rename(&beside, &target)?;
            fsio::remove_file(new)
        }
        other => other,
    }
}

/// "Invalid cross-device link": a rename across file systems.
const EXDEV: i32 = 18;

/// Move a committed save's files into place and remove `.pending/`.
fn finish(dir: &Path) -> io::Result<()> {
    let pending = dir.join(PENDING);
    let removed = fs::read_to_string(pending.join(COMMIT))?;
    // The manifest's permissions, for new files (a new project's manifest
    // is itself still in `.pending/`).
    let like = fs::metadata(dir.join(MANIFEST))
        .or_else(|_| fs::metadata(pending.join(MANIFEST)))
        .ok()
        .map(|m| m.permissions());
    if let Ok(entries) = fs::read_dir(pending.join(DOCS)) {
        for entry in entries.flatten() {
            replace(
                &entry.path(),
                &dir.join(DOCS).join(entry.file_name()),
                like.as_ref(),
            )?;
        }
    }
    for name in [MANIFEST, SAVED] {
        let file = pending.join(name);
        if file.exists() {
            replace(&file, &dir.join(name), like.as_ref())?;
        }
    }
    for name in removed
        .lines()
        .filter(|l| !l.is_empty() && !l.contains('/'))
    {
        match fsio::remove_file(&dir.join(DOCS).join(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    sync_folder(&dir.join(DOCS));
    sync_folder(dir);
    fsio::remove_dir_all(&pending)
}

/// Where the last complete save keeps the file `rel` (relative to `dir`):
/// in `.pending/` while a committed save's files are still there (a crash
/// cut it short, or its writer is moving them into place), else in place.
/// Readers that may not finish a save (they hold no lock) read through
/// this, so they never see a mix of two saves.
pub(super) fn committed(dir: &Path, rel: &Path) -> PathBuf {
    let pending = dir.join(PENDING);
    let staged = pending.join(rel);
    if pending.join(COMMIT).exists() && staged.exists() {
        staged
    } else {
        dir.join(rel)
    }
}

/// A save cut short: finish it if it was committed, else throw it away.
pub(super) fn settle_pending(dir: &Path) -> io::Result<()> {
    let pending = dir.join(PENDING);
    if !pending.exists() {
        return Ok(());
    }
    if pending.join(COMMIT).exists() {
        finish(dir)
    } else {
        fsio::remove_dir_all(&pending)
    }
}
