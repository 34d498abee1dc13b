//! The project: label set plus documents, and its validation.

use foldhash::HashSet;

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::label::LabelSet;
use super::{EventId, RelationId, SpanId};

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

/// A name from a file, quoted and cut short for a one-line message.
fn short(s: &str) -> String {
    format!("{:?}", super::text::snippet_of(s, 60))
}

/// A problem that makes a project invalid. Each names where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// The file was written by a newer Spanmark.
    #[error("format_version {found} is not supported (this build reads up to {FORMAT_VERSION})")]
    UnsupportedVersion {
        /// Version in the file.
        found: u32,
    },
    /// Two documents share an id.
    #[error("document id {} is used twice", short(id))]
    DuplicateDocument {
        /// The id.
        id: String,
    },
    /// Two labels share an id.
    #[error("label id {} is defined twice", short(id))]
    DuplicateLabel {
        /// The id.
        id: String,
    },
    /// Two spans share an id.
    #[error("document {}: span id {span} is used twice", short(doc))]
    DuplicateSpan {
        /// Document id.
        doc: String,
        /// Span id.
        span: u64,
    },
    /// A span's range is empty, reversed or past the end of the text.
    #[error(
        "document {}: span {span} has range [{start}, {end}) but the text has {len} characters (need start < end <= {len})",
        short(doc)
    )]
    BadRange {
        /// Document id.
        doc: String,
        /// Span id.
        span: u64,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// Text length in code points.
        len: usize,
    },
    /// A span uses a label the label set lacks.
    #[error(
        "document {}: span {span} has unknown label {}",
        short(doc),
        short(label)
    )]
    UnknownLabel {
        /// Document id.
        doc: String,
        /// Span id.
        span: u64,
        /// The label.
        label: String,
    },
    /// Two relations share an id.
    #[error("document {}: relation id {relation} is used twice", short(doc))]
    DuplicateRelation {
        /// Document id.
        doc: String,
        /// Relation id.
        relation: u64,
    },
    /// An id counter is not above the ids in use.
    #[error(
        "next_ids.{what} is {next}, but id {used} is in use (counters must stay above every id)"
    )]
    StaleCounter {
        /// `span` or `relation`.
        what: &'static str,
        /// The counter.
        next: u64,
        /// The id in use.
        used: u64,
    },
    /// A discontinuous span's fragments do not fit its range.
    #[error(
        "document {}: span {span} has fragments that are not ordered pieces of its range",
        short(doc)
    )]
    BadFragments {
        /// Document id.
        doc: String,
        /// Span id.
        span: u64,
    },
    /// An event is broken.
    #[error("document {}: event {event}: {why}", short(doc))]
    BadEvent {
        /// Document id.
        doc: String,
        /// Event id.
        event: u64,
        /// What is wrong.
        why: String,
    },
    /// A relation's event end is wrong.
    #[error("document {}: relation {relation}: {why}", short(doc))]
    BadRelation {
        /// Document id.
        doc: String,
        /// Relation id.
        relation: u64,
        /// What is wrong.
        why: String,
    },
    /// A relation points at a span that does not exist.
    #[error(
        "document {}: relation {relation} refers to missing span {span}",
        short(doc)
    )]
    DanglingRelation {
        /// Document id.
        doc: String,
        /// Relation id.
        relation: u64,
        /// The missing span id.
        span: u64,
    },
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

    /// Check every invariant; returns the first problem found.
    ///
    /// Runs in O(total text + spans log spans).
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.validate_where(|_| true)
    }

    /// Check the project-wide invariants (version, unique label and
    /// document ids) and every invariant of the documents `check` picks:
    /// the others are known good (unchanged since they were checked).
    pub fn validate_where(&self, check: impl Fn(&Document) -> bool) -> Result<(), ValidationError> {
        if self.format_version > FORMAT_VERSION || self.format_version == 0 {
            return Err(ValidationError::UnsupportedVersion {
                found: self.format_version,
            });
        }
        let mut label_ids = HashSet::default();
        for label in self.labels.iter() {
            if !label_ids.insert(label.id.as_str()) {
                return Err(ValidationError::DuplicateLabel {
                    id: label.id.clone(),
                });
            }
        }
        let mut doc_ids =
            HashSet::with_capacity_and_hasher(self.documents.len(), Default::default());
        for doc in &self.documents {
            if !doc_ids.insert(doc.id.as_str()) {
                return Err(ValidationError::DuplicateDocument { id: doc.id.clone() });
            }
            if !check(doc) {
                continue;
            }
            super::validate::validate_document(doc, &label_ids)?;
            let mut needed = self.next_ids;
            needed.above_document(doc);
            if needed.span > self.next_ids.span {
                return Err(ValidationError::StaleCounter {
                    what: "span",
                    next: self.next_ids.span,
                    used: needed.span - 1,
                });
            }
            if needed.relation > self.next_ids.relation {
                return Err(ValidationError::StaleCounter {
                    what: "relation",
                    next: self.next_ids.relation,
                    used: needed.relation - 1,
                });
            }
            if needed.event > self.next_ids.event {
                return Err(ValidationError::StaleCounter {
                    what: "event",
                    next: self.next_ids.event,
                    used: needed.event - 1,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "project_tests.rs"]
mod tests;
