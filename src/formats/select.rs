//! Which documents, spans and relations an export includes.

use crate::model::{Document, Event, Project, Relation, Span};

use super::{ExportOptions, ExportReport};

/// One document as exported: the spans and relations that passed the filters.
#[derive(Clone, Debug)]
pub struct ExportDoc<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its spans that are exported, in document order.
    pub spans: Vec<&'a Span>,
    /// Its relations whose two ends (spans, or events) are exported.
    pub relations: Vec<&'a Relation>,
    /// Its events whose spans and argued events are all exported.
    pub events: Vec<&'a Event>,
}

/// The documents an export includes.
#[derive(Clone, Debug)]
pub struct Selection<'a> {
    /// The documents.
    pub docs: Vec<ExportDoc<'a>>,
}

impl Selection<'_> {
    /// Counts of what was selected.
    pub fn report(&self) -> ExportReport {
        ExportReport {
            documents: self.docs.len(),
            spans: self.docs.iter().map(|d| d.spans.len()).sum(),
            relations: self.docs.iter().map(|d| d.relations.len()).sum(),
            left_out: Vec::new(),
            notes: Vec::new(),
            also_written: Vec::new(),
            layer_hint: false,
        }
    }
}

/// Apply the status and label filters.
pub fn select<'a>(project: &'a Project, options: &ExportOptions) -> Selection<'a> {
    let docs = project
        .documents
        .iter()
        .filter(|d| options.status.is_none_or(|s| d.status == s))
        .map(|doc| {
            let keep = |s: &Span| {
                options
                    .labels
                    .as_ref()
                    .is_none_or(|ls| ls.contains(&s.label))
            };
            let spans: Vec<&Span> = doc.spans.iter().filter(|s| keep(s)).collect();
            let ids: std::collections::HashSet<_> = spans.iter().map(|s| s.id).collect();
            // Events whose spans are all kept, and whose argued events are.
            let mut kept: std::collections::HashSet<_> = doc
                .events
                .iter()
                .filter(|e| e.spans().all(|s| ids.contains(&s)))
                .map(|e| e.id)
                .collect();
            while let Some(gone) = doc
                .events
                .iter()
                .find(|e| kept.contains(&e.id) && e.events().any(|a| !kept.contains(&a)))
            {
                kept.remove(&gone.id);
            }
            let relations = doc
                .relations
                .iter()
                .filter(|r| ids.contains(&r.from) && ids.contains(&r.to))
                .filter(|r| r.events().all(|e| kept.contains(&e)))
                .collect();
            let events = doc.events.iter().filter(|e| kept.contains(&e.id)).collect();
            ExportDoc {
                doc,
                spans,
                relations,
                events,
            }
        })
        .collect();
    Selection { docs }
}
