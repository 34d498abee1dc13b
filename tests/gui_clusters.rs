//! Grapheme clusters in the window (issue 16): an exact (Alt) selection
//! that would end between a letter and its combining accent takes the
//! accent; Shift+Right and the caret move by clusters; nudging a span's
//! edge never splits one.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};

/// "Le café ouvre." with é as e + U+0301 (two code points).
const TEXT: &str = "Le cafe\u{301} ouvre tard, dit Rene\u{301}e.";

#[test]
fn an_exact_selection_never_ends_inside_a_cluster() {
    let mut h = harness(text_app(TEXT));
    let e = char_offset(TEXT, "e\u{301}", 1);
    // Alt+drag from the c of café to the right edge of its e, which is
    // also where the (zero-width) accent sits.
    let from = char_rect(&h, 3).left_center() + egui::vec2(1.0, 0.0);
    let to = char_rect(&h, e).right_center() - egui::vec2(0.5, 0.0);
    drag_with(&mut h, from, to, Modifiers::ALT);
    let range = h.state().state.selection.range;
    assert_eq!(range, Some((3, e + 2)), "café with its accent");
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(spans(&h), vec![(3, e + 2, "entity".to_owned())]);
}

#[test]
fn the_caret_and_nudging_move_by_clusters() {
    let mut h = harness(text_app(TEXT));
    let e = char_offset(TEXT, "e\u{301}", 1);
    // Tag "caf" exactly, then grow its end: it takes "e" and its accent
    // together.
    let from = char_rect(&h, 3).left_center() + egui::vec2(1.0, 0.0);
    let to = char_rect(&h, e - 1).right_center() - egui::vec2(1.0, 0.0);
    drag_with(&mut h, from, to, Modifiers::ALT);
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(spans(&h), vec![(3, e, "entity".to_owned())]);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(
        spans(&h),
        vec![(3, e + 2, "entity".to_owned())],
        "{}",
        message(&h)
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(spans(&h), vec![(3, e, "entity".to_owned())]);
    // The caret goes to the span's end, then steps over é as one
    // character.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().state.selection.caret, Some(e));
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().state.selection.caret, Some(e + 2));
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().state.selection.caret, Some(e));
}

/// Soft hyphen, zero-width space, word joiner, byte order mark, direction
/// marks and isolates, narrow no-break space, tab, no-break space.
const INVISIBLE: &str = "Pre\u{ad}sident\u{200b}Putin \u{2060}said\u{feff} \u{200e}yes\u{200f} \u{2067}no\u{2069} 10\u{202f}000\tnow\u{a0}here.";

#[test]
fn invisible_characters_show_and_keep_their_offsets() {
    // The harness panics on any character no font can draw: every one of
    // these is shown (by a stand-in where it draws nothing itself).
    let mut h = harness(text_app(INVISIBLE));
    // A span that ends at the zero-width space is visibly that long, and
    // its text is exactly the document's.
    let zwsp = char_offset(INVISIBLE, "\u{200b}", 1);
    let (start, end) = (0, zwsp + 1);
    let first = char_rect(&h, start);
    let last = char_rect(&h, zwsp);
    assert!(
        last.width() > 1.0,
        "the zero-width space is drawn: {last:?}"
    );
    drag(
        &mut h,
        first.left_center() + egui::vec2(1.0, 0.0),
        last.right_center() - egui::vec2(0.5, 0.0),
    );
    h.key_press(Key::Num3);
    h.run();
    let text: Vec<char> = INVISIBLE.chars().collect();
    let tagged = spans(&h);
    assert_eq!(tagged.len(), 1, "{tagged:?}");
    let (a, b, _) = &tagged[0];
    let got: String = text[*a..*b].iter().collect();
    assert!(got.starts_with("Pre\u{ad}sident"), "{got:?}");
    assert!(*b <= end, "{got:?}");
}

#[test]
fn a_script_no_font_draws_is_named_once_with_a_package_for_it() {
    use spanmark::model::{Document, Project};
    let mut p = Project::new("scripts");
    p.documents
        .push(Document::new("a", "A", "Plain Latin text."));
    p.documents
        .push(Document::new("b", "B", "नमस्ते दुनिया and 안녕하세요"));
    p.documents.push(Document::new("c", "C", "नमस्ते again."));
    let mut h = harness(spanmark::app::SpanmarkApp::new(
        spanmark::session::Session::new(p, None),
    ));
    assert!(
        h.state().state.message.is_none(),
        "Latin is drawn: {}",
        message(&h)
    );
    // The test fonts have no Devanagari or Hangul: draw boxes, not panic.
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    let said = message(&h);
    assert!(
        said.contains("Devanagari (install fonts-noto-core)"),
        "{said}"
    );
    assert!(said.contains("Korean (install fonts-noto-cjk)"), "{said}");
    // Said once: the next document in Devanagari says nothing new.
    h.state_mut().state.message = None;
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert!(h.state().state.message.is_none(), "{}", message(&h));
}
