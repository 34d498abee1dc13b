//! Recently opened projects, kept in eframe's app storage between runs
//! (most recent first).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent projects are kept.
const KEEP: usize = 8;

/// The storage key.
const KEY: &str = "recent_projects";

/// Recently opened projects, most recent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentProjects {
    paths: Vec<PathBuf>,
}

impl RecentProjects {
    /// The list kept in `storage`, without projects that no longer exist.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        let mut recent: Self = storage
            .and_then(|s| eframe::get_value(s, KEY))
            .unwrap_or_default();
        recent.paths.retain(|p| p.exists());
        recent
    }

    /// Keep the list in `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
    }

    /// Put `path` first.
    pub fn remember(&mut self, path: &Path) {
        let Ok(abs) = std::path::absolute(path) else {
            return;
        };
        self.paths.retain(|p| *p != abs);
        self.paths.insert(0, abs);
        self.paths.truncate(KEEP);
    }

    /// The projects, most recent first.
    pub fn list(&self) -> &[PathBuf] {
        &self.paths
    }
}
