//! Spans and relations between them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Stable identifier of a span within its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpanId(pub u64);

impl std::fmt::Display for SpanId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "T{}", self.0)
    }
}

/// A link from a span to an entry of a knowledge base, e.g. a person's
/// Wikidata item (brat `N` lines): entity linking.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Normalization {
    /// The knowledge base, e.g. `Wikidata`.
    pub kb: String,
    /// The entry's id in it, e.g. `Q7747`.
    pub id: String,
    /// The entry's name, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A note of a named kind (brat `#` lines of a type other than
/// `AnnotatorNotes`, e.g. `Lemma`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedNote {
    /// The kind of note.
    pub kind: String,
    /// Its text.
    pub text: String,
}

/// A labelled, half-open range `[start, end)` of Unicode code points; a
/// discontinuous span also lists its fragments.
///
/// What most spans use is held inline, the id it had in the file it was
/// imported from among them (every span of an imported brat or Label Studio
/// file has one); what few spans have (fragments, a note, typed notes,
/// knowledge-base links, several makers, the suggester it came from) is
/// boxed in [`SpanExtra`], absent when empty, so a span costs what most
/// spans use. Files hold every field as before (see
/// `span_serde.rs`).
#[derive(Clone, Debug)]
pub struct Span {
    /// Stable id, unique within the document.
    pub id: SpanId,
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point (exclusive).
    pub end: usize,
    /// Label id, one of the project's [`crate::model::LabelSet`].
    pub label: String,
    /// Attribute values, e.g. `kind: "person"`.
    pub attrs: BTreeMap<String, String>,
    /// Who made the span.
    pub annotator: Option<String>,
    /// Accepted into the gold standard by a curator (a merged project
    /// being curated).
    pub gold: bool,
    /// The id this span had in the file it was imported from.
    origin: Option<Box<str>>,
    /// The rarely used fields; `None` when all are empty.
    extra: Option<Box<SpanExtra>>,
}

/// The fields of a [`Span`] that few spans use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpanExtra {
    /// For a discontinuous span, its pieces `[start, end)` in order (the
    /// first starts at `start`, the last ends at `end`); empty otherwise.
    pub fragments: Vec<(usize, usize)>,
    /// Free-text note.
    pub note: Option<String>,
    /// Notes of other kinds.
    pub typed_notes: Vec<TypedNote>,
    /// Links to knowledge-base entries.
    pub normalizations: Vec<Normalization>,
    /// In a merged project: everyone who made this same span (start, end
    /// and label), when more than one person did.
    pub annotators: Vec<String>,
    /// The suggester it was accepted from (`rule:quotes`,
    /// `model:spanmark-crf@40`), when a person accepted a suggestion rather
    /// than drawing it: statistics tell the time suggestions save by it.
    pub suggested: Option<String>,
}

/// The extra fields of a span that has none.
static NO_EXTRA: SpanExtra = SpanExtra {
    fragments: Vec::new(),
    note: None,
    typed_notes: Vec::new(),
    normalizations: Vec::new(),
    annotators: Vec::new(),
    suggested: None,
};

impl SpanExtra {
    /// Whether every field is empty (a span then holds no box).
    pub fn is_empty(&self) -> bool {
        self == &NO_EXTRA
    }
}

impl PartialEq for Span {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.start == other.start
            && self.end == other.end
            && self.label == other.label
            && self.attrs == other.attrs
            && self.annotator == other.annotator
            && self.gold == other.gold
            && self.origin == other.origin
            && self.extra() == other.extra()
    }
}

impl Eq for Span {}

impl Span {
    /// A new span with no attributes, note or annotator.
    pub fn new(id: SpanId, start: usize, end: usize, label: impl Into<String>) -> Self {
        Self {
            id,
            start,
            end,
            label: label.into(),
            attrs: BTreeMap::new(),
            annotator: None,
            gold: false,
            origin: None,
            extra: None,
        }
    }

    /// The rarely used fields (all empty for most spans).
    pub fn extra(&self) -> &SpanExtra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }

    /// Change the rarely used fields; the box goes when they are all
    /// empty again.
    pub fn with_extra<R>(&mut self, f: impl FnOnce(&mut SpanExtra) -> R) -> R {
        let mut extra = self.extra.take().unwrap_or_default();
        let out = f(&mut extra);
        if !extra.is_empty() {
            self.extra = Some(extra);
        }
        out
    }

    /// For a discontinuous span, its pieces; empty otherwise.
    pub fn fragments(&self) -> &[(usize, usize)] {
        &self.extra().fragments
    }

    /// Set the pieces of a discontinuous span (empty: one range).
    pub fn set_fragments(&mut self, fragments: Vec<(usize, usize)>) {
        self.with_extra(|e| e.fragments = fragments);
    }

    /// The free-text note.
    pub fn note(&self) -> Option<&str> {
        self.extra().note.as_deref()
    }

    /// Set (or clear) the free-text note.
    pub fn set_note(&mut self, note: Option<String>) {
        self.with_extra(|e| e.note = note);
    }

    /// Notes of other kinds.
    pub fn typed_notes(&self) -> &[TypedNote] {
        &self.extra().typed_notes
    }

    /// Links to knowledge-base entries.
    pub fn normalizations(&self) -> &[Normalization] {
        &self.extra().normalizations
    }

    /// Everyone who made this same span in a merged project (when more
    /// than one person did).
    pub fn annotators(&self) -> &[String] {
        &self.extra().annotators
    }

    /// Set everyone who made this span (a merged project).
    pub fn set_annotators(&mut self, annotators: Vec<String>) {
        self.with_extra(|e| e.annotators = annotators);
    }

    /// The id this span had in the file it was imported from (`T5`, a
    /// Label Studio region id…): provenance only, never used as an id.
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    /// Set the id this span had in its file.
    pub fn set_origin(&mut self, origin: Option<String>) {
        self.origin = origin.map(String::into_boxed_str);
    }

    /// The suggester the span was accepted from.
    pub fn suggested(&self) -> Option<&str> {
        self.extra().suggested.as_deref()
    }

    /// Set the suggester the span was accepted from.
    pub fn set_suggested(&mut self, suggested: Option<String>) {
        self.with_extra(|e| e.suggested = suggested);
    }

    /// Who made the span: everyone listed in a merged project, else its
    /// annotator (none when unknown).
    pub fn makers(&self) -> Vec<&str> {
        let annotators = self.annotators();
        if annotators.is_empty() {
            self.annotator.iter().map(String::as_str).collect()
        } else {
            annotators.iter().map(String::as_str).collect()
        }
    }

    /// The pieces the span covers, in order: its fragments, or its range.
    pub fn pieces(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let fragments = self.fragments();
        let whole = fragments.is_empty().then_some((self.start, self.end));
        fragments.iter().copied().chain(whole)
    }

    /// Whether the span is discontinuous.
    pub fn is_discontinuous(&self) -> bool {
        self.fragments().len() > 1
    }

    /// Whether the code point at `pos` lies in one of its pieces.
    pub fn covers(&self, pos: usize) -> bool {
        self.pieces().any(|(a, b)| a <= pos && pos < b)
    }

    /// The sort key that keeps spans in a stable, diffable order.
    pub fn sort_key(&self) -> (usize, usize, SpanId) {
        (self.start, self.end, self.id)
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no code point (never true of a valid span).
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether the code point at `pos` lies inside the span.
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

#[cfg(test)]
#[path = "span_tests.rs"]
mod tests;
