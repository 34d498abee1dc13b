//! The project: label set plus documents, and the id counters (its
//! validation is in `validation.rs`).

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::label::LabelSet;
use super::span::{EventId, RelationId, SpanId};

/// The version of the project file format this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// Everything Spanmark saves: labels, relation kinds and documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// File format version; see [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Project name.
    pub name: String,
    /// Default annotator name recorded on new spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    /// The labels spans can carry.
    #[serde(default)]
    pub labels: LabelSet,
    /// The kinds of relation spans can have, e.g. `said_by`.
    #[serde(default = "default_relation_kinds")]
    pub relation_kinds: Vec<String>,
    /// Guidelines for the whole project and per relation kind (each label
    /// keeps its own in its definition).
    #[serde(default, skip_serializing_if = "super::Guidelines::is_empty")]
    pub guidelines: super::Guidelines,
    /// Who annotates which document (by document id).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub assignments: super::Assignments,
    /// The next span and relation ids to hand out. They only ever grow, so
    /// no sequence of edits, undos and imports can reuse an id.
    #[serde(default)]
    pub next_ids: NextIds,
    /// The documents.
    pub documents: Vec<Document>,
}

/// Counters for new span and relation ids (project-wide, only growing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextIds {
    /// The id the next new span gets.
    pub span: u64,
    /// The id the next new relation gets.
    pub relation: u64,
    /// The id the next new event gets.
    #[serde(default)]
    pub event: u64,
}

impl NextIds {
    /// Each counter the larger of the two.
    pub fn max(self, other: NextIds) -> NextIds {
        NextIds {
            span: self.span.max(other.span),
            relation: self.relation.max(other.relation),
            event: self.event.max(other.event),
        }
    }

    /// Keep the counters above a span id.
    pub fn above_span(&mut self, id: SpanId) {
        self.span = self.span.max(id.0.saturating_add(1));
    }

    /// Keep the counters above a relation id.
    pub fn above_relation(&mut self, id: RelationId) {
        self.relation = self.relation.max(id.0.saturating_add(1));
    }

    /// Keep the counters above an event id.
    pub fn above_event(&mut self, id: EventId) {
        self.event = self.event.max(id.0.saturating_add(1));
    }

    /// Keep the counters above every id of a document.
    pub fn above_document(&mut self, doc: &Document) {
        if let Some(parked) = &doc.parked {
            *self = self.max(parked.next_ids);
            return;
        }
        if let Some(e) = doc.events.last() {
            self.above_event(e.id);
        }
        if let Some(id) = doc.spans.max_id() {
            self.above_span(id);
        }
        if let Some(id) = doc.relations.max_id() {
            self.above_relation(id);
        }
    }
}

fn default_relation_kinds() -> Vec<String> {
    ["said_by", "claimed_by", "about"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

impl Project {
    /// An empty project with the default labels.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.into(),
            annotator: None,
            labels: LabelSet::default(),
            relation_kinds: default_relation_kinds(),
            guidelines: super::Guidelines::default(),
            assignments: super::Assignments::new(),
            next_ids: NextIds {
                span: 1,
                relation: 1,
                event: 1,
            },
            documents: Vec::new(),
        }
    }

    /// Raise the id counters above every id in use (files written before
    /// the counters existed have none).
    pub fn ensure_next_ids(&mut self) {
        let mut next = NextIds {
            span: self.next_ids.span.max(1),
            relation: self.next_ids.relation.max(1),
            event: self.next_ids.event.max(1),
        };
        for doc in &self.documents {
            next.above_document(doc);
        }
        self.next_ids = next;
    }
}
