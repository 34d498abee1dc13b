//! GUI tests for "Show all relations" (issue 12, item 10): every relation
//! drawn as an arc between the lines, its kind never over the text.
#![cfg(feature = "gui")]

use crate::common;

use std::collections::BTreeSet;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use spanmark::app::SpanmarkApp;
use spanmark::model::RelationId;

/// The relations drawn this frame, after checking that no label covers a
/// character of the text on screen.
fn drawn_without_covering_text(h: &Harness<'_, SpanmarkApp>) -> BTreeSet<RelationId> {
    let app = h.state();
    let reader = &app.state.reader;
    let doc = app
        .session
        .document()
        .unwrap_or_else(|| panic!("no document"));
    let (first, last) = reader.visible_chars().unwrap_or((0, 0));
    let glyphs: Vec<_> = (first..last)
        .filter(|&p| doc.text.chars().nth(p).is_some_and(|c| !c.is_whitespace()))
        .filter_map(|p| reader.char_rect(&h.ctx, doc, p))
        .collect();
    for (id, label) in reader.arc_labels() {
        if let Some(g) = glyphs.iter().find(|g| g.shrink(1.0).intersects(*label)) {
            panic!("the label of relation {id:?} at {label:?} covers text at {g:?}");
        }
    }
    reader.arc_labels().iter().map(|(id, _)| *id).collect()
}

#[test]
fn show_all_relations_draws_each_between_the_lines_without_covering_text() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, _) = sample_app(dir.path());
    let mut h = harness(app);
    let all: BTreeSet<RelationId> = doc(&h).relations.iter().map(|r| r.id).collect();
    assert!(all.len() >= 6, "the sample links its quotes and claims");
    assert!(
        drawn_without_covering_text(&h).is_empty(),
        "off at first: only the selected span's relations are drawn"
    );

    // Turned on from the View menu.
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Show all relations").click();
    h.run();
    assert!(h.state().state.reader.show_relations);
    let mut seen = drawn_without_covering_text(&h);
    assert!(
        !seen.is_empty(),
        "the first screen has a claim and its claimant"
    );

    // Page through the article: every relation is drawn somewhere.
    for _ in 0..40 {
        h.key_press(Key::PageDown);
        h.run();
        seen.extend(drawn_without_covering_text(&h));
    }
    assert_eq!(seen, all, "every relation drawn, with its kind");

    // Ctrl+R turns it off again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    assert!(!h.state().state.reader.show_relations);
    assert!(drawn_without_covering_text(&h).is_empty());
}

#[test]
fn the_selected_spans_arrows_carry_no_label_over_the_text() {
    let mut h = harness(text_app(PESKOV));
    let (_, peskov) = tag_quote_and_speaker(&mut h);
    h.key_press(Key::L);
    h.run();
    let target = char_rect(&h, peskov.0 + 2).center();
    click(&mut h, target);
    h.run();
    assert_eq!(doc(&h).relations.len(), 1);
    assert!(drawn_without_covering_text(&h).is_empty());
    // With all relations shown, the kind is drawn, above the line.
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    assert_eq!(drawn_without_covering_text(&h).len(), 1);
}
