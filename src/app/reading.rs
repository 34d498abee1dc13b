//! Annotating while a large folder project is read: the document read
//! first becomes the session shown, at once, and may be changed like any
//! other; its changes are journaled in the app's data folder with a copy of
//! the document (so a crash before the read ends loses nothing) and kept in
//! order, to be carried onto the whole project, as undoable steps, when it
//! arrives. What needs every document (saving, other documents, labels,
//! import and export, curation, statistics) says it waits for the read.

use std::path::Path;
use std::sync::atomic::Ordering;

use crate::model::Change;
use crate::session::Session;
use crate::store::StoreError;
use crate::store::journal::{self, Read};

use super::command::{Command, UiCommand};
use super::state::LeftTab;
use super::{SpanmarkApp, UiState};

/// The document being annotated while the rest of its project is read.
#[derive(Clone, Debug)]
pub struct Editing {
    /// Its place in the project as listed when reading began.
    pub index: usize,
    /// How many documents the project lists.
    pub total: usize,
    /// The document as read: the changes go to the project's document
    /// with its id, which must still be it when they are carried onto it.
    pub read: Box<crate::model::Document>,
    /// The id counters the changes were made with.
    pub next_ids: crate::model::NextIds,
}

/// Whether the document read first of the project at `path` may be
/// changed before the rest is read: not while the project's journal holds
/// changes a crashed session left (they are offered first, once the whole
/// project is read), nor when that journal cannot be read.
pub(super) fn may_edit_while_reading(path: &Path) -> bool {
    let root = crate::store::project_root(path);
    match journal::read(&journal::journal_path(&root)) {
        Ok(Read::Missing) => true,
        Ok(Read::Journal(c)) => c.changes.is_empty(),
        _ => false,
    }
}

/// What `command` is, when it must wait for the whole project.
pub(super) fn waits_for_read(command: &Command) -> Option<&'static str> {
    use UiCommand as U;
    Some(match command {
        Command::Ui(U::Save | U::SaveAs) | Command::SaveTo(_) | Command::SaveThen(_) => "Saving",
        Command::SaveToConfirmed(_) | Command::OverwriteMine => "Saving",
        Command::Ui(U::NewProject | U::Open | U::OpenUrl) | Command::OpenPath(_) => {
            "Opening another project"
        }
        Command::ReloadFromDisk | Command::OpenBackup(_) => "Reading the project again",
        Command::Ui(U::Import) | Command::ImportPaths(_) => "Importing",
        Command::Ui(U::Export) | Command::BrowseExport => "Exporting",
        Command::Ui(U::Labels) | Command::EditLabels(_) | Command::ConfirmRemoveLabel(_) => {
            "Changing the labels"
        }
        Command::Ui(U::NextDocument | U::PreviousDocument) | Command::OpenDocument(_) => {
            "Going to another document"
        }
        Command::Ui(U::ShowCuration | U::Agreement | U::AcceptAgreed)
        | Command::ShowLeft(LeftTab::Curation) => "Curating",
        Command::Ui(U::Statistics) => "Statistics",
        Command::Ui(U::Guidelines) => "The guidelines",
        Command::RunSuggester | Command::LearnNow => "A model",
        _ => return None,
    })
}

impl SpanmarkApp {
    /// Show `session` (the one document of the project being read that was
    /// read first, at `index` of `total`) as the session, ready to change.
    pub(super) fn begin_editing(&mut self, session: Session, index: usize, total: usize) {
        let Some(mut job) = self.state.opening.take() else {
            return;
        };
        self.note_place();
        self.session.close(job.discard);
        self.session = session;
        self.session.set_annotator(self.annotator.clone());
        // A failure to journal shows in the journal banner.
        let _ = self
            .session
            .start_preview_journal(self.journal_dir.as_deref(), &job.path);
        let read = Box::new(
            (self.session.document().cloned())
                .unwrap_or_else(|| crate::model::Document::new("", "", "")),
        );
        let next_ids = self.session.project().next_ids;
        // The window starts afresh for the new project (a crashed
        // session's changes offered at start stay offered).
        let (left, modal) = (self.state.left, self.state.modal.take());
        self.state = UiState::default();
        (self.state.left, self.state.modal) = (left, modal);
        let root = crate::store::project_root(&job.path);
        let char = self.places.get(&root).filter(|p| p.doc == read.id);
        self.state.reader.scroll_to = Some(char.map_or(0, |p| p.char.min(read.char_len())));
        job.editing = Some(Editing {
            index,
            total,
            read,
            next_ids,
        });
        self.state.opening = Some(job);
    }

