//! [`Change`]: the one type of every mutation of a project. A change is a
//! value; [`Change::apply`] is the one place it is carried out, and returns
//! the change that undoes it. Undo, redo, the unsaved marker and (later) the
//! journal all hang on this one mechanism.

mod documents;
mod shift;
use documents::{add_documents, remove_documents};

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::edit::{Edit, EditCtx, EditError, NewId};
use super::label::LabelDef;
use super::label_edit::{LabelEdit, LabelEditError};
use super::project::Project;
use super::span::SpanId;

/// One undoable change to a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// An edit of one document (spans, relations, attributes, notes, status).
    Doc {
        /// Index of the document in the project.
        doc: usize,
        /// The edit.
        edit: Edit,
    },
    /// A change to the label set (removing a label removes its spans).
    Labels(LabelEdit),
    /// Append documents (an import) with the labels and relation kinds they
    /// need. Ids must be fresh: see `crate::session::prepare_import`.
    AddDocuments(Box<Import>),
    /// Remove the last `count` documents and the labels and relation kinds
    /// named (the inverse of [`Change::AddDocuments`]).
    RemoveDocuments {
        /// How many documents, from the end.
        count: usize,
        /// Label ids to remove.
        labels: Vec<String>,
        /// Relation kinds to remove.
        relation_kinds: Vec<String>,
    },
    /// Replace the project's general and relation guidelines (a label's
    /// are in its definition: [`Change::Labels`]).
    Guidelines(Box<super::Guidelines>),
    /// Replace who annotates which document.
    Assignments(Box<super::Assignments>),
    /// Several changes as one undo step, in order.
    Batch(Vec<Change>),
}

/// What an import adds to a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    /// The documents, appended in order.
    pub docs: Vec<Document>,
    /// Labels the documents use that the project lacks.
    pub labels: Vec<LabelDef>,
    /// Relation kinds the documents use that the project lacks.
    pub relation_kinds: Vec<String>,
}

/// Why a change could not be applied. The project is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// A document edit failed.
    #[error("{0}")]
    Edit(#[from] EditError),
    /// A label set change failed.
    #[error("{0}")]
    Labels(#[from] LabelEditError),
    /// No document at that index.
    #[error("no document number {0}")]
    NoSuchDocument(usize),
    /// An import would duplicate a document id or label.
    #[error("{0}")]
    Import(String),
    /// A parked document the change needs could not be read back (the
    /// message names its file); nothing changed.
    #[error("{0}")]
    NotRead(String),
    /// Part of a batch failed and `left` of the steps before it could not
    /// be taken back: the project holds part of the change.
    #[error(
        "{source}; the change stopped part way and {left} of its steps could not be taken back"
    )]
    PartlyApplied {
        /// Why the batch stopped.
        source: Box<ChangeError>,
        /// How many steps stayed applied.
        left: usize,
    },
}

impl ChangeError {
    /// Whether the project holds part of the change (the error is not a
    /// clean refusal).
    pub fn partly_applied(&self) -> bool {
        match self {
            ChangeError::PartlyApplied { .. } => true,
            ChangeError::Edit(e) => e.partly_applied(),
            _ => false,
        }
    }
}

/// Which documents a change touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touched {
    /// Nothing.
    Nothing,
    /// One document.
    One(usize),
    /// Possibly every document, or the set of documents itself.
    All,
}

/// The length in code points of each document's text, computed once per
/// document when first needed (texts never change inside a project), so
/// that an edit never counts characters.
#[derive(Clone, Debug, Default)]
pub struct CharLens(Vec<Option<usize>>);

impl CharLens {
    /// Length of document `i` of `project`.
    pub fn get(&mut self, project: &Project, i: usize) -> Option<usize> {
        let doc = project.documents.get(i)?;
        if self.0.len() < project.documents.len() {
            self.0.resize(project.documents.len(), None);
        }
        Some(*self.0.get_mut(i)?.get_or_insert_with(|| doc.char_len()))
    }

