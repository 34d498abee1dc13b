//! Teams in the window (issue 14): the person's name, the account's unless
//! they chose one, never asked at start, is on every span they make; curation of a merged project by keys and buttons
//! into the gold standard.
#![cfg(feature = "gui")]

use crate::common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use spanmark::analysis::merge;
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, Project, Span, SpanId};
use spanmark::session::Session;

/// The first span of the current document whose text is `text`.
fn find(h: &egui_kittest::Harness<'_, SpanmarkApp>, text: &str) -> Option<Span> {
    let d = doc(h);
    d.spans.iter().find(|s| d.span_text(s) == text).cloned()
}

#[test]
fn nothing_is_asked_at_start_and_spans_carry_the_accounts_name() {
    let mut app = text_app(PESKOV);
    // A first start: no name chosen before.
    app.restore_annotator(None);
    let account = spanmark::app::account_name().unwrap_or_default();
    assert!(!account.is_empty(), "the account has a name");
    let mut h = harness(app);
    // The window's first moments: nothing takes the input.
    for _ in 0..30 {
        h.step();
    }
    assert!(
        h.state().state.modal.is_none(),
        "a dialog was opened at start"
    );
    // The first drag and `3` tag, signed with the account's name.
    let (s, e) = at("Dmitry Peskov");
    tag_chars(&mut h, s, e, Key::Num3);
    let span = find(&h, "Dmitry Peskov").map(|s| s.annotator.clone());
    assert_eq!(span, Some(Some(account.clone())));
    assert!(
        h.query_by_label_contains(&format!("annotating as {account}"))
            .is_some(),
        "the status bar says who"
    );

    // "change" in the status bar: Escape leaves the name as it was.
    h.get_by_label("change").click();
    h.run();
    assert!(h.query_by_label("Your name:").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().state.modal.is_none(), "Escape closes the dialog");
    assert_eq!(h.state().annotator.as_deref(), Some(account.as_str()));

    // Edit > Your name… changes it for what comes next.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Your name…").click();
    h.run();
    set_field(&mut h, "Your name:", "bob");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().annotator_chosen, "a chosen name is remembered");
    let (s, e) = at("Kremlin");
    tag_chars(&mut h, s, e, Key::Num3);
    let span = find(&h, "Kremlin").map(|s| s.annotator.clone());
    assert_eq!(span, Some(Some("bob".to_owned())));
    let first = find(&h, "Dmitry Peskov").map(|s| s.annotator.clone());
    assert_eq!(first, Some(Some(account)), "earlier spans keep theirs");
}

#[test]
fn a_name_chosen_before_is_used_and_no_name_means_none() {
    let mut app = text_app(PESKOV);
    app.restore_annotator(Some(Some("alice".to_owned())));
    assert_eq!(app.annotator.as_deref(), Some("alice"));
    app.restore_annotator(Some(None));
    assert_eq!(app.annotator, None, "the person chose no name");
}

/// alice's and bob's versions of the Peskov paragraph, merged.
fn merged() -> Project {
    let annotate = |who: &str, spans: &[(&str, &str)]| {
        let mut p = Project::new(who);
        let mut d = Document::new("d", "Peskov", PESKOV);
        d.spans = spans
            .iter()
            .enumerate()
            .map(|(i, (needle, label))| {
                let (s, e) = at(needle);
                let mut span = Span::new(SpanId(i as u64 + 1), s, e, *label);
                span.annotator = Some(who.to_owned());
                span
            })
            .collect();
        p.documents.push(d);
        p.ensure_next_ids();
        p
    };
    let alice = annotate(
        "alice",
        &[
            ("Dmitry Peskov", "entity"),
            ("Kremlin", "entity"),
            ("Geneva", "entity"),
        ],
    );
    let bob = annotate(
        "bob",
        &[
            ("Dmitry Peskov", "entity"),
            ("the Kremlin", "entity"),
            ("Reporters", "entity"),
        ],
    );
    merge::merge(
        &[("alice".to_owned(), &alice), ("bob".to_owned(), &bob)],
        "gold",
    )
    .0
}

