//! Suggestions in the window (issue 15): the rules' suggestions are listed
//! and marked; Enter accepts the focused one (a quote brings its speaker
//! and the said_by link), Backspace rejects (never offered again), each an
//! undoable change.
#![cfg(feature = "gui")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[test]
fn suggestions_are_accepted_with_enter_and_rejected_with_backspace() {
    let mut h = harness(text_app(PESKOV));
    h.state_mut()
        .session
        .set_annotator(Some("alice".to_owned()));
    h.get_by_label("Curate").click();
    h.run();
    h.get_by_label("Suggest").click();
    h.run();
    let pending = |h: &egui_kittest::Harness<'_, spanmark::app::SpanmarkApp>| {
        doc(h).suggestions.pending.len()
    };
    assert_eq!(pending(&h), 3, "{:?}", doc(&h).suggestions.pending);
    assert!(h.query_by_label_contains("3 pending").is_some());
    assert_eq!(h.state().state.suggestions.focus, Some(0));

    // Enter: the quote, with Dmitry Peskov and the link between them.
    h.key_press(Key::Enter);
    h.run();
    let d = doc(&h);
    let (q, e) = (
        at("“We are satisfied with the talks in Geneva,”"),
        at("Dmitry Peskov"),
    );
    let quote = d
        .spans
        .iter()
        .find(|s| (s.start, s.end) == q)
        .map(|s| (s.id, s.annotator.clone()));
    let speaker = d.spans.iter().find(|s| (s.start, s.end) == e).map(|s| s.id);
    assert_eq!(quote.as_ref().map(|x| x.1.as_deref()), Some(Some("alice")));
    let linked = d.relations.iter().any(|r| {
        Some(r.from) == quote.as_ref().map(|x| x.0) && Some(r.to) == speaker && r.kind == "said_by"
    });
    assert!(linked, "the quote is linked to its speaker");
    assert_eq!(pending(&h), 1, "Monday is left");

    // Backspace: Monday is rejected and not offered again.
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(pending(&h), 0);
    assert_eq!(doc(&h).suggestions.rejected.len(), 1);
    h.get_by_label("Suggest").click();
    h.run();
    assert_eq!(pending(&h), 0, "a rejected suggestion comes back never");

    // Undo brings the rejected suggestion back; again, the accepted spans go.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(pending(&h), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(doc(&h).spans.is_empty());
    assert_eq!(pending(&h), 3);
}
