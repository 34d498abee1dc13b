//! Reading Label Studio tasks: every annotation, each under its annotator;
//! predictions as suggestions. Tasks without a `data` object (a plain
//! object is its data) and JSON-MIN records are read too.

mod min;
mod predictions;
mod regions;
mod values;

use std::path::Path;

use serde_json::Value;

use crate::model::{DocStatus, Document, MetaValue};

use super::super::{FormatError, Notices};
use super::origin::Origin;
use regions::TaskReader;

/// Read a Label Studio task array (or a single task). The text is the
/// `data` field `text_key`, else `text`, else the only string field. Errors
/// name the task (its id, else its place) and the region.
pub fn import_label_studio(
    content: &str,
    path: &Path,
    stem: &str,
    text_key: Option<&str>,
    notices: &mut Notices,
) -> Result<Vec<Document>, FormatError> {
    let root: Value = serde_json::from_str(content)
        .map_err(|e| FormatError::malformed(path, e.line(), format!("not valid JSON: {e}")))?;
    let items = match root {
        Value::Array(a) => a,
        task @ Value::Object(_) => vec![task],
        _ => {
            return Err(FormatError::malformed(
                path,
                0,
                "expected an array of tasks",
            ));
        }
    };
    let mut docs = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let name = match item["id"].as_u64() {
            Some(id) => format!("task {id}"),
            None => format!("task #{}", i + 1),
        };
        let bad = |m: String| FormatError::malformed(path, 0, format!("{name}: {m}"));
        if !item.is_object() {
            return Err(bad("not a JSON object".to_owned()));
        }
        let task = task_of(item, notices);
        let (key, text) = task_text(&task, text_key).map_err(bad)?;
        let bare = task["data"]["doc_id"].is_null();
        let mut origin = Origin {
            task: task["id"].as_u64().filter(|_| bare),
            bare,
            text_key: (key != "text").then(|| key.to_owned()),
            ..Origin::default()
        };
        let doc = document(&task, stem, i, key, text);
        let mut reader = TaskReader::new(doc, text);
        reader.read(&task, &mut origin, notices).map_err(bad)?;
        // The names a task had before Spanmark wrote it, if it did.
        if let Ok(kept) = serde_json::from_value::<Origin>(task["meta"]["spanmark_origin"].clone())
        {
            origin = kept;
        }
        docs.push(reader.finish(&origin));
    }
    Ok(docs)
}

/// The task an item stands for: itself when it has a `data` object, a
/// JSON-MIN record's task, or else an object that is all data.
fn task_of(item: Value, notices: &mut Notices) -> Value {
    if item["data"].is_object() {
        return item;
    }
    if min::is_min(&item) {
        notices.add("Label Studio JSON-MIN records read as tasks", 1);
        return min::task(item);
    }
    let Value::Object(mut fields) = item else {
        return item;
    };
    // A task without a data object: every field but the task's own is data.
    let mut task = serde_json::Map::new();
    for key in ["id", "annotations", "completions", "predictions", "meta"] {
        if let Some(v) = fields.remove(key) {
            task.insert(key.to_owned(), v);
        }
    }
    task.insert("data".to_owned(), Value::Object(fields));
    Value::Object(task)
}

/// The key and text of a task.
fn task_text<'t>(task: &'t Value, key: Option<&'t str>) -> Result<(&'t str, &'t str), String> {
    let data = task["data"]
        .as_object()
        .ok_or_else(|| "no data object".to_owned())?;
    if let Some(key) = key.or(data.contains_key("text").then_some("text")) {
        return data
            .get(key)
            .and_then(Value::as_str)
            .map(|t| (key, t))
            .ok_or_else(|| format!("data.{key} is not a string"));
    }
    let strings: Vec<(&String, &str)> = data
        .iter()
        .filter_map(|(k, v)| Some((k, v.as_str()?)))
        .filter(|(k, _)| !matches!(k.as_str(), "doc_id" | "title"))
        .collect();
    match strings.as_slice() {
        [(k, t)] => Ok((k.as_str(), t)),
        [] => Err("no text in data".to_owned()),
        many => {
            let keys: Vec<&str> = many.iter().map(|(k, _)| k.as_str()).collect();
            Err(format!(
                "several text fields ({}): choose one with --text-key",
                keys.join(", ")
            ))
        }
    }
}

/// The document of a task, with its other data fields as metadata and the
/// status Spanmark wrote in its `meta`.
fn document(task: &Value, stem: &str, i: usize, key: &str, text: &str) -> Document {
    let id = task["data"]["doc_id"].as_str().map_or_else(
        || match task["id"].as_u64() {
            Some(n) => format!("{stem}-{n}"),
            None => format!("{stem}-{}", i + 1),
        },
        str::to_owned,
    );
    let title = task["data"]["title"]
        .as_str()
        .map_or_else(|| super::super::text::first_line(text), str::to_owned);
    let mut doc = Document::new(id, title, text);
    for (k, v) in task["data"].as_object().into_iter().flatten() {
        if !matches!(k.as_str(), "doc_id" | "title") && k != key {
            let value = match v {
                Value::String(s) => MetaValue::Text(s.clone()),
                other => MetaValue::Json(other.to_string()),
            };
            doc.meta.extra.insert(k.clone(), value);
        }
    }
    doc.status = match task["meta"]["spanmark_status"].as_str() {
        Some("done") => DocStatus::Done,
        Some("in_progress") => DocStatus::InProgress,
        _ => DocStatus::Todo,
    };
    doc
}

/// Who made an annotation: ours, or Label Studio's `completed_by`.
fn annotator(a: &Value) -> Option<String> {
    if let Some(name) = a["spanmark_annotator"].as_str() {
        return Some(name.to_owned());
    }
    match &a["completed_by"] {
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o
            .get("email")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| o.get("id").map(Value::to_string)),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}
