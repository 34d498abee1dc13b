//! Who said a quote: the mention next to the speech verb of the quote's
//! sentence, as written (a name with its title and appositive, a pronoun,
//! or a noun phrase such as `the report`), looked for in this order:
//!
//! 1. right after the quote: `“…,” he said`, `“…,” said Mr. Reeves`,
//!    `“…,” another Ryan spokesperson added Tuesday`, `“…,” according to
//!    the report`;
//! 2. before it in its sentence: `Mr. Schriefer said, "…"`, `he called
//!    the report “subdued”`, `…, adding, “…”` (the clause's subject);
//! 3. at the end of its sentence: `the vote was “rigged,” and more, she
//!    said`;
//! 4. the subject of a sentence that ends in a colon before the quote;
//! 5. the speaker of the quote it continues: the next sentence of the same
//!    paragraph, or the next paragraph of a quote running on.

use super::lexicon;
use super::quotes::Quoted;
use super::tokens::Tokens;

/// How a speaker was found (each way has its own score).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// Right after the quote: `“…,” he said` / `“…,” said Mr. Reeves`.
    After,
    /// `according to …` next to the quote.
    According,
    /// A verb right before the quote: `Mr. Schriefer said, "…"`.
    Before,
    /// A verb earlier in the quote's sentence: `called the report “subdued”`.
    InSentence,
    /// `…, she said.` at the end of the quote's sentence.
    Trailing,
    /// The subject of a sentence ending in a colon before the quote.
    Colon,
    /// The speaker of the quote before, in the same paragraph.
    Continued,
    /// The speaker of the same quote's previous or next paragraph.
    RunOn,
    /// The speaker of the quote ending the paragraph before, for a
    /// paragraph that is a quote.
    NextParagraph,
    /// The subject (a name or a pronoun) of the quote's sentence, which
    /// has no speech verb.
    Subject,
}

/// A speaker: its token range `[a, b)` and how it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// First token.
    pub a: usize,
    /// After the last token.
    pub b: usize,
    /// How.
    pub how: How,
}

/// The quotes and what the rules know of the tokens around them.
pub(super) struct Ctx<'a> {
    /// The text's tokens.
    pub(super) t: &'a Tokens<'a>,
    /// Every quote of the text, in order.
    pub(super) quotes: &'a [Quoted],
    /// For each token, the quote it is in (`usize::MAX`: none).
    pub(super) inside: Vec<usize>,
}

