//! The scores the rules give, calibrated on PolNeAR's train split
//! (`examples/eval_polnear.rs`): each kind of evidence scores at most the
//! share of its suggestions that were right there, so that among the
//! suggestions scoring `s` or more, at least a share `s` is right.

use super::quotes::{Quoted, titled};
use super::speakers::How;
use super::tokens::Tokens;

/// What a quote's score rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteClass {
    /// Its speaker was found; four words or more.
    Attributed,
    /// Its speaker was found; three words or fewer.
    AttributedShort,
    /// No speaker found; four words or more.
    Long,
    /// No speaker found; three words or fewer.
    Short,
    /// No speaker found; a title (`“Meet the Press”`).
    Title,
    /// In the text's first paragraph (its headline), no speaker found.
    Headline,
}

impl QuoteClass {
    /// The class of quote `q`.
    pub fn of(t: &Tokens, q: &Quoted, how: Option<How>) -> Self {
        let attributed = how.is_some_and(|h| h != How::Subject);
        if attributed && q.words(t) >= 4 {
            Self::Attributed
        } else if attributed {
            Self::AttributedShort
        } else if t.toks[q.open].para == 0 {
            Self::Headline
        } else if titled(t, q) {
            Self::Title
        } else if q.words(t) >= 4 {
            Self::Long
        } else {
            Self::Short
        }
    }
}

/// A quote's score (`None`: not offered).
pub fn quote(class: QuoteClass) -> Option<f32> {
    match class {
        QuoteClass::Attributed => Some(0.91),
        QuoteClass::AttributedShort => Some(0.86),
        QuoteClass::Long => Some(0.81),
        QuoteClass::Short | QuoteClass::Title | QuoteClass::Headline => None,
    }
}

fn index(how: How) -> f32 {
    match how {
        How::After => 0.0,
        How::According => 1.0,
        How::Before => 2.0,
        How::InSentence => 3.0,
        How::Trailing => 4.0,
        How::Colon => 5.0,
        How::Continued => 6.0,
        How::RunOn => 7.0,
        How::NextParagraph => 8.0,
        How::Subject => 9.0,
    }
}

/// A speaker's score.
pub fn speaker(how: How, pronoun: bool) -> f32 {
    0.5 + 0.02 * index(how) + if pronoun { 0.01 } else { 0.0 }
}

/// The score of a quote and its speaker both right.
pub fn pair(how: How, pronoun: bool) -> f32 {
    0.5 + 0.02 * index(how) + if pronoun { 0.01 } else { 0.0 }
}

/// A name that begins with a title.
pub const ENTITY_TITLED: f32 = 0.71;
/// A name of two capitalised words or more.
pub const ENTITY_NAME: f32 = 0.61;
/// A mention of an entity tagged elsewhere in the project.
pub const ENTITY_KNOWN: f32 = 0.9;
/// A date or a time.
pub const DATE: f32 = 0.8;
