//! Temporary files a killed write left behind, and where the files that
//! go with a project (its learned model) live.

use std::fs;
use std::path::{Path, PathBuf};

use super::super::fsio;
use super::{backup_path, file_name, folder, real_path};

/// Remove temporary files that a killed write of `path` left beside it
/// (`.NAME.<pid>.tmp` of processes that are gone), and those of its backup
/// and its journal. Returns how many.
pub fn clean_leftovers(path: &Path) -> usize {
    let target = real_path(path);
    clean_temps_of(&target)
        + clean_temps_of(&backup_path(&target))
        + clean_temps_of(&super::super::journal::journal_path(&target))
        + clean_temps_of(&model_path(path))
        + clean_temps_of(&super::super::project_root(path).join(super::super::folder::CACHE))
}

/// Where the learned model of the project at `project` is kept: `NAME.model`
/// beside a project file, `model.bin` inside a folder project (git ignores
/// it; it is rebuilt when missing).
pub fn model_path(project: &Path) -> PathBuf {
    let root = super::super::project_root(project);
    if super::super::is_folder_project(&root) {
        return root.join("model.bin");
    }
    root.with_extension("model")
}

/// Remove the `.NAME.<pid>.tmp` files of processes that are gone beside
/// `target`. Returns how many.
pub(super) fn clean_temps_of(target: &Path) -> usize {
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
            && !super::super::lock::process_alive(pid)
            && fsio::remove_file(&entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}
