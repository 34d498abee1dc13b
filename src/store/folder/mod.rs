//! Folder projects: `NAME.spanmark/` holds `project.ron` (the manifest:
//! name, labels, relation kinds and the documents in order, one line each)
//! and one RON file per document under `docs/`. One changed document is one
//! changed file, so git diffs, blame and merges work per document; the
//! manifest changes only when the label set or the list of documents does.
//!
//! A save is a small transaction: the changed files are written (and
//! flushed) into `.pending/`, then a `COMMIT` marker, then each is renamed
//! into place and `.pending/` removed. Opening a project first finishes a
//! committed save that was cut short, or throws away one that was not, so
//! a crash at any moment leaves the previous save or the new one, never a
//! mix (and the journal still holds every change since the previous save).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use crate::model::Project;

use super::{FileStamp, StoreError, io_err};

mod append;
mod manifest;
mod merge;
mod names;
mod pending;
mod preview;
mod read;
mod save;
mod state;
mod summaries;

pub use append::Append;
use manifest::{add_document, read_manifest};
pub use merge::{doc_file_text, is_manifest, merge_manifests, parse_doc_file};
use pending::settle_pending;
pub use preview::preview;
use read::read_docs;
pub use read::{Keep, ReadBack, for_each_chunk, read_back};
pub use save::Changed;
pub(super) use save::save;
pub use state::FolderState;
pub use summaries::{CACHE, Summaries, summaries};

/// The manifest's file name inside the folder.
pub const MANIFEST: &str = "project.ron";
/// Where document files live inside the folder.
pub const DOCS: &str = "docs";
const PENDING: &str = ".pending";
/// How many saves the folder has seen (not tracked by git): part of the
/// stamp, so a journal never replays onto a save that already holds it.
const SAVED: &str = ".saved";
/// Written once into a new folder: what git should not track.
const GITIGNORE: &str = ".pending/\n.saved\n.lock\n.journal*\nmodel.bin\n*summaries.cache*\n";

/// The project a path names: the `project.ron` of a `NAME.spanmark` folder
/// stands for its folder (a file dialog can pick it); anything else is
/// itself.
pub fn project_root(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir)
            if path.file_name().is_some_and(|n| n == MANIFEST)
                && dir.extension().is_some_and(|e| e == "spanmark") =>
        {
            dir.to_owned()
        }
        _ => path.to_owned(),
    }
}

/// Whether `path` names a folder project (an existing folder, or a path
/// ending in `.spanmark`).
pub fn is_folder_project(path: &Path) -> bool {
    path.is_dir() || path.extension().is_some_and(|e| e == "spanmark")
}

/// How far the reading of a folder project's documents has got, shared
/// with the thread that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    /// Documents read.
    pub done: AtomicUsize,
    /// Documents to read (0 until the manifest is read).
    pub total: AtomicUsize,
}

/// Load a folder project: finish or throw away a cut-short save, read the
/// manifest and every document file. Each document passes its own part of
/// the gate as it is read; the project-wide part (ids, version) is the
/// caller's. Returns the project, the folder's state and the stamp.
pub(super) fn load(
    dir: &Path,
    writer: bool,
    progress: Option<&Progress>,
    keep: Option<Keep<'_>>,
) -> Result<(Project, FolderState, FileStamp), StoreError> {
    if writer {
        settle_pending(dir).map_err(io_err(&dir.join(PENDING)))?;
    }
    let (manifest, text) = read_manifest(dir)?;
    let said = Some(manifest.clone());
    let generation = read_generation(dir);
    let mut state = FolderState {
        manifest: Some(text.into_bytes()),
        said,
        generation,
        ..FolderState::default()
    };
    let mut project = manifest.empty_project();
    project.documents.reserve(manifest.documents.len());
    let labels = project.labels.clone();
    read_docs(
        dir,
        manifest.documents,
        &labels,
        progress,
        keep,
        |entry, doc, file_stamp| {
            state.stamps.insert(entry.file.clone(), file_stamp);
            state.files.insert(entry.id, entry.file);
            add_document(&mut project, doc);
            Ok(())
        },
    )?;
    let stamp = state.stamp();
    Ok((project, state, stamp))
}

/// How many saves the folder has seen (as of its last complete save).
fn read_generation(dir: &Path) -> u64 {
    fs::read_to_string(pending::committed(dir, Path::new(SAVED)))
        .ok()
        .and_then(|g| g.trim().parse().ok())
        .unwrap_or(0)
}
