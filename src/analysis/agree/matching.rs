//! Span matching between two annotators' versions of one document: exact
//! (same start, end, label) and overlap (same label, intersecting ranges,
//! one-to-one, the largest overlaps paired first).

use std::collections::BTreeMap;

use crate::model::Document;

/// Span counts of one label for a pair of annotators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans of the first annotator.
    pub a: usize,
    /// Spans of the second annotator.
    pub b: usize,
    /// Pairs matched exactly.
    pub exact: usize,
    /// Pairs matched by overlap.
    pub overlap: usize,
}

impl Counts {
    /// The sum of two counts.
    pub fn plus(self, other: &Counts) -> Counts {
        Counts {
            a: self.a + other.a,
            b: self.b + other.b,
            exact: self.exact + other.exact,
            overlap: self.overlap + other.overlap,
        }
    }
}

/// Add the matches of one document's two versions to `counts`, per label.
pub fn match_document(a: &Document, b: &Document, counts: &mut BTreeMap<String, Counts>) {
    let (ra, rb) = (ranges(a), ranges(b));
    let empty = Vec::new();
    let labels: std::collections::BTreeSet<&str> = ra.keys().chain(rb.keys()).copied().collect();
    for label in labels {
        let (mut xa, mut xb) = (
            ra.get(label).unwrap_or(&empty).clone(),
            rb.get(label).unwrap_or(&empty).clone(),
        );
        xa.sort_unstable();
        xb.sort_unstable();
        let c = counts.entry(label.to_owned()).or_default();
        c.a += xa.len();
        c.b += xb.len();
        c.exact += exact_matches(&xa, &xb);
        c.overlap += overlap_matches(&xa, &xb);
    }
}

/// A document's span ranges by label.
fn ranges(d: &Document) -> BTreeMap<&str, Vec<(usize, usize)>> {
    let mut by_label: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for s in d.spans.iter() {
        by_label
            .entry(s.label.as_str())
            .or_default()
            .push((s.start, s.end));
    }
    by_label
}

/// Equal ranges of two sorted lists, as multisets.
fn exact_matches(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// One-to-one pairs of intersecting ranges of two sorted lists, taking the
/// largest overlaps first (ties: the earlier ranges first). Only
/// intersecting pairs are looked at, so the cost follows the overlaps.
fn overlap_matches(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    // Sweep by start: a range starting meets every range of the other
    // list that started before it and has not ended yet.
    let (mut i, mut j) = (0, 0);
    let (mut open_a, mut open_b): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        let take_a = j >= b.len() || (i < a.len() && a[i].0 <= b[j].0);
        if take_a {
            let (start, end) = a[i];
            open_b.retain(|&k| b[k].1 > start);
            for &k in &open_b {
                let size = end.min(b[k].1).saturating_sub(start.max(b[k].0));
                if size > 0 {
                    candidates.push((size, i, k));
                }
            }
            open_a.push(i);
            i += 1;
        } else {
            let (start, end) = b[j];
            open_a.retain(|&k| a[k].1 > start);
            for &k in &open_a {
                let size = end.min(a[k].1).saturating_sub(start.max(a[k].0));
                if size > 0 {
                    candidates.push((size, k, j));
                }
            }
            open_b.push(j);
            j += 1;
        }
    }
    candidates.sort_unstable_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut n = 0;
    for (_, ia, ib) in candidates {
        if !used_a[ia] && !used_b[ib] {
            used_a[ia] = true;
            used_b[ib] = true;
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_pair_one_to_one_largest_first() {
        // a: [0,10) [12,20); b: [5,15) overlaps both (5 and 3), [0,2) (2).
        let a = [(0, 10), (12, 20)];
        let b = [(0, 2), (5, 15)];
        // [5,15) pairs with [0,10) (5), then [0,2) has nothing left
        // but... [0,2) overlaps only [0,10): taken. [12,20) has [5,15) taken.
        assert_eq!(overlap_matches(&a, &b), 1);
        assert_eq!(exact_matches(&[(0, 1), (0, 1)], &[(0, 1)]), 1);
        // Same start counts: a range starting where another starts meets it.
        assert_eq!(overlap_matches(&[(3, 5)], &[(3, 4)]), 1);
        // Touching is not intersecting.
        assert_eq!(overlap_matches(&[(0, 3)], &[(3, 6)]), 0);
        // Nested ranges.
        assert_eq!(
            overlap_matches(&[(0, 100), (10, 20)], &[(12, 18), (0, 99)]),
            2
        );
    }
}
