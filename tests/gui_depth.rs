//! GUI tests for annotation depth: nesting, snapping, resizing, relabelling,
//! relations, search-and-tag, navigation, attributes, notes, the label editor.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use spanmark::model::text::slice_chars;

const TEXT: &str = PESKOV;

fn text_of(
    h: &egui_kittest::Harness<'_, spanmark::app::SpanmarkApp>,
    id: spanmark::model::SpanId,
) -> String {
    h.state()
        .session
        .document()
        .and_then(|d| d.span(id).map(|s| d.span_text(s).to_owned()))
        .unwrap_or_default()
}

/// A quote and its speaker, tagged in that order: (quote id, speaker id).
fn quote_and_speaker(
    h: &mut egui_kittest::Harness<'_, spanmark::app::SpanmarkApp>,
) -> (spanmark::model::SpanId, spanmark::model::SpanId) {
    let quote = at("“We are satisfied with the talks in Geneva,”");
    let peskov = at("Dmitry Peskov");
    tag_chars(h, peskov.0, peskov.1, Key::Num3);
    tag_chars(h, quote.0, quote.1, Key::Num1);
    (span_id(h, quote.0, quote.1), span_id(h, peskov.0, peskov.1))
}

#[test]
fn nested_spans_are_created_and_clicks_cycle_outward() {
    let mut h = harness(text_app(TEXT));
    let quote = at("“We are satisfied with the talks in Geneva,”");
    let geneva = at("Geneva");
    tag_chars(&mut h, quote.0, quote.1, Key::Num1);
    tag_chars(&mut h, geneva.0, geneva.1, Key::Num3);
    assert_eq!(spans(&h).len(), 2, "{:?}", spans(&h));
    let (q, g) = (
        span_id(&h, quote.0, quote.1),
        span_id(&h, geneva.0, geneva.1),
    );
    assert_eq!(
        text_of(&h, q),
        "“We are satisfied with the talks in Geneva,”"
    );

    let inside = char_rect(&h, geneva.0 + 2).center();
    h.key_press(Key::Escape);
    h.run();
    click(&mut h, inside);
    assert_eq!(h.state().state.selection.span, Some(g), "innermost first");
    click(&mut h, inside);
    assert_eq!(
        h.state().state.selection.span,
        Some(q),
        "then the one around it"
    );
    click(&mut h, inside);
    assert_eq!(h.state().state.selection.span, Some(g), "and round again");

    undo(&mut h);
    assert_eq!(spans(&h).len(), 1);
    redo(&mut h);
    assert_eq!(spans(&h).len(), 2);
}

#[test]
fn alt_turns_word_snapping_off() {
    let mut h = harness(text_app(TEXT));
    let (s, _) = at("Peskov on Monday");
    // From inside "Peskov" ("sk") to inside "Monday" ("Mon").
    let a = char_rect(&h, s + 2).left_center() + egui::vec2(1.0, 0.0);
    let b = char_rect(&h, s + 12).right_center() - egui::vec2(1.0, 0.0);
    drag(&mut h, a, b);
    let snapped = h.state().state.selection.range.unwrap_or_default();
    assert_eq!(
        slice_chars(TEXT, snapped.0, snapped.1),
        Some("Peskov on Monday")
    );

    drag_with(&mut h, a, b, Modifiers::ALT);
    let exact = h.state().state.selection.range.unwrap_or_default();
    assert_eq!(slice_chars(TEXT, exact.0, exact.1), Some("skov on Mon"));
    h.key_press(Key::Num4);
    h.run();
    assert_eq!(spans(&h), vec![(exact.0, exact.1, "event".to_owned())]);
}

