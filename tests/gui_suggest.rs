//! Suggestions in the window (issue 15): the rules' suggestions are listed
//! and marked; Enter accepts the focused one (a quote brings its speaker
//! and the said_by link), Backspace rejects (never offered again), each an
//! undoable change.
#![cfg(feature = "gui")]

use crate::common;

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

#[test]
fn accept_all_takes_one_label_above_a_score() {
    let mut h = harness(text_app(PESKOV));
    h.get_by_label("Curate").click();
    h.run();
    h.get_by_label("Suggest").click();
    h.run();
    // Only entities at 0.8 or more: Dmitry Peskov (0.96) and Monday
    // (0.98); the quote (0.98) is another label.
    h.state_mut().state.suggestions.label = Some("entity".to_owned());
    h.run();
    h.get_by_label("Accept 2").click();
    h.run();
    let d = doc(&h);
    let labels: Vec<&str> = d.spans.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["entity", "entity"], "{labels:?}");
    let left: Vec<&str> = d
        .suggestions
        .pending
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(left, ["quote"]);
}

#[test]
fn a_model_runs_in_the_background_for_the_document_shown() -> Result<(), Box<dyn std::error::Error>>
{
    let dir = tempfile::tempdir()?;
    let script = dir.path().join("model.py");
    std::fs::write(
        &script,
        "import json, sys\n\
         for line in sys.stdin:\n\
         \x20   d = json.loads(line)\n\
         \x20   i = d['text'].find('Kremlin')\n\
         \x20   print(json.dumps({'id': d['id'], 'spans': [{'start': i, 'end': i + 7, 'label': 'entity', 'score': 0.6}]}), flush=True)\n",
    )?;
    let mut h = harness(text_app(PESKOV));
    h.state_mut().suggester = format!("python3 {}", script.display());
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    h.get_by_label("Suggestions").click();
    h.run();
    h.get_by_label("Run").click();
    h.step();
    assert!(h.state().state.suggest_job.is_some(), "running");
    step_until(&mut h, |app| app.state.suggest_job.is_none());
    let pending = &doc(&h).suggestions.pending;
    assert_eq!(pending.len(), 1, "{}", message(&h));
    assert_eq!((pending[0].start, pending[0].end), at("Kremlin"));
    assert!(pending[0].source.starts_with("model:"));
    Ok(())
}
