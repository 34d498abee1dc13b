//! Parking documents out of memory in the window on a large folder project
//! (see [`crate::model::parked`]): which documents may be parked, and
//! reading them back before a change, the reader or a whole-project task
//! (an export, Save as, agreement) needs them whole.
//!
//! A document is parked only when its file holds exactly what it holds: it
//! is a folder project this session read or saved, the document has no
//! unsaved change, and the file's stamp as read or written is known. Every
//! change reads back the documents it needs before it applies (the one
//! change path), so a parked document is never changed; a save never
//! writes one; its file changed by another program is refused, not read.

use crate::model::{Change, ChangeError, Document};
use crate::store::{self, Changed, StoreError};

use super::Session;

impl Session {
    /// Keep whole in memory only the shown document, the `keep` shown
    /// before it and those with unsaved changes, parking the others, from
    /// now on (`None`: never park; every parked document is read back).
    pub fn set_parking(&mut self, keep: Option<usize>) -> Result<(), StoreError> {
        self.parking = keep;
        match keep {
            None => self.unpark_all(),
            Some(_) => {
                self.park_idle();
                Ok(())
            }
        }
    }

    /// How many documents are parked.
    pub fn parked(&self) -> usize {
        self.project
            .documents
            .iter()
            .filter(|d| d.is_parked())
            .count()
    }

    /// Park every document that may be parked and is not kept.
    pub(super) fn park_idle(&mut self) {
        let Some(keep) = self.parking else {
            return;
        };
        let (Some(folder), Changed::Only(unsaved)) = (&self.folder, &self.unsaved) else {
            return;
        };
        while self.recent.len() > keep {
            self.recent.pop_front();
        }
        let current = self.current;
        for (i, doc) in self.project.documents.iter_mut().enumerate() {
            let kept = i == current
                || doc.is_parked()
                || unsaved.contains(&doc.id)
                || !folder.knows(&doc.id)
                || self.recent.contains(&doc.id);
            if !kept {
                doc.park();
            }
        }
    }

    /// Note document `i` as shown (it stays whole while among the last
    /// shown), then park what may be.
    pub(super) fn shown_now(&mut self, i: usize) {
        if let Some(id) = self.project.documents.get(i).map(|d| d.id.clone()) {
            self.recent.retain(|r| *r != id);
            self.recent.push_back(id);
        }
        self.park_idle();
    }

    /// Read the parked documents among `docs` (indexes) back into memory.
    pub fn unpark(&mut self, docs: &[usize]) -> Result<(), StoreError> {
        let wanted: Vec<usize> = docs
            .iter()
            .copied()
            .filter(|&i| {
                self.project
                    .documents
                    .get(i)
                    .is_some_and(Document::is_parked)
            })
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let (Some(dir), Some(folder)) = (self.path.as_deref(), &self.folder) else {
            // Not reached: only a folder project's documents are parked.
            return Err(StoreError::Io {
                path: self.path.clone().unwrap_or_default(),
                source: std::io::Error::other("a document is not in memory and has no file"),
            });
        };
        let stubs: Vec<&Document> = wanted.iter().map(|&i| &self.project.documents[i]).collect();
        let read = store::folder::read_back(dir, folder, &stubs, &self.project.labels)?;
        for (i, doc) in wanted.into_iter().zip(read) {
            self.project.documents[i] = doc;
        }
        Ok(())
    }

    /// Read every parked document back into memory (before a task that
    /// reads the whole project).
    pub fn unpark_all(&mut self) -> Result<(), StoreError> {
        let all: Vec<usize> = (0..self.project.documents.len()).collect();
        self.unpark(&all)
    }

    /// Read back what `change` needs before it applies.
    pub(super) fn unpark_for(&mut self, change: &Change) -> Result<(), ChangeError> {
        self.unpark_needs(change.needs(&self.project))
    }

    /// Read back the documents a change needs (see [`Change::needs`]).
    pub(super) fn unpark_needs(&mut self, needs: Vec<usize>) -> Result<(), ChangeError> {
        self.unpark(&needs)
            .map_err(|e| ChangeError::NotRead(e.to_string()))
    }
}
