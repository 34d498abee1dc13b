//! Entities: names with titles (`President Vladimir Putin`, `Mr Peskov`),
//! names of two capitalised words or more, and every later mention of what
//! the project's people already tagged as an entity (tag "Kremlin" once, and
//! every "Kremlin" is suggested).

use super::speakers::name_at;
use super::words::{Words, is_title};

/// Names in the text as code point ranges, with whether a title begins
/// them (a person).
pub fn names(words: &Words<'_>) -> Vec<(usize, usize, bool)> {
    let headline = headline_words(words);
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.words.len() {
        if headline[k] {
            k += 1;
            continue;
        }
        let titled = is_title(words.words[k].text);
        match name_at(words, k) {
            // Five capitalised words or more are a title, not a name.
            Some((a, b)) if b - a > 4 => k = b,
            Some((a, b)) if b - a >= 2 || titled => {
                out.push((words.words[a].start, words.words[b - 1].end, titled));
                k = b;
            }
            _ => k += 1,
        }
    }
    out
}

/// Which words are in a headline (a line without a full stop at its end,
/// most of whose longer words are capitalised): names cannot be told from
/// Title Case there.
fn headline_words(words: &Words<'_>) -> Vec<bool> {
    let mut out = vec![false; words.words.len()];
    let mut first = 0;
    while first < words.words.len() {
        let mut last = first;
        while last + 1 < words.words.len()
            && !words.chars[words.words[last].end..words.words[last + 1].start].contains(&'\n')
        {
            last += 1;
        }
        let long: Vec<bool> = words.words[first..=last]
            .iter()
            .filter(|w| w.text.chars().count() > 3)
            .map(|w| w.capitalised())
            .collect();
        let capitalised = long.iter().filter(|c| **c).count();
        // A headline has no full stop at its end.
        let after = words.words[last].end;
        let stop = words.chars[after..]
            .iter()
            .take_while(|c| **c != '\n')
            .any(|c| matches!(c, '.' | '!' | '?'));
        if !stop && long.len() >= 3 && capitalised * 10 >= long.len() * 6 {
            out[first..=last].iter_mut().for_each(|h| *h = true);
        }
        first = last + 1;
    }
    out
}

/// Every whole-word occurrence of each of `known` in the text.
pub fn mentions(words: &Words<'_>, known: &[Vec<char>]) -> Vec<(usize, usize)> {
    let chars = &words.chars;
    let boundary = |i: usize| i == 0 || i >= chars.len() || !chars[i].is_alphanumeric();
    let mut out = Vec::new();
    for needle in known {
        if needle.is_empty() || needle.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - needle.len() {
            if chars[start..start + needle.len()] == needle[..]
                && (start == 0 || boundary(start - 1))
                && boundary(start + needle.len())
            {
                out.push((start, start + needle.len()));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
