//! The patterns that tie a quote to the speech verb of its sentence:
//! right after it, before it (the sentence's first verb with a subject),
//! trailing at the sentence's end, and the sentence's subject.

use super::lexicon::{self, Cue};
use super::phrases::{between, phrase_after, skip_time, subject_before};
use super::quotes::Quoted;
use super::speakers::{Ctx, Found, How};
use super::tokens::Tokens;
use super::verbs::{inverts, naming, noun_before, plain_verb, verb};

fn lower<'t>(t: &Tokens<'t>, k: usize) -> std::borrow::Cow<'t, str> {
    t.lower(k)
}

impl Ctx<'_> {
    /// `“…,” he said` / `“…,” said Mr. Reeves` / `“…,” according to X`.
    pub(super) fn after(&self, q: &Quoted) -> Option<Found> {
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
    pub(super) fn before(&self, upto: usize, start: usize) -> Option<Found> {
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
    pub(super) fn verb_before(&self, upto: usize, start: usize, from: usize) -> Option<Found> {
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
    pub(super) fn trailing(&self, q: &Quoted) -> Option<Found> {
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
    pub(super) fn clause_subject(&self, start: usize, upto: usize) -> Option<(usize, usize)> {
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
}
