//! Entities: names of people, places and organisations written with
//! capitals (`President Vladimir Putin`, `Mr. Reeves`, `Lt. Gen. Michael
//! Flynn`, `Donald J. Trump`, `Omar al-Bashir`, `Charles de Gaulle`), and
//! every later mention of what the project's people already tagged as an
//! entity (tag "Kremlin" once, and every "Kremlin" is suggested).
//!
//! A name has two words or more, or a title and a name; a title alone
//! (`President`), a capitalised word alone, a word that begins a sentence
//! and is written in lower case elsewhere in the text (`Yesterday Trump`),
//! and the words of a Title Case headline are not names.

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};

use super::lexicon;
use super::tokens::Tokens;

/// The most words a name has.
const MAX_WORDS: usize = 5;

/// A name: its code point range and whether it begins with a title (a
/// person).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// A title begins it.
    pub titled: bool,
}

/// Whether word `k` can be part of a name: capitalised (or a lower-case
/// particle prefix such as `al-`), not a function word, weekday or month.
fn name_word(t: &Tokens<'_>, k: usize) -> bool {
    if !t.is_word(k) {
        return false;
    }
    let w = t.text(k);
    let lower = w.to_lowercase();
    let prefixed = lower.split_once('-').is_some_and(|(p, rest)| {
        lexicon::is_name_particle(p) && rest.starts_with(char::is_alphabetic)
    }) && w
        .split_once('-')
        .is_some_and(|(_, rest)| rest.starts_with(char::is_uppercase));
    (t.capitalised(k) || prefixed)
        && !lexicon::is_function_word(w)
        && !lexicon::is_time(&lower)
        && !is_month(w)
}

fn is_month(w: &str) -> bool {
    matches!(
        w,
        "January"
            | "February"
            | "March"
            | "April"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// The end (exclusive, tokens) of the name starting at word `k`, and
/// whether a title begins it; `None` when no name starts there.
pub fn name_at(t: &Tokens<'_>, k: usize, lower_seen: &HashSet<&str>) -> Option<(usize, bool)> {
    if !name_word(t, k) {
        return None;
    }
    // `St.` begins a place (`St. Louis`), not a person.
    let titled = lexicon::is_title(t.text(k)) && t.text(k) != "St";
    let sentence_start = k == 0 || t.ends_sentence(k - 1) || t.punct(k - 1).is_some_and(is_mark);
    if sentence_start && !titled && lower_seen.contains(t.lower(k).as_ref()) {
        return None;
    }
    let mut end = k + 1;
    let mut words = 1;
    let mut titles = usize::from(titled);
    loop {
        // A title's or an initial's period: `Mr.`, `J.`
        let mut next = end;
        if t.is(next, '.') && t.touches_next(next - 1) && {
            let w = t.text(next - 1);
            lexicon::is_title_abbrev(w) || w.chars().count() == 1 || w.contains('.')
        } {
            next += 1;
        }
        let Some(tok) = t.toks.get(next) else { break };
        let prev = t.toks[next - 1];
        if tok.para != prev.para || tok.start > prev.end + 1 || words >= MAX_WORDS {
            break;
        }
        if name_word(t, next) {
            if lexicon::is_title(t.text(next)) && titles == words {
                titles += 1;
            }
            end = next + 1;
            words += 1;
        } else if lexicon::is_name_particle(t.text(next)) && name_word(t, next + 1) {
            end = next + 2;
            words += 2;
        } else {
            break;
        }
    }
    // The period of a name's last initial or title is not its own.
    (words > titles && (words >= 2 || titled)).then_some((end, titled))
}

fn is_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '«' | '»' | '„')
}

/// The lower-case words of the text (to tell a sentence's first word from
/// a name).
pub fn lower_words<'t>(t: &Tokens<'t>) -> HashSet<&'t str> {
    (0..t.toks.len())
        .filter(|&k| t.is_word(k) && !t.capitalised(k))
        .map(|k| t.text(k))
        .collect()
}

