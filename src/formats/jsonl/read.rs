//! Reading doccano JSON lines, in every shape doccano writes.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::model::{
    DocStatus, Document, Event, EventId, MetaValue, Relation, RelationId, Span, SpanId, SpanSet,
    text,
};

use super::super::{FormatError, Notices};
use super::{JsonEvent, JsonRelation, JsonSpan};

/// An entity as doccano writes it: an object, or `[start, end, label]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entity {
    Object {
        #[serde(default)]
        id: Option<u64>,
        start_offset: usize,
        end_offset: usize,
        label: String,
    },
    List(usize, usize, String),
}

#[derive(Deserialize)]
struct InLine {
    #[serde(default)]
    id: Option<Value>,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    label: Option<Vec<(usize, usize, String)>>,
    #[serde(default)]
    labels: Option<Vec<(usize, usize, String)>>,
    #[serde(default)]
    entities: Option<Vec<Entity>>,
    #[serde(default)]
    spans: Option<Vec<JsonSpan>>,
    #[serde(default)]
    relations: Option<Vec<JsonRelation>>,
    #[serde(default)]
    events: Option<Vec<JsonEvent>>,
    #[serde(default)]
    cats: Option<Vec<String>>,
    #[serde(default)]
    meta: Option<Map<String, Value>>,
    #[serde(default)]
    status: Option<String>,
    /// Any other key (doccano's `Comments`, a dataset's own fields).
    #[serde(flatten)]
    other: Map<String, Value>,
}

/// A JSON value as metadata.
fn meta_value(v: Value) -> MetaValue {
    match v {
        Value::String(s) => MetaValue::Text(s),
        other => MetaValue::Json(other.to_string()),
    }
}

/// Read doccano JSON lines into documents. `stem` names documents that have
/// no id of their own (`stem-1`, `stem-2`, …). Errors name the line.
pub fn import_jsonl(
    content: &str,
    path: &Path,
    stem: &str,
    _notices: &mut Notices,
) -> Result<Vec<Document>, FormatError> {
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let rec: InLine = serde_json::from_str(line).map_err(|e| {
            FormatError::malformed(path, n, format!("not a valid JSON document line: {e}"))
        })?;
        docs.push(document(rec, path, n, stem, docs.len())?);
    }
    Ok(docs)
}

fn document(
    rec: InLine,
    path: &Path,
    n: usize,
    stem: &str,
    index: usize,
) -> Result<Document, FormatError> {
    let len = text::char_len(&rec.text);
    let id = match &rec.id {
        Some(Value::String(s)) => s.clone(),
        Some(v @ Value::Number(_)) => format!("{stem}-{v}"),
        _ => format!("{stem}-{}", index + 1),
    };
    let title = rec
        .title
        .clone()
        .unwrap_or_else(|| super::super::text::first_line(&rec.text));
    let mut doc = Document::new(id, title, rec.text);
    doc.status = match rec.status.as_deref() {
        Some("done") => DocStatus::Done,
        Some("in_progress") => DocStatus::InProgress,
        _ => DocStatus::Todo,
    };
    let bad = |m: String| FormatError::malformed(path, n, m);
    let check = |s: usize, e: usize| -> Result<(), FormatError> {
        if s < e && e <= len {
            Ok(())
        } else {
            Err(bad(format!(
                "span [{s}, {e}) is outside the text of {len} characters"
            )))
        }
    };
    // Spans keep the file's ids (as provenance and to resolve relations);
    // the project gives them fresh ids when they join it.
    let mut spans: Vec<Span> = Vec::new();
    if let Some(list) = rec.spans {
        for (k, s) in list.into_iter().enumerate() {
            check(s.start, s.end)?;
            // Spans without ids (a model's predictions) get ones no file id
            // is likely to meet; nothing refers to them.
            let id = s.id.unwrap_or(u64::MAX / 2 + k as u64);
            let mut span = Span::new(SpanId(id), s.start, s.end, s.label);
            span.fragments = s.fragments;
            span.attrs = s.attrs;
            span.note = s.note;
            span.typed_notes = s.typed_notes;
            span.normalizations = s.normalizations;
            span.annotator = s.annotator;
            span.origin = s.id.map(|id| id.to_string());
            if let Some(score) = s.score.filter(|x| x.is_finite()) {
                span.attrs.insert("score".to_owned(), score.to_string());
            }
            spans.push(span);
        }
    } else if let Some(entities) = rec.entities {
        for (k, e) in entities.into_iter().enumerate() {
            let (id, s, e, label) = match e {
                Entity::Object {
                    id,
                    start_offset,
                    end_offset,
                    label,
                } => (id, start_offset, end_offset, label),
                Entity::List(s, e, label) => (None, s, e, label),
            };
            check(s, e)?;
            let mut span = Span::new(SpanId(id.unwrap_or(k as u64 + 1)), s, e, label);
            span.origin = id.map(|id| id.to_string());
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
        return Err(bad(format!("two spans share the id {}", id.0)));
    }
    for (k, r) in rec.relations.into_iter().flatten().enumerate() {
        for end in [r.from_id, r.to_id] {
            if !doc.spans.contains(SpanId(end)) {
                return Err(bad(format!(
                    "relation refers to span {end}, which the line does not have"
                )));
            }
        }
        // The file's relation ids may repeat; nothing refers to them.
        let mut relation = Relation::new(
            RelationId(k as u64 + 1),
            r.kind,
            SpanId(r.from_id),
            SpanId(r.to_id),
        );
        relation.roles = r.roles;
        relation.symmetric = r.symmetric;
        relation.attrs = r.attrs;
        relation.note = r.note;
        relation.annotator = r.annotator;
        let _ = doc.relations.insert(relation);
    }
    for e in rec.events.into_iter().flatten() {
        let event = Event {
            id: EventId(e.id),
            kind: e.kind,
            trigger: SpanId(e.trigger),
            args: e
                .args
                .into_iter()
                .map(|a| (a.role, SpanId(a.span)))
                .collect(),
            attrs: e.attrs,
            note: e.note,
        };
        if let Some(missing) = event.spans().find(|s| !doc.spans.contains(*s)) {
            return Err(bad(format!(
                "event {} refers to span {}, which the line does not have",
                e.id, missing.0
            )));
        }
        doc.events.push(event);
    }
    doc.events.sort_by_key(|e| e.id);
    if doc.events.windows(2).any(|w| w[0].id == w[1].id) {
        return Err(bad("two events share an id".to_owned()));
    }
    doc.categories = rec.cats.unwrap_or_default();
    doc.categories.sort();
    doc.categories.dedup();
    for (key, value) in rec.meta.into_iter().flatten() {
        match (key.as_str(), value) {
            ("author", Value::String(s)) => doc.meta.author = Some(s),
            ("date", Value::String(s)) => doc.meta.date = Some(s),
            ("outlet", Value::String(s)) => doc.meta.outlet = Some(s),
            (_, v) => {
                doc.meta.extra.insert(key, meta_value(v));
            }
        }
    }
    for (key, value) in rec.other {
        doc.meta.extra.insert(format!("@{key}"), meta_value(value));
    }
    Ok(doc)
}