    /// The whole project arrived (or could not be read): it takes the place
    /// of the one document, with the changes made to that document carried
    /// onto it, each an undo step; the person's selection and place stay.
    pub(super) fn finish_editing(&mut self, result: Result<Session, StoreError>) {
        let Some(job) = self.state.opening.take() else {
            return;
        };
        let Some(editing) = job.editing else {
            return;
        };
        let full = match result {
            Ok(full) => full,
            // Nothing changed yet: the error screen, as for any project
            // that cannot be read.
            Err(e) if !self.session.is_dirty() => {
                return self.failed_to_open(&job.path, e.to_string());
            }
            Err(e) => {
                // The document changed here stays shown, untitled, its
                // changes journaled: Save as keeps it.
                self.state.allow_close = false;
                return self.state.error(format!(
                    "Could not open: {e}; the document shown stays here unsaved (Save as keeps it)"
                ));
            }
        };
        let mut preview = std::mem::replace(&mut self.session, full);
        self.session.set_annotator(self.annotator.clone());
        let changes = preview.take_log();
        let n = changes.len();
        // The panels over the whole project start afresh; what the person
        // was doing in the document (selection, place, a note being typed,
        // suggestions) goes on.
        self.state.doc_list = Default::default();
        self.state.span_list = Default::default();
        self.state.curation = Default::default();
        self.start_journal();
        let name = job.path.display();
        match self.carry(changes, &editing) {
            Ok(()) => {
                // The preview's journal goes only once the changes are in
                // the project's, on disk.
                self.session.flush_journal();
                let journaled = self
                    .session
                    .journal_state()
                    .is_some_and(|j| j.error.is_none())
                    && !matches!(self.state.modal, Some(super::state::Modal::Recover(_)));
                preview.close(journaled);
                match n {
                    0 => self.state.info(format!("Opened {name}")),
                    1 => self.state.info(format!(
                        "Opened {name}: the change made while it was read is in it, unsaved"
                    )),
                    n => self.state.info(format!(
                        "Opened {name}: the {n} changes made while it was read are in it, unsaved"
                    )),
                }
            }
            Err(why) => {
                // Its journal stays in the data folder and is offered at
                // the next start.
                preview.close(false);
                self.state.error(format!(
                    "The changes made while {name} was read could not be carried onto it ({why}); they are kept and offered at the next start"
                ));
            }
        }
        if self.remember_recent {
            self.recent.remember(&job.path);
        }
    }

