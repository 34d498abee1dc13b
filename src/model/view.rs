//! [`DocView`]: a document with its char map, answering "what is here"
//! without scanning the whole document.

use super::document::Document;
use super::text::CharMap;
use super::{Relation, Span, SpanId};

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

    /// The grapheme cluster boundary `n` clusters from boundary `at`
    /// (rightwards for `n > 0`), kept inside the text. Looks only at the
    /// text near `at`.
    pub fn cluster_step(&self, at: usize, n: i32) -> usize {
        const REACH: usize = 256;
        let (from, to) = (at.saturating_sub(REACH), (at + REACH).min(self.len()));
        let bounds = super::text::cluster_bounds(self.slice(from, to));
        // A cluster cut by the window's edge has a false boundary there;
        // steps stay well inside it.
        let local = at.min(to) - from;
        let i = bounds.partition_point(|&b| b < local);
        let j = i as i64 + i64::from(n);
        let j = j.clamp(0, bounds.len() as i64 - 1) as usize;
        from + bounds[j]
    }

    /// `[a, b)` widened to whole grapheme clusters.
    pub fn to_clusters(&self, a: usize, b: usize) -> (usize, usize) {
        const REACH: usize = 64;
        let (from, to) = (a.saturating_sub(REACH), (b + REACH).min(self.len()));
        let (x, y) = super::text::to_clusters(self.slice(from, to), a - from, b.min(to) - from);
        (from + x, from + y)
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