impl Ctx<'_> {
    /// The quote token `k` is in.
    pub(super) fn quote_at(&self, k: usize) -> Option<&Quoted> {
        self.quotes.get(*self.inside.get(k)?)
    }

    /// Whether quote `q` closes on a full stop (`.”`, `?”`, `!”`).
    pub(super) fn ends_in_stop(&self, q: &Quoted) -> bool {
        q.closed && matches!(q.last_inner(self.t), Some('.' | '!' | '?'))
    }

    /// The first token of the sentence holding token `k`: quotes are
    /// skipped whole, and one ending in a full stop ends a sentence.
    pub(super) fn sentence_start(&self, k: usize) -> usize {
        let t = self.t;
        let para = t.toks[k].para;
        let mut j = k;
        while j > 0 && k - j < 150 {
            let p = j - 1;
            if t.toks[p].para != para || t.full_stop(p) || t.is(p, ';') {
                return j;
            }
            if let Some(q) = self.quote_at(p) {
                if self.ends_in_stop(q) {
                    return j;
                }
                j = q.open;
                continue;
            }
            j = p;
        }
        j
    }

    /// The token ending the sentence that holds token `k` (its full stop,
    /// or the first token of the next paragraph).
    pub(super) fn sentence_end(&self, k: usize) -> usize {
        let t = self.t;
        let Some(first) = t.toks.get(k) else {
            return k;
        };
        let mut j = k;
        while j < t.toks.len() && j - k < 150 {
            if t.toks[j].para != first.para || t.full_stop(j) || t.is(j, ';') {
                return j;
            }
            if let Some(q) = self.quote_at(j) {
                if self.ends_in_stop(q) {
                    return q.open;
                }
                j = q.close + 1;
                continue;
            }
            j += 1;
        }
        j
    }

    fn own(&self, q: &Quoted) -> Option<Found> {
        let t = self.t;
        let start = self.sentence_start(q.open);
        // A quote inside a sentence is first the words of the sentence's
        // speaker (`Trump said the vote was “rigged,” adding …`).
        if let Some(f) = self.after(q) {
            return Some(f);
        }
        if let Some(f) = self.before(q.open, start) {
            return Some(f);
        }
        if let Some(f) = self.trailing(q) {
            return Some(f);
        }
        if q.open > start && t.is(q.open - 1, ':') {
            return self.clause_subject(start, q.open - 1).map(|(a, b)| Found {
                a,
                b,
                how: How::Colon,
            });
        }
        // A quote inside a sentence with no speech verb: its subject, when
        // a name or a pronoun.
        if q.open > start
            && let Some((a, b)) = self.clause_subject(start, q.open)
            && (b == a + 1 && lexicon::is_pronoun(t.text(a))
                || t.capitalised(a) && !lexicon::is_function_word(t.text(a)))
        {
            return Some(Found {
                a,
                b,
                how: How::Subject,
            });
        }
        None
    }

    /// Whether the quote is its paragraph, all of it.
    pub(super) fn alone(&self, q: &Quoted) -> bool {
        let t = self.t;
        self.starts_paragraph(q.open)
            && (q.close + 1..t.toks.len())
                .take_while(|&k| t.toks[k].para == t.toks[q.close].para)
                .all(|k| !t.is_word(k))
    }

    /// Whether token `k` begins its paragraph.
    pub(super) fn starts_paragraph(&self, k: usize) -> bool {
        k == 0 || self.t.toks[k - 1].para != self.t.toks[k].para
    }
}

/// The speaker of each quote (in `quotes`' order), when the text says.
pub fn find(t: &Tokens<'_>, quotes: &[Quoted]) -> Vec<Option<Found>> {
    let mut inside = vec![usize::MAX; t.toks.len()];
    for (i, q) in quotes.iter().enumerate() {
        let last = q.close.min(t.toks.len().saturating_sub(1));
        inside[q.open..=last].fill(i);
    }
    let ctx = Ctx { t, quotes, inside };
    let mut found: Vec<Option<Found>> = quotes.iter().map(|q| ctx.own(q)).collect();
    for i in 0..quotes.len() {
        if found[i].is_some() {
            continue;
        }
        let q = &quotes[i];
        let prev = i.checked_sub(1).map(|p| (&quotes[p], found[p]));
        let para = t.toks[q.open].para;
        found[i] = match prev {
            Some((_, Some(f))) if q.continues => Some(Found {
                how: How::RunOn,
                ..f
            }),
            Some((p, Some(f))) if t.toks[p.open].para + 1 == para && ctx.alone(q) => Some(Found {
                how: How::NextParagraph,
                ..f
            }),
            Some((p, Some(f))) if t.toks[p.open].para == para => Some(Found {
                how: How::Continued,
                ..f
            }),
            _ if ctx.starts_paragraph(q.open) && q.open > 0 && t.is(q.open - 1, ':') => {
                let start = ctx.sentence_start(q.open - 1);
                ctx.before(q.open - 1, start)
                    .map(|f| Found {
                        how: How::Colon,
                        ..f
                    })
                    .or_else(|| {
                        ctx.clause_subject(start, q.open - 1).map(|(a, b)| Found {
                            a,
                            b,
                            how: How::Colon,
                        })
                    })
            }
            _ => None,
        };
    }
    for i in (0..quotes.len().saturating_sub(1)).rev() {
        if found[i].is_none() && !quotes[i].closed && quotes[i + 1].continues {
            found[i] = found[i + 1].map(|f| Found {
                how: How::RunOn,
                ..f
            });
        }
    }
    found
}
