//! The open project: its file, its one undo timeline, the document shown,
//! and the summaries the window reads every frame. No egui here: the window
//! and the command line are both views of a session.
//!
//! Every mutation goes through [`Session::apply`] (or undo/redo), which
//! applies one [`Change`] and updates the summaries in proportion to what
//! the change touched.

mod append;
pub mod curate;
mod file;
mod import;
mod journaling;
pub mod linking;
mod park;
pub mod rules;
mod snapshot;
pub mod suggest;
mod summary;
mod timing;

use std::path::{Path, PathBuf};

pub use append::{AppendError, append_to_folder};
pub use import::{ImportError, ImportReport, prepare_import};
pub use journaling::{JournalState, Orphan, Recovery, orphaned_journals, peek_journal, set_aside};
pub use rules::{Edge, Outcome, Proposal};
pub use snapshot::{Snapshot, SnapshotError};
pub use summary::Summary;
pub use timing::{IDLE, today};

use crate::model::text::CharMap;
use crate::model::{
    Change, ChangeError, CharLens, DocView, Document, History, Intent, Project, SpanId, StepError,
    Stepped, Touched,
};
use crate::store::journal::Journal;
use crate::store::{Changed, FileStamp, FolderState, Holder, ProjectLock};

/// An open project.
#[derive(Debug)]
pub struct Session {
    project: Project,
    path: Option<PathBuf>,
    history: History,
    lens: CharLens,
    current: usize,
    /// Code point map of the current document's text.
    chars: CharMap,
    /// Id of the document `chars` maps.
    shown: Option<String>,
    /// Counts every change, so views can cache what they derive.
    revision: u64,
    /// Changes whenever the document shown is another one (another index,
    /// or another document at the same index after an import or its
    /// undo), so views cache per document by it, never by index.
    shown_generation: u64,
    summary: Summary,
    /// What the file held when it was loaded or last saved.
    stamp: Option<FileStamp>,
    /// The project's lock, while this session may write the file.
    lock: Option<ProjectLock>,
    /// Who holds the lock when another Spanmark does (this session may not
    /// write the file).
    locked_by: Option<Holder>,
    /// The journal of changes since the last save.
    journal: Option<Journal>,
    /// Why the journal could not be started, while it could not.
    journal_start_error: Option<String>,
    /// How many times starting the journal failed after it worked.
    journal_start_failures: u64,
    /// Told when the journal starts or stops failing.
    journal_waker: Option<crate::store::journal::Waker>,
    /// Active annotation time recorded since the last save.
    time: timing::ActiveTime,
    /// A folder project's files, as read or last written.
    folder: Option<FolderState>,
    /// The documents changed since the last save (what a folder save writes).
    unsaved: Changed,
    /// Bytes the last save of a folder project wrote.
    last_written: u64,
    /// Who is annotating (the app's setting): new spans and relations
    /// carry it.
    annotator: Option<String>,
    /// How many of the documents shown last (the current one among them)
    /// stay whole in memory; `None`: no document is ever parked (see
    /// `park.rs`).
    parking: Option<usize>,
    /// Ids of the documents shown last, oldest first.
    recent: std::collections::VecDeque<String>,
    /// Why a document to show could not be read back, until taken.
    read_error: Option<String>,
    /// Parked documents the last Save as took as changed on disk.
    taken_as_on_disk: usize,
    /// Documents the last "keep mine" could not read, and the first error.
    left_unread: Option<(usize, String)>,
}

/// What an applied change (or undo, or redo) touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The documents touched.
    pub touched: Touched,
    /// The span to select: for an undo or redo, the one selected on that
    /// side of the step, else the one the change brought back or altered.
    pub span: Option<SpanId>,
    /// What the step was, for an undo or redo ("Tagged 12 matches as
    /// Entity").
    pub message: Option<String>,
}

impl Session {
    /// Start a session on a project; `path` is where it was loaded from.
    pub fn new(mut project: Project, path: Option<PathBuf>) -> Self {
        project.ensure_next_ids();
        let summary = Summary::of(&project);
        let mut session = Self {
            project,
            path,
            history: History::default(),
            lens: CharLens::default(),
            current: 0,
            chars: CharMap::default(),
            shown: None,
            revision: 0,
            shown_generation: 0,
            summary,
            stamp: None,
            lock: None,
            locked_by: None,
            journal: None,
            journal_start_error: None,
            journal_start_failures: 0,
            journal_waker: None,
            time: Default::default(),
            folder: None,
            unsaved: Changed::Only(Default::default()),
            last_written: 0,
            annotator: None,
            parking: None,
            recent: Default::default(),
            read_error: None,
            taken_as_on_disk: 0,
            left_unread: None,
        };
        session.show(0);
        session
    }

