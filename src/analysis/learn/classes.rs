//! What the model learns to find: its classes, read from a project's
//! labels, and the one place a label becomes a class (when labels get
//! typed roles, a role maps to a class here and nowhere else).
//!
//! A class is either every span of a label (`quote`, `entity`, …) or every
//! span that is the target of a `said_by` relation (`speaker`: who said a
//! quote, whatever that span's label). Classes are grouped in layers; a
//! layer tags each token once, in BIO: `O`, then `B` and `I` per class.
//! One layer per class lets spans of different classes nest (a name inside
//! a quote); one layer for all is a single joint model.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Document, LabelSet, SpanId};

use super::tokens::Token;

/// The name of the class of `said_by` targets.
pub const SPEAKER: &str = "speaker";

/// Which spans a class stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// Every span with this label id.
    Label(String),
    /// Every span a relation of this kind points to.
    TargetOf(String),
}

/// One class of the model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    /// Its name in features and reports (`quote`, `speaker`).
    pub name: String,
    /// Which spans it learns from.
    pub source: Source,
    /// The label its suggestions carry.
    pub label: String,
    /// The attributes its suggestions carry (the commonest among the
    /// spans it learnt from, e.g. `kind: person` for speakers).
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
    /// Its spans were linked to who said them (`said_by`): its suggestions
    /// are linked to the nearest speaker found.
    #[serde(default)]
    pub links: bool,
}

impl Class {
    /// The class of every span labelled `label`.
    pub fn label(label: &str) -> Self {
        Self {
            name: label.to_owned(),
            source: Source::Label(label.to_owned()),
            label: label.to_owned(),
            attrs: BTreeMap::new(),
            links: false,
        }
    }

    /// The class of every target of an attribution relation (`kind`,
    /// `said_by` by default), suggested with `label`.
    pub fn speaker(label: &str, kind: &str) -> Self {
        Self {
            name: SPEAKER.to_owned(),
            source: Source::TargetOf(kind.to_owned()),
            label: label.to_owned(),
            attrs: BTreeMap::new(),
            links: false,
        }
    }

