//! Three-way merge of a project (or one document) that two branches
//! changed from a common base, as `git merge` needs: what one side changed
//! and the other did not is taken; what both changed alike is taken once;
//! what they changed differently is kept from both where it can be and
//! marked (the document gets the category "merge conflict", the span a
//! note), never written as conflict markers.

use foldhash::{HashMap, HashMapExt as _, HashSet};

use crate::model::{Document, EventId, NextIds, Project, Relation, RelationId, SpanId};

use super::three_way_events::{EventKey, event_keys, events_by_key, place_events};
use super::{SpanKey, span_key};

/// The category a document with a merge conflict gets.
pub const CONFLICT_CATEGORY: &str = "merge conflict";

/// Why two versions cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum ThreeWayError {
    /// The two sides have different texts for one document.
    #[error("document {0:?} has a different text on each side")]
    TextDiffers(String),
}

/// The common part of a three-way pick: `a` unless only `b` changed it
/// (or both changed it alike); `None` means both changed it differently.
fn pick<T: PartialEq + Clone>(o: Option<&T>, a: Option<&T>, b: Option<&T>) -> Option<Option<T>> {
    if a == b || o == b {
        Some(a.cloned())
    } else if o == a {
        Some(b.cloned())
    } else {
        None
    }
}

/// A field both sides may change: the pick, or ours on a conflict
/// (counted).
fn field<T: PartialEq + Clone>(o: Option<&T>, a: &T, b: &T, conflicts: &mut usize) -> T {
    match pick(o, Some(a), Some(b)) {
        Some(Some(v)) => v,
        _ => {
            *conflicts += 1;
            a.clone()
        }
    }
}

/// One field of a document (base, ours, theirs) merged three ways.
fn merged<T: PartialEq + Clone>(
    (base, ours, theirs): (Option<&Document>, &Document, &Document),
    get: impl Fn(&Document) -> &T,
    conflicts: &mut usize,
) -> T {
    field(base.map(&get), get(ours), get(theirs), conflicts)
}

/// The first value under each key, and the keys in order.
fn first_by_key<K: Clone + Eq + std::hash::Hash, V>(
    items: impl Iterator<Item = (K, V)>,
) -> (HashMap<K, V>, Vec<K>) {
    let mut map = HashMap::new();
    let mut order = Vec::new();
    for (key, value) in items {
        if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(key.clone()) {
            slot.insert(value);
            order.push(key);
        }
    }
    (map, order)
}

/// A relation as compared between versions: its spans by key (and its
/// event ends by theirs).
type RelKey = (
    String,
    SpanKey,
    SpanKey,
    Option<(String, String)>,
    [Option<EventKey>; 2],
);

fn relations_by_key(doc: Option<&Document>) -> (HashMap<RelKey, Relation>, Vec<RelKey>) {
    first_by_key(doc.into_iter().flat_map(|doc| {
        let events = event_keys(doc);
        doc.relations.iter().filter_map(move |r| {
            let (from, to) = (doc.spans.get(r.from)?, doc.spans.get(r.to)?);
            let end = |e: Option<EventId>| match e {
                None => Some(None),
                Some(id) => events.get(&id).cloned().map(Some),
            };
            let key = (
                r.kind.clone(),
                span_key(from),
                span_key(to),
                r.roles.clone(),
                [end(r.from_event)?, end(r.to_event)?],
            );
            let mut bare = r.clone();
            bare.id = RelationId(0);
            bare.from = SpanId(0);
            bare.to = SpanId(0);
            bare.from_event = None;
            bare.to_event = None;
            Some((key, bare))
        })
    }))
}

/// Values by key, and the keys in order.
type Keyed<K, V> = (HashMap<K, V>, Vec<K>);

