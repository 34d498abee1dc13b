//! Chance-corrected agreement over units: every non-whitespace code point
//! of a document. A unit's value for one annotator is the set of labels
//! whose spans cover it (the empty set: outside every span). Values only
//! change at span boundaries, so a document is cut into segments between
//! boundaries, each weighing its non-whitespace code points.

use foldhash::{HashMap, HashMapExt as _};

use crate::model::Document;

/// Label names and label sets as small numbers.
#[derive(Debug, Default)]
pub struct Interner {
    labels: HashMap<String, u32>,
    names: Vec<String>,
    sets: HashMap<Vec<u32>, u32>,
    members: Vec<Vec<u32>>,
}

impl Interner {
    fn label(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.labels.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.labels.insert(name.to_owned(), i);
        self.names.push(name.to_owned());
        i
    }

    fn set(&mut self, labels: Vec<u32>) -> u32 {
        if let Some(&i) = self.sets.get(&labels) {
            return i;
        }
        let i = self.members.len() as u32;
        self.sets.insert(labels.clone(), i);
        self.members.push(labels);
        i
    }

    /// Whether value `set` contains the label named `name`.
    fn contains(&self, set: u32, label: u32) -> bool {
        self.members
            .get(set as usize)
            .is_some_and(|m| m.binary_search(&label).is_ok())
    }
}

/// One document cut at every annotator's span boundaries: each segment's
/// weight (non-whitespace code points) and each annotator's value there.
#[derive(Debug, Default)]
pub struct Segments {
    /// (weight, one value per annotator, in the order given).
    rows: Vec<(u64, Vec<u32>)>,
}

impl Segments {
    /// The segments of one text as annotated in `docs` (the same text).
    pub fn of(docs: &[&Document], interner: &mut Interner) -> Self {
        let Some(first) = docs.first() else {
            return Self::default();
        };
        // Non-whitespace code points before each code point offset.
        let mut solid = Vec::with_capacity(first.text.len() + 1);
        solid.push(0u64);
        let mut n = 0u64;
        for c in first.text.chars() {
            n += u64::from(!c.is_whitespace());
            solid.push(n);
        }
        let len = solid.len() - 1;
        // Each annotator's boundary events: (offset, label, +1 / -1).
        let mut events: Vec<Vec<(usize, u32, i32)>> = Vec::with_capacity(docs.len());
        let mut cuts: Vec<usize> = vec![0, len];
        for d in docs {
            let mut ev = Vec::with_capacity(d.spans.len() * 2);
            for s in d.spans.iter() {
                let label = interner.label(&s.label);
                for (start, end) in s.pieces() {
                    let (start, end) = (start.min(len), end.min(len));
                    if start < end {
                        ev.push((start, label, 1));
                        ev.push((end, label, -1));
                        cuts.push(start);
                        cuts.push(end);
                    }
                }
            }
            ev.sort_unstable();
            events.push(ev);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let empty = interner.set(Vec::new());
        let mut values = vec![empty; docs.len()];
        let mut active: Vec<HashMap<u32, i32>> = vec![HashMap::new(); docs.len()];
        let mut next = vec![0usize; docs.len()];
        let mut rows = Vec::new();
        for w in cuts.windows(2) {
            let (at, to) = (w[0], w[1]);
            for k in 0..docs.len() {
                let ev = &events[k];
                let mut changed = false;
                while next[k] < ev.len() && ev[next[k]].0 <= at {
                    let (_, label, delta) = ev[next[k]];
                    *active[k].entry(label).or_insert(0) += delta;
                    changed = true;
                    next[k] += 1;
                }
                if changed {
                    let mut set: Vec<u32> = active[k]
                        .iter()
                        .filter(|(_, n)| **n > 0)
                        .map(|(l, _)| *l)
                        .collect();
                    set.sort_unstable();
                    values[k] = interner.set(set);
                }
            }
            let weight = solid[to] - solid[at];
            if weight > 0 {
                rows.push((weight, values.clone()));
            }
        }
        Self { rows }
    }
}

/// Two annotators' values over shared units: weight per pair of values.
#[derive(Clone, Debug, Default)]
pub struct Contingency {
    cells: HashMap<(u32, u32), u64>,
}

impl Contingency {
    /// Add a document's segments, comparing annotators `a` and `b` (their
    /// positions in the segments' order).
    pub fn add(&mut self, segments: &Segments, a: usize, b: usize) {
        for (w, values) in &segments.rows {
            *self.cells.entry((values[a], values[b])).or_insert(0) += w;
        }
    }

