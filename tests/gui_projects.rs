//! GUI tests for projects of many documents: switching, status, and
//! importing by dropping files on the window.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use spanmark::app::SpanmarkApp;
use spanmark::model::{DocStatus, Document, Project};
use spanmark::session::Session;

fn three_docs() -> SpanmarkApp {
    let mut p = Project::new("three");
    for (id, title, text) in [
        ("a", "First article", "Alpha text about Zoë."),
        ("b", "Second article", "Beta text about Ann."),
        ("c", "Third article", "Gamma text about Bo."),
    ] {
        p.documents.push(Document::new(id, title, text));
    }
    SpanmarkApp::new(Session::new(p, None))
}

fn current_title(h: &egui_kittest::Harness<'_, SpanmarkApp>) -> String {
    doc(h).title.clone()
}

#[test]
fn documents_are_switched_from_the_list_and_by_keys_with_one_undo_timeline() {
    let mut h = harness(three_docs());
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert!(
        h.query_by_label("Documents").is_some(),
        "the document list shows"
    );
    h.get_by_label("Second article").click();
    h.run();
    assert_eq!(current_title(&h), "Second article");

    // Tag in the second document, go to the third: undo takes back the
    // last change of the project, and shows the document it touched.
    tag_chars(&mut h, 0, 4, Key::Num3);
    assert_eq!(spans(&h).len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(current_title(&h), "Third article");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(current_title(&h), "Second article", "undo shows where");
    assert!(spans(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1, "redo brings it back");

    // The filter narrows the list.
    h.get_by_label("Filter").click();
    h.run();
    h.get_by_label("Filter").type_text("third");
    h.run();
    assert!(h.query_by_label("First article").is_none());
    assert!(h.query_by_label("Third article").is_some());
}

#[test]
fn ctrl_d_cycles_the_status_undoably() {
    let mut h = harness(three_docs());
    let status = |h: &egui_kittest::Harness<'_, SpanmarkApp>| doc(h).status;
    assert_eq!(status(&h), DocStatus::Todo);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(status(&h), DocStatus::InProgress);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(status(&h), DocStatus::Done);
    assert!(h.state().session.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status(&h), DocStatus::InProgress);
}

#[test]
fn dropping_files_on_the_window_imports_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = dir.path().join("dropped.txt");
    std::fs::write(&a, "Dropped article\r\n\r\nIt mentions Zoë twice.")
        .unwrap_or_else(|e| panic!("{e}"));
    let b = dir.path().join("more.md");
    std::fs::write(&b, "# More\n\nSome *markdown*.").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(three_docs());
    drop_files(&mut h, &[a, b]);
    let p = h.state().session.project();
    assert_eq!(p.documents.len(), 5);
    assert_eq!(
        p.documents[3].text,
        "Dropped article\n\nIt mentions Zoë twice."
    );
    assert_eq!(p.documents[4].title, "More");
    assert_eq!(
        current_title(&h),
        "Dropped article",
        "the first imported document opens"
    );
    assert!(h.state().session.is_dirty());
    let msg = message(&h);
    assert!(msg.contains("Imported 2 documents"), "{msg}");
}

#[test]
fn a_bad_dropped_file_imports_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Fine.").unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\xff\xfe\x00\xd8").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(three_docs());
    drop_files(&mut h, &[good, bad]);
    assert_eq!(h.state().session.project().documents.len(), 3);
    let msg = message(&h);
    assert!(
        msg.contains("Nothing imported") && msg.contains("bad.txt"),
        "{msg}"
    );
}
