//! The test kits' own checks: generated projects are valid, differ per
//! annotator, and are the same for the same seed.

use spanmark_testkit::synth::{annotator_variant, corpus, multilingual_project, project};

#[test]
fn annotator_variants_are_valid_and_differ() {
    let p = corpus(60, 3);
    let a = annotator_variant(&p, "alice", 1);
    let b = annotator_variant(&p, "bob", 2);
    assert_eq!(a.validate(), Ok(()));
    assert_eq!(b.validate(), Ok(()));
    assert_ne!(a, b);
    assert!(
        a.documents
            .iter()
            .flat_map(|d| d.spans.iter())
            .all(|s| s.annotator.as_deref() == Some("alice"))
    );
}

#[test]
fn a_corpus_is_valid() {
    let p = corpus(20, 3);
    assert_eq!(p.validate(), Ok(()));
    assert_eq!(p.documents.len(), 20);
    assert!(p.documents.iter().all(|d| d.spans.len() >= 10));
}

#[test]
fn synthetic_projects_are_valid_and_deterministic() {
    let a = project(200, 1000, 7);
    assert_eq!(a.validate(), Ok(()));
    assert_eq!(a, project(200, 1000, 7));
    let doc = &a.documents[0];
    assert!(doc.spans.len() > 900, "{}", doc.spans.len());
    for label in ["quote", "claim", "entity", "event"] {
        assert!(doc.spans.iter().any(|s| s.label == label), "{label}");
    }
}

#[test]
fn multilingual_project_is_valid_and_spans_cover_their_text() {
    let p = multilingual_project();
    assert_eq!(p.validate(), Ok(()));
    let d = &p.documents[0];
    assert_eq!(d.spans.len(), 9);
    assert!(
        d.spans
            .iter()
            .any(|s| d.span_text(s) == "😀" || d.span_text(s).contains('😀'))
    );
}
