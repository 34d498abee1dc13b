//! The Label Studio export of a merged project (`spanmark merge`): every
//! relation in its annotator's annotation, with both its regions there,
//! and the file reads back.

use std::collections::BTreeSet;

use super::{export, import, json, tmp};
use spanmark::formats::Format;
use spanmark::model::{Document, Project, Relation, RelationId, Span, SpanId};

/// One annotator's project: the quote and who said it, linked by `said_by`
/// (bob links the quote to a span only alice made).
fn annotator(name: &str) -> Project {
    let mut p = Project::new(name);
    let mut d = Document::new("d1", "D1", "“We agree,” Peskov said in Moscow.");
    let mut spans = vec![Span::new(SpanId(1), 0, 11, "quote")];
    if name == "alice" {
        spans.push(Span::new(SpanId(2), 12, 18, "entity"));
    } else {
        spans.push(Span::new(SpanId(2), 27, 33, "entity"));
    }
    for s in &mut spans {
        s.annotator = Some(name.to_owned());
    }
    d.spans = spans.into_iter().collect();
    let mut r = Relation::new(RelationId(1), "said_by", SpanId(1), SpanId(2));
    r.annotator = Some(name.to_owned());
    let _ = d.relations.insert(r);
    p.documents.push(d);
    p.ensure_next_ids();
    p
}

#[test]
fn a_merged_projects_relations_stay_with_their_regions_and_read_back() {
    let (alice, bob) = (annotator("alice"), annotator("bob"));
    let (merged, _) = spanmark::analysis::merge::merge(
        &[("alice".to_owned(), &alice), ("bob".to_owned(), &bob)],
        "merged",
    );
    assert_eq!(merged.validate(), Ok(()));
    let dir = tmp();
    let out = dir.path().join("merged.json");
    export(&merged, Format::LabelStudio, &out);
    let tasks = json(&out);
    let mut relations = 0;
    for a in tasks[0]["annotations"].as_array().into_iter().flatten() {
        let results = a["result"].as_array().cloned().unwrap_or_default();
        let regions: BTreeSet<&str> = results
            .iter()
            .filter(|r| r["type"] == "labels")
            .filter_map(|r| r["id"].as_str())
            .collect();
        for r in results.iter().filter(|r| r["type"] == "relation") {
            relations += 1;
            for end in ["from_id", "to_id"] {
                let id = r[end].as_str().unwrap_or("");
                assert!(
                    regions.contains(id),
                    "{end} {id} is not in its annotation: {a}"
                );
            }
        }
    }
    assert_eq!(relations, 2);
    // Spanmark reads its own file: the relations under their annotators,
    // each span made by whoever made it.
    let (back, _) = import(&[out]).unwrap_or_else(|e| panic!("{e}"));
    let d = &back.documents[0];
    let mut by: Vec<(String, String)> = d
        .relations
        .iter()
        .map(|r| {
            let to = d
                .span(r.to)
                .map(|s| d.span_text(s).to_owned())
                .unwrap_or_default();
            (r.annotator.clone().unwrap_or_default(), to)
        })
        .collect();
    by.sort();
    assert_eq!(
        by,
        vec![
            ("alice".to_owned(), "Peskov".to_owned()),
            ("bob".to_owned(), "Moscow".to_owned())
        ]
    );
    let makers: Vec<(String, Vec<&str>)> = d
        .spans
        .iter()
        .map(|s| (d.span_text(s).to_owned(), s.makers()))
        .collect();
    assert_eq!(
        makers,
        vec![
            ("“We agree,”".to_owned(), vec!["alice", "bob"]),
            ("Peskov".to_owned(), vec!["alice"]),
            ("Moscow".to_owned(), vec!["bob"]),
        ]
    );
}
