//! Documents parked out of memory. In the window on a large folder project,
//! a document that is not shown and has no unsaved change keeps only its id,
//! title, status, source and metadata, and the few counts the window lists;
//! its text and annotations are read back from its file when a change, the
//! reader or a whole-project task needs them (the session does that).
//!
//! A parked document is never written: serialising one is an error, so no
//! save or export can put a stand-in where a document was.

use std::collections::BTreeMap;

use super::document::Document;
use super::label::LabelSet;
use super::project::NextIds;

/// The longest span, in code points, whose text a summary keeps as a
/// mention (names and dates, not quotes).
pub const MENTION_MAX: usize = 80;

/// What the window still knows of a parked document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parked {
    /// Code points of the text.
    pub chars: usize,
    /// Spans in all.
    pub spans: usize,
    /// Spans per label.
    pub counts: BTreeMap<String, usize>,
    /// Spans not (yet) accepted into the gold standard.
    pub not_gold: usize,
    /// The first span's maker, if any span has one.
    pub first_maker: Option<String>,
    /// Counters above every span, relation and event id the document uses.
    pub next_ids: NextIds,
    /// The short texts tagged, each with its label and its first span's
    /// attributes (see [`Document::mentions`]).
    pub mentions: Vec<(String, String, BTreeMap<String, String>)>,
}

impl Parked {
    /// The summary of a document in memory.
    pub fn of(doc: &Document) -> Self {
        if let Some(p) = &doc.parked {
            return (**p).clone();
        }
        let mut next_ids = NextIds::default();
        next_ids.above_document(doc);
        Self {
            chars: doc.char_len(),
            spans: doc.spans.len(),
            counts: doc.spans.counts().clone(),
            not_gold: doc.spans.iter().filter(|s| !s.gold).count(),
            first_maker: doc
                .spans
                .iter()
                .find_map(|s| s.makers().first().map(|m| (*m).to_owned())),
            next_ids,
            mentions: doc
                .mentions()
                .into_iter()
                .map(|(l, t, a)| (l.to_owned(), t.to_owned(), a.clone()))
                .collect(),
        }
    }
}

/// `serialize_with` for [`Document::parked`]: a parked document cannot be
/// written (only skipped when not parked).
pub(super) fn refuse<S: serde::Serializer>(
    _: &Option<Box<Parked>>,
    _: S,
) -> Result<S::Ok, S::Error> {
    Err(serde::ser::Error::custom(
        "a document that is not read into memory cannot be written",
    ))
}

impl Document {
    /// Whether the document is parked (its text and annotations are in its
    /// file only).
    pub fn is_parked(&self) -> bool {
        self.parked.is_some()
    }

    /// Park the document: keep its summary, drop its text and annotations.
    pub fn park(&mut self) {
        if self.is_parked() {
            return;
        }
        let summary = Parked::of(self);
        self.text = String::new();
        self.spans = Default::default();
        self.relations = Default::default();
        self.events = Vec::new();
        self.categories = Vec::new();
        self.choices = Vec::new();
        self.suggestions = Default::default();
        self.rejected = Vec::new();
        self.notes = String::new();
        self.parked = Some(Box::new(summary));
    }

    /// Spans in all (a parked document's as counted when parked).
    pub fn span_count(&self) -> usize {
        self.parked.as_ref().map_or(self.spans.len(), |p| p.spans)
    }

    /// Spans per label (a parked document's as counted when parked).
    pub fn span_counts(&self) -> &BTreeMap<String, usize> {
        self.parked
            .as_ref()
            .map_or_else(|| self.spans.counts(), |p| &p.counts)
    }

    /// Spans not yet accepted into the gold standard.
    pub fn not_gold(&self) -> usize {
        self.parked.as_ref().map_or_else(
            || self.spans.iter().filter(|s| !s.gold).count(),
            |p| p.not_gold,
        )
    }

    /// The texts of the spans of at most [`MENTION_MAX`] code points, each
    /// once per label, with the label and the attributes of its first span:
    /// what the entities rule looks for in other documents (a parked
    /// document's as they were when parked). Roles are not read here, so a
    /// summary stays true when a label's role changes.
    pub fn mentions(&self) -> Vec<(&str, &str, &BTreeMap<String, String>)> {
        if let Some(p) = &self.parked {
            return p
                .mentions
                .iter()
                .map(|(l, t, a)| (l.as_str(), t.as_str(), a))
                .collect();
        }
        let mut seen = std::collections::HashSet::new();
        self.spans
            .iter()
            .filter(|s| s.end - s.start <= MENTION_MAX)
            .map(|s| (s.label.as_str(), self.span_text(s), &s.attrs))
            .filter(|(l, t, _)| seen.insert((*l, *t)))
            .collect()
    }

    /// The mentions (see [`Document::mentions`]) whose label names someone
    /// or something (its role, [`crate::model::Role::is_mention`]), each
    /// text once.
    pub fn entities(&self, labels: &LabelSet) -> Vec<(&str, &BTreeMap<String, String>)> {
        let mut seen = std::collections::HashSet::new();
        self.mentions()
            .into_iter()
            .filter(|(l, t, _)| labels.is_mention(l) && seen.insert(*t))
            .map(|(_, t, a)| (t, a))
            .collect()
    }

    /// The first span's maker, if any span has one.
    pub fn first_maker(&self) -> Option<&str> {
        match &self.parked {
            Some(p) => p.first_maker.as_deref(),
            None => self.spans.iter().find_map(|s| s.makers().first().copied()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, SpanId};

    fn doc() -> Document {
        let mut d = Document::new("a", "A", "Peskov said so.");
        let mut s = Span::new(SpanId(7), 0, 6, "entity");
        s.annotator = Some("ana".into());
        let _ = d.spans.insert(s);
        d
    }

    #[test]
    fn a_parked_document_keeps_its_counts_and_drops_its_text() {
        let mut d = doc();
        let summary = Parked::of(&d);
        d.park();
        assert!(d.is_parked() && d.text.is_empty() && d.spans.is_empty());
        assert_eq!(d.char_len(), 15);
        assert_eq!(d.span_count(), 1);
        assert_eq!(d.span_counts().get("entity"), Some(&1));
        assert_eq!(d.first_maker(), Some("ana"));
        let labels = crate::model::LabelSet::default();
        assert_eq!(d.entities(&labels).first().map(|e| e.0), Some("Peskov"));
        assert_eq!(Parked::of(&d), summary);
        assert_eq!(summary.next_ids.span, 8);
    }

    #[test]
    fn a_parked_document_cannot_be_written() {
        let mut d = doc();
        assert!(ron::to_string(&d).is_ok());
        d.park();
        let Err(err) = ron::to_string(&d) else {
            panic!("a parked document was written");
        };
        assert!(err.to_string().contains("not read into memory"), "{err}");
        assert!(serde_json::to_string(&d).is_err());
    }
}
