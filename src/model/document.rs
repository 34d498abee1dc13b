//! A document: its embedded text, spans and relations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::relations::RelationSet;
use super::spans::SpanSet;
use super::suggestion::Suggestions;
use super::text;
use super::{Event, EventId, Relation, Span, SpanId};

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

/// A metadata value from an imported file: text, or any other JSON value
/// kept as its JSON text (so numbers stay numbers when written back).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MetaValue {
    /// A string.
    Text(String),
    /// Any other JSON value, as JSON.
    Json(String),
}

/// The metadata key of the active annotation time per annotator
/// (`{annotator: seconds}`, recorded by the window).
pub const ACTIVE_SECONDS: &str = "active_seconds";

/// The metadata key of the day a document was marked done (`YYYY-MM-DD`,
/// recorded by the session).
pub const DONE_ON: &str = "done_on";

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
    /// Any other metadata a file carried (doccano `meta`, Label Studio
    /// `data` fields), kept so it is written back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, MetaValue>,
}

impl Meta {
    /// Whether there is no metadata at all.
    pub fn is_empty(&self) -> bool {
        self == &Meta::default()
    }

    /// The active annotation seconds per annotator recorded here.
    pub fn active_seconds(&self) -> BTreeMap<String, u64> {
        match self.extra.get(ACTIVE_SECONDS) {
            Some(MetaValue::Json(json)) => serde_json::from_str(json).unwrap_or_default(),
            _ => BTreeMap::new(),
        }
    }

    /// Record the active annotation seconds per annotator.
    pub fn set_active_seconds(&mut self, seconds: &BTreeMap<String, u64>) {
        let json = serde_json::to_string(seconds).unwrap_or_else(|_| "{}".to_owned());
        self.extra
            .insert(ACTIVE_SECONDS.to_owned(), MetaValue::Json(json));
    }
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
    /// Author, date, outlet, and other metadata.
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
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
    /// Events (a trigger span with role-named arguments), in id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Document-level labels (doccano `cats`, Label Studio `choices` as
    /// `control/value`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Categories chosen by a named annotator (Label Studio's document
    /// choices, one annotation per person), sorted: who chose what, never
    /// merged into `categories`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<super::Choice>,
    /// Suggestions waiting for a decision, and those rejected.
    #[serde(default, skip_serializing_if = "Suggestions::is_empty")]
    pub suggestions: Suggestions,
    /// Spans rejected in curation, kept as the record of what their
    /// annotators made (agreement is computed on the annotators' own work,
    /// rejected spans included); never shown, exported or counted as
    /// annotations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Span>,
    /// Set while the document is parked out of memory (see
    /// [`super::parked`]): its text and annotations are in its file only.
    /// Never read from a file; writing a parked document is an error.
    #[serde(
        skip_deserializing,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::parked::refuse"
    )]
    pub parked: Option<Box<super::parked::Parked>>,
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
            events: Vec::new(),
            categories: Vec::new(),
            choices: Vec::new(),
            suggestions: Suggestions::default(),
            rejected: Vec::new(),
            parked: None,
        }
    }

    /// Length of the text in code points (O(text): callers that need it
    /// often keep a [`super::text::CharMap`]).
    pub fn char_len(&self) -> usize {
        if let Some(p) = &self.parked {
            return p.chars;
        }
        text::char_len(&self.text)
    }

    /// The span with this id.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.get(id)
    }

    /// Whether a span of `label` already covers part of `[start, end)`
    /// (a suggestion there would repeat it).
    pub fn covered(&self, start: usize, end: usize, label: &str) -> bool {
        self.spans
            .overlapping(start, end)
            .iter()
            .any(|s| s.label == label && s.start < end && start < s.end)
    }

    /// The text a span covers.
    pub fn span_text(&self, span: &Span) -> &str {
        text::slice_chars(&self.text, span.start, span.end).unwrap_or("")
    }

    /// Relations that start or end at this span.
    pub fn relations_of(&self, id: SpanId) -> impl Iterator<Item = &Relation> {
        self.relations.of_span(id)
    }

    /// The event with this id.
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .and_then(|i| self.events.get(i))
    }
}
