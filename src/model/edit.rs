//! Every change to a document is an [`Edit`]; applying one returns its inverse.

use super::document::{DocStatus, Document};
use super::label::LabelSet;
use super::span::{Relation, RelationId, Span, SpanId};

/// One undoable change to a document.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Move a span's boundaries.
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
    /// Add a relation.
    AddRelation(Relation),
    /// Remove a relation.
    RemoveRelation {
        /// The relation.
        id: RelationId,
    },
    /// Change the document's status.
    SetStatus(DocStatus),
    /// Several edits applied as one undo step, in order.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The document is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No span with that id.
    #[error("no span with id {0}")]
    NoSuchSpan(SpanId),
    /// No relation with that id.
    #[error("no relation with id {}", .0.0)]
    NoSuchRelation(RelationId),
    /// The id is already taken.
    #[error("span id {0} is already in use")]
    DuplicateId(SpanId),
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

impl Edit {
    /// Apply the edit to `doc`, returning the edit that undoes it.
    /// On error `doc` is unchanged.
    pub fn apply(self, doc: &mut Document, labels: &LabelSet) -> Result<Edit, EditError> {
        match self {
            Edit::AddSpan { span, relations } => {
                check_range(doc, span.start, span.end)?;
                check_label(labels, &span.label)?;
                if doc.span(span.id).is_some() {
                    return Err(EditError::DuplicateId(span.id));
                }
                let id = span.id;
                doc.insert_span(span);
                for r in relations {
                    let at = doc.relations.partition_point(|x| x.id < r.id);
                    doc.relations.insert(at, r);
                }
                Ok(Edit::RemoveSpan { id })
            }
            Edit::RemoveSpan { id } => {
                let i = doc
                    .spans
                    .iter()
                    .position(|s| s.id == id)
                    .ok_or(EditError::NoSuchSpan(id))?;
                let span = doc.spans.remove(i);
                let (relations, kept) = std::mem::take(&mut doc.relations)
                    .into_iter()
                    .partition(|r| r.from == id || r.to == id);
                doc.relations = kept;
                Ok(Edit::AddSpan { span, relations })
            }
            Edit::SetLabel { id, label } => {
                check_label(labels, &label)?;
                let span = doc.span_mut(id).ok_or(EditError::NoSuchSpan(id))?;
                let old = std::mem::replace(&mut span.label, label);
                Ok(Edit::SetLabel { id, label: old })
            }
            Edit::SetRange { id, start, end } => {
                check_range(doc, start, end)?;
                let span = doc.span_mut(id).ok_or(EditError::NoSuchSpan(id))?;
                let (old_start, old_end) = (span.start, span.end);
                span.start = start;
                span.end = end;
                doc.resort_span(id);
                Ok(Edit::SetRange {
                    id,
                    start: old_start,
                    end: old_end,
                })
            }
            Edit::SetAttr { id, key, value } => {
                let span = doc.span_mut(id).ok_or(EditError::NoSuchSpan(id))?;
                let old = match value {
                    Some(v) => span.attrs.insert(key.clone(), v),
                    None => span.attrs.remove(&key),
                };
                Ok(Edit::SetAttr {
                    id,
                    key,
                    value: old,
                })
            }
            Edit::SetNote { id, note } => {
                let span = doc.span_mut(id).ok_or(EditError::NoSuchSpan(id))?;
                let old = std::mem::replace(&mut span.note, note);
                Ok(Edit::SetNote { id, note: old })
            }
            Edit::AddRelation(rel) => {
                for end in [rel.from, rel.to] {
                    if doc.span(end).is_none() {
                        return Err(EditError::NoSuchSpan(end));
                    }
                }
                let id = rel.id;
                let at = doc.relations.partition_point(|x| x.id < id);
                doc.relations.insert(at, rel);
                Ok(Edit::RemoveRelation { id })
            }
            Edit::RemoveRelation { id } => {
                let i = doc
                    .relations
                    .iter()
                    .position(|r| r.id == id)
                    .ok_or(EditError::NoSuchRelation(id))?;
                Ok(Edit::AddRelation(doc.relations.remove(i)))
            }
            Edit::SetStatus(status) => {
                let old = std::mem::replace(&mut doc.status, status);
                Ok(Edit::SetStatus(old))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(doc, labels) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was applied so the document is unchanged.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply(doc, labels);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

fn check_range(doc: &Document, start: usize, end: usize) -> Result<(), EditError> {
    let len = doc.char_len();
    if start < end && end <= len {
        Ok(())
    } else {
        Err(EditError::BadRange { start, end, len })
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
mod tests {
    use super::*;

    fn doc() -> Document {
        let mut d = Document::new("d", "D", "“We are satisfied,” Peskov said.");
        d.insert_span(Span::new(SpanId(1), 0, 19, "quote"));
        d.insert_span(Span::new(SpanId(2), 20, 26, "entity"));
        d.relations.push(Relation {
            id: RelationId(1),
            kind: "said_by".into(),
            from: SpanId(1),
            to: SpanId(2),
        });
        d
    }

    fn roundtrip(edit: Edit) {
        let labels = LabelSet::default();
        let before = doc();
        let mut d = before.clone();
        let inverse = edit.clone().apply(&mut d, &labels);
        let inverse = match inverse {
            Ok(inv) => inv,
            Err(e) => panic!("{edit:?} failed: {e}"),
        };
        assert_ne!(d, before, "{edit:?} changed nothing");
        let redo = inverse.apply(&mut d, &labels);
        assert_eq!(d, before, "undo of {edit:?}");
        let mut again = before.clone();
        let _ = edit.apply(&mut again, &labels);
        if let Ok(redo) = redo {
            let _ = redo.apply(&mut d, &labels);
        }
        assert_eq!(d, again, "redo");
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        roundtrip(Edit::AddSpan {
            span: Span::new(SpanId(3), 27, 31, "event"),
            relations: vec![],
        });
        roundtrip(Edit::RemoveSpan { id: SpanId(2) });
        roundtrip(Edit::SetLabel {
            id: SpanId(2),
            label: "claim".into(),
        });
        roundtrip(Edit::SetRange {
            id: SpanId(1),
            start: 1,
            end: 18,
        });
        roundtrip(Edit::SetAttr {
            id: SpanId(2),
            key: "kind".into(),
            value: Some("person".into()),
        });
        roundtrip(Edit::SetNote {
            id: SpanId(2),
            note: Some("Kremlin spokesman".into()),
        });
        roundtrip(Edit::RemoveRelation { id: RelationId(1) });
        roundtrip(Edit::SetStatus(DocStatus::Done));
        roundtrip(Edit::Batch(vec![
            Edit::RemoveSpan { id: SpanId(1) },
            Edit::SetLabel {
                id: SpanId(2),
                label: "event".into(),
            },
        ]));
    }

    #[test]
    fn removing_a_span_removes_its_relations_and_undo_restores_them() {
        let labels = LabelSet::default();
        let mut d = doc();
        let inv = Edit::RemoveSpan { id: SpanId(2) }.apply(&mut d, &labels);
        assert!(d.relations.is_empty());
        assert!(inv.and_then(|i| i.apply(&mut d, &labels)).is_ok());
        assert_eq!(d.relations.len(), 1);
    }

    #[test]
    fn bad_edits_leave_the_document_unchanged() {
        let labels = LabelSet::default();
        let mut d = doc();
        let before = d.clone();
        let len = d.char_len();
        let bad = [
            Edit::AddSpan {
                span: Span::new(SpanId(9), 5, len + 1, "quote"),
                relations: vec![],
            },
            Edit::AddSpan {
                span: Span::new(SpanId(1), 0, 2, "quote"),
                relations: vec![],
            },
            Edit::SetLabel {
                id: SpanId(1),
                label: "nope".into(),
            },
            Edit::RemoveSpan { id: SpanId(42) },
            Edit::Batch(vec![
                Edit::SetStatus(DocStatus::Done),
                Edit::RemoveSpan { id: SpanId(42) },
            ]),
        ];
        for edit in bad {
            assert!(edit.clone().apply(&mut d, &labels).is_err(), "{edit:?}");
            assert_eq!(d, before, "{edit:?}");
        }
    }

    #[test]
    fn spans_stay_sorted_after_resize() {
        let labels = LabelSet::default();
        let mut d = doc();
        let r = Edit::SetRange {
            id: SpanId(1),
            start: 27,
            end: 31,
        }
        .apply(&mut d, &labels);
        assert!(r.is_ok());
        let keys: Vec<_> = d.spans.iter().map(Span::sort_key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}
