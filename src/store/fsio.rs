//! The store's one seam to the file system: every write, sync, rename,
//! link and removal the store makes goes through these functions, with the
//! real file system behind them. Tests put a stand-in in front
//! ([`faults::inject`]) that fails the n-th operation under a folder with
//! `ENOSPC` or `EIO`, as SQLite tests its I/O, so a save, an import and a
//! journal append can be tried against a failure at every step.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use faults::Op;

/// Create (or truncate) `path` for writing.
pub(crate) fn create(path: &Path) -> io::Result<File> {
    faults::check(Op::Create, path)?;
    File::create(path)
}

/// Open `path` for appending.
pub(crate) fn open_append(path: &Path) -> io::Result<File> {
    faults::check(Op::Create, path)?;
    OpenOptions::new().append(true).open(path)
}

/// Open an existing `path` for writing in place (not truncated).
pub(crate) fn open_in_place(path: &Path) -> io::Result<File> {
    faults::check(Op::Create, path)?;
    OpenOptions::new().write(true).open(path)
}

/// Write all of `bytes` to `file` (which is `path`). A failure may leave
/// part of them written, as a full disk does.
pub(crate) fn write_all(file: &mut File, path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Err(e) = faults::check(Op::Write, path) {
        // A full disk takes what fits first.
        let _ = file.write_all(&bytes[..bytes.len() / 2]);
        return Err(e);
    }
    file.write_all(bytes)
}

/// Flush `file` (which is `path`) to disk.
pub(crate) fn sync(file: &File, path: &Path) -> io::Result<()> {
    faults::check(Op::Sync, path)?;
    file.sync_all()
}

/// Flush `file`'s data (not its metadata) to disk.
pub(crate) fn sync_data(file: &File, path: &Path) -> io::Result<()> {
    faults::check(Op::Sync, path)?;
    file.sync_data()
}

/// Cut or extend `file` (which is `path`) to `len` bytes.
pub(crate) fn set_len(file: &File, path: &Path, len: u64) -> io::Result<()> {
    faults::check(Op::Write, path)?;
    file.set_len(len)
}

/// Make the names in folder `dir` durable (best effort: not every
/// platform syncs folders).
pub(crate) fn sync_folder(dir: &Path) {
    if faults::check(Op::Sync, dir).is_err() {
        return;
    }
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Write a whole new file at `path` and flush it to disk.
pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = create(path)?;
    write_all(&mut f, path, bytes)?;
    sync(&f, path)
}

/// Write a whole new file at `path` without flushing it: one of many
/// that [`sync_files`] flushes together.
pub(crate) fn write_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = create(path)?;
    write_all(&mut f, path, bytes)
}

/// Flush `files` (written under folder `dir`) to disk at once: on Linux
/// one `syncfs` of the file system `dir` is on (a hundred thousand files
/// cost one flush, not a hundred thousand), elsewhere each file in turn.
pub(crate) fn sync_files(dir: &Path, files: &[std::path::PathBuf]) -> io::Result<()> {
    faults::check(Op::Sync, dir)?;
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        rustix::fs::syncfs(File::open(dir)?).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        for f in files {
            File::open(f)?.sync_all()?;
        }
        Ok(())
    }
}

/// Rename `from` to `to`, replacing `to`.
pub(crate) fn rename(from: &Path, to: &Path) -> io::Result<()> {
    faults::check(Op::Rename, to)?;
    fs::rename(from, to)
}

/// Give the file `original` a second name, `link`.
pub(crate) fn hard_link(original: &Path, link: &Path) -> io::Result<()> {
    faults::check(Op::Link, link)?;
    fs::hard_link(original, link)
}

/// Copy the file `from` to `to` (a new file).
pub(crate) fn copy(from: &Path, to: &Path) -> io::Result<()> {
    faults::check(Op::Write, to)?;
    fs::copy(from, to).map(|_| ())
}

/// Remove the file `path`.
pub(crate) fn remove_file(path: &Path) -> io::Result<()> {
    faults::check(Op::Remove, path)?;
    fs::remove_file(path)
}

/// Remove the folder `path` and everything in it.
pub(crate) fn remove_dir_all(path: &Path) -> io::Result<()> {
    faults::check(Op::Remove, path)?;
    fs::remove_dir_all(path)
}

