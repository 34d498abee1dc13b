//! Project-level edits of the label set. Removing a label removes its spans
//! (and their relations) from every document; the inverse restores them.

use serde::{Deserialize, Serialize};

use super::label::LabelDef;
use super::project::Project;
use super::{Event, Relation, Span};

/// Spans and relations taken out of one document by a label removal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// Index of the document.
    pub doc: usize,
    /// Spans removed.
    pub spans: Vec<Span>,
    /// Relations removed with them.
    pub relations: Vec<Relation>,
    /// Events removed with them.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One undoable change to the project's label set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabelEdit {
    /// Insert a label at a position (and restore spans removed with it).
    Add {
        /// Position in the label list.
        at: usize,
        /// The label.
        label: LabelDef,
        /// Spans to restore (the inverse of a removal).
        restore: Vec<Removed>,
    },
    /// Remove a label and every span that carries it.
    Remove {
        /// Label id.
        id: String,
    },
    /// Replace a label's definition (name, colour, hotkey, attributes); the id stays.
    Update {
        /// Label id.
        id: String,
        /// The new definition; its `id` must equal `id`.
        label: LabelDef,
    },
}

/// Why a label edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelEditError {
    /// No label with that id.
    #[error("no label {0:?}")]
    NoSuchLabel(String),
    /// A label with that id exists already.
    #[error("a label with id {0:?} exists already")]
    DuplicateId(String),
    /// The id is empty or has characters that exports cannot carry.
    #[error("label id {0:?} must be non-empty letters, digits, '_' or '-'")]
    BadId(String),
    /// Another label already uses the hotkey.
    #[error("hotkey {0:?} is already used by {1:?}")]
    HotkeyTaken(char, String),
}

/// Whether `id` can serve as a label id in every export format.
pub fn valid_label_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

impl LabelEdit {
    /// Apply to `project`, returning the inverse. On error nothing changes.
    pub fn apply(self, project: &mut Project) -> Result<LabelEdit, LabelEditError> {
        match self {
            LabelEdit::Add { at, label, restore } => {
                if !valid_label_id(&label.id) {
                    return Err(LabelEditError::BadId(label.id));
                }
                if project.labels.contains(&label.id) {
                    return Err(LabelEditError::DuplicateId(label.id));
                }
                check_hotkey(project, &label)?;
                let id = label.id.clone();
                let at = at.min(project.labels.0.len());
                project.labels.0.insert(at, label);
                for r in restore {
                    if let Some(doc) = project.documents.get_mut(r.doc) {
                        // Ids only grow, so what was removed is still free.
                        for span in r.spans {
                            let _ = doc.spans.insert(span);
                        }
                        for relation in r.relations {
                            let _ = doc.relations.insert(relation);
                        }
                        doc.events.extend(r.events);
                        doc.events.sort_by_key(|e| e.id);
                    }
                }
                Ok(LabelEdit::Remove { id })
            }
            LabelEdit::Remove { id } => {
                let at = project
                    .labels
                    .0
                    .iter()
                    .position(|l| l.id == id)
                    .ok_or_else(|| LabelEditError::NoSuchLabel(id.clone()))?;
                let label = project.labels.0.remove(at);
                let mut restore = Vec::new();
                for (i, doc) in project.documents.iter_mut().enumerate() {
                    if doc.spans.count(&id) == 0 {
                        continue;
                    }
                    let spans = doc.spans.take_where(|s| s.label == id);
                    let mut relations: Vec<Relation> = spans
                        .iter()
                        .flat_map(|s| doc.relations.take_of_span(s.id))
                        .collect();
                    let gone: std::collections::HashSet<_> = spans.iter().map(|s| s.id).collect();
                    // Events on those spans go, with the events that take
                    // them as arguments and the relations between them.
                    let events = super::cascade::dependent_events(doc, |e| {
                        e.spans().any(|s| gone.contains(&s))
                    });
                    let (events, between) = super::cascade::take_events(doc, &events);
                    relations.extend(between);
                    restore.push(Removed {
                        doc: i,
                        spans,
                        relations,
                        events,
                    });
                }
                Ok(LabelEdit::Add { at, label, restore })
            }
            LabelEdit::Update { id, label } => {
                if label.id != id {
                    return Err(LabelEditError::BadId(label.id));
                }
                let at = project
                    .labels
                    .0
                    .iter()
                    .position(|l| l.id == id)
                    .ok_or_else(|| LabelEditError::NoSuchLabel(id.clone()))?;
                check_hotkey(project, &label)?;
                let old = std::mem::replace(&mut project.labels.0[at], label);
                Ok(LabelEdit::Update { id, label: old })
            }
        }
    }
}