    /// Replay `changes`, made to the one document, onto the whole project.
    fn carry(&mut self, changes: Vec<Change>, editing: &Editing) -> Result<(), String> {
        let id = &editing.read.id;
        let project = self.session.project();
        let Some(i) = project.documents.iter().position(|d| &d.id == id) else {
            return Err(format!("document {id} is no longer in it"));
        };
        self.session
            .set_current(i)
            .map_err(|e| format!("document {id} cannot be read: {e}"))?;
        if self.session.document() != Some(&*editing.read) {
            return Err(format!(
                "document {id} changed on disk while the project was read"
            ));
        }
        let now = self.session.project().next_ids;
        let moved = carried(changes, i, editing.next_ids, now)
            .ok_or("a change reached beyond its document")?;
        self.session
            .replay(moved)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Replay `changes` a crashed window made to the one document of
    /// `project` while it was being read (`base` holds that document as it
    /// was read) into that document: the one shown while the same project
    /// is being read again (nothing changed here yet), or the project's own
    /// document once it is read, if it is still as it was. `None` when it
    /// cannot be: the caller opens a copy.
    pub(super) fn recover_into_reading(
        &mut self,
        base: &crate::model::Project,
        project: &Path,
        changes: Vec<Change>,
    ) -> Option<Result<usize, crate::model::ChangeError>> {
        let root = |p: &Path| crate::store::real_path(&crate::store::project_root(p));
        let [doc] = base.documents.as_slice() else {
            return None;
        };
        if let Some(job) = &self.state.opening {
            // Still being read: into the document shown.
            let same = job.editing.is_some()
                && root(&job.path) == root(project)
                && self.session.document() == Some(doc);
            return (same && !self.session.is_dirty()).then(|| self.session.replay(changes));
        }
        // Read: into its document, moved to its place.
        if self.session.path().map(root) != Some(root(project)) {
            return None;
        }
        let i = (self.session.project().documents.iter()).position(|d| d.id == doc.id)?;
        self.open_document(i);
        if self.session.current_index() != i || self.session.document() != Some(doc) {
            return None;
        }
        let now = self.session.project().next_ids;
        Some(
            self.session
                .replay(carried(changes, i, base.next_ids, now)?),
        )
    }

    /// Refuse `command` while the project is read, if it needs all of it:
    /// says so and returns `true`.
    pub(super) fn held_for_read(&mut self, command: &Command) -> bool {
        let Some(job) = self.state.opening.as_ref().filter(|j| j.editing.is_some()) else {
            return false;
        };
        let Some(what) = waits_for_read(command) else {
            return false;
        };
        let (done, total) = reading_counts(job);
        self.state.info(format!(
            "{what} waits until the project is read ({done} of {total} documents)"
        ));
        true
    }
}

/// `changes`, made to the one document of a project whose id counters were
/// `made_at`, as changes to document `i` of one whose counters are `now`
/// (the ids they mint moved above `now`); `None` if one reaches beyond its
/// document.
fn carried(
    changes: Vec<Change>,
    i: usize,
    made_at: crate::model::NextIds,
    now: crate::model::NextIds,
) -> Option<Vec<Change>> {
    changes
        .into_iter()
        .map(|c| Some(c.moved_to_document(i)?.with_new_ids_above(made_at, now)))
        .collect()
}

/// Documents read so far, of how many.
fn reading_counts(job: &super::opening::OpenJob) -> (usize, usize) {
    let done = job.progress.done.load(Ordering::Relaxed);
    let total = job.progress.total.load(Ordering::Relaxed);
    let listed = job.editing.as_ref().map_or(0, |e| e.total);
    (done, total.max(listed))
}

/// The bar over the window while the project is read: how far, and what
/// waits for it.
pub(super) fn reading_bar_ui(ui: &mut egui::Ui, job: &super::opening::OpenJob) {
    let (done, total) = reading_counts(job);
    let hint = "annotate this document now; saving and other documents once it is read";
    reading_progress_ui(ui, &job.path, done, total, hint);
}

/// "Reading NAME", a bar with `done` of `total` documents, and `hint`.
pub(super) fn reading_progress_ui(
    ui: &mut egui::Ui,
    path: &Path,
    done: usize,
    total: usize,
    hint: &str,
) {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ui.horizontal(|ui| {
        ui.strong(format!("Reading {name}"));
        ui.add(
            egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                .desired_width(240.0)
                .text(format!("{done} of {total} documents")),
        );
        ui.weak(hint);
    });
}

/// The document list's place while the project is read.
pub(super) fn documents_while_reading_ui(ui: &mut egui::Ui, job: &super::opening::OpenJob) {
    let (done, total) = reading_counts(job);
    ui.add_space(8.0);
    ui.label(format!("Reading the project: {done} of {total} documents."));
    if let Some(editing) = &job.editing {
        ui.weak(format!(
            "Shown: document {} of {total}. The list comes when all are read.",
            editing.index + 1
        ));
    }
}
