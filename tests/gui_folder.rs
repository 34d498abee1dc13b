//! The window on a folder project (issue 13): open, tag, Ctrl+S writes the
//! one document's file; Save as into a `.spanmark` name makes a folder.
#![cfg(feature = "gui")]

use crate::common;

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

#[test]
fn the_document_list_sorts_by_title_status_and_spans() -> Result<(), Box<dyn std::error::Error>> {
    use egui_kittest::kittest::Queryable as _;
    let mut p = Project::new("desk");
    for (id, title, text) in [
        ("1", "Zelensky in Kyiv", "Zelensky spoke."),
        ("2", "Biden in Washington", "Biden spoke. Harris spoke."),
        ("3", "Macron in Paris", "Macron spoke."),
    ] {
        p.documents.push(Document::new(id, title, text));
    }
    let mut h = harness(SpanmarkApp::new(Session::new(p, None)));
    if h.query_by_label("Sort by").is_none() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::B);
        h.run();
    }
    // Two spans in the second document, one in the third, which is done.
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    tag_chars(&mut h, 0, 5, Key::Num3);
    h.key_press(Key::Escape);
    tag_chars(&mut h, 13, 19, Key::Num3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    tag_chars(&mut h, 0, 6, Key::Num3);
    // Tagging moved it to "in progress"; Ctrl+D moves it on to "done".
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    let titles = ["Zelensky in Kyiv", "Biden in Washington", "Macron in Paris"];
    let order = |h: &egui_kittest::Harness<'_, SpanmarkApp>| list_order(h, &titles);
    assert_eq!(
        order(&h),
        ["Zelensky in Kyiv", "Biden in Washington", "Macron in Paris"]
    );
    let choose = |h: &mut egui_kittest::Harness<'_, SpanmarkApp>, name: &str| {
        h.get_by_label("Sort by").click();
        h.run();
        h.get_by_label(name).click();
        h.run();
    };
    choose(&mut h, "title");
    assert_eq!(
        order(&h),
        ["Biden in Washington", "Macron in Paris", "Zelensky in Kyiv"]
    );
    choose(&mut h, "most spans");
    assert_eq!(
        order(&h),
        ["Biden in Washington", "Macron in Paris", "Zelensky in Kyiv"]
    );
    choose(&mut h, "status");
    assert_eq!(
        order(&h),
        ["Zelensky in Kyiv", "Biden in Washington", "Macron in Paris"]
    );
    // A new span reorders "most spans" at once.
    choose(&mut h, "most spans");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(doc(&h).id, "1");
    // (Esc between tags: a drag starting at the selected span's edge
    // would take its handle.)
    for (a, b, key) in [(0, 8, Key::Num3), (9, 14, Key::Num4), (0, 14, Key::Num2)] {
        h.key_press(Key::Escape);
        h.run();
        tag_chars(&mut h, a, b, key);
    }
    assert_eq!(spans(&h).len(), 3, "{}", message(&h));
    assert_eq!(order(&h)[0], "Zelensky in Kyiv");
    Ok(())
}

#[test]
fn a_large_project_opens_behind_a_progress_screen_and_then_works()
-> Result<(), Box<dyn std::error::Error>> {
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir()?;
    let path = many_articles(dir.path(), 600)?;
    let mut h = start_on(&path);
    // The window is up (and answers) before the project is read (unless
    // the reading beat the first frame).
    let shown_while_reading = h.state().state.opening.is_some();
    if shown_while_reading {
        // Its first document once that is read, a progress screen before.
        let preview = h
            .state()
            .state
            .opening
            .as_ref()
            .is_some_and(|j| j.preview.is_some() || j.editing.is_some());
        let said = if preview { "Reading" } else { "Opening" };
        assert!(
            h.query_by_label_contains(&format!("{said} archive.spanmark"))
                .is_some()
        );
    }
    step_until(&mut h, |app| app.state.opening.is_none());
    assert_eq!(h.state().session.project().documents.len(), 600);
    assert_eq!(h.state().session.path(), Some(path.as_path()));
    assert_eq!(doc(&h).id, "a0");
    tag_chars(&mut h, 0, 6, Key::Num3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().session.is_dirty(), "{}", message(&h));
    assert_eq!(store::load(&path)?.documents[0].spans.len(), 1);

    drop(h);
    // A broken document file: the error screen names it, nothing is lost.
    std::fs::write(path.join("docs/a7.ron"), "(format_version: 1, document: (")?;
    let mut h = start_on(&path);
    step_until(&mut h, |app| app.state.opening.is_none());
    let failure = h.state().state.load_failure.clone();
    let failure = failure.map(|f| f.message).unwrap_or_default();
    assert!(failure.contains("a7.ron"), "{failure}");
    assert!(
        h.query_by_label_contains("a7.ron").is_some(),
        "the error screen names the file"
    );
    Ok(())
}

#[test]
fn the_document_list_sorts_by_annotator() -> Result<(), Box<dyn std::error::Error>> {
    use egui_kittest::kittest::Queryable as _;
    let titles = ["Zelensky in Kyiv", "Biden in Washington", "Macron in Paris"];
    let mut p = Project::new("desk");
    for (i, title) in titles.iter().enumerate() {
        p.documents
            .push(Document::new(i.to_string(), *title, "Someone spoke."));
    }
    let mut h = harness(SpanmarkApp::new(Session::new(p, None)));
    if h.query_by_label("Sort by").is_none() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::B);
        h.run();
    }
    // zoe tags the second article, adam the third; nobody the first.
    for who in ["zoe", "adam"] {
        h.state_mut().session.set_annotator(Some(who.to_owned()));
        h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
        h.run();
        tag_chars(&mut h, 0, 7, Key::Num3);
    }
    h.get_by_label("Sort by").click();
    h.run();
    h.get_by_label("annotator").click();
    h.run();
    let order = list_order(&h, &titles);
    assert_eq!(
        order,
        ["Macron in Paris", "Biden in Washington", "Zelensky in Kyiv"]
    );
    Ok(())
}

#[test]
fn a_large_project_shows_the_document_last_read_first_and_opens_there()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = many_articles(dir.path(), 2_000)?;
    let mut places = spanmark::app::ReadingPlaces::default();
    let place = spanmark::app::Place {
        doc: "a1500".into(),
        char: 7,
    };
    places.remember(&path, place);
    let app = SpanmarkApp::startup_at(
        Some(path.clone()),
        spanmark::app::RecentProjects::default(),
        None,
        places,
    );
    let mut h = harness_unsettled(app, 0.25);
    // The document is shown before the project is read: the one last
    // read (changing it before the read ends: tests/gui_reading.rs).
    let mut previews = 0;
    for _ in 0..400 {
        let Some(job) = &h.state().state.opening else {
            break;
        };
        if let Some(editing) = &job.editing {
            previews += 1;
            assert_eq!(doc(&h).id, "a1500");
            assert_eq!(editing.index, 1500);
            assert_eq!(editing.total, 2_000);
            use egui_kittest::kittest::Queryable as _;
            assert!(
                h.query_by_label_contains("Reading archive.spanmark")
                    .is_some()
            );
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    step_until(&mut h, |app| app.state.opening.is_none());
    // The reading thread sends the first document before it reads the
    // rest, and a frame takes one message: it is always shown.
    assert!(previews >= 1);
    assert_eq!(h.state().session.project().documents.len(), 2_000);
    assert_eq!(doc(&h).id, "a1500");
    assert!(!h.state().session.is_dirty());
    assert!(spans(&h).is_empty());
    Ok(())
}
