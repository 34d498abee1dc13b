//! Randomised invariants (proptest: failures shrink to a small case and are
//! kept in `proptest-regressions/`):
//! - undo(apply(e)) is the identity on a document;
//! - save then load is the identity;
//! - export then import keeps every annotation (compared by content, since
//!   imports give fresh ids);
//! - long sequences of span edits, label edits and imports, interleaved with
//!   undo and redo, keep every id unique, pass validation, and survive save
//!   and load after every step.

mod steps;

use std::collections::HashSet;

use proptest::prelude::*;
use spanmark::formats::{self, ExportOptions, Format};
use spanmark::model::{
    DocStatus, Document, Edit, EditCtx, LabelSet, Project, Relation, RelationId, Span, SpanId,
};
use spanmark::session::Session;
use steps::{run, step};

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

/// A document from generated numbers: text pieces, then spans as (start
/// seed, length seed, label, attribute?, note?), then relations.
fn make_doc(
    id: &str,
    pieces: &[usize],
    spans: &[(usize, usize, usize, bool, bool)],
    relations: &[(usize, usize)],
) -> Document {
    let text: String = pieces.iter().map(|&p| PIECES[p % PIECES.len()]).collect();
    let len = text.chars().count();
    let mut doc = Document::new(id, "Random", text);
    for (k, &(a, b, label, attr, note)) in spans.iter().enumerate() {
        let a = a % len;
        let b = a + 1 + b % (len - a);
        let mut s = Span::new(SpanId(k as u64 + 1), a, b, LABELS[label % LABELS.len()]);
        if attr {
            s.attrs.insert("kind".into(), "person".into());
        }
        if note {
            s.set_note(Some(format!("note {k}\nline two")));
        }
        let _ = doc.spans.insert(s);
    }
    let n = doc.spans.len();
    if n > 1 {
        for (r, &(from, to)) in relations.iter().enumerate() {
            let _ = doc.relations.insert(Relation::new(
                RelationId(r as u64 + 1),
                "said_by",
                SpanId((from % n) as u64 + 1),
                SpanId((to % n) as u64 + 1),
            ));
        }
    }
    doc
}

type DocSeed = (
    Vec<usize>,
    Vec<(usize, usize, usize, bool, bool)>,
    Vec<(usize, usize)>,
);

fn doc_seed() -> impl Strategy<Value = DocSeed> {
    (
        prop::collection::vec(0usize..100, 5..60),
        prop::collection::vec(
            (
                0usize..1000,
                0usize..1000,
                0usize..4,
                any::<bool>(),
                any::<bool>(),
            ),
            0..12,
        ),
        prop::collection::vec((0usize..100, 0usize..100), 0..4),
    )
}

fn project_of(seeds: &[DocSeed]) -> Project {
    let mut p = Project::new("random");
    for (i, (pieces, spans, relations)) in seeds.iter().enumerate() {
        p.documents
            .push(make_doc(&format!("doc-{i}"), pieces, spans, relations));
    }
    p.ensure_next_ids();
    p
}

fn edit_for(doc: &Document, op: (usize, usize, usize, usize)) -> Edit {
    let len = doc.char_len();
    let ids: Vec<SpanId> = doc.spans.iter().map(|s| s.id).collect();
    let pick = ids.get(op.1 % ids.len().max(1)).copied();
    let a = op.2 % len;
    let b = a + 1 + op.3 % (len - a);
    match (op.0 % 7, pick) {
        (0, _) | (_, None) => Edit::AddSpan {
            span: Span::new(SpanId(500 + op.1 as u64), a, b, LABELS[op.3 % 4]),
            relations: vec![],
        },
        (1, Some(id)) => Edit::RemoveSpan { id },
        (2, Some(id)) => Edit::SetLabel {
            id,
            label: LABELS[op.2 % 4].into(),
        },
        (3, Some(id)) => Edit::SetRange {
            id,
            start: a,
            end: b,
        },
        (4, Some(id)) => Edit::SetAttr {
            id,
            key: "kind".into(),
            value: op.2.is_multiple_of(2).then(|| "person".into()),
        },
        (5, Some(id)) => Edit::SetNote {
            id,
            note: Some("n".into()),
        },
        (_, Some(_)) => Edit::SetStatus(DocStatus::Done),
    }
}

/// A span by content: range, label, attributes, note, annotator.
type SpanContent = (usize, usize, String, Vec<(String, String)>, Option<String>);

/// A relation by content: kind, and the ranges of its two spans.
type RelationContent = (String, usize, usize, usize, usize);