/// Every key of either side (ours' order, then theirs' new ones) with its
/// three-way pick; a conflict is counted and keeps ours (or theirs, when
/// ours removed it). Keys both removed are left out.
fn picks<K: Clone + Eq + std::hash::Hash, V: PartialEq + Clone>(
    by_key: fn(Option<&Document>) -> Keyed<K, V>,
    (base, ours, theirs): (Option<&Document>, &Document, &Document),
    conflicts: &mut usize,
) -> Vec<(K, V)> {
    let (o, _) = by_key(base);
    let (a, a_order) = by_key(Some(ours));
    let (b, b_order) = by_key(Some(theirs));
    union_order(&a_order, &b_order)
        .into_iter()
        .filter_map(|key| {
            let chosen = match pick(o.get(&key), a.get(&key), b.get(&key)) {
                Some(c) => c,
                None => {
                    *conflicts += 1;
                    a.get(&key).or(b.get(&key)).cloned()
                }
            };
            chosen.map(|v| (key, v))
        })
        .collect()
}

/// Keys of ours in order, then keys only theirs has.
pub(crate) fn union_order<K: Clone + Eq + std::hash::Hash>(a: &[K], b: &[K]) -> Vec<K> {
    let seen: HashSet<&K> = a.iter().collect();
    a.iter()
        .chain(b.iter().filter(|k| !seen.contains(k)))
        .cloned()
        .collect()
}

/// Merge one document's two versions against their base (`None`: both
/// added it). Returns the document and its number of conflicts; ids come
/// from `next` for what ours does not have.
pub fn merge_document(
    base: Option<&Document>,
    ours: &Document,
    theirs: &Document,
    next: &mut NextIds,
) -> Result<(Document, usize), ThreeWayError> {
    if ours.text != theirs.text {
        return Err(ThreeWayError::TextDiffers(ours.id.clone()));
    }
    let mut conflicts = 0;
    let mut doc = Document::new(ours.id.clone(), "", ours.text.clone());
    // Document-level fields: the three-way pick, ours on a conflict.
    let sides = (base, ours, theirs);
    doc.title = merged(sides, |d| &d.title, &mut conflicts);
    doc.source = merged(sides, |d| &d.source, &mut conflicts);
    doc.meta = merged(sides, |d| &d.meta, &mut conflicts);
    doc.status = merged(sides, |d| &d.status, &mut 0);
    doc.notes = match pick(
        base.map(|d| &d.notes),
        Some(&ours.notes),
        Some(&theirs.notes),
    ) {
        Some(Some(n)) => n,
        _ => format!("{}\n\n{}", ours.notes, theirs.notes),
    };
    doc.categories = field(
        base.map(|d| &d.categories),
        &ours.categories,
        &theirs.categories,
        &mut 0,
    );
    if doc.categories != ours.categories && doc.categories != theirs.categories {
        doc.categories = union_order(&ours.categories, &theirs.categories);
    }

    doc.choices = field(
        base.map(|d| &d.choices),
        &ours.choices,
        &theirs.choices,
        &mut 0,
    );
    if doc.choices != ours.choices && doc.choices != theirs.choices {
        doc.choices = union_order(&ours.choices, &theirs.choices);
        doc.choices.sort();
    }

    // Curation's records of rejected spans: both sides' (by id).
    doc.rejected = ours.rejected.clone();
    for r in &theirs.rejected {
        if !doc.rejected.iter().any(|x| x.id == r.id && x == r) {
            doc.rejected.push(r.clone());
        }
    }
    let merged = super::three_way_spans::merge_spans(base, ours, theirs, next);
    conflicts += merged.conflicts;
    let ids = merged.ids;
    // Ours' ids are kept; a new id never meets one of them.
    doc.spans = merged.spans.into_iter().collect();

    let picked = picks(events_by_key, (base, ours, theirs), &mut conflicts);
    let (events, event_ids) = place_events(picked, &ids, next);
    doc.events = events;

    let mut relations = Vec::new();
    for (key, mut r) in picks(relations_by_key, (base, ours, theirs), &mut conflicts) {
        let (Some(from), Some(to)) = (ids.get(&key.1), ids.get(&key.2)) else {
            continue;
        };
        let end = |k: &Option<EventKey>| match k {
            None => Some(None),
            Some(k) => event_ids.get(k).copied().map(Some),
        };
        let (Some(from_event), Some(to_event)) = (end(&key.4[0]), end(&key.4[1])) else {
            continue;
        };
        r.id = RelationId(next.relation);
        next.relation += 1;
        r.from = *from;
        r.to = *to;
        r.from_event = from_event;
        r.to_event = to_event;
        relations.push(r);
    }
    doc.relations = relations.into_iter().collect();

    if conflicts > 0 && !doc.categories.iter().any(|c| c == CONFLICT_CATEGORY) {
        doc.categories.push(CONFLICT_CATEGORY.to_owned());
    }
    Ok((doc, conflicts))
}

