//! doccano: its text-classification export, doccano 1.x's annotations with
//! label ids, and relation projects reading Spanmark's JSON lines.

use super::{export, fixture, imported, json_lines, tmp};
use spanmark::formats::Format;

#[test]
fn doccano_text_classification_and_1x_annotations_are_read() {
    let (p, notices) = imported(&[
        fixture("doccano/text_classification.jsonl"),
        fixture("doccano/doccano1.jsonl"),
    ]);
    let by_text = |t: &str| {
        p.documents
            .iter()
            .find(|d| d.text.starts_with(t))
            .unwrap_or_else(|| panic!("no document {t}"))
    };
    assert_eq!(by_text("Terrible").categories, vec!["negative".to_owned()]);
    let eu = by_text("EU rejects");
    assert_eq!(eu.spans.len(), 2, "1.x annotations are spans");
    let s = eu.spans.iter().next().unwrap_or_else(|| panic!("no span"));
    assert_eq!((eu.span_text(s), s.annotator.as_deref()), ("EU", Some("1")));
    let classified = by_text("Fast delivery");
    assert_eq!(classified.choices.len(), 1, "{:?}", classified.choices);
    assert!(
        notices.lines().join("\n").contains("doccano 1.x"),
        "{:?}",
        notices.lines()
    );
}

#[test]
fn doccano_relation_projects_find_entities_with_their_offsets() {
    let (p, _) = imported(&[fixture("doccano/relations.jsonl")]);
    let dir = tmp();
    let out = dir.path().join("out.jsonl");
    export(&p, Format::Jsonl, &out);
    let line = json_lines(&out)
        .into_iter()
        .find(|l| l["text"].as_str().is_some_and(|t| t.contains("Kremlin")))
        .unwrap_or_default();
    // What doccano's relation-extraction import reads: entities with ids
    // and offsets, relations between those ids.
    let entities = line["entities"].as_array().cloned().unwrap_or_default();
    assert_eq!(entities.len(), 2, "{line}");
    let ids: Vec<u64> = entities.iter().filter_map(|e| e["id"].as_u64()).collect();
    for e in &entities {
        assert!(
            e["start_offset"].is_u64() && e["end_offset"].is_u64() && e["label"].is_string(),
            "{e}"
        );
    }
    for r in line["relations"].as_array().into_iter().flatten() {
        for end in ["from_id", "to_id"] {
            assert!(r[end].as_u64().is_some_and(|id| ids.contains(&id)), "{r}");
        }
    }
}
