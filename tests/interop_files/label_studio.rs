//! Label Studio: each annotator's document choices, predictions as
//! suggestions, regions checked against their text, tasks without a data
//! object, JSON-MIN, and a round trip that keeps the task's names.

use serde_json::Value;

use super::{export, fixture, import, imported, json, json_lines, read, tmp, write};
use spanmark::formats::Format;

/// The choices of each annotation of an exported task: (annotator, choices).
fn choices_by_annotation(task: &Value) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for a in task["annotations"].as_array().into_iter().flatten() {
        let who = a["completed_by"]
            .as_u64()
            .map(|n| n.to_string())
            .or_else(|| a["spanmark_annotator"].as_str().map(str::to_owned))
            .unwrap_or_default();
        let mut choices: Vec<String> = a["result"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["type"] == "choices" && r["value"]["start"].is_null())
            .flat_map(|r| {
                r["value"]["choices"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|c| c.as_str().map(str::to_owned))
            .collect();
        choices.sort();
        out.push((who, choices));
    }
    out.sort();
    out
}

#[test]
fn document_choices_stay_with_their_annotator_and_a_prediction_stays_a_suggestion() {
    let (p, notices) = imported(&[fixture("label-studio/choices.json")]);
    let lines = notices.lines().join("\n");
    assert!(
        lines.contains("predictions kept as suggestions of model:v1"),
        "{lines}"
    );
    // Nobody's choice is the document's own category, and a prediction
    // is nobody's choice.
    assert!(
        p.documents[0].categories.is_empty(),
        "{:?}",
        p.documents[0].categories
    );
    assert!(
        p.documents[1].categories.is_empty(),
        "{:?}",
        p.documents[1].categories
    );
    assert!(
        p.documents[1].spans.is_empty(),
        "a predicted region is not a span"
    );
    // The export writes each annotator's choice in their own annotation,
    // and the predictions back as predictions.
    let dir = tmp();
    let out = dir.path().join("tasks.json");
    export(&p, Format::LabelStudio, &out);
    let tasks = json(&out);
    assert_eq!(
        choices_by_annotation(&tasks[0]),
        vec![
            ("1".to_owned(), vec!["Positive".to_owned()]),
            ("b@example.org".to_owned(), vec!["Negative".to_owned()]),
        ]
    );
    let predicted = &tasks[1]["predictions"][0];
    assert_eq!(predicted["model_version"], "v1", "{predicted}");
    let kinds: Vec<&str> = predicted["result"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["type"].as_str())
        .collect();
    assert!(
        kinds.contains(&"labels") && kinds.contains(&"choices"),
        "{kinds:?}"
    );
    // Spanmark's own JSON lines keep who chose what.
    let jsonl = dir.path().join("out.jsonl");
    export(&p, Format::Jsonl, &jsonl);
    let first = &json_lines(&jsonl)[0];
    assert_eq!(first["choices"][0]["annotator"], "1", "{first}");
    assert_eq!(first["choices"][0]["category"], "sentiment/Positive");
    // And the round trip gives the same choices back.
    let (back, _) = imported(&[out]);
    assert_eq!(back.documents[0].choices, p.documents[0].choices);
    assert_eq!(
        back.documents[1].suggestions.categories,
        p.documents[1].suggestions.categories
    );
}

#[test]
fn regions_are_checked_against_their_text_and_utf16_offsets_converted() {
    let dir = tmp();
    // "Ada" after an emoji: [3, 6) in UTF-16 units, [2, 5) in code points.
    let utf16 = write(
        dir.path(),
        "utf16.json",
        r#"[{"id": 7, "data": {"text": "😀 Ada spoke."}, "annotations": [{"completed_by": 1,
            "result": [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
                        "value": {"start": 3, "end": 6, "text": "Ada", "labels": ["PER"]}}]}]}]"#,
    );
    let (p, notices) = imported(&[utf16]);
    let d = &p.documents[0];
    let span = d.spans.iter().next().unwrap_or_else(|| panic!("no span"));
    assert_eq!(d.span_text(span), "Ada");
    assert!(
        notices.lines().join("\n").contains("UTF-16"),
        "{:?}",
        notices.lines()
    );
    // A region whose text is at neither reading is refused, named.
    let wrong = write(
        dir.path(),
        "wrong.json",
        r#"[{"id": 7, "data": {"text": "😀 Ada spoke."}, "annotations": [{"completed_by": 1,
            "result": [{"id": "r2", "from_name": "label", "to_name": "text", "type": "labels",
                        "value": {"start": 2, "end": 5, "text": "Bob", "labels": ["PER"]}}]}]}]"#,
    );
    let err = import(&[wrong]).err().unwrap_or_default();
    assert!(
        err.contains("wrong.json") && err.contains("task 7") && err.contains("region r2"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn tasks_without_a_data_object_and_json_min_records_are_read() {
    let dir = tmp();
    let plain = write(
        dir.path(),
        "plain.json",
        r#"[{"text": "Peskov spoke in Moscow.", "source": "wire"}]"#,
    );
    let min = write(
        dir.path(),
        "min.json",
        r#"[{"id": 3, "text": "Peskov spoke in Moscow.",
             "label": [{"start": 0, "end": 6, "text": "Peskov", "labels": ["PER"]},
                       {"start": 16, "end": 22, "text": "Moscow", "labels": ["LOC"]}],
             "topic": {"choices": ["politics", "russia"]},
             "annotator": "a@example.org", "annotation_id": 9,
             "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
             "lead_time": 3.5}]"#,
    );
    let (p, _) = imported(&[plain, min]);
    assert_eq!(p.documents.len(), 2);
    assert_eq!(p.documents[0].text, "Peskov spoke in Moscow.");
    assert!(p.documents[0].meta.extra.contains_key("source"));
    let d = &p.documents[1];
    let spans: Vec<(&str, Option<&str>)> = d
        .spans
        .iter()
        .map(|s| (d.span_text(s), s.annotator.as_deref()))
        .collect();
    assert_eq!(
        spans,
        vec![
            ("Peskov", Some("a@example.org")),
            ("Moscow", Some("a@example.org"))
        ]
    );
    assert_eq!(d.choices.len(), 2, "{:?}", d.choices);
}

