//! Writes that cannot betray: a new file is written beside the target,
//! flushed to disk and renamed over it, so the target holds the old content
//! or the new, never a mix. Symlinks are followed (the file they point at is
//! written), permissions are kept, read-only files are refused, the previous
//! version can be kept as a backup, and temporary files a killed write left
//! behind are cleaned up. Multi-file outputs go to a temporary folder that
//! is renamed into place, or removed on failure.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Keep the previous content as `NAME.bak` beside the file.
    pub backup: bool,
}

/// The folder of `path` ("." for a bare file name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned())
}

/// The temporary name a write of `path` by this process uses.
fn temp_path(path: &Path) -> PathBuf {
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

/// A file written piece by piece and put in place atomically by
/// [`AtomicFile::commit`]; dropped without it, it leaves nothing behind.
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<io::BufWriter<File>>,
}

impl AtomicFile {
    /// Start writing `path` (a temporary file beside it). A read-only file
    /// is refused, as by [`write_atomic`]; the permissions of the file
    /// replaced are kept.
    pub fn create(path: &Path) -> io::Result<Self> {
        let target = real_path(path);
        let old = writable_metadata(&target)?;
        let tmp = temp_path(&target);
        let file = File::create(&tmp)?;
        if let Some(meta) = old {
            let _ = file.set_permissions(meta.permissions());
        }
        Ok(Self {
            target,
            tmp,
            file: Some(io::BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Append `bytes`.
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.write_all(bytes),
            None => Err(io::Error::other("the file was closed")),
        }
    }

    /// Flush to disk and rename over the target.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(writer) = self.file.take() else {
            return Err(io::Error::other("the file was closed"));
        };
        let result = writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|file| file.sync_all())
            .and_then(|()| fs::rename(&self.tmp, &self.target));
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        result?;
        sync_folder(folder(&self.target));
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// The metadata of the file a write would replace (`None` if there is
/// none yet); a read-only file is refused.
fn writable_metadata(target: &Path) -> io::Result<Option<fs::Metadata>> {
    let old = fs::metadata(target).ok();
    if old.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    Ok(old)
}

/// Write `bytes` to `path` atomically (see the module documentation).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, WriteOptions::default())
}

