//! The window on a large folder project (issue 13): documents not shown are
//! parked out of memory and read back when shown, changed, undone, exported
//! or recovered after a crash, and nothing is lost.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project};
use spanmark::store;

type Opened = (
    egui_kittest::Harness<'static, SpanmarkApp>,
    Project,
    PathBuf,
);

/// A generated corpus of 260 articles (more than the window reads in the
/// foreground) saved as a folder project in `dir`, opened as a person
/// opens it, once read.
fn open_corpus(dir: &Path, seed: u64) -> Result<Opened, Box<dyn std::error::Error>> {
    let corpus = spanmark_testkit::synth::corpus(260, seed);
    let path = dir.join("archive.spanmark");
    store::save(&corpus, &path)?;
    let mut h = start_on(&path);
    step_until(&mut h, |app| app.state.opening.is_none());
    Ok((h, corpus, path))
}

#[test]
fn a_large_project_keeps_only_what_is_shown_in_memory_and_loses_nothing()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (mut h, corpus, path) = open_corpus(dir.path(), 5)?;
    let session = &h.state().session;
    assert_eq!(session.project().documents.len(), 260);
    assert_eq!(session.parked(), 259, "only the document shown is whole");
    // The document list shows every document's span count all the same.
    assert_eq!(session.summary().label_count("entity"), {
        corpus
            .documents
            .iter()
            .map(|d| d.spans.count("entity"))
            .sum::<usize>()
    });
    // Through twenty documents by keys: each read back as saved, no more
    // than the last few whole at once.
    for i in 1..=20 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
        h.run();
        assert_eq!(doc(&h), &corpus.documents[i], "document {i}");
        let s = &h.state().session;
        assert!(s.project().documents.len() - s.parked() <= 10);
    }
    // An edit here and a save; then onwards, another edit, and a crash.
    tag_chars(&mut h, 0, 3, Key::Num3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().session.is_dirty(), "{}", message(&h));
    for _ in 0..12 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
        h.run();
    }
    assert_eq!(doc(&h).id, corpus.documents[32].id);
    assert!(h.state().session.project().documents[20].is_parked());
    // Undo reaches back past the save into the parked document.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).id, corpus.documents[20].id, "{}", message(&h));
    assert_eq!(doc(&h).spans.len(), corpus.documents[20].spans.len());
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    tag_chars(&mut h, 0, 3, Key::Num3);
    h.state().session.flush_journal();
    drop(h); // As after kill -9.
    let mut h = start_on(&path);
    step_until(&mut h, |app| app.state.opening.is_none());
    use egui_kittest::kittest::Queryable as _;
    assert!(h.query_by_label("Unsaved changes recovered").is_some());
    click_label(&mut h, "Keep them");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().session.is_dirty(), "{}", message(&h));
    let saved = store::load(&path)?;
    for (i, (a, b)) in saved.documents.iter().zip(&corpus.documents).enumerate() {
        let added = usize::from(i == 21);
        assert_eq!(a.spans.len(), b.spans.len() + added, "document {i}");
        assert_eq!(a.text, b.text);
    }
    Ok(())
}

/// A word of `d` that no span touches, as a code point range.
fn free_word(d: &Document) -> (usize, usize) {
    let chars: Vec<char> = d.text.chars().collect();
    (1..chars.len().saturating_sub(6))
        .find(|&i| {
            chars[i - 1] == ' '
                && chars[i..i + 5].iter().all(|c| c.is_alphabetic())
                && d.spans.iter().all(|s| s.end + 1 < i || s.start > i + 6)
        })
        .map_or((0, 0), |i| (i, i + 5))
}

#[test]
fn an_export_from_a_large_project_holds_every_document_and_the_unsaved_edit()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (mut h, corpus, _) = open_corpus(dir.path(), 9)?;
    let before = doc(&h).spans.clone();
    let (s, e) = free_word(doc(&h));
    tag_chars(&mut h, s, e, Key::Num3);
    let edited = doc(&h).clone();
    assert!(edited.spans != before && h.state().session.is_dirty());
    assert!(h.state().session.parked() > 250);
    // Exported as doccano JSONL (the default), parked documents read back
    // on the export's thread a chunk at a time.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let out = dir.path().join("dataset.jsonl");
    set_field(&mut h, "Destination file", &out.display().to_string());
    {
        use egui_kittest::kittest::Queryable as _;
        h.get_by_label("Export").click();
    }
    step_until(&mut h, |app| app.state.modal.is_none());
    assert!(
        message(&h).contains("Exported 260 documents"),
        "{}",
        message(&h)
    );
    assert!(
        h.state().session.parked() > 250,
        "still parked in the window"
    );
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 260);
    for (i, (line, d)) in lines.iter().zip(&corpus.documents).enumerate() {
        let d = if i == 0 { &edited } else { d };
        let labels = line["label"].as_array().map(|l| {
            l.iter()
                .map(|t| {
                    (
                        t[0].as_u64(),
                        t[1].as_u64(),
                        t[2].as_str().map(str::to_owned),
                    )
                })
                .collect::<Vec<_>>()
        });
        let want: Vec<_> = d
            .spans
            .iter()
            .map(|s| {
                (
                    Some(s.start as u64),
                    Some(s.end as u64),
                    Some(s.label.clone()),
                )
            })
            .collect();
        assert_eq!(
            labels.map(|mut l| {
                l.sort();
                l
            }),
            Some({
                let mut w = want;
                w.sort();
                w
            }),
            "document {i}"
        );
        assert_eq!(line["text"].as_str(), Some(d.text.as_str()));
    }
    Ok(())
}
