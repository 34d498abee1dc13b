//! A document: its embedded text, spans and relations.

use serde::{Deserialize, Serialize};

use super::relations::RelationSet;
use super::span::{Relation, Span, SpanId};
use super::spans::SpanSet;
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
    /// The text, exactly as annotated. Offsets index its code points. It
    /// never changes once the document is part of a project.
    pub text: String,
    /// Spans in canonical order `(start, end, id)`, with their indexes.
    #[serde(default)]
    pub spans: SpanSet,
    /// Relations between spans, in id order, indexed by span.
    #[serde(default)]
    pub relations: RelationSet,
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
            spans: SpanSet::new(),
            relations: RelationSet::new(),
        }
    }

    /// Length of the text in code points (O(text): callers that need it
    /// often keep a [`super::text::CharMap`]).
    pub fn char_len(&self) -> usize {
        text::char_len(&self.text)
    }

    /// The span with this id.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.get(id)
    }

    /// The text a span covers.
    pub fn span_text(&self, span: &Span) -> &str {
        text::slice_chars(&self.text, span.start, span.end).unwrap_or("")
    }

    /// Relations that start or end at this span.
    pub fn relations_of(&self, id: SpanId) -> impl Iterator<Item = &Relation> {
        self.relations.of_span(id)
    }
}
