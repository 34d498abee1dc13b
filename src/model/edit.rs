//! Every change to a document is an [`Edit`]; applying one returns its inverse.

use serde::{Deserialize, Serialize};

use super::cascade;
use super::change::apply_in_order;
use super::choice::Choice;
use super::document::{DocStatus, Document};
use super::label::LabelSet;
use super::span::{Event, EventId, Relation, RelationId, Span, SpanId};
use super::suggestion::Suggestions;

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

    /// Apply the edit to `doc`, returning the edit that undoes it.
    /// On error `doc` is unchanged. Costs O(log n) per span touched.
    pub fn apply(self, doc: &mut Document, ctx: &EditCtx<'_>) -> Result<Edit, EditError> {
        match self {
            Edit::AddSpan { span, relations } => add_span(doc, ctx, span, relations),
            Edit::RemoveSpan { id } => {
                let span = doc.spans.remove(id).ok_or(EditError::NoSuchSpan(id))?;
                let relations = doc.relations.take_of_span(id);
                // Events that refer to the span go with it, with the events
                // that take them as arguments and the relations between them.
                let gone = cascade::dependent_events(doc, |e| e.spans().any(|s| s == id));
                let (events, mut later) = cascade::take_events(doc, &gone);
                let (after, relations): (Vec<Relation>, Vec<Relation>) = relations
                    .into_iter()
                    .partition(|r| r.events().any(|e| gone.contains(&e)));
                later.extend(after);
                let add = Edit::AddSpan { span, relations };
                if events.is_empty() && later.is_empty() {
                    Ok(add)
                } else {
                    let mut edits = vec![add];
                    edits.extend(events.into_iter().map(Edit::AddEvent));
                    edits.extend(later.into_iter().map(Edit::AddRelation));
                    Ok(Edit::Batch(edits))
                }
            }
            Edit::SetLabel { id, label } => {
                check_label(ctx.labels, &label)?;
                let old = doc
                    .spans
                    .update(id, |s| std::mem::replace(&mut s.label, label))
                    .ok_or(EditError::NoSuchSpan(id))?;
                Ok(Edit::SetLabel { id, label: old })
            }
            Edit::SetRange { id, start, end } => {
                check_range(ctx, start, end)?;
                let old = doc
                    .spans
                    .update(id, |s| {
                        let old = (s.start, s.end, std::mem::take(&mut s.fragments));
                        s.fragments = cut_fragments(&old.2, start, end);
                        s.start = start;
                        s.end = end;
                        old
                    })
                    .ok_or(EditError::NoSuchSpan(id))?;
                Ok(if old.2.is_empty() {
                    Edit::SetRange {
                        id,
                        start: old.0,
                        end: old.1,
                    }
                } else {
                    Edit::SetPieces {
                        id,
                        start: old.0,
                        end: old.1,
                        fragments: old.2,
                    }
                })
            }
            Edit::SetPieces {
                id,
                start,
                end,
                fragments,
            } => {
                check_range(ctx, start, end)?;
                if !fragments_fit(&fragments, start, end) {
                    return Err(EditError::BadFragments(fragments));
                }
                let old = doc
                    .spans
                    .update(id, |s| {
                        let old = (
                            s.start,
                            s.end,
                            std::mem::replace(&mut s.fragments, fragments),
                        );
                        s.start = start;
                        s.end = end;
                        old
                    })
                    .ok_or(EditError::NoSuchSpan(id))?;
                Ok(Edit::SetPieces {
                    id,
                    start: old.0,
                    end: old.1,
                    fragments: old.2,
                })
            }
            Edit::SetAttr { id, key, value } => {
                let old = doc
                    .spans
                    .update(id, |s| match value {
                        Some(v) => s.attrs.insert(key.clone(), v),
                        None => s.attrs.remove(&key),
                    })
                    .ok_or(EditError::NoSuchSpan(id))?;
                Ok(Edit::SetAttr {
                    id,
                    key,
                    value: old,
                })
            }
            Edit::SetNote { id, note } => {
                let old = doc
                    .spans
                    .update(id, |s| std::mem::replace(&mut s.note, note))
                    .ok_or(EditError::NoSuchSpan(id))?;
                Ok(Edit::SetNote { id, note: old })
            }
            Edit::SetGold { id, gold } => {
                let old = doc
                    .spans
                    .update(id, |s| std::mem::replace(&mut s.gold, gold))
                    .ok_or(EditError::NoSuchSpan(id))?;
                Ok(Edit::SetGold { id, gold: old })
            }
            Edit::AddRelation(rel) => {
                for end in [rel.from, rel.to] {
                    if !doc.spans.contains(end) {
                        return Err(EditError::NoSuchSpan(end));
                    }
                }
                if let Some(why) = cascade::relation_events_problem(doc, &rel) {
                    return Err(EditError::BadEventRef(format!(
                        "relation {}: {why}",
                        rel.id
                    )));
                }
                let id = rel.id;
                doc.relations
                    .insert(rel)
                    .map_err(EditError::DuplicateRelation)?;
                Ok(Edit::RemoveRelation { id })
            }
            Edit::RemoveRelation { id } => {
                let rel = doc
                    .relations
                    .remove(id)
                    .ok_or(EditError::NoSuchRelation(id))?;
                Ok(Edit::AddRelation(rel))
            }
            Edit::AddEvent(event) => {
                if doc.event(event.id).is_some() {
                    return Err(EditError::DuplicateEvent(event.id));
                }
                if let Some(missing) = event.spans().find(|s| !doc.spans.contains(*s)) {
                    return Err(EditError::NoSuchSpan(missing));
                }
                if let Some(why) = cascade::event_args_problem(doc, &event) {
                    return Err(EditError::BadEventRef(format!("event {}: {why}", event.id)));
                }
                let id = event.id;
                let at = doc.events.partition_point(|e| e.id < id);
                doc.events.insert(at, event);
                Ok(Edit::RemoveEvent { id })
            }
            Edit::RemoveEvent { id } => {
                if doc.event(id).is_none() {
                    return Err(EditError::NoSuchEvent(id));
                }
                // The events that take it as an argument, and the relations
                // between them, go with it.
                let gone = cascade::dependent_events(doc, |e| e.id == id);
                let (mut events, relations) = cascade::take_events(doc, &gone);
                if events.len() == 1 && relations.is_empty() {
                    return Ok(Edit::AddEvent(events.remove(0)));
                }
                let mut edits: Vec<Edit> = events.into_iter().map(Edit::AddEvent).collect();
                edits.extend(relations.into_iter().map(Edit::AddRelation));
                Ok(Edit::Batch(edits))
            }
            Edit::SetCategories(mut categories) => {
                categories.sort();
                categories.dedup();
                Ok(Edit::SetCategories(std::mem::replace(
                    &mut doc.categories,
                    categories,
                )))
            }
            Edit::SetChoices(mut choices) => {
                super::choice::normalize(&mut choices);
                Ok(Edit::SetChoices(std::mem::replace(
                    &mut doc.choices,
                    choices,
                )))
            }
            Edit::SetStatus(status) => {
                let old = std::mem::replace(&mut doc.status, status);
                Ok(Edit::SetStatus(old))
            }
            Edit::SetSuggestions(suggestions) => {
                if let Some(s) = suggestions
                    .pending
                    .iter()
                    .find(|s| s.start >= s.end || s.end > ctx.len)
                {
                    return Err(EditError::BadRange {
                        start: s.start,
                        end: s.end,
                        len: ctx.len,
                    });
                }
                Ok(Edit::SetSuggestions(std::mem::replace(
                    &mut doc.suggestions,
                    suggestions,
                )))
            }
            Edit::AddRejected(span) => {
                let id = span.id;
                doc.rejected.push(span);
                Ok(Edit::RemoveRejected { id })
            }
            Edit::RemoveRejected { id } => {
                // The last record of that id (the one added last).
                let at = doc
                    .rejected
                    .iter()
                    .rposition(|s| s.id == id)
                    .ok_or(EditError::NoSuchSpan(id))?;
                Ok(Edit::AddRejected(doc.rejected.remove(at)))
            }
            Edit::Batch(edits) => apply_in_order(
                edits,
                |e| e.apply(doc, ctx),
                |e, left| EditError::PartlyApplied {
                    source: Box::new(e),
                    left,
                },
            )
            .map(Edit::Batch),
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

fn add_span(
    doc: &mut Document,
    ctx: &EditCtx<'_>,
    span: Span,
    relations: Vec<Relation>,
) -> Result<Edit, EditError> {
    check_range(ctx, span.start, span.end)?;
    check_label(ctx.labels, &span.label)?;
    for r in &relations {
        if doc.relations.get(r.id).is_some() {
            return Err(EditError::DuplicateRelation(r.id));
        }
        for end in [r.from, r.to] {
            if end != span.id && !doc.spans.contains(end) {
                return Err(EditError::NoSuchSpan(end));
            }
        }
        if let Some(why) = cascade::relation_events_problem(doc, r) {
            return Err(EditError::BadEventRef(format!("relation {}: {why}", r.id)));
        }
    }
    let id = span.id;
    doc.spans.insert(span).map_err(EditError::DuplicateId)?;
    for r in relations {
        // Checked above: the id is free.
        let _ = doc.relations.insert(r);
    }
    Ok(Edit::RemoveSpan { id })
}

/// An id an edit brings in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewId {
    /// A span's.
    Span(SpanId),
    /// A relation's.
    Relation(RelationId),
    /// An event's.
    Event(EventId),
}

/// The fragments of a discontinuous span cut to `[start, end)`: the first
/// kept one starts at `start`, the last ends at `end`; one piece left means
/// no fragments.
fn cut_fragments(fragments: &[(usize, usize)], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut kept: Vec<(usize, usize)> = fragments
        .iter()
        .map(|&(a, b)| (a.max(start), b.min(end)))
        .filter(|(a, b)| a < b)
        .collect();
    if let Some(first) = kept.first_mut() {
        first.0 = start;
    }
    if let Some(last) = kept.last_mut() {
        last.1 = end;
    }
    if kept.len() < 2 { Vec::new() } else { kept }
}

/// Whether `fragments` are ordered, disjoint pieces spanning `[start, end)`
/// (or none).
pub fn fragments_fit(fragments: &[(usize, usize)], start: usize, end: usize) -> bool {
    if fragments.is_empty() {
        return true;
    }
    fragments.len() >= 2
        && fragments.first().is_some_and(|f| f.0 == start)
        && fragments.last().is_some_and(|f| f.1 == end)
        && fragments.iter().all(|(a, b)| a < b)
        && fragments.windows(2).all(|w| w[0].1 <= w[1].0)
}

fn check_range(ctx: &EditCtx<'_>, start: usize, end: usize) -> Result<(), EditError> {
    if start < end && end <= ctx.len {
        Ok(())
    } else {
        Err(EditError::BadRange {
            start,
            end,
            len: ctx.len,
        })
    }
}

fn check_label(labels: &LabelSet, label: &str) -> Result<(), EditError> {
    if labels.contains(label) {
        Ok(())
    } else {
        Err(EditError::UnknownLabel(label.to_owned()))
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
