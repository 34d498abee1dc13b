//! The session's first room: the project in memory and what is derived
//! from it. Which document is shown and its text map, every document's
//! length as edits check it, the summaries the window reads every frame,
//! a number that changes with every change, and which documents may be
//! parked. No file is read or written here.

use std::collections::VecDeque;

use crate::model::text::CharMap;
use crate::model::{CharLens, DocView, Document, Project};

use super::Summary;

/// The project in memory and what the window derives from it.
#[derive(Debug)]
pub struct Documents {
    pub(super) project: Project,
    /// Every document's length in code points, as edits check it.
    pub(super) lens: CharLens,
    /// Index of the document shown.
    pub(super) current: usize,
    /// Code point map of the current document's text.
    pub(super) chars: CharMap,
    /// Id of the document `chars` maps.
    pub(super) shown: Option<String>,
    /// Counts every change, so views can cache what they derive.
    pub(super) revision: u64,
    /// Changes whenever the document shown is another one (another index,
    /// or another document at the same index after an import or its
    /// undo), so views cache per document by it, never by index.
    pub(super) shown_generation: u64,
    pub(super) summary: Summary,
    /// How many of the documents shown last (the current one among them)
    /// stay whole in memory; `None`: no document is ever parked (see
    /// `park.rs`).
    pub(super) parking: Option<usize>,
    /// Ids of the documents shown last, oldest first.
    pub(super) recent: VecDeque<String>,
}

impl Documents {
    /// The project, nothing shown yet.
    pub(super) fn new(project: Project) -> Self {
        let summary = Summary::of(&project);
        Self {
            project,
            lens: CharLens::default(),
            current: 0,
            chars: CharMap::default(),
            shown: None,
            revision: 0,
            shown_generation: 0,
            summary,
            parking: None,
            recent: VecDeque::new(),
        }
    }

    /// Map document `i`'s text as the one shown (a parked one is shown as
    /// nothing: `document()` is `None` for it).
    pub(super) fn map_shown(&mut self, i: usize) {
        self.current = i;
        let doc = self.project.documents.get(i).filter(|d| !d.is_parked());
        self.chars = doc.map(|d| CharMap::new(&d.text)).unwrap_or_default();
        self.shown = doc.map(|d| d.id.clone());
        if self.shown.is_some() {
            self.lens.set(i, self.chars.char_len());
        }
        self.revision += 1;
        self.shown_generation += 1;
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The document shown, if the project has any (and it is in memory).
    pub fn document(&self) -> Option<&Document> {
        self.project
            .documents
            .get(self.current)
            .filter(|d| !d.is_parked())
    }

    /// The document shown with its char map.
    pub fn view(&self) -> Option<DocView<'_>> {
        Some(DocView {
            doc: self.document()?,
            chars: &self.chars,
        })
    }

    /// How many documents are parked.
    pub fn parked(&self) -> usize {
        self.project
            .documents
            .iter()
            .filter(|d| d.is_parked())
            .count()
    }
}
