//! The save transaction of a folder project: files written into
//! `.pending/`, a `COMMIT` marker, then renamed into place; a save cut short
//! is finished (committed) or thrown away (not) when the folder is opened.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::super::sync_folder;
use super::{DOCS, MANIFEST, PENDING, SAVED};

const COMMIT: &str = "COMMIT";

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Write `writes` (paths relative to `dir`) and remove `removed` document
/// files as one transaction through `.pending/`.
pub(super) fn commit(
    dir: &Path,
    writes: &BTreeMap<PathBuf, Vec<u8>>,
    removed: &[String],
) -> io::Result<()> {
    let pending = dir.join(PENDING);
    // A save cut short is finished (or thrown away) first, never lost.
    settle_pending(dir)?;
    fs::create_dir_all(pending.join(DOCS))?;
    for (rel, bytes) in writes {
        write_synced(&pending.join(rel), bytes)?;
    }
    sync_folder(&pending.join(DOCS));
    // The marker lists the document files to remove, one per line.
    let marker = pending.join(COMMIT);
    let tmp = pending.join("COMMIT.tmp");
    write_synced(&tmp, removed.join("\n").as_bytes())?;
    fs::rename(&tmp, &marker)?;
    sync_folder(&pending);
    // Committed: the save holds from here. Should moving the files into
    // place fail now, the next save or open finishes it.
    let _ = finish(dir);
    Ok(())
}

/// Put `new` in place of `old`, keeping the permissions `old` had.
fn replace(new: &Path, old: &Path) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(old) {
        fs::set_permissions(new, meta.permissions())?;
    }
    fs::rename(new, old)
}

/// Move a committed save's files into place and remove `.pending/`.
fn finish(dir: &Path) -> io::Result<()> {
    let pending = dir.join(PENDING);
    let removed = fs::read_to_string(pending.join(COMMIT))?;
    if let Ok(entries) = fs::read_dir(pending.join(DOCS)) {
        for entry in entries.flatten() {
            replace(&entry.path(), &dir.join(DOCS).join(entry.file_name()))?;
        }
    }
    for name in [MANIFEST, SAVED] {
        let file = pending.join(name);
        if file.exists() {
            replace(&file, &dir.join(name))?;
        }
    }
    for name in removed
        .lines()
        .filter(|l| !l.is_empty() && !l.contains('/'))
    {
        match fs::remove_file(dir.join(DOCS).join(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    sync_folder(&dir.join(DOCS));
    sync_folder(dir);
    fs::remove_dir_all(&pending)
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
        fs::remove_dir_all(&pending)
    }
}
