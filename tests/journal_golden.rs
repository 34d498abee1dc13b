//! Golden journal lines: one record of every kind of change, as this
//! version writes it, kept in `tests/data/journal/golden.journal`. A change
//! to the journal's format (a renamed field, a new required one) fails here
//! before it can leave a person's journal unreadable. A new kind of change
//! does not compile in `kind` below until it has its golden line.
//! `UPDATE_GOLDEN=1` rewrites the file after a deliberate format change
//! (which must also raise the journal's version).

use std::collections::BTreeSet;

use spanmark::model::{
    CategorySuggestion, Change, Choice, DocStatus, Document, Edit, Event, EventId, Import,
    LabelDef, LabelEdit, Relation, RelationId, Removed, Rgb, Score, Span, SpanId, Suggestion,
    Suggestions,
};

use spanmark::store::journal::{self, Header, Read};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/journal/golden.journal"
);

/// The name of a change's kind; exhaustive, so a new kind must be named
/// (and given a golden line).
fn kind(change: &Change) -> String {
    match change {
        Change::Doc { edit, .. } => format!("Doc/{}", edit_kind(edit)),
        Change::Labels(LabelEdit::Add { .. }) => "Labels/Add".into(),
        Change::Labels(LabelEdit::Remove { .. }) => "Labels/Remove".into(),
        Change::Labels(LabelEdit::Update { .. }) => "Labels/Update".into(),
        Change::AddDocuments(_) => "AddDocuments".into(),
        Change::RemoveDocuments { .. } => "RemoveDocuments".into(),
        Change::Guidelines(_) => "Guidelines".into(),
        Change::Assignments(_) => "Assignments".into(),
        Change::Batch(_) => "Batch".into(),
    }
}

fn edit_kind(edit: &Edit) -> &'static str {
    match edit {
        Edit::AddSpan { .. } => "AddSpan",
        Edit::RemoveSpan { .. } => "RemoveSpan",
        Edit::SetLabel { .. } => "SetLabel",
        Edit::SetPieces { .. } => "SetPieces",
        Edit::SetRange { .. } => "SetRange",
        Edit::SetAttr { .. } => "SetAttr",
        Edit::SetNote { .. } => "SetNote",
        Edit::SetGold { .. } => "SetGold",
        Edit::AddRelation(_) => "AddRelation",
        Edit::RemoveRelation { .. } => "RemoveRelation",
        Edit::AddEvent(_) => "AddEvent",
        Edit::RemoveEvent { .. } => "RemoveEvent",
        Edit::SetCategories(_) => "SetCategories",
        Edit::SetChoices(_) => "SetChoices",
        Edit::SetStatus(_) => "SetStatus",
        Edit::SetSuggestions(_) => "SetSuggestions",
        Edit::AddRejected(_) => "AddRejected",
        Edit::RemoveRejected { .. } => "RemoveRejected",
        Edit::Batch(_) => "Batch",
    }
}

