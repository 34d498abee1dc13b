//! The Hugging Face shape of JSON lines: every list holds values of one
//! type and every object the same keys, so `datasets.load_dataset("json")`
//! reads it in old versions (which refuse doccano's mixed `label` triples)
//! and new.
//!
//! `{"id": str, "text": str, "title": str, "status": str, "spans": [{"id":
//! int, "start": int, "end": int, "label": str, "text": str, "annotator":
//! str, "annotators": [str], "note": str, "attrs": str}], "relations":
//! [{"id": int, "type": str, "from": int, "to": int, "from_role": str,
//! "to_role": str, "symmetric": bool, "attrs": str, "note": str,
//! "annotator": str}], "categories": [str], "choices": [{"annotator": str,
//! "category": str}], "meta": str, "notes": str}`. No field is ever null (a
//! missing annotator, note or role is `""`), since a column that is null in
//! the first rows cannot hold strings later; `attrs` and `meta` are JSON
//! objects as strings (`"{}"` when none), for the same reason. Spanmark
//! reads this shape back (see [`super::import_jsonl`]).

use serde::Serialize;

use crate::model::text::CharMap;
use crate::model::{Choice, LabelSet};

use super::super::ExportDoc;
use super::status_name;
use super::write::meta_objects;

#[derive(Serialize)]
struct HfSpan<'a> {
    id: u64,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    annotator: &'a str,
    annotators: &'a [String],
    note: &'a str,
    attrs: String,
}

#[derive(Serialize)]
struct HfRelation<'a> {
    id: u64,
    #[serde(rename = "type")]
    kind: &'a str,
    from: u64,
    to: u64,
    from_role: &'a str,
    to_role: &'a str,
    symmetric: bool,
    attrs: String,
    note: &'a str,
    annotator: &'a str,
}

#[derive(Serialize)]
struct HfLine<'a> {
    id: &'a str,
    text: &'a str,
    title: &'a str,
    status: &'static str,
    spans: Vec<HfSpan<'a>>,
    relations: Vec<HfRelation<'a>>,
    categories: &'a [String],
    choices: &'a [Choice],
    meta: String,
    notes: &'a str,
}

/// A map as a JSON object in a string (`"{}"` when empty).
fn json_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}

/// Write documents in the Hugging Face shape. Relations between events
/// (which it cannot hold) are left out, counted by the exporter.
pub fn write_hf(docs: &[ExportDoc<'_>], labels: &LabelSet) -> String {
    let mut out = String::new();
    for d in docs {
        let text = &d.doc.text;
        let chars = CharMap::new(text);
        let (mut meta, other) = meta_objects(d.doc);
        // Top-level keys the document came with stay apart, as in JSONL.
        if !other.is_empty() {
            meta.insert("@".to_owned(), serde_json::Value::Object(other));
        }
        let line = HfLine {
            id: &d.doc.id,
            text,
            title: &d.doc.title,
            status: status_name(d.doc.status),
            spans: d
                .spans
                .iter()
                .map(|s| HfSpan {
                    id: s.id.0,
                    start: s.start,
                    end: s.end,
                    label: labels.get(&s.label).map_or(&s.label, |l| l.export_name()),
                    text: chars.slice(text, s.start, s.end).unwrap_or(""),
                    annotator: s.annotator.as_deref().unwrap_or(""),
                    annotators: s.annotators(),
                    note: s.note().unwrap_or(""),
                    attrs: json_text(&s.attrs),
                })
                .collect(),
            relations: d
                .relations
                .iter()
                .filter(|r| r.from_event.is_none() && r.to_event.is_none())
                .map(|r| HfRelation {
                    id: r.id.0,
                    kind: &r.kind,
                    from: r.from.0,
                    to: r.to.0,
                    from_role: r.roles.as_ref().map_or("", |(a, _)| a.as_str()),
                    to_role: r.roles.as_ref().map_or("", |(_, b)| b.as_str()),
                    symmetric: r.symmetric,
                    attrs: json_text(&r.attrs),
                    note: r.note.as_deref().unwrap_or(""),
                    annotator: r.annotator.as_deref().unwrap_or(""),
                })
                .collect(),
            categories: &d.doc.categories,
            choices: &d.doc.choices,
            meta: json_text(&meta),
            notes: &d.doc.notes,
        };
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}
