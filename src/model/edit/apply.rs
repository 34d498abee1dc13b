//! Applying an edit to a document: each arm changes the document and
//! returns the edit that takes it back; a refused edit changes nothing.

use super::super::cascade;
use super::super::change::apply_in_order;
use super::checks::{add_span, check_label, check_range, cut_fragments, fragments_fit};
use super::{Edit, EditCtx, EditError};
use crate::model::Relation;
use crate::model::document::Document;

impl Edit {
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
                        let old = (
                            s.start,
                            s.end,
                            s.with_extra(|e| std::mem::take(&mut e.fragments)),
                        );
                        s.set_fragments(cut_fragments(&old.2, start, end));
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
                            s.with_extra(|e| std::mem::replace(&mut e.fragments, fragments)),
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
                    .update(id, |s| {
                        s.with_extra(|e| std::mem::replace(&mut e.note, note))
                    })
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
                crate::model::choice::normalize(&mut choices);
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
}
