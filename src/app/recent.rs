//! Remembers the last opened project between runs.

use std::path::PathBuf;

fn config_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("spanmark").join("last_project"))
}

/// The project opened last time, if it still exists.
pub fn last_project() -> Option<PathBuf> {
    let text = std::fs::read_to_string(config_file()?).ok()?;
    let path = PathBuf::from(text.trim());
    path.is_file().then_some(path)
}

/// Remember `path` as the last opened project. Failures are ignored: this is
/// a convenience, never a reason to interrupt work.
pub fn remember(path: &std::path::Path) {
    let Some(file) = config_file() else { return };
    let Ok(abs) = std::path::absolute(path) else {
        return;
    };
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = crate::store::write_atomic(&file, abs.to_string_lossy().as_bytes());
}
