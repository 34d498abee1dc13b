//! A project file saved and loaded: identity, stable output, clear errors.

use super::*;
use crate::model::{Document, Project, Relation, RelationId, Span, SpanId};

fn sample() -> Project {
    let mut p = Project::new("t");
    let mut d = Document::new(
        "d1",
        "Title",
        "“We are satisfied,” Peskov said.\n\nUkraine’s grid 😀 r\"#x",
    );
    let mut e = Span::new(SpanId(2), 20, 26, "entity");
    e.attrs.insert("kind".into(), "person".into());
    let _ = d.spans.insert(e);
    let mut q = Span::new(SpanId(1), 0, 19, "quote");
    q.set_note(Some("opening quote".into()));
    let _ = d.spans.insert(q);
    let _ = d.relations.insert(Relation::new(
        RelationId(1),
        "said_by",
        SpanId(1),
        SpanId(2),
    ));
    p.documents.push(d);
    p.ensure_next_ids();
    p
}

#[test]
fn save_then_load_is_identity() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let p = sample();
    save(&p, &path)?;
    let loaded = load(&path)?;
    assert_eq!(loaded, p);
    // Saving again gives the same bytes (stable output).
    let first = std::fs::read(&path)?;
    save(&loaded, &path)?;
    assert_eq!(std::fs::read(&path)?, first);
    Ok(())
}

#[test]
fn output_is_sorted_and_one_span_per_line() -> Result<(), StoreError> {
    let text = to_ron(&sample())?;
    assert!(text.contains("format_version: 1"), "{text}");
    let span_lines: Vec<_> = text.lines().filter(|l| l.contains("label: ")).collect();
    assert_eq!(span_lines.len(), 2, "{text}");
    assert!(span_lines[0].contains("id: 1"), "{text}");
    assert!(span_lines[1].contains("id: 2"), "{text}");
    Ok(())
}

#[test]
fn bad_files_give_clear_errors() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let garbage = dir.path().join("g.ron");
    std::fs::write(&garbage, "(format_version: 1, name: ")?;
    let e = load(&garbage)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("not a valid Spanmark project"), "{e}");
    assert!(e.contains("g.ron"), "{e}");

    let binary = dir.path().join("b.ron");
    std::fs::write(&binary, [0x28, 0xff, 0xfe, 0x00])?;
    let e = load(&binary)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("position 1"), "{e}");

    let missing = dir.path().join("nope.ron");
    assert!(matches!(load(&missing), Err(StoreError::Io { .. })));

    let mut p = sample();
    p.documents[0].spans.update(SpanId(2), |s| s.end = 1000);
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, to_ron(&p)?)?;
    let e = load(&bad).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("span 2 has range [20, 1000)"), "{e}");
    Ok(())
}
