//! Randomised invariants (a fixed-seed generator, so failures reproduce):
//! undo(apply(e)) is identity; save then load is identity; export then
//! import is identity; exported span text is always the document's slice.

use spanmark::formats::{self, ExportOptions, Format};
use spanmark::model::{
    DocStatus, Document, Edit, LabelSet, Project, Relation, RelationId, Span, SpanId,
};
use spanmark::synth::Rng;

const PIECES: &[&str] = &[
    "a",
    "Zoë",
    " ",
    "😀",
    "東京",
    "القاهرة",
    "e\u{301}",
    "“",
    "”",
    "\n",
    "—",
    "word",
    ",",
    "שלום",
];
const LABELS: &[&str] = &["quote", "claim", "entity", "event"];

fn random_doc(rng: &mut Rng, id: &str) -> Document {
    let mut text = String::new();
    for _ in 0..(5 + rng.below(60)) {
        let piece: &&str = rng.pick(PIECES);
        text.push_str(piece);
    }
    let len = text.chars().count();
    let mut doc = Document::new(id, "Random", text);
    for k in 0..rng.below(12) {
        let a = rng.below(len);
        let b = a + 1 + rng.below(len - a);
        let mut s = Span::new(SpanId(k as u64 + 1), a, b, *rng.pick(LABELS));
        if rng.below(3) == 0 {
            s.attrs
                .insert("kind".into(), (*rng.pick(&["person", "other"])).into());
        }
        if rng.below(4) == 0 {
            s.note = Some(format!("note {k}\nline two"));
        }
        doc.spans.push(s);
    }
    let n = doc.spans.len() as u64;
    for r in 0..(if n > 1 { rng.below(4) } else { 0 }) {
        let from = 1 + rng.below(n as usize) as u64;
        let to = 1 + rng.below(n as usize) as u64;
        doc.relations.push(Relation {
            id: RelationId(r as u64 + 1),
            kind: "said_by".into(),
            from: SpanId(from),
            to: SpanId(to),
        });
    }
    doc.normalize();
    doc
}

fn random_edit(rng: &mut Rng, doc: &Document) -> Edit {
    let len = doc.char_len();
    let pick_span = |rng: &mut Rng| {
        doc.spans
            .get(rng.below(doc.spans.len().max(1)))
            .map(|s| s.id)
    };
    match (rng.below(7), pick_span(rng)) {
        (0, _) | (_, None) => {
            let a = rng.below(len);
            let b = a + 1 + rng.below(len - a);
            Edit::AddSpan {
                span: Span::new(doc.next_span_id(), a, b, *rng.pick(LABELS)),
                relations: vec![],
            }
        }
        (1, Some(id)) => Edit::RemoveSpan { id },
        (2, Some(id)) => Edit::SetLabel {
            id,
            label: (*rng.pick(LABELS)).into(),
        },
        (3, Some(id)) => {
            let a = rng.below(len);
            Edit::SetRange {
                id,
                start: a,
                end: a + 1 + rng.below(len - a),
            }
        }
        (4, Some(id)) => Edit::SetAttr {
            id,
            key: "kind".into(),
            value: (rng.below(2) == 0).then(|| "person".into()),
        },
        (5, Some(id)) => Edit::SetNote {
            id,
            note: Some("n".into()),
        },
        (_, Some(_)) => Edit::SetStatus(DocStatus::Done),
    }
}

#[test]
fn undo_of_any_edit_restores_the_document() {
    let labels = LabelSet::default();
    let mut rng = Rng::new(11);
    for case in 0..300 {
        let mut doc = random_doc(&mut rng, "d");
        let before = doc.clone();
        let edit = random_edit(&mut rng, &doc);
        match edit.clone().apply(&mut doc, &labels) {
            Ok(inverse) => {
                let _ = inverse.apply(&mut doc, &labels);
                assert_eq!(doc, before, "case {case}: {edit:?}");
            }
            Err(_) => assert_eq!(doc, before, "case {case}: a failed edit changed nothing"),
        }
    }
}

