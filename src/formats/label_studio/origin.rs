//! What a Label Studio task came with that Spanmark's own names would
//! change: the task's id, the `data` key holding the text, the names of
//! the Text, Labels and per-region controls. Kept in the document's
//! metadata under [`ORIGIN_KEY`] (only when something differs from
//! Spanmark's names), so an export goes back into the project it came from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Document, MetaValue};

/// The metadata key of a document's Label Studio names.
pub const ORIGIN_KEY: &str = "label_studio";

/// The names a task came with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The task's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<u64>,
    /// The task's data had no `doc_id` (not written by Spanmark): an
    /// export adds none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bare: bool,
    /// The `data` key of the text, when not `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_key: Option<String>,
    /// The Text control's name (results' `to_name`), when not `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_name: Option<String>,
    /// Label -> the Labels control it came from, when not `label`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Attribute -> the per-region control it came from, when not
    /// `<label>_<attribute>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub controls: BTreeMap<String, String>,
}

impl Origin {
    /// The names `doc` came with (Spanmark's own when none are kept).
    pub fn of(doc: &Document) -> Origin {
        match doc.meta.extra.get(ORIGIN_KEY) {
            Some(MetaValue::Json(json)) => serde_json::from_str(json).unwrap_or_default(),
            _ => Origin::default(),
        }
    }

    /// Whether every name is Spanmark's own (nothing to keep).
    pub fn is_plain(&self) -> bool {
        self.text_key.is_none()
            && self.to_name.is_none()
            && self.labels.is_empty()
            && self.controls.is_empty()
    }

    /// Keep these names in `doc`'s metadata (nothing when all are plain
    /// and the task has no id to keep).
    pub fn keep(&self, doc: &mut Document) {
        if self.is_plain() && !self.bare {
            return;
        }
        if let Ok(json) = serde_json::to_string(self) {
            doc.meta
                .extra
                .insert(ORIGIN_KEY.to_owned(), MetaValue::Json(json));
        }
    }

    /// Take `doc`'s names into `common` (`None` before the first
    /// document). The names an export uses, folded over its documents: the
    /// data key and Text control all of them came with (else Spanmark's),
    /// every label's and attribute's control (the first document's where
    /// two differ), so every task fits one labeling configuration. Task ids
    /// stay each document's own.
    pub fn fold(common: &mut Option<Origin>, doc: &Document) {
        let o = Origin::of(doc);
        let c = common.get_or_insert_with(|| Origin {
            text_key: o.text_key.clone(),
            to_name: o.to_name.clone(),
            ..Origin::default()
        });
        if c.text_key != o.text_key {
            c.text_key = None;
        }
        if c.to_name != o.to_name {
            c.to_name = None;
        }
        for (k, v) in o.labels {
            c.labels.entry(k).or_insert(v);
        }
        for (k, v) in o.controls {
            c.controls.entry(k).or_insert(v);
        }
    }

    /// The data key of the text.
    pub fn text_key(&self) -> &str {
        self.text_key.as_deref().unwrap_or("text")
    }

    /// The Text control's name.
    pub fn to_name(&self) -> &str {
        self.to_name.as_deref().unwrap_or("text")
    }

    /// The Labels control of `label` (its name as exported).
    pub fn labels_control<'a>(&'a self, label: &str) -> &'a str {
        self.labels.get(label).map_or("label", String::as_str)
    }

    /// The per-region control of attribute `attr` of spans of `label`.
    pub fn attr_control(&self, label: &str, attr: &str) -> String {
        self.controls
            .get(attr)
            .cloned()
            .unwrap_or_else(|| super::control_name(label, attr))
    }
}
