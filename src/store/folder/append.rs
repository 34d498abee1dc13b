//! Adding documents to a folder project a chunk at a time, without reading
//! the documents it holds: each new document's file is written into the
//! save transaction's `.pending/` as it comes (unflushed), and the commit
//! flushes them all at once, writes the manifest and moves everything into
//! place. Memory stays that of one chunk and the manifest, whatever the
//! size of the import; until the commit the project is as it was (a
//! failure or a kill leaves `.pending/` without its `COMMIT`, which the
//! next writer throws away and readers never read).

use std::path::{Path, PathBuf};

use foldhash::{HashSet, HashSetExt as _};

use crate::model::{Document, FORMAT_VERSION, NextIds, Project};

use super::super::{StoreError, fsio, io_err};
use super::manifest::{DocFileOut, Entry, Manifest, read_manifest};
use super::names::file_name_for;
use super::save::{ensure_gitignore, to_text};
use super::{DOCS, MANIFEST, PENDING, SAVED, pending, read_generation};

/// An import into a folder project in progress. The caller holds the
/// project's lock from [`Append::begin`] to [`Append::commit`]; dropped
/// without a commit, it leaves the project as it was.
#[derive(Debug)]
pub struct Append {
    dir: PathBuf,
    pending: PathBuf,
    manifest: Manifest,
    /// How many documents the project had.
    before: usize,
    generation: u64,
    /// File names in use, lower-cased (case-blind file systems).
    taken: HashSet<String>,
    /// The new documents' files, to flush at the commit.
    files: Vec<PathBuf>,
    written: u64,
    committed: bool,
}

impl Append {
    /// Start adding documents to the folder project `dir` (which must have
    /// a manifest): a save cut short is settled first. Returns the
    /// transaction and the project without its documents (name, labels,
    /// relation kinds); [`Append::ids`] lists the documents' ids.
    pub fn begin(dir: &Path) -> Result<(Self, Project), StoreError> {
        let pending = pending::open(dir).map_err(io_err(&dir.join(PENDING)))?;
        let (manifest, _) = read_manifest(dir)?;
        let mut taken = HashSet::with_capacity(manifest.documents.len());
        for entry in &manifest.documents {
            // Every file the manifest names is there, as `validate`
            // demands: documents are never added to a project missing one.
            let file = dir.join(DOCS).join(&entry.file);
            if !file.is_file() {
                return Err(StoreError::Io {
                    path: file,
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!(
                            "the manifest lists document {:?} in this file, which is missing",
                            entry.id
                        ),
                    ),
                });
            }
            taken.insert(entry.file.to_lowercase());
        }
        let mut project = manifest.empty_project();
        project.ensure_next_ids();
        let append = Self {
            dir: dir.to_owned(),
            pending,
            before: manifest.documents.len(),
            generation: read_generation(dir),
            manifest,
            taken,
            files: Vec::new(),
            written: 0,
            committed: false,
        };
        Ok((append, project))
    }

    /// The ids of the project's documents (those it had, then those
    /// added).
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.manifest.documents.iter().map(|e| e.id.as_str())
    }

    /// Write a new document's file (not yet flushed, not yet in place):
    /// `next_ids` are the project's counters, above every id it uses. The
    /// document must have passed the import gate (its id is new).
    pub fn add(&mut self, doc: &Document, next_ids: NextIds) -> Result<(), StoreError> {
        let file = file_name_for(&doc.id, &self.taken);
        self.taken.insert(file.to_lowercase());
        let bytes = to_text(
            &DocFileOut {
                format_version: FORMAT_VERSION,
                next_ids,
                document: doc,
            },
            3,
        )?;
        let path = self.pending.join(DOCS).join(&file);
        fsio::write_unsynced(&path, &bytes).map_err(io_err(&path))?;
        self.written += bytes.len() as u64;
        self.files.push(path);
        self.manifest.documents.push(Entry {
            id: doc.id.clone(),
            file,
        });
        Ok(())
    }

    /// How many documents have been added.
    pub fn added(&self) -> usize {
        self.manifest.documents.len() - self.before
    }

    /// Commit: flush every new file at once, write the manifest (with
    /// `project`'s labels and relation kinds: those the new documents
    /// need) and move it all into place. Returns the bytes written.
    pub fn commit(mut self, project: &Project) -> Result<u64, StoreError> {
        let dir = self.dir.clone();
        ensure_gitignore(&dir)?;
        self.manifest.format_version = FORMAT_VERSION;
        self.manifest.labels = project.labels.clone();
        self.manifest.relation_kinds = project.relation_kinds.clone();
        let manifest = to_text(&self.manifest, 2)?;
        let manifest_path = self.pending.join(MANIFEST);
        fsio::write_synced(&manifest_path, &manifest).map_err(io_err(&manifest_path))?;
        let saved = self.pending.join(SAVED);
        let generation = format!("{}\n", self.generation + 1);
        fsio::write_synced(&saved, generation.as_bytes()).map_err(io_err(&saved))?;
        fsio::sync_files(&self.pending, &self.files).map_err(io_err(&self.pending))?;
        fsio::sync_folder(&self.pending.join(DOCS));
        pending::seal(&dir, &[]).map_err(io_err(&dir))?;
        self.committed = true;
        Ok(self.written + manifest.len() as u64)
    }
}

impl Drop for Append {
    fn drop(&mut self) {
        if !self.committed {
            // Not committed: nothing of it was ever the project's.
            let _ = fsio::remove_dir_all(&self.pending);
        }
    }
}