#[test]
fn double_click_selects_a_word() {
    let mut h = harness_with_step(text_app(TEXT), 0.02);
    let (s, e) = at("Kremlin");
    let p = char_rect(&h, s + 3).center();
    h.hover_at(p);
    h.run();
    for _ in 0..2 {
        h.drag_at(p);
        h.step();
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    assert_eq!(h.state().state.selection.range, Some((s, e)));
}

#[test]
fn a_span_is_resized_by_dragging_its_handle_and_by_shift_arrows() {
    let mut h = harness(text_app(TEXT));
    let (s, e) = at("Dmitry");
    tag_chars(&mut h, s, e, Key::Num3);
    let id = span_id(&h, s, e);
    assert_eq!(
        h.state().state.selection.span,
        Some(id),
        "a new span is selected"
    );
    let (_, end_handle) = handles(&h);
    // Drag the end handle onto "Peskov": the span grows to "Dmitry Peskov".
    let target = char_rect(&h, e + 4).center();
    drag(&mut h, end_handle.center(), target);
    assert_eq!(text_of(&h, id), "Dmitry Peskov");
    assert_eq!(spans(&h).len(), 1, "resizing makes no new span");

    // Shift+Left takes a character off the end; Alt+Shift+Right off the start.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(text_of(&h, id), "Dmitry Pesko");
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(text_of(&h, id), "mitry Pesko");

    undo(&mut h);
    undo(&mut h);
    assert_eq!(text_of(&h, id), "Dmitry Peskov");
    undo(&mut h);
    assert_eq!(
        text_of(&h, id),
        "Dmitry",
        "the whole drag was one undo step"
    );
    redo(&mut h);
    assert_eq!(text_of(&h, id), "Dmitry Peskov");
}

#[test]
fn number_keys_relabel_the_selected_span_undoably() {
    let mut h = harness(text_app(TEXT));
    let (s, e) = at("Monday");
    tag_chars(&mut h, s, e, Key::Num3);
    h.key_press(Key::Num4);
    h.run();
    assert_eq!(spans(&h), vec![(s, e, "event".to_owned())]);
    undo(&mut h);
    assert_eq!(spans(&h), vec![(s, e, "entity".to_owned())]);
    redo(&mut h);
    assert_eq!(spans(&h), vec![(s, e, "event".to_owned())]);
}

#[test]
fn l_then_click_links_a_quote_to_its_speaker_and_deleting_cascades() {
    let mut h = harness(text_app(TEXT));
    let peskov = at("Dmitry Peskov");
    let (q, p) = quote_and_speaker(&mut h);
    assert_eq!(h.state().state.selection.span, Some(q));

    h.key_press(Key::L);
    h.run();
    assert_eq!(h.state().state.linking, Some(q));
    click_char(&mut h, peskov.0 + 1);
    let rels: Vec<_> = h
        .state()
        .session
        .document()
        .map(|d| {
            d.relations
                .iter()
                .map(|r| (r.kind.clone(), r.from, r.to))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(rels, vec![("said_by".to_owned(), q, p)]);
    assert!(
        h.query_all_by_label_contains("said_by “Dmitry Peskov”")
            .count()
            >= 1,
        "the inspector lists it"
    );

    // Delete the speaker: the relation goes with it, and undo brings both back.
    click_char(&mut h, peskov.0 + 1);
    assert_eq!(h.state().state.selection.span, Some(p));
    h.key_press(Key::Delete);
    h.run();
    let d = doc(&h);
    assert!(d.span(p).is_none());
    assert!(d.relations.is_empty());
    undo(&mut h);
    let d = doc(&h);
    assert!(d.span(p).is_some());
    assert_eq!(d.relations.len(), 1);
}

#[test]
fn the_speaker_picker_in_the_inspector_links_with_the_mouse() {
    let mut h = harness(text_app(TEXT));
    quote_and_speaker(&mut h);
    h.get_by_label("Speaker:").click();
    h.run();
    h.get_by_label_contains("[Dmitry Peskov] on Monday").click();
    h.run();
    let d = doc(&h);
    assert_eq!(d.relations.len(), 1);
    assert_eq!(
        d.relations.iter().next().map(|r| r.kind.as_str()),
        Some("said_by")
    );
}

#[test]
fn search_then_tag_all_is_one_undoable_edit_that_skips_tagged_matches() {
    let mut h = harness(text_app(TEXT));
    // The first "Peskov" (inside "Dmitry Peskov") is tagged already.
    let first = char_offset(TEXT, "Peskov", 1);
    tag_chars(&mut h, first, first + 6, Key::Num3);
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().state.search.open);
    h.get_by_label("Find:").type_text("peskov");
    h.run();
    assert_eq!(h.state().state.search.matches.len(), 3);
    h.get_by_label("Entity").click();
    h.run();
    let entities: Vec<_> = spans(&h)
        .into_iter()
        .filter(|s| s.2 == "entity")
        .map(|s| slice_chars(TEXT, s.0, s.1).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(entities, vec!["Peskov", "Peskov", "Peskov"]);
    let msg = message(&h);
    assert!(
        msg.contains("Tagged 2 matches") && msg.contains("1 already"),
        "{msg}"
    );

    h.get_by_label("Close").click();
    h.run();
    undo(&mut h);
    assert_eq!(
        spans(&h).len(),
        1,
        "one undo step removes all tagged matches"
    );
    redo(&mut h);
    assert_eq!(spans(&h).len(), 3);
}

#[test]
fn tab_and_shift_tab_walk_through_spans() {
    let mut h = harness(text_app(TEXT));
    let a = at("Geneva");
    let b = at("Kremlin");
    tag_chars(&mut h, b.0, b.1, Key::Num3);
    tag_chars(&mut h, a.0, a.1, Key::Num3);
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.state().state.selection.span, Some(span_id(&h, a.0, a.1)));
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.state().state.selection.span, Some(span_id(&h, b.0, b.1)));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(h.state().state.selection.span, Some(span_id(&h, a.0, a.1)));
}

#[test]
fn attributes_and_notes_are_edited_in_the_inspector() {
    let mut h = harness(text_app(TEXT));
    let (s, e) = at("Dmitry Peskov");
    tag_chars(&mut h, s, e, Key::Num3);
    let id = span_id(&h, s, e);
    h.get_by_label("kind").click();
    h.run();
    h.get_by_label("person").click();
    h.run();
    let kind = |h: &egui_kittest::Harness<'_, spanmark::app::SpanmarkApp>| {
        h.state()
            .session
            .document()
            .and_then(|d| d.span(id))
            .and_then(|sp| sp.attrs.get("kind").cloned())
    };
    assert_eq!(kind(&h).as_deref(), Some("person"));

    // Enter opens the note field; the note is saved when focus leaves it.
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Note").type_text("Kremlin spokesman");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let note = h
        .state()
        .session
        .document()
        .and_then(|d| d.span(id))
        .and_then(|sp| sp.note().map(str::to_owned));
    assert_eq!(note.as_deref(), Some("Kremlin spokesman"));
    undo(&mut h);
    let note = h
        .state()
        .session
        .document()
        .and_then(|d| d.span(id))
        .and_then(|sp| sp.note().map(str::to_owned));
    assert_eq!(note, None);
    undo(&mut h);
    assert_eq!(kind(&h), None);
}

