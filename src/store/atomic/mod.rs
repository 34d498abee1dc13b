//! Writes that cannot betray: a new file is written beside the target,
//! flushed to disk and renamed over it, so the target holds the old content
//! or the new, never a mix. Symlinks are followed (the file they point at is
//! written), permissions are kept, read-only files are refused, the previous
//! version can be kept as a backup, and temporary files a killed write left
//! behind are cleaned up. Multi-file outputs go to a temporary folder that
//! is renamed into place, or removed on failure.

mod file;
mod folder_out;
mod leftovers;
mod linked;

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::fsio;

pub use file::AtomicFile;
use file::writable_metadata;
pub use folder_out::{FolderOut, write_folder_atomic};
use leftovers::clean_temps_of;
pub use leftovers::{clean_leftovers, model_path};
use linked::{has_other_links, same_file, write_linked};

/// How to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Keep the previous content as `NAME.bak` beside the file.
    pub backup: bool,
}

/// The folder of `path` ("." for a bare file name).
pub(super) fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned())
}

/// The temporary name a write of `path` by this process uses.
pub(super) fn temp_path(path: &Path) -> PathBuf {
    folder(path).join(format!(".{}.{}.tmp", file_name(path), std::process::id()))
}

/// The backup of `path`: `NAME.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    folder(path).join(format!("{}.bak", file_name(path)))
}

/// The file a write of `path` really changes: symlinks followed.
pub fn real_path(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Write `bytes` to `path` atomically (see the module documentation).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, WriteOptions::default())
}

/// Write `bytes` to `path` atomically, with options.
///
/// With a backup, the previous content ends as `NAME.bak`, a file of its
/// own: the new content is written and flushed beside the target, the old
/// file gets a second, temporary name, the new one is renamed over the
/// target, and that temporary name becomes `NAME.bak`. A failure or a kill
/// at any step leaves the project and its backup as they were (a temporary
/// name left by a kill is removed by [`clean_leftovers`] and by the next
/// save); the backup is never a second name of the project's file.
pub fn write_atomic_with(path: &Path, bytes: &[u8], options: WriteOptions) -> io::Result<()> {
    let target = real_path(path);
    let old = writable_metadata(&target)?;
    let backup = options.backup && old.is_some();
    if backup {
        heal_backup(&target);
    }
    // Metadata again: healing may have removed a second name.
    let old = if backup {
        writable_metadata(&target)?
    } else {
        old
    };
    if old.as_ref().is_some_and(has_other_links) {
        // Renaming would split the hard link: the other names would keep the
        // old content. Write in place instead, with a copy as backup.
        return write_linked(&target, bytes, backup);
    }
    let tmp = temp_path(&target);
    let bak_tmp = temp_path(&backup_path(&target));
    let result = (|| {
        let mut f = fsio::create(&tmp)?;
        fsio::write_all(&mut f, &tmp, bytes)?;
        if let Some(meta) = &old {
            fsio::set_permissions(&tmp, meta.permissions())?;
        }
        fsio::sync(&f, &tmp)?;
        drop(f);
        if backup {
            second_name(&target, &bak_tmp)?;
        }
        fsio::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = fsio::remove_file(&tmp);
        if backup {
            let _ = fsio::remove_file(&bak_tmp);
        }
        return Err(e);
    }
    // The new content is in place: the old file, now alone under its
    // temporary name, becomes the backup. Should that fail, the save still
    // holds and the previous backup stays.
    if backup && fsio::rename(&bak_tmp, &backup_path(&target)).is_err() {
        let _ = fsio::remove_file(&bak_tmp);
    }
    fsio::sync_folder(folder(&target));
    Ok(())
}

/// A second name for `target` at `name`: a hard link, or a flushed copy
/// where links are not possible.
fn second_name(target: &Path, name: &Path) -> io::Result<()> {
    let _ = fsio::remove_file(name);
    if fsio::hard_link(target, name).is_err() {
        fsio::copy(target, name)?;
        let f = File::open(name)?;
        fsio::sync(&f, name)?;
    }
    Ok(())
}

/// Undo what earlier versions and killed saves left: a backup that is a
/// second name of the project's file (it holds no previous version and
/// made every later save write in place), and temporary names of the
/// backup left by processes that are gone.
fn heal_backup(target: &Path) {
    let bak = backup_path(target);
    clean_temps_of(&bak);
    if same_file(&bak, target) {
        let _ = fsio::remove_file(&bak);
    }
}

#[cfg(test)]
mod tests;
