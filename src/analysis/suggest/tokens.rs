//! The tokens the quote and speaker rules read: words (with the
//! apostrophes, hyphens and inner periods that belong to them: `don’t`,
//! `al-Bashir`, `U.S`) and single punctuation characters, each with its
//! code point range and paragraph. One pass over the text.

use super::lexicon;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits.
    Word,
    /// One punctuation or symbol character.
    Punct(char),
}

/// A token: its code point range, kind and paragraph (each line holding
/// text is a paragraph, counted from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Start in bytes.
    byte: usize,
    /// End in bytes.
    byte_end: usize,
    /// Word or punctuation.
    pub kind: Kind,
    /// The paragraph it is in, counted from 0.
    pub para: usize,
}

/// A text's characters and tokens.
pub struct Tokens<'t> {
    /// The text.
    text: &'t str,
    /// The characters.
    pub chars: Vec<char>,
    /// The tokens in order.
    pub toks: Vec<Tok>,
}

fn joins(prev: Option<&char>, c: char, next: Option<&char>) -> bool {
    let alnum = |x: Option<&char>| x.is_some_and(|x| x.is_alphanumeric());
    match c {
        '\'' | '’' | '-' | '.' | '&' => alnum(prev) && alnum(next),
        ',' => prev.is_some_and(char::is_ascii_digit) && next.is_some_and(char::is_ascii_digit),
        _ => false,
    }
}

impl<'t> Tokens<'t> {
    /// Split `text`.
    pub fn of(text: &'t str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut toks = Vec::with_capacity(chars.len() / 4);
        // Lines are paragraphs; blank lines between them count as one break.
        let mut para = 0;
        let mut newline = false;
        // `i` in code points, `byte` in bytes, in step.
        let (mut i, mut byte) = (0, 0);
        while i < chars.len() {
            let c = chars[i];
            if !c.is_whitespace() && newline {
                para += 1;
                newline = false;
            }
            let (start, from) = (i, byte);
            byte += c.len_utf8();
            i += 1;
            if c == '\n' {
                newline = !toks.is_empty();
            } else if c.is_whitespace() {
            } else if c.is_alphanumeric() {
                while i < chars.len()
                    && (chars[i].is_alphanumeric()
                        || joins(chars.get(i - 1), chars[i], chars.get(i + 1)))
                {
                    byte += chars[i].len_utf8();
                    i += 1;
                }
                toks.push(Tok {
                    start,
                    end: i,
                    byte: from,
                    byte_end: byte,
                    kind: Kind::Word,
                    para,
                });
            } else {
                toks.push(Tok {
                    start,
                    end: i,
                    byte: from,
                    byte_end: byte,
                    kind: Kind::Punct(c),
                    para,
                });
            }
        }
        Self { text, chars, toks }
    }

    /// The text of token `k` (empty past the end).
    pub fn text(&self, k: usize) -> &'t str {
        self.toks
            .get(k)
            .and_then(|t| self.text.get(t.byte..t.byte_end))
            .unwrap_or("")
    }

    /// The text of token `k` in lower case (borrowed when it is).
    pub fn lower(&self, k: usize) -> std::borrow::Cow<'t, str> {
        let w = self.text(k);
        if w.chars().any(char::is_uppercase) {
            std::borrow::Cow::Owned(w.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(w)
        }
    }

    /// Whether token `k` is a word.
    pub fn is_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Kind::Word)
    }

    /// Whether token `k` is the punctuation `c`.
    pub fn is(&self, k: usize, c: char) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    /// The punctuation character of token `k`, if it is one.
    pub fn punct(&self, k: usize) -> Option<char> {
        match self.toks.get(k)?.kind {
            Kind::Punct(c) => Some(c),
            Kind::Word => None,
        }
    }

    /// Whether token `k` is a word starting with a capital letter.
    pub fn capitalised(&self, k: usize) -> bool {
        self.is_word(k)
            && self
                .toks
                .get(k)
                .is_some_and(|t| self.chars[t.start].is_uppercase())
    }

    /// Whether token `k` and the one after it touch (no space between).
    pub fn touches_next(&self, k: usize) -> bool {
        match (self.toks.get(k), self.toks.get(k + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Whether the gap before token `k` is a space (or the text's or
    /// paragraph's start).
    pub fn space_before(&self, k: usize) -> bool {
        match self.toks.get(k) {
            Some(t) => t.start == 0 || self.chars[t.start - 1].is_whitespace(),
            None => true,
        }
    }

    /// Whether token `k` is a period that ends a sentence: not the period
    /// of a title (`Mr.`), an initial (`J.`) or an abbreviation (`U.S.`)
    /// followed by a word that does not begin a sentence.
    pub fn full_stop(&self, k: usize) -> bool {
        let Some(c) = self.punct(k) else {
            return false;
        };
        if matches!(c, '!' | '?') {
            return true;
        }
        // `(R-Fla.)`, `Inc.,`: an abbreviation's period inside a sentence.
        if c == '.' && matches!(self.punct(k + 1), Some(')' | ',')) && self.touches_next(k) {
            return false;
        }
        if c != '.' || k == 0 || !self.is_word(k - 1) || !self.touches_next(k - 1) {
            return c == '.';
        }
        let word = self.text(k - 1);
        if lexicon::is_title_abbrev(word) || word.chars().count() == 1 && self.capitalised(k - 1) {
            return false;
        }
        if lexicon::is_abbrev(word) {
            // “the U.S. The next” ends a sentence; “the U.S. Senate” not.
            return self
                .toks
                .get(k + 1)
                .is_none_or(|t| t.para != self.toks[k].para)
                || self.is_word(k + 1) && lexicon::is_function_word(self.text(k + 1));
        }
        true
    }

    /// Whether a sentence ends between tokens `k` and `k + 1`: a full stop,
    /// a paragraph break, or `:`/`;`.
    pub fn ends_sentence(&self, k: usize) -> bool {
        let (Some(a), Some(b)) = (self.toks.get(k), self.toks.get(k + 1)) else {
            return true;
        };
        a.para != b.para || self.full_stop(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let t = Tokens::of(text);
        (0..t.toks.len()).map(|k| t.text(k).to_owned()).collect()
    }

    #[test]
    fn words_keep_their_apostrophes_hyphens_and_inner_periods() {
        assert_eq!(
            words("Ukraine’s al-Bashir, the U.S. and 10,000 don't."),
            [
                "Ukraine’s",
                "al-Bashir",
                ",",
                "the",
                "U.S",
                ".",
                "and",
                "10,000",
                "don't",
                "."
            ]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        let t = Tokens::of("Mr. Donald J. Trump said so. He left.");
        let stops: Vec<usize> = (0..t.toks.len()).filter(|&k| t.full_stop(k)).collect();
        assert_eq!(
            stops.iter().map(|&k| t.toks[k].start).collect::<Vec<_>>(),
            [27, 36]
        );
    }
}