#[test]
fn the_label_editor_removes_a_label_in_use_after_asking_and_undo_restores_it() {
    let mut h = harness(text_app(TEXT));
    let (s, e) = at("Monday");
    tag_chars(&mut h, s, e, Key::Num4);
    open_label_editor(&mut h);
    h.get_by_label("Remove Event").click();
    h.run();
    assert!(
        h.query_by_label("Remove the label Event?").is_some(),
        "asks first"
    );
    h.get_by_label("Remove Event and 1 spans").click();
    h.run();
    assert!(spans(&h).is_empty());
    assert!(!h.state().session.project().labels.contains("event"));
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(spans(&h), vec![(s, e, "event".to_owned())]);
    assert!(h.state().session.project().labels.contains("event"));
}

#[test]
fn the_label_editor_renames_and_adds_labels() {
    let mut h = harness(text_app(TEXT));
    open_label_editor(&mut h);
    h.get_by_label("New label:").click();
    h.run();
    h.get_by_label("New label:").type_text("Source");
    h.run();
    h.get_by_label("Add label").click();
    h.run();
    let labels = &h.state().session.project().labels;
    let source = labels
        .get("source")
        .unwrap_or_else(|| panic!("no source label"));
    assert_eq!(source.hotkey, Some('5'));
    // Rename it, apply (one undoable change), close the editor.
    set_field(&mut h, "Name of Source", "Sourced");
    h.get_by_label("Apply changes to Source").click();
    h.run();
    let name = |h: &egui_kittest::Harness<'_, spanmark::app::SpanmarkApp>| {
        h.state()
            .session
            .project()
            .labels
            .get("source")
            .map(|l| l.name.clone())
    };
    assert_eq!(name(&h).as_deref(), Some("Sourced"));
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(name(&h).as_deref(), Some("Source"));
    h.get_by_label("Close window").click();
    h.run();
    assert!(h.state().state.label_editor.is_none());
    let (s, e) = at("Reporters");
    tag_chars(&mut h, s, e, Key::Num5);
    assert_eq!(spans(&h), vec![(s, e, "source".to_owned())]);
}