fn content(doc: &Document) -> (Vec<SpanContent>, Vec<RelationContent>) {
    let spans = doc
        .spans
        .iter()
        .map(|s| {
            let attrs = s
                .attrs
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            (
                s.start,
                s.end,
                s.label.clone(),
                attrs,
                s.note().map(str::to_owned),
            )
        })
        .collect();
    let range = |id: SpanId| doc.span(id).map_or((0, 0), |s| (s.start, s.end));
    let mut relations: Vec<_> = doc
        .relations
        .iter()
        .map(|r| {
            let (a, b) = (range(r.from), range(r.to));
            (r.kind.clone(), a.0, a.1, b.0, b.1)
        })
        .collect();
    relations.sort();
    (spans, relations)
}

/// Span ids and relation ids are unique per document, the project
/// validates, and save then load gives it back.
fn check_invariants(p: &Project, path: &std::path::Path) -> Result<(), TestCaseError> {
    for d in &p.documents {
        let ids: HashSet<SpanId> = d.spans.iter().map(|s| s.id).collect();
        prop_assert_eq!(ids.len(), d.spans.len());
        let rels: HashSet<RelationId> = d.relations.iter().map(|r| r.id).collect();
        prop_assert_eq!(rels.len(), d.relations.len());
    }
    prop_assert_eq!(p.validate(), Ok(()));
    spanmark::store::save(p, path).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = spanmark::store::load(path).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, p);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn undo_of_any_edit_restores_the_document(seed in doc_seed(), op in (0usize..7, 0usize..50, 0usize..1000, 0usize..1000)) {
        let labels = LabelSet::default();
        let mut doc = make_doc("d", &seed.0, &seed.1, &seed.2);
        let before = doc.clone();
        let ctx = EditCtx { labels: &labels, len: doc.char_len() };
        let edit = edit_for(&doc, op);
        match edit.clone().apply(&mut doc, &ctx) {
            Ok(inverse) => {
                let _ = inverse.apply(&mut doc, &ctx);
                prop_assert_eq!(&doc, &before, "{:?}", edit);
            }
            Err(_) => prop_assert_eq!(&doc, &before, "a failed edit changed nothing"),
        }
    }

    #[test]
    fn save_then_load_is_identity(seeds in prop::collection::vec(doc_seed(), 1..4)) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_invariants(&project_of(&seeds), &dir.path().join("p.ron"))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_keeps_every_annotation(seeds in prop::collection::vec(doc_seed(), 1..4)) {
        let p = project_of(&seeds);
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let read = |path: &std::path::Path| std::fs::read_to_string(path).unwrap_or_default();
        let jsonl = dir.path().join("o.jsonl");
        formats::export(&p, Format::Jsonl, &ExportOptions::default(), &jsonl, true)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = formats::import_jsonl(&read(&jsonl), &jsonl, "x", &mut Default::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (a, b) in p.documents.iter().zip(&back) {
            prop_assert_eq!(&a.text, &b.text);
            prop_assert_eq!(content(a), content(b), "jsonl");
        }
        let ls = dir.path().join("o.json");
        formats::export(&p, Format::LabelStudio, &ExportOptions::default(), &ls, true)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = formats::import_label_studio(&read(&ls), &ls, "x", None, &mut Default::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (a, b) in p.documents.iter().zip(&back) {
            prop_assert_eq!(content(a), content(b), "label studio");
        }
        let brat = dir.path().join("brat");
        formats::export(&p, Format::Brat, &ExportOptions::default(), &brat, true)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for a in &p.documents {
            let text = read(&brat.join(format!("{}.txt", a.id)));
            let ann_path = brat.join(format!("{}.ann", a.id));
            let b = formats::import_brat(&a.id, &text, &read(&ann_path), &ann_path, &mut Default::default())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(content(&brat_view(a)), content(&b), "brat");
            for s in &b.spans {
                prop_assert!(!b.span_text(s).starts_with('\n') && !b.span_text(s).ends_with('\n'));
            }
        }
    }
}

/// What brat can hold of a document: line breaks at span edges left out,
/// spans of nothing but line breaks dropped with their relations.
fn brat_view(doc: &Document) -> Document {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut d = doc.clone();
    d.spans = doc
        .spans
        .iter()
        .filter_map(|s| {
            let (mut a, mut b) = (s.start, s.end);
            while a < b && chars[a] == '\n' {
                a += 1;
            }
            while b > a && chars[b - 1] == '\n' {
                b -= 1;
            }
            let mut t = s.clone();
            t.start = a;
            t.end = b;
            (a < b).then_some(t)
        })
        .collect();
    d.relations = doc
        .relations
        .iter()
        .filter(|r| d.spans.contains(r.from) && d.spans.contains(r.to))
        .cloned()
        .collect();
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn long_sequences_of_changes_keep_every_invariant(
        seeds in prop::collection::vec(doc_seed(), 1..3),
        steps in prop::collection::vec(step(), 1..120),
    ) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("p.ron");
        let mut session = Session::new(project_of(&seeds), None);
        for (n, s) in steps.iter().enumerate() {
            run(&mut session, s);
            check_invariants(session.project(), &path)
                .map_err(|e| TestCaseError::fail(format!("after step {n} ({s:?}): {e}")))?;
        }
        // Undo everything: back to the start, ids and all.
        while matches!(session.undo(), Ok(Some(_))) {}
        let start = project_of(&seeds);
        prop_assert_eq!(&session.project().documents, &start.documents);
        prop_assert_eq!(&session.project().labels, &start.labels);
    }
}

