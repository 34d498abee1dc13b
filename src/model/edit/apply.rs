//! Applying an edit to a document: each arm changes the document and
//! returns the edit that takes it back; a refused edit changes nothing.

use super::super::change::apply_in_order;
use super::checks::{add_span, check_label, check_range, cut_fragments, fragments_fit};
use super::{Edit, EditCtx, EditError};
use crate::model::document::Document;
use crate::model::span::Event;

impl Edit {
    /// Apply the edit to `doc`, returning the edit that undoes it.
    /// On error `doc` is unchanged. Costs O(log n) per span touched.
    pub fn apply(self, doc: &mut Document, ctx: &EditCtx<'_>) -> Result<Edit, EditError> {
        match self {
            Edit::AddSpan { span, relations } => add_span(doc, ctx, span, relations),
            Edit::RemoveSpan { id } => {
                let span = doc.spans.remove(id).ok_or(EditError::NoSuchSpan(id))?;
                let relations = doc.relations.take_of_span(id);
                // Events that refer to the span go with it.
                let (gone, kept): (Vec<Event>, Vec<Event>) = std::mem::take(&mut doc.events)
                    .into_iter()
                    .partition(|e| e.spans().any(|s| s == id));
                doc.events = kept;
                let add = Edit::AddSpan { span, relations };
                if gone.is_empty() {
                    Ok(add)
                } else {
                    let mut edits = vec![add];
                    edits.extend(gone.into_iter().map(Edit::AddEvent));
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
                let id = event.id;
                let at = doc.events.partition_point(|e| e.id < id);
                doc.events.insert(at, event);
                Ok(Edit::RemoveEvent { id })
            }
            Edit::RemoveEvent { id } => {
                let at = doc
                    .events
                    .binary_search_by_key(&id, |e| e.id)
                    .map_err(|_| EditError::NoSuchEvent(id))?;
                Ok(Edit::AddEvent(doc.events.remove(at)))
            }
            Edit::SetCategories(mut categories) => {
                categories.sort();
                categories.dedup();
                Ok(Edit::SetCategories(std::mem::replace(
                    &mut doc.categories,
                    categories,
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
}
