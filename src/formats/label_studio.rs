//! Label Studio JSON: an array of tasks.
//!
//! Each task: `{"id", "data": {"text", "doc_id", "title"}, "annotations":
//! [{"result": [...]}]}` with results:
//! - a span: `{"id": "T7", "from_name": "label", "to_name": "text", "type":
//!   "labels", "value": {"start", "end", "text", "labels": ["quote"]}}`;
//! - a choice attribute of a span: same `id`, `"from_name": <name>`,
//!   `"type": "choices"`, `"value": {"start", "end", "choices": [v]}`;
//! - a free-text attribute or the note: `"type": "textarea"`, `"value":
//!   {"start", "end", "text": [v]}` (`from_name` is the attribute name, or
//!   `note`);
//! - a relation: `{"type": "relation", "from_id": "T7", "to_id": "T8",
//!   "direction": "right", "labels": ["said_by"]}`.
//!
//! Offsets are code points, as Label Studio stores them since it fixed its
//! emoji offsets (label-studio-frontend #308).

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::{
    AttrKind, Document, LabelSet, Relation, RelationId, Span, SpanId, text::CharMap,
};

use super::{ExportDoc, FormatError};

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: TaskData<'a>,
    annotations: [Annotation<'a>; 1],
}

#[derive(Serialize)]
struct TaskData<'a> {
    text: &'a str,
    doc_id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    result: Vec<LsResult<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum LsResult<'a> {
    Region {
        id: String,
        from_name: &'a str,
        to_name: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: RegionValue<'a>,
    },
    Relation {
        #[serde(rename = "type")]
        kind: &'static str,
        from_id: String,
        to_id: String,
        direction: &'static str,
        labels: [&'a str; 1],
    },
}

#[derive(Serialize)]
struct RegionValue<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<[&'a str; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<[&'a str; 1]>,
}

/// Write documents as a Label Studio task array.
pub fn write_label_studio(docs: &[ExportDoc<'_>], labels: &LabelSet) -> String {
    let tasks: Vec<Task<'_>> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let chars = CharMap::new(&d.doc.text);
            let mut result = Vec::with_capacity(d.spans.len() * 2 + d.relations.len());
            let region = |id: &String, from_name, kind, value| LsResult::Region {
                id: id.clone(),
                from_name,
                to_name: "text",
                kind,
                value,
            };
            for s in &d.spans {
                let id = format!("T{}", s.id.0);
                let text = chars.slice(&d.doc.text, s.start, s.end).unwrap_or("");
                let base = |text, labels, choices| RegionValue {
                    start: s.start,
                    end: s.end,
                    text,
                    labels,
                    choices,
                };
                result.push(region(
                    &id,
                    "label",
                    "labels",
                    base(Some(Value::from(text)), Some([s.label.as_str()]), None),
                ));
                for (name, value) in &s.attrs {
                    let choice = labels.get(&s.label).is_some_and(|l| {
                        l.attributes
                            .iter()
                            .any(|a| &a.name == name && matches!(a.kind, AttrKind::Choice(_)))
                    });
                    result.push(if choice {
                        region(
                            &id,
                            name,
                            "choices",
                            base(None, None, Some([value.as_str()])),
                        )
                    } else {
                        region(
                            &id,
                            name,
                            "textarea",
                            base(Some(json!([value])), None, None),
                        )
                    });
                }
                if let Some(note) = &s.note {
                    result.push(region(
                        &id,
                        "note",
                        "textarea",
                        base(Some(json!([note])), None, None),
                    ));
                }
            }
            for r in &d.relations {
                result.push(LsResult::Relation {
                    kind: "relation",
                    from_id: format!("T{}", r.from.0),
                    to_id: format!("T{}", r.to.0),
                    direction: "right",
                    labels: [r.kind.as_str()],
                });
            }
            Task {
                id: i + 1,
                data: TaskData {
                    text: &d.doc.text,
                    doc_id: &d.doc.id,
                    title: &d.doc.title,
                },
                annotations: [Annotation { result }],
            }
        })
        .collect();
    serde_json::to_string_pretty(&tasks).unwrap_or_else(|_| "[]".to_owned())
}

