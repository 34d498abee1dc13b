//! The one timeline says what each step was (issue 25): undoing a Tag all
//! names it as it was made, not “several edits”, and undo and redo select
//! the span that was selected on that side of the step.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[test]
fn undoing_a_tag_all_names_it_as_it_was_made() {
    let mut h = harness(text_app(PESKOV));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:").type_text("peskov");
    h.run();
    h.get_by_label("Entity").click();
    h.run();
    let made = message(&h);
    assert!(made.starts_with("Tagged 3 matches"), "{made}");
    h.get_by_label("Close").click();
    h.run();
    undo(&mut h);
    assert_eq!(message(&h), format!("Undone: {made}"));
    assert!(doc(&h).spans.is_empty());
    assert_eq!(
        h.state().session.redo_label().as_deref(),
        Some(made.as_str())
    );
    redo(&mut h);
    assert_eq!(message(&h), format!("Redone: {made}"));
    assert_eq!(doc(&h).spans.len(), 3);
}

#[test]
fn undo_and_redo_select_what_was_selected_on_their_side_of_the_step() {
    let mut h = harness(text_app(PESKOV));
    let (quote, peskov) = tag_quote_and_speaker(&mut h);
    let q = span_id(&h, quote.0, quote.1);
    let p = span_id(&h, peskov.0, peskov.1);
    // With the quote selected, relabel the speaker from the inspector's
    // side: select it, press 4 (event), then select the quote again.
    click_char(&mut h, peskov.0 + 1);
    assert_eq!(h.state().state.selection.span, Some(p));
    h.key_press(Key::Num4);
    h.run();
    click_char(&mut h, quote.0 + 3);
    assert_eq!(h.state().state.selection.span, Some(q));
    // Undo the relabelling: the speaker, selected when it was made, is
    // selected again; redo selects it too (it was selected after).
    undo(&mut h);
    assert_eq!(h.state().state.selection.span, Some(p));
    assert!(message(&h).starts_with("Undone: "), "{}", message(&h));
    click_char(&mut h, quote.0 + 3);
    redo(&mut h);
    assert_eq!(h.state().state.selection.span, Some(p));
    // Delete the quote, select the speaker, undo: the quote is back and
    // selected, as it was before the step.
    click_char(&mut h, quote.0 + 3);
    h.key_press(Key::Delete);
    h.run();
    click_char(&mut h, peskov.0 + 1);
    undo(&mut h);
    assert_eq!(h.state().state.selection.span, Some(q));
    assert_eq!(message(&h), "Undone: Span deleted");
}