#[test]
fn curation_accepts_and_rejects_differences_into_the_gold_standard()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("gold.ron");
    spanmark::store::save(&merged(), &path)?;
    let mut h = harness(SpanmarkApp::new(Session::open(&path)?));
    // The agreement table of the merged project's annotators.
    h.get_by_label("Curate").click();
    h.run();
    h.get_by_label("Agreement…").click();
    step_until(&mut h, |app| app.state.agreement_job.is_none());
    h.run();
    assert!(
        h.query_by_label_contains("alice vs bob (1 documents)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Krippendorff's alpha: 0.")
            .is_some()
    );
    h.get_by_label("Close").click();
    h.run();
    h.get_by_label("Curate").click();
    h.run();
    h.get_by_label("Curation").click();
    h.run();
    assert!(h.query_by_label("Annotators: alice, bob").is_some());
    // Kremlin / the Kremlin: boundary (both); Geneva, Reporters: missing.
    assert!(h.query_by_label_contains("4 differences waiting").is_some());
    assert_eq!(h.query_all_by_label("boundary").count(), 2);
    assert_eq!(h.query_all_by_label("missing").count(), 2);

    // Shift+A: the agreed span (Dmitry Peskov) is accepted; the first
    // difference is selected.
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run();
    let gold =
        |h: &egui_kittest::Harness<'_, SpanmarkApp>, text: &str| find(h, text).map(|s| s.gold);
    assert_eq!(gold(&h, "Dmitry Peskov"), Some(true));
    // Geneva comes first in the text: selected, then rejected with X.
    let selected = h.state().state.selection.span;
    assert_eq!(selected, find(&h, "Geneva").map(|s| s.id));
    h.key_press(Key::X);
    h.run();
    assert!(find(&h, "Geneva").is_none(), "rejected spans go");
    // The next waiting in the text is selected: bob's "the Kremlin",
    // accepted with A; alice's "Kremlin", its boundary variant, is
    // rejected in the same step (one undo brings both back).
    assert_eq!(
        h.state().state.selection.span,
        find(&h, "the Kremlin").map(|s| s.id)
    );
    h.key_press(Key::A);
    h.run();
    assert_eq!(gold(&h, "the Kremlin"), Some(true));
    assert!(find(&h, "Kremlin").is_none(), "its rival is rejected");
    assert_eq!(message(&h), "Accepted; 1 rival variant rejected");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(gold(&h, "the Kremlin"), Some(false));
    assert!(find(&h, "Kremlin").is_some(), "undo brings the rival back");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(find(&h, "Kremlin").is_none());
    // The row buttons: accept "Reporters".
    assert_eq!(h.query_all_by_label_contains("Entity: ").count(), 1);
    h.query_all_by_label("Accept")
        .next()
        .ok_or("no accept button")?
        .click();
    h.run();
    assert_eq!(gold(&h, "Reporters"), Some(true));
    assert!(h.query_by_label_contains("all 3 spans decided").is_some());

    // Every decision is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(gold(&h, "Reporters"), Some(false));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = spanmark::store::load(&path)?;
    let spans = &saved.documents[0].spans;
    assert_eq!(spans.len(), 3);
    assert!(
        spans.iter().all(|s| s.gold),
        "the saved project is the gold standard"
    );
    Ok(())
}

/// Krippendorff's alpha of `spanmark agree PATH --json`.
fn cli_alpha(path: &std::path::Path) -> Option<f64> {
    let json = crate::cli_support::agree_json(&[path]).ok()?;
    let v: serde_json::Value = serde_json::from_str(&json).ok()?;
    v.get("alpha")?.as_f64()
}

#[test]
fn agreement_after_curation_is_the_annotators_own_as_on_the_command_line()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("gold.ron");
    spanmark::store::save(&merged(), &path)?;
    let before = cli_alpha(&path).ok_or("no alpha")?;
    let mut h = harness(SpanmarkApp::new(Session::open(&path)?));
    h.get_by_label("Curate").click();
    h.run();
    h.get_by_label("Curation").click();
    h.run();
    // Reject Geneva and Reporters, accept the rest: curation decisions.
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run();
    for _ in 0..2 {
        h.key_press(Key::X);
        h.run();
    }
    h.key_press(Key::A);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(find(&h, "Geneva").is_none(), "rejected");
    h.get_by_label("Curate").click();
    h.run();
    h.get_by_label("Agreement…").click();
    step_until(&mut h, |app| app.state.agreement_job.is_none());
    let shown = match &h.state().state.modal {
        Some(spanmark::app::state::Modal::Agreement(a)) => a.alpha,
        _ => None,
    };
    let alpha = shown.ok_or("no agreement shown")?;
    assert!(
        (alpha - before).abs() < 1e-9,
        "the window shows {alpha}, the annotators' own work {before}"
    );
    let after = cli_alpha(&path).ok_or("no alpha")?;
    assert!((after - before).abs() < 1e-9, "spanmark agree says {after}");
    Ok(())
}

#[test]
fn the_statistics_panel_shows_the_figures_of_spanmark_stats()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("gold.ron");
    let mut p = merged();
    p.documents[0].status = spanmark::model::DocStatus::Done;
    p.documents[0].meta.extra.insert(
        spanmark::model::DONE_ON.into(),
        spanmark::model::MetaValue::Text("2026-12-04".into()),
    );
    p.documents[0]
        .meta
        .set_active_seconds(&[("alice".to_owned(), 300)].into_iter().collect());
    spanmark::store::save(&p, &path)?;
    let json =
        crate::cli_support::spanmark(&["stats".as_ref(), path.as_os_str(), "--json".as_ref()]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    let mut h = harness(SpanmarkApp::new(Session::open(&path)?));
    h.key_press(Key::F4);
    h.run();
    let shown = |text: &str| h.query_all_by_label(text).next().is_some();
    assert!(shown("Documents per status"), "the panel is open");
    assert!(shown("Documents done per day") && shown("2026-12-04"));
    let alpha = v["alpha"].as_f64().ok_or("no alpha")?;
    assert!(
        shown(&format!("{alpha:.3}")),
        "alpha {alpha:.3} as stats says"
    );
    let alice = &v["annotators"]["alice"];
    let row = format!(
        "{} spans ({} suggested, {} by hand), 5 min, {:.1}/min",
        alice["spans"],
        alice["from_suggestions"],
        alice["by_hand"],
        alice["spans_per_minute"].as_f64().unwrap_or(0.0)
    );
    assert!(shown(&row), "alice's row: {row}");
    let entity = v["agreement_by_label"]["entity"]
        .as_f64()
        .ok_or("no entity agreement")?;
    assert!(shown(&format!("{entity:.2}")));
    Ok(())
}
