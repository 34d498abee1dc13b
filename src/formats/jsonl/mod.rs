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
pub use read::{import_jsonl, import_jsonl_line};
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
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "attrs_any"
    )]
    attrs: BTreeMap<String, String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_empty"
    )]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    typed_notes: Vec<TypedNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    normalizations: Vec<Normalization>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_empty"
    )]
    annotator: Option<String>,
    /// Everyone who made the span, when several people did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    annotators: Vec<String>,
    /// A model's confidence (kept as the attribute `score`).
    #[serde(default, skip_serializing)]
    score: Option<f32>,
}

#[derive(Serialize, Deserialize)]
struct JsonRelation {
    #[serde(default)]
    id: Option<u64>,
    /// `from` in the Hugging Face shape.
    #[serde(alias = "from")]
    from_id: u64,
    /// `to` in the Hugging Face shape.
    #[serde(alias = "to")]
    to_id: u64,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    roles: Option<(String, String)>,
    /// The Hugging Face shape's roles (`""`: `Arg1`/`Arg2`).
    #[serde(default, skip_serializing)]
    from_role: String,
    #[serde(default, skip_serializing)]
    to_role: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    symmetric: bool,
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "attrs_any"
    )]
    attrs: BTreeMap<String, String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_empty"
    )]
    note: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_or_empty"
    )]
    annotator: Option<String>,
    /// The source end is this event (`from_id` is its trigger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from_event: Option<u64>,
    /// The target end is this event (`to_id` is its trigger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to_event: Option<u64>,
}

/// An event's argument: a span, or an event (`span` then its trigger,
/// which a reader may leave out).
#[derive(Serialize, Deserialize)]
struct JsonArg {
    role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event: Option<u64>,
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

/// Attributes as an object, or as a JSON object in a string (the Hugging
/// Face shape's `attrs`).
fn attrs_any<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Attrs {
        Map(BTreeMap<String, String>),
        Text(String),
    }
    match Attrs::deserialize(d)? {
        Attrs::Map(m) => Ok(m),
        Attrs::Text(t) if t.trim().is_empty() => Ok(BTreeMap::new()),
        Attrs::Text(t) => serde_json::from_str(&t).map_err(serde::de::Error::custom),
    }
}

/// A string where `""` means none (the Hugging Face shape is never null).
fn text_or_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.is_empty()))
}

/// The document-status words of the JSON shapes.
pub(crate) fn status_name(s: crate::model::DocStatus) -> &'static str {
    match s {
        crate::model::DocStatus::Todo => "todo",
        crate::model::DocStatus::InProgress => "in_progress",
        crate::model::DocStatus::Done => "done",
    }
}
