//! Who said a quote: the person next to a speech verb, before or after the
//! quote and in either order (`“…,” Peskov said` / `“…,” said Dmitry
//! Peskov, the Kremlin spokesman` / `Peskov said: “…”` / `according to
//! Peskov, “…”`), or a pronoun (`he said`) resolved to the nearest person
//! mentioned before.

use super::words::{Words, is_function_word, is_name_particle, is_pronoun, is_speech, is_title};

/// The name starting at word `k`: capitalised words (titles included,
/// name particles inside), as a word range `[k, end)`; `None` when word
/// `k` does not begin one.
pub fn name_at(words: &Words<'_>, k: usize) -> Option<(usize, usize)> {
    let first = words.words.get(k)?;
    if !first.capitalised() || is_function_word(first.text) {
        return None;
    }
    let mut end = k + 1;
    while end < words.words.len() && !words.breaks_after(end - 1) {
        let w = &words.words[end];
        let joined = words.chars[words.words[end - 1].end..w.start]
            .iter()
            .all(|c| *c == ' ' || *c == '-');
        if !joined {
            break;
        }
        if w.capitalised() && !is_function_word(w.text) {
            end += 1;
        } else if is_name_particle(w.text)
            && words.words.get(end + 1).is_some_and(|n| n.capitalised())
        {
            end += 2;
        } else {
            break;
        }
    }
    Some((k, end))
}

/// The name ending at word `last` (inclusive), as a word range.
fn name_ending_at(words: &Words<'_>, last: usize) -> Option<(usize, usize)> {
    let mut start = last;
    if !words.words.get(last)?.capitalised() || is_function_word(words.words[last].text) {
        return None;
    }
    while start > 0 && !words.breaks_after(start - 1) {
        let w = &words.words[start - 1];
        let joined = words.chars[w.end..words.words[start].start]
            .iter()
            .all(|c| *c == ' ' || *c == '-');
        if joined && w.capitalised() && !is_function_word(w.text) {
            start -= 1;
        } else {
            break;
        }
    }
    Some((start, last + 1))
}

/// How a speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// A name, as a code point range.
    Name(usize, usize),
    /// A pronoun: the nearest person before stands for it.
    Pronoun,
}

/// The speaker of the quote `[start, end)`, if the words around it say.
pub fn speaker(words: &Words<'_>, start: usize, end: usize) -> Option<Found> {
    let range = |(a, b): (usize, usize)| Found::Name(words.words[a].start, words.words[b - 1].end);
    // After the quote, in its sentence.
    let after = words.first_from(end);
    if let Some(w0) = words.words.get(after) {
        if w0.lower() == "according" {
            // “…,” according to Peskov
            if let Some(n) = name_at(words, after + 2) {
                return Some(range(n));
            }
        } else if is_speech(w0.text) && !words.breaks_after(after) {
            // “…,” said Dmitry Peskov
            if let Some(n) = name_at(words, after + 1) {
                return Some(range(n));
            }
            if words
                .words
                .get(after + 1)
                .is_some_and(|w| is_pronoun(w.text))
            {
                return Some(Found::Pronoun);
            }
        } else if is_pronoun(w0.text)
            && words
                .words
                .get(after + 1)
                .is_some_and(|w| is_speech(w.text))
        {
            return Some(Found::Pronoun);
        } else if let Some(n) = name_at(words, after) {
            // “…,” Peskov said / “…,” Dmitry Peskov, the spokesman, said
            let verb = (n.1..(n.1 + 8).min(words.words.len()))
                .take_while(|&k| k == n.1 || !words.breaks_after(k - 1))
                .any(|k| is_speech(words.words[k].text));
            if verb {
                return Some(range(n));
            }
        }
    }
    // Before the quote, unless the quote begins a sentence of its own:
    // Peskov said: “…” / according to Peskov, “…”
    let before = words.first_from(start);
    let sentence_start = before
        .checked_sub(1)
        .map(|k| &words.chars[words.words[k].end..start])
        .is_none_or(|gap| gap.iter().any(|c| matches!(c, '.' | '!' | '?' | '\n')));
    if sentence_start {
        return None;
    }
    let mut k = before;
    while k > 0 && before - k < 8 {
        k -= 1;
        let w = &words.words[k];
        if w.lower() == "according" {
            return name_at(words, k + 2).map(range);
        }
        if is_speech(w.text) {
            if k > 0 && is_pronoun(words.words[k - 1].text) {
                return Some(Found::Pronoun);
            }
            return k
                .checked_sub(1)
                .and_then(|p| name_ending_at(words, p))
                .map(range);
        }
        if k > 0 && words.breaks_after(k - 1) {
            break;
        }
    }
    None
}

/// The nearest name before `pos` (a person for a pronoun to stand for):
/// two capitalised words or more, or one after a title.
pub fn person_before(words: &Words<'_>, pos: usize) -> Option<(usize, usize)> {
    let mut k = words.first_from(pos);
    while k > 0 {
        k -= 1;
        if let Some((a, b)) = name_ending_at(words, k)
            && (b - a >= 2 || (a > 0 && is_title(words.words[a - 1].text)))
        {
            return Some((words.words[a].start, words.words[b - 1].end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(text: &str, quote: &str) -> Option<String> {
        let words = Words::of(text);
        let start = text[..text.find(quote)?].chars().count();
        let end = start + quote.chars().count();
        match speaker(&words, start, end)? {
            Found::Name(a, b) => Some(words.chars[a..b].iter().collect()),
            Found::Pronoun => Some("(pronoun)".to_owned()),
        }
    }

    #[test]
    fn speakers_on_either_side_in_either_order() {
        let q = "“We will not sign,”";
        for (text, want) in [
            ("“We will not sign,” Peskov said.", "Peskov"),
            (
                "“We will not sign,” said Dmitry Peskov, the Kremlin spokesman.",
                "Dmitry Peskov",
            ),
            (
                "“We will not sign,” Dmitry Peskov, the Kremlin spokesman, said.",
                "Dmitry Peskov",
            ),
            ("Peskov said: “We will not sign,” and left.", "Peskov"),
            (
                "According to Maria Zakharova, “We will not sign,” was the line.",
                "Maria Zakharova",
            ),
            ("“We will not sign,” he said.", "(pronoun)"),
        ] {
            assert_eq!(who(text, q).as_deref(), Some(want), "{text}");
        }
        assert_eq!(who("“We will not sign,” the paper wrote.", q), None);
    }
}
