//! Spans and relations between them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Stable identifier of a span within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpanId(pub u64);

impl std::fmt::Display for SpanId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "T{}", self.0)
    }
}

/// A labelled, half-open range `[start, end)` of Unicode code points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Stable id, unique within the document.
    pub id: SpanId,
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point (exclusive).
    pub end: usize,
    /// Label id, one of the project's [`crate::model::LabelSet`].
    pub label: String,
    /// Attribute values, e.g. `kind: "person"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who made the span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    /// The id this span had in the file it was imported from (`T5`, a
    /// Label Studio region id…): provenance only, never used as an id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

impl Span {
    /// A new span with no attributes, note or annotator.
    pub fn new(id: SpanId, start: usize, end: usize, label: impl Into<String>) -> Self {
        Self {
            id,
            start,
            end,
            label: label.into(),
            attrs: BTreeMap::new(),
            note: None,
            annotator: None,
            origin: None,
        }
    }

    /// The sort key that keeps spans in a stable, diffable order.
    pub fn sort_key(&self) -> (usize, usize, SpanId) {
        (self.start, self.end, self.id)
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no code point (never true of a valid span).
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether the code point at `pos` lies inside the span.
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

impl std::fmt::Display for RelationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "R{}", self.0)
    }
}

/// Stable identifier of a relation within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationId(pub u64);

/// A directed, typed link between two spans, e.g. a quote `said_by` an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Stable id, unique within the document.
    pub id: RelationId,
    /// Relation kind, e.g. `"said_by"`.
    pub kind: String,
    /// Source span.
    pub from: SpanId,
    /// Target span.
    pub to: SpanId,
}
