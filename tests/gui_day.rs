//! A team's working day in the window (issue 26): the small things that
//! cost minutes, each as a person meets it.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project};
use spanmark::session::Session;

/// A project of `n` short articles titled "Article 0", "Article 1", …
fn articles(n: usize) -> SpanmarkApp {
    let mut p = Project::new("desk");
    for i in 0..n {
        p.documents.push(Document::new(
            format!("a{i}"),
            format!("Article {i}"),
            format!("Text of article {i}."),
        ));
    }
    SpanmarkApp::new(Session::new(p, None))
}

#[test]
fn every_press_of_next_document_counts_and_the_list_follows() {
    let mut h = harness(articles(60));
    if h.query_by_label("Sort by").is_none() {
        key(&mut h, Modifiers::COMMAND, Key::B);
    }
    // Ten presses faster than frames are drawn: one frame sees them all.
    for _ in 0..10 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    }
    h.run();
    assert_eq!(h.state().session.current_index(), 10);
    for _ in 0..35 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    }
    h.run();
    assert_eq!(h.state().session.current_index(), 45);
    // The list scrolled to the document shown.
    let row = h
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l == "Article 45")
        })
        .count();
    assert_eq!(row, 1, "the row of the document shown is in view");
}

#[test]
fn alt_down_starts_from_the_caret_and_escape_keeps_it() {
    let mut h = harness(text_app(PESKOV));
    // A click lower in the text puts the caret there.
    let (s, _) = at("Peskov added");
    click_char(&mut h, s);
    let caret = h.state().state.selection.caret.unwrap_or_default();
    assert!((s..=s + 1).contains(&caret), "caret {caret}");
    key(&mut h, Modifiers::ALT, Key::ArrowDown);
    let range = h.state().state.selection.range;
    let (a, b) = range.unwrap_or_else(|| panic!("nothing selected"));
    assert_eq!(
        &PESKOV.chars().skip(a).take(b - a).collect::<String>(),
        "Peskov added that the Kremlin expects progress.",
        "the sentence at the caret, not the one above it"
    );
    // Escape clears the selection and keeps the caret.
    key(&mut h, Modifiers::NONE, Key::Escape);
    let sel = &h.state().state.selection;
    assert_eq!(sel.range, None);
    assert!(sel.caret.is_some(), "the caret stays");
}

#[test]
fn tag_all_buttons_stay_put_as_the_count_changes_and_the_message_counts_right() {
    let text = format!("Peskov spoke. {}", "Kyiv and Kyiv again. ".repeat(6));
    let mut h = harness(text_app(&text));
    key(&mut h, Modifiers::COMMAND, Key::F);
    let entity_x = |h: &egui_kittest::Harness<'_, SpanmarkApp>| {
        h.get_all_by_label("Entity")
            .last()
            .map(|n| n.rect().min.x)
            .unwrap_or_else(|| panic!("no Tag all button"))
    };
    h.get_by_label("Find:").type_text("Peskov");
    h.run();
    let one = entity_x(&h);
    key(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(entity_x(&h), one, "“1 of 1” moved the buttons");
    set_field(&mut h, "Find:", "Kyiv");
    assert_eq!(h.state().state.search.matches.len(), 12);
    assert_eq!(entity_x(&h), one, "“12 matches” moved the buttons");
    h.get_all_by_label("Entity")
        .last()
        .unwrap_or_else(|| panic!("no Tag all button"))
        .click();
    h.run();
    assert_eq!(message(&h), "Tagged 12 matches as Entity");
    set_field(&mut h, "Find:", "Peskov");
    h.get_all_by_label("Entity")
        .last()
        .unwrap_or_else(|| panic!("no Tag all button"))
        .click();
    h.run();
    assert_eq!(message(&h), "Tagged 1 match as Entity");
}

