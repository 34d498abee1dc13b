//! Exports that choose: by status and label (relations follow the spans
//! they join), and the multilingual fixture CI's Python checks read.

use std::path::Path;

use spanmark::formats::{self, ExportOptions, Format};
use spanmark_testkit::synth::multilingual_project;

use crate::formats::{read, tmp};

#[test]
fn status_and_label_filters_select_documents_spans_and_relations() {
    let mut p = multilingual_project();
    let mut other = p.documents[0].clone();
    other.id = "multi-2".into();
    other.status = spanmark::model::DocStatus::Done;
    p.documents.push(other);
    let dir = tmp();
    let options = ExportOptions {
        status: Some(spanmark::model::DocStatus::Done),
        labels: Some(vec!["quote".into(), "entity".into()]),
        ..Default::default()
    };
    let out = dir.path().join("f.jsonl");
    let report =
        formats::export(&p, Format::Jsonl, &options, &out, true).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.documents, 1);
    assert_eq!(report.spans, 7);
    assert_eq!(
        report.relations, 1,
        "claimed_by needs the claim, which is filtered out"
    );
    let bad = ExportOptions {
        labels: Some(vec!["person".into()]),
        ..Default::default()
    };
    assert!(formats::export(&p, Format::Jsonl, &bad, &out, true).is_err());
}

#[test]
fn the_multilingual_fixture_file_matches_the_generator() {
    // CI's Python checks (scripts/check_exports.py) read this file.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/multilingual.ron");
    let expected =
        spanmark::store::to_ron(&multilingual_project()).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("SPANMARK_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(
        read(&path),
        expected,
        "run with SPANMARK_BLESS=1 to regenerate"
    );
}
