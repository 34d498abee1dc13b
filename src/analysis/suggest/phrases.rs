//! Noun phrases next to a speech verb, as token ranges: the subject to its
//! left (`Dmitry Peskov, the Kremlin spokesman,` `another Ryan
//! spokesperson`, `he`) and the phrase to its right (`said Mr. Reeves`,
//! `according to the report`). Each looks at a bounded number of tokens.

use super::lexicon;
use super::tokens::Tokens;

/// The longest phrase the rules read, in words.
const MAX_WORDS: usize = 14;

fn lower<'t>(t: &Tokens<'t>, k: usize) -> std::borrow::Cow<'t, str> {
    t.lower(k)
}

/// Whether the period at `p` belongs to a title or an initial before it
/// (`Mr.`, `J.`).
fn title_period(t: &Tokens<'_>, p: usize) -> bool {
    t.is(p, '.') && p > 0 && t.is_word(p - 1) && t.touches_next(p - 1) && {
        let w = t.text(p - 1);
        lexicon::is_title_abbrev(w) || lexicon::is_abbrev(w) || w.chars().count() == 1
    }
}

/// Whether word `k` is an adverb or auxiliary that may stand between a
/// subject and its verb (`also`, `has`, `flatly`).
pub fn between(t: &Tokens<'_>, k: usize) -> bool {
    if !t.is_word(k) || t.capitalised(k) {
        return false;
    }
    let w = lower(t, k);
    lexicon::is_between(&w)
        || w.ends_with("ly")
            && w.len() > 4
            && !(k > 0 && t.is_word(k - 1) && lexicon::is_determiner(&lower(t, k - 1)))
}

fn weekday(t: &Tokens<'_>, k: usize) -> bool {
    t.is_word(k) && lexicon::is_time(&lower(t, k))
}

/// Where a time phrase ending before token `k` begins (`on Tuesday`,
/// `last week`, `less than two weeks ago`, `Tuesday night`), or `k`.
pub fn skip_time(t: &Tokens<'_>, mut k: usize, floor: usize) -> usize {
    let noun = |w: &str| {
        matches!(
            w,
            "week"
                | "weeks"
                | "month"
                | "months"
                | "year"
                | "years"
                | "night"
                | "morning"
                | "afternoon"
                | "evening"
                | "weekend"
                | "day"
                | "days"
        )
    };
    loop {
        let w = if k > floor && t.is_word(k - 1) {
            lower(t, k - 1)
        } else {
            return k;
        };
        let before = if k > floor + 1 {
            lower(t, k - 2)
        } else {
            std::borrow::Cow::Borrowed("")
        };
        if w == "ago" {
            // `two weeks ago`, `less than two weeks ago`
            k -= 1;
            let mut n = 0;
            while k > floor && n < 4 && t.is_word(k - 1) && {
                let x = lower(t, k - 1);
                noun(&x)
                    || matches!(
                        x.as_ref(),
                        "a" | "few" | "several" | "less" | "more" | "than" | "many"
                    )
                    || x.chars().all(|c| c.is_ascii_digit())
                    || lexicon::is_determiner(&x)
            } {
                k -= 1;
                n += 1;
            }
        } else if weekday(t, k - 1) {
            k -= 1;
            if k > floor && matches!(lower(t, k - 1).as_ref(), "on" | "late" | "early" | "last") {
                k -= 1;
            }
        } else if noun(&w)
            && (lexicon::is_time(&before)
                || matches!(
                    before.as_ref(),
                    "last" | "this" | "that" | "next" | "each" | "every"
                ))
        {
            k -= 2;
            if k > floor && matches!(lower(t, k - 1).as_ref(), "earlier" | "later" | "on") {
                k -= 1;
            }
        } else {
            return k;
        }
    }
}

