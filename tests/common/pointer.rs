//! The pointer in GUI tests: where a character is drawn, real mouse drags
//! (also while the window keeps repainting), clicks, and tagging by drag
//! and key.

use egui::{Pos2, Rect};
use egui_kittest::Harness;
use spanmark::app::SpanmarkApp;

/// Screen rectangle of code point `pos` of the current document.
pub fn char_rect(h: &Harness<'_, SpanmarkApp>, pos: usize) -> Rect {
    let app = h.state();
    let doc = app
        .session
        .document()
        .unwrap_or_else(|| panic!("no document"));
    app.state
        .reader
        .char_rect(&h.ctx, doc, pos)
        .unwrap_or_else(|| panic!("char {pos} is not on screen"))
}

/// Press at `from`, move in several steps to `to`, release: a real mouse drag.
pub fn drag(h: &mut Harness<'_, SpanmarkApp>, from: Pos2, to: Pos2) {
    drag_with(h, from, to, egui::Modifiers::NONE);
}

/// A mouse drag with modifier keys held throughout (e.g. Alt).
pub fn drag_with(
    h: &mut Harness<'_, SpanmarkApp>,
    from: Pos2,
    to: Pos2,
    modifiers: egui::Modifiers,
) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    drag_plain(h, from, to);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
}

fn drag_plain(h: &mut Harness<'_, SpanmarkApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.drag_at(from);
    h.run();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// Drag from the left edge of code point `start` to the right edge of `end - 1`.
pub fn drag_chars(h: &mut Harness<'_, SpanmarkApp>, start: usize, end: usize) {
    let a = char_rect(h, start);
    let b = char_rect(h, end - 1);
    drag(
        h,
        a.left_center() + egui::vec2(1.0, 0.0),
        b.right_center() - egui::vec2(1.0, 0.0),
    );
}

/// [`drag_chars`] in a window that keeps repainting (a job running, a
/// spinner): each move is a couple of frames, never waiting for the
/// window to settle.
pub fn drag_chars_busy(h: &mut Harness<'_, SpanmarkApp>, start: usize, end: usize) {
    let from = char_rect(h, start).left_center() + egui::vec2(1.0, 0.0);
    let to = char_rect(h, end - 1).right_center() - egui::vec2(1.0, 0.0);
    h.hover_at(from);
    h.drag_at(from);
    h.run_steps(2);
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.run_steps(2);
    }
    h.drop_at(to);
    h.run_steps(2);
}

/// Select `[start, end)` by dragging and tag it with a number key.
pub fn tag_chars(h: &mut Harness<'_, SpanmarkApp>, start: usize, end: usize, key: egui::Key) {
    drag_chars(h, start, end);
    h.key_press(key);
    h.run();
}

/// The selected span's start and end handles, as painted last frame.
pub fn handles(h: &Harness<'_, SpanmarkApp>) -> (Rect, Rect) {
    h.state()
        .state
        .reader
        .handles()
        .unwrap_or_else(|| panic!("no handles"))
}
