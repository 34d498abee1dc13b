//! The project: label set plus documents, and its validation.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::label::LabelSet;

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
    /// The documents.
    pub documents: Vec<Document>,
}

fn default_relation_kinds() -> Vec<String> {
    ["said_by", "claimed_by", "about"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
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
    #[error("document id {id:?} is used twice")]
    DuplicateDocument {
        /// The id.
        id: String,
    },
    /// Two labels share an id.
    #[error("label id {id:?} is defined twice")]
    DuplicateLabel {
        /// The id.
        id: String,
    },
    /// Two spans share an id.
    #[error("document {doc:?}: span id {span} is used twice")]
    DuplicateSpan {
        /// Document id.
        doc: String,
        /// Span id.
        span: u64,
    },
    /// A span's range is empty, reversed or past the end of the text.
    #[error(
        "document {doc:?}: span {span} has range [{start}, {end}) but the text has {len} characters (need start < end <= {len})"
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
    #[error("document {doc:?}: span {span} has unknown label {label:?}")]
    UnknownLabel {
        /// Document id.
        doc: String,
        /// Span id.
        span: u64,
        /// The label.
        label: String,
    },
    /// Two relations share an id.
    #[error("document {doc:?}: relation id {relation} is used twice")]
    DuplicateRelation {
        /// Document id.
        doc: String,
        /// Relation id.
        relation: u64,
    },
    /// A relation points at a span that does not exist.
    #[error("document {doc:?}: relation {relation} refers to missing span {span}")]
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
            documents: Vec::new(),
        }
    }

    /// Check every invariant; returns the first problem found.
    ///
    /// Runs in O(total text + spans log spans).
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.format_version > FORMAT_VERSION || self.format_version == 0 {
            return Err(ValidationError::UnsupportedVersion {
                found: self.format_version,
            });
        }
        let mut label_ids = HashSet::new();
        for label in self.labels.iter() {
            if !label_ids.insert(label.id.as_str()) {
                return Err(ValidationError::DuplicateLabel {
                    id: label.id.clone(),
                });
            }
        }
        let mut doc_ids = HashSet::new();
        for doc in &self.documents {
            if !doc_ids.insert(doc.id.as_str()) {
                return Err(ValidationError::DuplicateDocument { id: doc.id.clone() });
            }
            validate_document(doc, &label_ids)?;
        }
        Ok(())
    }
}

fn validate_document(doc: &Document, labels: &HashSet<&str>) -> Result<(), ValidationError> {
    let len = doc.char_len();
    let mut span_ids = HashSet::with_capacity(doc.spans.len());
    for span in &doc.spans {
        if !span_ids.insert(span.id) {
            return Err(ValidationError::DuplicateSpan {
                doc: doc.id.clone(),
                span: span.id.0,
            });
        }
        if span.start >= span.end || span.end > len {
            return Err(ValidationError::BadRange {
                doc: doc.id.clone(),
                span: span.id.0,
                start: span.start,
                end: span.end,
                len,
            });
        }
        if !labels.contains(span.label.as_str()) {
            return Err(ValidationError::UnknownLabel {
                doc: doc.id.clone(),
                span: span.id.0,
                label: span.label.clone(),
            });
        }
    }
    let mut rel_ids = HashSet::with_capacity(doc.relations.len());
    for rel in &doc.relations {
        if !rel_ids.insert(rel.id) {
            return Err(ValidationError::DuplicateRelation {
                doc: doc.id.clone(),
                relation: rel.id.0,
            });
        }
        for end in [rel.from, rel.to] {
            if !span_ids.contains(&end) {
                return Err(ValidationError::DanglingRelation {
                    doc: doc.id.clone(),
                    relation: rel.id.0,
                    span: end.0,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, SpanId};

    fn project_with(span: Span) -> Project {
        let mut p = Project::new("t");
        let mut d = Document::new("d1", "D", "“Hi” said Ann");
        d.spans.push(span);
        p.documents.push(d);
        p
    }

    #[test]
    fn range_is_checked_in_code_points() {
        // 13 code points, 17 bytes: end = 13 is valid, 14 is not.
        let ok = project_with(Span::new(SpanId(1), 10, 13, "entity"));
        assert_eq!(ok.validate(), Ok(()));
        let bad = project_with(Span::new(SpanId(1), 10, 14, "entity"));
        let err = bad
            .validate()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("span 1 has range [10, 14)"), "{err}");
        assert!(err.contains("13 characters"), "{err}");
    }

    #[test]
    fn empty_and_reversed_ranges_are_rejected() {
        for (a, b) in [(3, 3), (5, 2)] {
            let p = project_with(Span::new(SpanId(1), a, b, "entity"));
            assert!(matches!(
                p.validate(),
                Err(ValidationError::BadRange { .. })
            ));
        }
    }

    #[test]
    fn unknown_label_is_named() {
        let p = project_with(Span::new(SpanId(7), 0, 2, "person"));
        assert_eq!(
            p.validate(),
            Err(ValidationError::UnknownLabel {
                doc: "d1".into(),
                span: 7,
                label: "person".into()
            })
        );
    }

    #[test]
    fn duplicate_span_ids_are_rejected() {
        let mut p = project_with(Span::new(SpanId(1), 0, 2, "entity"));
        p.documents[0]
            .spans
            .push(Span::new(SpanId(1), 3, 4, "quote"));
        assert!(matches!(
            p.validate(),
            Err(ValidationError::DuplicateSpan { span: 1, .. })
        ));
    }

    #[test]
    fn newer_format_is_refused() {
        let mut p = Project::new("t");
        p.format_version = FORMAT_VERSION + 1;
        assert!(matches!(
            p.validate(),
            Err(ValidationError::UnsupportedVersion { .. })
        ));
    }
}
