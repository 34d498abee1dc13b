//! Right-to-left paragraphs (issue 16): drawn in visual order, tagged by
//! mouse exactly, highlighted as several rectangles where a span crosses a
//! change of direction. The window's fonts (the system's, boxes where none
//! has a character) so the tests run anywhere; with the Noto fonts that
//! `scripts/setup.sh` installs they shape real Arabic and Hebrew.

use crate::common;

use common::*;
use egui::{Key, Rect};
use spanmark::app::SpanmarkApp;

const ARABIC: &str = "قال المتحدث باسم الوزارة محمد علي إن الاجتماع سيعقد يوم الثلاثاء.";
const MIXED: &str = "The spokesman, محمد علي, said the talks would resume.";
const HEBREW: &str = "ראש העיר דנה כהן אמרה ל-CNN כי 40 אחוז תומכים בתוכנית.";
const CJK: &str = "外交部发言人表示，会谈将于下周在北京举行。";

fn rects(h: &egui_kittest::Harness<'_, SpanmarkApp>, a: usize, b: usize) -> Vec<Rect> {
    let app = h.state();
    let doc = app
        .session
        .document()
        .unwrap_or_else(|| panic!("no document"));
    app.state.reader.range_rects(&h.ctx, doc, a, b)
}

/// Drag from the leading edge of code point `start` to the trailing edge
/// of `end - 1`, in whichever direction they read.
fn drag_logical(h: &mut egui_kittest::Harness<'_, SpanmarkApp>, start: usize, end: usize) {
    let (a, z) = (char_rect(h, start), char_rect(h, end - 1));
    // Right to left when the first code point is drawn right of the last.
    let (from, to) = if a.center().x > z.center().x {
        (
            a.right_center() - egui::vec2(1.0, 0.0),
            z.left_center() + egui::vec2(1.0, 0.0),
        )
    } else {
        (
            a.left_center() + egui::vec2(1.0, 0.0),
            z.right_center() - egui::vec2(1.0, 0.0),
        )
    };
    drag(h, from, to);
}

fn tag(h: &mut egui_kittest::Harness<'_, SpanmarkApp>, text: &str, needle: &str) -> (usize, usize) {
    let s = char_offset(text, needle, 1);
    let e = s + needle.chars().count();
    drag_logical(h, s, e);
    h.key_press(Key::Num3);
    h.run();
    (s, e)
}

#[test]
fn an_arabic_paragraph_reads_right_to_left_and_a_drag_tags_the_phrase() {
    let mut h = harness_with_system_fonts(text_app(ARABIC));
    let first = char_offset(ARABIC, "قال", 1);
    let last = char_offset(ARABIC, "الثلاثاء", 1);
    // The first word is drawn at the right, the last at the left.
    assert!(
        char_rect(&h, first).min.x > char_rect(&h, last).max.x,
        "{:?} {:?}",
        char_rect(&h, first),
        char_rect(&h, last)
    );
    // Of the two-word name, the first word is right of the second.
    let (m, a) = (
        char_offset(ARABIC, "محمد", 1),
        char_offset(ARABIC, "علي", 1),
    );
    assert!(char_rect(&h, m).min.x > char_rect(&h, a).max.x);
    let (s, e) = tag(&mut h, ARABIC, "محمد علي");
    assert_eq!(spans(&h), vec![(s, e, "entity".to_owned())]);
    assert_eq!(span_with_text(&h, "محمد علي").1, s);
    // One highlight: the phrase is one stretch on screen.
    assert_eq!(rects(&h, s, e).len(), 1);
}

#[test]
fn an_arabic_name_in_an_english_sentence_keeps_its_words_in_order() {
    let mut h = harness_with_system_fonts(text_app(MIXED));
    let (m, a) = (char_offset(MIXED, "محمد", 1), char_offset(MIXED, "علي", 1));
    let said = char_offset(MIXED, "said", 1);
    assert!(char_rect(&h, m).min.x > char_rect(&h, a).max.x);
    assert!(char_rect(&h, said).min.x > char_rect(&h, m).max.x);
    let (s, e) = tag(&mut h, MIXED, "محمد علي");
    assert_eq!(spans(&h), vec![(s, e, "entity".to_owned())]);
    // A range from the second Arabic word into the English after it is
    // two stretches on screen: the first word lies between them.
    let to = said + 4;
    let r = rects(&h, a, to);
    assert_eq!(r.len(), 2, "{r:?}");
}

#[test]
fn a_hebrew_paragraph_with_a_number_and_a_latin_name_tags_exactly() {
    let mut h = harness_with_system_fonts(text_app(HEBREW));
    let (c, n) = (char_offset(HEBREW, "CNN", 1), char_offset(HEBREW, "40", 1));
    // Latin and digits read left to right inside the right-to-left line.
    assert!(char_rect(&h, c).max.x <= char_rect(&h, c + 2).min.x + 1.0);
    assert!(char_rect(&h, n).max.x <= char_rect(&h, n + 1).min.x + 1.0);
    // CNN comes later than the name, so it is drawn to its left.
    let name = char_offset(HEBREW, "דנה", 1);
    assert!(char_rect(&h, name).min.x > char_rect(&h, c).max.x);
    let cnn = tag(&mut h, HEBREW, "CNN");
    let share = tag(&mut h, HEBREW, "40 אחוז");
    let person = tag(&mut h, HEBREW, "דנה כהן");
    let mut got = spans(&h);
    got.sort();
    let mut want: Vec<_> = [person, cnn, share]
        .into_iter()
        .map(|(s, e)| (s, e, "entity".to_owned()))
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_chinese_paragraph_tags_exactly() {
    let mut h = harness_with_system_fonts(text_app(CJK));
    let (s, e) = tag(&mut h, CJK, "北京");
    assert_eq!(spans(&h), vec![(s, e, "entity".to_owned())]);
}

#[test]
fn the_handles_of_a_right_to_left_span_sit_at_its_ends() {
    let mut h = harness_with_system_fonts(text_app(ARABIC));
    let (s, e) = tag(&mut h, ARABIC, "محمد علي");
    let id = span_id(&h, s, e);
    h.key_press(Key::Escape);
    h.run();
    click_char(&mut h, s + 1);
    assert_eq!(h.state().state.selection.span, Some(id));
    let (start, end) = handles(&h);
    // The start (the first letter) is the right end, the end the left.
    assert!(start.center().x > end.center().x, "{start:?} {end:?}");
    assert!((start.center().x - char_rect(&h, s).max.x).abs() < 4.0);
    assert!((end.center().x - char_rect(&h, e - 1).min.x).abs() < 4.0);
}
