//! Real-shaped task files in and out (continued from `interop.rs`): Label
//! Studio tasks under each annotator and with their labeling config, the
//! text key named, doccano's shapes, CoNLL documents, Hugging Face lists.

use std::collections::BTreeSet;
use std::path::Path;

use spanmark::formats::{self, Format, ImportOptions};

use crate::interop::{content, export, fixture, import};

#[test]
fn label_studio_keeps_every_annotation_each_under_its_annotator() {
    let (p, notices) = import(
        &[fixture("label-studio/tasks.json")],
        &ImportOptions::default(),
    );
    let lines = notices.lines().join("\n");
    assert!(
        lines.contains("1 cancelled Label Studio annotations, skipped"),
        "{lines}"
    );
    assert!(
        lines.contains("predictions kept as suggestions of model:ner-1"),
        "{lines}"
    );
    assert!(lines.contains("results of type rating"), "{lines}");
    let d = &p.documents[0];
    assert!(
        d.text.starts_with("Dmitry Peskov works"),
        "the only text field"
    );
    let by = |who: &str| {
        d.spans
            .iter()
            .filter(|s| s.annotator.as_deref() == Some(who))
            .count()
    };
    assert_eq!(by("1"), 3, "a region with two labels is two spans");
    assert_eq!(by("b@example.org"), 1);
    assert_eq!(by("model:ner-1"), 0, "a prediction is no one's work");
    assert_eq!(d.suggestions.pending.len(), 1, "it waits as a suggestion");
    assert!(
        !d.spans.iter().any(|s| s.start == 0 && s.end == 6),
        "cancelled work skipped"
    );
    let works = d.relations.iter().find(|r| r.kind == "works_for");
    let works = works.unwrap_or_else(|| panic!("no relation"));
    let from = d.span(works.from).map(|s| d.span_text(s).to_owned());
    assert_eq!(
        from.as_deref(),
        Some("Dmitry Peskov"),
        "direction left swaps the ends"
    );
    // The choice is annotator 1's, not the document's own category.
    assert!(d.categories.is_empty(), "{:?}", d.categories);
    assert_eq!(
        d.choices,
        vec![spanmark::model::Choice::new("1", "sentiment/Positive")]
    );
    let kremlin = d
        .spans
        .iter()
        .find(|s| s.label == "Organization" && s.annotator.as_deref() == Some("1"));
    let kremlin = kremlin.unwrap_or_else(|| panic!("no Kremlin"));
    assert_eq!(
        kremlin.attrs.get("org_type").map(String::as_str),
        Some("government")
    );
    assert!(d.meta.extra.contains_key("stars"), "other data kept");
    assert!(
        p.documents[1].relations.iter().any(|r| r.symmetric),
        "bi is symmetric"
    );
}

#[test]
fn label_studio_round_trips_with_its_labeling_config() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (p, _) = import(
        &[fixture("label-studio/tasks.json")],
        &ImportOptions::default(),
    );
    let out = dir.path().join("tasks.json");
    let report = export(&p, Format::LabelStudio, &out);
    let config = dir.path().join("tasks.label-config.xml");
    assert_eq!(report.also_written, vec![config.clone()]);
    let xml = std::fs::read_to_string(&config).unwrap_or_default();
    assert!(
        xml.contains("<Labels name=\"label\" toName=\"text\">"),
        "{xml}"
    );
    assert!(xml.contains("<Choices name=\"sentiment\""), "{xml}");
    assert!(
        xml.contains("<Choices name=\"org_type\"") || xml.contains("<TextArea name=\"org_type\""),
        "the attribute's control keeps the name it came with: {xml}"
    );
    // The sample's two `kind` attributes get two controls.
    let sample = spanmark::store::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/projects/sample.ron"
    )))
    .unwrap_or_else(|e| panic!("{e}"));
    let sample_out = dir.path().join("sample.json");
    export(&sample, Format::LabelStudio, &sample_out);
    let xml =
        std::fs::read_to_string(dir.path().join("sample.label-config.xml")).unwrap_or_default();
    assert!(xml.contains("<Choices name=\"entity_kind\""), "{xml}");
    assert!(xml.contains("<TextArea name=\"event_kind\""), "{xml}");
    let (back, _) = import(&[out], &ImportOptions::default());
    for (a, b) in p.documents.iter().zip(&back.documents) {
        assert_eq!(content(a), content(b), "{}", a.id);
    }
}