fn random_project(rng: &mut Rng) -> Project {
    let mut p = Project::new("random");
    for i in 0..(1 + rng.below(3)) {
        p.documents.push(random_doc(rng, &format!("doc-{i}")));
    }
    p
}

#[test]
fn save_then_load_is_identity() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("p.ron");
    let mut rng = Rng::new(12);
    for case in 0..60 {
        let p = random_project(&mut rng);
        assert_eq!(p.validate(), Ok(()), "case {case}");
        spanmark::store::save(&p, &path).unwrap_or_else(|e| panic!("case {case}: {e}"));
        let back = spanmark::store::load(&path).unwrap_or_else(|e| panic!("case {case}: {e}"));
        assert_eq!(back, p, "case {case}");
    }
}

#[test]
fn export_then_import_is_identity_and_span_text_is_the_slice() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut rng = Rng::new(13);
    for case in 0..40 {
        let p = random_project(&mut rng);
        // JSONL and Label Studio: the whole project in one file.
        let jsonl = dir.path().join("o.jsonl");
        formats::export(&p, Format::Jsonl, &ExportOptions::default(), &jsonl)
            .unwrap_or_else(|e| panic!("{e}"));
        let content = std::fs::read_to_string(&jsonl).unwrap_or_default();
        let back = formats::import_jsonl(&content, &jsonl, "x")
            .unwrap_or_else(|e| panic!("case {case}: {e}"));
        for (a, b) in p.documents.iter().zip(&back) {
            assert_eq!(
                (&a.text, &a.spans, &a.relations),
                (&b.text, &b.spans, &b.relations),
                "case {case} jsonl"
            );
        }
        let ls = dir.path().join("o.json");
        formats::export(&p, Format::LabelStudio, &ExportOptions::default(), &ls)
            .unwrap_or_else(|e| panic!("{e}"));
        let content = std::fs::read_to_string(&ls).unwrap_or_default();
        let back = formats::import_label_studio(&content, &ls, "x")
            .unwrap_or_else(|e| panic!("case {case}: {e}"));
        for (a, b) in p.documents.iter().zip(&back) {
            assert_eq!(a.spans, b.spans, "case {case} label studio");
        }
        // brat: a folder, one pair per document.
        let brat = dir.path().join(format!("brat{case}"));
        formats::export(&p, Format::Brat, &ExportOptions::default(), &brat)
            .unwrap_or_else(|e| panic!("{e}"));
        for a in &p.documents {
            let text =
                std::fs::read_to_string(brat.join(format!("{}.txt", a.id))).unwrap_or_default();
            let ann_path = brat.join(format!("{}.ann", a.id));
            let ann = std::fs::read_to_string(&ann_path).unwrap_or_default();
            let b = formats::import_brat(&a.id, &text, &ann, &ann_path)
                .unwrap_or_else(|e| panic!("case {case}: {e}"));
            let (spans, relations) = brat_view(a);
            assert_eq!(
                (&spans, &relations),
                (&b.spans, &b.relations),
                "case {case} brat"
            );
            for s in &b.spans {
                assert!(!b.span_text(s).starts_with('\n') && !b.span_text(s).ends_with('\n'));
            }
        }
    }
}

/// What brat can hold of a document: line breaks at span edges left out,
/// spans of nothing but line breaks dropped with their relations.
fn brat_view(doc: &Document) -> (Vec<Span>, Vec<Relation>) {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut spans = Vec::new();
    for s in &doc.spans {
        let (mut a, mut b) = (s.start, s.end);
        while a < b && chars[a] == '\n' {
            a += 1;
        }
        while b > a && chars[b - 1] == '\n' {
            b -= 1;
        }
        if a < b {
            let mut t = s.clone();
            t.start = a;
            t.end = b;
            spans.push(t);
        }
    }
    let kept: Vec<SpanId> = spans.iter().map(|s| s.id).collect();
    let relations = doc
        .relations
        .iter()
        .filter(|r| kept.contains(&r.from) && kept.contains(&r.to))
        .cloned()
        .collect();
    let mut d = doc.clone();
    d.spans = spans;
    d.normalize();
    (d.spans, relations)
}