#[test]
fn a_round_trip_keeps_status_data_key_and_control_names() {
    let dir = tmp();
    let file = write(
        dir.path(),
        "project.json",
        r#"[{"id": 40, "data": {"review": "Great phone, poor battery."},
             "annotations": [{"completed_by": 3, "result": [
               {"id": "a1", "from_name": "aspect", "to_name": "review_text", "type": "labels",
                "value": {"start": 6, "end": 11, "text": "phone", "labels": ["Product"]}},
               {"id": "a1", "from_name": "polarity", "to_name": "review_text", "type": "choices",
                "value": {"start": 6, "end": 11, "choices": ["pos"]}}]}]}]"#,
    );
    let (mut p, _) = imported(&[file]);
    p.documents[0].status = spanmark::model::DocStatus::Done;
    let out = dir.path().join("back.json");
    export(&p, Format::LabelStudio, &out);
    let tasks = json(&out);
    let task = &tasks[0];
    assert_eq!(task["id"], 40, "{task}");
    assert!(
        task["data"]["review"].is_string(),
        "the data key kept: {task}"
    );
    let results = task["annotations"][0]["result"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let names: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["from_name"].as_str().unwrap_or("").to_owned(),
                r["to_name"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        names.contains(&("aspect".into(), "review_text".into()))
            && names.contains(&("polarity".into(), "review_text".into())),
        "{names:?}"
    );
    let config = read(&dir.path().join("back.label-config.xml"));
    assert!(
        config.contains(r#"<Labels name="aspect" toName="review_text">"#)
            && config.contains(r#"value="$review""#)
            && config.contains(r#"name="polarity""#),
        "{config}"
    );
    let (back, _) = imported(&[out]);
    assert_eq!(back.documents[0].status, spanmark::model::DocStatus::Done);
    assert_eq!(back.documents[0].meta, p.documents[0].meta);
}