#[test]
fn the_status_bar_shows_hebrew_in_reading_order_and_long_messages_do_not_overlap() {
    let text = "The sign said שלום עולם in Hebrew.";
    let mut h = harness_with_system_fonts(text_app(text));
    let s = char_offset(text, "שלום", 1);
    tag_chars(&mut h, s, s + "שלום עולם".chars().count(), Key::Num3);
    let said = message(&h);
    assert!(said.contains("שלום עולם"), "logical in the message: {said}");
    let shown: Vec<String> = h
        .query_all_by_label_contains("as Entity")
        .filter_map(|n| n.accesskit_node().label().or_else(|| n.value()))
        .collect();
    assert!(
        shown.iter().any(|l| l.contains("עולם שלום")),
        "the status bar draws the words right to left: {shown:?}"
    );
    // A long message is cut before the right side of the bar.
    h.state_mut().state.info("x".repeat(400));
    h.run();
    let message_rect = h
        .query_all_by_label_contains("xxxxxxxx")
        .next()
        .map(|n| n.rect())
        .unwrap_or_else(|| panic!("no message"));
    let right = h.get_by_label("change").rect();
    assert!(
        message_rect.max.x < right.min.x - 100.0,
        "the message runs under the status at the right: {message_rect:?} {right:?}"
    );
}

#[test]
fn the_left_panel_comes_back_on_relaunch() {
    let mut h = harness(articles(3));
    key(&mut h, Modifiers::COMMAND, Key::B);
    let shown = h.state().state.left;
    assert!(shown.is_some(), "Ctrl+B shows the left panel");
    let mut memory = MemoryStorage::default();
    h.state_mut().save_settings(&mut memory);
    // The next run.
    let mut app = articles(3);
    app.load_settings(Some(&memory));
    let h = harness(app);
    assert_eq!(h.state().state.left, shown);
    assert!(
        h.query_by_label("Sort by").is_some(),
        "the document list is shown"
    );
}

#[test]
fn a_handle_taken_by_the_edge_of_its_knob_resizes() {
    // Pressed near the outer rim of a knob (the start's is on top of its
    // bar, the end's below), dragged, released there.
    let text = "A first paragraph.\n\nKremlin spokesman Dmitry Peskov said so on Monday.";
    for (which, dy) in [("start", -9.0f32), ("end", 9.0)] {
        let mut h = harness(text_app(text));
        let s = char_offset(text, "Dmitry", 1);
        tag_chars(&mut h, s, s + "Dmitry Peskov".chars().count(), Key::Num3);
        let (start, end) = handles(&h);
        let (knob, target) = if which == "start" {
            (start.center_top(), char_offset(text, "spokesman", 1))
        } else {
            (end.center_bottom(), char_offset(text, " on Monday", 1))
        };
        let knob = knob + egui::vec2(0.0, dy);
        let t = char_rect(&h, target);
        let to = egui::pos2(
            if which == "start" {
                t.min.x + 1.0
            } else {
                t.min.x - 1.0
            },
            knob.y,
        );
        drag(&mut h, knob, to);
        let d = doc(&h);
        let texts: Vec<&str> = d.spans.iter().map(|sp| d.span_text(sp)).collect();
        let expected = if which == "start" {
            "spokesman Dmitry Peskov"
        } else {
            "Dmitry Peskov said so"
        };
        assert_eq!(
            texts,
            [expected],
            "{which} knob taken {dy} px out: {}",
            message(&h)
        );
    }
}

#[test]
fn a_long_address_in_the_metadata_never_widens_the_side_panel() {
    let mut p = Project::new("desk");
    let mut d = Document::new("a", "A", PESKOV);
    let url = format!(
        "https://example.org/{}",
        "very-long-path-segment/".repeat(12)
    );
    d.meta
        .extra
        .insert("url".into(), spanmark::model::MetaValue::Text(url));
    p.documents.push(d);
    let mut h = harness(SpanmarkApp::new(Session::new(p, None)));
    let before = h.state().state.reader.wrap_width();
    h.get_by_label("Metadata (1)").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("very-long-path")
            .next()
            .is_some(),
        "expanded"
    );
    let after = h.state().state.reader.wrap_width();
    assert!(
        (after - before).abs() < 1.0,
        "the reader was squeezed from {before} to {after}"
    );
}

