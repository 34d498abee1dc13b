//! Writing doccano-compatible JSON lines.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{Choice, Document, LabelSet, MetaValue};

use super::super::ExportDoc;
use super::{JsonArg, JsonEvent, JsonRelation, JsonSpan, status_name};

/// An entity as doccano's relation projects read it.
#[derive(Serialize)]
struct OutEntity<'a> {
    id: u64,
    start_offset: usize,
    end_offset: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct OutLine<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    /// What doccano's relation extraction import reads (`relations`
    /// refer to these ids).
    entities: Vec<OutEntity<'a>>,
    relations: Vec<JsonRelation>,
    spans: Vec<JsonSpan>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    events: Vec<JsonEvent>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    cats: &'a [String],
    #[serde(skip_serializing_if = "<[Choice]>::is_empty")]
    choices: &'a [Choice],
    #[serde(skip_serializing_if = "Map::is_empty")]
    meta: Map<String, Value>,
    #[serde(skip_serializing_if = "str::is_empty")]
    notes: &'a str,
    title: &'a str,
    status: &'static str,
    /// Top-level keys the document came with (`@key` in its metadata).
    #[serde(flatten)]
    other: Map<String, Value>,
}

/// A metadata value as JSON.
pub(crate) fn meta_json(value: &MetaValue) -> Value {
    match value {
        MetaValue::Text(s) => Value::String(s.clone()),
        MetaValue::Json(j) => serde_json::from_str(j).unwrap_or_else(|_| Value::String(j.clone())),
    }
}

/// The document's metadata as doccano's `meta` object, and the top-level
/// keys it came with.
pub(super) fn meta_objects(doc: &Document) -> (Map<String, Value>, Map<String, Value>) {
    let mut meta = Map::new();
    let mut other = Map::new();
    for (key, value) in [
        ("author", &doc.meta.author),
        ("date", &doc.meta.date),
        ("outlet", &doc.meta.outlet),
    ] {
        if let Some(v) = value {
            meta.insert(key.to_owned(), Value::String(v.clone()));
        }
    }
    for (key, value) in &doc.meta.extra {
        match key.strip_prefix('@') {
            Some(top) => other.insert(top.to_owned(), meta_json(value)),
            None => meta.insert(key.clone(), meta_json(value)),
        };
    }
    (meta, other)
}

/// Write documents as JSON lines. Labels are written by the name they came
/// with (see [`crate::model::LabelDef::export_name`]).
pub fn write_jsonl(docs: &[ExportDoc<'_>], labels: &LabelSet) -> String {
    let name = |id: &str| labels.get(id).map_or(id, |l| l.export_name()).to_owned();
    let mut out = String::new();
    for d in docs {
        let (meta, other) = meta_objects(d.doc);
        let names: Vec<String> = d.spans.iter().map(|s| name(&s.label)).collect();
        let line = OutLine {
            id: &d.doc.id,
            text: &d.doc.text,
            label: d
                .spans
                .iter()
                .zip(&names)
                .map(|(s, n)| (s.start, s.end, n.as_str()))
                .collect(),
            entities: d
                .spans
                .iter()
                .zip(&names)
                .map(|(s, n)| OutEntity {
                    id: s.id.0,
                    start_offset: s.start,
                    end_offset: s.end,
                    label: n,
                })
                .collect(),
            relations: d
                .relations
                .iter()
                .map(|r| JsonRelation {
                    id: Some(r.id.0),
                    from_id: r.from.0,
                    to_id: r.to.0,
                    kind: r.kind.clone(),
                    roles: r.roles.clone(),
                    symmetric: r.symmetric,
                    attrs: r.attrs.clone(),
                    note: r.note.clone(),
                    annotator: r.annotator.clone(),
                    from_role: String::new(),
                    to_role: String::new(),
                    from_event: r.from_event.map(|e| e.0),
                    to_event: r.to_event.map(|e| e.0),
                })
                .collect(),
            spans: d
                .spans
                .iter()
                .zip(names.iter())
                .map(|(s, n)| JsonSpan {
                    id: Some(s.id.0),
                    start: s.start,
                    end: s.end,
                    label: n.clone(),
                    fragments: s.fragments().to_vec(),
                    attrs: s.attrs.clone(),
                    note: s.extra().note.clone(),
                    typed_notes: s.typed_notes().to_vec(),
                    normalizations: s.normalizations().to_vec(),
                    annotator: s.annotator.clone(),
                    annotators: s.annotators().to_vec(),
                    score: None,
                })
                .collect(),
            events: d
                .events
                .iter()
                .map(|e| JsonEvent {
                    id: e.id.0,
                    kind: e.kind.clone(),
                    trigger: e.trigger.0,
                    args: e
                        .args
                        .iter()
                        .enumerate()
                        .map(|(i, (role, span))| JsonArg {
                            role: role.clone(),
                            span: Some(span.0),
                            event: e.arg_event(i).map(|a| a.0),
                        })
                        .collect(),
                    attrs: e.attrs.clone(),
                    note: e.note.clone(),
                })
                .collect(),
            cats: &d.doc.categories,
            choices: &d.doc.choices,
            meta,
            notes: &d.doc.notes,
            title: &d.doc.title,
            status: status_name(d.doc.status),
            other,
        };
        // Serialising plain strings and numbers cannot fail.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}
