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

use super::fsio;

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
    file: Option<io::BufWriter<SeamFile>>,
}

/// A file written through the store's seam ([`fsio`]).
#[derive(Debug)]
struct SeamFile {
    file: File,
    path: PathBuf,
}

impl Write for SeamFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        fsio::write_all(&mut self.file, &self.path, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicFile {
    /// Start writing `path` (a temporary file beside it). A read-only file
    /// is refused, as by [`write_atomic`]; the permissions of the file
    /// replaced are kept.
    pub fn create(path: &Path) -> io::Result<Self> {
        let target = real_path(path);
        let old = writable_metadata(&target)?;
        let tmp = temp_path(&target);
        let file = fsio::create(&tmp)?;
        if let Some(meta) = old {
            let _ = file.set_permissions(meta.permissions());
        }
        let file = SeamFile {
            file,
            path: tmp.clone(),
        };
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
            .and_then(|f| fsio::sync(&f.file, &f.path))
            .and_then(|()| fsio::rename(&self.tmp, &self.target));
        if result.is_err() {
            let _ = fsio::remove_file(&self.tmp);
        }
        result?;
        fsio::sync_folder(folder(&self.target));
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fsio::remove_file(&self.tmp);
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

#[cfg(unix)]
fn has_other_links(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_links(_meta: &fs::Metadata) -> bool {
    false
}

/// Whether `a` and `b` are names of one file.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
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

/// Write a file that has other names (hard links) in place, so every name
/// sees the new content. With `backup`, a flushed copy of the old content
/// is made first under a temporary name and becomes `NAME.bak` once the new
/// content is in; the new bytes are written over the old without cutting
/// the file first, and a failure puts the old bytes back, so a full disk
/// leaves the file and its backup as they were. (A kill in the middle of
/// the write itself cannot be undone for a file with several names: the
/// copy is then `.NAME.bak.<pid>.tmp`, and [`clean_leftovers`] keeps it
/// when the project no longer loads.)
fn write_linked(target: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
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

/// Remove temporary files that a killed write of `path` left beside it
/// (`.NAME.<pid>.tmp` of processes that are gone), and those of its backup
/// and its journal. Returns how many.
pub fn clean_leftovers(path: &Path) -> usize {
    let target = real_path(path);
    clean_temps_of(&target)
        + clean_temps_of(&backup_path(&target))
        + clean_temps_of(&super::journal::journal_path(&target))
        + clean_temps_of(&model_path(path))
}

/// Where the learned model of the project at `project` is kept: `NAME.model`
/// beside a project file, `model.bin` inside a folder project (git ignores
/// it; it is rebuilt when missing).
pub fn model_path(project: &Path) -> PathBuf {
    let root = super::project_root(project);
    if super::is_folder_project(&root) {
        return root.join("model.bin");
    }
    root.with_extension("model")
}

/// Remove the `.NAME.<pid>.tmp` files of processes that are gone beside
/// `target`. Returns how many.
fn clean_temps_of(target: &Path) -> usize {
    let prefix = format!(".{}.", file_name(target));
    let Ok(entries) = fs::read_dir(folder(target)) else {
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
            && fsio::remove_file(&entry.path()).is_ok()
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
    let _ = fsio::remove_dir_all(&tmp);
    let result = (|| {
        fsio::create_dir_all(&tmp)?;
        for (name, content) in files {
            fsio::write_synced(&tmp.join(name), content.as_bytes())?;
        }
        fsio::sync_folder(&tmp);
        if path.exists() {
            if !replace {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "the folder exists already",
                ));
            }
            // Move the old folder aside first, so a failure can put it back.
            let old = folder(path).join(format!(".{}.{}.old", file_name(path), std::process::id()));
            fsio::rename(path, &old)?;
            if let Err(e) = fsio::rename(&tmp, path) {
                let _ = fsio::rename(&old, path);
                return Err(e);
            }
            let _ = fsio::remove_dir_all(&old);
        } else {
            fsio::rename(&tmp, path)?;
        }
        fsio::sync_folder(folder(path));
        Ok(())
    })();
    if result.is_err() {
        let _ = fsio::remove_dir_all(&tmp);
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
