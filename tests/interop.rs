//! Real-shaped files in, real files out: every line type of brat, every
//! task shape of Label Studio, every doccano shape, imported, exported and
//! imported again, compared annotation by annotation (imports give fresh
//! ids, so annotations are compared by what they are, not by id). Fixtures
//! in `tests/data/interop/`, written from each format's specification.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use spanmark::formats::{self, ExportOptions, Format, ImportOptions, Notices};
use spanmark::model::{Document, Project, SpanId};
use spanmark::session::Session;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/interop")
        .join(rel)
}

/// Import files as the command line does (through the session's gate).
pub fn import(paths: &[PathBuf], options: &ImportOptions) -> (Project, Notices) {
    let plan = formats::plan(paths, options).unwrap_or_else(|e| panic!("{e}"));
    let imported =
        formats::import_plan(&plan, options, |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    let mut session = Session::new(Project::new("interop"), None);
    let report = session.import(imported).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.project().validate(), Ok(()));
    (session.project().clone(), report.notices)
}

pub fn export(p: &Project, format: Format, out: &Path) -> formats::ExportReport {
    formats::export(p, format, &ExportOptions::default(), out, true)
        .unwrap_or_else(|e| panic!("{format:?}: {e}"))
}

/// Everything a document holds, by content: spans, relations (equivalences
/// as groups), events, categories, metadata.
pub fn content(doc: &Document) -> BTreeSet<String> {
    let name = |id: SpanId| {
        doc.span(id).map_or_else(String::new, |s| {
            format!("{}{:?} {}", s.start, s.fragments(), s.label)
        })
    };
    let mut out = BTreeSet::new();
    for s in doc.spans.iter() {
        out.insert(format!(
            "span {} {:?} note={:?} typed={:?} norms={:?} by={:?}",
            name(s.id),
            s.attrs,
            s.note(),
            s.typed_notes(),
            s.normalizations(),
            s.annotator
        ));
    }
    for r in doc.relations.iter().filter(|r| !r.symmetric) {
        out.insert(format!(
            "relation {} {} -> {} roles={:?} {:?} note={:?}",
            r.kind,
            name(r.from),
            name(r.to),
            r.roles,
            r.attrs,
            r.note
        ));
    }
    // Equivalences: which spans each joins (a chain or a star, the same).
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for r in doc.relations.iter().filter(|r| r.symmetric) {
        let pair: BTreeSet<String> = [name(r.from), name(r.to)].into();
        match groups.iter_mut().find(|g| !g.is_disjoint(&pair)) {
            Some(g) => g.extend(pair),
            None => groups.push(pair),
        }
    }
    for g in groups {
        out.insert(format!("equivalence {g:?}"));
    }
    for e in &doc.events {
        let args: Vec<String> = e
            .args
            .iter()
            .map(|(r, s)| format!("{r}={}", name(*s)))
            .collect();
        out.insert(format!(
            "event {} {} {args:?} {:?} note={:?}",
            e.kind,
            name(e.trigger),
            e.attrs,
            e.note
        ));
    }
    out.insert(format!("categories {:?}", doc.categories));
    out.insert(format!("meta {:?}", doc.meta));
    out
}

#[test]
fn every_brat_line_type_is_read() {
    let (p, notices) = import(&[fixture("brat/news.txt")], &ImportOptions::default());
    assert!(notices.is_empty(), "{:?}", notices.lines());
    let d = &p.documents[0];
    let find = |text: &str| {
        d.spans
            .iter()
            .find(|s| d.span_text(s) == text && s.fragments().is_empty())
            .unwrap_or_else(|| panic!("no span {text}"))
    };
    let obama = find("Barack Obama");
    assert_eq!(obama.normalizations()[0].id, "Q76");
    let met = find("met");
    assert_eq!(
        met.attrs.get("Speculation").map(String::as_str),
        Some("true")
    );
    assert_eq!(met.typed_notes()[0].kind, "Lemma");
    assert_eq!(find("Berlin").note(), Some("capital of Germany"));
    let place_time = d
        .spans
        .iter()
        .find(|s| s.label == "PlaceTime")
        .unwrap_or_else(|| panic!("no discontinuous span"));
    assert_eq!(
        place_time.fragments().len(),
        2,
        "fragments kept, not widened"
    );
    assert!(
        !place_time.covers(place_time.fragments()[0].1),
        "the gap is not covered"
    );
    let meets = d.relations.iter().find(|r| r.kind == "Meets");
    let meets = meets.unwrap_or_else(|| panic!("no Meets"));
    assert_eq!(meets.roles, Some(("Agent".into(), "Patient".into())));
    assert_eq!(meets.attrs.get("Certain").map(String::as_str), Some("true"));
    assert_eq!(meets.note.as_deref(), Some("they met"));
    assert!(d.relations.iter().any(|r| r.kind == "Coref" && r.symmetric));
    let e = &d.events[0];
    assert_eq!(e.kind, "Meeting");
    assert_eq!(e.args.len(), 3);
    assert_eq!(e.attrs.get("Confidence").map(String::as_str), Some("High"));
    assert_eq!(e.attrs.get("Negation").map(String::as_str), Some("true"));
    assert_eq!(e.note.as_deref(), Some("the meeting"));
}

