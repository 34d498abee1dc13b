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
    /// Spans per label, by label.
    pub counts: LabelCounts,
    /// Spans not (yet) accepted into the gold standard.
    pub not_gold: usize,
    /// The first span's maker, if any span has one.
    pub first_maker: Option<String>,
    /// Counters above every span, relation and event id the document uses.
    pub next_ids: NextIds,
    /// The short texts tagged, each with its label and its first span's
    /// attributes (see [`Document::mentions`]).
    pub mentions: Mentions,
}

/// Spans per label of a parked document, packed: the labels in one
/// string, each with where it ends and its count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelCounts {
    labels: Box<str>,
    ends: Box<[(u32, u32)]>,
}

impl LabelCounts {
    /// Pack counts given by label, in label order.
    pub fn of<'a>(counts: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        let (mut labels, mut ends) = (String::new(), Vec::new());
        for (label, n) in counts {
            labels.push_str(label);
            let Ok(end) = u32::try_from(labels.len()) else {
                break;
            };
            ends.push((end, u32::try_from(n).unwrap_or(u32::MAX)));
        }
        Self {
            labels: labels.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }

    /// Each label and its count, in label order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        let mut start = 0usize;
        self.ends.iter().map(move |&(end, n)| {
            let label = self.labels.get(start..end as usize).unwrap_or_default();
            start = end as usize;
            (label, n as usize)
        })
    }

    /// The count of one label.
    pub fn get(&self, label: &str) -> usize {
        self.iter().find(|(l, _)| *l == label).map_or(0, |(_, n)| n)
    }
}

/// The mentions of a parked document, packed: a window on 100,000 articles
/// keeps a dozen for each, so one string holds them all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Each mention's label, then its text, one after the other.
    joined: Box<str>,
    /// Where each mention's label and its text end in `joined`.
    ends: Box<[(u32, u32)]>,
    /// The attributes of the mentions that have any, by mention number.
    attrs: Vec<(u32, BTreeMap<String, String>)>,
}

/// The attributes of a mention that has none.
static NO_ATTRS: BTreeMap<String, String> = BTreeMap::new();

impl Mentions {
    /// Pack `(label, text, attributes)` triples.
    pub fn of<'a>(
        list: impl IntoIterator<Item = (&'a str, &'a str, &'a BTreeMap<String, String>)>,
    ) -> Self {
        let (mut joined, mut ends, mut attrs) = (String::new(), Vec::new(), Vec::new());
        for (label, text, a) in list {
            let Ok(n) = u32::try_from(ends.len()) else {
                break;
            };
            joined.push_str(label);
            let label_end = joined.len();
            joined.push_str(text);
            match (u32::try_from(label_end), u32::try_from(joined.len())) {
                (Ok(l), Ok(t)) => ends.push((l, t)),
                _ => break,
            }
            if !a.is_empty() {
                attrs.push((n, a.clone()));
            }
        }
        Self {
            joined: joined.into_boxed_str(),
            ends: ends.into_boxed_slice(),
            attrs,
        }
    }

    /// The mentions: label, text and attributes.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &BTreeMap<String, String>)> {
        let mut start = 0usize;
        self.ends.iter().enumerate().map(move |(i, &(l, t))| {
            let (l, t) = (l as usize, t as usize);
            let label = self.joined.get(start..l).unwrap_or_default();
            let text = self.joined.get(l..t).unwrap_or_default();
            start = t;
            let attrs = self
                .attrs
                .iter()
                .find(|(n, _)| *n as usize == i)
                .map_or(&NO_ATTRS, |(_, a)| a);
            (label, text, attrs)
        })
    }
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
            counts: LabelCounts::of(doc.spans.counts().iter().map(|(l, n)| (l.as_str(), *n))),
            not_gold: doc.spans.iter().filter(|s| !s.gold).count(),
            first_maker: doc
                .spans
                .iter()
                .find_map(|s| s.makers().first().map(|m| (*m).to_owned())),
            next_ids,
            mentions: Mentions::of(doc.mentions()),
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

    /// Spans per label, by label (a parked document's as counted when
    /// parked).
    pub fn span_counts(&self) -> Vec<(&str, usize)> {
        match &self.parked {
            Some(p) => p.counts.iter().collect(),
            None => self
                .spans
                .counts()
                .iter()
                .map(|(l, n)| (l.as_str(), *n))
                .collect(),
        }
    }

    /// Spans with label `label` (a parked document's as counted when
    /// parked).
    pub fn span_count_of(&self, label: &str) -> usize {
        match &self.parked {
            Some(p) => p.counts.get(label),
            None => self.spans.count(label),
        }
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
            return p.mentions.iter().collect();
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
        assert_eq!(d.span_counts(), [("entity", 1)]);
        assert_eq!(
            (d.span_count_of("entity"), d.span_count_of("quote")),
            (1, 0)
        );
        assert_eq!(d.first_maker(), Some("ana"));
        let labels = crate::model::LabelSet::default();
        assert_eq!(d.entities(&labels).first().map(|e| e.0), Some("Peskov"));
        assert_eq!(Parked::of(&d), summary);
        assert_eq!(summary.next_ids.span, 8);
    }

    #[test]
    fn a_parked_document_keeps_its_mentions_and_their_attributes() {
        let mut d = Document::new("a", "A", "Peskov met Lavrov in Geneva.");
        let mut lavrov = Span::new(SpanId(2), 11, 17, "entity");
        lavrov.attrs.insert("kind".into(), "person".into());
        for s in [
            Span::new(SpanId(1), 0, 6, "entity"),
            lavrov,
            Span::new(SpanId(3), 21, 27, "place"),
        ] {
            let _ = d.spans.insert(s);
        }
        let owned = |d: &Document| -> Vec<(String, String, BTreeMap<String, String>)> {
            let m = d.mentions().into_iter();
            m.map(|(l, t, a)| (l.to_owned(), t.to_owned(), a.clone()))
                .collect()
        };
        let whole = owned(&d);
        assert_eq!(whole.len(), 3);
        d.park();
        assert_eq!(owned(&d), whole);
        assert_eq!(d.span_counts(), [("entity", 2), ("place", 1)]);
        assert_eq!(d.span_count_of("place"), 1);
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