/// Merge a whole project's two versions against their base: documents by
/// id, labels and relation kinds as the union of both sides. Returns the
/// project and its number of conflicts.
pub fn merge_projects(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> Result<(Project, usize), ThreeWayError> {
    let mut conflicts = 0;
    let mut out = Project::new(field(Some(&base.name), &ours.name, &theirs.name, &mut 0));
    out.format_version = ours.format_version.max(theirs.format_version);
    out.annotator = field(
        Some(&base.annotator),
        &ours.annotator,
        &theirs.annotator,
        &mut 0,
    );
    out.labels =
        crate::model::guidelines::merge_labels(Some(&base.labels), &ours.labels, &theirs.labels);
    out.assignments = crate::model::assignments::merge(
        Some(&base.assignments),
        &ours.assignments,
        &theirs.assignments,
    );
    out.guidelines = crate::model::guidelines::merge_guidelines(
        Some(&base.guidelines),
        &ours.guidelines,
        &theirs.guidelines,
    );
    out.relation_kinds = union_order(&ours.relation_kinds, &theirs.relation_kinds);
    let mut next = ours.next_ids.max(theirs.next_ids);
    let index = |p: &Project| -> HashMap<String, usize> {
        p.documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect()
    };
    let (io, ia, ib) = (index(base), index(ours), index(theirs));
    let a_ids: Vec<String> = ours.documents.iter().map(|d| d.id.clone()).collect();
    let b_ids: Vec<String> = theirs.documents.iter().map(|d| d.id.clone()).collect();
    for id in union_order(&a_ids, &b_ids) {
        let o = io.get(&id).map(|&i| &base.documents[i]);
        let a = ia.get(&id).map(|&i| &ours.documents[i]);
        let b = ib.get(&id).map(|&i| &theirs.documents[i]);
        let doc = match (a, b) {
            // Both sides added a different document under one id: both
            // are kept, theirs under a new id.
            (Some(a), Some(b)) if o.is_none() && a.text != b.text => {
                out.documents.push(a.clone());
                let mut d = b.clone();
                let mut n = 2;
                while ia.contains_key(&format!("{id}-{n}")) || ib.contains_key(&format!("{id}-{n}"))
                {
                    n += 1;
                }
                d.id = format!("{id}-{n}");
                d
            }
            (Some(a), Some(b)) => {
                let (doc, n) = merge_document(o, a, b, &mut next)?;
                conflicts += n;
                doc
            }
            (Some(one), None) | (None, Some(one)) => match o {
                // Added on one side.
                None => one.clone(),
                // Removed on the other, unchanged here: removed.
                Some(o) if o == one => continue,
                // Removed on the other, changed here: kept, marked.
                Some(_) => {
                    conflicts += 1;
                    let mut d = one.clone();
                    if !d.categories.iter().any(|c| c == CONFLICT_CATEGORY) {
                        d.categories.push(CONFLICT_CATEGORY.to_owned());
                    }
                    d
                }
            },
            (None, None) => continue,
        };
        out.documents.push(doc);
    }
    out.next_ids = next;
    out.ensure_next_ids();
    Ok((out, conflicts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_documents_added_under_one_id_are_both_kept() -> Result<(), ThreeWayError> {
        let base = Project::new("p");
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.documents
            .push(Document::new("new", "A", "Alice's article."));
        theirs
            .documents
            .push(Document::new("new", "B", "Bob's article."));
        let (merged, conflicts) = merge_projects(&base, &ours, &theirs)?;
        let ids: Vec<&str> = merged.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["new", "new-2"]);
        assert_eq!(conflicts, 0);
        assert_eq!(merged.validate(), Ok(()));
        Ok(())
    }
}
