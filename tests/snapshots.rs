//! Image snapshots of the window (issue 12): the main window, nested spans,
//! all relations shown, and the label editor, rendered with wgpu (Mesa's
//! software Vulkan where there is no GPU) and compared with the PNGs in
//! `tests/snapshots/`. A layout change shows as a failed test with a diff
//! image beside the snapshot; `UPDATE_SNAPSHOTS=1 cargo test --features
//! snapshots --test snapshots` accepts the new look.
#![cfg(feature = "snapshots")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, SnapshotOptions};
use spanmark::app::SpanmarkApp;

/// Small differences between software renderers are not a regression; a
/// moved panel or a missing highlight changes thousands of pixels.
fn snapshot(h: &mut Harness<'_, SpanmarkApp>, name: &str) {
    let options = SnapshotOptions::new().max_failed_pixels(400);
    h.snapshot_options(name, &options);
}

/// The sample project at a relative path (the status bar shows it), the
/// same on every machine.
fn sample(name: &str) -> Harness<'static, SpanmarkApp> {
    let dir = std::path::Path::new("target/snapshot-projects").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(&dir);
    harness(app)
}

#[test]
fn main_window() {
    let mut h = sample("main_window");
    snapshot(&mut h, "main_window");
}

#[test]
fn nested_spans_with_one_selected() {
    let text = "The Russian Ministry of Defense said on Monday that talks in Geneva would go on.";
    let mut h = harness(text_app(text));
    let ministry = char_offset(text, "Russian Ministry of Defense", 1);
    let russian = char_offset(text, "Russian", 1);
    let said = char_offset(text, "The Russian", 1);
    tag_chars(&mut h, said, char_offset(text, " said", 1), Key::Num2);
    tag_chars(&mut h, ministry, ministry + 27, Key::Num3);
    // Esc first: a drag that starts on the selected span's handle resizes it.
    h.key_press(Key::Escape);
    h.run();
    tag_chars(&mut h, russian, russian + 7, Key::Num3);
    assert_eq!(spans(&h).len(), 3);
    snapshot(&mut h, "nested_spans");
}

#[test]
fn all_relations_shown() {
    let mut h = sample("all_relations");
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    for _ in 0..3 {
        h.key_press(Key::PageDown);
        h.run();
    }
    snapshot(&mut h, "all_relations");
}

#[test]
fn label_editor() {
    let mut h = sample("label_editor");
    open_label_editor(&mut h);
    h.get_by_label("Edit Entity").click();
    h.run();
    snapshot(&mut h, "label_editor");
}
