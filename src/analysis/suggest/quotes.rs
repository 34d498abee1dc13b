//! Quotations in news text: text between quotation marks of every common
//! style (“ ” ‘ ’ « » „ “ 「 」 and straight quotes), nested quotes inside
//! the outermost, and the convention of a quote running over several
//! paragraphs, each reopening with a mark and only the last one closing.
//! Not every quoted string is a quote: scare quotes and titles (one or two
//! words) are passed over; a short quote needs a speech verb nearby.

use super::words::{Words, is_speech};

/// A quotation: `[start, end)` including its marks, and whether a speech
/// verb is near it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Start (the opening mark).
    pub start: usize,
    /// End (after the closing mark).
    pub end: usize,
    /// A speech verb is near.
    pub speech: bool,
}

/// Whether `close` closes a quotation opened with `open`.
fn closes(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('“', '”')
            | ('„', '“')
            | ('„', '”')
            | ('«', '»')
            | ('»', '«')
            | ('‹', '›')
            | ('「', '」')
            | ('『', '』')
            | ('‘', '’')
            | ('"', '"')
    )
}

fn opens(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '»' | '‹' | '「' | '『' | '‘' | '"')
}

/// Every outermost quotation of the text, in order.
pub fn find(words: &Words<'_>) -> Vec<Quoted> {
    let chars = &words.chars;
    let mut found = Vec::new();
    // (mark, position) of the open quotations, outermost first.
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev_letter = i > 0 && chars[i - 1].is_alphanumeric();
        let next_letter = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c == '\n' && !open.is_empty() {
            // A quote running on: the next paragraph reopens with the
            // outermost quote's mark; otherwise the marks were unbalanced.
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if chars.get(j) == Some(&open[0].0) {
                open.truncate(1);
                i = j + 1;
                continue;
            }
            open.clear();
        } else if let Some(&(mark, start)) = open.last()
            && closes(mark, c)
            // An apostrophe inside a word (Ukraine’s) closes nothing.
            && !(c == '’' && next_letter && prev_letter)
        {
            open.pop();
            if open.is_empty() {
                found.push(Quoted {
                    start,
                    end: i + 1,
                    speech: false,
                });
            }
        } else if opens(c) && !(c == '‘' && prev_letter) {
            open.push((c, i));
        }
        i += 1;
    }
    for q in &mut found {
        q.speech = speech_near(words, q.start, q.end);
    }
    found
}

/// A speech verb within a few words before or after, in the same sentence.
fn speech_near(words: &Words<'_>, start: usize, end: usize) -> bool {
    let after = words.first_from(end);
    for k in after..(after + 6).min(words.words.len()) {
        if is_speech(words.words[k].text) {
            return true;
        }
        if words.breaks_after(k) {
            break;
        }
    }
    let before = words.first_from(start);
    for k in (before.saturating_sub(8)..before).rev() {
        if is_speech(words.words[k].text) {
            return true;
        }
        if k > 0 && words.breaks_after(k - 1) {
            break;
        }
    }
    false
}

/// How many words lie inside `[start, end)`.
pub fn word_count(words: &Words<'_>, start: usize, end: usize) -> usize {
    words.first_from(end) - words.first_from(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<String> {
        let words = Words::of(text);
        find(&words)
            .iter()
            .map(|q| words.chars[q.start..q.end].iter().collect())
            .collect()
    }

    #[test]
    fn every_common_style_of_mark_is_found() {
        for (text, want) in [
            ("“We will not sign,” Peskov said.", "“We will not sign,”"),
            ("He said \"we are ready\" today.", "\"we are ready\""),
            ("Il a dit « nous signerons » hier.", "« nous signerons »"),
            ("Er sagte „wir sind bereit“ heute.", "„wir sind bereit“"),
            ("彼は「準備ができている」と述べた。", "「準備ができている」"),
            ("She said ‘not now’ and left.", "‘not now’"),
        ] {
            assert_eq!(quotes(text), [want], "{text}");
        }
    }

    #[test]
    fn nested_quotes_and_apostrophes_stay_inside() {
        assert_eq!(
            quotes("“They called it ‘a farce’, and Ukraine’s answer was no,” he said."),
            ["“They called it ‘a farce’, and Ukraine’s answer was no,”"]
        );
    }

    #[test]
    fn a_quote_runs_over_paragraphs_that_reopen_with_a_mark() {
        let text = "“The first part.\n\n“The second part,” Peskov said.\n\nThen “unclosed\n\nno reopening.";
        assert_eq!(quotes(text), ["“The first part.\n\n“The second part,”"]);
    }
}