#[test]
fn label_studio_takes_the_text_from_the_key_named() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("two.json");
    std::fs::write(
        &file,
        r#"[{"data": {"ner": "Peskov spoke.", "headline": "Kremlin"}, "annotations": []}]"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let plan = formats::plan(std::slice::from_ref(&file), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let err = formats::import_plan(&plan, &ImportOptions::default(), |_, _| {})
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("--text-key") && err.contains("ner"), "{err}");
    let options = ImportOptions {
        text_key: Some("ner".into()),
        ..Default::default()
    };
    let (p, _) = import(&[file], &options);
    assert_eq!(p.documents[0].text, "Peskov spoke.");
}

#[test]
fn doccano_shapes_keep_cats_meta_and_their_own_keys() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (p, _) = import(&[fixture("doccano")], &ImportOptions::default());
    let intent = p.documents.iter().find(|d| d.text.contains("fly"));
    let intent = intent.unwrap_or_else(|| panic!("no intent document"));
    assert_eq!(intent.categories, vec!["book_flight".to_owned()]);
    assert_eq!(intent.spans.len(), 1, "[start, end, label] lists are read");
    let rel = p.documents.iter().find(|d| d.text.contains("Kremlin"));
    let rel = rel.unwrap_or_else(|| panic!("no relation document"));
    assert_eq!(rel.relations.len(), 1);
    assert!(rel.meta.extra.contains_key("source") && rel.meta.extra.contains_key("@Comments"));
    let out = dir.path().join("out.jsonl");
    export(&p, Format::Jsonl, &out);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    let written = lines
        .iter()
        .find(|l| l["text"].as_str().is_some_and(|t| t.contains("Kremlin")));
    let written = written.unwrap_or_else(|| panic!("no line"));
    assert_eq!(written["meta"]["year"], 2020, "numbers stay numbers");
    assert_eq!(
        written["Comments"][0], "check the org",
        "its own keys at the top"
    );
    assert_eq!(written["relations"][0]["type"], "works for");
    let named = lines
        .iter()
        .find(|l| l["text"].as_str().is_some_and(|t| t.contains("Merkel")));
    let named = named.unwrap_or_else(|| panic!("no line"));
    assert_eq!(named["label"][0][2], "Named Entity", "the label as it came");
    let (back, _) = import(&[out], &ImportOptions::default());
    for (a, b) in p.documents.iter().zip(&back.documents) {
        assert_eq!(content(a), content(b), "{}", a.id);
    }
}

#[test]
fn conll_separates_documents_as_conll_2003_readers_expect() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (p, _) = import(&[fixture("brat")], &ImportOptions::default());
    let out = dir.path().join("out.conll");
    let report = export(&p, Format::Conll, &out);
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    assert_eq!(text.matches("-DOCSTART- -X- O O\n\n").count(), 2);
    assert!(
        !text.lines().any(|l| l.starts_with('#')),
        "no comment lines"
    );
    assert!(
        report
            .left_out
            .iter()
            .any(|(_, why)| why.starts_with("relations")),
        "{report:?}"
    );
}

#[test]
fn hugging_face_jsonl_lists_hold_one_type() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (p, _) = import(
        &[fixture("brat"), fixture("label-studio/tasks.json")],
        &ImportOptions::default(),
    );
    let out = dir.path().join("hf.jsonl");
    export(&p, Format::HfJsonl, &out);
    let shape = |v: &serde_json::Value| -> String {
        match v {
            serde_json::Value::Object(o) => format!("{:?}", o.keys().collect::<Vec<_>>()),
            serde_json::Value::Array(_) => "list".into(),
            serde_json::Value::String(_) => "str".into(),
            serde_json::Value::Number(_) => "num".into(),
            serde_json::Value::Bool(_) => "bool".into(),
            serde_json::Value::Null => "null".into(),
        }
    };
    for line in std::fs::read_to_string(&out).unwrap_or_default().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        for key in ["spans", "relations", "categories"] {
            let items = v[key].as_array().cloned().unwrap_or_default();
            let shapes: BTreeSet<String> = items.iter().map(shape).collect();
            assert!(shapes.len() <= 1, "{key}: {shapes:?}");
        }
    }
}