/// Write `bytes` to `path` atomically, with options.
pub fn write_atomic_with(path: &Path, bytes: &[u8], options: WriteOptions) -> io::Result<()> {
    let target = real_path(path);
    let old = writable_metadata(&target)?;
    if options.backup && old.is_some() {
        keep_backup(&target)?;
    }
    if old.as_ref().is_some_and(has_other_links) {
        // Renaming would split the hard link: the other names would keep the
        // old content. Write in place instead; the backup holds the old one.
        return write_in_place(&target, bytes);
    }
    let tmp = temp_path(&target);
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        if let Some(meta) = &old {
            f.set_permissions(meta.permissions())?;
        }
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)?;
        sync_folder(folder(&target));
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn has_other_links(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_links(_meta: &fs::Metadata) -> bool {
    false
}

/// Make a rename durable (best effort: not every platform syncs folders).
pub(super) fn sync_folder(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Keep the current content of `target` as its backup, atomically.
fn keep_backup(target: &Path) -> io::Result<()> {
    let bak = backup_path(target);
    let tmp = temp_path(&bak);
    let _ = fs::remove_file(&tmp);
    // A hard link costs nothing; where links are not possible, copy.
    if fs::hard_link(target, &tmp).is_err() {
        fs::copy(target, &tmp)?;
        File::open(&tmp)?.sync_all()?;
    }
    let result = fs::rename(&tmp, &bak);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_in_place(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(target)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Remove temporary files that a killed write of `path` left beside it
/// (`.NAME.<pid>.tmp` of processes that are gone). Returns how many.
pub fn clean_leftovers(path: &Path) -> usize {
    let target = real_path(path);
    let prefix = format!(".{}.", file_name(&target));
    let Ok(entries) = fs::read_dir(folder(&target)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id()
            && !super::lock::process_alive(pid)
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Fill a new folder with `files` (name, content) and put it at `path`: the
/// files go to a temporary folder beside it that is renamed into place, so a
/// failure leaves nothing half-written. An existing folder at `path` is
/// replaced only when `replace` is set.
pub fn write_folder_atomic(
    path: &Path,
    files: &[(String, String)],
    replace: bool,
) -> io::Result<()> {
    let tmp = temp_path(path);
    let _ = fs::remove_dir_all(&tmp);
    let result = (|| {
        fs::create_dir_all(&tmp)?;
        for (name, content) in files {
            let mut f = File::create(tmp.join(name))?;
            f.write_all(content.as_bytes())?;
            f.sync_all()?;
        }
        sync_folder(&tmp);
        if path.exists() {
            if !replace {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "the folder exists already",
                ));
            }
            // Move the old folder aside first, so a failure can put it back.
            let old = folder(path).join(format!(".{}.{}.old", file_name(path), std::process::id()));
            fs::rename(path, &old)?;
            if let Err(e) = fs::rename(&tmp, path) {
                let _ = fs::rename(&old, path);
                return Err(e);
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&tmp, path)?;
        }
        sync_folder(folder(path));
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .map(|r| {
                r.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn replaces_content_and_leaves_no_temp_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one")?;
        write_atomic(&p, b"two")?;
        assert_eq!(fs::read(&p)?, b"two");
        assert_eq!(names(dir.path()), vec!["a.ron"]);
        Ok(())
    }

    #[test]
    fn a_backup_keeps_the_previous_version() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("a.ron");
        let backup = WriteOptions { backup: true };
        write_atomic_with(&p, b"one", backup)?;
        write_atomic_with(&p, b"two", backup)?;
        assert_eq!(fs::read(&p)?, b"two");
        assert_eq!(fs::read(backup_path(&p))?, b"one");
        Ok(())
    }

    #[test]
    fn failure_keeps_the_old_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("missing-folder").join("a.ron");
        assert!(write_atomic(&p, b"x").is_err());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_hard_links_and_permissions_are_respected() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let real = dir.path().join("real.ron");
        write_atomic(&real, b"one")?;
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640))?;
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&real, &link)?;
        write_atomic(&link, b"two")?;
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(fs::read(&real)?, b"two");
        assert_eq!(fs::metadata(&real)?.permissions().mode() & 0o777, 0o640);

        let hard = dir.path().join("hard.ron");
        fs::hard_link(&real, &hard)?;
        write_atomic(&hard, b"three")?;
        assert_eq!(fs::read(&real)?, b"three", "both names see the new content");

        fs::set_permissions(&real, fs::Permissions::from_mode(0o444))?;
        let err = write_atomic(&real, b"four").err().map(|e| e.kind());
        assert_eq!(err, Some(io::ErrorKind::PermissionDenied));
        assert_eq!(fs::read(&real)?, b"three");
        Ok(())
    }

    #[test]
    fn leftovers_of_dead_processes_are_removed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one")?;
        // A pid that cannot be alive (above the kernel's limit).
        fs::write(dir.path().join(".a.ron.4999999.tmp"), b"partial")?;
        fs::write(dir.path().join(".other.ron.4999999.tmp"), b"not ours")?;
        assert_eq!(clean_leftovers(&p), 1);
        assert_eq!(names(dir.path()), vec![".other.ron.4999999.tmp", "a.ron"]);
        Ok(())
    }

    #[test]
    fn a_folder_is_written_whole_or_not_at_all() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("brat");
        let files = vec![("a.txt".to_owned(), "x".to_owned())];
        write_folder_atomic(&out, &files, false)?;
        assert!(write_folder_atomic(&out, &files, false).is_err(), "exists");
        let bad = vec![("no/such/dir.txt".to_owned(), "x".to_owned())];
        assert!(write_folder_atomic(&out, &bad, true).is_err());
        assert_eq!(
            fs::read_to_string(out.join("a.txt"))?,
            "x",
            "old folder kept"
        );
        assert_eq!(names(dir.path()), vec!["brat"], "no temp folder left");
        Ok(())
    }
}
