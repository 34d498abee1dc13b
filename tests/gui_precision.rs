//! GUI tests for the keyboard and the pointer at close range (issue 12):
//! resizing word by word, handles caught a little way off, errors that
//! stand out, linking that follows the pointer, the next untagged sentence
//! and selections adjusted from the keyboard. Each drives the real window.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use spanmark::app::SpanmarkApp;

fn text_of(h: &egui_kittest::Harness<'_, SpanmarkApp>, id: spanmark::model::SpanId) -> String {
    h.state()
        .session
        .document()
        .and_then(|d| d.span(id).map(|s| d.span_text(s).to_owned()))
        .unwrap_or_default()
}

#[test]
fn ctrl_shift_arrows_resize_a_span_word_by_word() {
    let mut h = harness(text_app(PESKOV));
    let (s, e) = at("Dmitry");
    tag_chars(&mut h, s, e, Key::Num3);
    let id = span_id(&h, s, e);
    let press = |h: &mut egui_kittest::Harness<'_, SpanmarkApp>, m: Modifiers, k: Key| {
        h.key_press_modifiers(m, k);
        h.run();
    };
    let word_end = Modifiers::COMMAND | Modifiers::SHIFT;
    let word_start = Modifiers::COMMAND | Modifiers::ALT | Modifiers::SHIFT;
    press(&mut h, word_end, Key::ArrowRight);
    assert_eq!(text_of(&h, id), "Dmitry Peskov");
    press(&mut h, word_end, Key::ArrowRight);
    assert_eq!(
        text_of(&h, id),
        "Dmitry Peskov on",
        "the end stops after a word"
    );
    press(&mut h, word_start, Key::ArrowLeft);
    assert_eq!(text_of(&h, id), "said Dmitry Peskov on");
    press(&mut h, word_end, Key::ArrowLeft);
    assert_eq!(text_of(&h, id), "said Dmitry Peskov");
    press(&mut h, word_start, Key::ArrowRight);
    assert_eq!(text_of(&h, id), "Dmitry Peskov");
}

#[test]
fn a_resize_handle_is_caught_a_little_way_off() {
    let mut h = harness(text_app(PESKOV));
    let (s, e) = at("Dmitry");
    tag_chars(&mut h, s, e, Key::Num3);
    let id = span_id(&h, s, e);
    let (_, end_handle) = handles(&h);
    // A press 8 px right of the handle's middle still takes it.
    let from = end_handle.center() + egui::vec2(8.0, 0.0);
    let to = char_rect(&h, e + 4).center();
    drag(&mut h, from, to);
    assert_eq!(text_of(&h, id), "Dmitry Peskov", "{:?}", spans(&h));
    assert_eq!(spans(&h).len(), 1);
}

#[test]
fn an_error_stands_out_until_dismissed() {
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("cut.ron");
    std::fs::write(&bad, "(format_version: 1, name: \"cut\", documents: [")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(text_app("Nothing here."));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    answer_path_box(&mut h, &bad);
    // A banner over the text, naming the file and where it ends.
    assert!(h.query_by_label("Dismiss").is_some(), "{}", message(&h));
    let said = message(&h);
    assert!(said.contains("cut.ron"), "{said}");
    assert!(said.contains("ends early"), "{said}");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.query_by_label("Dismiss").is_none());
    assert!(h.state().state.message.is_none());
}

#[test]
fn while_linking_a_line_follows_the_pointer() {
    let mut h = harness(text_app(PESKOV));
    let (_, peskov) = tag_quote_and_speaker(&mut h);
    let p = char_rect(&h, peskov.0 + 3).center();
    h.hover_at(p);
    h.run();
    assert_eq!(
        h.state().state.reader.link_preview(),
        None,
        "not linking yet"
    );
    h.key_press(Key::L);
    h.run();
    h.hover_at(p);
    h.run();
    assert_eq!(h.state().state.reader.link_preview(), Some(p));
    click(&mut h, p);
    assert_eq!(doc(&h).relations.len(), 1, "the click links");
    h.run();
    assert_eq!(
        h.state().state.reader.link_preview(),
        None,
        "and the line goes"
    );
}

#[test]
fn alt_down_selects_the_next_untagged_sentence_for_keyboard_tagging() {
    let text = "Peskov spoke first. The talks went well, he said.\nReporters left. Then it rained.";
    let mut h = harness(text_app(text));
    let peskov = char_offset(text, "Peskov", 1);
    tag_chars(&mut h, peskov, peskov + 6, Key::Num3);
    h.key_press(Key::Escape);
    h.run();
    let next = |h: &mut egui_kittest::Harness<'_, SpanmarkApp>, down: bool| {
        let key = if down { Key::ArrowDown } else { Key::ArrowUp };
        h.key_press_modifiers(Modifiers::ALT, key);
        h.run();
        h.state().state.selection.range
    };
    let range_of = |needle: &str| {
        let a = char_offset(text, needle, 1);
        Some((a, a + needle.chars().count()))
    };
    // The first sentence holds a span: skipped.
    assert_eq!(
        next(&mut h, true),
        range_of("The talks went well, he said.")
    );
    h.key_press(Key::Num2);
    h.run();
    assert!(spans(&h).iter().any(|s| (Some((s.0, s.1)), s.2.as_str())
        == (range_of("The talks went well, he said."), "claim")));
    // On to the next line's first sentence, and the one after it.
    assert_eq!(next(&mut h, true), range_of("Reporters left."));
    assert_eq!(next(&mut h, true), range_of("Then it rained."));
    assert_eq!(next(&mut h, false), range_of("Reporters left."));
    // Nothing untagged before it: the selection stays, and it says so.
    assert_eq!(next(&mut h, false), range_of("Reporters left."));
    assert!(
        message(&h).contains("No untagged sentence before"),
        "{}",
        message(&h)
    );
}

#[test]
fn shift_and_ctrl_shift_arrows_adjust_a_text_selection_from_the_keyboard() {
    let text = "Peskov spoke first. The talks went well, he said.";
    let mut h = harness(text_app(text));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    let press = |h: &mut egui_kittest::Harness<'_, SpanmarkApp>, m: Modifiers, k: Key| {
        h.key_press_modifiers(m, k);
        h.run();
        let r = h.state().state.selection.range.unwrap_or_default();
        text.chars().skip(r.0).take(r.1 - r.0).collect::<String>()
    };
    let word_end = Modifiers::COMMAND | Modifiers::SHIFT;
    let word_start = Modifiers::COMMAND | Modifiers::ALT | Modifiers::SHIFT;
    // The sentence is selected with its full stop: the first step drops it.
    assert_eq!(
        press(&mut h, word_end, Key::ArrowLeft),
        "Peskov spoke first"
    );
    assert_eq!(press(&mut h, word_end, Key::ArrowLeft), "Peskov spoke");
    assert_eq!(press(&mut h, word_start, Key::ArrowRight), "spoke");
    assert_eq!(press(&mut h, Modifiers::SHIFT, Key::ArrowRight), "spoke ");
    assert_eq!(press(&mut h, word_end, Key::ArrowRight), "spoke first");
    h.key_press(Key::Num4);
    h.run();
    assert_eq!(spans(&h), vec![(7, 18, "event".to_owned())]);
}
