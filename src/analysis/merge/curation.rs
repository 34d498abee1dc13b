//! Curating a merged document into the gold standard: every span waits
//! for a decision; a span every annotator of the document made is agreed
//! (accepted all at once), the others are differences, accepted or
//! rejected one by one. Accepted spans are marked gold; rejected ones are
//! removed.

use crate::model::{Document, SpanId};

use super::{Difference, differences, doc_annotators};

/// Where curation of one document stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Curation {
    /// Who annotated the document.
    pub annotators: Vec<String>,
    /// Agreed spans not yet accepted.
    pub agreed: Vec<SpanId>,
    /// Differences not yet decided, in text order.
    pub differences: Vec<Difference>,
    /// Spans accepted so far.
    pub accepted: usize,
}

impl Curation {
    /// Curation of `doc`, when it has two annotators or more (a merged
    /// document).
    pub fn of(doc: &Document) -> Option<Curation> {
        let annotators = doc_annotators(doc);
        if annotators.len() < 2 {
            return None;
        }
        let differences: Vec<Difference> = differences(doc, &annotators)
            .into_iter()
            .filter(|d| doc.spans.get(d.span).is_some_and(|s| !s.gold))
            .collect();
        let agreed = doc
            .spans
            .iter()
            .filter(|s| !s.gold && !differences.iter().any(|d| d.span == s.id))
            .map(|s| s.id)
            .collect();
        let accepted = doc.spans.iter().filter(|s| s.gold).count();
        Some(Curation {
            annotators,
            agreed,
            differences,
            accepted,
        })
    }

    /// Spans still waiting for a decision.
    pub fn pending(&self) -> usize {
        self.agreed.len() + self.differences.len()
    }

    /// Whether every span has been decided.
    pub fn done(&self) -> bool {
        self.pending() == 0
    }

    /// The next span of `doc` waiting for a decision after `after`, in
    /// text order, wrapping round.
    pub fn next_after(doc: &Document, after: Option<SpanId>) -> Option<SpanId> {
        let start = after
            .and_then(|a| doc.spans.get(a).map(|s| s.sort_key()))
            .map_or(0, |key| {
                doc.spans.iter().take_while(|s| s.sort_key() <= key).count()
            });
        let spans: Vec<&crate::model::Span> = doc.spans.iter().collect();
        spans[start..]
            .iter()
            .chain(&spans[..start])
            .find(|s| !s.gold && Some(s.id) != after)
            .map(|s| s.id)
    }
}
