//! `spanmark suggest` (issue 15): the built-in rules for news stored as
//! pending suggestions or written as doccano JSONL, and the external
//! suggester protocol with its failures (each changes nothing).

use std::path::{Path, PathBuf};

use spanmark::model::{Document, Project};
use spanmark::store;

use crate::cli_support;
use cli_support::run_said;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ARTICLE: &str = "Kremlin spokesman Dmitry Peskov spoke to reporters on Tuesday, March 26, 2025.\n\n\
“We are not ready to sign anything at this stage,” Peskov said.\n\n\
“The talks will go on,” he added. Critics called the plan a “farce”.";

fn project(dir: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut p = Project::new("desk");
    p.documents.push(Document::new("peskov", "Peskov", ARTICLE));
    let path = dir.join("desk.ron");
    store::save(&p, &path)?;
    Ok(path)
}

/// The text of `[start, end)` of `ARTICLE`.
fn slice(start: usize, end: usize) -> String {
    ARTICLE.chars().skip(start).take(end - start).collect()
}

#[test]
fn the_rules_store_quotes_speakers_and_dates_as_pending() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = project(dir.path())?;
    let (ok, said) = run_said(&["suggest".as_ref(), path.as_os_str()])?;
    assert!(ok, "{said}");
    let p = store::load(&path)?;
    let doc = &p.documents[0];
    assert!(doc.spans.is_empty(), "suggestions are not annotations");
    let found: Vec<(String, String, String)> = doc
        .suggestions
        .pending
        .iter()
        .map(|s| (s.label.clone(), slice(s.start, s.end), s.source.clone()))
        .collect();
    let has = |label: &str, text: &str| found.iter().any(|f| f.0 == label && f.1 == text);
    assert!(
        has(
            "quote",
            "“We are not ready to sign anything at this stage,”"
        ),
        "{found:?}"
    );
    assert!(has("quote", "“The talks will go on,”"), "{found:?}");
    // A partial quote with its speaker is a quote.
    assert!(has("quote", "“farce”"), "{found:?}");
    assert!(has("entity", "Peskov"), "{found:?}");
    assert!(has("entity", "Dmitry Peskov"), "{found:?}");
    assert!(has("entity", "March 26, 2025"), "{found:?}");
    // Who said each quote, as written: Peskov, he (standing for Peskov),
    // critics.
    let speakers: Vec<String> = doc
        .suggestions
        .pending
        .iter()
        .filter(|s| s.label == "quote")
        .map(|q| q.said_by.map(|(a, b)| slice(a, b)).unwrap_or_default())
        .collect();
    assert_eq!(speakers, ["Peskov", "he", "Critics"]);
    let he = doc
        .suggestions
        .pending
        .iter()
        .find(|s| s.label == "entity" && slice(s.start, s.end) == "he")
        .ok_or("no suggestion for he")?;
    assert_eq!(
        he.attrs.get("refers_to").map(String::as_str),
        Some("Peskov")
    );
    // Run again: nothing new.
    let (ok, said) = run_said(&["suggest".as_ref(), path.as_os_str()])?;
    assert!(ok && said.contains("0 new suggestions"), "{said}");
    Ok(())
}

#[test]
fn with_an_output_the_suggestions_are_doccano_jsonl_and_the_project_is_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = project(dir.path())?;
    let before = std::fs::read(&path)?;
    let out = dir.path().join("s.jsonl");
    let (ok, said) = run_said(&[
        "suggest".as_ref(),
        path.as_os_str(),
        "--rules".as_ref(),
        "quotes,speakers".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ])?;
    assert!(ok, "{said}");
    assert_eq!(std::fs::read(&path)?, before);
    let line: serde_json::Value = serde_json::from_str(std::fs::read_to_string(&out)?.trim())?;
    let labels = line["label"].as_array().ok_or("no label")?;
    assert!(labels.iter().any(|l| l[2] == "quote"));
    assert!(
        !labels.iter().any(|l| l[2] == "entity"
            && slice(
                l[0].as_u64().unwrap_or(0) as usize,
                l[1].as_u64().unwrap_or(0) as usize
            ) == "March 26, 2025"),
        "dates were not asked for"
    );
    let rel = &line["relations"][0];
    assert_eq!(rel["type"], "said_by");
    let entities = line["entities"].as_array().ok_or("no entities")?;
    let to = entities
        .iter()
        .find(|e| e["id"] == rel["to_id"])
        .ok_or("said_by names no entity")?;
    let (a, b) = (
        to["start_offset"].as_u64().unwrap_or(0),
        to["end_offset"].as_u64().unwrap_or(0),
    );
    assert!(slice(a as usize, b as usize).contains("Peskov"));
    // An existing output is not replaced without --force.
    let (ok, said) = run_said(&[
        "suggest".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ])?;
    assert!(!ok && said.contains("s.jsonl"), "{said}");
    Ok(())
}

