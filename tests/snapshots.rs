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

/// The multilingual sample project as the window shows it with the fonts
/// `scripts/setup.sh` installs: Arabic and Hebrew right to left, CJK,
/// Devanagari, Thai, Cyrillic, Greek and emoji.
fn multilingual() -> Harness<'static, SpanmarkApp> {
    // A copy at a relative path (the status bar shows it): the same on
    // every machine, and no journal or lock of a window open on the original.
    let dir = std::path::Path::new("target/snapshot-projects/multilingual");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("multilingual.ron");
    std::fs::copy("projects/multilingual.ron", &path).unwrap_or_else(|e| panic!("{e}"));
    let session = spanmark::session::Session::open(&path).unwrap_or_else(|e| panic!("{e}"));
    harness_with_system_fonts(SpanmarkApp::new(session))
}

#[test]
fn every_character_of_the_multilingual_sample_has_a_glyph() {
    let h = multilingual();
    let text = doc(&h).text.clone();
    let missing = spanmark::app::missing_scripts(&h.ctx, &text);
    assert!(
        missing.is_empty(),
        "no installed font draws {missing:?}: run scripts/setup.sh"
    );
    // Every script of the issue is in the sample.
    for probe in [
        "北京",
        "計画",
        "정부",
        "محمد",
        "דנה",
        "दिल्ली",
        "โฆษก",
        "Песков",
        "Τρίτη",
        "🔌",
        "🇺🇦",
        "👩‍👩‍👧",
    ] {
        assert!(text.contains(probe), "{probe}");
    }
}

#[test]
fn multilingual_sample() {
    let mut h = multilingual();
    snapshot(&mut h, "multilingual");
}
