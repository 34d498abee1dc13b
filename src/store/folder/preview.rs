//! A first look at a folder project: its name and labels and one document,
//! read before the others, so the window can show that document while the
//! rest is read.

use std::path::Path;

use crate::model::Project;

use super::manifest::{add_document, read_manifest};
use super::read::read_doc;
use super::{PENDING, StoreError};

/// A project holding one document of the folder project `dir`, as it is on
/// disk: `wanted` (by id), or the first one when that is not listed.
/// Returns the project, the document's place in the manifest, and how
/// many documents the manifest lists. `None` for an empty project, or when
/// a save was cut short (opening settles that first, under the lock).
pub fn preview(
    dir: &Path,
    wanted: Option<&str>,
) -> Result<Option<(Project, usize, usize)>, StoreError> {
    if dir.join(PENDING).exists() {
        return Ok(None);
    }
    let (manifest, _) = read_manifest(dir)?;
    let index = wanted
        .and_then(|id| manifest.documents.iter().position(|e| e.id == id))
        .unwrap_or(0);
    let Some(entry) = manifest.documents.get(index) else {
        return Ok(None);
    };
    let mut project = manifest.empty_project();
    let (file, _) = read_doc(dir, entry, &project.labels)?;
    // The id counters as that file has them (the project's may be higher:
    // changes made here are carried above them, see `Change::with_new_ids_above`).
    add_document(&mut project, file);
    Ok(Some((project, index, manifest.documents.len())))
}
