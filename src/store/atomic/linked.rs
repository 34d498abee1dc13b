//! Files with several names (hard links): written in place, so every name
//! sees the new content, with the old bytes put back on failure.

use std::fs;
use std::io;
use std::path::Path;

use super::super::fsio;
use super::{backup_path, temp_path};

#[cfg(unix)]
pub(super) fn has_other_links(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
pub(super) fn has_other_links(_meta: &fs::Metadata) -> bool {
    false
}

/// Whether `a` and `b` are names of one file.
#[cfg(unix)]
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(super) fn same_file(_a: &Path, _b: &Path) -> bool {
    false
}

/// Write a file that has other names (hard links) in place, so every name
/// sees the new content. With `backup`, a flushed copy of the old content
/// is made first under a temporary name and becomes `NAME.bak` once the new
/// content is in; the new bytes are written over the old without cutting
/// the file first, and a failure puts the old bytes back, so a full disk
/// leaves the file and its backup as they were. (A kill in the middle of
/// the write itself cannot be undone for a file with several names: the
/// copy is then `.NAME.bak.<pid>.tmp`, and [`clean_leftovers`] keeps it
/// when the project no longer loads.)
pub(super) fn write_linked(target: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    let old_bytes = fs::read(target)?;
    let bak = backup_path(target);
    let bak_tmp = temp_path(&bak);
    if backup && let Err(e) = fsio::write_synced(&bak_tmp, &old_bytes) {
        let _ = fsio::remove_file(&bak_tmp);
        return Err(e);
    }
    let result = (|| {
        let mut f = fsio::open_in_place(target)?;
        fsio::write_all(&mut f, target, bytes)?;
        fsio::set_len(&f, target, bytes.len() as u64)?;
        fsio::sync(&f, target)
    })();
    if let Err(e) = result {
        // The old bytes fit where they were.
        let _ = restore_in_place(target, &old_bytes);
        let _ = fsio::remove_file(&bak_tmp);
        return Err(e);
    }
    if backup && fsio::rename(&bak_tmp, &bak).is_err() {
        let _ = fsio::remove_file(&bak_tmp);
    }
    Ok(())
}

fn restore_in_place(target: &Path, old: &[u8]) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut f = fsio::open_in_place(target)?;
    f.seek(SeekFrom::Start(0))?;
    fsio::write_all(&mut f, target, old)?;
    fsio::set_len(&f, target, old.len() as u64)?;
    fsio::sync(&f, target)
}
