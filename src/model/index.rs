//! An interval index over a document's spans: which spans overlap a range,
//! in O(log n + k), and where a span id sits.
//!
//! The document keeps its spans sorted by `(start, end, id)`; the index adds a
//! segment tree holding the largest `end` of each range of that order, so a
//! query visits only subtrees that can hold an overlapping span.

use std::collections::HashMap;

use super::document::Document;
use super::span::{Relation, Span, SpanId};
use super::text::CharMap;

/// Interval index of one document's spans. Rebuild it after the spans change.
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// Number of spans indexed.
    len: usize,
    /// Span starts, in the document's order (sorted).
    starts: Vec<usize>,
    /// Segment tree of max end; leaf `i` is at `size + i`.
    max_end: Vec<usize>,
    size: usize,
    positions: HashMap<SpanId, usize>,
    /// Spans per label id.
    counts: HashMap<String, usize>,
    /// Positions in `doc.relations` of the relations touching each span.
    relations: HashMap<SpanId, Vec<usize>>,
}

impl SpanIndex {
    /// Index the spans of `doc` (which must be sorted, as edits keep them).
    pub fn build(doc: &Document) -> Self {
        let n = doc.spans.len();
        let size = n.next_power_of_two().max(1);
        let mut max_end = vec![0; 2 * size];
        let mut starts = Vec::with_capacity(n);
        let mut positions = HashMap::with_capacity(n);
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (i, s) in doc.spans.iter().enumerate() {
            max_end[size + i] = s.end;
            starts.push(s.start);
            positions.insert(s.id, i);
            *counts.entry(s.label.clone()).or_default() += 1;
        }
        for i in (1..size).rev() {
            max_end[i] = max_end[2 * i].max(max_end[2 * i + 1]);
        }
        let mut relations: HashMap<SpanId, Vec<usize>> = HashMap::new();
        for (i, r) in doc.relations.iter().enumerate() {
            relations.entry(r.from).or_default().push(i);
            if r.to != r.from {
                relations.entry(r.to).or_default().push(i);
            }
        }
        Self {
            len: n,
            starts,
            max_end,
            size,
            positions,
            counts,
            relations,
        }
    }

    /// Positions (into `doc.spans`) of the spans overlapping `[a, b)`, in
    /// document order. An empty range `[a, a)` finds the spans containing `a`.
    pub fn overlapping(&self, a: usize, b: usize) -> Vec<usize> {
        let b = b.max(a + 1);
        // Only spans starting before `b` can overlap.
        let hi = self.starts.partition_point(|s| *s < b);
        let mut out = Vec::new();
        if hi > 0 {
            self.collect(1, 0, self.size, hi, a, &mut out);
        }
        out
    }

    fn collect(
        &self,
        node: usize,
        lo: usize,
        hi: usize,
        limit: usize,
        a: usize,
        out: &mut Vec<usize>,
    ) {
        if lo >= limit || self.max_end[node] <= a {
            return;
        }
        if hi - lo == 1 {
            if lo < self.len {
                out.push(lo);
            }
            return;
        }
        let mid = (lo + hi) / 2;
        self.collect(2 * node, lo, mid, limit, a, out);
        self.collect(2 * node + 1, mid, hi, limit, a, out);
    }

    /// The spans overlapping `[a, b)`.
    pub fn spans_in<'d>(&self, doc: &'d Document, a: usize, b: usize) -> Vec<&'d Span> {
        self.overlapping(a, b)
            .into_iter()
            .filter_map(|i| doc.spans.get(i))
            .collect()
    }

    /// Spans covering code point `pos`, innermost (shortest) first.
    pub fn spans_at<'d>(&self, doc: &'d Document, pos: usize) -> Vec<&'d Span> {
        let mut hits = self.spans_in(doc, pos, pos + 1);
        hits.sort_by_key(|s| (s.len(), std::cmp::Reverse(s.start)));
        hits
    }

    /// Position of a span in `doc.spans`.
    pub fn position(&self, id: SpanId) -> Option<usize> {
        self.positions.get(&id).copied()
    }

    /// The span with this id, in O(1).
    pub fn span<'d>(&self, doc: &'d Document, id: SpanId) -> Option<&'d Span> {
        doc.spans.get(self.position(id)?).filter(|s| s.id == id)
    }

    /// The relations that start or end at span `id`, in O(1 + k).
    pub fn relations_of<'d>(&self, doc: &'d Document, id: SpanId) -> Vec<&'d Relation> {
        self.relations
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|&i| doc.relations.get(i))
            .collect()
    }

    /// How many spans carry this label.
    pub fn count(&self, label: &str) -> usize {
        self.counts.get(label).copied().unwrap_or(0)
    }

    /// Number of spans indexed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no span is indexed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A document with its span index and char map: everything the window needs
/// to answer "what is here" without scanning the whole document.
#[derive(Clone, Copy, Debug)]
pub struct DocView<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its span index.
    pub index: &'a SpanIndex,
    /// Its code point map.
    pub chars: &'a CharMap,
}

impl<'a> DocView<'a> {
    /// The span with this id.
    pub fn span(&self, id: SpanId) -> Option<&'a Span> {
        self.index.span(self.doc, id)
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
        self.index.spans_at(self.doc, pos)
    }

    /// Spans overlapping `[a, b)`, in document order.
    pub fn spans_in(&self, a: usize, b: usize) -> Vec<&'a Span> {
        self.index.spans_in(self.doc, a, b)
    }

    /// Whether a span with exactly this range and label exists.
    pub fn has_span(&self, start: usize, end: usize, label: &str) -> bool {
        self.spans_in(start, end)
            .iter()
            .any(|s| s.start == start && s.end == end && s.label == label)
    }

    /// Relations that start or end at span `id`.
    pub fn relations_of(&self, id: SpanId) -> Vec<&'a Relation> {
        self.index.relations_of(self.doc, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with(ranges: &[(usize, usize)]) -> Document {
        let mut d = Document::new("d", "D", "x".repeat(200));
        for (i, (a, b)) in ranges.iter().enumerate() {
            d.spans
                .push(Span::new(SpanId(i as u64 + 1), *a, *b, "entity"));
        }
        d.normalize();
        d
    }

    #[test]
    fn finds_exactly_the_overlapping_spans() {
        // Long spans that start early must still be found late.
        let ranges = [
            (0, 150),
            (5, 8),
            (10, 20),
            (12, 14),
            (30, 31),
            (40, 100),
            (99, 120),
            (150, 151),
        ];
        let d = doc_with(&ranges);
        let idx = SpanIndex::build(&d);
        for a in 0..160 {
            for b in a..a + 12 {
                let brute: Vec<usize> = d
                    .spans
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.start < b.max(a + 1) && s.end > a)
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(idx.overlapping(a, b), brute, "[{a}, {b})");
            }
        }
    }

    #[test]
    fn spans_at_lists_innermost_first_and_ids_resolve() {
        let d = doc_with(&[(0, 50), (10, 20), (12, 14)]);
        let idx = SpanIndex::build(&d);
        let at: Vec<_> = idx
            .spans_at(&d, 13)
            .iter()
            .map(|s| (s.start, s.end))
            .collect();
        assert_eq!(at, vec![(12, 14), (10, 20), (0, 50)]);
        for s in &d.spans {
            assert_eq!(idx.span(&d, s.id).map(|x| x.id), Some(s.id));
        }
        assert_eq!(idx.count("entity"), 3);
        assert!(
            SpanIndex::build(&doc_with(&[]))
                .overlapping(0, 10)
                .is_empty()
        );
    }
}