#[test]
fn a_label_swatch_never_parts_from_its_name_when_the_list_wraps() {
    let mut p = Project::new("desk");
    for (label, name) in p.labels.0.iter_mut().zip([
        "Quotation of a source",
        "Claim worth a check",
        "Named entity of any kind",
        "Event in the news",
    ]) {
        label.name = name.to_owned();
    }
    let mut d = Document::new("a", "A", PESKOV);
    for (i, (needle, label)) in [
        ("Kremlin", "entity"),
        ("Monday", "event"),
        ("Geneva", "claim"),
    ]
    .iter()
    .enumerate()
    {
        let (s, e) = at(needle);
        let _ = d.spans.insert(spanmark::model::Span::new(
            spanmark::model::SpanId(i as u64 + 1),
            s,
            e,
            *label,
        ));
    }
    p.documents.push(d);
    p.ensure_next_ids();
    let h = harness(SpanmarkApp::new(Session::new(p, None)));
    let row = 14.0 * 1.6;
    for name in ["Named", "Event", "Claim"] {
        let rect = h
            .query_all_by_label_contains(name)
            .map(|n| n.rect())
            .find(|r| r.min.x > 880.0)
            .unwrap_or_else(|| panic!("{name} not in the inspector"));
        assert!(rect.height() < row, "{name} is cut across lines: {rect:?}");
    }
}

#[test]
fn the_label_editor_opens_below_the_bars_and_the_menu_stays_usable() {
    let mut h = harness(text_app(PESKOV));
    open_label_editor(&mut h);
    let title = h
        .query_all_by_label("Labels")
        .map(|n| n.rect())
        .reduce(|a, b| a.union(b))
        .unwrap_or_else(|| panic!("no Labels window"));
    let tag_bar = h.get_by_label("Tag as:").rect();
    assert!(
        title.min.y > tag_bar.max.y,
        "the window {title:?} covers the bars (tag bar {tag_bar:?})"
    );
    // The menu under the window's corner still opens.
    h.get_by_label("File").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("Save as").next().is_some(),
        "the File menu opened"
    );
}

#[test]
fn showing_all_relations_keeps_the_line_under_the_pointer_in_place() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    // Down the article a little, the pointer on a line in the middle.
    h.key_press(Key::PageDown);
    h.run_steps(60);
    let (first, last) = h
        .state()
        .state
        .reader
        .visible_chars()
        .unwrap_or_else(|| panic!("nothing shown"));
    let text: Vec<char> = doc(&h).text.chars().collect();
    let c = ((first + last) / 2..last)
        .find(|&i| text[i].is_alphabetic())
        .unwrap_or_else(|| panic!("no word shown"));
    let before = char_rect(&h, c);
    assert!(before.min.y > 200.0, "a line in the middle: {before:?}");
    h.hover_at(before.center());
    h.run();
    for round in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::R);
        h.run_steps(60);
        let now = char_rect(&h, c);
        assert!(
            (now.min.y - before.min.y).abs() < 2.0,
            "round {round}: the line moved from {} to {}",
            before.min.y,
            now.min.y
        );
    }
}

#[test]
fn the_path_box_completes_with_tab_and_lists_the_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("articles")).unwrap_or_else(|e| panic!("{e}"));
    for name in ["desk-2025.ron", "desk-2026.ron"] {
        std::fs::write(dir.path().join(name), "").unwrap_or_else(|e| panic!("{e}"));
    }
    let mut h = harness(text_app(PESKOV));
    key(&mut h, Modifiers::COMMAND, Key::O);
    let field = "Type the path of the project file (or an article):";
    set_field(&mut h, field, &format!("{}/de", dir.path().display()));
    h.key_press(Key::Tab);
    h.run();
    let typed = || -> String {
        match &h.state().state.modal {
            Some(spanmark::app::state::Modal::PathPrompt(p)) => p.text.clone(),
            _ => String::new(),
        }
    };
    assert_eq!(
        typed(),
        format!("{}/desk-202", dir.path().display()),
        "as far as the names agree"
    );
    // The list shows the two that fit; a click takes one.
    assert!(h.query_by_label("desk-2025.ron").is_some());
    assert!(h.query_by_label("articles/").is_none(), "only what fits");
    h.get_by_label("desk-2026.ron").click();
    h.run();
    let typed = match &h.state().state.modal {
        Some(spanmark::app::state::Modal::PathPrompt(p)) => p.text.clone(),
        _ => String::new(),
    };
    assert_eq!(typed, format!("{}/desk-2026.ron", dir.path().display()));
}
