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
use crate::store::{self, Changed, FileStamp, StoreError};

use super::Session;

/// What reading parked documents back did.
#[derive(Debug, Default)]
pub(super) struct Unparked {
    /// The documents read (ids) and the stamps of their files as read.
    pub stamps: Vec<(String, FileStamp)>,
    /// How many were not as parked (changed on disk since).
    pub changed: usize,
    /// Why the documents that could not be read were not (they stay
    /// parked).
    pub unread: Vec<StoreError>,
}

impl Session {
    /// Keep whole in memory only the document shown, the others of the
    /// `keep` shown last and those with unsaved changes, parking the rest,
    /// from now on (`None`: never park; every parked document is read
    /// back).
    pub fn set_parking(&mut self, keep: Option<usize>) -> Result<(), StoreError> {
        self.docs.parking = keep;
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
        self.docs.parked()
    }

    /// Park every document that may be parked and is not kept.
    pub(super) fn park_idle(&mut self) {
        let Some(keep) = self.docs.parking else {
            return;
        };
        let (Some(folder), Changed::Only(unsaved)) = (&self.disk.folder, &self.disk.unsaved) else {
            return;
        };
        while self.docs.recent.len() > keep {
            self.docs.recent.pop_front();
        }
        let current = self.docs.current;
        for (i, doc) in self.docs.project.documents.iter_mut().enumerate() {
            let kept = i == current
                || doc.is_parked()
                || unsaved.contains(&doc.id)
                || !folder.knows(&doc.id)
                || self.docs.recent.contains(&doc.id);
            if !kept {
                doc.park();
            }
        }
    }

    /// Note document `i` as shown (it stays whole while among the last
    /// shown), then park what may be.
    pub(super) fn shown_now(&mut self, i: usize) {
        if let Some(id) = self.docs.project.documents.get(i).map(|d| d.id.clone()) {
            self.docs.recent.retain(|r| *r != id);
            self.docs.recent.push_back(id);
        }
        self.park_idle();
    }

    /// Read the parked documents among `docs` (indexes) back into memory,
    /// as they were parked (a file changed since is refused).
    pub fn unpark(&mut self, docs: &[usize]) -> Result<(), StoreError> {
        self.read_back(docs, false, false).map(|_| ())
    }

    /// Read every parked document back into memory (before a task that
    /// reads the whole project).
    pub fn unpark_all(&mut self) -> Result<(), StoreError> {
        let all: Vec<usize> = (0..self.docs.project.documents.len()).collect();
        self.unpark(&all)
    }

    /// Read every parked document back as its file holds it now, even when
    /// another program changed it (no parked document has an unsaved
    /// change: this is the version a save would keep), before Save as or
    /// "keep mine". With `tolerant`, a document whose file cannot be read
    /// at all (removed, broken) stays parked and is listed instead of
    /// stopping the save. A document taken as changed makes the undo
    /// history start afresh (its steps described the document as it was).
    pub(super) fn unpark_all_as_on_disk(&mut self, tolerant: bool) -> Result<Unparked, StoreError> {
        let all: Vec<usize> = (0..self.docs.project.documents.len()).collect();
        let read = self.read_back(&all, true, tolerant)?;
        if read.changed > 0 {
            self.timeline = crate::model::History::default();
            // What is in memory now is no saved state.
            self.timeline.mark_unsaved();
        }
        Ok(read)
    }

    /// Read back the parked documents among `docs` (see [`Unparked`]; only
    /// `as_on_disk` lets documents changed since through, only `tolerant`
    /// documents that cannot be read).
    fn read_back(
        &mut self,
        docs: &[usize],
        as_on_disk: bool,
        tolerant: bool,
    ) -> Result<Unparked, StoreError> {
        let wanted: Vec<usize> = docs
            .iter()
            .copied()
            .filter(|&i| {
                self.docs
                    .project
                    .documents
                    .get(i)
                    .is_some_and(Document::is_parked)
            })
            .collect();
        let mut out = Unparked::default();
        if wanted.is_empty() {
            return Ok(out);
        }
        let (Some(dir), Some(folder)) = (self.disk.path.as_deref(), &self.disk.folder) else {
            // Not reached: only a folder project's documents are parked.
            return Err(StoreError::Io {
                path: self.disk.path.clone().unwrap_or_default(),
                source: std::io::Error::other("a document is not in memory and has no file"),
            });
        };
        let stubs: Vec<&Document> = wanted
            .iter()
            .map(|&i| &self.docs.project.documents[i])
            .collect();
        let labels = &self.docs.project.labels;
        let read: Vec<Option<store::folder::ReadBack>> =
            match store::folder::read_back(dir, folder, &stubs, labels, as_on_disk) {
                Ok(read) => read.into_iter().map(Some).collect(),
                // One by one, to keep what can be read.
                Err(_) if tolerant => stubs
                    .iter()
                    .map(|stub| {
                        match store::folder::read_back(dir, folder, &[stub], labels, true) {
                            Ok(mut one) => one.pop(),
                            Err(e) => {
                                out.unread.push(e);
                                None
                            }
                        }
                    })
                    .collect(),
                Err(e) => return Err(e),
            };
        for (i, read) in wanted.into_iter().zip(read) {
            let Some(read) = read else {
                continue;
            };
            if !read.as_parked {
                out.changed += 1;
                // Its length as the edits will check it.
                self.docs.lens.set(i, read.document.char_len());
            }
            out.stamps.push((read.document.id.clone(), read.stamp));
            self.docs.project.documents[i] = read.document;
        }
        if out.changed > 0 {
            // What the window lists and counts changed with them.
            let before = self
                .docs
                .summary
                .before(&self.docs.project, crate::model::Touched::All);
            self.docs
                .summary
                .after(&self.docs.project, crate::model::Touched::All, before);
            self.docs.project.ensure_next_ids();
            self.docs.revision += 1;
        }
        Ok(out)
    }

    /// Read back what `change` needs before it applies (see
    /// [`Change::needs`]).
    pub(super) fn unpark_for(&mut self, change: &Change) -> Result<(), ChangeError> {
        self.unpark(&change.needs(&self.docs.project))
            .map_err(|e| ChangeError::NotRead(e.to_string()))
    }

    /// Read back what the next undo (or redo) step needs; on failure the
    /// step stays in the history.
    pub(super) fn unpark_step(&mut self, undo: bool) -> Result<(), crate::model::StepError> {
        let step = if undo {
            self.timeline.next_undo()
        } else {
            self.timeline.next_redo()
        };
        let needs = step
            .map(|(c, _)| c.needs(&self.docs.project))
            .unwrap_or_default();
        self.unpark(&needs).map_err(|e| crate::model::StepError {
            source: ChangeError::NotRead(e.to_string()),
            kept: true,
        })
    }
}
