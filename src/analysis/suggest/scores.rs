//! The scores the rules give, calibrated on PolNeAR's train split with
//! `examples/eval_polnear.rs --bins`: each kind of evidence scores the
//! lower bound (Wilson, one-sided 95%) of the share of its suggestions that
//! were right there, so that among the suggestions scoring `s` or more, a
//! share of at least `s` is right (checked on dev: the README's reliability
//! table). Right means overlapping a gold item; for a quote's pair score,
//! the quote and its speaker both right.

use super::quotes::{Quoted, titled};
use super::speakers::How;
use super::tokens::Tokens;

/// What a quote's score rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteClass {
    /// Its speaker was found; four words or more (train: 5171/5223 right).
    Attributed,
    /// Its speaker was found; three words or fewer (1035/1112).
    AttributedShort,
    /// No speaker found; four words or more (257/330).
    Long,
    /// No speaker found; three words or fewer: mostly scare quotes.
    Short,
    /// No speaker found; a title (`“Meet the Press”`).
    Title,
    /// In the text's first paragraph (its headline).
    Headline,
}

impl QuoteClass {
    /// The class of quote `q`, whose speaker was found as `how`.
    pub fn of(t: &Tokens<'_>, q: &Quoted, how: Option<How>) -> Self {
        let attributed = how.is_some_and(|h| h != How::Subject);
        if headline(t, t.toks[q.open].para) {
            Self::Headline
        } else if titled(t, q) && (!attributed || names_a_work(t, q)) {
            Self::Title
        } else if attributed && q.words(t) >= 4 {
            Self::Attributed
        } else if attributed {
            Self::AttributedShort
        } else if q.words(t) >= 4 {
            Self::Long
        } else {
            Self::Short
        }
    }
}

/// Whether the words before quote `q` introduce the name of a work or a
/// show (`on “Meet the Press”`, `NBC's “Today”`, `the film “Heat”`).
fn names_a_work(t: &Tokens<'_>, q: &Quoted) -> bool {
    let Some(k) = q.open.checked_sub(1).filter(|&k| t.is_word(k)) else {
        return false;
    };
    let w = t.text(k).to_lowercase();
    w.ends_with("'s")
        || w.ends_with("’s")
        || matches!(
            w.as_str(),
            "on" | "in"
                | "of"
                | "at"
                | "the"
                | "titled"
                | "called"
                | "named"
                | "dubbed"
                | "show"
                | "film"
                | "book"
                | "movie"
                | "album"
                | "song"
                | "program"
                | "series"
        )
}

/// Whether paragraph `para` is the text's headline: the first of several,
/// one sentence of twenty words or fewer, in Title Case, or with a colon
/// or single quotation marks (`Mayor: ‘We Will Rebuild’`).
fn headline(t: &Tokens<'_>, para: usize) -> bool {
    if para != 0 {
        return false;
    }
    let end = t.toks.partition_point(|x| x.para == 0);
    if end > 80 {
        return false;
    }
    let words: Vec<usize> = (0..end).filter(|&k| t.is_word(k)).collect();
    let long: Vec<bool> = words
        .iter()
        .filter(|&&k| t.toks[k].end - t.toks[k].start > 3)
        .map(|&k| t.capitalised(k))
        .collect();
    let title_case = long.iter().filter(|c| **c).count() * 10 >= long.len() * 6;
    let marked = (0..end).any(|k| matches!(t.punct(k), Some(':' | '‘')));
    end < t.toks.len()
        && words.len() <= 20
        && (0..end.saturating_sub(2)).all(|k| !t.full_stop(k))
        && (title_case || marked)
}

/// A quote's score (`None`: not offered).
pub fn quote(class: QuoteClass) -> Option<f32> {
    match class {
        QuoteClass::Attributed => Some(0.98),
        QuoteClass::AttributedShort => Some(0.88),
        QuoteClass::Long => Some(0.74),
        QuoteClass::Short | QuoteClass::Title | QuoteClass::Headline => None,
    }
}

/// A speaker's score and the score of its quote and it both right, by how
/// it was found and whether it is a pronoun: each the lower bound of the
/// share right on train when set (`eval_polnear PATH train --bins` prints
/// the shares per score). After the quote, 97% of pairs were right; the
/// sentence's first verb with a subject, 80%; a trailing `, she said`
/// finds the right speaker (85%) of quotes that are often not quotes
/// (pairs 42%).
fn table(how: How, pronoun: bool) -> (f32, f32) {
    match (how, pronoun) {
        (How::After, false) => (0.96, 0.96),
        (How::After, true) => (0.95, 0.97),
        (How::According, _) => (0.72, 0.76),
        (How::Before, false) => (0.91, 0.90),
        (How::Before, true) => (0.89, 0.90),
        (How::InSentence, false) => (0.79, 0.76),
        (How::InSentence, true) => (0.86, 0.81),
        (How::Trailing, _) => (0.77, 0.34),
        (How::Colon, _) => (0.48, 0.46),
        (How::Continued, false) => (0.97, 0.93),
        (How::Continued, true) => (0.97, 0.94),
        (How::RunOn, _) => (0.39, 0.64),
        (How::NextParagraph, _) => (0.89, 0.63),
        (How::Subject, _) => (0.44, 0.43),
    }
}

/// A speaker's score.
pub fn speaker(how: How, pronoun: bool) -> f32 {
    table(how, pronoun).0
}

/// The score of a quote and its speaker both right.
pub fn pair(how: How, pronoun: bool) -> f32 {
    table(how, pronoun).1
}

/// A name that begins with a title (train, against CoreNLP's entities:
/// 3960/4105 right).
pub const ENTITY_TITLED: f32 = 0.95;
/// A name of two capitalised words or more (both kinds of name:
/// 19078/19814).
pub const ENTITY_NAME: f32 = 0.95;
/// A mention of an entity tagged elsewhere in the project (CoreNLP's
/// entities of the documents before taken as tagged: 25313/27336).
pub const ENTITY_KNOWN: f32 = 0.9;
/// A date or a time (against CoreNLP's DATE and TIME: 2928/2970).
pub const DATE: f32 = 0.98;
