//! The open project: its file, its one undo timeline, the document shown,
//! and the summaries the window reads every frame. No egui here: the window
//! and the command line are both views of a session.
//!
//! Every mutation goes through [`Session::apply`] (or undo/redo), which
//! applies one [`Change`] and updates the summaries in proportion to what
//! the change touched.

mod append;
pub mod curate;
mod documents;
mod file;
mod import;
mod journaling;
pub mod linking;
pub mod motion;
mod outcome;
mod park;
mod persistence;
pub mod rules;
mod snapshot;
pub mod suggest;
mod summary;
#[cfg(test)]
mod test_support;
mod timing;

use std::path::{Path, PathBuf};

pub use append::{AppendError, FolderImport, append_to_folder};
pub use documents::Documents;
pub use file::Saved;
pub use import::{Gate, ImportError, ImportReport, prepare_import};
pub use journaling::{JournalState, Orphan, Recovery, orphaned_journals, peek_journal, set_aside};
pub use persistence::Persistence;
pub use rules::{Edge, Outcome, Proposal, Refusal};
pub use snapshot::{Snapshot, SnapshotError};
pub use summary::Summary;
pub use timing::{IDLE, today};

use crate::model::{
    Change, ChangeError, DocView, Document, History, Intent, Project, SpanId, StepError, Stepped,
    Touched,
};
use crate::store::{Changed, FileStamp};

/// An open project: three rooms with one job each, and the person at work.
///
/// - [`Documents`]: the project in memory and what is derived from it (the
///   document shown and its text map, lengths, summaries, which documents
///   are parked);
/// - the timeline, a [`History`]: every step with what it was and the
///   selection on either side, and which state was saved last;
/// - [`Persistence`]: where the project lives on disk (path, stamp, lock,
///   a folder project's files, what a save must write, the journal).
///
/// `Session`'s own methods are the operations that need more than one room
/// (apply a change: read back what it needs, step the timeline, mark what
/// is unsaved, journal it, update the summaries); each returns what
/// happened.
#[derive(Debug)]
pub struct Session {
    docs: Documents,
    timeline: History,
    disk: Persistence,
    /// Active annotation time recorded since the last save.
    time: timing::ActiveTime,
    /// Who is annotating (the app's setting): new spans and relations
    /// carry it.
    annotator: Option<String>,
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
    /// Why the document to show after the change (documents came or went)
    /// could not be read back, naming its file: another is shown.
    pub not_shown: Option<String>,
}

impl Session {
    /// Start a session on a project; `path` is where it was loaded from.
    pub fn new(mut project: Project, path: Option<PathBuf>) -> Self {
        project.ensure_next_ids();
        let mut session = Self {
            docs: Documents::new(project),
            timeline: History::default(),
            disk: Persistence::new(path),
            time: Default::default(),
            annotator: None,
        };
        // Document 0 is in memory (a parked project keeps it whole).
        let _ = session.show(0);
        session
    }

    /// Make document `i` current: read it back if parked (when it cannot
    /// be, the nearest document in memory is shown instead, and why `i`
    /// could not be is returned), map its text, park what may be.
    fn show(&mut self, i: usize) -> Option<String> {
        let (i, not_shown) = match self.unpark(&[i]) {
            Ok(()) => (i, None),
            Err(e) => {
                // The nearest document in memory, else the nearest of a few
                // that can be read back (a bounded number of file reads).
                let mut near: Vec<usize> = (0..self.docs.project.documents.len()).collect();
                near.sort_by_key(|&j| j.abs_diff(i));
                let docs = &self.docs.project.documents;
                let instead = near
                    .iter()
                    .copied()
                    .find(|&j| !docs[j].is_parked())
                    .or_else(|| {
                        near.into_iter()
                            .take(16)
                            .find(|&j| self.unpark(&[j]).is_ok())
                    })
                    .unwrap_or(i);
                (instead, Some(e.to_string()))
            }
        };
        self.docs.map_shown(i);
        self.shown_now(i);
        not_shown
    }