/// One change of every kind, with most optional fields filled.
fn every_kind() -> Vec<Change> {
    let doc = |edit| Change::Doc { doc: 0, edit };
    let mut span = Span::new(SpanId(7), 0, 19, "quote");
    span.attrs.insert("speaker".into(), "Peskov".into());
    span.set_note(Some("opening “quote” 😀".into()));
    span.annotator = Some("alice".into());
    let mut broken = Span::new(SpanId(8), 0, 30, "entity");
    broken.set_fragments(vec![(0, 6), (20, 30)]);
    let relation = Relation::new(RelationId(3), "said_by", SpanId(7), SpanId(8));
    // A relation between events (brat `Before Arg1:E1 Arg2:E2`).
    let mut between = Relation::new(RelationId(4), "Before", SpanId(7), SpanId(8));
    between.from_event = Some(EventId(1));
    between.to_event = Some(EventId(2));
    let mut event = Event::new(EventId(2), "event", SpanId(8));
    event.push_span("Agent", SpanId(7));
    // An event as an argument (BioNLP's nested events).
    event.push_event("Theme", EventId(1), SpanId(7));
    let mut suggestion = Suggestion::new(0, 19, "quote", "rule:quotes");
    suggestion.said_by = Some((20, 26));
    let mut label = LabelDef::new("topic", "Topic", Rgb(10, 20, 30));
    label.description = Some("What the article is about".into());
    label.guideline = Some("One **topic** per article.\n\n- not the outlet".into());
    let mut imported = Document::new("new", "New", "A new article.");
    let _ = imported.spans.insert(Span::new(SpanId(9), 2, 5, "topic"));
    vec![
        doc(Edit::AddSpan {
            span: span.clone(),
            relations: vec![relation.clone()],
        }),
        doc(Edit::RemoveSpan { id: SpanId(7) }),
        doc(Edit::SetLabel {
            id: SpanId(7),
            label: "claim".into(),
        }),
        doc(Edit::SetPieces {
            id: SpanId(8),
            start: 0,
            end: 30,
            fragments: vec![(0, 6), (20, 30)],
        }),
        doc(Edit::SetRange {
            id: SpanId(7),
            start: 1,
            end: 18,
        }),
        doc(Edit::SetAttr {
            id: SpanId(7),
            key: "kind".into(),
            value: Some("person".into()),
        }),
        doc(Edit::SetNote {
            id: SpanId(7),
            note: Some("a note\non two lines".into()),
        }),
        doc(Edit::SetGold {
            id: SpanId(7),
            gold: true,
        }),
        doc(Edit::AddRelation(between)),
        doc(Edit::RemoveRelation { id: RelationId(3) }),
        doc(Edit::AddEvent(event)),
        doc(Edit::RemoveEvent { id: EventId(2) }),
        doc(Edit::SetCategories(vec!["politics".into()])),
        doc(Edit::SetChoices(vec![
            Choice::new("1", "sentiment/Positive"),
            Choice::new("b@example.org", "sentiment/Negative"),
        ])),
        doc(Edit::SetStatus(DocStatus::InProgress)),
        doc(Edit::SetSuggestions(Suggestions {
            pending: vec![suggestion],
            rejected: Vec::new(),
            categories: vec![CategorySuggestion {
                category: "sentiment/Neutral".into(),
                source: "model:v1".into(),
                score: Some(Score(0.5)),
            }],
        })),
        doc(Edit::AddRejected(Span::new(SpanId(11), 20, 26, "entity"))),
        doc(Edit::RemoveRejected { id: SpanId(11) }),
        doc(Edit::Batch(vec![
            Edit::AddSpan {
                span: broken,
                relations: Vec::new(),
            },
            Edit::SetStatus(DocStatus::Done),
        ])),
        Change::Labels(LabelEdit::Add {
            at: 4,
            label: label.clone(),
            restore: vec![Removed {
                doc: 0,
                spans: vec![span],
                relations: Vec::new(),
                events: Vec::new(),
            }],
        }),
        Change::Labels(LabelEdit::Remove { id: "topic".into() }),
        Change::Labels(LabelEdit::Update {
            id: "topic".into(),
            label: label.clone(),
        }),
        Change::AddDocuments(Box::new(Import {
            docs: vec![imported],
            labels: vec![label],
            relation_kinds: vec!["about".into()],
        })),
        Change::RemoveDocuments {
            count: 1,
            labels: vec!["topic".into()],
            relation_kinds: vec!["about".into()],
        },
        Change::Guidelines(Box::new(spanmark::model::Guidelines {
            general: "# Desk guidelines\n\nTag as written.".into(),
            relations: [(
                "said_by".to_owned(),
                "From a quote to who said it.".to_owned(),
            )]
            .into_iter()
            .collect(),
        })),
        Change::Assignments(Box::new(
            [("d".to_owned(), vec!["alice".to_owned(), "bob".to_owned()])]
                .into_iter()
                .collect(),
        )),
        Change::Batch(vec![Change::Doc {
            doc: 0,
            edit: Edit::SetStatus(DocStatus::Todo),
        }]),
    ]
}

#[test]
fn every_kind_of_change_has_a_golden_line_that_still_reads() -> TestResult {
    let changes = every_kind();
    let mut lines = String::new();
    for change in &changes {
        lines.push_str(&journal::record_line(change)?);
    }
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(std::path::Path::new(GOLDEN).parent().ok_or("no folder")?)?;
        std::fs::write(GOLDEN, &lines)?;
    }
    let golden = std::fs::read_to_string(GOLDEN)?;
    // Every kind is there (a new kind needs a line).
    let kinds: BTreeSet<String> = changes.iter().map(kind).collect();
    assert_eq!(kinds.len(), changes.len(), "one change per kind");
    // The golden lines read back as a journal, as the same changes.
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(".p.ron.journal");
    let header = serde_json::to_string(&Header::for_file(1, 2))?;
    std::fs::write(&path, format!("{header}\n{golden}"))?;
    let Read::Journal(read) = journal::read(&path)? else {
        return Err("the golden journal cannot be read".into());
    };
    assert!(!read.torn && !read.damaged);
    assert_eq!(
        read.changes, changes,
        "a golden line reads as another change"
    );
    // And this version writes exactly them.
    assert_eq!(
        lines, golden,
        "the journal format changed: raise JOURNAL_VERSION"
    );
    Ok(())
}