    /// The ranges of `doc` this class learns from.
    pub fn spans(&self, doc: &Document, gold_only: bool) -> Vec<(usize, usize)> {
        let keep = |id: SpanId| doc.span(id).filter(|s| !gold_only || s.gold);
        let mut out: Vec<(usize, usize)> = match &self.source {
            Source::Label(l) => doc
                .spans
                .iter()
                .filter(|s| &s.label == l && (!gold_only || s.gold))
                .map(|s| (s.start, s.end))
                .collect(),
            Source::TargetOf(kind) => doc
                .relations
                .iter()
                .filter(|r| &r.kind == kind)
                .filter_map(|r| keep(r.to).filter(|_| keep(r.from).is_some()))
                .map(|s| (s.start, s.end))
                .collect(),
        };
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The classes a set of documents teaches: each label their spans use, in
/// the order of `labels`, and `speaker` when they hold attribution
/// relations (the relation kind the quote role links with, `said_by` by
/// default; suggested with the commonest label of their targets).
pub fn classes_of(docs: &[&Document], labels: &LabelSet) -> Vec<Class> {
    let attribution = labels.attribution_kind();
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    let mut target_labels: BTreeMap<&str, usize> = BTreeMap::new();
    let mut target_attrs: BTreeMap<Vec<(String, String)>, usize> = BTreeMap::new();
    let mut linking: Vec<&str> = Vec::new();
    for d in docs {
        for s in d.spans.iter() {
            *used.entry(s.label.as_str()).or_default() += 1;
        }
        for r in d.relations.iter().filter(|r| r.kind == attribution) {
            if let Some(f) = d.span(r.from)
                && !linking.contains(&f.label.as_str())
            {
                linking.push(f.label.as_str());
            }
            if let Some(t) = d.span(r.to) {
                *target_labels.entry(t.label.as_str()).or_default() += 1;
                let attrs = t
                    .attrs
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                *target_attrs.entry(attrs).or_default() += 1;
            }
        }
    }
    let rank = |l: &str| labels.iter().position(|o| o.id == l).unwrap_or(usize::MAX);
    let mut labels: Vec<&str> = used.keys().copied().collect();
    labels.sort_by_key(|l| (rank(l), *l));
    let mut out: Vec<Class> = labels.into_iter().map(Class::label).collect();
    for c in &mut out {
        c.links = linking.contains(&c.label.as_str());
    }
    let commonest = target_labels
        .iter()
        .max_by_key(|(l, n)| (**n, std::cmp::Reverse(*l)));
    if let Some((label, _)) = commonest {
        let mut c = Class::speaker(label, attribution);
        if let Some((attrs, _)) = target_attrs.iter().max_by_key(|(_, n)| **n) {
            c.attrs = attrs.iter().cloned().collect();
        }
        out.push(c);
    }
    out
}

/// A layer's tag of token `t`: 0 is `O`, `1 + 2k` is `B` of the layer's
/// `k`-th class and `2 + 2k` its `I`.
pub type Tag = u16;

/// Whether tag `to` may follow tag `from` (an `I` only after the `B` or
/// `I` of its class); `from` is `None` at the start.
pub fn allowed(from: Option<Tag>, to: Tag) -> bool {
    if to == 0 || to % 2 == 1 {
        return true;
    }
    from.is_some_and(|f| f != 0 && f.div_ceil(2) == to / 2)
}

/// Tags for `tokens` from spans `(k, start, end)` (`k` the class within
/// the layer, offsets in code points). A token belongs to a span when it
/// starts inside it; a span overlapping one tagged before is left out.
pub fn encode(tokens: &[Token], spans: &[(usize, usize, usize)]) -> Vec<Tag> {
    let mut tags: Vec<Tag> = vec![0; tokens.len()];
    let mut spans = spans.to_vec();
    spans.sort_by_key(|&(k, a, b)| (a, std::cmp::Reverse(b), k));
    for (k, a, b) in spans {
        let first = tokens.partition_point(|t| t.start < a);
        let last = tokens.partition_point(|t| t.start < b);
        if first >= last || tags[first..last].iter().any(|&t| t != 0) {
            continue;
        }
        let k = Tag::try_from(k).unwrap_or(0);
        tags[first] = 1 + 2 * k;
        for t in &mut tags[first + 1..last] {
            *t = 2 + 2 * k;
        }
    }
    tags
}

/// The spans of a tag sequence: `(k, first token, last token)`.
pub fn decode(tags: &[Tag]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues =
            t != 0 && t % 2 == 0 && open.is_some_and(|(k, _)| k == usize::from(t / 2 - 1));
        if continues {
            continue;
        }
        if let Some((k, a)) = open.take() {
            out.push((k, a, i - 1));
        }
        if t != 0 {
            // A `B`, or an `I` with no `B` before it: a span starts here.
            open = Some((usize::from((t - 1) / 2), i));
        }
    }
    if let Some((k, a)) = open {
        out.push((k, a, tags.len() - 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn spans_round_trip_through_tags() {
        let tokens = tokenize("“We won,” Ana Ruiz said.");
        // quote: “We won,” (0..9); speaker: Ana Ruiz (10..18).
        let tags = encode(&tokens, &[(0, 0, 9), (1, 10, 18)]);
        assert_eq!(tags, [1, 2, 2, 2, 2, 3, 4, 0, 0]);
        assert_eq!(decode(&tags), [(0, 0, 4), (1, 5, 6)]);
        assert!(allowed(Some(1), 2) && !allowed(Some(1), 4) && !allowed(None, 2));
        assert_eq!(decode(&[2, 2, 0, 4]), [(0, 0, 1), (1, 3, 3)]);
    }

    #[test]
    fn overlapping_spans_keep_the_first_and_longest() {
        let tokens = tokenize("a b c d");
        assert_eq!(encode(&tokens, &[(0, 2, 5), (1, 0, 3)]), [3, 4, 0, 0]);
    }
}