/// Make the folder `path` and its parents.
pub(crate) fn create_dir_all(path: &Path) -> io::Result<()> {
    faults::check(Op::MakeDir, path)?;
    fs::create_dir_all(path)
}

/// Set the permissions of `path`.
pub(crate) fn set_permissions(path: &Path, perm: fs::Permissions) -> io::Result<()> {
    faults::check(Op::Write, path)?;
    fs::set_permissions(path, perm)
}

pub mod faults {
    //! Failures on demand, for tests: [`inject`] makes the n-th file
    //! operation under a folder fail, until the returned guard is dropped.
    //! Only paths under that folder count, so tests running side by side
    //! in one process do not disturb each other. With no injection active
    //! each operation pays one atomic load.

    use std::io;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    /// A kind of file operation.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Op {
        /// Creating or opening a file to write.
        Create,
        /// Writing bytes, copying, setting a length or permissions.
        Write,
        /// Flushing a file or folder to disk.
        Sync,
        /// Renaming.
        Rename,
        /// Making a hard link.
        Link,
        /// Removing a file or folder.
        Remove,
        /// Making a folder.
        MakeDir,
    }

    /// The error an injected failure gives.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Fault {
        /// No space left on device (`ENOSPC`).
        NoSpace,
        /// Input/output error (`EIO`).
        Io,
    }

    impl Fault {
        fn error(self) -> io::Error {
            match self {
                Fault::NoSpace => io::Error::from_raw_os_error(28),
                Fault::Io => io::Error::from_raw_os_error(5),
            }
        }
    }

    #[derive(Debug)]
    struct Injection {
        root: PathBuf,
        fail_at: usize,
        fault: Fault,
        /// Fail every operation from the n-th on (a disk that stays full).
        sticky: bool,
        count: AtomicUsize,
        fired: Mutex<Vec<(Op, PathBuf)>>,
    }

    static ACTIVE: AtomicBool = AtomicBool::new(false);
    static INJECTIONS: Mutex<Vec<Arc<Injection>>> = Mutex::new(Vec::new());

    /// An injection in force; dropping it ends it.
    #[derive(Debug)]
    pub struct Guard(Arc<Injection>);

    impl Guard {
        /// The operations that were made to fail, with their paths.
        pub fn fired(&self) -> Vec<(Op, PathBuf)> {
            self.0.fired.lock().map(|f| f.clone()).unwrap_or_default()
        }

        /// How many operations under the folder were seen.
        pub fn seen(&self) -> usize {
            self.0.count.load(Ordering::SeqCst)
        }
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            if let Ok(mut all) = INJECTIONS.lock() {
                all.retain(|i| !Arc::ptr_eq(i, &self.0));
                ACTIVE.store(!all.is_empty(), Ordering::SeqCst);
            }
        }
    }

    fn canonical(path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
    }

    /// Make the `n`-th file operation (1-based) under `root` fail with
    /// `fault`; with `sticky`, every one after it fails too.
    pub fn inject(root: &Path, n: usize, fault: Fault, sticky: bool) -> Guard {
        let injection = Arc::new(Injection {
            root: canonical(root),
            fail_at: n,
            fault,
            sticky,
            count: AtomicUsize::new(0),
            fired: Mutex::new(Vec::new()),
        });
        if let Ok(mut all) = INJECTIONS.lock() {
            all.push(injection.clone());
            ACTIVE.store(true, Ordering::SeqCst);
        }
        Guard(injection)
    }

    /// Whether the operation `op` on `path` is to fail now.
    pub(crate) fn check(op: Op, path: &Path) -> io::Result<()> {
        if !ACTIVE.load(Ordering::Relaxed) {
            return Ok(());
        }
        let Ok(all) = INJECTIONS.lock() else {
            return Ok(());
        };
        // Paths are compared as given and with their folder made canonical
        // (a file that does not exist yet cannot be).
        let absolute = match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => canonical(dir).join(name),
            _ => canonical(path),
        };
        for i in all.iter() {
            if !(absolute.starts_with(&i.root) || path.starts_with(&i.root)) {
                continue;
            }
            let n = i.count.fetch_add(1, Ordering::SeqCst) + 1;
            if n == i.fail_at || (i.sticky && n > i.fail_at) {
                if let Ok(mut fired) = i.fired.lock() {
                    fired.push((op, path.to_owned()));
                }
                return Err(i.fault.error());
            }
        }
        Ok(())
    }
}
