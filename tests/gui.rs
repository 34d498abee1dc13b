//! GUI tests: drive the real app with pointer and key events, check the project.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use spanmark::model::text::{char_len, slice_chars};

const HEADLINE: &str = "Kremlin Spokesperson Dmitry Peskov Discusses Future";

#[test]
fn drag_then_key_3_creates_an_entity_with_exactly_that_text() {
    let mut h = harness(text_app(&format!("{HEADLINE}\n\nSecond paragraph.")));
    let start = char_offset(HEADLINE, "Dmitry", 1);
    let end = start + char_len("Dmitry Peskov");
    drag_chars(&mut h, start, end);
    assert_eq!(
        h.state().state.selection.range,
        Some((start, end)),
        "selection while dragging"
    );
    h.key_press(Key::Num3);
    h.run();

    let app = h.state();
    let doc = app.session.document().unwrap_or_else(|| panic!("no doc"));
    assert_eq!(doc.spans.len(), 1);
    let span = doc.spans.iter().next().unwrap_or_else(|| panic!("no span"));
    assert_eq!(span.label, "entity");
    assert_eq!(doc.span_text(span), "Dmitry Peskov");
    assert!(app.session.is_dirty());
    assert!(app.session.window_title().starts_with("● "));
}

#[test]
fn a_partial_drag_snaps_to_whole_words_on_curly_quoted_text() {
    // Curly quotes and an apostrophe before the target: byte/char mix-ups show here.
    let text = "“We are satisfied,” Peskov said of Ukraine’s grid.";
    let mut h = harness(text_app(text));
    let at = char_offset(text, "Ukraine’s", 1);
    // From inside "Ukraine’s" ("krai") to inside "grid" ("gr").
    drag_chars(&mut h, at + 1, at + 13);
    h.key_press(Key::Num4);
    h.run();
    let spans = spans(&h);
    assert_eq!(spans.len(), 1);
    let (s, e, ref label) = spans[0];
    assert_eq!(label, "event");
    assert_eq!(slice_chars(text, s, e), Some("Ukraine’s grid"));
}

#[test]
fn clicking_a_label_button_tags_the_selection() {
    let text = "The Kremlin said so.";
    let mut h = harness(text_app(text));
    let at = char_offset(text, "Kremlin", 1);
    drag_chars(&mut h, at, at + 7);
    h.get_by_label("1  Quote").click();
    h.run();
    assert_eq!(spans(&h), vec![(at, at + 7, "quote".to_owned())]);
}

#[test]
fn undo_removes_the_span_and_redo_restores_it() {
    let text = "Dmitry Peskov spoke.";
    let mut h = harness(text_app(text));
    drag_chars(&mut h, 0, 13);
    h.key_press(Key::Num3);
    h.run();
    let created = spans(&h);
    assert_eq!(created.len(), 1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(spans(&h).is_empty(), "undo");

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(spans(&h), created, "redo with Ctrl+Shift+Z");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(spans(&h), created, "redo with Ctrl+Y");
}

#[test]
fn clicking_a_span_selects_it_and_delete_removes_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    // The quote "uncontrollable" is a span of the sample (no span nested in it).
    let (id, start) = span_with_text(&h, "“uncontrollable”");
    h.state_mut().state.reader.scroll_to = Some(start);
    h.run();
    let before = spans(&h).len();
    let at = char_rect(&h, start + 4).center();
    click(&mut h, at);
    assert_eq!(h.state().state.selection.span, Some(id));
    // The inspector shows it.
    assert!(h.query_by_label("“uncontrollable”").is_some());

    h.key_press(Key::Delete);
    h.run();
    let d = doc(&h);
    assert_eq!(d.spans.len(), before - 1);
    assert!(d.span(id).is_none());
    assert!(
        d.relations.iter().all(|r| r.from != id && r.to != id),
        "relations cascade"
    );
    assert_eq!(h.state().state.selection.span, None);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let d = doc(&h);
    assert!(d.span(id).is_some(), "undo restores the span");
    assert_eq!(d.relations_of(id).count(), 1, "and its relation");
}

#[test]
fn clicking_where_spans_nest_selects_the_innermost() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    let (putin, start) = span_with_text(&h, "Vladimir Putin");
    h.state_mut().state.reader.scroll_to = Some(start);
    h.run();
    let at = char_rect(&h, start + 2).center();
    click(&mut h, at);
    assert_eq!(h.state().state.selection.span, Some(putin));
}

#[test]
fn ctrl_s_saves_and_reopening_gives_the_same_spans() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, path) = sample_app(dir.path());
    let mut h = harness(app);
    let text = h
        .state()
        .session
        .document()
        .map(|d| d.text.clone())
        .unwrap_or_default();
    let start = char_offset(&text, "Dmitry Peskov", 1);
    drag_chars(&mut h, start, start + 13);
    h.key_press(Key::Num3);
    h.run();
    assert!(h.state().session.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        !h.state().session.is_dirty(),
        "{:?}",
        h.state().state.message
    );
    assert!(!h.state().session.window_title().contains('●'));

    let saved = h.state().session.project().clone();
    let reopened = spanmark::store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reopened, saved);
    let doc = &reopened.documents[0];
    assert!(
        doc.spans
            .iter()
            .any(|s| s.start == start && doc.span_text(s) == "Dmitry Peskov")
    );
}