#[test]
fn brat_round_trips_annotation_by_annotation_with_empty_ann_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let options = ImportOptions::default();
    let (p, _) = import(&[fixture("brat")], &options);
    assert_eq!(p.documents.len(), 2, "the empty .ann is a document");
    let out = dir.path().join("brat");
    let report = export(&p, Format::Brat, &out);
    assert!(report.left_out.is_empty(), "{report:?}");
    let ann = std::fs::read_to_string(out.join("news.ann")).unwrap_or_default();
    for kind in ["T", "R", "E", "A", "N", "*", "#"] {
        assert!(
            ann.lines().any(|l| l.starts_with(kind)),
            "no {kind} line in\n{ann}"
        );
    }
    assert!(
        !ann.contains("SpanmarkAttr"),
        "attributes are real A lines:\n{ann}"
    );
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap_or_default();
    assert!(
        conf.contains("Confidence\tArg:<EVENT>, Value:High"),
        "{conf}"
    );
    assert!(
        conf.contains("Meets\tAgent:<ENTITY>, Patient:<ENTITY>"),
        "{conf}"
    );
    assert!(conf.contains("symmetric-transitive"), "{conf}");
    let empty = std::fs::read(out.join("empty.ann")).unwrap_or_default();
    assert!(empty.is_empty());
    // Spanmark reads its own export back, with nothing lost.
    let (back, _) = import(&[out], &options);
    for (a, b) in p.documents.iter().zip(&back.documents) {
        assert_eq!(content(a), content(b), "{}", a.id);
    }
}

/// brat's own reader splits `.ann` lines as Python's `str.splitlines`, whose
/// line boundaries are listed in Python's documentation of `str.splitlines`.
/// Kept apart from the library's list on purpose: the test's oracle.
const PYTHON_LINE_BOUNDARIES: &str = "\n\r\u{0b}\u{0c}\u{1c}\u{1d}\u{1e}\u{85}\u{2028}\u{2029}";

fn splitlines(s: &str) -> Vec<&str> {
    s.split(|c| PYTHON_LINE_BOUNDARIES.contains(c))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn brat_lines_never_break_and_names_with_spaces_become_tokens() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let jsonl = dir.path().join("odd.jsonl");
    let text = "Alpha\u{2028}Beta\u{0c}Gamma\u{85}Delta\u{2029}Epsilon";
    let line = serde_json::json!({
        "text": text,
        "spans": [
            {"id": 1, "start": 0, "end": 10, "label": "Named Entity", "note": "a\u{2028}b"},
            {"id": 2, "start": 11, "end": 16, "label": "Named Entity"}
        ],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "works for"}]
    });
    std::fs::write(&jsonl, format!("{line}\n")).unwrap_or_else(|e| panic!("{e}"));
    let (p, _) = import(&[jsonl], &ImportOptions::default());
    assert_eq!(
        p.labels.get("Named_Entity").map(|l| l.export_name()),
        Some("Named Entity")
    );
    let out = dir.path().join("brat");
    let report = export(&p, Format::Brat, &out);
    let ann = std::fs::read_to_string(out.join("odd-1.ann")).unwrap_or_default();
    for l in splitlines(&ann) {
        let fields: Vec<&str> = l.split('\t').collect();
        assert!(fields.len() >= 2, "broken line {l:?}");
        if l.starts_with('T') || l.starts_with('R') {
            assert_eq!(
                fields[1].split(' ').next().map(|t| t.contains(' ')),
                Some(false)
            );
        }
    }
    assert!(ann.contains("\tNamed_Entity "), "{ann}");
    assert!(ann.contains("\tworks_for Arg1:"), "{ann}");
    assert!(
        report
            .left_out
            .iter()
            .any(|(_, why)| why.contains("with _")),
        "{report:?}"
    );
    // And back: the first span in its pieces, the note whole.
    let (back, _) = import(&[out], &ImportOptions::default());
    let d = &back.documents[0];
    let first = d.spans.iter().next().unwrap_or_else(|| panic!("no span"));
    assert_eq!(first.fragments(), vec![(0, 5), (6, 10)]);
    assert_eq!(first.note(), Some("a\u{2028}b"));
}
