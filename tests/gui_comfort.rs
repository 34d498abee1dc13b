//! GUI tests for the small things of a day of annotating (issue 12): each
//! drives the real window with pointer and keys.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use spanmark::app::SpanmarkApp;
use spanmark::app::state::Modal;

fn prompt_text(h: &egui_kittest::Harness<'_, SpanmarkApp>) -> Option<String> {
    match &h.state().state.modal {
        Some(Modal::PathPrompt(p)) => Some(p.text.clone()),
        _ => None,
    }
}

#[test]
fn enter_confirms_the_in_window_path_box() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(text_app("Some text to keep."));
    drag_chars(&mut h, 0, 4);
    h.key_press(Key::Num2);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let target = dir.path().join("kept.ron");
    set_field(
        &mut h,
        "Type the path of the project file:",
        &target.display().to_string(),
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(prompt_text(&h), None, "Enter closes the box");
    let saved = spanmark::store::load(&target).unwrap_or_else(|e| panic!("not saved: {e}"));
    assert_eq!(saved.documents[0].spans.len(), 1);
}

#[test]
fn save_as_suggests_a_project_beside_the_article() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let article = dir.path().join("peskov.txt");
    std::fs::write(&article, PESKOV).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(SpanmarkApp::article(&article));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let suggested = dir.path().join("peskov.ron");
    assert_eq!(prompt_text(&h), Some(suggested.display().to_string()));
    h.key_press(Key::Enter);
    h.run();
    assert!(suggested.is_file(), "saved where suggested");
}

#[test]
fn the_open_box_opens_an_article_as_the_command_line_does() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let article = dir.path().join("peskov.txt");
    std::fs::write(&article, PESKOV).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(text_app("Nothing here."));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    set_field(
        &mut h,
        "Type the path of the project file (or an article):",
        &article.display().to_string(),
    );
    h.key_press(Key::Enter);
    h.run();
    let text = h.state().session.document().map(|d| d.text.clone());
    assert_eq!(text.as_deref(), Some(PESKOV), "{}", message(&h));
    assert!(h.state().session.path().is_none(), "an unsaved project");
}

/// Open File > Export, pick `format` by its menu name, write to `out`.
fn export_as(h: &mut egui_kittest::Harness<'_, SpanmarkApp>, format: &str, out: &std::path::Path) {
    use egui_kittest::kittest::Queryable as _;
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label(format).click();
    h.run();
    set_field(h, "Destination file", &out.display().to_string());
    h.get_by_label("Export").click();
    step_until(h, |app| app.state.modal.is_none());
}

fn export_dialog(h: &egui_kittest::Harness<'_, SpanmarkApp>) -> Option<(String, String)> {
    match &h.state().state.modal {
        Some(Modal::Export(d)) => Some((d.format.name().to_owned(), d.path.clone())),
        _ => None,
    }
}

#[test]
fn the_export_dialog_remembers_the_format_and_says_what_conll_holds() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    let out = dir.path().join("sample.conll");
    export_as(&mut h, "CoNLL IOB2", &out);
    let msg = message(&h);
    assert!(out.is_file(), "{msg}");
    // One document, and no relation count: CoNLL holds none.
    assert!(msg.starts_with("Exported 1 document, "), "{msg}");
    assert!(!msg.contains("0 relations"), "{msg}");
    assert!(!msg.contains("--label"), "the window has no flags: {msg}");
    assert!(
        msg.contains("CoNLL layer"),
        "names the window's control: {msg}"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let (format, path) = export_dialog(&h).unwrap_or_else(|| panic!("no export dialog"));
    assert_eq!(format, "CoNLL IOB2", "the format chosen last time");
    assert_eq!(path, out.display().to_string(), "and where it went");
}

#[test]
fn undo_selects_the_span_it_brings_back() {
    let mut h = harness(text_app(PESKOV));
    let peskov = at("Dmitry Peskov");
    tag_chars(&mut h, peskov.0, peskov.1, Key::Num3);
    let id = span_id(&h, peskov.0, peskov.1);
    click_char(&mut h, peskov.0 + 1);
    assert_eq!(h.state().state.selection.span, Some(id));
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().state.selection.span, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1);
    assert_eq!(
        h.state().state.selection.span,
        Some(id),
        "the span is back and selected, as before it was deleted"
    );
    // Redo removes it again.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(spans(&h).is_empty());
}

#[test]
fn tag_all_takes_whole_words_unless_told_otherwise() {
    use egui_kittest::kittest::Queryable as _;
    let text = "Russia said the Russian Ministry of Defense would reply to Russia’s critics.";
    let mut h = harness(text_app(text));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:").type_text("Russia");
    h.run();
    h.get_by_label("Entity").click();
    h.run();
    let texts: Vec<String> = spans(&h)
        .iter()
        .map(|(s, e, _)| text.chars().skip(*s).take(e - s).collect())
        .collect();
    assert_eq!(texts, ["Russia", "Russia"], "not inside “Russian”");
    assert_eq!(spans(&h)[1].0, char_offset(text, "Russia’s", 1));

    // Turned off, a match may sit inside a word.
    h.get_by_label("Whole words").click();
    h.run();
    h.get_by_label("Claim").click();
    h.run();
    let claims = spans(&h).iter().filter(|s| s.2 == "claim").count();
    assert_eq!(claims, 3, "{:?}", spans(&h));
}

