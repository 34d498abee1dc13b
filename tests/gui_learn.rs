//! The model that learns from the person, in the window (issue 24): it
//! trains in the background while the person keeps annotating, its
//! suggestions come with the rules' and an accepted one is an ordinary
//! undoable change, Accept all weighs calibrated scores (a quote's speaker
//! only when the pair clears the threshold), and "most uncertain first"
//! orders the documents by what the model is unsure of. Fixture sentences
//! are our own, in the news patterns.
#![cfg(feature = "gui")]

use std::path::Path;

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project, Score, Suggestion};
use spanmark::session::Session;
use spanmark_testkit::news;

/// `done` articles marked done, then two untouched ones (the last two).
fn newsroom(done: usize) -> Project {
    let mut p = Project::new("newsroom");
    p.documents = (0..done).map(news::article).collect();
    p.documents.extend((done..done + 2).map(news::untouched));
    p.ensure_next_ids();
    p
}

/// The app on `project` saved in `dir`, learning switched on.
fn learning_app(dir: &Path, project: &Project) -> Harness<'static, SpanmarkApp> {
    let path = dir.join("newsroom.ron");
    spanmark::store::save(project, &path).unwrap_or_else(|e| panic!("{e}"));
    let session = Session::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(SpanmarkApp::new(session));
    h.state_mut().learn = true;
    h
}

fn open_suggestions(h: &mut Harness<'_, SpanmarkApp>) {
    if h.query_by_label("Learn from my work").is_none() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::B);
        h.run();
        h.get_by_label("Suggestions").click();
        h.run();
    }
}

#[test]
fn training_runs_while_the_person_keeps_annotating() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let project = newsroom(40);
    let mut h = learning_app(dir.path(), &project);
    h.state_mut().session.set_current(40)?;
    h.run();
    open_suggestions(&mut h);
    h.get_by_label("Learn now").click();
    h.step();
    assert!(h.state().state.learner.job.is_some(), "training started");
    // The person goes on tagging while it trains: every frame comes, every
    // edit lands.
    let text = doc(&h).text.clone();
    let mut frames_while_training = 0;
    let mut tagged = 0;
    for (n, who) in news::speakers(40).iter().enumerate() {
        let Some(b) = text.find(who) else { continue };
        let a = text[..b].chars().count();
        if n > 0 {
            h.key_press(Key::Escape);
            h.step();
        }
        drag_chars_busy(&mut h, a, a + who.chars().count());
        h.key_press(Key::Num3);
        h.step();
        tagged += 1;
        if h.state().state.learner.job.is_some() {
            frames_while_training += 1;
        }
    }
    assert_eq!(doc(&h).spans.len(), tagged, "{}", message(&h));
    assert!(frames_while_training > 0, "frames came while it trained");
    step_until(&mut h, |app| app.state.learner.job.is_none());
    let model = h.state().state.learner.model.clone().ok_or("no model")?;
    assert_eq!(model.documents, 40);
    assert!(
        h.query_by_label_contains("learnt from 40 documents")
            .is_some(),
        "the panel says what it learnt from"
    );
    // Kept beside the project.
    let file = spanmark::analysis::learn::model_path(&dir.path().join("newsroom.ron"));
    assert!(spanmark::analysis::learn::load(&file).is_ok());
    // Marking one more document done trains again, by itself.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.step();
    step_until(&mut h, |app| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        app.state
            .learner
            .model
            .as_ref()
            .is_some_and(|m| m.documents == 41)
    });
    Ok(())
}

#[test]
fn a_model_suggestion_accepted_is_an_ordinary_undoable_change()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut h = learning_app(dir.path(), &newsroom(12));
    h.state_mut().session.set_current(12)?;
    h.run();
    open_suggestions(&mut h);
    h.get_by_label("Learn now").click();
    h.step();
    step_until(&mut h, |app| app.state.learner.job.is_none());
    assert!(h.state().state.learner.model.is_some(), "{}", message(&h));
    h.get_by_label("Suggest").click();
    h.run();
    let pending = doc(&h).suggestions.pending.clone();
    let i = pending
        .iter()
        .position(|s| s.source.starts_with("model:spanmark") && s.label == "quote")
        .ok_or_else(|| format!("no model quote in {pending:?}"))?;
    let wanted = (pending[i].start, pending[i].end);
    h.state_mut().state.suggestions.focus = Some(i);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let span = doc(&h)
        .spans
        .iter()
        .find(|s| (s.start, s.end) == wanted)
        .cloned()
        .ok_or("not accepted")?;
    assert!(
        span.suggested()
            .is_some_and(|s| s.starts_with("model:spanmark")),
        "it remembers its suggester: {:?}",
        span.suggested()
    );
    assert!(h.state().session.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        !doc(&h).spans.iter().any(|s| (s.start, s.end) == wanted),
        "undone"
    );
    assert!(
        doc(&h)
            .suggestions
            .pending
            .iter()
            .any(|s| (s.start, s.end) == wanted),
        "offered again"
    );
    Ok(())
}

