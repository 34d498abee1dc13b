//! The project as it is now, to read on another thread (an export from the
//! window): documents in memory are copied, parked ones are read back from
//! their files a chunk at a time, so a streaming export holds one chunk of
//! documents whatever the size of the corpus.

use std::path::{Path, PathBuf};

use crate::formats::{self, ExportOptions, ExportReport, Format, FormatError, StreamExport};
use crate::model::{Document, Project};
use crate::store::{self, FolderState, StoreError};

use super::Session;

/// Documents a chunk holds.
const CHUNK: usize = 256;

/// A copy of a session's project for another thread; see the module.
#[derive(Clone, Debug)]
pub struct Snapshot {
    project: Project,
    /// Where parked documents are read back from.
    folder: Option<(PathBuf, FolderState)>,
}

/// Why an export of a snapshot failed.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// A parked document could not be read back.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The export failed.
    #[error(transparent)]
    Format(#[from] FormatError),
}

impl Session {
    /// The project as it is now (unsaved changes included), for reading on
    /// another thread.
    pub fn snapshot(&self) -> Snapshot {
        let folder = match (&self.disk.path, &self.disk.folder) {
            (Some(path), Some(state)) if self.parked() > 0 => Some((path.clone(), state.clone())),
            _ => None,
        };
        Snapshot {
            project: self.docs.project.clone(),
            folder,
        }
    }
}

impl Snapshot {
    /// The project without its documents.
    fn shell(&self) -> Project {
        let p = &self.project;
        Project {
            format_version: p.format_version,
            name: p.name.clone(),
            annotator: p.annotator.clone(),
            labels: p.labels.clone(),
            relation_kinds: p.relation_kinds.clone(),
            guidelines: p.guidelines.clone(),
            assignments: p.assignments.clone(),
            next_ids: p.next_ids,
            documents: Vec::new(),
        }
    }

    /// Every document whole, in order, `size` at a time: `each` gets a
    /// project with the project's labels and those documents (one empty
    /// chunk for a project without documents).
    pub fn for_each_chunk<E: From<StoreError>>(
        &self,
        size: usize,
        mut each: impl FnMut(Project) -> Result<(), E>,
    ) -> Result<(), E> {
        let docs = &self.project.documents;
        if docs.is_empty() {
            return each(self.shell());
        }
        for part in docs.chunks(size.max(1)) {
            let parked: Vec<&Document> = part.iter().filter(|d| d.is_parked()).collect();
            let mut read = self.read_back(&parked)?.into_iter();
            let mut chunk = self.shell();
            for doc in part {
                let whole = if doc.is_parked() {
                    read.next()
                } else {
                    Some(doc.clone())
                };
                // `read_back` gives one document for each asked for.
                chunk.documents.extend(whole);
            }
            each(chunk)?;
        }
        Ok(())
    }

    fn read_back(&self, parked: &[&Document]) -> Result<Vec<Document>, StoreError> {
        if parked.is_empty() {
            return Ok(Vec::new());
        }
        let Some((dir, state)) = &self.folder else {
            return Err(StoreError::Io {
                path: PathBuf::new(),
                source: std::io::Error::other("a document is not in memory and has no file"),
            });
        };
        let read = store::folder::read_back(dir, state, parked, &self.project.labels, false)?;
        Ok(read.into_iter().map(|r| r.document).collect())
    }

    /// The whole project, every document read back.
    pub fn whole(&self) -> Result<Project, StoreError> {
        let mut out = self.shell();
        self.for_each_chunk(CHUNK, |chunk| -> Result<(), StoreError> {
            out.documents.extend(chunk.documents);
            Ok(())
        })?;
        Ok(out)
    }

    /// Export the project to `out` (see [`formats::export`]): a format
    /// that streams gets a chunk of documents at a time.
    pub fn export(
        &self,
        format: Format,
        options: &ExportOptions,
        out: &Path,
        replace: bool,
    ) -> Result<ExportReport, SnapshotError> {
        if !formats::streams(format) {
            return Ok(formats::export(
                &self.whole()?,
                format,
                options,
                out,
                replace,
            )?);
        }
        let mut stream = StreamExport::start(format, options, out, replace)?;
        self.for_each_chunk(CHUNK, |chunk| -> Result<(), SnapshotError> {
            Ok(stream.add(&chunk)?)
        })?;
        Ok(stream.finish()?)
    }
}
