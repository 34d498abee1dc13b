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

use super::lexicon::{self, Cue};
use super::phrases::{between, phrase_after, skip_time, subject_before};
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
struct Ctx<'a> {
    t: &'a Tokens<'a>,
    quotes: &'a [Quoted],
    /// For each token, the quote it is in (`usize::MAX`: none).
    inside: Vec<usize>,
}

fn lower<'t>(t: &Tokens<'t>, k: usize) -> std::borrow::Cow<'t, str> {
    t.lower(k)
}

/// Whether word `k` makes the word after it a noun (`the report`,
/// `Clinton's remarks`).
fn noun_before(t: &Tokens<'_>, k: usize) -> bool {
    t.is_word(k) && {
        let w = lower(t, k);
        matches!(
            w.as_ref(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "another"
                | "every"
                | "this"
                | "these"
                | "those"
                | "such"
        ) || w.ends_with("'s")
            || w.ends_with("’s")
    }
}

/// Whether the verb at `k` names rather than reports (`a formula called
/// the “chained CPI”`): a naming verb right after a common noun.
fn naming(t: &Tokens<'_>, k: usize, upto: usize) -> bool {
    matches!(
        lower(t, k).as_ref(),
        "called" | "dubbed" | "named" | "titled" | "labeled" | "labelled" | "nicknamed" | "billed"
    ) && upto <= k + 2
        && k > 0
        && t.is_word(k - 1)
        && !t.capitalised(k - 1)
        && !lexicon::is_pronoun(&lower(t, k - 1))
        && !lexicon::is_between(&lower(t, k - 1))
}

/// Whether word `k` is a plain verb of speech (`said`, `told`, `asked`),
/// the kind that follows a quote without a comma.
fn plain_verb(t: &Tokens<'_>, k: usize) -> bool {
    t.is_word(k)
        && matches!(
            t.text(k),
            "said"
                | "says"
                | "told"
                | "tells"
                | "asked"
                | "asks"
                | "added"
                | "adds"
                | "wrote"
                | "writes"
                | "tweeted"
                | "explained"
                | "continued"
                | "replied"
                | "responded"
                | "recalled"
                | "noted"
        )
}

/// Whether the verb at `k` can come before its subject after a quote
/// (`“…,” said Mr. Reeves`; not `“…,” denounced her record`).
fn inverts(t: &Tokens<'_>, k: usize) -> bool {
    plain_verb(t, k)
        || matches!(
            t.text(k),
            "argued"
                | "insisted"
                | "declared"
                | "warned"
                | "joked"
                | "quipped"
                | "remarked"
                | "observed"
                | "stated"
                | "conceded"
                | "countered"
                | "cautioned"
                | "predicted"
                | "complained"
                | "acknowledged"
                | "admitted"
                | "boasted"
                | "shouted"
                | "yelled"
                | "whispered"
                | "announced"
                | "exclaimed"
                | "interjected"
                | "offered"
                | "suggested"
                | "reported"
                | "reads"
                | "read"
                | "says"
                | "added"
                | "recounted"
                | "explains"
                | "notes"
                | "writes"
                | "wonders"
                | "wondered"
                | "mused"
                | "lamented"
                | "concluded"
                | "testified"
                | "posted"
                | "tweets"
                | "chanted"
                | "retorted"
                | "snapped"
                | "pleaded"
                | "urged"
                | "vowed"
                | "promised"
                | "claimed"
                | "stressed"
                | "emphasized"
                | "confirmed"
                | "elaborated"
        )
}

/// Whether token `k` is a lower-case speech verb of form `form`.
fn verb(t: &Tokens<'_>, k: usize, form: Cue) -> bool {
    t.is_word(k) && !t.capitalised(k) && lexicon::cue(t.text(k)) == Some(form)
}

impl Ctx<'_> {
    fn quote_at(&self, k: usize) -> Option<&Quoted> {
        self.quotes.get(*self.inside.get(k)?)
    }

    fn ends_in_stop(&self, q: &Quoted) -> bool {
        q.closed && matches!(q.last_inner(self.t), Some('.' | '!' | '?'))
    }

    /// The first token of the sentence holding token `k`: quotes are
    /// skipped whole, and one ending in a full stop ends a sentence.
    fn sentence_start(&self, k: usize) -> usize {
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
    fn sentence_end(&self, k: usize) -> usize {
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

    /// `“…,” he said` / `“…,” said Mr. Reeves` / `“…,” according to X`.
    fn after(&self, q: &Quoted) -> Option<Found> {
        let t = self.t;
        let j0 = q.close + 1;
        if !q.closed || t.toks.get(j0)?.para != t.toks[q.close].para {
            return None;
        }
        let mut j = j0;
        while matches!(t.punct(j), Some(',' | '—' | '–')) {
            j += 1;
        }
        let last = q.last_inner(t);
        let open_end = matches!(last, Some(',' | '?' | '!' | '—' | '–' | '-' | '…'));
        // `“…?” He said` would be a new sentence; `“…?” he asked` is not.
        if matches!(last, Some('?' | '!'))
            && t.capitalised(j)
            && lexicon::is_function_word(t.text(j))
        {
            return None;
        }
        let end = self.sentence_end(j);
        if !open_end && j == j0 {
            // `"…" said Nick Merrill` / `"…" he said`: only those.
            let pronoun_verb = t.is_word(j)
                && !t.capitalised(j)
                && lexicon::is_pronoun(t.text(j))
                && plain_verb(t, j + 1);
            if self.ends_in_stop(q) || !plain_verb(t, j) && !pronoun_verb {
                return None;
            }
        }
        let found = |(a, b): (usize, usize), how| {
            // `“…,” Welch said, according to Vermont Edition`: the
            // source PolNeAR names is the one reported from.
            let according = (b..end.min(b + 12))
                .find(|&k| {
                    lower(t, k) == "according" && lower(t, k + 1) == "to" && t.is(k - 1, ',')
                })
                .and_then(|k| phrase_after(t, k + 2, end, true));
            Some(match according {
                Some((a, b)) => Found {
                    a,
                    b,
                    how: How::According,
                },
                None => Found { a, b, how },
            })
        };
        if lower(t, j) == "according" && lower(t, j + 1) == "to" {
            return found(phrase_after(t, j + 2, end, true)?, How::According);
        }
        if verb(t, j, Cue::Finite) {
            if !inverts(t, j) {
                return None;
            }
            return found(phrase_after(t, j + 1, end, true)?, How::After);
        }
        let cue = (j..(j + 40).min(end))
            .take_while(|&c| self.inside[c] == usize::MAX)
            .find(|&c| verb(t, c, Cue::Finite))?;
        let (a, b) = subject_before(t, cue, j)?;
        if a != j {
            return None;
        }
        found((a, b), How::After)
    }

    /// A speech verb before token `upto` in the sentence from `start`.
    fn before(&self, upto: usize, start: usize) -> Option<Found> {
        let t = self.t;
        // A leading subordinate clause (`When Sanders accused her, she
        // said …`) holds no speaker of the quote.
        if t.is_word(start)
            && matches!(
                lower(t, start).as_ref(),
                "when"
                    | "after"
                    | "while"
                    | "if"
                    | "because"
                    | "although"
                    | "though"
                    | "since"
                    | "before"
                    | "until"
                    | "once"
            )
            && let Some(c) = (start..upto).find(|&j| t.is(j, ',') && self.inside[j] == usize::MAX)
            && let Some(f) = self.verb_before(upto, start, c + 1)
        {
            return Some(f);
        }
        self.verb_before(upto, start, start)
    }

    /// The first speech verb from token `from` on (in the sentence from
    /// `start`) with a subject.
    fn verb_before(&self, upto: usize, start: usize, from: usize) -> Option<Found> {
        let t = self.t;
        // The first speech verb of the sentence with a subject: in `Trump
        // said he responded: “…”` the quote is Trump's.
        let mut subjectless = false;
        let mut k = from;
        while k < upto {
            if let Some(q) = self.quote_at(k) {
                k = q.close + 1;
                continue;
            }
            let p = k;
            k += 1;
            if !t.is_word(p) {
                continue;
            }
            let near = (p + 1..upto).all(|j| !t.is_word(j) || lower(t, j) == "that");
            let how = if near && !subjectless {
                How::Before
            } else {
                How::InSentence
            };
            let found = |(a, b): (usize, usize)| Some(Found { a, b, how });
            if lower(t, p) == "according" && lower(t, p + 1) == "to" {
                return found(phrase_after(t, p + 2, upto, false)?);
            }
            let Some(form) = lexicon::cue(t.text(p)) else {
                continue;
            };
            if t.capitalised(p) && p != from
                || p > from && noun_before(t, p - 1)
                || naming(t, p, upto)
            {
                continue;
            }
            if form == Cue::Participle {
                subjectless = true;
                continue;
            }
            if let Some(s) = subject_before(t, p, from) {
                return found(s);
            }
            // `Said Trump: “…”` / `…, said Trump, “…”`
            let inverted = p == from || t.is(p - 1, ',') || self.inside[p - 1] != usize::MAX;
            if inverted
                && let Some(s) = phrase_after(t, p + 1, upto, false)
                && matches!(t.punct(s.1), Some(',' | ':'))
            {
                return found(s);
            }
            subjectless = true;
        }
        if subjectless {
            return self.clause_subject(start, upto).map(|(a, b)| Found {
                a,
                b,
                how: How::InSentence,
            });
        }
        None
    }

    /// `the vote was “rigged,” and more, she said.`
    fn trailing(&self, q: &Quoted) -> Option<Found> {
        let t = self.t;
        let from = q.close + 1;
        let end = self.sentence_end(from);
        // `…, he said`, `…, he said Tuesday`, `…, he said in an interview`
        let mut c = skip_time(t, end, from);
        if let Some(v) = (c.saturating_sub(6).max(from)..c).find(|&v| {
            verb(t, v, Cue::Finite)
                && t.is_word(v + 1)
                && matches!(
                    lower(t, v + 1).as_ref(),
                    "in" | "on"
                        | "at"
                        | "during"
                        | "to"
                        | "after"
                        | "before"
                        | "from"
                        | "with"
                        | "via"
                )
                && (v + 1..c).all(|k| t.is_word(k) || t.is(k, '’') || t.is(k, '\''))
        }) {
            c = v + 1;
        }
        if c <= from + 1 {
            return None;
        }
        let found = |(a, b): (usize, usize)| {
            Some(Found {
                a,
                b,
                how: How::Trailing,
            })
        };
        if verb(t, c - 1, Cue::Finite)
            && let Some((a, b)) = subject_before(t, c - 1, from)
            && a > from
            && (t.is(a - 1, ',')
                || self
                    .quote_at(a - 1)
                    .is_some_and(|q| q.closed && q.last_inner(t) == Some(',')))
        {
            return found((a, b));
        }
        // `…, said Trump.`
        let comma = (from..c).rev().take(16).find(|&j| t.is(j, ','))?;
        if verb(t, comma + 1, Cue::Finite) {
            let (a, b) = phrase_after(t, comma + 2, end, true)?;
            if b >= c {
                return found((a, b));
            }
        }
        None
    }

    /// The subject of the sentence from `start`: its first noun phrase,
    /// after a leading conjunction or an introductory phrase.
    fn clause_subject(&self, start: usize, upto: usize) -> Option<(usize, usize)> {
        let t = self.t;
        let mut k = start;
        while k < upto && t.is_word(k) && (lexicon::is_stop(&lower(t, k)) || between(t, k)) {
            let w = lower(t, k);
            if matches!(
                w.as_ref(),
                "in" | "on" | "at" | "after" | "during" | "when" | "while" | "as"
            ) {
                break;
            }
            k += 1;
        }
        while t.is(k, ',') {
            k += 1;
        }
        // An introductory phrase: `In Iowa,`, `Speaking Tuesday,`, `Hours
        // later,`, `Eight years ago,`.
        let comma = (k..upto.min(k + 12)).find(|&j| t.is(j, ','));
        if k < upto && t.is_word(k) && {
            let w = lower(t, k);
            lexicon::is_stop(&w) || w.ends_with("ing") || w.ends_with("ly")
        } || comma.is_some_and(|c| {
            c > k
                && c <= k + 4
                && t.is_word(c - 1)
                && matches!(
                    lower(t, c - 1).as_ref(),
                    "later"
                        | "ago"
                        | "earlier"
                        | "before"
                        | "after"
                        | "today"
                        | "yesterday"
                        | "night"
                        | "week"
                        | "month"
                        | "year"
                        | "morning"
                        | "evening"
                        | "afternoon"
                )
                || lexicon::is_time(&lower(t, c - 1))
        }) {
            k = comma? + 1;
        }
        phrase_after(t, k, upto, false)
    }

    /// Whether the quote is its paragraph, all of it.
    fn alone(&self, q: &Quoted) -> bool {
        let t = self.t;
        self.starts_paragraph(q.open)
            && (q.close + 1..t.toks.len())
                .take_while(|&k| t.toks[k].para == t.toks[q.close].para)
                .all(|k| !t.is_word(k))
    }

    fn starts_paragraph(&self, k: usize) -> bool {
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