#[test]
fn accept_all_at_a_threshold_accepts_only_what_the_calibrated_score_allows() {
    let mut p = Project::new("scores");
    let text = "“We are ready,” Peskov said. “Talks go on,” he added. Kremlin staff met.";
    let mut d = Document::new("d", "D", text);
    let r = |needle: &str| {
        let b = text.find(needle).unwrap_or(0);
        let a = text[..b].chars().count();
        (a, a + needle.chars().count())
    };
    let scored = |(a, b): (usize, usize), label: &str, score: f32| {
        let mut s = Suggestion::new(a, b, label, "model:test");
        s.score = Some(Score(score));
        s
    };
    // A sure quote whose speaker is not sure: the pair scores 0.6.
    let mut q1 = scored(r("“We are ready,”"), "quote", 0.95);
    q1.said_by = Some(r("Peskov"));
    q1.pair_score = Some(Score(0.6));
    // A quote sure with its speaker: the pair scores 0.85.
    let mut q2 = scored(r("“Talks go on,”"), "quote", 0.9);
    q2.said_by = Some(r("he"));
    q2.pair_score = Some(Score(0.85));
    let pending = vec![
        q1,
        scored(r("Peskov"), "entity", 0.6),
        q2,
        scored(r("he"), "entity", 0.88),
        scored(r("Kremlin"), "entity", 0.7),
    ];
    d.suggestions.offer(pending, |_, _, _| false);
    p.documents.push(d);
    let mut h = harness(SpanmarkApp::new(Session::new(p, None)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    h.get_by_label("Suggestions").click();
    h.run();
    // At 0.8: both quotes and "he"; Peskov (0.6) stays pending, so the
    // first quote comes without its speaker.
    assert!((h.state().state.suggestions.min_score - 0.8).abs() < 1e-6);
    h.get_by_label("Accept 3").click();
    h.run();
    let d = doc(&h);
    let mut got: Vec<(&str, &str)> = d
        .spans
        .iter()
        .map(|s| (s.label.as_str(), d.span_text(s)))
        .collect();
    got.sort_unstable();
    assert_eq!(
        got,
        [
            ("entity", "he"),
            ("quote", "“Talks go on,”"),
            ("quote", "“We are ready,”")
        ]
    );
    let links: Vec<(&str, &str)> = d
        .relations
        .iter()
        .filter_map(|r| Some((d.span_text(d.span(r.from)?), d.span_text(d.span(r.to)?))))
        .collect();
    assert_eq!(
        links,
        [("“Talks go on,”", "he")],
        "only the pair that clears 0.8"
    );
    assert_eq!(
        d.suggestions.pending.len(),
        2,
        "Peskov and Kremlin stay pending"
    );
}

#[test]
fn the_most_uncertain_documents_come_first() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut h = learning_app(dir.path(), &newsroom(12));
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    h.get_by_label("Sort by").click();
    h.run();
    h.get_by_label("most uncertain first").click();
    h.run();
    // Trained by itself (12 documents done), it measures the two not done.
    step_until(&mut h, |app| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        app.state.learner.uncertainty.by_doc.len() == 2
    });
    h.run();
    let unsure = h.state().state.learner.uncertainty.by_doc.clone();
    let mut open: Vec<(&String, &f32)> = unsure.iter().collect();
    open.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let titles: Vec<String> = open
        .iter()
        .map(|(id, _)| format!("Article {}", id.trim_start_matches('d')))
        .collect();
    let all: Vec<String> = (0..14).map(|n| format!("Article {n}")).collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let order = list_order(&h, &all);
    assert_eq!(
        order[..2],
        titles[..],
        "not done, least sure first: {unsure:?}"
    );
    Ok(())
}

/// A child: a window on a project of 300 articles done, one edit (in the
/// journal), a training started; it waits to be killed while training.
#[test]
#[ignore = "a child process of a_kill_during_training_loses_nothing"]
fn child_training() {
    let (path, journals) = (
        child_env("SPANMARK_PROJECT"),
        child_env("SPANMARK_JOURNALS"),
    );
    let mut h = start(Some(&path), &journals);
    h.state_mut().learn = true;
    h.state_mut()
        .session
        .set_current(300)
        .unwrap_or_else(|e| panic!("{e}"));
    h.run();
    let text = doc(&h).text.clone();
    let who = news::speakers(300)[0];
    let b = text.find(who).unwrap_or_else(|| panic!("{who}"));
    let a = text[..b].chars().count();
    tag_chars(&mut h, a, a + who.chars().count(), Key::Num3);
    assert_eq!(doc(&h).spans.len(), 1);
    h.state_mut().session.flush_journal();
    open_suggestions(&mut h);
    h.get_by_label("Learn now").click();
    h.step();
    assert!(h.state().state.learner.job.is_some(), "training");
    ready_to_be_killed();
}

#[test]
fn a_kill_during_training_loses_nothing() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("newsroom.ron");
    spanmark::store::save(&newsroom(300), &path)?;
    let journals = dir.path().join("journals");
    let child = spawn_child_test(
        "gui_learn::child_training",
        &[
            ("SPANMARK_PROJECT", &path),
            ("SPANMARK_JOURNALS", &journals),
        ],
    );
    kill_when_ready(child);
    // The edit made before the training is offered back.
    let mut h = start(Some(&path), &journals);
    assert!(
        h.query_by_label_contains("Recovered 1 change").is_some(),
        "{}",
        message(&h)
    );
    click_label(&mut h, "Keep them");
    assert_eq!(h.state().session.project().documents[300].spans.len(), 1);
    // The model file, if the training got that far, is whole.
    let model = spanmark::analysis::learn::model_path(&path);
    if model.exists() {
        spanmark::analysis::learn::load(&model)?;
    }
    // Nothing half-written is left beside the project.
    let names: Vec<String> = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp") || n.starts_with(".spanmark-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    Ok(())
}
