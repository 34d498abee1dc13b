//! doccano-compatible JSON lines, and a Hugging Face shape.
//!
//! Export (`jsonl`), one object per document:
//! `{"id", "text", "label": [[start, end, label], …], "relations": [{"id",
//! "from_id", "to_id", "type"}], "spans": [{"id", "start", "end", "label",
//! …}], "events": […], "cats": […], "meta": {…}, "title", "status"}`. The
//! `label` key is what doccano's sequence-labelling import reads; `spans`
//! carries the ids that `relations` refer to, with fragments, attributes,
//! notes, knowledge-base links and annotators; `cats` are the document's
//! categories and `meta` its metadata, as doccano writes them.
//!
//! Import reads that, and doccano's other shapes: `labels` instead of
//! `label`, `entities` as objects (`start_offset`, `end_offset`, `label`) or
//! as `[start, end, label]` lists, `relations` with `from_id`/`to_id`/
//! `type`, `cats`, `meta`, and any other key (kept in the metadata under
//! `@key` and written back at the top level).
//!
//! The Hugging Face shape (`hf-jsonl`, see [`write_hf`]) keeps every list
//! to values of one type, which `datasets.load_dataset("json")` needs.

mod hf;
mod read;
mod write;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Normalization, TypedNote};

pub use hf::write_hf;
pub use read::import_jsonl;
pub(crate) use write::meta_json;
pub use write::write_jsonl;

#[derive(Serialize, Deserialize)]
struct JsonSpan {
    /// Absent in spaCy-style predictions (`{"start", "end", "label",
    /// "score"}`), which no relation refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    start: usize,
    end: usize,
    label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fragments: Vec<(usize, usize)>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attrs: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    typed_notes: Vec<TypedNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    normalizations: Vec<Normalization>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
    /// A model's confidence (kept as the attribute `score`).
    #[serde(default, skip_serializing)]
    score: Option<f32>,
}

#[derive(Serialize, Deserialize)]
struct JsonRelation {
    #[serde(default)]
    id: Option<u64>,
    from_id: u64,
    to_id: u64,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    roles: Option<(String, String)>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    symmetric: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attrs: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct JsonArg {
    role: String,
    span: u64,
}

#[derive(Serialize, Deserialize)]
struct JsonEvent {
    id: u64,
    #[serde(rename = "type")]
    kind: String,
    trigger: u64,
    #[serde(default)]
    args: Vec<JsonArg>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attrs: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// The document-status words of the JSON shapes.
fn status_name(s: crate::model::DocStatus) -> &'static str {
    match s {
        crate::model::DocStatus::Todo => "todo",
        crate::model::DocStatus::InProgress => "in_progress",
        crate::model::DocStatus::Done => "done",
    }
}
