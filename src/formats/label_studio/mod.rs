//! Label Studio JSON: an array of tasks, and the labeling configuration
//! that goes with them.
//!
//! Each task: `{"id", "data": {"text", "doc_id", "title", …}, "annotations":
//! [{"result": […], "completed_by"?}]}`, one annotation per annotator. The
//! results:
//! - a span: `{"id": "T7", "from_name": "label", "to_name": "text", "type":
//!   "labels", "value": {"start", "end", "text", "labels": [label]}}`;
//! - an attribute of a span: same `id`, `"from_name": "<label>_<attribute>"`
//!   (one control per label and attribute), `"type": "choices"` with
//!   `"value": {…, "choices": [v]}` or `"type": "textarea"` with `"value":
//!   {…, "text": [v]}`; the note: `"from_name": "note"`, a textarea;
//! - a relation: `{"type": "relation", "from_id", "to_id", "direction":
//!   "right" (or "bi" when symmetric), "labels": [kind]}`;
//! - the document's categories: `{"from_name": "category", "type":
//!   "choices", "value": {"choices": […]}}` (a category `group/value` goes
//!   to the control `group`).
//!
//! The export writes `NAME.label-config.xml` beside `NAME.json`: the
//! labeling configuration with every label, attribute control, relation and
//! category, so a Label Studio project is made in one step and
//! `label-studio-converter` reads the export.
//!
//! Import reads that and what Label Studio exports: every annotation of a
//! task, each under its annotator (`completed_by`), cancelled ones skipped
//! (counted); regions with several labels (a span each); relation direction
//! (`left` swaps the ends, `bi` is symmetric); document-level `choices`
//! (categories) and `textarea` (metadata); `predictions` as spans of the
//! annotator `model:<model_version>`; the text from any `data` field.
//!
//! Offsets are code points, as Label Studio stores them since it fixed its
//! emoji offsets (label-studio-frontend #308).

mod config;
mod origin;
mod read;
mod write;

pub use config::Survey;
pub use origin::Origin;
pub use read::import_label_studio;
pub use write::{TaskArray, task_json};

/// The control name of an attribute of a label: `<label>_<attribute>`.
pub fn control_name(label: &str, attr: &str) -> String {
    format!("{}_{}", super::brat::token(label), super::brat::token(attr))
}

/// `&`, `<`, `>`, `"` and `'` escaped for XML attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
