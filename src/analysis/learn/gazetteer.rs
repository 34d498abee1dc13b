//! The gazetteer: the texts the project's people tagged (names, places,
//! speakers: spans of eight tokens or fewer), by class. A token inside a
//! mention of one gets the features `B:class` or `I:class`.
//!
//! While training, a document does not see the entries only it holds
//! (leave one out): otherwise the model would learn that a gazetteer match
//! is always right, which on new text it is not.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::tokens::Token;

/// Longest entry, in tokens.
const MAX_TOKENS: usize = 8;

/// One text of the gazetteer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Its tokens, as written.
    pub tokens: Vec<String>,
    /// The classes it was tagged as.
    pub classes: Vec<String>,
    /// In how many training documents, and the first of them (for leaving
    /// one out).
    #[serde(skip)]
    seen: Vec<(usize, usize)>,
}

/// Texts tagged in the training documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Gazetteer {
    /// The entries.
    pub entries: Vec<Entry>,
    /// Entries by their first token.
    #[serde(skip)]
    by_first: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// Add a tagged text: the tokens `[a, b]` of document `doc` as `class`.
    pub fn add(&mut self, tokens: &[Token], a: usize, b: usize, class: &str, doc: usize) {
        if b < a || b - a >= MAX_TOKENS || b >= tokens.len() {
            return;
        }
        let words: Vec<String> = tokens[a..=b].iter().map(|t| t.text.clone()).collect();
        // A lone lower-case word or punctuation mark is no name.
        if words.len() == 1 && !words[0].chars().next().is_some_and(char::is_uppercase) {
            return;
        }
        let found = self.by_first.get(&words[0]).and_then(|list| {
            list.iter()
                .copied()
                .find(|&e| self.entries[e].tokens == words)
        });
        let e = match found {
            Some(e) => e,
            None => {
                self.entries.push(Entry {
                    tokens: words.clone(),
                    ..Entry::default()
                });
                let e = self.entries.len() - 1;
                self.by_first.entry(words[0].clone()).or_default().push(e);
                e
            }
        };
        let entry = &mut self.entries[e];
        match entry.classes.iter().position(|c| c == class) {
            Some(k) => {
                if entry.seen[k].1 != doc {
                    entry.seen[k].0 += 1;
                }
            }
            None => {
                entry.classes.push(class.to_owned());
                entry.seen.push((1, doc));
            }
        }
    }

    /// Rebuild the index after reading a model file.
    pub fn reindex(&mut self) {
        self.by_first.clear();
        for (e, entry) in self.entries.iter_mut().enumerate() {
            if let Some(first) = entry.tokens.first() {
                self.by_first.entry(first.clone()).or_default().push(e);
            }
            entry.seen = vec![(usize::MAX, usize::MAX); entry.classes.len()];
        }
    }

    /// Per token, its gazetteer features (`B:class`, `I:class`); entries
    /// only document `skip_doc` holds are left out.
    pub fn marks(&self, tokens: &[Token], skip_doc: Option<usize>) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = vec![Vec::new(); tokens.len()];
        if self.entries.is_empty() {
            return out;
        }
        for (i, t) in tokens.iter().enumerate() {
            let Some(list) = self.by_first.get(&t.text) else {
                continue;
            };
            for &e in list {
                let entry = &self.entries[e];
                let n = entry.tokens.len();
                if i + n > tokens.len()
                    || !tokens[i..i + n]
                        .iter()
                        .zip(&entry.tokens)
                        .all(|(t, w)| &t.text == w)
                {
                    continue;
                }
                for (k, class) in entry.classes.iter().enumerate() {
                    let only_here = entry
                        .seen
                        .get(k)
                        .is_some_and(|&(count, first)| count == 1 && Some(first) == skip_doc);
                    if only_here {
                        continue;
                    }
                    for (j, marks) in out.iter_mut().enumerate().skip(i).take(n) {
                        let tag = if j == i { "B:" } else { "I:" };
                        let mark = format!("{tag}{class}");
                        if !marks.contains(&mark) {
                            marks.push(mark);
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn mentions_are_marked_but_not_in_the_only_document_holding_them() {
        let t0 = tokenize("Maria Ortiz spoke.");
        let t1 = tokenize("Later Maria Ortiz left and Paul Lenz too.");
        let mut g = Gazetteer::default();
        g.add(&t0, 0, 1, "entity", 0);
        let m = g.marks(&t1, Some(1));
        assert_eq!(m[1], ["B:entity"]);
        assert_eq!(m[2], ["I:entity"]);
        assert!(m[0].is_empty() && m[3].is_empty());
        assert!(g.marks(&t0, Some(0)).iter().all(Vec::is_empty), "left out");
        g.add(&t1, 1, 2, "entity", 1);
        assert_eq!(g.marks(&t0, Some(0))[0], ["B:entity"], "seen elsewhere too");
    }
}
