//! The spans of one document: kept in their canonical order `(start, end,
//! id)`, found by id, by position and by label, and edited in O(log n).
//!
//! Overlap queries use length classes: a span of length `len` lives in
//! class `⌊log2 len⌋`, and a class-`k` span that overlaps `[a, b)` must start
//! in `[a - 2^(k+1) + 1, b)`. Each class is a sorted set, so a query costs
//! O(classes · log n + k) instead of a scan of every span.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::fast::FixedState;
use foldhash::{HashMap, HashMapExt as _};
use std::ops::Bound;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Span, SpanId};

/// Where a span sits in the canonical order: `(start, end, id)`.
pub type SpanKey = (usize, usize, SpanId);

/// A document's spans with their indexes. Serialised as a plain list.
/// An empty set (every parked document's) holds no index at all: one
/// pointer, not the indexes' 128 bytes.
#[derive(Clone, Default)]
pub struct SpanSet {
    ix: Option<Box<Index>>,
}

/// Span id → key, hashed with a fixed seed (so an empty one is a constant).
type KeyMap = std::collections::HashMap<SpanId, SpanKey, FixedState>;

/// The spans and their indexes.
#[derive(Clone, Default)]
struct Index {
    by_key: BTreeMap<SpanKey, Span>,
    keys: KeyMap,
    /// Keys by length class (`classes[k]`: lengths in `[2^k, 2^(k+1))`).
    classes: Vec<BTreeSet<SpanKey>>,
    counts: BTreeMap<String, usize>,
    /// An id that occurred twice when the set was read (the gate reports it).
    duplicate: Option<SpanId>,
}

/// What an empty set reads.
static EMPTY: Index = Index {
    by_key: BTreeMap::new(),
    keys: std::collections::HashMap::with_hasher(FixedState::with_seed(0)),
    classes: Vec::new(),
    counts: BTreeMap::new(),
    duplicate: None,
};

impl Index {
    /// The set holding these indexes (none when empty).
    fn into_set(self) -> SpanSet {
        SpanSet {
            ix: (!self.by_key.is_empty() || self.duplicate.is_some()).then(|| Box::new(self)),
        }
    }
}

fn class_of(len: usize) -> usize {
    (usize::BITS - 1 - len.max(1).leading_zeros()) as usize
}

