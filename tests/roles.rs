//! Typed roles (issue 24): a label says what it is for, and the rules, the
//! speaker picker and linking read that, never the label's id. A project
//! in German (`zitat`, `sprecher`, relation `gesagt_von`) gets the same
//! suggestions and the same picker as the default one; a project saved
//! before roles existed reads with today's defaults.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable as _;
use spanmark::app::SpanmarkApp;
use spanmark::model::{Document, LabelDef, LabelSet, Project, Rgb, Role};
use spanmark::session::Session;
use spanmark::store;

use crate::cli_support::run_said;
use crate::common::{click_char, doc, harness, tag_chars};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const TEXT: &str = "Ties rest on pragmatism between the two countries. \
Lavrov met Kerry in Geneva. “We are ready to talk,” Peskov said on Tuesday.";

fn label(id: &str, name: &str, role: Role, key: char) -> LabelDef {
    let mut l = LabelDef::new(id, name, Rgb(0x3D, 0x8E, 0xE8));
    l.role = Some(role);
    l.hotkey = Some(key);
    l
}

/// Labels in German, each with its role; quotes link with `gesagt_von`.
fn german() -> LabelSet {
    let mut zitat = label("zitat", "Zitat", Role::Quote, '1');
    zitat.color = Rgb(0xE8, 0xA3, 0x3D);
    zitat.link = Some("gesagt_von".into());
    LabelSet(vec![
        zitat,
        label("sprecher", "Sprecher", Role::Speaker, '2'),
        label("einheit", "Einheit", Role::Entity, '3'),
    ])
}

fn german_project(dir: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut p = Project::new("de");
    p.labels = german();
    p.relation_kinds = vec!["gesagt_von".into()];
    p.documents.push(Document::new("d", "D", TEXT));
    let path = dir.join("de.ron");
    store::save(&p, &path)?;
    Ok(path)
}

fn range(needle: &str) -> (usize, usize) {
    let b = TEXT.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let a = TEXT[..b].chars().count();
    (a, a + needle.chars().count())
}

#[test]
fn renamed_labels_get_quotes_speakers_and_their_link_from_the_command_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = german_project(dir.path())?;
    let out = dir.path().join("s.jsonl");
    let (ok, said) = run_said(&[
        "suggest".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ])?;
    assert!(ok, "{said}");
    let line: serde_json::Value = serde_json::from_str(std::fs::read_to_string(&out)?.trim())?;
    let entities = line["entities"].as_array().cloned().unwrap_or_default();
    let of = |label: &str| -> Vec<(u64, u64)> {
        entities
            .iter()
            .filter(|e| e["label"] == label)
            .map(|e| {
                (
                    e["start_offset"].as_u64().unwrap_or(0),
                    e["end_offset"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    let r = |n: &str| {
        let (a, b) = range(n);
        (a as u64, b as u64)
    };
    assert_eq!(of("zitat"), [r("“We are ready to talk,”")], "{line}");
    assert_eq!(of("sprecher"), [r("Peskov")], "{line}");
    assert!(of("quote").is_empty() && of("entity").is_empty(), "{line}");
    let kinds: Vec<&str> = line["relations"]
        .as_array()
        .map(|v| v.iter().filter_map(|r| r["type"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["gesagt_von"], "{line}");
    Ok(())
}

#[test]
fn a_project_saved_before_roles_reads_with_todays_defaults() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut p = Project::new("old");
    p.documents.push(Document::new("d", "D", TEXT));
    let path = dir.path().join("old.ron");
    store::save(&p, &path)?;
    let written = std::fs::read_to_string(&path)?;
    assert!(!written.contains("role"), "the defaults write no role");
    let p = store::load(&path)?;
    let roles: Vec<Role> = p.labels.iter().map(LabelDef::role).collect();
    assert_eq!(roles, [Role::Quote, Role::Claim, Role::Entity, Role::Event]);
    let (ok, said) = run_said(&["suggest".as_ref(), path.as_os_str()])?;
    assert!(ok, "{said}");
    let p = store::load(&path)?;
    let quote = range("“We are ready to talk,”");
    let s = p.documents[0]
        .suggestions
        .pending
        .iter()
        .find(|s| (s.start, s.end) == quote && s.label == "quote");
    assert_eq!(s.and_then(|s| s.said_by), Some(range("Peskov")));
    Ok(())
}

/// The picker of a `zitat` lists Peskov (after the quote, by “said”) first,
/// before the entities before it, and links with `gesagt_von`; pressing L
/// asks for the one who said the quote.
#[test]
fn the_speaker_picker_reads_roles_and_puts_the_speech_verbs_mention_first() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = german_project(dir.path())?;
    let mut h = harness(SpanmarkApp::new(Session::open(&path)?));
    for (n, key) in [
        ("pragmatism", egui::Key::Num3),
        ("the two countries", egui::Key::Num3),
        ("Kerry", egui::Key::Num3),
        ("Peskov", egui::Key::Num2),
        ("“We are ready to talk,”", egui::Key::Num1),
    ] {
        let (a, b) = range(n);
        tag_chars(&mut h, a, b, key);
    }
    let labels: Vec<String> = doc(&h).spans.iter().map(|s| s.label.clone()).collect();
    assert_eq!(labels.len(), 5, "{labels:?}");
    h.get_by_label("Speaker:").click();
    h.run();
    let option = |h: &egui_kittest::Harness<'_, SpanmarkApp>, text: &str| {
        h.query_all_by_label_contains(text)
            .map(|n| n.rect().min.y)
            .fold(f32::INFINITY, f32::min)
    };
    let peskov = option(&h, "[Peskov] said");
    let countries = option(&h, "[the two countries]");
    let pragmatism = option(&h, "[pragmatism]");
    assert!(peskov.is_finite() && countries.is_finite() && pragmatism.is_finite());
    assert!(
        peskov < countries && peskov < pragmatism,
        "Peskov at {peskov}, the two countries at {countries}, pragmatism at {pragmatism}"
    );
    assert!(
        h.query_all_by_label_contains("(by a speech verb)").count() >= 1,
        "the likeliest says why"
    );
    h.query_all_by_label_contains("[Peskov] said")
        .next()
        .ok_or("no Peskov option")?
        .click();
    h.run();
    let rels: Vec<String> = doc(&h).relations.iter().map(|r| r.kind.clone()).collect();
    assert_eq!(rels, ["gesagt_von"]);
    // L on the quote asks for who said it, as for a quote named `quote`.
    let (a, _) = range("“We are ready to talk,”");
    click_char(&mut h, a + 3);
    h.key_press(egui::Key::L);
    h.run();
    let msg = crate::common::message(&h);
    assert!(msg.contains("who said this quote"), "{msg}");
    Ok(())
}
