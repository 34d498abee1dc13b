//! Edits and their inverses, and edits refused.

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
    let labels = LabelSet::default();
    let before = doc();
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
