//! The words of a text (UAX #29) with code point offsets, which the dates
//! rule reads.

use unicode_segmentation::UnicodeSegmentation as _;

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

/// The text's characters and words (UAX #29), offsets in code points.
pub struct Words<'t> {
    /// The characters.
    pub chars: Vec<char>,
    /// The words in order.
    pub words: Vec<Word<'t>>,
}

impl<'t> Words<'t> {
    /// Split `text`.
    pub fn of(text: &'t str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut words = Vec::new();
        let mut char_at = 0usize;
        let mut byte_at = 0usize;
        for (byte, word) in text.unicode_word_indices() {
            char_at += text[byte_at..byte].chars().count();
            byte_at = byte;
            let len = word.chars().count();
            words.push(Word {
                start: char_at,
                end: char_at + len,
                text: word,
            });
        }
        Self { chars, words }
    }
}
