//! Keyboard-only annotating (issue 12): a caret moved with the arrow keys,
//! a selection grown from it by characters or words, tagged with 1–4,
//! without the mouse after the first click (or without it at all).
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use spanmark::app::SpanmarkApp;

const TEXT: &str = "Peskov spoke first. The talks went well, he said.";

fn press(h: &mut Harness<'_, SpanmarkApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn caret(h: &Harness<'_, SpanmarkApp>) -> Option<usize> {
    let sel = &h.state().state.selection;
    assert!(sel.range.is_none() && sel.span.is_none(), "{sel:?}");
    sel.caret
}

#[test]
fn the_arrow_keys_move_a_caret_and_shift_grows_a_selection_to_tag() {
    let mut h = harness(text_app(TEXT));
    // No mouse at all: Right puts the caret at the top of the view.
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&h), Some(0));
    let spoke = char_offset(TEXT, "spoke", 1);
    press(&mut h, Modifiers::COMMAND, Key::ArrowRight);
    assert_eq!(caret(&h), Some(6), "to the end of “Peskov”");
    // Ctrl+Shift+Right grows a selection by a word (without the space
    // before it); 3 tags it.
    let word_right = Modifiers::COMMAND | Modifiers::SHIFT;
    press(&mut h, word_right, Key::ArrowRight);
    assert_eq!(h.state().state.selection.range, Some((spoke, spoke + 5)));
    press(&mut h, Modifiers::NONE, Key::Num3);
    assert_eq!(spans(&h), vec![(spoke, spoke + 5, "entity".to_owned())]);

    // Right leaves the new span with the caret after it; on to “first”.
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&h), Some(spoke + 5));
    press(&mut h, Modifiers::COMMAND, Key::ArrowRight);
    press(&mut h, Modifiers::COMMAND, Key::ArrowLeft);
    let first = char_offset(TEXT, "first", 1);
    assert_eq!(caret(&h), Some(first), "back to the start of “first”");
    // Shift+Right a character at a time, then the rest of the word.
    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(h.state().state.selection.range, Some((first, first + 2)));
    press(&mut h, word_right, Key::ArrowRight);
    assert_eq!(h.state().state.selection.range, Some((first, first + 5)));
    press(&mut h, Modifiers::NONE, Key::Num4);
    assert_eq!(spans(&h).len(), 2);
    assert!(spans(&h).contains(&(first, first + 5, "event".to_owned())));
}

#[test]
fn a_click_places_the_caret_and_shift_left_grows_the_selection_leftwards() {
    let mut h = harness(text_app(TEXT));
    let said = char_offset(TEXT, "said", 1);
    // A click just inside the left edge of “s”: the caret goes before it.
    let r = char_rect(&h, said + 4 - 1);
    click(&mut h, egui::pos2(r.max.x - 1.0, r.center().y));
    assert_eq!(caret(&h), Some(said + 4), "after “said”");
    press(
        &mut h,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowLeft,
    );
    assert_eq!(h.state().state.selection.range, Some((said, said + 4)));
    press(&mut h, Modifiers::NONE, Key::Num1);
    assert_eq!(spans(&h), vec![(said, said + 4, "quote".to_owned())]);
    // Left from the span: the caret at its start.
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&h), Some(said));
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&h), Some(said - 1));
}
