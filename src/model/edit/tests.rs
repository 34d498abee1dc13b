//! Every edit is undone by its inverse; bad edits change nothing; events
//! that take events as arguments go and come back with what takes them.

use super::*;
use crate::model::document::Document;

fn doc() -> Document {
    let mut d = Document::new("d", "D", "“We are satisfied,” Peskov said.");
    let _ = d.spans.insert(Span::new(SpanId(1), 0, 19, "quote"));
    let _ = d.spans.insert(Span::new(SpanId(2), 20, 26, "entity"));
    let _ = d.relations.insert(Relation::new(
        RelationId(1),
        "said_by",
        SpanId(1),
        SpanId(2),
    ));
    d
}

fn ctx<'a>(labels: &'a LabelSet, doc: &Document) -> EditCtx<'a> {
    EditCtx {
        labels,
        len: doc.char_len(),
    }
}

fn roundtrip(edit: Edit) {
    roundtrip_on(doc(), edit);
}

fn roundtrip_on(before: Document, edit: Edit) {
    let labels = LabelSet::default();
    let mut d = before.clone();
    let inverse = edit.clone().apply(&mut d, &ctx(&labels, &before));
    let inverse = match inverse {
        Ok(inv) => inv,
        Err(e) => panic!("{edit:?} failed: {e}"),
    };
    assert_ne!(d, before, "{edit:?} changed nothing");
    let redo = inverse.apply(&mut d, &ctx(&labels, &before));
    assert_eq!(d, before, "undo of {edit:?}");
    let mut again = before.clone();
    let _ = edit.apply(&mut again, &ctx(&labels, &before));
    if let Ok(redo) = redo {
        let _ = redo.apply(&mut d, &ctx(&labels, &before));
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
    // Rejecting in curation: removed, and kept as a record.
    roundtrip(Edit::Batch(vec![
        Edit::RemoveSpan { id: SpanId(2) },
        Edit::AddRejected(Span::new(SpanId(2), 20, 26, "entity")),
    ]));
    roundtrip(Edit::SetChoices(vec![
        Choice::new("b@example.org", "sentiment/Negative"),
        Choice::new("1", "sentiment/Positive"),
    ]));
    // Events that take events as arguments, and relations between events.
    for edit in [
        Edit::RemoveSpan { id: SpanId(3) },
        Edit::RemoveSpan { id: SpanId(2) },
        Edit::RemoveEvent { id: EventId(1) },
        Edit::RemoveEvent { id: EventId(2) },
        Edit::RemoveRelation { id: RelationId(2) },
    ] {
        roundtrip_on(nested(), edit);
    }
}

/// “We are satisfied,” Peskov said: E1 (said: Speaker Peskov), E2 (the
/// quote: Theme E1), and R2 Before from E2 to E1.
fn nested() -> Document {
    let mut d = doc();
    let _ = d.spans.insert(Span::new(SpanId(3), 27, 31, "event"));
    let mut said = Event::new(EventId(1), "Statement", SpanId(3));
    said.push_span("Speaker", SpanId(2));
    let mut quote = Event::new(EventId(2), "Quote", SpanId(1));
    quote.push_event("Theme", EventId(1), SpanId(3));
    d.events = vec![said, quote];
    let mut before = Relation::new(RelationId(2), "Before", SpanId(1), SpanId(3));
    before.from_event = Some(EventId(2));
    before.to_event = Some(EventId(1));
    let _ = d.relations.insert(before);
    d
}

#[test]
fn removing_an_argued_event_takes_what_uses_it_and_undo_brings_it_back() {
    let labels = LabelSet::default();
    let before = nested();
    let mut d = before.clone();
    let inverse = Edit::RemoveSpan { id: SpanId(2) }.apply(&mut d, &ctx(&labels, &before));
    assert!(d.events.is_empty(), "E1 lost its speaker, E2 its theme");
    assert_eq!(d.relations.len(), 0, "said_by and Before went with them");
    let undone = inverse.and_then(|i| i.apply(&mut d, &ctx(&labels, &before)));
    assert!(undone.is_ok(), "{undone:?}");
    assert_eq!(d, before);
    // An event cannot name a missing event, nor a trigger not its own.
    let mut bad = Event::new(EventId(9), "Quote", SpanId(1));
    bad.push_event("Theme", EventId(1), SpanId(2));
    let err = Edit::AddEvent(bad).apply(&mut d, &ctx(&labels, &before));
    assert!(matches!(err, Err(EditError::BadEventRef(_))), "{err:?}");
    assert_eq!(d, before);
}

#[test]
fn removing_a_span_removes_its_relations_and_undo_restores_them() {
    let labels = LabelSet::default();
    let mut d = doc();
    let before = d.clone();
    let inv = Edit::RemoveSpan { id: SpanId(2) }.apply(&mut d, &ctx(&labels, &before));
    assert!(d.relations.is_empty());
    assert!(
        inv.and_then(|i| i.apply(&mut d, &ctx(&labels, &before)))
            .is_ok()
    );
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
        assert!(
            edit.clone().apply(&mut d, &ctx(&labels, &before)).is_err(),
            "{edit:?}"
        );
        assert_eq!(d, before, "{edit:?}");
    }
}

#[test]
fn spans_stay_sorted_after_resize() {
    let labels = LabelSet::default();
    let mut d = doc();
    let before = d.clone();
    let r = Edit::SetRange {
        id: SpanId(1),
        start: 27,
        end: 31,
    }
    .apply(&mut d, &ctx(&labels, &before));
    assert!(r.is_ok());
    let keys: Vec<_> = d.spans.iter().map(Span::sort_key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}