    /// Record a length already known (e.g. from a char map).
    pub fn set(&mut self, i: usize, len: usize) {
        if self.0.len() <= i {
            self.0.resize(i + 1, None);
        }
        self.0[i] = Some(len);
    }

    /// Forget documents from index `n` on (they were removed).
    pub fn truncate(&mut self, n: usize) {
        self.0.truncate(n);
    }
}

impl Change {
    /// Apply the change to `project`, returning the change that undoes it.
    /// On error the project is unchanged. The project's id counters are
    /// raised above every id the change brings in, and never lowered.
    pub fn apply(self, project: &mut Project, lens: &mut CharLens) -> Result<Change, ChangeError> {
        match self {
            Change::Doc { doc, edit } => {
                let len = lens
                    .get(project, doc)
                    .ok_or(ChangeError::NoSuchDocument(doc))?;
                let mut next = project.next_ids;
                edit.for_each_new_id(&mut |id| match id {
                    NewId::Span(id) => next.above_span(id),
                    NewId::Relation(id) => next.above_relation(id),
                    NewId::Event(id) => next.above_event(id),
                });
                let ctx = EditCtx {
                    labels: &project.labels,
                    len,
                };
                let target = project
                    .documents
                    .get_mut(doc)
                    .ok_or(ChangeError::NoSuchDocument(doc))?;
                let inverse = edit.apply(target, &ctx)?;
                project.next_ids = next;
                Ok(Change::Doc { doc, edit: inverse })
            }
            Change::Labels(edit) => Ok(Change::Labels(edit.apply(project)?)),
            Change::Guidelines(g) => Ok(Change::Guidelines(Box::new(std::mem::replace(
                &mut project.guidelines,
                *g,
            )))),
            Change::Assignments(a) => Ok(Change::Assignments(Box::new(std::mem::replace(
                &mut project.assignments,
                *a,
            )))),
            Change::AddDocuments(import) => add_documents(project, *import),
            Change::RemoveDocuments {
                count,
                labels,
                relation_kinds,
            } => remove_documents(project, lens, count, labels, relation_kinds),
            Change::Batch(changes) => apply_in_order(
                changes,
                |c| c.apply(project, lens),
                |e, left| ChangeError::PartlyApplied {
                    source: Box::new(e),
                    left,
                },
            )
            .map(Change::Batch),
        }
    }

    /// The change made to document 0 of a project holding one document,
    /// made instead to document `index` of the whole project (the window
    /// lets a person edit one document while the rest is read). `None` for
    /// a change to anything but that one document.
    pub fn moved_to_document(self, index: usize) -> Option<Change> {
        match self {
            Change::Doc { doc: 0, edit } => Some(Change::Doc { doc: index, edit }),
            Change::Batch(changes) => changes
                .into_iter()
                .map(|c| c.moved_to_document(index))
                .collect::<Option<Vec<Change>>>()
                .map(Change::Batch),
            _ => None,
        }
    }

    /// Which documents the change touches.
    pub fn touched(&self) -> Touched {
        match self {
            Change::Doc { doc, .. } => Touched::One(*doc),
            Change::Guidelines(_) => Touched::Nothing,
            // The document list shows who has each: a list change.
            Change::Assignments(_) => Touched::All,
            Change::Labels(_) | Change::AddDocuments(_) | Change::RemoveDocuments { .. } => {
                Touched::All
            }
            Change::Batch(changes) => {
                changes
                    .iter()
                    .map(Change::touched)
                    .fold(Touched::Nothing, |acc, t| match (acc, t) {
                        (Touched::Nothing, t) | (t, Touched::Nothing) => t,
                        (Touched::One(a), Touched::One(b)) if a == b => Touched::One(a),
                        _ => Touched::All,
                    })
            }
        }
    }

