//! Remembers recently opened projects between runs (most recent first).

use std::path::{Path, PathBuf};

/// How many recent projects are kept.
const KEEP: usize = 8;

fn config_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("spanmark").join("recent_projects"))
}

/// Recent projects that still exist, most recent first.
pub fn recent_projects() -> Vec<PathBuf> {
    let Some(file) = config_file() else {
        return Vec::new();
    };
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect()
}

/// The project opened last time, if it still exists.
pub fn last_project() -> Option<PathBuf> {
    recent_projects().into_iter().next()
}

/// Put `path` first in the recent list. Failures are ignored: this is a
/// convenience, never a reason to interrupt work.
pub fn remember(path: &Path) {
    let Some(file) = config_file() else { return };
    let Ok(abs) = std::path::absolute(path) else {
        return;
    };
    let mut list: Vec<PathBuf> = recent_projects()
        .into_iter()
        .filter(|p| *p != abs)
        .collect();
    list.insert(0, abs);
    list.truncate(KEEP);
    let text: Vec<String> = list.iter().map(|p| p.display().to_string()).collect();
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = crate::store::write_atomic(&file, text.join("\n").as_bytes());
}