#[test]
fn the_side_panel_never_squeezes_the_text() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    let before = h.state().state.reader.wrap_width();
    // The entity that a claim and a quote both point to (T17).
    for _ in 0..40 {
        if h.state().state.selection.span == Some(spanmark::model::SpanId(17)) {
            break;
        }
        h.key_press(Key::Tab);
        h.run();
    }
    assert_eq!(
        h.state().state.selection.span,
        Some(spanmark::model::SpanId(17))
    );
    h.run();
    let selected = h.state().state.reader.wrap_width();
    assert!(
        selected >= before - 1.0,
        "the text keeps its width: {before} then {selected}"
    );
    h.key_press(Key::Escape);
    h.run();
    let after = h.state().state.reader.wrap_width();
    assert!(after >= before - 1.0, "{before} then {after}");
}

#[test]
fn hover_and_the_span_list_show_attributes_and_note() {
    use egui_kittest::kittest::Queryable as _;
    let mut h = harness(text_app(PESKOV));
    let (s, e) = at("Dmitry Peskov");
    tag_chars(&mut h, s, e, Key::Num3);
    h.get_by_label("kind").click();
    h.run();
    h.get_by_label("person").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Note").type_text("Kremlin spokesman");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let details = "kind: person · note: Kremlin spokesman";

    h.hover_at(char_rect(&h, s + 3).center());
    for _ in 0..4 {
        h.run();
    }
    assert!(
        h.query_by_label_contains(details).is_some(),
        "the tooltip shows the attributes and the note"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    // The tab (the doc panel's count line may say "Spans" too).
    if let Some(tab) = h.get_all_by_label("Spans").next() {
        tab.click();
    }
    h.run();
    assert_eq!(
        h.state().state.left,
        Some(spanmark::app::state::LeftTab::Spans)
    );
    assert!(
        h.query_by_label_contains(&format!("Dmitry Peskov  ({details})"))
            .is_some(),
        "so does the span list"
    );
}

#[test]
fn the_speaker_picker_tells_mentions_apart_and_offers_the_nearest_first() {
    use egui_kittest::kittest::Queryable as _;
    let text = "Peskov arrived in Geneva. Later Peskov smiled at reporters. \
                “We are satisfied,” he said. Then Peskov left for Moscow.";
    let mut h = harness(text_app(text));
    for nth in 1..=3 {
        let s = char_offset(text, "Peskov", nth);
        tag_chars(&mut h, s, s + 6, Key::Num3);
    }
    let q = char_offset(text, "“We are satisfied,”", 1);
    tag_chars(
        &mut h,
        q,
        q + "“We are satisfied,”".chars().count(),
        Key::Num1,
    );
    h.get_by_label("Speaker:").click();
    h.run();
    let items: Vec<String> = h
        .get_all_by(|n| n.label().is_some_and(|l| l.starts_with("Peskov")))
        .filter_map(|n| {
            use egui_kittest::kittest::NodeT as _;
            n.accesskit_node().label()
        })
        .collect();
    assert_eq!(items.len(), 3, "{items:?}");
    // Each mention with its context; none stands by a speech verb (the
    // speaker is “he”, untagged), so the nearest comes first, on either side
    // (speech verbs first: linking::tests).
    assert!(items[0].contains("left for"), "{items:?}");
    assert!(items[1].contains("smiled at"), "{items:?}");
    assert!(items[2].contains("arrived in"), "{items:?}");
    assert!(
        !items.iter().any(|i| i.contains("speech verb")),
        "{items:?}"
    );
    h.get_by_label(&items[1]).click();
    h.run();
    let speaker = doc(&h).relations.iter().next().map(|r| r.to);
    let smiled = span_id(
        &h,
        char_offset(text, "Peskov", 2),
        char_offset(text, "Peskov", 2) + 6,
    );
    assert_eq!(speaker, Some(smiled));
}

#[test]
fn a_project_opens_where_it_was_left() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("two.ron");
    let mut project = spanmark::model::Project::new("two");
    project
        .documents
        .push(spanmark::model::Document::new("a", "A", PESKOV));
    let long = vec![PESKOV; 300].join("\n\n");
    project
        .documents
        .push(spanmark::model::Document::new("b", "B", &long));
    spanmark::store::save(&project, &path).unwrap_or_else(|e| panic!("{e}"));

    let mut storage = MemoryStorage::default();
    let left_at = {
        let session = spanmark::session::Session::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut app = SpanmarkApp::new(session);
        app.remember_recent = true;
        let mut h = harness(app);
        h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
        h.run();
        for _ in 0..6 {
            h.key_press(Key::PageDown);
            h.run();
        }
        let at = h.state().state.reader.visible_chars().map(|v| v.0);
        assert!(at.is_some_and(|c| c > 1000), "{at:?}");
        eframe::App::save(h.state_mut(), &mut storage);
        at.unwrap_or_default()
    };

    let session = spanmark::session::Session::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut app = SpanmarkApp::new(session);
    app.places = spanmark::app::ReadingPlaces::load(Some(&storage));
    app.restore_place();
    let mut h = harness(app);
    for _ in 0..4 {
        h.run();
    }
    assert_eq!(h.state().session.current_index(), 1, "the same document");
    let view = h.state().state.reader.visible_chars();
    assert!(
        view.is_some_and(|(a, b)| a <= left_at && left_at < b),
        "{left_at} in view: {view:?}"
    );
}