/// Read a Label Studio task array (or a single task). Regions are numbered
/// in order; their ids are kept as provenance. Errors name the task.
pub fn import_label_studio(
    content: &str,
    path: &Path,
    stem: &str,
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
    let mut docs = Vec::new();
    for (i, task) in tasks.iter().enumerate() {
        let bad = |m: String| FormatError::malformed(path, 0, format!("task {}: {m}", i + 1));
        let text = task["data"]["text"]
            .as_str()
            .ok_or_else(|| bad("no data.text".to_owned()))?;
        let len = crate::model::text::char_len(text);
        let id = task["data"]["doc_id"]
            .as_str()
            .map_or_else(|| format!("{stem}-{}", i + 1), str::to_owned);
        let title = task["data"]["title"]
            .as_str()
            .map_or_else(|| super::text::first_line(text), str::to_owned);
        let mut doc = Document::new(id, title, text);
        let annotations = task["annotations"]
            .as_array()
            .or_else(|| task["completions"].as_array());
        let results: Vec<&Value> = annotations
            .and_then(|a| a.first())
            .and_then(|a| a["result"].as_array())
            .map(|r| r.iter().collect())
            .unwrap_or_default();
        // Region id (as written) -> span id: every region gets its own
        // number, whatever its id looks like ("T5", "5", a UUID); the
        // written id is kept as the span's origin.
        let mut ids: HashMap<String, SpanId> = HashMap::new();
        let mut spans: Vec<Span> = Vec::new();
        for r in results.iter().filter(|r| r["type"] == "labels") {
            let v = &r["value"];
            let (s, e) = (v["start"].as_u64(), v["end"].as_u64());
            let (Some(s), Some(e)) = (s, e) else {
                return Err(bad("a region without start/end".to_owned()));
            };
            let (s, e) = (s as usize, e as usize);
            if s >= e || e > len {
                return Err(bad(format!(
                    "region [{s}, {e}) is outside the text of {len} characters"
                )));
            }
            let label = v["labels"][0]
                .as_str()
                .ok_or_else(|| bad("a region without labels".to_owned()))?;
            let sid = SpanId(spans.len() as u64 + 1);
            let mut span = Span::new(sid, s, e, label);
            if let Some(rid) = r["id"].as_str() {
                if ids.insert(rid.to_owned(), sid).is_some() {
                    return Err(bad(format!("two regions share the id {rid:?}")));
                }
                span.origin = Some(rid.to_owned());
            }
            spans.push(span);
        }
        let find = |rid: &Value| -> Option<SpanId> { ids.get(rid.as_str()?).copied() };
        let mut relations = Vec::new();
        for r in &results {
            let kind = r["type"].as_str().unwrap_or("");
            match kind {
                "choices" | "textarea" => {
                    let Some(sid) = find(&r["id"]) else { continue };
                    let key = if kind == "choices" { "choices" } else { "text" };
                    let Some(value) = r["value"][key][0].as_str() else {
                        continue;
                    };
                    let name = r["from_name"].as_str().unwrap_or("note");
                    if let Some(span) = spans.get_mut(sid.0 as usize - 1) {
                        if name == "note" {
                            span.note = Some(value.to_owned());
                        } else {
                            span.attrs.insert(name.to_owned(), value.to_owned());
                        }
                    }
                }
                "relation" => {
                    let (Some(from), Some(to)) = (find(&r["from_id"]), find(&r["to_id"])) else {
                        return Err(bad("a relation between unknown regions".to_owned()));
                    };
                    let kind = r["labels"][0].as_str().unwrap_or("related");
                    relations.push(Relation {
                        id: RelationId(relations.len() as u64 + 1),
                        kind: kind.to_owned(),
                        from,
                        to,
                    });
                }
                _ => {}
            }
        }
        doc.spans = spans.into_iter().collect();
        doc.relations = relations.into_iter().collect();
        docs.push(doc);
    }
    Ok(docs)
}
