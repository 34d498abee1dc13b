//! Suggestions: spans a rule or a model proposes, kept beside a document's
//! annotations (never among them) until a person accepts or rejects them.
//! A rejected suggestion is remembered so it is not offered again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A model's confidence in a suggestion, 0 to 1.
#[derive(Clone, Copy, Debug, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Score(pub f32);

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Score {}

/// A proposed span, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Start (code point offset).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Label id.
    pub label: String,
    /// Attributes the span would get (e.g. `kind: "date"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// The rule (`rule:quotes`) or model (`model:my_ner 1.2`) that made it.
    pub source: String,
    /// The model's confidence, when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// For a quote: the range of who said it (a span or a suggestion
    /// there), linked by `said_by` when both are accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_by: Option<(usize, usize)>,
    /// For a quote offered with its speaker: the confidence that both are
    /// right (the quote, and `said_by` its speaker). "Accept all" takes
    /// the speaker and the link along only when this clears its threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair_score: Option<Score>,
}

impl Suggestion {
    /// A suggestion of `label` over `[start, end)` from `source`.
    pub fn new(
        start: usize,
        end: usize,
        label: impl Into<String>,
        source: impl Into<String>,
    ) -> Self {
        Self {
            start,
            end,
            label: label.into(),
            attrs: BTreeMap::new(),
            source: source.into(),
            score: None,
            said_by: None,
            pair_score: None,
        }
    }

    /// What identifies it when remembering a rejection.
    pub fn key(&self) -> Rejected {
        Rejected {
            start: self.start,
            end: self.end,
            label: self.label.clone(),
        }
    }
}

/// A suggestion a person rejected: not offered again.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rejected {
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Label id.
    pub label: String,
}

/// A document's pending suggestions and remembered rejections.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    /// Waiting for a decision, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Suggestion>,
    /// Rejected, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
    /// Document categories a model proposed (Label Studio predictions),
    /// waiting for a person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<super::CategorySuggestion>,
}

impl Suggestions {
    /// Whether there is nothing pending or remembered.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty() && self.rejected.is_empty() && self.categories.is_empty()
    }

    /// Add `new` suggestions: those rejected before, already pending, or
    /// already annotated (`annotated(start, end, label)`: say so for a
    /// span of that label over the range) are left out.
    /// Returns how many were added.
    pub fn offer(
        &mut self,
        new: impl IntoIterator<Item = Suggestion>,
        annotated: impl Fn(usize, usize, &str) -> bool,
    ) -> usize {
        let before = self.pending.len();
        for s in new {
            let key = s.key();
            if self.rejected.binary_search(&key).is_ok()
                || annotated(s.start, s.end, &s.label)
                || self
                    .pending
                    .iter()
                    .any(|p| p.start == s.start && p.end == s.end && p.label == s.label)
            {
                continue;
            }
            self.pending.push(s);
        }
        self.pending
            .sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        self.pending.len() - before
    }

    /// Remember a rejection.
    pub fn reject(&mut self, key: Rejected) {
        if let Err(at) = self.rejected.binary_search(&key) {
            self.rejected.insert(at, key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_and_annotated_suggestions_are_not_offered_again() {
        let mut s = Suggestions::default();
        let q = Suggestion::new(0, 10, "quote", "rule:quotes");
        assert_eq!(s.offer([q.clone()], |_, _, _| false), 1);
        assert_eq!(s.offer([q.clone()], |_, _, _| false), 0, "already pending");
        s.pending.clear();
        s.reject(q.key());
        assert_eq!(s.offer([q.clone()], |_, _, _| false), 0, "rejected");
        let e = Suggestion::new(12, 18, "entity", "rule:speakers");
        assert_eq!(
            s.offer([e], |a, b, l| (a, b, l) == (12, 18, "entity")),
            0,
            "annotated"
        );
    }
}