/// A suggester written in Python: tags every "Kremlin" and "Peskov".
const SUGGESTER: &str = r#"
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    spans = []
    for word in ("Kremlin", "Peskov"):
        i = d["text"].find(word)
        if i >= 0:
            spans.append({"start": i, "end": i + len(word), "label": "entity", "score": 0.75})
    print(json.dumps({"id": d["id"], "spans": spans, "relations": [{"from": 0, "to": 1, "type": "about"}]}), flush=True)
"#;

#[test]
fn an_external_suggester_is_run_and_its_failures_change_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = project(dir.path())?;
    let script = dir.path().join("ner.py");
    std::fs::write(&script, SUGGESTER)?;
    let command = format!("python3 {}", script.display());
    let (ok, said) = run_said(&[
        "suggest".as_ref(),
        path.as_os_str(),
        "--with".as_ref(),
        command.as_ref(),
    ])?;
    assert!(ok, "{said}");
    assert!(said.contains("left out: 1 relations"), "{said}");
    let p = store::load(&path)?;
    let pending = &p.documents[0].suggestions.pending;
    assert_eq!(pending.len(), 2, "{pending:?}");
    assert!(
        pending
            .iter()
            .all(|s| s.source == format!("model:{}", script.display()))
    );
    assert_eq!(pending[0].score.map(|s| s.0), Some(0.75));
    let before = std::fs::read(&path)?;
    for (bad, want) in [
        ("exit 3", "stopped after 0 of 1 documents"),
        ("echo nope", "line 1 (document \"peskov\")"),
        ("sleep 5", "no answer for document \"peskov\" within 1 s"),
        (
            r#"echo '{"id": "peskov", "spans": [{"start": 5, "end": 99999, "label": "entity"}]}'"#,
            "not inside the text",
        ),
        (
            r#"echo '{"id": "other", "spans": []}'"#,
            "the answer is for document \"other\"",
        ),
    ] {
        let (ok, said) = run_said(&[
            "suggest".as_ref(),
            path.as_os_str(),
            "--with".as_ref(),
            bad.as_ref(),
            "--timeout".as_ref(),
            "1".as_ref(),
        ])?;
        assert!(!ok, "{bad}: {said}");
        assert!(said.contains(want), "{bad}: {said}");
        assert_eq!(said.trim().lines().count(), 1, "{bad}: one line: {said}");
        assert_eq!(std::fs::read(&path)?, before, "{bad} changed the project");
    }
    Ok(())
}

#[test]
fn a_models_predictions_come_in_as_suggestions_on_the_documents_with_their_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = project(dir.path())?;
    let preds = dir.path().join("preds.jsonl");
    let text = serde_json::to_string(ARTICLE)?;
    std::fs::write(
        &preds,
        format!(
            "{{\"text\": {text}, \"spans\": [{{\"start\": 0, \"end\": 7, \"label\": \"entity\", \"score\": 0.97}}]}}\n\
             {{\"text\": \"A text the project does not have.\", \"spans\": []}}\n"
        ),
    )?;
    let (ok, said) = run_said(&[
        "import".as_ref(),
        "--as-suggestions".as_ref(),
        "--into".as_ref(),
        path.as_os_str(),
        preds.as_os_str(),
    ])?;
    assert!(ok, "{said}");
    assert!(said.contains("1 suggestions added"), "{said}");
    assert!(said.contains("left out: 1 documents"), "{said}");
    let p = store::load(&path)?;
    assert_eq!(p.documents.len(), 1, "no document is added");
    let s = &p.documents[0].suggestions.pending;
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].start, s[0].end, s[0].label.as_str()),
        (0, 7, "entity")
    );
    assert_eq!(s[0].score.map(|x| x.0), Some(0.97));
    Ok(())
}

