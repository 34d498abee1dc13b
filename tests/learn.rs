//! `spanmark train` and `spanmark suggest --model` (issue 24) on a fixture
//! of our own sentences: the model file beside the project, suggestions
//! only for documents not marked done, both sources with `--rules`.

use std::path::Path;

use spanmark::model::{DocStatus, Document, Project};
use spanmark::store;

use crate::cli_support::run_said;

type TestResult = Result<(), Box<dyn std::error::Error>>;

use spanmark_testkit::news::article;

/// 12 documents done and one to do (new names, new words).
fn desk() -> Project {
    let mut p = Project::new("desk");
    p.documents = (0..12).map(article).collect();
    p.documents.push(Document::new(
        "todo",
        "To do",
        "The board met on Friday.\n\n“The harbour will stay open all year,” Rosa Vidal said.",
    ));
    p.ensure_next_ids();
    p
}

fn jsonl(path: &Path) -> Result<Vec<serde_json::Value>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?)
}

#[test]
fn train_writes_the_model_beside_the_project_and_suggest_uses_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.ron");
    store::save(&desk(), &path)?;
    let before = std::fs::read(&path)?;
    let (ok, said) = run_said(&["train".as_ref(), path.as_os_str()])?;
    assert!(ok, "{said}");
    assert!(said.contains("learnt from 12 documents"), "{said}");
    assert!(said.contains("quote 24"), "{said}");
    assert!(dir.path().join("desk.model").is_file(), "{said}");
    assert_eq!(
        std::fs::read(&path)?,
        before,
        "training never changes the project"
    );

    let out = dir.path().join("out.jsonl");
    let (ok, said) = run_said(&[
        "suggest".as_ref(),
        path.as_os_str(),
        "--model".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ])?;
    assert!(ok, "{said}");
    let lines = jsonl(&out)?;
    let todo = lines
        .iter()
        .find(|l| l["id"] == "todo")
        .ok_or("no line for the document to do")?;
    let text: Vec<char> = todo["text"].as_str().unwrap_or("").chars().collect();
    let found: Vec<(String, String, String)> = todo["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let (a, b) = (
                e["start_offset"].as_u64().unwrap_or(0) as usize,
                e["end_offset"].as_u64().unwrap_or(0) as usize,
            );
            (
                e["label"].as_str().unwrap_or("").to_owned(),
                text[a..b].iter().collect(),
                e["source"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let quote = (
        "quote".to_owned(),
        "“The harbour will stay open all year,”".to_owned(),
        "model:spanmark-perceptron@12".to_owned(),
    );
    assert!(found.contains(&quote), "{found:?}");
    assert!(
        found.iter().any(|f| f.1 == "Rosa Vidal"),
        "the speaker: {found:?}"
    );
    assert_eq!(
        todo["relations"].as_array().map_or(0, Vec::len),
        1,
        "{todo}"
    );
    for l in lines.iter().filter(|l| l["id"] != "todo") {
        assert_eq!(
            l["entities"],
            serde_json::json!([]),
            "documents done get none"
        );
    }
    // With the rules too: both sources.
    let (ok, said) = run_said(&[
        "suggest".as_ref(),
        path.as_os_str(),
        "--model".as_ref(),
        "--rules".as_ref(),
        "quotes".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        "--force".as_ref(),
    ])?;
    assert!(ok, "{said}");
    let all = std::fs::read_to_string(&out)?;
    assert!(
        all.contains("\"rule:quotes\"") && all.contains("model:spanmark"),
        "{all}"
    );
    Ok(())
}

#[test]
fn a_folder_project_keeps_its_model_inside_and_a_missing_one_is_trained() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.spanmark");
    store::save(&desk(), &path)?;
    // No model yet: suggest trains one first, and stores its suggestions.
    let (ok, said) = run_said(&["suggest".as_ref(), path.as_os_str(), "--model".as_ref()])?;
    assert!(ok, "{said}");
    assert!(said.contains("no model yet; training one"), "{said}");
    assert!(path.join("model.bin").is_file());
    let p = store::load(&path)?;
    let todo = p.documents.iter().find(|d| d.id == "todo").ok_or("todo")?;
    assert!(
        todo.suggestions
            .pending
            .iter()
            .any(|s| s.label == "quote" && s.source.starts_with("model:spanmark-perceptron@")),
        "{:?}",
        todo.suggestions
    );
    assert!(todo.spans.is_empty(), "suggestions, never annotations");
    // A damaged model file is trained again.
    std::fs::write(path.join("model.bin"), b"not a model")?;
    let (ok, said) = run_said(&[
        "suggest".as_ref(),
        path.as_os_str(),
        "--model".as_ref(),
        "-o".as_ref(),
        dir.path().join("o.jsonl").as_os_str(),
    ])?;
    assert!(ok, "{said}");
    assert!(said.contains("cannot be read"), "{said}");
    Ok(())
}

#[test]
fn train_says_when_nothing_is_done() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("empty.ron");
    let mut p = desk();
    for d in &mut p.documents {
        d.status = DocStatus::InProgress;
    }
    store::save(&p, &path)?;
    let (ok, said) = run_said(&["train".as_ref(), path.as_os_str()])?;
    assert!(!ok);
    assert!(
        said.contains("nothing to learn from: mark documents done"),
        "{said}"
    );
    assert!(!dir.path().join("empty.model").exists());
    Ok(())
}
