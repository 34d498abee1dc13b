//! What edits check before they change anything (ranges, labels, the
//! pieces of a discontinuous span), adding a span with its relations, and
//! the ids an edit brings in.

use super::super::cascade;
use super::{Edit, EditCtx, EditError};
use crate::model::document::Document;
use crate::model::label::LabelSet;
use crate::model::{EventId, Relation, RelationId, Span, SpanId};

pub(super) fn add_span(
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
pub(super) fn cut_fragments(
    fragments: &[(usize, usize)],
    start: usize,
    end: usize,
) -> Vec<(usize, usize)> {
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

pub(super) fn check_range(ctx: &EditCtx<'_>, start: usize, end: usize) -> Result<(), EditError> {
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

pub(super) fn check_label(labels: &LabelSet, label: &str) -> Result<(), EditError> {
    if labels.contains(label) {
        Ok(())
    } else {
        Err(EditError::UnknownLabel(label.to_owned()))
    }
}