/// The subject of the speech verb at token `cue`: the noun phrase ending
/// right before it (adverbs and a weekday skipped, an appositive between
/// commas kept), never reaching before token `floor`.
pub fn subject_before(t: &Tokens<'_>, cue: usize, floor: usize) -> Option<(usize, usize)> {
    let mut k = cue;
    while k > floor && between(t, k - 1) {
        k -= 1;
    }
    k = skip_time(t, k, floor);
    let mut end = k;
    if end <= floor {
        return None;
    }
    let mut head_end = end;
    if t.is(end - 1, ',') {
        // `Peskov, the Kremlin spokesman, said`
        let mut j = end - 1;
        let mut comma = None;
        while j > floor && end - j < 40 {
            j -= 1;
            match t.punct(j) {
                Some(',') => {
                    comma = Some(j);
                    break;
                }
                Some(c) if t.full_stop(j) || is_double_mark(c) || matches!(c, ':' | ';') => break,
                _ => {}
            }
        }
        head_end = comma.filter(|&c| c > floor)?;
        end -= 1;
    }
    let mut a = head_end;
    let mut words = 0;
    while a > floor && words < MAX_WORDS {
        let p = a - 1;
        match t.punct(p) {
            Some('.') if title_period(t, p) => {
                a = p;
                continue;
            }
            // `Sanders’ campaign manager`
            Some('’' | '\'')
                if p > floor && t.is_word(p - 1) && t.touches_next(p - 1) && !t.touches_next(p) =>
            {
                a = p;
                continue;
            }
            Some(')') => {
                let open = (p.saturating_sub(12).max(floor)..p)
                    .rev()
                    .find(|&j| t.is(j, '('));
                match open {
                    Some(o) => {
                        a = o;
                        continue;
                    }
                    None => break,
                }
            }
            Some(_) => break,
            None => {}
        }
        let w = lower(t, p);
        let pronoun = lexicon::is_pronoun(&w);
        if words > 0 && (pronoun || weekday(t, p))
            || lexicon::is_stop(&w) && (words == 0 || !matches!(w.as_ref(), "of" | "for" | "at"))
            || lexicon::is_between(&w) && !t.capitalised(p)
            || lexicon::cue(&w).is_some() && !t.capitalised(p) && words > 0
        {
            break;
        }
        a = p;
        words += 1;
        if pronoun {
            break;
        }
        if lexicon::is_determiner(&w) && !(a > floor && lower(t, a - 1) == "of") {
            break;
        }
    }
    // A phrase does not begin with `of`, `for` or `at`.
    while a < head_end && matches!(lower(t, a).as_ref(), "of" | "for" | "at") {
        a += 1;
    }
    if a >= head_end {
        return None;
    }
    // `Trump at the time said`: the phrase before the time is the subject.
    if a > floor + 1
        && head_end == end
        && matches!(
            lower(t, a - 1).as_ref(),
            "at" | "on" | "in" | "during" | "after" | "last"
        )
        && let Some(s) = subject_before(t, a - 1, floor)
    {
        return Some((s.0, end));
    }
    // `Smith, who said`: the speaker is Smith.
    if head_end - a == 1 && lower(t, a) == "who" && a > floor + 1 && t.is(a - 1, ',') {
        return subject_before(t, a - 1, floor).map(|(x, _)| (x, a - 1));
    }
    Some((a, end))
}

fn is_double_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '„' | '«' | '»' | '「' | '」')
}

fn is_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '„' | '«' | '»' | '‘' | '’' | '「' | '」'
    )
}

