//! The invariants of one document (those that involve no other document):
//! what [`super::Project::validate`] checks per document and the import
//! gate checks before a document joins a project.

use foldhash::{HashSet, HashSetExt as _};

use super::document::Document;
use super::label::LabelSet;
use super::project::ValidationError;

/// Check one document against a label set (every invariant that does not
/// involve other documents). The import gate runs this on every document
/// before it joins a project.
pub fn validate_document_labels(doc: &Document, labels: &LabelSet) -> Result<(), ValidationError> {
    let ids: HashSet<&str> = labels.iter().map(|l| l.id.as_str()).collect();
    validate_document(doc, &ids)
}

pub(super) fn validate_document(
    doc: &Document,
    labels: &HashSet<&str>,
) -> Result<(), ValidationError> {
    if let Some(id) = doc.spans.duplicate() {
        return Err(ValidationError::DuplicateSpan {
            doc: doc.id.clone(),
            span: id.0,
        });
    }
    if let Some(id) = doc.relations.duplicate() {
        return Err(ValidationError::DuplicateRelation {
            doc: doc.id.clone(),
            relation: id.0,
        });
    }
    let len = doc.char_len();
    for span in doc.spans.iter() {
        if span.start >= span.end || span.end > len {
            return Err(ValidationError::BadRange {
                doc: doc.id.clone(),
                span: span.id.0,
                start: span.start,
                end: span.end,
                len,
            });
        }
        if !super::edit::fragments_fit(span.fragments(), span.start, span.end) {
            return Err(ValidationError::BadFragments {
                doc: doc.id.clone(),
                span: span.id.0,
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
    let mut event_ids = HashSet::with_capacity(doc.events.len());
    for event in &doc.events {
        if !event_ids.insert(event.id) || doc.events.windows(2).any(|w| w[0].id >= w[1].id) {
            return Err(ValidationError::BadEvent {
                doc: doc.id.clone(),
                event: event.id.0,
                why: "its id is used twice or out of order".to_owned(),
            });
        }
        if let Some(missing) = event.spans().find(|s| !doc.spans.contains(*s)) {
            return Err(ValidationError::BadEvent {
                doc: doc.id.clone(),
                event: event.id.0,
                why: format!("it refers to missing span {}", missing.0),
            });
        }
        if let Some(why) = super::cascade::event_args_problem(doc, event) {
            return Err(ValidationError::BadEvent {
                doc: doc.id.clone(),
                event: event.id.0,
                why,
            });
        }
    }
    if let Some(event) = super::cascade::event_cycle(doc) {
        return Err(ValidationError::BadEvent {
            doc: doc.id.clone(),
            event: event.0,
            why: "it is, through other events, an argument of itself".to_owned(),
        });
    }
    for rel in doc.relations.iter() {
        for end in [rel.from, rel.to] {
            if !doc.spans.contains(end) {
                return Err(ValidationError::DanglingRelation {
                    doc: doc.id.clone(),
                    relation: rel.id.0,
                    span: end.0,
                });
            }
        }
        if let Some(why) = super::cascade::relation_events_problem(doc, rel) {
            return Err(ValidationError::BadRelation {
                doc: doc.id.clone(),
                relation: rel.id.0,
                why,
            });
        }
    }
    Ok(())
}
