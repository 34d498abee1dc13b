//! Reading Label Studio tasks: every annotation, each under its annotator.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::model::{Document, MetaValue, Relation, RelationId, Span, SpanId, text};

use super::super::{FormatError, Notices};
use super::control_name;

/// Read a Label Studio task array (or a single task). The text is the
/// `data` field `text_key`, else `text`, else the only string field. Errors
/// name the task.
pub fn import_label_studio(
    content: &str,
    path: &Path,
    stem: &str,
    text_key: Option<&str>,
    notices: &mut Notices,
) -> Result<Vec<Document>, FormatError> {
    let root: Value = serde_json::from_str(content)
        .map_err(|e| FormatError::malformed(path, e.line(), format!("not valid JSON: {e}")))?;
    let tasks = match root {
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
    let mut docs = Vec::with_capacity(tasks.len());
    for (i, task) in tasks.iter().enumerate() {
        let bad = |m: String| FormatError::malformed(path, 0, format!("task {}: {m}", i + 1));
        let (key, text) = task_text(task, text_key).map_err(bad)?;
        let mut task_reader = TaskReader {
            doc: document(task, stem, i, key, text),
            len: text::char_len(text),
            spans: Vec::new(),
            relations: Vec::new(),
        };
        let annotations = task["annotations"]
            .as_array()
            .or_else(|| task["completions"].as_array());
        for a in annotations.into_iter().flatten() {
            if a["was_cancelled"].as_bool() == Some(true) || a["skipped"].as_bool() == Some(true) {
                notices.add("cancelled Label Studio annotations, skipped", 1);
                continue;
            }
            task_reader
                .annotation(a, annotator(a), notices)
                .map_err(bad)?;
        }
        for p in task["predictions"].as_array().into_iter().flatten() {
            let model = p["model_version"].as_str().unwrap_or("unknown");
            let who = format!("model:{model}");
            notices.add(
                format!("Label Studio predictions kept as annotations of {who}"),
                1,
            );
            task_reader.annotation(p, Some(who), notices).map_err(bad)?;
        }
        docs.push(task_reader.finish());
    }
    Ok(docs)
}

/// The key and text of a task.
fn task_text<'t>(task: &'t Value, key: Option<&'t str>) -> Result<(&'t str, &'t str), String> {
    let data = task["data"]
        .as_object()
        .ok_or_else(|| "no data object".to_owned())?;
    if let Some(key) = key.or(data.contains_key("text").then_some("text")) {
        return data[key]
            .as_str()
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

/// The document of a task, with its other data fields as metadata.
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

struct TaskReader {
    doc: Document,
    len: usize,
    spans: Vec<Span>,
    relations: Vec<Relation>,
}

impl TaskReader {
    fn annotation(
        &mut self,
        a: &Value,
        who: Option<String>,
        notices: &mut Notices,
    ) -> Result<(), String> {
        let results: Vec<&Value> = a["result"]
            .as_array()
            .map(|r| r.iter().collect())
            .unwrap_or_default();
        // Region id (as written, within this annotation) -> its spans.
        let mut regions: HashMap<&str, Vec<usize>> = HashMap::new();
        for r in results.iter().filter(|r| r["type"] == "labels") {
            let v = &r["value"];
            let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) else {
                return Err("a region without start/end".to_owned());
            };
            let (s, e) = (s as usize, e as usize);
            if s >= e || e > self.len {
                return Err(format!(
                    "region [{s}, {e}) is outside the text of {} characters",
                    self.len
                ));
            }
            let labels: Vec<&str> = v["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if labels.is_empty() {
                return Err("a region without labels".to_owned());
            }
            let rid = r["id"].as_str().unwrap_or("");
            // A region with several labels is a span per label.
            for label in labels {
                let mut span = Span::new(SpanId(self.spans.len() as u64 + 1), s, e, label);
                span.annotator = who.clone();
                span.origin = (!rid.is_empty()).then(|| rid.to_owned());
                // A prediction's confidence (per region, else the whole
                // prediction's), kept as the attribute `score`.
                if let Some(score) = r["score"].as_f64().or_else(|| a["score"].as_f64()) {
                    span.attrs.insert("score".to_owned(), score.to_string());
                }
                regions.entry(rid).or_default().push(self.spans.len());
                self.spans.push(span);
            }
        }
        for r in &results {
            let kind = r["type"].as_str().unwrap_or("");
            let rid = r["id"].as_str().unwrap_or("");
            match (kind, regions.get(rid)) {
                ("labels", _) => {}
                ("choices" | "textarea", Some(spans)) => self.region_value(r, kind, spans),
                ("choices" | "textarea", None) => self.document_value(r, kind),
                ("relation", _) => self.relation(r, &regions, who.as_deref())?,
                (other, _) => {
                    notices.add(format!("Label Studio results of type {other}, left out"), 1)
                }
            }
        }
        Ok(())
    }

    /// An attribute or the note of a region's spans.
    fn region_value(&mut self, r: &Value, kind: &str, spans: &[usize]) {
        let key = if kind == "choices" { "choices" } else { "text" };
        let values: Vec<&str> = r["value"][key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let from = r["from_name"].as_str().unwrap_or("note");
        for &i in spans {
            let span = &mut self.spans[i];
            if from == "note" {
                span.note = Some(values.join("\n"));
                continue;
            }
            // Our own exports name controls `<label>_<attribute>`.
            let prefix = control_name(&span.label, "");
            let name = from
                .strip_prefix(&prefix)
                .filter(|n| !n.is_empty())
                .unwrap_or(from);
            span.attrs.insert(name.to_owned(), values.join("|"));
        }
    }

    /// Document-level choices (categories) and text areas (metadata).
    fn document_value(&mut self, r: &Value, kind: &str) {
        let from = r["from_name"].as_str().unwrap_or("category");
        if kind == "choices" {
            for c in r["value"]["choices"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let category = if from == "category" {
                    c.to_owned()
                } else {
                    format!("{from}/{c}")
                };
                if !self.doc.categories.contains(&category) {
                    self.doc.categories.push(category);
                }
            }
        } else {
            let texts: Vec<&str> = r["value"]["text"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            self.doc
                .meta
                .extra
                .insert(from.to_owned(), MetaValue::Text(texts.join("\n")));
        }
    }

    fn relation(
        &mut self,
        r: &Value,
        regions: &HashMap<&str, Vec<usize>>,
        who: Option<&str>,
    ) -> Result<(), String> {
        let find = |k: &str| {
            r[k].as_str()
                .and_then(|id| regions.get(id))
                .and_then(|s| s.first())
                .map(|&i| self.spans[i].id)
        };
        let (Some(mut from), Some(mut to)) = (find("from_id"), find("to_id")) else {
            return Err("a relation between unknown regions".to_owned());
        };
        let direction = r["direction"].as_str().unwrap_or("right");
        if direction == "left" {
            std::mem::swap(&mut from, &mut to);
        }
        let labels: Vec<&str> = r["labels"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let kinds = if labels.is_empty() {
            vec!["related"]
        } else {
            labels
        };
        for kind in kinds {
            let mut relation =
                Relation::new(RelationId(self.relations.len() as u64 + 1), kind, from, to);
            relation.symmetric = direction == "bi";
            relation.annotator = who.map(str::to_owned);
            self.relations.push(relation);
        }
        Ok(())
    }

    fn finish(mut self) -> Document {
        self.doc.categories.sort();
        self.doc.spans = self.spans.into_iter().collect();
        self.doc.relations = self.relations.into_iter().collect();
        self.doc
    }
}