    /// Cohen's kappa over label sets; `None` when chance agreement is
    /// total (both annotators gave one and the same value throughout) or
    /// there are no units.
    pub fn kappa(&self) -> Option<f64> {
        let total: u64 = self.cells.values().sum();
        if total == 0 {
            return None;
        }
        let mut rows: HashMap<u32, u64> = HashMap::new();
        let mut cols: HashMap<u32, u64> = HashMap::new();
        let mut same = 0u64;
        for (&(x, y), &w) in &self.cells {
            *rows.entry(x).or_insert(0) += w;
            *cols.entry(y).or_insert(0) += w;
            if x == y {
                same += w;
            }
        }
        let n = total as f64;
        let expected: f64 = rows
            .iter()
            .map(|(k, r)| *r as f64 * cols.get(k).copied().unwrap_or(0) as f64)
            .sum::<f64>()
            / (n * n);
        kappa_of(same as f64 / n, expected)
    }

    /// Cohen's kappa for one label: a unit is 1 if a span of the label
    /// covers it, else 0.
    pub fn label_kappa(&self, interner: &Interner, name: &str) -> Option<f64> {
        let total: u64 = self.cells.values().sum();
        let label = *interner.labels.get(name)?;
        if total == 0 {
            return None;
        }
        let (mut both, mut only_a, mut only_b) = (0u64, 0u64, 0u64);
        for (&(x, y), &w) in &self.cells {
            match (interner.contains(x, label), interner.contains(y, label)) {
                (true, true) => both += w,
                (true, false) => only_a += w,
                (false, true) => only_b += w,
                (false, false) => {}
            }
        }
        let n = total as f64;
        let neither = n - (both + only_a + only_b) as f64;
        let pa = (both + only_a) as f64 / n;
        let pb = (both + only_b) as f64 / n;
        let expected = pa * pb + (1.0 - pa) * (1.0 - pb);
        kappa_of((both as f64 + neither) / n, expected)
    }
}

/// (observed − expected) / (1 − expected), undefined when expected is 1.
fn kappa_of(observed: f64, expected: f64) -> Option<f64> {
    let room = 1.0 - expected;
    (room.abs() > 1e-12).then(|| (observed - expected) / room)
}

/// Krippendorff's coincidence matrix over every annotator's values.
#[derive(Debug, Default)]
pub struct Coincidence {
    cells: HashMap<(u32, u32), f64>,
}

impl Coincidence {
    /// Add a document's segments: each unit pairs every two of the values
    /// given for it, weighing 1 / (values − 1).
    pub fn add(&mut self, segments: &Segments) {
        for (w, values) in &segments.rows {
            let m = values.len();
            if m < 2 {
                continue;
            }
            let share = *w as f64 / (m - 1) as f64;
            for (i, x) in values.iter().enumerate() {
                for (j, y) in values.iter().enumerate() {
                    if i != j {
                        *self.cells.entry((*x, *y)).or_insert(0.0) += share;
                    }
                }
            }
        }
    }

    /// Krippendorff's alpha (nominal): 1 − (n − 1) · Σ_{c≠k} o_ck /
    /// Σ_{c≠k} n_c · n_k; `None` when every unit has one and the same value.
    pub fn alpha(&self) -> Option<f64> {
        let mut marginals: HashMap<u32, f64> = HashMap::new();
        let mut disagree = 0.0;
        for (&(x, y), &o) in &self.cells {
            *marginals.entry(x).or_insert(0.0) += o;
            if x != y {
                disagree += o;
            }
        }
        let n: f64 = marginals.values().sum();
        let expected = n * n - marginals.values().map(|m| m * m).sum::<f64>();
        (expected.abs() > 1e-9 && n > 1.0).then(|| 1.0 - (n - 1.0) * disagree / expected)
    }
}
