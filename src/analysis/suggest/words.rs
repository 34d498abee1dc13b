//! The words of a text with code point offsets, as the dates rule reads
//! them: the word tokens, split at hyphens (`2025-03-26` is three words).

use super::tokens::Tokens;

/// A word: its code point range and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The word.
    pub text: &'t str,
}

/// The text's characters and words, offsets in code points.
pub struct Words<'a, 't> {
    /// The characters.
    pub chars: &'a [char],
    /// The words in order.
    pub words: Vec<Word<'t>>,
}

impl<'a, 't> Words<'a, 't> {
    /// The words of `t`.
    pub fn of(t: &'a Tokens<'t>) -> Self {
        let mut words = Vec::with_capacity(t.toks.len());
        for k in (0..t.toks.len()).filter(|&k| t.is_word(k)) {
            let (text, start) = (t.text(k), t.toks[k].start);
            if !text.contains('-') {
                words.push(Word {
                    start,
                    end: t.toks[k].end,
                    text,
                });
                continue;
            }
            let (mut at, mut from) = (start, 0);
            for part in text.split('-') {
                let len = part.chars().count();
                if !part.is_empty() {
                    words.push(Word {
                        start: at,
                        end: at + len,
                        text: &text[from..from + part.len()],
                    });
                }
                at += len + 1;
                from += part.len() + 1;
            }
        }
        Self {
            chars: &t.chars,
            words,
        }
    }
}
