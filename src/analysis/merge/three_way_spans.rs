//! The spans of one document merged three ways. A span of the base is
//! followed by its id (ids only grow, so both sides call it by the same
//! id however they relabelled or resized it): changed on one side and kept
//! on the other, the change is taken; changed on one side and removed on
//! the other, or changed differently on both, both versions are kept and
//! marked. Spans each side added are matched by range and label.

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};

use crate::model::{Document, NextIds, Span, SpanId};

use super::three_way::union_order;
use super::{SpanKey, span_key};

/// A span as compared between versions: without its id.
fn bare(s: &Span) -> Span {
    let mut s = s.clone();
    s.id = SpanId(0);
    s
}

fn describe(s: &Span) -> String {
    format!("{} [{}, {})", s.label, s.start, s.end)
}

fn add_note(s: &mut Span, note: &str) {
    s.with_extra(|e| {
        e.note = Some(match e.note.take() {
            Some(n) => format!("{n}\n{note}"),
            None => note.to_owned(),
        })
    });
}

/// The merged spans, and the merged span's id for every key a span had
/// in any version (relations and events find their spans through it).
pub(super) struct Merged {
    pub spans: Vec<Span>,
    pub ids: HashMap<SpanKey, SpanId>,
    pub conflicts: usize,
}

/// Merge the spans of a document's base (`None`: both sides added it),
/// ours and theirs. Ours keeps its ids; what only theirs has gets a new one
/// from `next`.
pub(super) fn merge_spans(
    base: Option<&Document>,
    ours: &Document,
    theirs: &Document,
    next: &mut NextIds,
) -> Merged {
    let by_id = |d: &Document| -> HashMap<SpanId, Span> {
        d.spans.iter().map(|s| (s.id, s.clone())).collect()
    };
    let (a, b) = (by_id(ours), by_id(theirs));
    let mut out = Merged {
        spans: Vec::new(),
        ids: HashMap::new(),
        conflicts: 0,
    };
    let fresh = |next: &mut NextIds| {
        next.span += 1;
        SpanId(next.span - 1)
    };
    let mut in_base: HashSet<SpanId> = HashSet::new();
    for o in base.into_iter().flat_map(|d| d.spans.iter()) {
        in_base.insert(o.id);
        let (x, y) = (a.get(&o.id), b.get(&o.id));
        let same = |s: &Span, t: &Span| bare(s) == bare(t);
        let mut kept: Vec<Span> = Vec::new();
        match (x, y) {
            (Some(x), Some(y)) if same(x, y) || same(y, o) => kept.push(x.clone()),
            (Some(x), Some(y)) if same(x, o) => kept.push(y.clone()),
            (Some(x), Some(y)) => {
                out.conflicts += 1;
                let mut mine = x.clone();
                if span_key(x) == span_key(y) {
                    // Only attributes or notes differ: ours, marked.
                    add_note(
                        &mut mine,
                        "merge conflict: this span was changed differently on each side; this is ours",
                    );
                    kept.push(mine);
                } else {
                    let mut other = y.clone();
                    add_note(
                        &mut mine,
                        &format!(
                            "merge conflict: {} here, {} on theirs",
                            describe(x),
                            describe(y)
                        ),
                    );
                    add_note(
                        &mut other,
                        &format!(
                            "merge conflict: {} here, {} on ours",
                            describe(y),
                            describe(x)
                        ),
                    );
                    kept.push(mine);
                    kept.push(other);
                }
            }
            (Some(one), None) | (None, Some(one)) if same(one, o) => {}
            (Some(one), None) | (None, Some(one)) => {
                out.conflicts += 1;
                let (here, there) = if x.is_some() {
                    ("ours", "theirs")
                } else {
                    ("theirs", "ours")
                };
                let mut s = one.clone();
                add_note(
                    &mut s,
                    &format!(
                        "merge conflict: this span was changed on {here} ({} before) and removed on {there}",
                        describe(o)
                    ),
                );
                kept.push(s);
            }
            (None, None) => {}
        }
        for (k, mut s) in kept.into_iter().enumerate() {
            s.id = if k == 0 { o.id } else { fresh(next) };
            if k == 0 {
                out.ids.insert(span_key(o), s.id);
            }
            out.ids.insert(span_key(&s), s.id);
            out.spans.push(s);
        }
        // The versions of a removed span still name it for relations that
        // went with it (they are dropped: their span is gone).
    }
    // Spans each side added: matched by range and label.
    let added = |d: &Document| -> (HashMap<SpanKey, Span>, Vec<SpanKey>) {
        let mut map = HashMap::new();
        let mut order = Vec::new();
        for s in d.spans.iter().filter(|s| !in_base.contains(&s.id)) {
            let key = span_key(s);
            if !map.contains_key(&key) {
                map.insert(key.clone(), s.clone());
                order.push(key);
            }
        }
        (map, order)
    };
    let ((na, a_order), (nb, b_order)) = (added(ours), added(theirs));
    let mut sides: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for key in union_order(&a_order, &b_order) {
        if out.ids.contains_key(&key) {
            continue; // The same as a span of the base, as merged.
        }
        let (x, y) = (na.get(&key), nb.get(&key));
        let mut span = match (x, y) {
            (Some(x), Some(y)) if bare(x) != bare(y) => {
                // Added alike but for attributes or notes: ours, marked.
                out.conflicts += 1;
                let mut s = x.clone();
                add_note(
                    &mut s,
                    "merge conflict: added on both sides with different attributes; this is ours",
                );
                s
            }
            (Some(s), _) | (None, Some(s)) => s.clone(),
            (None, None) => continue,
        };
        match (x.is_some(), y.is_some()) {
            (true, false) => sides.0.push(out.spans.len()),
            (false, true) => sides.1.push(out.spans.len()),
            _ => {}
        }
        span.id = match x {
            Some(s) => s.id,
            None => fresh(next),
        };
        out.ids.insert(key, span.id);
        out.spans.push(span);
    }
    out.conflicts += mark_disagreements(&mut out.spans, &sides);
    out
}

/// Spans the two sides added that disagree (the same range with another
/// label, or the same label on an overlapping, different range): both are
/// kept, each with a note naming the other. Returns how many pairs.
fn mark_disagreements(spans: &mut [Span], added: &(Vec<usize>, Vec<usize>)) -> usize {
    let mut pairs = Vec::new();
    for &i in &added.0 {
        for &j in &added.1 {
            let (x, y) = (&spans[i], &spans[j]);
            let same_range = x.start == y.start && x.end == y.end;
            let overlap = x.start < y.end && y.start < x.end;
            if (same_range && x.label != y.label) || (!same_range && overlap && x.label == y.label)
            {
                pairs.push((i, j));
            }
        }
    }
    for &(i, j) in &pairs {
        let (x, y) = (describe(&spans[i]), describe(&spans[j]));
        for (k, this, other, side) in [(i, &x, &y, "theirs"), (j, &y, &x, "ours")] {
            add_note(
                &mut spans[k],
                &format!("merge conflict: {this} here, {other} on {side}"),
            );
        }
    }
    pairs.len()
}