fn check_hotkey(project: &Project, label: &LabelDef) -> Result<(), LabelEditError> {
    if let Some(k) = label.hotkey
        && let Some(other) = project
            .labels
            .iter()
            .find(|l| l.hotkey == Some(k) && l.id != label.id)
    {
        return Err(LabelEditError::HotkeyTaken(k, other.name.clone()));
    }
    Ok(())
}

/// How many spans in the project carry a label (O(documents)).
pub fn spans_with_label(project: &Project, id: &str) -> usize {
    project.documents.iter().map(|d| d.span_count_of(id)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Rgb, SpanId};

    fn project() -> Project {
        let mut p = Project::new("p");
        let mut d = Document::new("d", "D", "“Hi,” said Ann at the summit.");
        d.spans = [
            Span::new(SpanId(1), 0, 5, "quote"),
            Span::new(SpanId(2), 11, 14, "entity"),
            Span::new(SpanId(3), 18, 28, "event"),
        ]
        .into_iter()
        .collect();
        let _ = d.relations.insert(Relation::new(
            crate::model::RelationId(1),
            "said_by",
            SpanId(1),
            SpanId(2),
        ));
        p.documents.push(d);
        p.ensure_next_ids();
        p
    }

    #[test]
    fn removing_a_label_in_use_removes_its_spans_and_undo_restores_all() {
        let mut p = project();
        let before = p.clone();
        let inv = LabelEdit::Remove {
            id: "entity".into(),
        }
        .apply(&mut p);
        assert!(!p.labels.contains("entity"));
        assert_eq!(p.documents[0].spans.len(), 2);
        assert!(p.documents[0].relations.is_empty());
        assert_eq!(p.validate(), Ok(()));
        let redo = inv.and_then(|i| i.apply(&mut p));
        assert_eq!(p, before);
        assert!(redo.is_ok());
    }

    #[test]
    fn add_update_and_hotkey_clashes() {
        let mut p = project();
        let mut label = LabelDef {
            id: "source".into(),
            name: "Source".into(),
            color: Rgb(1, 2, 3),
            hotkey: Some('5'),
            attributes: vec![],
            origin: None,
            description: None,
            guideline: None,
            role: None,
            link: None,
        };
        let inv = LabelEdit::Add {
            at: 99,
            label: label.clone(),
            restore: vec![],
        }
        .apply(&mut p);
        assert_eq!(p.labels.0.last().map(|l| l.id.as_str()), Some("source"));
        label.hotkey = Some('1');
        assert_eq!(
            LabelEdit::Update {
                id: "source".into(),
                label: label.clone()
            }
            .apply(&mut p),
            Err(LabelEditError::HotkeyTaken('1', "Quote".into()))
        );
        label.hotkey = Some('6');
        label.name = "Sources".into();
        assert!(
            LabelEdit::Update {
                id: "source".into(),
                label
            }
            .apply(&mut p)
            .is_ok()
        );
        assert_eq!(
            p.labels.get("source").map(|l| l.name.as_str()),
            Some("Sources")
        );
        assert!(inv.is_ok());
        assert!(matches!(
            LabelEdit::Add {
                at: 0,
                label: p.labels.0[0].clone(),
                restore: vec![]
            }
            .apply(&mut p),
            Err(LabelEditError::DuplicateId(_))
        ));
    }
}
