//! The open project with its file path, undo histories and dirty flag.
//! No egui here: this is the state the GUI is a view of.

use std::path::{Path, PathBuf};

use crate::model::text::CharMap;
use crate::model::{
    DocView, Document, Edit, EditError, History, LabelEdit, LabelEditError, Project, SpanIndex,
};
use crate::store::{self, StoreError};

/// An open project: what is shown and edited in the window.
#[derive(Debug)]
pub struct Session {
    project: Project,
    path: Option<PathBuf>,
    histories: Vec<History>,
    current: usize,
    dirty: bool,
    /// Interval index of the current document's spans.
    index: SpanIndex,
    /// Code point map of the current document's text.
    chars: CharMap,
    /// Undo and redo stacks of label set changes (project-wide).
    label_undo: Vec<LabelEdit>,
    label_redo: Vec<LabelEdit>,
    /// Counts every change, so views can cache what they derive.
    revision: u64,
}

impl Session {
    /// Start a session on a project; `path` is where it was loaded from.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let histories = vec![History::default(); project.documents.len()];
        let mut session = Self {
            project,
            path,
            histories,
            current: 0,
            dirty: false,
            index: SpanIndex::default(),
            chars: CharMap::default(),
            label_undo: Vec::new(),
            label_redo: Vec::new(),
            revision: 0,
        };
        session.show(0);
        session
    }

    /// Make document `i` current: map its text and index its spans.
    fn show(&mut self, i: usize) {
        self.current = i;
        self.chars = self
            .project
            .documents
            .get(i)
            .map(|d| CharMap::new(&d.text))
            .unwrap_or_default();
        self.reindex();
    }

    /// Show document `i` (its own undo history comes with it).
    pub fn set_current(&mut self, i: usize) {
        if i < self.project.documents.len() && i != self.current {
            self.show(i);
        }
    }

    /// Add imported documents to the project (each gets its own history).
    pub fn add_documents(&mut self, docs: Vec<Document>) -> crate::formats::MergeReport {
        let report = crate::formats::add_documents(&mut self.project, docs);
        self.histories
            .resize_with(self.project.documents.len(), History::default);
        if report.documents > 0 {
            self.dirty = true;
            if self.project.documents.len() == report.documents {
                // The project had no documents: show the first one.
                self.show(0);
            } else {
                self.revision += 1;
            }
        }
        report
    }

    /// The interval index of the current document's spans.
    pub fn index(&self) -> &SpanIndex {
        &self.index
    }

    /// The current document with its indexes.
    pub fn view(&self) -> Option<DocView<'_>> {
        Some(DocView {
            doc: self.document()?,
            index: &self.index,
            chars: &self.chars,
        })
    }

    /// A number that changes whenever the project changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Change the label set as one undo step of the label history.
    pub fn edit_labels(&mut self, edit: LabelEdit) -> Result<(), LabelEditError> {
        let inverse = edit.apply(&mut self.project)?;
        self.label_undo.push(inverse);
        self.label_redo.clear();
        self.dirty = true;
        self.reindex();
        Ok(())
    }

    /// Undo (`undo`) or redo the last label set change; `Ok(false)` if none.
    pub fn step_labels(&mut self, undo: bool) -> Result<bool, LabelEditError> {
        let (from, to) = if undo {
            (&mut self.label_undo, &mut self.label_redo)
        } else {
            (&mut self.label_redo, &mut self.label_undo)
        };
        let Some(edit) = from.pop() else {
            return Ok(false);
        };
        match edit.clone().apply(&mut self.project) {
            Ok(inverse) => to.push(inverse),
            Err(e) => {
                from.push(edit);
                return Err(e);
            }
        }
        self.dirty = true;
        self.reindex();
        Ok(true)
    }

    /// Whether label changes can be undone / redone.
    pub fn can_undo_labels(&self) -> (bool, bool) {
        (!self.label_undo.is_empty(), !self.label_redo.is_empty())
    }

    fn reindex(&mut self) {
        self.revision += 1;
        self.index = self
            .project
            .documents
            .get(self.current)
            .map(SpanIndex::build)
            .unwrap_or_default();
    }

    /// Load a project file into a new session.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Ok(Self::new(store::load(path)?, Some(path.to_owned())))
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Where the project is saved, if anywhere yet.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Index of the document shown.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The document shown, if the project has any.
    pub fn document(&self) -> Option<&Document> {
        self.project.documents.get(self.current)
    }

    /// Apply an edit to the current document as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let Some(doc) = self.project.documents.get_mut(self.current) else {
            return Ok(());
        };
        self.histories[self.current].apply(doc, &self.project.labels, edit)?;
        self.dirty = true;
        self.reindex();
        Ok(())
    }

    /// Undo the last edit of the current document; `Ok(false)` if none.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let Some(doc) = self.project.documents.get_mut(self.current) else {
            return Ok(false);
        };
        let done = self.histories[self.current].undo(doc, &self.project.labels)?;
        self.dirty |= done;
        self.reindex();
        Ok(done)
    }

    /// Redo the last undone edit of the current document; `Ok(false)` if none.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let Some(doc) = self.project.documents.get_mut(self.current) else {
            return Ok(false);
        };
        let done = self.histories[self.current].redo(doc, &self.project.labels)?;
        self.dirty |= done;
        self.reindex();
        Ok(done)
    }

    /// Whether undo has something to do.
    pub fn can_undo(&self) -> bool {
        self.histories
            .get(self.current)
            .is_some_and(History::can_undo)
    }

    /// Whether redo has something to do.
    pub fn can_redo(&self) -> bool {
        self.histories
            .get(self.current)
            .is_some_and(History::can_redo)
    }

    /// Save atomically to `path` and remember it as the project's path.
    pub fn save_as(&mut self, path: &Path) -> Result<(), StoreError> {
        store::save(&self.project, path)?;
        self.path = Some(path.to_owned());
        self.dirty = false;
        Ok(())
    }

    /// The window title: file name, a dot when unsaved, and the app name.
    pub fn window_title(&self) -> String {
        let name = self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let marker = if self.dirty { "● " } else { "" };
        format!("{marker}{name} — Spanmark")
    }
}