    /// Show document `i`, reading it back first if it is parked (on
    /// failure, naming its file, the shown document stays).
    pub fn set_current(&mut self, i: usize) -> Result<(), crate::store::StoreError> {
        if i < self.docs.project.documents.len() && i != self.docs.current {
            self.unpark(&[i])?;
            // In memory now: it is the one shown.
            let _ = self.show(i);
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
        let before = self.docs.summary.before(&self.docs.project, touched);
        let record = self.disk.records().then(|| change.clone());
        let marks = file::Marks::of(&change);
        let result =
            self.timeline
                .apply_as(&mut self.docs.project, &mut self.docs.lens, change, intent);
        if let Err(e) = &result
            && e.partly_applied()
        {
            self.partly_changed();
        }
        result?;
        self.mark_unsaved(marks);
        if let Some(record) = record {
            self.disk.record(record);
        }
        Ok(self.changed(touched, before))
    }

    /// Undo the last step; `Ok(None)` if there is none. A step that cannot
    /// be undone is dropped from the history and reported.
    pub fn undo(&mut self) -> Result<Option<Applied>, StepError> {
        self.unpark_step(true)?;
        let touched = self.timeline.next_undo().map(|(c, _)| c.touched());
        let before = touched.map(|t| self.docs.summary.before(&self.docs.project, t));
        let marks = self.timeline.next_undo().map(|(c, _)| file::Marks::of(c));
        let done = self
            .timeline
            .undo(&mut self.docs.project, &mut self.docs.lens)
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
        let touched = self.timeline.next_redo().map(|(c, _)| c.touched());
        let before = touched.map(|t| self.docs.summary.before(&self.docs.project, t));
        let marks = self.timeline.next_redo().map(|(c, _)| file::Marks::of(c));
        let done = self
            .timeline
            .redo(&mut self.docs.project, &mut self.docs.lens)
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
        self.docs.summary = Summary::of(&self.docs.project);
        self.timeline.mark_unsaved();
        self.disk.unsaved = Changed::All;
        self.docs.revision += 1;
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
        if self.disk.records() {
            self.disk.record(step.change);
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
        self.docs.summary.after(&self.docs.project, touched, before);
        self.docs.revision += 1;
        // Imports and their undo add and remove documents at the end: the
        // one shown may be gone, or may have come (back).
        let n = self.docs.project.documents.len();
        let mut not_shown = None;
        if touched == Touched::All {
            // Documents came or went: the one at this index may be another
            // (even under the same id), so it is shown afresh.
            let i = self.docs.current.min(n.saturating_sub(1));
            not_shown = self.show(i);
        }
        Applied {
            touched,
            not_shown,
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
        let (change, mut report) = prepare_import(&self.docs.project, imported.docs)?;
        report.notices = imported.notices;
        let first_import = self.docs.project.documents.is_empty();
        // Documents are only added: the one shown stays in memory, so the
        // change never has a document it cannot show.
        self.apply(change).map_err(ImportError::Change)?;
        if first_import {
            // Just added: in memory.
            let _ = self.show(0);
        }
        Ok(report)
    }

    /// Who new spans and relations are by: the person set with
    /// [`Session::set_annotator`], else the project's default annotator.
    pub fn annotator(&self) -> Option<&str> {
        self.annotator
            .as_deref()
            .or(self.docs.project.annotator.as_deref())
    }

    /// Set who is annotating (`None` or empty: nobody named).
    pub fn set_annotator(&mut self, name: Option<String>) {
        self.annotator = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    }

    /// The project.
    pub fn project(&self) -> &Project {
        self.docs.project()
    }

    /// The first room: the project in memory and what is derived from it.
    pub fn documents(&self) -> &Documents {
        &self.docs
    }

    /// The second room: the undo timeline and its saved point.
    pub fn timeline(&self) -> &History {
        &self.timeline
    }

    /// The third room: where the project lives on disk.
    pub fn persistence(&self) -> &Persistence {
        &self.disk
    }

    /// Counts the window shows every frame, kept up to date per change.
    pub fn summary(&self) -> &Summary {
        &self.docs.summary
    }

    /// Where the project is saved, if anywhere yet.
    pub fn path(&self) -> Option<&Path> {
        self.disk.path()
    }

    /// What the project's file held when it was read or last written.
    pub fn stamp(&self) -> Option<FileStamp> {
        self.disk.stamp()
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.timeline.is_unsaved()
    }

    /// A number that changes whenever the project or the document shown changes.
    pub fn revision(&self) -> u64 {
        self.docs.revision
    }

    /// A number that changes whenever the document shown is another one:
    /// the key for what views derive from the document's text (layout,
    /// search matches), which an index cannot be.
    pub fn shown_generation(&self) -> u64 {
        self.docs.shown_generation
    }

    /// Index of the document shown.
    pub fn current_index(&self) -> usize {
        self.docs.current
    }

    /// The document shown, if the project has any.
    pub fn document(&self) -> Option<&Document> {
        self.docs.document()
    }

    /// The current document with its char map.
    pub fn view(&self) -> Option<DocView<'_>> {
        self.docs.view()
    }

    /// What undo would take back ("Tagged 12 matches as Entity"), if
    /// anything.
    pub fn undo_label(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.timeline.next_undo().map(|(_, i)| i.text())
    }

    /// What redo would do again, if anything.
    pub fn redo_label(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.timeline.next_redo().map(|(_, i)| i.text())
    }

    /// Whether undo has something to do.
    pub fn can_undo(&self) -> bool {
        self.timeline.can_undo()
    }

    /// Whether redo has something to do.
    pub fn can_redo(&self) -> bool {
        self.timeline.can_redo()
    }

    /// The window title: file name, a dot when unsaved, and the app name.
    pub fn window_title(&self) -> String {
        let name = self
            .disk
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(
                || "untitled".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{name} — Spanmark")
    }
}
