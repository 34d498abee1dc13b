//! Changes and their inverses, and changes refused whole.

use super::*;

#[test]
fn a_batch_that_cannot_be_taken_back_says_so() {
    // Items are numbers; applying n gives -n; 3 fails, and so does
    // undoing 2 (applying -2).
    let fails = |x: i32| x == 3 || x == -2;
    let run = |items: Vec<i32>| {
        let mut applied = Vec::new();
        let r = apply_in_order(
            items,
            |x| {
                if fails(x) {
                    Err(format!("{x} failed"))
                } else {
                    applied.push(x);
                    Ok(-x)
                }
            },
            |e, left| format!("{e}; {left} left"),
        );
        (r, applied)
    };
    let (r, applied) = run(vec![1, 4, 3]);
    assert_eq!(r, Err("3 failed".to_owned()), "rolled back cleanly");
    assert_eq!(applied, [1, 4, -4, -1]);
    let (r, _) = run(vec![1, 2, 3]);
    assert_eq!(
        r,
        Err("3 failed; 1 left".to_owned()),
        "not 'nothing changed'"
    );
}
use crate::model::{LabelSet, Span, SpanId};

fn project() -> Project {
    let mut p = Project::new("p");
    p.documents
        .push(Document::new("a", "A", "Dmitry Peskov spoke."));
    p
}

#[test]
fn an_import_is_undone_by_its_inverse_and_counters_only_grow() {
    let mut p = project();
    let mut lens = CharLens::default();
    let mut doc = Document::new("b", "B", "Zoë met Ann.");
    let _ = doc.spans.insert(Span::new(SpanId(40), 0, 3, "person"));
    let label = crate::model::LabelDef {
        id: "person".into(),
        name: "Person".into(),
        color: crate::model::Rgb(1, 2, 3),
        hotkey: None,
        attributes: vec![],
        origin: None,
        description: None,
        guideline: None,
        role: None,
        link: None,
    };
    let before = p.clone();
    let inverse = Change::AddDocuments(Box::new(Import {
        docs: vec![doc],
        labels: vec![label],
        relation_kinds: vec!["met".into()],
    }))
    .apply(&mut p, &mut lens);
    assert_eq!(p.documents.len(), 2);
    assert_eq!(p.next_ids.span, 41);
    assert!(p.labels.contains("person"));
    let redo = inverse.and_then(|inv| inv.apply(&mut p, &mut lens));
    assert!(redo.is_ok());
    assert_eq!(p.documents, before.documents);
    assert_eq!(p.labels, LabelSet::default());
    assert_eq!(p.relation_kinds, before.relation_kinds);
    assert_eq!(p.next_ids.span, 41, "undo never lowers a counter");
}

#[test]
fn a_failing_batch_changes_nothing() {
    let mut p = project();
    let mut lens = CharLens::default();
    let before = p.clone();
    let r = Change::Batch(vec![
        Change::Doc {
            doc: 0,
            edit: Edit::AddSpan {
                span: Span::new(SpanId(1), 0, 6, "entity"),
                relations: vec![],
            },
        },
        Change::Doc {
            doc: 3,
            edit: Edit::SetStatus(crate::model::DocStatus::Done),
        },
    ])
    .apply(&mut p, &mut lens);
    assert_eq!(r, Err(ChangeError::NoSuchDocument(3)));
    assert_eq!(p.documents, before.documents);
}

#[test]
fn a_change_to_one_document_moves_to_its_place_in_the_whole_project() {
    let remove = |doc| Change::Doc {
        doc,
        edit: Edit::RemoveSpan { id: SpanId(3) },
    };
    assert_eq!(remove(0).moved_to_document(7), Some(remove(7)));
    let batch = Change::Batch(vec![remove(0), remove(0)]);
    assert_eq!(
        batch.moved_to_document(2),
        Some(Change::Batch(vec![remove(2), remove(2)]))
    );
    // Nothing but that one document.
    let guidelines = Change::Guidelines(Box::default());
    assert_eq!(guidelines.moved_to_document(2), None);
    let mixed = Change::Batch(vec![remove(0), Change::Guidelines(Box::default())]);
    assert_eq!(mixed.moved_to_document(2), None);
    assert_eq!(remove(1).moved_to_document(2), None);
}

#[test]
fn ids_minted_where_the_counters_were_lower_move_above_the_projects() {
    use crate::model::{NextIds, Relation, RelationId, Span};
    let made_at = NextIds {
        span: 11,
        relation: 5,
        event: 1,
    };
    let now = NextIds {
        span: 21,
        relation: 9,
        event: 1,
    };
    let doc = |edit| Change::Doc { doc: 4, edit };
    // A new span 11 linked to the document's own span 3 by new relation 5.
    let made = Change::Batch(vec![
        doc(Edit::AddSpan {
            span: Span::new(SpanId(11), 0, 4, "entity"),
            relations: Vec::new(),
        }),
        doc(Edit::AddRelation(Relation::new(
            RelationId(5),
            "said_by",
            SpanId(3),
            SpanId(11),
        ))),
        doc(Edit::SetLabel {
            id: SpanId(3),
            label: "quote".into(),
        }),
    ]);
    let carried = Change::Batch(vec![
        doc(Edit::AddSpan {
            span: Span::new(SpanId(21), 0, 4, "entity"),
            relations: Vec::new(),
        }),
        doc(Edit::AddRelation(Relation::new(
            RelationId(9),
            "said_by",
            SpanId(3),
            SpanId(21),
        ))),
        doc(Edit::SetLabel {
            id: SpanId(3),
            label: "quote".into(),
        }),
    ]);
    assert_eq!(made.clone().with_new_ids_above(made_at, now), carried);
    // Counters no higher than where it was made: nothing moves.
    assert_eq!(made.clone().with_new_ids_above(made_at, made_at), made);
}
