//! Reading doccano JSON lines, in every shape doccano writes.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::model::{
    Choice, DocStatus, Document, Event, EventId, MetaValue, Relation, RelationId, Span, SpanId,
    SpanSet, text,
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

/// doccano's `label`: spans (sequence labelling) or classes (text
/// classification, `["negative"]`).
#[derive(Deserialize)]
#[serde(untagged)]
enum LabelField {
    Spans(Vec<(usize, usize, String)>),
    Classes(Vec<String>),
}

/// An annotation as doccano 1.x exported it: a label id (a number the
/// file does not name), offsets for a span (none for a class), the user.
#[derive(Deserialize)]
struct OldAnnotation {
    label: Value,
    #[serde(default)]
    start_offset: Option<usize>,
    #[serde(default)]
    end_offset: Option<usize>,
    #[serde(default)]
    user: Option<Value>,
}

#[derive(Deserialize)]
struct InLine {
    #[serde(default)]
    id: Option<Value>,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    label: Option<LabelField>,
    #[serde(default)]
    labels: Option<LabelField>,
    #[serde(default)]
    entities: Option<Vec<Entity>>,
    #[serde(default)]
    annotations: Option<Vec<OldAnnotation>>,
    #[serde(default)]
    spans: Option<Vec<JsonSpan>>,
    #[serde(default)]
    relations: Option<Vec<JsonRelation>>,
    #[serde(default)]
    events: Option<Vec<JsonEvent>>,
    /// `categories` in the Hugging Face shape.
    #[serde(default, alias = "categories")]
    cats: Option<Vec<String>>,
    #[serde(default)]
    choices: Option<Vec<Choice>>,
    /// An object, or (the Hugging Face shape) a JSON object in a string.
    #[serde(default)]
    meta: Option<Value>,
    #[serde(default)]
    notes: Option<String>,
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
    notices: &mut Notices,
) -> Result<Vec<Document>, FormatError> {
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if let Some(doc) = import_jsonl_line(line, path, i + 1, stem, docs.len(), notices)? {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// Read line `n` (1-based) of a doccano JSON lines file, the `index`-th
/// document of it (0-based, for the ids of documents without one); `None`
/// for a blank line.
pub fn import_jsonl_line(
    line: &str,
    path: &Path,
    n: usize,
    stem: &str,
    index: usize,
    notices: &mut Notices,
) -> Result<Option<Document>, FormatError> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let rec: InLine = serde_json::from_str(line).map_err(|e| {
        FormatError::malformed(path, n, format!("not a valid JSON document line: {e}"))
    })?;
    document(rec, path, n, stem, index, notices).map(Some)
}

fn document(
    rec: InLine,
    path: &Path,
    n: usize,
    stem: &str,
    index: usize,
    notices: &mut Notices,
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
            span.attrs = s.attrs;
            span.annotator = s.annotator;
            span.with_extra(|e| {
                e.fragments = s.fragments;
                e.note = s.note;
                e.typed_notes = s.typed_notes;
                e.normalizations = s.normalizations;
                e.annotators = s.annotators;
            });
            span.set_origin(s.id.map(|id| id.to_string()));
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
            span.set_origin(id.map(|id| id.to_string()));
            spans.push(span);
        }
    } else if let Some(list) = rec.annotations {
        // doccano 1.x: label ids the file does not name.
        notices.add(
            "doccano 1.x annotations whose labels are ids (kept as the label names)",
            list.len(),
        );
        for (k, a) in list.into_iter().enumerate() {
            let label = match a.label {
                Value::String(s) => s,
                other => other.to_string(),
            };
            let user = a.user.map(|u| match u {
                Value::String(s) => s,
                other => other.to_string(),
            });
            match (a.start_offset, a.end_offset) {
                (Some(s), Some(e)) => {
                    check(s, e)?;
                    let mut span = Span::new(SpanId(k as u64 + 1), s, e, label);
                    span.annotator = user;
                    spans.push(span);
                }
                _ => match user {
                    Some(who) => doc.choices.push(Choice::new(who, label)),
                    None => doc.categories.push(label),
                },
            }
        }
    }
    match rec.label.or(rec.labels) {
        Some(LabelField::Spans(list)) if spans.is_empty() => {
            for (k, (s, e, l)) in list.into_iter().enumerate() {
                check(s, e)?;
                spans.push(Span::new(SpanId(k as u64 + 1), s, e, l));
            }
        }
        // Text classification: the document's classes.
        Some(LabelField::Classes(classes)) => doc.categories.extend(classes),
        _ => {}
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
        relation.roles = r.roles.or_else(|| {
            (!r.from_role.is_empty() || !r.to_role.is_empty())
                .then(|| (r.from_role.clone(), r.to_role.clone()))
        });
        relation.symmetric = r.symmetric;
        relation.attrs = r.attrs;
        relation.note = r.note;
        relation.annotator = r.annotator;
        relation.from_event = r.from_event.map(EventId);
        relation.to_event = r.to_event.map(EventId);
        let _ = doc.relations.insert(relation);
    }
    doc.events = events(rec.events.unwrap_or_default(), &doc.spans).map_err(bad)?;
    doc.categories.extend(rec.cats.unwrap_or_default());
    doc.categories.sort();
    doc.categories.dedup();
    doc.choices.extend(rec.choices.unwrap_or_default());
    doc.choices.sort();
    doc.choices.dedup();
    doc.notes = rec.notes.unwrap_or_default();
    let meta = match rec.meta {
        Some(Value::Object(m)) => m,
        Some(Value::String(json)) if !json.trim().is_empty() => serde_json::from_str(&json)
            .map_err(|e| bad(format!("meta is not a JSON object: {e}")))?,
        Some(Value::String(_) | Value::Null) | None => Map::new(),
        Some(_) => return Err(bad("meta is not an object".to_owned())),
    };
    for (key, value) in meta {
        match (key.as_str(), value) {
            ("author", Value::String(s)) => doc.meta.author = Some(s),
            ("date", Value::String(s)) => doc.meta.date = Some(s),
            ("outlet", Value::String(s)) => doc.meta.outlet = Some(s),
            // The Hugging Face shape's top-level keys of the document.
            ("@", Value::Object(top)) => {
                for (k, v) in top {
                    doc.meta.extra.insert(format!("@{k}"), meta_value(v));
                }
            }
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

/// The line's events: an argument that names an event gets that event's
/// trigger beside it when the line leaves it out.
fn events(list: Vec<JsonEvent>, spans: &SpanSet) -> Result<Vec<Event>, String> {
    let triggers: std::collections::HashMap<u64, u64> =
        list.iter().map(|e| (e.id, e.trigger)).collect();
    let mut events = Vec::with_capacity(list.len());
    for e in list {
        let mut event = Event::new(EventId(e.id), e.kind, SpanId(e.trigger));
        event.attrs = e.attrs;
        event.note = e.note;
        for a in e.args {
            match (a.event, a.span) {
                (Some(id), span) => {
                    let trigger = span.or_else(|| triggers.get(&id).copied()).ok_or_else(|| {
                        format!(
                            "event {} has event {id} as an argument, which the line does not have",
                            e.id
                        )
                    })?;
                    event.push_event(a.role, EventId(id), SpanId(trigger));
                }
                (None, Some(span)) => event.push_span(a.role, SpanId(span)),
                (None, None) => {
                    return Err(format!(
                        "event {} has an argument without a span or event",
                        e.id
                    ));
                }
            }
        }
        if let Some(missing) = event.spans().find(|s| !spans.contains(*s)) {
            return Err(format!(
                "event {} refers to span {}, which the line does not have",
                e.id, missing.0
            ));
        }
        events.push(event);
    }
    events.sort_by_key(|e| e.id);
    if events.windows(2).any(|w| w[0].id == w[1].id) {
        return Err("two events share an id".to_owned());
    }
    Ok(events)
}
