//! [`DocView`]: a document with its char map, answering "what is here"
//! without scanning the whole document.

use super::document::Document;
use super::span::{Relation, Span, SpanId};
use super::text::CharMap;

/// A document with its code point map.
#[derive(Clone, Copy, Debug)]
pub struct DocView<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its code point map.
    pub chars: &'a CharMap,
}

impl<'a> DocView<'a> {
    /// The span with this id.
    pub fn span(&self, id: SpanId) -> Option<&'a Span> {
        self.doc.spans.get(id)
    }

    /// Length of the text in code points, in O(1).
    pub fn len(&self) -> usize {
        self.chars.char_len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.chars.char_len() == 0
    }

    /// The text of `[a, b)`, or `""` if out of range.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.chars.slice(&self.doc.text, a, b).unwrap_or("")
    }

    /// The text a span covers.
    pub fn span_text(&self, span: &Span) -> &'a str {
        self.slice(span.start, span.end)
    }

    /// Spans covering code point `pos`, innermost first.
    pub fn spans_at(&self, pos: usize) -> Vec<&'a Span> {
        let mut hits = self.doc.spans.at(pos);
        // The gap of a discontinuous span is not part of it.
        hits.retain(|s| s.covers(pos));
        hits
    }

    /// Spans overlapping `[a, b)`, in document order.
    pub fn spans_in(&self, a: usize, b: usize) -> Vec<&'a Span> {
        self.doc.spans.overlapping(a, b)
    }

    /// Whether a span with exactly this range and label exists.
    pub fn has_span(&self, start: usize, end: usize, label: &str) -> bool {
        self.doc.spans.has(start, end, label)
    }

    /// Relations that start or end at span `id`.
    pub fn relations_of(&self, id: SpanId) -> Vec<&'a Relation> {
        self.doc.relations.of_span(id).collect()
    }
}
