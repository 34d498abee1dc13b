//! Project files: RON load and save through one validation gate, writes
//! that cannot betray (atomic, backed up, symlinks and permissions kept),
//! the journal of unsaved changes, and the lock that keeps one writer at a
//! time.

mod atomic;
mod error;
pub mod folder;
mod fsio;
pub mod journal;
mod lock;
mod project_file;
mod stamp;

use std::path::{Path, PathBuf};

pub use atomic::{
    AtomicFile, FolderOut, WriteOptions, backup_path, clean_leftovers, model_path, real_path,
    write_atomic, write_atomic_with, write_folder_atomic,
};
pub use error::StoreError;
use error::io_err;
pub use folder::{Changed, FolderState, Progress, is_folder_project, project_root};
pub use fsio::faults;
pub use lock::{Holder, Patience, ProjectLock, lock_path, process_alive};
pub use project_file::{
    from_ron, load, load_any, load_stamped, save, save_folder, save_with, to_ron,
};
use project_file::{parse_error, read_text};
pub use stamp::FileStamp;

/// A file that goes with a project (its journal, its lock): `.NAME.KIND`
/// beside the file it really is (symlinks followed), or `.KIND` inside a
/// folder project.
fn side_file(project: &Path, kind: &str) -> PathBuf {
    let real = real_path(project);
    if folder::is_folder_project(&real) {
        return real.join(format!(".{kind}"));
    }
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    real.with_file_name(format!(".{name}.{kind}"))
}

/// Whether the project at `path` may not be written: its file (a folder
/// project's manifest) is read-only, or its folder does not let a new
/// file in beside it.
pub fn is_read_only(path: &Path) -> bool {
    let real = real_path(path);
    let file = if folder::is_folder_project(&real) {
        real.join(folder::MANIFEST)
    } else {
        real.clone()
    };
    if std::fs::metadata(&file).is_ok_and(|m| m.permissions().readonly()) {
        return true;
    }
    // A save writes a new file beside the old one: try making one.
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let probe = dir.join(format!(".spanmark-write-test.{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests;
