//! doccano-compatible JSON lines.
//!
//! Export, one object per document:
//! `{"id", "text", "label": [[start, end, label], ...], "relations":
//! [{"id", "from_id", "to_id", "type"}], "spans": [{"id", "start", "end",
//! "label", "attrs", "note", "annotator"}], "title", "status"}`. The `label`
//! key is what doccano's sequence-labelling import reads; `spans` carries the
//! ids that `relations` refer to, with attributes and notes.
//!
//! Import reads that, and doccano's other shapes: `labels` instead of
//! `label`, and `entities` with `start_offset`/`end_offset` (plus
//! `relations` with `from_id`/`to_id`/`type`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{DocStatus, Document, Relation, RelationId, Span, SpanId, SpanSet, text};

use super::{ExportDoc, FormatError};

#[derive(Serialize, Deserialize)]
struct JsonSpan {
    id: u64,
    start: usize,
    end: usize,
    label: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attrs: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct JsonRelation {
    #[serde(default)]
    id: Option<u64>,
    from_id: u64,
    to_id: u64,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct JsonEntity {
    #[serde(default)]
    id: Option<u64>,
    start_offset: usize,
    end_offset: usize,
    label: String,
}

#[derive(Serialize)]
struct OutLine<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    relations: Vec<JsonRelation>,
    spans: Vec<JsonSpan>,
    title: &'a str,
    status: &'static str,
}

fn status_name(s: DocStatus) -> &'static str {
    match s {
        DocStatus::Todo => "todo",
        DocStatus::InProgress => "in_progress",
        DocStatus::Done => "done",
    }
}

/// Write documents as JSON lines.
pub fn write_jsonl(docs: &[ExportDoc<'_>]) -> String {
    let mut out = String::new();
    for d in docs {
        let line = OutLine {
            id: &d.doc.id,
            text: &d.doc.text,
            label: d
                .spans
                .iter()
                .map(|s| (s.start, s.end, s.label.as_str()))
                .collect(),
            relations: d
                .relations
                .iter()
                .map(|r| JsonRelation {
                    id: Some(r.id.0),
                    from_id: r.from.0,
                    to_id: r.to.0,
                    kind: r.kind.clone(),
                })
                .collect(),
            spans: d
                .spans
                .iter()
                .map(|s| JsonSpan {
                    id: s.id.0,
                    start: s.start,
                    end: s.end,
                    label: s.label.clone(),
                    attrs: s.attrs.clone(),
                    note: s.note.clone(),
                    annotator: s.annotator.clone(),
                })
                .collect(),
            title: &d.doc.title,
            status: status_name(d.doc.status),
        };
        // Serialising plain strings and numbers cannot fail.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}

#[derive(Deserialize)]
struct InLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    label: Option<Vec<(usize, usize, String)>>,
    #[serde(default)]
    labels: Option<Vec<(usize, usize, String)>>,
    #[serde(default)]
    entities: Option<Vec<JsonEntity>>,
    #[serde(default)]
    spans: Option<Vec<JsonSpan>>,
    #[serde(default)]
    relations: Option<Vec<JsonRelation>>,
    #[serde(default)]
    status: Option<String>,
}

/// Read doccano JSON lines into documents. `stem` names documents that have
/// no id of their own (`stem-1`, `stem-2`, …). Errors name the line.
pub fn import_jsonl(content: &str, path: &Path, stem: &str) -> Result<Vec<Document>, FormatError> {
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let rec: InLine = serde_json::from_str(line).map_err(|e| {
            FormatError::malformed(path, n, format!("not a valid JSON document line: {e}"))
        })?;
        let len = text::char_len(&rec.text);
        let id = match &rec.id {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v @ serde_json::Value::Number(_)) => format!("{stem}-{v}"),
            _ => format!("{stem}-{}", docs.len() + 1),
        };
        let title = rec
            .title
            .clone()
            .unwrap_or_else(|| super::text::first_line(&rec.text));
        let mut doc = Document::new(id, title, rec.text);
        doc.status = match rec.status.as_deref() {
            Some("done") => DocStatus::Done,
            Some("in_progress") => DocStatus::InProgress,
            _ => DocStatus::Todo,
        };
        let check = |s: usize, e: usize| -> Result<(), FormatError> {
            if s < e && e <= len {
                Ok(())
            } else {
                Err(FormatError::malformed(
                    path,
                    n,
                    format!("span [{s}, {e}) is outside the text of {len} characters"),
                ))
            }
        };
        // Spans keep the file's ids (as provenance and to resolve relations);
        // the project gives them fresh ids when they join it.
        let mut spans: Vec<Span> = Vec::new();
        if let Some(list) = rec.spans {
            for s in list {
                check(s.start, s.end)?;
                spans.push(Span {
                    id: SpanId(s.id),
                    start: s.start,
                    end: s.end,
                    label: s.label,
                    attrs: s.attrs,
                    note: s.note,
                    annotator: s.annotator,
                    origin: Some(s.id.to_string()),
                });
            }
        } else if let Some(entities) = rec.entities {
            for (k, e) in entities.into_iter().enumerate() {
                check(e.start_offset, e.end_offset)?;
                let mut span = Span::new(
                    SpanId(e.id.unwrap_or(k as u64 + 1)),
                    e.start_offset,
                    e.end_offset,
                    e.label,
                );
                span.origin = e.id.map(|id| id.to_string());
                spans.push(span);
            }
        } else if let Some(list) = rec.label.or(rec.labels) {
            for (k, (s, e, l)) in list.into_iter().enumerate() {
                check(s, e)?;
                spans.push(Span::new(SpanId(k as u64 + 1), s, e, l));
            }
        }
        doc.spans = SpanSet::from_spans(spans);
        if let Some(id) = doc.spans.duplicate() {
            return Err(FormatError::malformed(
                path,
                n,
                format!("two spans share the id {}", id.0),
            ));
        }
        let mut relations = Vec::new();
        for (k, r) in rec.relations.into_iter().flatten().enumerate() {
            for end in [r.from_id, r.to_id] {
                if !doc.spans.contains(SpanId(end)) {
                    return Err(FormatError::malformed(
                        path,
                        n,
                        format!("relation refers to span {end}, which the line does not have"),
                    ));
                }
            }
            // The file's relation ids may repeat; nothing refers to them.
            relations.push(Relation {
                id: RelationId(k as u64 + 1),
                kind: r.kind,
                from: SpanId(r.from_id),
                to: SpanId(r.to_id),
            });
        }
        doc.relations = relations.into_iter().collect();
        docs.push(doc);
    }
    Ok(docs)
}
