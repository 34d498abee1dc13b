//! Every change to a document is an [`Edit`]; applying one returns its inverse.

use serde::{Deserialize, Serialize};

use super::choice::Choice;
use super::document::DocStatus;
use super::label::LabelSet;
use super::suggestion::Suggestions;
use super::{Event, EventId, Relation, RelationId, Span, SpanId};

mod apply;
mod checks;

pub use checks::{NewId, fragments_fit};

/// One undoable change to a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Add a span, together with relations that involve it (used to restore
    /// a removed span with everything that pointed at it).
    AddSpan {
        /// The span.
        span: Span,
        /// Relations to restore with it.
        relations: Vec<Relation>,
    },
    /// Remove a span and every relation that involves it.
    RemoveSpan {
        /// The span to remove.
        id: SpanId,
    },
    /// Change a span's label.
    SetLabel {
        /// The span.
        id: SpanId,
        /// New label id.
        label: String,
    },
    /// Set a span's range and pieces exactly (the inverse of resizing a
    /// discontinuous span).
    SetPieces {
        /// The span.
        id: SpanId,
        /// New start.
        start: usize,
        /// New end.
        end: usize,
        /// New fragments (empty: one piece).
        fragments: Vec<(usize, usize)>,
    },
    /// Move a span's boundaries (a discontinuous span's outer edges: its
    /// fragments are cut to the new range).
    SetRange {
        /// The span.
        id: SpanId,
        /// New start.
        start: usize,
        /// New end.
        end: usize,
    },
    /// Set (`Some`) or clear (`None`) an attribute.
    SetAttr {
        /// The span.
        id: SpanId,
        /// Attribute name.
        key: String,
        /// New value.
        value: Option<String>,
    },
    /// Set or clear a span's note.
    SetNote {
        /// The span.
        id: SpanId,
        /// New note.
        note: Option<String>,
    },
    /// Accept a span into the gold standard (curation), or take it back.
    SetGold {
        /// The span.
        id: SpanId,
        /// Accepted.
        gold: bool,
    },
    /// Add a relation.
    AddRelation(Relation),
    /// Remove a relation.
    RemoveRelation {
        /// The relation.
        id: RelationId,
    },
    /// Add an event (its spans must exist).
    AddEvent(Event),
    /// Remove an event.
    RemoveEvent {
        /// The event.
        id: EventId,
    },
    /// Set the document's categories (document-level labels).
    SetCategories(Vec<String>),
    /// Set the categories the document's annotators chose, each under its
    /// annotator.
    SetChoices(Vec<Choice>),
    /// Change the document's status.
    SetStatus(DocStatus),
    /// Replace the document's pending and rejected suggestions.
    SetSuggestions(Suggestions),
    /// Keep a span rejected in curation as a record of its annotators'
    /// work (it is removed from the spans by the same step).
    AddRejected(Span),
    /// Drop the record of a rejected span (the inverse of
    /// [`Edit::AddRejected`]).
    RemoveRejected {
        /// The rejected span's id.
        id: SpanId,
    },
    /// Several edits applied as one undo step, in order.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The document is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// Part of a batch failed and `left` of the edits before it could not
    /// be taken back: the document holds part of the change.
    #[error(
        "{source}; the change stopped part way and {left} of its steps could not be taken back"
    )]
    PartlyApplied {
        /// Why the batch stopped.
        source: Box<EditError>,
        /// How many edits stayed applied.
        left: usize,
    },
    /// No span with that id.
    #[error("no span with id {0}")]
    NoSuchSpan(SpanId),
    /// No relation with that id.
    #[error("no relation with id {0}")]
    NoSuchRelation(RelationId),
    /// No event with that id.
    #[error("no event with id {0}")]
    NoSuchEvent(EventId),
    /// The event id is already taken.
    #[error("event id {0} is already in use")]
    DuplicateEvent(EventId),
    /// An event's or relation's reference to an event is wrong.
    #[error("{0}")]
    BadEventRef(String),
    /// A discontinuous span's fragments are out of order, overlap, or do
    /// not fit its range.
    #[error("fragments {0:?} are not ordered pieces of the span")]
    BadFragments(Vec<(usize, usize)>),
    /// The id is already taken.
    #[error("span id {0} is already in use")]
    DuplicateId(SpanId),
    /// The relation id is already taken.
    #[error("relation id {0} is already in use")]
    DuplicateRelation(RelationId),
    /// The range is empty or outside the text.
    #[error("range [{start}, {end}) is not inside the text of {len} characters")]
    BadRange {
        /// Start.
        start: usize,
        /// End.
        end: usize,
        /// Text length.
        len: usize,
    },
    /// The label is not in the label set.
    #[error("unknown label {0:?}")]
    UnknownLabel(String),
}

impl EditError {
    /// Whether the document holds part of the change (not a clean refusal).
    pub fn partly_applied(&self) -> bool {
        matches!(self, EditError::PartlyApplied { .. })
    }
}

/// What an edit needs to know besides the document: the label set and the
/// length of the document's text in code points (kept by the caller, so an
/// edit never counts the text).
#[derive(Clone, Copy, Debug)]
pub struct EditCtx<'a> {
    /// The project's labels.
    pub labels: &'a LabelSet,
    /// The document's length in code points.
    pub len: usize,
}

impl Edit {
    /// The span this edit brings back or alters (the first, for a batch):
    /// the one to select after an undo or redo. `None` when it removes.
    pub fn focus_span(&self) -> Option<SpanId> {
        match self {
            Edit::AddSpan { span, .. } => Some(span.id),
            Edit::SetLabel { id, .. }
            | Edit::SetPieces { id, .. }
            | Edit::SetRange { id, .. }
            | Edit::SetAttr { id, .. }
            | Edit::SetNote { id, .. }
            | Edit::SetGold { id, .. } => Some(*id),
            Edit::AddRelation(r) => Some(r.from),
            Edit::AddEvent(e) => Some(e.trigger),
            Edit::Batch(edits) => edits.iter().find_map(Edit::focus_span),
            Edit::RemoveSpan { .. }
            | Edit::RemoveRelation { .. }
            | Edit::RemoveEvent { .. }
            | Edit::SetCategories(_)
            | Edit::SetChoices(_)
            | Edit::SetStatus(_)
            | Edit::SetSuggestions(_)
            | Edit::AddRejected(_)
            | Edit::RemoveRejected { .. } => None,
        }
    }

    /// Visit every id this edit brings in (to keep id counters above them).
    pub fn for_each_new_id(&self, f: &mut impl FnMut(NewId)) {
        match self {
            Edit::AddSpan { span, relations } => {
                f(NewId::Span(span.id));
                for r in relations {
                    f(NewId::Relation(r.id));
                }
            }
            Edit::AddRelation(r) => f(NewId::Relation(r.id)),
            Edit::AddEvent(e) => f(NewId::Event(e.id)),
            Edit::Batch(edits) => edits.iter().for_each(|e| e.for_each_new_id(f)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