    /// Make document `i` current: read it back if parked (when it cannot
    /// be, the nearest document in memory is shown instead and the error
    /// kept for [`Session::take_read_error`]), map its text, park what may
    /// be.
    fn show(&mut self, i: usize) {
        let i = match self.unpark(&[i]) {
            Ok(()) => i,
            Err(e) => {
                self.read_error = Some(e.to_string());
                // The nearest document in memory, else the nearest of a few
                // that can be read back (a bounded number of file reads).
                let mut near: Vec<usize> = (0..self.project.documents.len()).collect();
                near.sort_by_key(|&j| j.abs_diff(i));
                let docs = &self.project.documents;
                near.iter()
                    .copied()
                    .find(|&j| !docs[j].is_parked())
                    .or_else(|| {
                        near.into_iter()
                            .take(16)
                            .find(|&j| self.unpark(&[j]).is_ok())
                    })
                    .unwrap_or(i)
            }
        };
        self.current = i;
        // A stand-in is never mapped (`document()` is `None` for it).
        let doc = self.project.documents.get(i).filter(|d| !d.is_parked());
        self.chars = doc.map(|d| CharMap::new(&d.text)).unwrap_or_default();
        self.shown = doc.map(|d| d.id.clone());
        if self.shown.is_some() {
            self.lens.set(i, self.chars.char_len());
        }
        self.revision += 1;
        self.shown_generation += 1;
        self.shown_now(i);
    }

    /// Show document `i`, reading it back first if it is parked (on
    /// failure, naming its file, the shown document stays).
    pub fn set_current(&mut self, i: usize) -> Result<(), crate::store::StoreError> {
        if i < self.project.documents.len() && i != self.current {
            self.unpark(&[i])?;
            self.show(i);
        }
        Ok(())
    }

    /// Apply a change as one undo step, named by its change.
    pub fn apply(&mut self, change: Change) -> Result<Applied, ChangeError> {
        let intent = Intent::of(&change);
        self.apply_as(change, intent)
    }

    /// Apply a change as one undo step that was `intent` (its message and
    /// the selection on either side come back with undo and redo).
    pub fn apply_as(&mut self, change: Change, intent: Intent) -> Result<Applied, ChangeError> {
        self.unpark_for(&change)?;
        let touched = change.touched();
        let before = self.summary.before(&self.project, touched);
        let record = self.journal.is_some().then(|| change.clone());
        let marks = file::Marks::of(&change);
        let result = self
            .history
            .apply_as(&mut self.project, &mut self.lens, change, intent);
        if let Err(e) = &result
            && e.partly_applied()
        {
            self.partly_changed();
        }
        result?;
        self.mark_unsaved(marks);
        if let (Some(journal), Some(record)) = (&self.journal, record) {
            journal.append(record);
        }
        Ok(self.changed(touched, before))
    }

    /// Undo the last step; `Ok(None)` if there is none. A step that cannot
    /// be undone is dropped from the history and reported.
    pub fn undo(&mut self) -> Result<Option<Applied>, StepError> {
        self.unpark_step(true)?;
        let touched = self.history.next_undo().map(|(c, _)| c.touched());
        let before = touched.map(|t| self.summary.before(&self.project, t));
        let marks = self.history.next_undo().map(|(c, _)| file::Marks::of(c));
        let done = self
            .history
            .undo(&mut self.project, &mut self.lens)
            .inspect_err(|e| self.partly_changed_if(e))?;
        if done.is_some()
            && let Some(marks) = marks
        {
            self.mark_unsaved(marks);
        }
        Ok(self.stepped(done, touched, before))
    }

