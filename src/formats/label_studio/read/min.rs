//! Label Studio's JSON-MIN export (label-studio-converter's
//! `convert_to_json_min`): one flat record per annotation, the task's data
//! fields beside each control's output (`"label": [{"start", "end",
//! "text", "labels"}]`, a document choice of several values as
//! `{"choices": […]}`), with `annotator` and `annotation_id`. A record is
//! turned into the task it came from, with one annotation. A single choice
//! is written as a bare string there, like a data field, so it stays data.

use serde_json::{Map, Value, json};

/// Keys of a JSON-MIN record that describe the annotation, not the data.
const BOOKKEEPING: [&str; 5] = [
    "annotation_id",
    "created_at",
    "updated_at",
    "lead_time",
    "agreement",
];

/// Whether `item` is a JSON-MIN record.
pub(super) fn is_min(item: &Value) -> bool {
    let Some(o) = item.as_object() else {
        return false;
    };
    !o.contains_key("data") && (o.contains_key("annotation_id") || o.values().any(is_region_list))
}

/// A list of regions: objects with a `start` and an `end`.
fn is_region_list(v: &Value) -> bool {
    v.as_array().is_some_and(|a| {
        !a.is_empty() && a.iter().all(|r| r["start"].is_u64() && r["end"].is_u64())
    })
}

/// The task a JSON-MIN record comes from.
pub(super) fn task(item: Value) -> Value {
    let Value::Object(mut fields) = item else {
        return item;
    };
    let id = fields.remove("id");
    let annotator = fields.remove("annotator");
    for key in BOOKKEEPING {
        fields.remove(key);
    }
    let mut data = Map::new();
    let mut result = Vec::new();
    // Regions first: a per-region value shares its region's id.
    let mut ids: Vec<((u64, u64), String)> = Vec::new();
    let mut values = Vec::new();
    for (key, value) in fields {
        if is_region_list(&value) {
            for (j, r) in value.as_array().into_iter().flatten().enumerate() {
                let at = (
                    r["start"].as_u64().unwrap_or(0),
                    r["end"].as_u64().unwrap_or(0),
                );
                if r.get("labels").is_some() {
                    let rid = format!("{key}-{}", j + 1);
                    ids.push((at, rid.clone()));
                    result.push(json!({"id": rid, "from_name": key, "to_name": "text",
                        "type": "labels", "value": r}));
                } else {
                    values.push((key.clone(), at, r.clone()));
                }
            }
        } else if value["choices"].is_array() {
            result.push(
                json!({"from_name": key, "to_name": "text", "type": "choices",
                "value": {"choices": value["choices"]}}),
            );
        } else {
            data.insert(key, value);
        }
    }
    for (key, at, r) in values {
        let rid = ids
            .iter()
            .find(|(a, _)| *a == at)
            .map_or_else(|| format!("{key}-region"), |(_, id)| id.clone());
        let kind = if r.get("choices").is_some() {
            "choices"
        } else {
            "textarea"
        };
        result.push(
            json!({"id": rid, "from_name": key, "to_name": "text", "type": kind,
            "value": r}),
        );
    }
    let mut annotation = Map::new();
    annotation.insert("result".to_owned(), Value::Array(result));
    if let Some(who) = annotator.filter(|a| !a.is_null()) {
        annotation.insert("completed_by".to_owned(), who);
    }
    let mut task = Map::new();
    if let Some(id) = id {
        task.insert("id".to_owned(), id);
    }
    task.insert("data".to_owned(), Value::Object(data));
    task.insert(
        "annotations".to_owned(),
        Value::Array(vec![Value::Object(annotation)]),
    );
    Value::Object(task)
}
