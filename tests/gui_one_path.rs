//! GUI tests for the defects of "one path for every change": ids that
//! collide after label undo, imports that skip validation, attribute drafts
//! that lose typing, and label hotkeys that clash with commands.
#![cfg(feature = "gui")]

use crate::common;

use std::collections::HashSet;
use std::path::Path;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use spanmark::app::SpanmarkApp;
use spanmark::model::{AttrDef, AttrKind, Document, Project};
use spanmark::session::Session;

const TEXT: &str = PESKOV;

/// Every span id of every document is unique within its document, the
/// project validates, and it survives a save and a reload unchanged.
fn assert_sound(h: &egui_kittest::Harness<'_, SpanmarkApp>, dir: &Path) {
    let project = h.state().session.project();
    for d in &project.documents {
        let ids: Vec<_> = d.spans.iter().map(|s| s.id).collect();
        let unique: HashSet<_> = ids.iter().collect();
        assert_eq!(ids.len(), unique.len(), "span ids of {}: {ids:?}", d.id);
        let rels: Vec<_> = d.relations.iter().map(|r| r.id).collect();
        let unique: HashSet<_> = rels.iter().collect();
        assert_eq!(rels.len(), unique.len(), "relation ids of {}", d.id);
    }
    assert_eq!(project.validate(), Ok(()));
    let path = dir.join("check.ron");
    spanmark::store::save(project, &path).unwrap_or_else(|e| panic!("save: {e}"));
    let back = spanmark::store::load(&path).unwrap_or_else(|e| panic!("reopen: {e}"));
    assert_eq!(&back, project);
}

#[test]
fn undoing_a_label_removal_after_tagging_never_reuses_an_id() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(text_app(TEXT));
    let peskov = at("Dmitry Peskov");
    let monday = at("Monday");
    let kremlin = at("Kremlin");
    tag_chars(&mut h, peskov.0, peskov.1, Key::Num3);
    tag_chars(&mut h, monday.0, monday.1, Key::Num4);
    open_label_editor(&mut h);
    h.get_by_label("Remove Event").click();
    h.run();
    h.get_by_label("Remove Event and 1 spans").click();
    h.run();
    h.get_by_label("Close window").click();
    h.run();
    tag_chars(&mut h, kremlin.0, kremlin.1, Key::Num3);
    assert_eq!(spans(&h).len(), 2);

    // Undo back past the label removal: the event comes back beside the
    // newer span, each with an id of its own.
    undo_until(&mut h, |app| app.session.project().labels.contains("event"));
    redo_all(&mut h);
    undo_until(&mut h, |app| app.session.project().labels.contains("event"));
    let d = doc(&h);
    assert!(d.spans.iter().any(|s| s.label == "event"));
    assert_sound(&h, dir.path());
}

fn undo_until(h: &mut egui_kittest::Harness<'_, SpanmarkApp>, done: impl Fn(&SpanmarkApp) -> bool) {
    for _ in 0..6 {
        if done(h.state()) {
            return;
        }
        undo(h);
    }
    assert!(done(h.state()), "undo never got there: {}", message(h));
}

fn redo_all(h: &mut egui_kittest::Harness<'_, SpanmarkApp>) {
    for _ in 0..6 {
        redo(h);
    }
}