    /// Redo the last undone step; `Ok(None)` if there is none.
    pub fn redo(&mut self) -> Result<Option<Applied>, StepError> {
        self.unpark_step(false)?;
        let touched = self.history.next_redo().map(|(c, _)| c.touched());
        let before = touched.map(|t| self.summary.before(&self.project, t));
        let marks = self.history.next_redo().map(|(c, _)| file::Marks::of(c));
        let done = self
            .history
            .redo(&mut self.project, &mut self.lens)
            .inspect_err(|e| self.partly_changed_if(e))?;
        if done.is_some()
            && let Some(marks) = marks
        {
            self.mark_unsaved(marks);
        }
        Ok(self.stepped(done, touched, before))
    }

    /// A change stopped part way and could not be taken back: the project
    /// holds part of it, outside the history. Everything derived is
    /// recounted, and the project is unsaved (whatever the history says).
    fn partly_changed(&mut self) {
        self.summary = Summary::of(&self.project);
        self.history.mark_unsaved();
        self.unsaved = Changed::All;
        self.revision += 1;
    }

    fn partly_changed_if(&mut self, e: &StepError) {
        if e.source.partly_applied() {
            self.partly_changed();
        }
    }

    fn stepped(
        &mut self,
        done: Option<Stepped>,
        touched: Option<Touched>,
        before: Option<summary::Before>,
    ) -> Option<Applied> {
        let (step, Some(touched), Some(before)) = (done?, touched, before) else {
            return None;
        };
        let span = step.select.or_else(|| step.change.focus_span());
        if let Some(journal) = &self.journal {
            journal.append(step.change);
        }
        let mut done = self.changed(touched, before);
        done.span = span;
        done.message = Some(step.message);
        Some(done)
    }

    fn changed(&mut self, touched: Touched, before: summary::Before) -> Applied {
        if let Some((i, was)) = before.status() {
            self.note_done(i, was);
        }
        self.summary.after(&self.project, touched, before);
        self.revision += 1;
        // Imports and their undo add and remove documents at the end: the
        // one shown may be gone, or may have come (back).
        let n = self.project.documents.len();
        if touched == Touched::All {
            // Documents came or went: the one at this index may be another
            // (even under the same id), so it is shown afresh.
            let i = self.current.min(n.saturating_sub(1));
            self.show(i);
        }
        Applied {
            touched,
            span: None,
            message: None,
        }
    }

    /// Add imported documents as one undo step: ids made fresh, missing
    /// labels and relation kinds added, every document checked first.
    pub fn import(
        &mut self,
        imported: crate::formats::Imported,
    ) -> Result<ImportReport, ImportError> {
        let (change, mut report) = prepare_import(&self.project, imported.docs)?;
        report.notices = imported.notices;
        let first_import = self.project.documents.is_empty();
        self.apply(change).map_err(ImportError::Change)?;
        if first_import {
            self.show(0);
        }
        Ok(report)
    }

    /// Who new spans and relations are by: the person set with
    /// [`Session::set_annotator`], else the project's default annotator.
    pub fn annotator(&self) -> Option<&str> {
        self.annotator
            .as_deref()
            .or(self.project.annotator.as_deref())
    }

    /// Set who is annotating (`None` or empty: nobody named).
    pub fn set_annotator(&mut self, name: Option<String>) {
        self.annotator = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Counts the window shows every frame, kept up to date per change.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Where the project is saved, if anywhere yet.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What the project's file held when it was read or last written.
    pub fn stamp(&self) -> Option<FileStamp> {
        self.stamp
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_unsaved()
    }

    /// A number that changes whenever the project or the document shown changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A number that changes whenever the document shown is another one:
    /// the key for what views derive from the document's text (layout,
    /// search matches), which an index cannot be.
    pub fn shown_generation(&self) -> u64 {
        self.shown_generation
    }

    /// Index of the document shown.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The document shown, if the project has any.
    pub fn document(&self) -> Option<&Document> {
        self.project
            .documents
            .get(self.current)
            .filter(|d| !d.is_parked())
    }

    /// The current document with its char map.
    pub fn view(&self) -> Option<DocView<'_>> {
        Some(DocView {
            doc: self.document()?,
            chars: &self.chars,
        })
    }

    /// What undo would take back ("Tagged 12 matches as Entity"), if
    /// anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.next_undo().map(|(_, i)| i.message.as_str())
    }

    /// What redo would do again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.next_redo().map(|(_, i)| i.message.as_str())
    }

    /// Whether undo has something to do.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether redo has something to do.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The window title: file name, a dot when unsaved, and the app name.
    pub fn window_title(&self) -> String {
        let name = self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{name} — Spanmark")
    }
}
