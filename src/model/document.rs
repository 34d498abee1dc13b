//! A document: its embedded text, spans and relations.

use serde::{Deserialize, Serialize};

use super::span::{Relation, RelationId, Span, SpanId};
use super::text;

/// How far annotation of a document has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocStatus {
    /// Not started.
    #[default]
    Todo,
    /// Started, not finished.
    InProgress,
    /// Finished.
    Done,
}

/// Bibliographic metadata about an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Author or byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date as written by the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publishing outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// One article under annotation. The text is embedded so offsets never drift.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id, unique within the project (used as the file stem on export).
    pub id: String,
    /// Title shown in the window.
    pub title: String,
    /// Where the text came from: a path or URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Author, date, outlet.
    #[serde(default)]
    pub meta: Meta,
    /// Annotation progress.
    #[serde(default)]
    pub status: DocStatus,
    /// Free-text notes about the document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The text, exactly as annotated. Offsets index its code points.
    pub text: String,
    /// Spans, kept sorted by `(start, end, id)`.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// Relations between spans, kept sorted by id.
    #[serde(default)]
    pub relations: Vec<Relation>,
}

impl Document {
    /// A new document with no spans.
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            source: None,
            meta: Meta::default(),
            status: DocStatus::Todo,
            notes: String::new(),
            text: text.into(),
            spans: Vec::new(),
            relations: Vec::new(),
        }
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        text::char_len(&self.text)
    }

    /// The span with this id.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// Mutable access to the span with this id. Only [`super::Edit`] uses it.
    pub(crate) fn span_mut(&mut self, id: SpanId) -> Option<&mut Span> {
        self.spans.iter_mut().find(|s| s.id == id)
    }

    /// The text a span covers.
    pub fn span_text(&self, span: &Span) -> &str {
        text::slice_chars(&self.text, span.start, span.end).unwrap_or("")
    }

    /// An id no span of this document has.
    pub fn next_span_id(&self) -> SpanId {
        SpanId(self.spans.iter().map(|s| s.id.0 + 1).max().unwrap_or(1))
    }

    /// An id no relation of this document has.
    pub fn next_relation_id(&self) -> RelationId {
        RelationId(self.relations.iter().map(|r| r.id.0 + 1).max().unwrap_or(1))
    }

    /// Insert a span at its sorted position.
    pub(crate) fn insert_span(&mut self, span: Span) {
        let key = span.sort_key();
        let at = self.spans.partition_point(|s| s.sort_key() < key);
        self.spans.insert(at, span);
    }

    /// Re-establish the sort order after a span's range changed.
    pub(crate) fn resort_span(&mut self, id: SpanId) {
        if let Some(i) = self.spans.iter().position(|s| s.id == id) {
            let span = self.spans.remove(i);
            self.insert_span(span);
        }
    }

    /// Relations that start or end at this span.
    pub fn relations_of(&self, id: SpanId) -> impl Iterator<Item = &Relation> {
        self.relations
            .iter()
            .filter(move |r| r.from == id || r.to == id)
    }

    /// Sort spans and relations into their canonical order.
    pub fn normalize(&mut self) {
        self.spans.sort_by_key(Span::sort_key);
        self.relations.sort_by_key(|r| r.id);
    }
}