#[test]
fn doccano_lines_and_label_studio_predictions_come_in_as_suggestions() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = project(dir.path())?;
    let text = serde_json::to_string(ARTICLE)?;
    // doccano: `label` triples.
    let doccano = dir.path().join("doccano.jsonl");
    std::fs::write(
        &doccano,
        format!("{{\"text\": {text}, \"label\": [[18, 31, \"entity\"]]}}\n"),
    )?;
    // Label Studio: a task with a prediction (per-region score) and a
    // said_by relation between its regions.
    let ls = dir.path().join("tasks.json");
    let quote_start = ARTICLE.chars().position(|c| c == '“').ok_or("no quote")?;
    let quote_end = quote_start
        + "“We are not ready to sign anything at this stage,”"
            .chars()
            .count();
    let task = serde_json::json!([{
        "data": {"text": ARTICLE},
        "predictions": [{
            "model_version": "ner-2",
            "score": 0.5,
            "result": [
                {"id": "q", "from_name": "label", "to_name": "text", "type": "labels",
                 "score": 0.88,
                 "value": {"start": quote_start, "end": quote_end, "labels": ["quote"]}},
                {"id": "p", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": quote_end + 1, "end": quote_end + 7, "labels": ["entity"]}},
                {"type": "relation", "from_id": "q", "to_id": "p", "direction": "right", "labels": ["said_by"]}
            ]
        }]
    }]);
    std::fs::write(&ls, serde_json::to_string(&task)?)?;
    for file in [&doccano, &ls] {
        let (ok, said) = run_said(&[
            "import".as_ref(),
            "--as-suggestions".as_ref(),
            "--into".as_ref(),
            path.as_os_str(),
            file.as_os_str(),
        ])?;
        assert!(ok, "{said}");
    }
    let p = store::load(&path)?;
    let pending = &p.documents[0].suggestions.pending;
    let found: Vec<(String, String, Option<f32>, String)> = pending
        .iter()
        .map(|s| {
            (
                s.label.clone(),
                slice(s.start, s.end),
                s.score.map(|x| x.0),
                s.source.clone(),
            )
        })
        .collect();
    assert!(
        found
            .iter()
            .any(|f| f.0 == "entity" && f.1 == "Dmitry Peskov"),
        "{found:?}"
    );
    let quote = pending
        .iter()
        .find(|s| s.label == "quote")
        .ok_or("no quote")?;
    assert_eq!(quote.score.map(|x| x.0), Some(0.88));
    assert_eq!(quote.source, "model:ner-2");
    let (a, b) = quote.said_by.ok_or("the said_by relation is kept")?;
    assert_eq!(slice(a, b), "Peskov");
    let peskov = pending
        .iter()
        .find(|s| slice(s.start, s.end) == "Peskov")
        .ok_or("no Peskov")?;
    assert_eq!(
        peskov.score.map(|x| x.0),
        Some(0.5),
        "the prediction's score"
    );
    Ok(())
}

#[test]
fn accept_all_takes_a_quotes_speaker_only_when_the_pair_clears_the_threshold() -> TestResult {
    use spanmark::session::{Session, suggest};
    // Speakers found two ways: right after the quote (a pair score of
    // 0.96) and earlier in the sentence (0.76); both quotes score 0.98.
    let text = "“We will strike on Monday,” the union leader said.\n\n\
                The union called the offer “an insult to every worker here.”";
    let mut p = Project::new("desk");
    p.documents.push(Document::new("strike", "Strike", text));
    let mut session = Session::new(p, None);
    let offered = suggest::run_rules(&session)?;
    session.apply(offered.change)?;
    let pending = &session.project().documents[0].suggestions.pending;
    let quotes: Vec<(Option<f32>, Option<f32>)> = pending
        .iter()
        .filter(|s| s.label == "quote")
        .map(|s| (s.score.map(|x| x.0), s.pair_score.map(|x| x.0)))
        .collect();
    assert_eq!(quotes, [(Some(0.98), Some(0.96)), (Some(0.98), Some(0.76))]);
    // Accept all quotes at 0.9 or more.
    let min = 0.9;
    let accepted = suggest::accept_where(
        &session,
        |s| s.label == "quote" && s.score.is_some_and(|x| x.0 >= min),
        |s| s.pair_score.is_none_or(|x| x.0 >= min),
    )?;
    session.apply(accepted.change)?;
    let doc = &session.project().documents[0];
    let chars: Vec<char> = text.chars().collect();
    let span_text = |id| {
        doc.spans
            .iter()
            .find(|s| s.id == id)
            .map(|s| chars[s.start..s.end].iter().collect::<String>())
            .unwrap_or_default()
    };
    let mut spans: Vec<(String, String)> = doc
        .spans
        .iter()
        .map(|s| (s.label.clone(), chars[s.start..s.end].iter().collect()))
        .collect();
    spans.sort();
    assert_eq!(
        spans,
        [
            ("entity".to_owned(), "the union leader".to_owned()),
            ("quote".to_owned(), "“We will strike on Monday,”".to_owned()),
            (
                "quote".to_owned(),
                "“an insult to every worker here.”".to_owned()
            ),
        ]
    );
    let links: Vec<(String, String)> = doc
        .relations
        .iter()
        .map(|r| (span_text(r.from), span_text(r.to)))
        .collect();
    assert_eq!(
        links,
        [(
            "“We will strike on Monday,”".to_owned(),
            "the union leader".to_owned()
        )]
    );
    // The second quote's speaker is still offered, on its own.
    let left = &doc.suggestions.pending;
    assert!(
        left.iter().any(|s| s.label == "entity"
            && chars[s.start..s.end].iter().collect::<String>() == "The union"),
        "{left:?}"
    );
    Ok(())
}