    /// The documents (by index, sorted) that must be in memory for the
    /// change to apply, in a project of `documents` documents: an edit's
    /// document, those holding spans of a label being removed, those a
    /// label's return restores spans to, the documents an import's undo
    /// takes out (kept for redo). See [`super::parked`].
    pub fn needs(&self, project: &Project) -> Vec<usize> {
        let mut out = Vec::new();
        self.add_needs(project, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    fn add_needs(&self, project: &Project, out: &mut Vec<usize>) {
        let n = project.documents.len();
        match self {
            Change::Doc { doc, .. } => out.push(*doc),
            Change::Labels(LabelEdit::Remove { id }) => {
                out.extend((0..n).filter(|&i| project.documents[i].span_count_of(id) > 0))
            }
            Change::Labels(LabelEdit::Add { restore, .. }) => {
                out.extend(restore.iter().map(|r| r.doc));
            }
            Change::Labels(LabelEdit::Update { .. })
            | Change::AddDocuments(_)
            | Change::Guidelines(_)
            | Change::Assignments(_) => {}
            Change::RemoveDocuments { count, .. } => out.extend(n.saturating_sub(*count)..n),
            Change::Batch(changes) => changes.iter().for_each(|c| c.add_needs(project, out)),
        }
    }

    /// The span this change brings back or alters, in the one document it
    /// touches: the one to select after an undo or redo.
    pub fn focus_span(&self) -> Option<SpanId> {
        match self {
            Change::Doc { edit, .. } => edit.focus_span(),
            Change::Batch(changes) => changes.iter().find_map(Change::focus_span),
            Change::Labels(_)
            | Change::AddDocuments(_)
            | Change::RemoveDocuments { .. }
            | Change::Guidelines(_)
            | Change::Assignments(_) => None,
        }
    }

    /// A short description for undo/redo menus ("tag", "label change"…).
    pub fn describe(&self) -> &'static str {
        match self {
            Change::Doc { edit, .. } => match edit {
                Edit::AddSpan { .. } => "adding a span",
                Edit::RemoveSpan { .. } => "removing a span",
                Edit::SetLabel { .. } => "relabelling",
                Edit::SetRange { .. } | Edit::SetPieces { .. } => "resizing",
                Edit::AddEvent(_) => "adding an event",
                Edit::RemoveEvent { .. } => "removing an event",
                Edit::SetCategories(_) | Edit::SetChoices(_) => "categories",
                Edit::SetAttr { .. } => "an attribute",
                Edit::SetNote { .. } => "a note",
                Edit::SetGold { .. } | Edit::AddRejected(_) | Edit::RemoveRejected { .. } => {
                    "a curation decision"
                }
                Edit::AddRelation(_) => "adding a relation",
                Edit::RemoveRelation { .. } => "removing a relation",
                Edit::SetStatus(_) => "a status change",
                Edit::SetSuggestions(_) => "suggestions",
                Edit::Batch(_) => "several edits",
            },
            Change::Labels(_) => "a label change",
            Change::AddDocuments(_) => "adding documents",
            Change::RemoveDocuments { .. } => "removing documents",
            Change::Guidelines(_) => "the guidelines",
            Change::Assignments(_) => "the assignments",
            Change::Batch(_) => "several changes",
        }
    }
}

/// Apply `items` in order with `apply`, which returns each one's inverse.
/// On an error the ones applied are undone (in reverse) and the error
/// returned, so nothing changed; should undoing one of them fail too, the
/// error is wrapped by `partly` with how many steps stay applied, so no
/// caller takes a half-applied change for nothing. Else the inverses come
/// back in the order that undoes them all.
pub(super) fn apply_in_order<T, E>(
    items: Vec<T>,
    mut apply: impl FnMut(T) -> Result<T, E>,
    partly: impl FnOnce(E, usize) -> E,
) -> Result<Vec<T>, E> {
    let mut inverses = Vec::with_capacity(items.len());
    for item in items {
        match apply(item) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                let mut left = 0;
                for inverse in inverses.into_iter().rev() {
                    if apply(inverse).is_err() {
                        left += 1;
                    }
                }
                return Err(if left > 0 { partly(err, left) } else { err });
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

#[cfg(test)]
mod tests;
