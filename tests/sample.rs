//! The shipped sample project is valid and shows off what the model allows.

use spanmark::model::text::slice_chars;

#[test]
fn sample_project_is_rich_and_exact() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/sample.ron");
    let project =
        spanmark::store::load(std::path::Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
    let doc = &project.documents[0];
    let asset = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/peskov-us-russia.txt"
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.text, asset, "the embedded text is the shipped article");
    assert!(doc.spans.len() >= 15);
    for label in ["quote", "claim", "entity", "event"] {
        assert!(doc.spans.iter().any(|s| s.label == label), "{label}");
    }
    // A quote that contains an entity: nesting is allowed.
    let nested = doc.spans.iter().any(|q| {
        q.label == "quote"
            && doc
                .spans
                .iter()
                .any(|e| e.label == "entity" && q.start <= e.start && e.end <= q.end)
    });
    assert!(nested, "no quote contains an entity");
    // Offsets are code points: the curly-quoted quote is exactly its text.
    let quote = doc
        .spans
        .iter()
        .find(|s| doc.span_text(s).starts_with("“We are satisfied"))
        .unwrap_or_else(|| panic!("quote missing"));
    assert_eq!(
        slice_chars(&doc.text, quote.start, quote.end).map(|t| t.ends_with("developing,”")),
        Some(true)
    );
    // Every quote has a speaker.
    for q in doc.spans.iter().filter(|s| s.label == "quote") {
        assert!(
            doc.relations
                .iter()
                .any(|r| r.from == q.id && r.kind == "said_by"),
            "quote {} has no speaker",
            q.id
        );
    }
}
