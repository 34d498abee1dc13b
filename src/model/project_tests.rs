//! The project's gate: ranges in code points, labels, ids and counters.

use super::*;
use crate::model::{Span, SpanId};

fn project_with(span: Span) -> Project {
    let mut p = Project::new("t");
    let mut d = Document::new("d1", "D", "“Hi” said Ann");
    let _ = d.spans.insert(span);
    p.documents.push(d);
    p.ensure_next_ids();
    p
}

#[test]
fn range_is_checked_in_code_points() {
    // 13 code points, 17 bytes: end = 13 is valid, 14 is not.
    let ok = project_with(Span::new(SpanId(1), 10, 13, "entity"));
    assert_eq!(ok.validate(), Ok(()));
    let bad = project_with(Span::new(SpanId(1), 10, 14, "entity"));
    let err = bad
        .validate()
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("span 1 has range [10, 14)"), "{err}");
    assert!(err.contains("13 characters"), "{err}");
}

#[test]
fn empty_and_reversed_ranges_are_rejected() {
    for (a, b) in [(3, 3), (5, 2)] {
        let p = project_with(Span::new(SpanId(1), a, b, "entity"));
        assert!(matches!(
            p.validate(),
            Err(ValidationError::BadRange { .. })
        ));
    }
}

#[test]
fn unknown_label_is_named() {
    let p = project_with(Span::new(SpanId(7), 0, 2, "person"));
    assert_eq!(
        p.validate(),
        Err(ValidationError::UnknownLabel {
            doc: "d1".into(),
            span: 7,
            label: "person".into()
        })
    );
}

#[test]
fn duplicate_span_ids_are_rejected() {
    let mut p = project_with(Span::new(SpanId(1), 0, 2, "entity"));
    p.documents[0].spans = [
        Span::new(SpanId(1), 0, 2, "entity"),
        Span::new(SpanId(1), 3, 4, "quote"),
    ]
    .into_iter()
    .collect();
    assert!(matches!(
        p.validate(),
        Err(ValidationError::DuplicateSpan { span: 1, .. })
    ));
}

#[test]
fn counters_must_stay_above_the_ids_in_use() {
    let mut p = project_with(Span::new(SpanId(9), 0, 2, "entity"));
    assert_eq!(p.next_ids.span, 10);
    p.next_ids.span = 9;
    assert!(matches!(
        p.validate(),
        Err(ValidationError::StaleCounter { what: "span", .. })
    ));
}

#[test]
fn newer_format_is_refused() {
    let mut p = Project::new("t");
    p.format_version = FORMAT_VERSION + 1;
    assert!(matches!(
        p.validate(),
        Err(ValidationError::UnsupportedVersion { .. })
    ));
}
