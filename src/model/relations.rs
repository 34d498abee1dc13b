//! The relations of one document, in id order and indexed by the spans
//! they connect, so "what points at this span" costs O(log n + k).

use std::collections::{BTreeMap, BTreeSet};

use foldhash::fast::FixedState;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Relation, RelationId, SpanId};

/// A document's relations with an index by span. Serialised as a plain list.
/// An empty set (every parked document's) holds no index: one pointer.
#[derive(Clone, Default)]
pub struct RelationSet {
    ix: Option<Box<Index>>,
}

/// The relations and their index by span.
#[derive(Clone, Default)]
struct Index {
    by_id: BTreeMap<RelationId, Relation>,
    by_span: std::collections::HashMap<SpanId, BTreeSet<RelationId>, FixedState>,
    /// An id that occurred twice when the set was read (the gate reports it).
    duplicate: Option<RelationId>,
}

/// What an empty set reads.
static EMPTY: Index = Index {
    by_id: BTreeMap::new(),
    by_span: std::collections::HashMap::with_hasher(FixedState::with_seed(0)),
    duplicate: None,
};

impl RelationSet {
    fn ix(&self) -> &Index {
        self.ix.as_deref().unwrap_or(&EMPTY)
    }

    fn ix_mut(&mut self) -> &mut Index {
        self.ix.get_or_insert_with(Box::default)
    }

    fn into_index(self) -> Index {
        self.ix.map(|ix| *ix).unwrap_or_default()
    }

    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of relations.
    pub fn len(&self) -> usize {
        self.ix().by_id.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ix().by_id.is_empty()
    }

    /// The relations in id order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Relation> + ExactSizeIterator + Clone {
        self.ix().by_id.values()
    }

    /// The relation with this id.
    pub fn get(&self, id: RelationId) -> Option<&Relation> {
        self.ix().by_id.get(&id)
    }

    /// The largest relation id, if any.
    pub fn max_id(&self) -> Option<RelationId> {
        self.ix().by_id.keys().next_back().copied()
    }

    /// An id that appeared twice when the set was built, if any.
    pub fn duplicate(&self) -> Option<RelationId> {
        self.ix().duplicate
    }

    /// Add a relation; `Err` (and no change) if its id is taken.
    pub fn insert(&mut self, relation: Relation) -> Result<(), RelationId> {
        if self.ix().by_id.contains_key(&relation.id) {
            return Err(relation.id);
        }
        let ix = self.ix_mut();
        for end in [relation.from, relation.to] {
            ix.by_span.entry(end).or_default().insert(relation.id);
        }
        ix.by_id.insert(relation.id, relation);
        Ok(())
    }

    /// Take a relation out.
    pub fn remove(&mut self, id: RelationId) -> Option<Relation> {
        let ix = self.ix.as_deref_mut()?;
        let relation = ix.by_id.remove(&id)?;
        for end in [relation.from, relation.to] {
            if let Some(ids) = ix.by_span.get_mut(&end) {
                ids.remove(&id);
                if ids.is_empty() {
                    ix.by_span.remove(&end);
                }
            }
        }
        Some(relation)
    }

    /// The relations that start or end at span `id`, in id order.
    pub fn of_span(&self, id: SpanId) -> impl Iterator<Item = &Relation> + '_ {
        self.ix()
            .by_span
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|r| self.ix().by_id.get(r))
    }

    /// Remove every relation that touches span `id`, returning them.
    pub fn take_of_span(&mut self, id: SpanId) -> Vec<Relation> {
        let ids: Vec<RelationId> = self
            .ix()
            .by_span
            .get(&id)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        ids.into_iter().filter_map(|r| self.remove(r)).collect()
    }

    /// Build from relations in any order; a repeated id is kept aside for the
    /// gate to report.
    pub fn from_relations(relations: impl IntoIterator<Item = Relation>) -> Self {
        let mut set = Self::new();
        for relation in relations {
            if let Err(id) = set.insert(relation) {
                set.ix_mut().duplicate.get_or_insert(id);
            }
        }
        set
    }

    /// Rebuild with every relation changed by `f` (e.g. ids renumbered).
    pub fn map(self, f: impl FnMut(Relation) -> Relation) -> Self {
        let duplicate = self.duplicate();
        let mut set = Self::from_relations(self.into_index().by_id.into_values().map(f));
        if set.duplicate().is_none()
            && let Some(id) = duplicate
        {
            set.ix_mut().duplicate = Some(id);
        }
        set
    }

    /// The relations, in id order, by value.
    pub fn into_vec(self) -> Vec<Relation> {
        self.into_index().by_id.into_values().collect()
    }
}

impl FromIterator<Relation> for RelationSet {
    fn from_iter<I: IntoIterator<Item = Relation>>(iter: I) -> Self {
        Self::from_relations(iter)
    }
}

impl<'a> IntoIterator for &'a RelationSet {
    type Item = &'a Relation;
    type IntoIter = std::collections::btree_map::Values<'a, RelationId, Relation>;

    fn into_iter(self) -> Self::IntoIter {
        self.ix().by_id.values()
    }
}

impl PartialEq for RelationSet {
    fn eq(&self, other: &Self) -> bool {
        self.ix().by_id == other.ix().by_id && self.duplicate() == other.duplicate()
    }
}

impl Eq for RelationSet {}

impl std::fmt::Debug for RelationSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for RelationSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for RelationSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::from_relations(Vec::<Relation>::deserialize(
            deserializer,
        )?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(id: u64, from: u64, to: u64) -> Relation {
        Relation::new(RelationId(id), "said_by", SpanId(from), SpanId(to))
    }

    #[test]
    fn relations_are_found_and_taken_by_span() {
        let mut set: RelationSet = [rel(2, 1, 2), rel(1, 3, 1), rel(3, 4, 5)]
            .into_iter()
            .collect();
        let of_1: Vec<_> = set.of_span(SpanId(1)).map(|r| r.id.0).collect();
        assert_eq!(of_1, vec![1, 2]);
        let taken = set.take_of_span(SpanId(1));
        assert_eq!(taken.len(), 2);
        assert_eq!(set.len(), 1);
        assert_eq!(set.of_span(SpanId(2)).count(), 0);
        assert_eq!(set.insert(rel(3, 1, 1)), Err(RelationId(3)));
        let dup: RelationSet = [rel(7, 1, 2), rel(7, 2, 1)].into_iter().collect();
        assert_eq!(dup.duplicate(), Some(RelationId(7)));
    }
}
