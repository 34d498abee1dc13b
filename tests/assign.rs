//! Assignments on plain files (issue 26): `spanmark assign` shares the
//! documents out (an overlap to two annotators), in both project forms;
//! `spanmark stats` reports each annotator's progress; `spanmark split`
//! writes one project per annotator and `spanmark merge` brings their work
//! back; the window lists the person's documents first with their progress.

use std::path::Path;

use egui_kittest::kittest::Queryable as _;
use spanmark::app::SpanmarkApp;
use spanmark::model::{DocStatus, Document, Project};
use spanmark::session::Session;

use crate::cli_support::run_said;
use crate::common::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn said(
    args: &[&dyn AsRef<std::ffi::OsStr>],
) -> Result<(bool, String), Box<dyn std::error::Error>> {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run_said(&args)
}

fn desk(n: usize) -> Project {
    let mut p = Project::new("desk");
    for i in 0..n {
        p.documents.push(Document::new(
            format!("a{i}"),
            format!("Article {i}"),
            format!("Peskov spoke on day {i}."),
        ));
    }
    p
}

fn save(p: &Project, path: &Path) -> TestResult {
    spanmark::store::save(p, path)?;
    Ok(())
}

#[test]
fn documents_are_assigned_in_the_project_and_progress_is_reported() -> TestResult {
    for name in ["desk.ron", "desk.spanmark"] {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(name);
        save(&desk(20), &path)?;
        let (ok, out) = said(&[
            &"assign",
            &path,
            &"--annotators",
            &"alice,bob,carol",
            &"--overlap",
            &"0.2",
            &"--seed",
            &"3",
        ])?;
        assert!(ok, "{name}: {out}");
        assert!(
            out.contains("20 documents assigned (4 to two annotators)"),
            "{out}"
        );
        let p = spanmark::store::load(&path)?;
        assert_eq!(p.assignments.len(), 20, "{name}");
        // The same seed gives the same assignment.
        let (ok, _) = said(&[
            &"assign",
            &path,
            &"--annotators",
            &"alice,bob,carol",
            &"--overlap",
            &"0.2",
            &"--seed",
            &"3",
        ])?;
        assert!(ok);
        assert_eq!(spanmark::store::load(&path)?.assignments, p.assignments);
        // Progress: alice finishes one of hers.
        let first = p
            .assignments
            .iter()
            .find(|(_, w)| w.iter().any(|x| x == "alice"))
            .map(|(d, _)| d.clone())
            .ok_or("alice has none")?;
        let mut s = Session::open(&path)?;
        let i = s
            .project()
            .documents
            .iter()
            .position(|d| d.id == first)
            .ok_or("no such document")?;
        s.apply(spanmark::model::Change::Doc {
            doc: i,
            edit: spanmark::model::Edit::SetStatus(DocStatus::Done),
        })?;
        s.save()?;
        drop(s);
        let (ok, out) = said(&[&"stats", &path, &"--json"])?;
        assert!(ok, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out)?;
        let alice = &v["annotators"]["alice"];
        assert_eq!(alice["assigned_done"], 1, "{name}: {out}");
        assert!(alice["assigned"].as_u64().is_some_and(|n| n >= 6), "{out}");
    }
    Ok(())
}

#[test]
fn a_split_per_annotator_comes_back_with_merge() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.ron");
    save(&desk(9), &path)?;
    let (ok, out) = said(&[
        &"assign",
        &path,
        &"--annotators",
        &"alice,bob",
        &"--overlap",
        &"0.3",
    ])?;
    assert!(ok, "{out}");
    let parts = dir.path().join("parts");
    let (ok, out) = said(&[&"split", &path, &"--by", &"annotator", &"-o", &parts])?;
    assert!(ok, "{out}");
    let alice = spanmark::store::load(&parts.join("alice.ron"))?;
    let bob = spanmark::store::load(&parts.join("bob.ron"))?;
    assert_eq!(alice.annotator.as_deref(), Some("alice"));
    let p = spanmark::store::load(&path)?;
    for d in &alice.documents {
        assert!(p.assignments[&d.id].contains(&"alice".to_owned()));
    }
    assert_eq!(
        alice.documents.len() + bob.documents.len(),
        9 + p.assignments.values().filter(|w| w.len() == 2).count()
    );
    // Each annotates a document of theirs; merge brings the work back.
    for (who, part) in [
        ("alice", &parts.join("alice.ron")),
        ("bob", &parts.join("bob.ron")),
    ] {
        let mut s = Session::open(part)?;
        s.set_annotator(Some(who.to_owned()));
        let proposal = spanmark::session::rules::tag(&s, Some((0, 6)), None, "entity")?;
        s.apply(proposal.change)?;
        s.save()?;
    }
    let merged = dir.path().join("gold.ron");
    let (ok, out) = said(&[
        &"merge",
        &parts.join("alice.ron"),
        &parts.join("bob.ron"),
        &"-o",
        &merged,
    ])?;
    assert!(ok, "{out}");
    let gold = spanmark::store::load(&merged)?;
    assert_eq!(gold.documents.len(), 9, "every document, once");
    let makers: Vec<String> = gold
        .documents
        .iter()
        .flat_map(|d| d.spans.iter())
        .flat_map(|s| s.makers().into_iter().map(str::to_owned))
        .collect();
    assert!(makers.contains(&"alice".to_owned()) && makers.contains(&"bob".to_owned()));
    Ok(())
}

#[test]
fn the_window_lists_my_documents_first_with_my_progress() {
    let mut p = desk(6);
    for (i, d) in p.documents.iter().enumerate() {
        let who = if i % 2 == 1 { "alice" } else { "bob" };
        p.assignments.insert(d.id.clone(), vec![who.to_owned()]);
    }
    p.documents[3].status = DocStatus::Done;
    let mut app = SpanmarkApp::new(Session::new(p, None));
    app.restore_annotator(Some(Some("alice".to_owned())));
    let mut h = harness(app);
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::B);
    assert!(
        h.query_all_by_label_contains("mine: 1 of 3 done")
            .next()
            .is_some(),
        "my progress"
    );
    let titles: Vec<String> = (0..6).map(|i| format!("Article {i}")).collect();
    let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    let order = list_order(&h, &refs);
    assert_eq!(
        &order[..3],
        ["Article 1", "Article 3", "Article 5"],
        "alice's first: {order:?}"
    );
}