#[test]
fn dropped_files_with_clashing_foreign_ids_import_as_a_valid_project() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Label Studio: region ids "T5" and "5" are different regions.
    let ls = dir.path().join("ls.json");
    std::fs::write(
        &ls,
        r#"[{"data": {"text": "Peskov met Putin."}, "annotations": [{"result": [
            {"id": "T5", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 6, "labels": ["entity"]}},
            {"id": "5", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 11, "end": 16, "labels": ["entity"]}},
            {"type": "relation", "from_id": "T5", "to_id": "5", "direction": "right", "labels": ["about"]}
        ]}]}]"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // doccano JSONL: two relations with one id.
    let jsonl = dir.path().join("d.jsonl");
    std::fs::write(
        &jsonl,
        r#"{"text": "Peskov met Putin.", "entities": [{"id": 1, "start_offset": 0, "end_offset": 6, "label": "entity"}, {"id": 2, "start_offset": 11, "end_offset": 16, "label": "entity"}], "relations": [{"id": 7, "from_id": 1, "to_id": 2, "type": "about"}, {"id": 7, "from_id": 2, "to_id": 1, "type": "about"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // brat: two relations with one id.
    let txt = dir.path().join("b.txt");
    std::fs::write(&txt, "Peskov met Putin.").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("b.ann"),
        "T1\tentity 0 6\tPeskov\nT2\tentity 11 16\tPutin\nR1\tabout Arg1:T1 Arg2:T2\nR1\tabout Arg1:T2 Arg2:T1\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));

    let mut h = harness(text_app(TEXT));
    for file in [&ls, &jsonl, &txt] {
        drop_files(&mut h, std::slice::from_ref(file));
    }
    let p = h.state().session.project();
    assert_eq!(p.documents.len(), 4, "{}", message(&h));
    for d in &p.documents[1..] {
        assert_eq!(d.spans.len(), 2, "{}: every region kept", d.id);
    }
    assert_eq!(p.documents[1].relations.len(), 1);
    assert_eq!(p.documents[2].relations.len(), 2);
    assert_eq!(p.documents[3].relations.len(), 2);
    assert_sound(&h, dir.path());
}

fn event_with_two_text_attributes() -> SpanmarkApp {
    let mut project = Project::new("test");
    if let Some(event) = project.labels.0.iter_mut().find(|l| l.id == "event") {
        event.attributes = vec![
            AttrDef::new("kind", AttrKind::Text),
            AttrDef::new("place", AttrKind::Text),
        ];
    }
    project.documents.push(Document::new("doc", "Doc", TEXT));
    SpanmarkApp::new(Session::new(project, None))
}

#[test]
fn two_free_text_attributes_keep_what_is_typed_in_each() {
    let mut h = harness(event_with_two_text_attributes());
    let talks = at("the talks in Geneva");
    tag_chars(&mut h, talks.0, talks.1, Key::Num4);
    h.get_by_label("kind").click();
    h.run();
    h.get_by_label("kind").type_text("negotiation");
    h.run();
    h.get_by_label("place").click();
    h.run();
    h.get_by_label("place").type_text("Geneva");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let span = doc(&h)
        .spans
        .iter()
        .find(|s| s.label == "event")
        .cloned()
        .unwrap_or_else(|| panic!("no event"));
    assert_eq!(
        span.attrs.get("kind").map(String::as_str),
        Some("negotiation")
    );
    assert_eq!(span.attrs.get("place").map(String::as_str), Some("Geneva"));
}

#[test]
fn the_label_editor_refuses_a_hotkey_that_a_command_owns() {
    let mut h = harness(text_app(TEXT));
    open_label_editor(&mut h);
    h.get_by_label("Edit Event").click();
    h.run();
    // Event's hotkey field shows "4"; what is typed stays in the field.
    for (was, key, owner) in [("4", "l", "Link"), ("l", "?", "Keyboard shortcuts")] {
        h.get_by(|n| {
            n.role() == egui::accesskit::Role::TextInput && n.value().as_deref() == Some(was)
        })
        .click();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by(|n| n.role() == egui::accesskit::Role::TextInput && n.is_focused())
            .type_text(key);
        h.run();
        h.get_by_label("Apply changes to Event").click();
        h.run();
        let hotkey = h
            .state()
            .session
            .project()
            .labels
            .get("event")
            .and_then(|l| l.hotkey);
        assert_eq!(hotkey, Some('4'), "{key} refused");
        let msg = message(&h);
        assert!(msg.contains(owner), "{key}: {msg}");
    }
}

#[test]
fn menus_show_shortcuts_in_the_platform_s_own_notation() {
    let mut h = harness(text_app(TEXT));
    h.ctx.set_os(egui::os::OperatingSystem::Mac);
    h.get_by_label("Edit").click();
    h.run();
    let redo = h.ctx.format_shortcut(&egui::KeyboardShortcut::new(
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::Z,
    ));
    assert!(
        h.query_by_label(&format!("Redo {redo}")).is_some(),
        "Redo {redo}"
    );
}