#[test]
fn save_as_without_a_native_dialog_asks_for_a_path_in_the_window() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(text_app("Some text to keep."));
    drag_chars(&mut h, 0, 4);
    h.key_press(Key::Num2);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().state.prompt().is_some(), "a path prompt opens");
    let target = dir.path().join("new.ron");
    // It suggests a project named after this one; the person types another.
    answer_path_box(&mut h, &target);
    assert!(h.state().state.prompt().is_none());
    let loaded = spanmark::store::load(&target).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.documents[0].spans.len(), 1);
    assert!(h.state().session.window_title().starts_with("new.ron"));
}

#[test]
fn opening_a_broken_file_shows_the_error_and_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format_version: 1, name: \"x\", documents: [(id: 3)])",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(text_app("Keep this."));
    drag_chars(&mut h, 0, 4);
    h.key_press(Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    // Unsaved changes: asked first.
    h.get_by_label("Discard changes").click();
    h.run();
    answer_path_box(&mut h, &bad);
    let msg = h
        .state()
        .state
        .message
        .clone()
        .unwrap_or_else(|| panic!("no message"));
    assert!(msg.text.contains("bad.ron"), "{msg:?}");
    assert!(msg.text.contains("not a valid Spanmark project"), "{msg:?}");
    assert_eq!(spans(&h).len(), 1, "the open work is untouched");
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut h = harness(text_app("Unsaved words."));
    drag_chars(&mut h, 0, 7);
    h.key_press(Key::Num3);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_eq!(spans(&h).len(), 1);
}

#[test]
fn f1_shows_the_shortcut_help_from_the_table() {
    let mut h = harness(text_app("Help me."));
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
    assert!(h.query_by_label("Tag the selection as Entity").is_some());
    assert!(h.query_by_label("Undo the last change").is_some());
}

#[test]
fn a_long_document_scrolls_to_the_end_and_its_last_paragraph_can_be_tagged() {
    // The benchmark's 1.2 MB article with 20,000 spans (Latin, Greek and
    // Cyrillic script only: the test fonts have no CJK or emoji).
    let doc = spanmark_testkit::synth::document(4_000, 20_000, 42, false);
    let text = doc.text.clone();
    assert!(text.len() > 1_000_000);
    let mut project = spanmark::model::Project::new("long");
    project.documents.push(doc);
    let app = spanmark::app::SpanmarkApp::new(spanmark::session::Session::new(project, None));
    let mut h = harness(app);

    // Scroll with the mouse wheel until the end of the text is on screen.
    let len = char_len(&text);
    for _ in 0..40 {
        if h.state()
            .state
            .reader
            .visible_chars()
            .is_some_and(|(_, end)| end == len)
        {
            break;
        }
        h.hover_at(egui::pos2(400.0, 400.0));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -1.0e6),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
    assert_eq!(
        h.state().state.reader.visible_chars().map(|(_, end)| end),
        Some(len),
        "the end of the document is on screen"
    );

    // Drag across the last paragraph's last three words (Alt: exact characters).
    let last_para_start = text.rfind('\n').map_or(0, |b| char_len(&text[..b + 1]));
    let last_para = &text[text.len() - (text.len() - text.rfind('\n').map_or(0, |b| b + 1))..];
    let words: Vec<(usize, &str)> = last_para
        .split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += char_len(w) + 1;
            Some((at, w))
        })
        .collect();
    let (first_at, _) = words[words.len() - 3];
    let start = last_para_start + first_at;
    let end = len - 1; // leave the final full stop out
    let spans_before = h.state().session.document().map_or(0, |d| d.spans.len());
    drag_chars(&mut h, start, end);
    h.key_press(Key::Num2);
    h.run();

    let app = h.state();
    let doc = app.session.document().unwrap_or_else(|| panic!("no doc"));
    assert_eq!(doc.spans.len(), spans_before + 1);
    let new = doc
        .spans
        .iter()
        .find(|s| s.label == "claim" && s.end > start && s.start >= last_para_start)
        .unwrap_or_else(|| panic!("no claim in the last paragraph"));
    let expected = slice_chars(&text, start, end).unwrap_or_default();
    let expected = expected.trim_end_matches(|c: char| !c.is_alphanumeric());
    assert_eq!(doc.span_text(new), expected);
}

#[test]
fn page_keys_and_ctrl_end_move_through_the_document() {
    let doc = spanmark_testkit::synth::document(400, 1_000, 3, false);
    let len = doc.char_len();
    let mut project = spanmark::model::Project::new("medium");
    project.documents.push(doc);
    let mut h = harness(spanmark::app::SpanmarkApp::new(
        spanmark::session::Session::new(project, None),
    ));
    let first = h.state().state.reader.visible_chars().unwrap_or_default();
    assert_eq!(first.0, 0);
    h.key_press(Key::PageDown);
    h.run();
    let paged = h.state().state.reader.visible_chars().unwrap_or_default();
    assert!(
        paged.0 > first.0 && paged.0 < first.1,
        "{first:?} -> {paged:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    assert_eq!(
        h.state().state.reader.visible_chars().map(|v| v.1),
        Some(len)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    h.run();
    assert_eq!(h.state().state.reader.visible_chars().map(|v| v.0), Some(0));
}

#[test]
fn file_export_writes_the_chosen_format_and_reports_the_path() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label("CSV").click();
    h.run();
    let out = dir.path().join("dataset.csv");
    set_field(&mut h, "Destination file", &out.display().to_string());
    h.get_by_label("Export").click();
    step_until(&mut h, |app| app.state.modal.is_none());
    let msg = message(&h);
    assert!(msg.contains("Exported 1 document, 24 spans"), "{msg}");
    assert!(msg.contains("dataset.csv"), "{msg}");
    let mut reader = csv::Reader::from_path(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reader.records().count(), 24);
}