/// Names in the text, in order.
pub fn names(t: &Tokens<'_>) -> Vec<Name> {
    let headline = headline_paragraphs(t);
    let lower_seen = lower_words(t);
    let mut out = Vec::new();
    let mut k = 0;
    while k < t.toks.len() {
        if headline.contains(&t.toks[k].para) {
            k += 1;
            continue;
        }
        match name_at(t, k, &lower_seen) {
            Some((end, titled)) if end - k <= 2 * MAX_WORDS => {
                let last = t.toks[end - 1];
                // `Trump’s`: the name without its possessive.
                let mut stop = last.end;
                let tail: String = t.chars[last.start..last.end].iter().collect();
                if tail.ends_with("’s") || tail.ends_with("'s") {
                    stop -= 2;
                }
                out.push(Name {
                    start: t.toks[k].start,
                    end: stop,
                    titled,
                });
                k = end;
            }
            _ => k += 1,
        }
    }
    out
}

/// The paragraphs that are headlines: no full stop at the end, most of
/// their longer words capitalised. Names cannot be told from Title Case
/// there.
fn headline_paragraphs(t: &Tokens<'_>) -> HashSet<usize> {
    let mut out = HashSet::new();
    let mut first = 0;
    while first < t.toks.len() {
        let para = t.toks[first].para;
        let mut last = first;
        while last + 1 < t.toks.len() && t.toks[last + 1].para == para {
            last += 1;
        }
        let long: Vec<bool> = (first..=last)
            .filter(|&k| t.is_word(k) && t.toks[k].end - t.toks[k].start > 3)
            .map(|k| t.capitalised(k))
            .collect();
        let capitalised = long.iter().filter(|c| **c).count();
        let stop = matches!(t.punct(last), Some('.' | '!' | '?'))
            || matches!(t.punct(last), Some(c) if is_mark(c))
                && last > first
                && matches!(t.punct(last - 1), Some('.' | '!' | '?'));
        if !stop && long.len() >= 3 && capitalised * 10 >= long.len() * 6 {
            out.insert(para);
        }
        first = last + 1;
    }
    out
}

/// Every whole-word occurrence of each of `known` in the text. The texts
/// are looked up by their first two characters at each word start, so the
/// cost grows with the text, not with text × known.
pub fn mentions(chars: &[char], known: &[Vec<char>]) -> Vec<(usize, usize)> {
    let key = |c: &[char]| (c[0], c.get(1).copied().unwrap_or('\0'));
    let mut by_start: HashMap<(char, char), Vec<&[char]>> = HashMap::new();
    for needle in known.iter().filter(|n| !n.is_empty()) {
        by_start.entry(key(needle)).or_default().push(needle);
    }
    let boundary = |i: usize| i == 0 || i >= chars.len() || !chars[i].is_alphanumeric();
    let mut out = Vec::new();
    for start in 0..chars.len() {
        if start > 0 && !boundary(start - 1) {
            continue;
        }
        let Some(candidates) = by_start.get(&key(&chars[start..])) else {
            continue;
        };
        for needle in candidates {
            let end = start + needle.len();
            if end <= chars.len() && chars[start..end] == needle[..] && boundary(end) {
                out.push((start, end));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let t = Tokens::of(text);
        names(&t)
            .iter()
            .map(|n| t.chars[n.start..n.end].iter().collect())
            .collect()
    }

    #[test]
    fn titles_with_periods_initials_and_particles() {
        assert_eq!(
            found(
                "Then Mr. Reeves met Lt. Gen. Michael Flynn, Donald J. Trump, Omar al-Bashir, \
                 Charles de Gaulle and Sen. Tim Kaine in St. Louis."
            ),
            [
                "Mr. Reeves",
                "Lt. Gen. Michael Flynn",
                "Donald J. Trump",
                "Omar al-Bashir",
                "Charles de Gaulle",
                "Sen. Tim Kaine",
                "St. Louis"
            ]
        );
    }

    #[test]
    fn no_title_alone_no_sentence_start_alone_no_headline() {
        assert!(found("The President spoke. Yesterday the president left.").is_empty());
        assert_eq!(
            found("Yesterday Trump spoke, yesterday he left."),
            Vec::<String>::new()
        );
        assert_eq!(
            found(
                "Kremlin Spokesperson Dmitry Peskov Discusses Future of Relations\n\nOn Monday Dmitry Peskov’s aide spoke."
            ),
            ["Dmitry Peskov"]
        );
    }
}