impl SpanSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    fn ix(&self) -> &Index {
        self.ix.as_deref().unwrap_or(&EMPTY)
    }

    fn ix_mut(&mut self) -> &mut Index {
        self.ix.get_or_insert_with(Box::default)
    }

    fn into_index(self) -> Index {
        self.ix.map(|ix| *ix).unwrap_or_default()
    }

    /// Number of spans.
    pub fn len(&self) -> usize {
        self.ix().by_key.len()
    }

    /// Whether there are no spans.
    pub fn is_empty(&self) -> bool {
        self.ix().by_key.is_empty()
    }

    /// The spans in canonical order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Span> + ExactSizeIterator + Clone {
        self.ix().by_key.values()
    }

    /// The span with this id, in O(1) + O(log n).
    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.ix().by_key.get(self.ix().keys.get(&id)?)
    }

    /// Whether a span has this id.
    pub fn contains(&self, id: SpanId) -> bool {
        self.ix().keys.contains_key(&id)
    }

    /// The span at a key (as listed by [`SpanSet::keys`]).
    pub fn by_key(&self, key: &SpanKey) -> Option<&Span> {
        self.ix().by_key.get(key)
    }

    /// Keys in canonical order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &SpanKey> + Clone {
        self.ix().by_key.keys()
    }

    /// The largest span id, if any.
    pub fn max_id(&self) -> Option<SpanId> {
        self.ix().keys.keys().max().copied()
    }

    /// An id that appeared twice when the set was built, if any.
    pub fn duplicate(&self) -> Option<SpanId> {
        self.ix().duplicate
    }

    /// Add a span; `Err` (and no change) if its id is taken.
    pub fn insert(&mut self, span: Span) -> Result<(), SpanId> {
        if self.contains(span.id) {
            return Err(span.id);
        }
        self.put(span);
        Ok(())
    }

    fn put(&mut self, span: Span) {
        let key = span.sort_key();
        let class = class_of(span.len());
        let ix = self.ix_mut();
        if ix.classes.len() <= class {
            ix.classes.resize_with(class + 1, BTreeSet::new);
        }
        ix.classes[class].insert(key);
        *ix.counts.entry(span.label.clone()).or_default() += 1;
        ix.keys.insert(span.id, key);
        ix.by_key.insert(key, span);
    }

    /// Take a span out.
    pub fn remove(&mut self, id: SpanId) -> Option<Span> {
        let ix = self.ix.as_deref_mut()?;
        let key = ix.keys.remove(&id)?;
        let span = ix.by_key.remove(&key)?;
        if let Some(class) = ix.classes.get_mut(class_of(span.len())) {
            class.remove(&key);
        }
        if let Some(n) = ix.counts.get_mut(&span.label) {
            *n -= 1;
            if *n == 0 {
                ix.counts.remove(&span.label);
            }
        }
        Some(span)
    }

    /// Change a span in place (range, label, attributes…); its indexes follow.
    /// Returns what `f` returned, or `None` if there is no such span.
    pub fn update<R>(&mut self, id: SpanId, f: impl FnOnce(&mut Span) -> R) -> Option<R> {
        let mut span = self.remove(id)?;
        let out = f(&mut span);
        span.id = id;
        self.put(span);
        Some(out)
    }

    /// Remove every span for which `take` holds, returning them in order.
    pub fn take_where(&mut self, mut take: impl FnMut(&Span) -> bool) -> Vec<Span> {
        let ids: Vec<SpanId> = self.iter().filter(|s| take(s)).map(|s| s.id).collect();
        ids.into_iter().filter_map(|id| self.remove(id)).collect()
    }

    /// Spans overlapping `[a, b)` in canonical order. An empty range `[a, a)`
    /// finds the spans containing code point `a`.
    pub fn overlapping(&self, a: usize, b: usize) -> Vec<&Span> {
        let b = b.max(a + 1);
        let mut keys: Vec<SpanKey> = Vec::new();
        for (k, class) in self.ix().classes.iter().enumerate() {
            if class.is_empty() {
                continue;
            }
            let reach = (1usize << (k + 1)).saturating_sub(1);
            let lo = (a.saturating_sub(reach), 0, SpanId(0));
            let hi = (b, 0, SpanId(0));
            keys.extend(
                class
                    .range((Bound::Included(lo), Bound::Excluded(hi)))
                    .filter(|key| key.1 > a),
            );
        }
        keys.sort_unstable();
        keys.iter()
            .filter_map(|k| self.ix().by_key.get(k))
            .collect()
    }

    /// Spans covering code point `pos`, innermost (shortest) first.
    pub fn at(&self, pos: usize) -> Vec<&Span> {
        let mut hits = self.overlapping(pos, pos + 1);
        // A discontinuous span is under `pos` only where a piece is.
        hits.retain(|s| s.covers(pos));
        hits.sort_by_key(|s| (s.len(), std::cmp::Reverse(s.start)));
        hits
    }

    /// Whether a span with exactly this range and label exists.
    pub fn has(&self, start: usize, end: usize, label: &str) -> bool {
        let lo = (start, end, SpanId(0));
        let hi = (start, end, SpanId(u64::MAX));
        self.ix()
            .by_key
            .range(lo..=hi)
            .any(|(_, s)| s.label == label)
    }

    /// The span after `id` in canonical order.
    pub fn after(&self, id: SpanId) -> Option<&Span> {
        let key = self.ix().keys.get(&id)?;
        self.ix()
            .by_key
            .range((Bound::Excluded(*key), Bound::Unbounded))
            .next()
            .map(|(_, s)| s)
    }

    /// The span before `id` in canonical order.
    pub fn before(&self, id: SpanId) -> Option<&Span> {
        let key = self.ix().keys.get(&id)?;
        self.ix().by_key.range(..*key).next_back().map(|(_, s)| s)
    }

    /// The first span starting at or after code point `pos`.
    pub fn first_from(&self, pos: usize) -> Option<&Span> {
        self.ix()
            .by_key
            .range((pos, 0, SpanId(0))..)
            .next()
            .map(|(_, s)| s)
    }

    /// The last span starting before code point `pos`.
    pub fn last_before(&self, pos: usize) -> Option<&Span> {
        self.ix()
            .by_key
            .range(..(pos, 0, SpanId(0)))
            .next_back()
            .map(|(_, s)| s)
    }

    /// How many spans carry this label.
    pub fn count(&self, label: &str) -> usize {
        self.ix().counts.get(label).copied().unwrap_or(0)
    }

    /// Spans per label (labels with none are absent).
    pub fn counts(&self) -> &BTreeMap<String, usize> {
        &self.ix().counts
    }

    /// Build from spans in any order. A repeated id is kept aside for the
    /// gate to report (see [`SpanSet::duplicate`]), never silently merged.
    /// Bulk-built: O(n log n), without n separate tree insertions.
    pub fn from_spans(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_by_key(Span::sort_key);
        Self::from_sorted(spans)
    }

    /// Build from spans already in canonical order.
    fn from_sorted(spans: Vec<Span>) -> Self {
        let mut keys = KeyMap::with_capacity_and_hasher(spans.len(), FixedState::with_seed(0));
        let mut duplicate = None;
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut classes: Vec<Vec<SpanKey>> = Vec::new();
        let mut kept = Vec::with_capacity(spans.len());
        for span in spans {
            let key = span.sort_key();
            if let Some(first) = keys.insert(span.id, key) {
                // The first one stays; the gate reports the repetition.
                keys.insert(span.id, first);
                duplicate.get_or_insert(span.id);
                continue;
            }
            match counts.get_mut(&span.label) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(span.label.clone(), 1);
                }
            }
            let class = class_of(span.len());
            if classes.len() <= class {
                classes.resize_with(class + 1, Vec::new);
            }
            classes[class].push(key);
            kept.push((key, span));
        }
        Index {
            by_key: kept.into_iter().collect(),
            keys,
            classes: classes.into_iter().map(BTreeSet::from_iter).collect(),
            counts,
            duplicate,
        }
        .into_set()
    }

    /// Give the spans fresh ids `next, next + 1, …` in canonical order
    /// (so the order stays as it is: no re-sorting). Returns the set and
    /// the old id → new id map. O(n).
    pub fn renumbered(self, next: &mut u64) -> (Self, HashMap<SpanId, SpanId>) {
        let mut map = HashMap::with_capacity(self.len());
        let mut keys = KeyMap::with_capacity_and_hasher(self.len(), FixedState::with_seed(0));
        let old = self.into_index();
        let mut classes: Vec<Vec<SpanKey>> = vec![Vec::new(); old.classes.len()];
        // Built straight from the old tree, whose order the new ids keep:
        // each span moves once, and the label counts stay as they are.
        let by_key = old
            .by_key
            .into_values()
            .map(|mut span| {
                let id = SpanId(*next);
                *next += 1;
                map.insert(span.id, id);
                span.id = id;
                let key = span.sort_key();
                keys.insert(id, key);
                let class = class_of(span.len());
                if classes.len() <= class {
                    classes.resize_with(class + 1, Vec::new);
                }
                classes[class].push(key);
                (key, span)
            })
            .collect();
        let set = Index {
            by_key,
            keys,
            classes: classes.into_iter().map(BTreeSet::from_iter).collect(),
            counts: old.counts,
            duplicate: None,
        }
        .into_set();
        (set, map)
    }

    /// Rebuild with every span changed by `f` (e.g. offsets shifted, ids
    /// renumbered). O(n log n).
    pub fn map(self, mut f: impl FnMut(Span) -> Span) -> Self {
        let duplicate = self.duplicate();
        let mut set = Self::from_spans(self.into_index().by_key.into_values().map(&mut f));
        if set.duplicate().is_none()
            && let Some(id) = duplicate
        {
            set.ix_mut().duplicate = Some(id);
        }
        set
    }

    /// The spans, in canonical order, by value.
    pub fn into_vec(self) -> Vec<Span> {
        self.into_index().by_key.into_values().collect()
    }
}

impl FromIterator<Span> for SpanSet {
    fn from_iter<I: IntoIterator<Item = Span>>(iter: I) -> Self {
        Self::from_spans(iter)
    }
}

impl<'a> IntoIterator for &'a SpanSet {
    type Item = &'a Span;
    type IntoIter = std::collections::btree_map::Values<'a, SpanKey, Span>;

    fn into_iter(self) -> Self::IntoIter {
        self.ix().by_key.values()
    }
}

impl PartialEq for SpanSet {
    fn eq(&self, other: &Self) -> bool {
        self.ix().by_key == other.ix().by_key && self.duplicate() == other.duplicate()
    }
}

impl Eq for SpanSet {}

impl std::fmt::Debug for SpanSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for SpanSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for SpanSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::from_spans(Vec::<Span>::deserialize(deserializer)?))
    }
}

#[cfg(test)]
#[path = "spans_tests.rs"]
mod tests;
