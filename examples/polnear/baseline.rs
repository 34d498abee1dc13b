//! The one-line regular expression the rules are measured against: text
//! between marks, and the nearest capitalised name next to a speech verb.

use super::Range;

/// Speech verbs of the baseline.
const BASELINE_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "asked",
    "stated",
    "explained",
    "noted",
    "tweeted",
];

/// The one-line regular expression, as quotes with their speakers.
pub fn baseline(chars: &[char]) -> Vec<(Range, Option<Range>)> {
    let mut quotes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '"' | '“') {
            let close = chars[i + 1..]
                .iter()
                .position(|c| matches!(c, '"' | '“' | '”' | '\n'))
                .map(|p| i + 1 + p);
            if let Some(j) = close.filter(|&j| matches!(chars[j], '"' | '”')) {
                quotes.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    // Words: (start, end, capitalised).
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if chars[k].is_alphanumeric() {
            let s = k;
            while k < chars.len() && (chars[k].is_alphanumeric() || chars[k] == '.') {
                k += 1;
            }
            words.push((s, k));
        } else {
            k += 1;
        }
    }
    let text = |(a, b): Range| -> String { chars[a..b].iter().collect() };
    let cap = |w: Range| chars[w.0].is_uppercase();
    let joined = |a: Range, b: Range| a.1 + 1 == b.0 && chars[a.1] == ' ';
    // Every "Name Name verb" and "verb Name Name": (verb start, name).
    let mut said: Vec<(usize, Range)> = Vec::new();
    for (n, &w) in words.iter().enumerate() {
        if !BASELINE_VERBS.contains(&text(w).trim_end_matches('.')) {
            continue;
        }
        if n > 0 && cap(words[n - 1]) && joined(words[n - 1], w) {
            let mut s = n - 1;
            while s > 0 && cap(words[s - 1]) && joined(words[s - 1], words[s]) {
                s -= 1;
            }
            said.push((w.0, (words[s].0, words[n - 1].1)));
        }
        if n + 1 < words.len() && cap(words[n + 1]) && joined(w, words[n + 1]) {
            let mut e = n + 1;
            while e + 1 < words.len() && cap(words[e + 1]) && joined(words[e], words[e + 1]) {
                e += 1;
            }
            said.push((w.0, (words[n + 1].0, words[e].1)));
        }
    }
    let line = |p: usize| chars[..p].iter().filter(|c| **c == '\n').count();
    quotes
        .into_iter()
        .map(|q| {
            let who = said
                .iter()
                .filter(|(v, _)| line(*v) == line(q.0))
                .min_by_key(|(v, _)| {
                    if *v >= q.1 {
                        v - q.1
                    } else {
                        q.0 - v.min(&q.0)
                    }
                })
                .map(|s| s.1);
            (q, who)
        })
        .collect()
}
