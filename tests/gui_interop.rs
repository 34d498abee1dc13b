//! GUI tests for what imports bring in: discontinuous spans (one span,
//! painted and picked piece by piece), document categories edited in the
//! document panel, and events shown on the spans they join.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Event, EventId, Normalization, Project, Span, SpanId};
use spanmark::session::Session;

/// The Peskov text with a discontinuous span over "Geneva" … "Dmitry
/// Peskov", and an event triggered by "said" with that span as its agent.
fn imported_app() -> SpanmarkApp {
    let mut project = Project::new("test");
    let mut doc = Document::new("doc", "Doc", PESKOV);
    let (geneva, peskov, said) = (at("Geneva"), at("Dmitry Peskov"), at("said"));
    let mut both = Span::new(SpanId(1), geneva.0, peskov.1, "entity");
    both.set_fragments(vec![geneva, peskov]);
    both.with_extra(|e| {
        e.normalizations = vec![Normalization {
            kb: "Wikidata".to_owned(),
            id: "Q42".to_owned(),
            name: Some("an entry".to_owned()),
        }]
    });
    let mut trigger = Span::new(SpanId(2), said.0, said.1, "event");
    trigger.set_origin(Some("T7".to_owned()));
    for span in [both, trigger] {
        if let Err(id) = doc.spans.insert(span) {
            panic!("span {id} clashes");
        }
    }
    let mut event = Event::new(EventId(1), "Statement", SpanId(2));
    event.push_span("Agent", SpanId(1));
    doc.events.push(event);
    project.documents.push(doc);
    project.next_ids.span = 3;
    project.next_ids.event = 2;
    SpanmarkApp::new(Session::new(project, None))
}

fn selected(h: &Harness<'_, SpanmarkApp>) -> Option<SpanId> {
    h.state().state.selection.span
}

#[test]
fn a_discontinuous_span_is_picked_by_its_pieces_and_deleted_whole() {
    let mut h = harness(imported_app());
    h.run();
    // The gap (the closing quote mark after "Geneva,") is not part of it.
    click_char(&mut h, at("Geneva").1 + 1);
    assert_eq!(
        selected(&h),
        None,
        "a click between the pieces selects nothing"
    );
    click_char(&mut h, at("Peskov").0 + 2);
    assert_eq!(selected(&h), Some(SpanId(1)), "the second piece selects it");
    assert!(
        h.query_by_label_contains("2 pieces").is_some(),
        "the inspector lists the pieces"
    );
    assert!(
        h.query_by_label_contains("Geneva … Dmitry Peskov")
            .is_some(),
        "the span's text is its pieces"
    );
    assert!(
        h.query_by_label_contains("Linked to Wikidata:Q42 “an entry”")
            .is_some(),
        "and its knowledge-base link"
    );
    h.key_press(Key::Escape);
    h.run();
    click_char(&mut h, at("Geneva").0 + 1);
    assert_eq!(selected(&h), Some(SpanId(1)), "so does the first");

    h.key_press(Key::Delete);
    h.run();
    assert!(doc(&h).span(SpanId(1)).is_none(), "deleted as one span");
    assert!(doc(&h).events.is_empty(), "its event goes with it");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let back = doc(&h).span(SpanId(1)).cloned();
    assert_eq!(
        back.map(|s| s.fragments().to_vec()),
        Some(vec![at("Geneva"), at("Dmitry Peskov")]),
        "undo brings both pieces back"
    );
    assert_eq!(doc(&h).events.len(), 1, "and the event");
}

#[test]
fn categories_are_added_and_removed_in_the_document_panel() {
    let mut h = harness(imported_app());
    h.run();
    h.get_by_label("Categories:").click();
    h.run();
    h.get_by_label("Categories:").type_text("politics");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(doc(&h).categories, vec!["politics".to_owned()]);
    h.get_by_label("Categories:").type_text("russia");
    h.run();
    assert!(
        h.get_by_label("Categories:").is_focused(),
        "the field stays ready"
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(doc(&h).categories, vec!["politics", "russia"]);

    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("politics  ×").click();
    h.run();
    assert_eq!(doc(&h).categories, vec!["russia"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).categories, vec!["politics", "russia"], "undo");
}

#[test]
fn an_event_is_shown_on_its_trigger_and_leads_to_its_arguments() {
    let mut h = harness(imported_app());
    h.run();
    click_char(&mut h, at("said").0 + 1);
    assert_eq!(selected(&h), Some(SpanId(2)));
    assert!(h.query_by_label_contains("imported as T7").is_some());
    assert!(
        h.query_by_label_contains("Statement (E1), this span as trigger")
            .is_some(),
        "the event is listed"
    );
    assert!(
        h.query_by_label_contains("Agent: “Geneva … Dmitry Peskov”")
            .is_some()
    );
    h.get_by_label("Go").click();
    h.run();
    assert_eq!(selected(&h), Some(SpanId(1)), "Go selects the argument");
    assert!(
        h.query_by_label_contains("this span as Agent").is_some(),
        "and the argument lists the event too"
    );
}

#[test]
fn what_an_import_cannot_carry_is_said_in_the_window() {
    let mut h = harness(text_app("Some text."));
    h.run();
    let tasks = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/interop/label-studio/tasks.json"
    ));
    drop_files(&mut h, &[tasks]);
    let said = message(&h);
    assert!(said.starts_with("Imported 2 documents"), "{said}");
    for notice in [
        "1 cancelled Label Studio annotations, skipped",
        "1 Label Studio results of type rating, left out",
        "predictions kept as suggestions of model:ner-1",
    ] {
        assert!(said.contains(notice), "{notice:?} in {said}");
    }
}

#[test]
fn each_annotators_choices_and_a_models_prediction_are_shown_and_can_be_taken() {
    // A Label Studio task: two annotators chose differently, a model
    // predicted a third category (issue 27).
    let mut project = Project::new("test");
    let mut d = Document::new("doc", "Doc", PESKOV);
    d.choices = vec![
        spanmark::model::Choice {
            annotator: "alice".into(),
            category: "sentiment/Positive".into(),
        },
        spanmark::model::Choice {
            annotator: "bob".into(),
            category: "sentiment/Negative".into(),
        },
    ];
    d.suggestions.categories = vec![spanmark::model::CategorySuggestion {
        category: "sentiment/Neutral".into(),
        source: "model:v1".into(),
        score: Some(spanmark::model::Score(0.83)),
    }];
    project.documents.push(d);
    let mut h = harness(SpanmarkApp::new(Session::new(project, None)));
    h.run();
    for shown in [
        "alice chose",
        "sentiment/Positive",
        "bob chose",
        "sentiment/Negative",
        "model:v1 suggests (0.83)",
        "sentiment/Neutral",
    ] {
        assert!(
            h.query_all_by_label(shown).next().is_some(),
            "{shown} is not shown"
        );
    }
    // Take the model's: the third "take" button.
    let takes: Vec<_> = h.query_all_by_label("take").collect();
    assert_eq!(takes.len(), 3);
    takes[2].click();
    h.run();
    assert_eq!(doc(&h).categories, ["sentiment/Neutral"]);
    assert!(
        doc(&h).suggestions.categories.is_empty(),
        "decided, it leaves the list"
    );
    assert_eq!(
        doc(&h).choices.len(),
        2,
        "the annotators' choices stay theirs"
    );
    undo(&mut h);
    assert!(doc(&h).categories.is_empty());
    assert_eq!(
        doc(&h).suggestions.categories.len(),
        1,
        "one undo step brings both back"
    );
}
