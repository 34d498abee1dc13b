//! Adding documents to a folder project without reading the others, a
//! chunk at a time: the manifest gives the ids and labels the import gate
//! needs, each chunk passes the gate (kept open over the whole import, so
//! ids, labels and relation kinds are as one import would give them), is
//! applied through the one change path to a project holding that chunk,
//! and its documents' files are written into the folder's save
//! transaction; the commit writes the manifest. Nothing is in the project
//! until the commit, so a failure or a kill part way leaves it as it was.

use std::path::Path;

use crate::formats::Imported;
use crate::model::{CharLens, Project};
use crate::store::{self, ProjectLock, StoreError};

use super::import::{Gate, ImportError, ImportReport};

/// Why documents could not be added. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// The project could not be read, locked or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A document did not pass the import gate.
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// Add `imported` to the folder project `dir` (which must have a
/// manifest), waiting up to `patience` for another Spanmark writing it.
/// Reads the manifest only: the time and memory it takes grow with what is
/// imported, not with the project.
pub fn append_to_folder(
    dir: &Path,
    imported: Imported,
    patience: impl Into<store::Patience>,
) -> Result<ImportReport, AppendError> {
    let mut import = FolderImport::begin(dir, patience)?;
    import.add(imported)?;
    import.commit()
}

/// An import into a folder project, a chunk of documents at a time (see
/// the module's documentation). Holds the project's lock until it is
/// committed or dropped; dropped without [`FolderImport::commit`], it
/// leaves the project as it was.
#[derive(Debug)]
pub struct FolderImport {
    _lock: ProjectLock,
    txn: store::folder::Append,
    /// The project without its documents: name, labels, relation kinds.
    shell: Project,
    gate: Gate,
    report: ImportReport,
}

impl FolderImport {
    /// Lock the folder project `dir` (waiting up to `patience` for
    /// another Spanmark writing it) and start adding documents to it.
    pub fn begin(dir: &Path, patience: impl Into<store::Patience>) -> Result<Self, AppendError> {
        let lock = ProjectLock::wait_for(dir, patience)?;
        store::clean_leftovers(dir);
        let (txn, shell) = store::folder::Append::begin(dir)?;
        let gate = Gate::new(&shell, txn.ids());
        Ok(Self {
            _lock: lock,
            txn,
            shell,
            gate,
            report: ImportReport::default(),
        })
    }

    /// Pass a chunk of documents through the gate and write their files.
    pub fn add(&mut self, imported: Imported) -> Result<(), AppendError> {
        let (change, report) = self.gate.admit(imported.docs)?;
        // The change applies to a project holding what the gate admitted
        // before (labels, relation kinds), with only this chunk's documents.
        let mut chunk = Project::new(self.shell.name.clone());
        chunk.labels = std::mem::take(&mut self.shell.labels);
        chunk.relation_kinds = std::mem::take(&mut self.shell.relation_kinds);
        chunk.next_ids = self.shell.next_ids;
        let applied = change.apply(&mut chunk, &mut CharLens::default());
        self.shell.labels = std::mem::take(&mut chunk.labels);
        self.shell.relation_kinds = std::mem::take(&mut chunk.relation_kinds);
        applied.map_err(ImportError::Change)?;
        self.shell.next_ids = self.shell.next_ids.max(chunk.next_ids);
        let next_ids = self.gate.next_ids().max(self.shell.next_ids);
        for doc in &chunk.documents {
            self.txn.add(doc, next_ids)?;
        }
        self.report.documents += report.documents;
        self.report.spans += report.spans;
        self.report.relations += report.relations;
        self.report.added_labels.extend(report.added_labels);
        self.report.notices.merge(imported.notices);
        Ok(())
    }

    /// How many documents have been added so far.
    pub fn added(&self) -> usize {
        self.txn.added()
    }

    /// Commit the import: every new file flushed at once, the manifest
    /// written, all moved into place. Returns what was added.
    pub fn commit(self) -> Result<ImportReport, AppendError> {
        self.txn.commit(&self.shell)?;
        Ok(self.report)
    }
}
