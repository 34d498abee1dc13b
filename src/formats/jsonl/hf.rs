//! The Hugging Face shape of JSON lines: every list holds values of one
//! type and every object the same keys, so `datasets.load_dataset("json")`
//! reads it in old versions (which refuse doccano's mixed `label` triples)
//! and new.
//!
//! `{"id": str, "text": str, "title": str, "status": str, "spans": [{"id":
//! int, "start": int, "end": int, "label": str, "text": str, "annotator":
//! str, "note": str, "attrs": str}], "relations": [{"id": int, "type": str,
//! "from": int, "to": int}], "categories": [str]}`. No field is ever null
//! (a missing annotator or note is `""`), since a column that is null in
//! the first rows cannot hold strings later; `attrs` is a JSON object as a
//! string (`"{}"` when none), for the same reason.

use serde::Serialize;

use crate::model::LabelSet;
use crate::model::text::CharMap;

use super::super::ExportDoc;
use super::status_name;

#[derive(Serialize)]
struct HfSpan<'a> {
    id: u64,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    annotator: &'a str,
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
}

/// Write documents in the Hugging Face shape.
pub fn write_hf(docs: &[ExportDoc<'_>], labels: &LabelSet) -> String {
    let mut out = String::new();
    for d in docs {
        let text = &d.doc.text;
        let chars = CharMap::new(text);
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
                    note: s.note.as_deref().unwrap_or(""),
                    attrs: serde_json::to_string(&s.attrs).unwrap_or_else(|_| "{}".to_owned()),
                })
                .collect(),
            relations: d
                .relations
                .iter()
                .map(|r| HfRelation {
                    id: r.id.0,
                    kind: &r.kind,
                    from: r.from.0,
                    to: r.to.0,
                })
                .collect(),
            categories: &d.doc.categories,
        };
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}