/// A failed check as a test case failure.
fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The window on a folder project parks every document it may (none
    /// kept but the one shown) and saves after every step: it always agrees
    /// with a session that keeps every document in memory, and so do the
    /// files.
    #[test]
    fn parking_documents_never_changes_what_a_session_holds(
        seeds in prop::collection::vec(doc_seed(), 2..5),
        steps in prop::collection::vec(step(), 1..80),
    ) {
        let dir = tempfile::tempdir().map_err(fail)?;
        let path = dir.path().join("p.spanmark");
        spanmark::store::save(&project_of(&seeds), &path).map_err(fail)?;
        let mut whole = Session::new(spanmark::store::load(&path).map_err(fail)?, None);
        let mut parked = Session::open_parked(&path, None, Some((None, 0))).map_err(fail)?;
        for (n, s) in steps.iter().enumerate() {
            run(&mut whole, s);
            run(&mut parked, s);
            parked.save().map_err(|e| fail(format!("step {n} ({s:?}): {e}")))?;
            prop_assert_eq!(whole.current_index(), parked.current_index());
            let pairs = whole.project().documents.iter().zip(&parked.project().documents);
            for (a, b) in pairs {
                match &b.parked {
                    Some(summary) => prop_assert_eq!(&spanmark::model::Parked::of(a), &**summary),
                    None => prop_assert_eq!(a, b),
                }
            }
            prop_assert_eq!(&whole.project().labels, &parked.project().labels);
            prop_assert_eq!(whole.project().documents.len(), parked.project().documents.len());
        }
        let on_disk = spanmark::store::load(&path).map_err(fail)?;
        prop_assert_eq!(&on_disk.documents, &whole.project().documents);
        parked.unpark_all().map_err(fail)?;
        prop_assert_eq!(&parked.project().documents, &whole.project().documents);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A crash at any moment, saves in between: the journal replayed onto
    /// the last save is the live project, and undoing what it replayed
    /// brings back that save.
    #[test]
    fn a_crash_replayed_from_the_journal_is_the_live_project(
        seeds in prop::collection::vec(doc_seed(), 1..3),
        steps in prop::collection::vec((step(), 0u8..12), 1..60),
    ) {
        use spanmark::session::Recovery;
        let dir = tempfile::tempdir().map_err(fail)?;
        let path = dir.path().join("p.ron");
        spanmark::store::save(&project_of(&seeds), &path).map_err(fail)?;
        let mut live = Session::open(&path).map_err(fail)?;
        prop_assert_eq!(live.check_journal().map_err(fail)?, Recovery::Nothing);
        for (n, (s, then)) in steps.iter().enumerate() {
            run(&mut live, s);
            match then {
                0 => {
                    live.save().map_err(|e| fail(format!("step {n}: {e}")))?;
                }
                1 => {
                    // The crash: what the journal holds on disk is all
                    // that is left (the session is never closed).
                    live.flush_journal();
                    let saved = spanmark::store::load(&path).map_err(fail)?;
                    let expected = live.project().clone();
                    // Dropped, never closed: the journal stays, as after a
                    // kill (what was written is flushed above).
                    drop(live);
                    let mut back = Session::open(&path).map_err(fail)?;
                    match back.check_journal().map_err(fail)? {
                        Recovery::Found { changes, torn, damaged, .. } => {
                            prop_assert!(!torn && !damaged);
                            back.recover(changes).map_err(|e| fail(format!("step {n}: {e}")))?;
                        }
                        Recovery::Nothing => {}
                        other => return Err(fail(format!("step {n}: {other:?}"))),
                    }
                    prop_assert_eq!(&back.project().documents, &expected.documents);
                    prop_assert_eq!(&back.project().labels, &expected.labels);
                    // Undoing the replay is the last save; redoing it, the
                    // live project again.
                    while matches!(back.undo(), Ok(Some(_))) {}
                    prop_assert_eq!(&back.project().documents, &saved.documents);
                    prop_assert!(!back.is_dirty(), "undone to the save, nothing is unsaved");
                    while matches!(back.redo(), Ok(Some(_))) {}
                    prop_assert_eq!(&back.project().documents, &expected.documents);
                    live = back;
                }
                _ => {}
            }
        }
    }
}