/// The noun phrase starting at token `k` (`Mr. Reeves`, `the report`, `a
/// spokesman for the campaign`), with an appositive after a comma (`said
/// Dmitry Peskov, the Kremlin spokesman.`) when `apposition`; never
/// reaching token `ceil`.
pub fn phrase_after(
    t: &Tokens<'_>,
    k: usize,
    ceil: usize,
    apposition: bool,
) -> Option<(usize, usize)> {
    let mut b = k;
    let mut words = 0;
    let mut named = false;
    while b < ceil && words < MAX_WORDS {
        match t.punct(b) {
            Some('.') if words > 0 && title_period(t, b) && t.capitalised(b + 1) => {
                b += 1;
                continue;
            }
            Some('(') if words > 0 => match (b + 1..(b + 12).min(ceil)).find(|&j| t.is(j, ')')) {
                Some(c) => {
                    b = c + 1;
                    continue;
                }
                None => break,
            },
            Some(_) => break,
            None => {}
        }
        let w = lower(t, b);
        let cap = t.capitalised(b);
        let pronoun = lexicon::is_pronoun(&w);
        let joins = matches!(w.as_ref(), "of" | "for") || lexicon::is_name_particle(&w);
        if words == 0 && (lexicon::is_stop(&w) || joins || weekday(t, b) || w == "who")
            || words > 0 && (pronoun || weekday(t, b))
            || lexicon::is_stop(&w) && !joins
            || lexicon::is_between(&w) && !cap
            || words > 0 && !cap && lexicon::cue(&w).is_some()
            || named && !cap && !joins && !w.ends_with("’s") && !w.ends_with("'s")
            || words > 1 && !cap && w.ends_with("ed")
        {
            break;
        }
        if cap && !lexicon::is_determiner(&w) {
            named = true;
        }
        if joins {
            named = false;
        }
        b += 1;
        words += 1;
        if pronoun {
            break;
        }
    }
    while b > k && t.is_word(b - 1) && matches!(lower(t, b - 1).as_ref(), "of" | "for") {
        b -= 1;
    }
    if b == k {
        return None;
    }
    if apposition && t.is(b, ',') && t.is_word(b + 1) {
        let next = lower(t, b + 1);
        if lexicon::cue(&next) != Some(lexicon::Cue::Participle)
            && !matches!(
                next.as_ref(),
                "and" | "but" | "according" | "as" | "in" | "on"
            )
        {
            let mut e = b + 1;
            while e < ceil && e - b < 40 {
                match t.punct(e) {
                    Some('.') if title_period(t, e) => {}
                    Some(',') if t.is_word(e + 1) && lexicon::cue(&lower(t, e + 1)).is_some() => {
                        break;
                    }
                    Some(c) if t.full_stop(e) || is_mark(c) || matches!(c, ':' | ';' | '—') => {
                        break;
                    }
                    _ => {}
                }
                e += 1;
            }
            if e > b + 1 {
                return Some((k, e));
            }
        }
    }
    Some((k, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str, verb: &str) -> Option<String> {
        let t = Tokens::of(text);
        let cue = (0..t.toks.len()).find(|&k| t.text(k) == verb)?;
        let (a, b) = subject_before(&t, cue, 0)?;
        Some(t.chars[t.toks[a].start..t.toks[b - 1].end].iter().collect())
    }

    fn after(text: &str, verb: &str) -> Option<String> {
        let t = Tokens::of(text);
        let cue = (0..t.toks.len()).find(|&k| t.text(k) == verb)?;
        let (a, b) = phrase_after(&t, cue + 1, t.toks.len(), true)?;
        Some(t.chars[t.toks[a].start..t.toks[b - 1].end].iter().collect())
    }

    #[test]
    fn subjects_with_titles_appositives_and_adverbs() {
        for (text, want) in [
            ("then Mr. Schriefer said so", "Mr. Schriefer"),
            (
                "Dmitry Peskov, the Kremlin spokesman, said",
                "Dmitry Peskov, the Kremlin spokesman",
            ),
            (
                "another Ryan spokesperson added",
                "another Ryan spokesperson",
            ),
            ("On Tuesday he also said", "he"),
            (
                "The head of the agency flatly said",
                "The head of the agency",
            ),
            ("Harry M. Reid (D-Nev.) told", "Harry M. Reid (D-Nev.)"),
            ("In Iowa, Trump said", "Trump"),
        ] {
            let v = ["said", "added", "told"]
                .into_iter()
                .find(|v| text.contains(v))
                .unwrap_or("said");
            assert_eq!(before(text, v).as_deref(), Some(want), "{text}");
        }
        assert_eq!(before("The vote, said", "said"), None);
    }

    #[test]
    fn phrases_after_the_verb() {
        assert_eq!(
            after("said Mr. Reeves.", "said").as_deref(),
            Some("Mr. Reeves")
        );
        assert_eq!(
            after("said Dmitry Peskov, the Kremlin spokesman.", "said").as_deref(),
            Some("Dmitry Peskov, the Kremlin spokesman")
        );
        assert_eq!(
            after("said a spokesman for the campaign on Tuesday.", "said").as_deref(),
            Some("a spokesman for the campaign")
        );
        assert_eq!(after("said that it was over.", "said"), None);
        assert_eq!(
            after("said Trump, adding more.", "said").as_deref(),
            Some("Trump")
        );
    }
}
