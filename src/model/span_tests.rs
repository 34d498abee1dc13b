//! A span costs what most spans use, and files hold it as they always did.

use super::*;

fn rare() -> Span {
    let mut s = Span::new(SpanId(3), 0, 9, "entity");
    s.attrs.insert("kind".into(), "person".into());
    s.annotator = Some("ana".into());
    s.gold = true;
    s.with_extra(|e| {
        e.fragments = vec![(0, 2), (5, 9)];
        e.note = Some("a note".into());
        e.typed_notes = vec![TypedNote {
            kind: "Lemma".into(),
            text: "x".into(),
        }];
        e.normalizations = vec![Normalization {
            kb: "Wikidata".into(),
            id: "Q1".into(),
            name: None,
        }];
        e.annotators = vec!["ana".into(), "bo".into()];
        e.suggested = Some("rule:quotes".into());
    });
    s.set_origin(Some("T5".into()));
    s
}

#[test]
fn a_span_with_no_rare_field_holds_no_box() {
    // id, start, end, label, attrs, annotator, gold, the origin (every
    // span of an imported file has one) and one pointer.
    assert!(
        std::mem::size_of::<Span>() <= 128,
        "{}",
        std::mem::size_of::<Span>()
    );
    let mut s = Span::new(SpanId(1), 0, 3, "quote");
    assert!(s.extra.is_none());
    s.set_note(Some("n".into()));
    assert!(s.extra.is_some());
    s.set_note(None);
    assert!(s.extra.is_none(), "the box goes when it is empty again");
    s.set_origin(Some("T1".into()));
    assert!(s.extra.is_none(), "an imported span's origin needs no box");
    s.set_origin(None);
    assert_eq!(s, Span::new(SpanId(1), 0, 3, "quote"));
}

#[test]
fn files_hold_every_field_in_its_place() -> Result<(), Box<dyn std::error::Error>> {
    let s = rare();
    let json = serde_json::to_string(&s)?;
    assert_eq!(
        json,
        r#"{"id":3,"start":0,"end":9,"fragments":[[0,2],[5,9]],"label":"entity","attrs":{"kind":"person"},"note":"a note","typed_notes":[{"kind":"Lemma","text":"x"}],"normalizations":[{"kb":"Wikidata","id":"Q1"}],"annotator":"ana","annotators":["ana","bo"],"gold":true,"origin":"T5","suggested":"rule:quotes"}"#
    );
    assert_eq!(serde_json::from_str::<Span>(&json)?, s);
    let plain = Span::new(SpanId(1), 2, 4, "quote");
    let ron = ron::to_string(&plain)?;
    assert_eq!(ron, r#"(id:1,start:2,end:4,label:"quote")"#);
    let back: Span = ron::from_str(&ron)?;
    assert!(back.extra.is_none());
    assert_eq!(back, plain);
    assert_eq!(ron::from_str::<Span>(&ron::to_string(&s)?)?, s);
    Ok(())
}
