//! The window on a folder project (issue 13): open, tag, Ctrl+S writes the
//! one document's file; Save as into a `.spanmark` name makes a folder.
#![cfg(feature = "gui")]

mod common;

use common::*;
use egui::{Key, Modifiers};
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project};
use spanmark::session::Session;
use spanmark::store;

#[test]
fn the_window_saves_a_folder_project_one_document_at_a_time()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.spanmark");
    let mut p = Project::new("desk");
    p.documents
        .push(Document::new("one", "One", "Peskov spoke on Monday."));
    p.documents
        .push(Document::new("two", "Two", "Zelensky spoke on Tuesday."));
    store::save(&p, &path)?;
    let untouched = std::fs::read(path.join("docs/one.ron"))?;
    let manifest = std::fs::read(path.join("project.ron"))?;

    let mut h = harness(SpanmarkApp::new(Session::open(&path)?));
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(doc(&h).id, "two");
    tag_chars(&mut h, 0, 8, Key::Num3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().session.is_dirty(), "{}", message(&h));

    let saved = store::load(&path)?;
    assert_eq!(saved.documents[1].spans.len(), 1);
    assert_eq!(std::fs::read(path.join("docs/one.ron"))?, untouched);
    assert_eq!(std::fs::read(path.join("project.ron"))?, manifest);

    // Save as a new folder project, from the in-window path box.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let copy = dir.path().join("copy.spanmark");
    answer_path_box(&mut h, &copy);
    assert_eq!(store::load(&copy)?, saved);
    assert_eq!(h.state().session.path(), Some(copy.as_path()));
    Ok(())
}
