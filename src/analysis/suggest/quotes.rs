//! Quotations in news text: text between quotation marks of every common
//! style (“ ” ‘ ’ « » „ “ 「 」 and straight quotes), marks included, with
//! the quotes inside a quote kept inside it. A quote that runs over
//! several paragraphs (each reopening with a mark, only the last one
//! closing) is one quote per paragraph, the later ones marked as
//! continuing. Marks typed the wrong way round (`“word“`, `”word”`) are
//! read by where they stand: after a space a mark opens, before one it
//! closes.

use super::tokens::{Kind, Tokens};

/// A quotation: its range, marks included, and its tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Start (the opening mark).
    pub start: usize,
    /// End (after the closing mark, or the paragraph's last character).
    pub end: usize,
    /// The opening mark's token.
    pub open: usize,
    /// The closing mark's token, or the paragraph's last token for a
    /// quote that runs on into the next paragraph.
    pub close: usize,
    /// Whether it ends at a closing mark (not at the paragraph's end).
    pub closed: bool,
    /// Whether it continues a quote left open at the end of the
    /// paragraph before.
    pub continues: bool,
}

impl Quoted {
    /// How many words it holds.
    pub fn words(&self, t: &Tokens<'_>) -> usize {
        (self.open..=self.close).filter(|&k| t.is_word(k)).count()
    }

    /// The last character inside its marks that is neither a space nor a
    /// quotation mark (`,` in `“… ‘bro,’”`).
    pub fn last_inner(&self, t: &Tokens<'_>) -> Option<char> {
        let upto = if self.closed {
            self.close
        } else {
            self.close + 1
        };
        (self.open + 1..upto)
            .rev()
            .map(|k| {
                let tok = t.toks[k];
                t.chars[tok.end - 1]
            })
            .find(|c| !is_mark(*c) && *c != '\'')
    }
}

/// The family of a mark: which marks close a quotation it opens.
fn closes(open: char, close: char) -> bool {
    match open {
        '“' | '"' | '”' => matches!(close, '”' | '"' | '“'),
        '„' => matches!(close, '“' | '”'),
        '«' => close == '»',
        '»' => close == '«',
        '‹' => close == '›',
        '「' => close == '」',
        '『' => close == '』',
        '‘' => close == '’',
        _ => false,
    }
}

fn is_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '"'
            | '„'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
            | '‘'
            | '’'
    )
}

/// Punctuation after which a mark opens, as after a space.
fn opener_before(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
}

/// Every outermost quotation of the text, in order (one pass).
pub fn find(t: &Tokens<'_>) -> Vec<Quoted> {
    let mut found = Vec::new();
    // The open quotation: its mark and opening token; and how many
    // quotations are open inside it.
    let mut open: Option<(char, usize)> = None;
    let mut nested: Vec<char> = Vec::new();
    for k in 0..t.toks.len() {
        let tok = t.toks[k];
        let new_para = k > 0 && t.toks[k - 1].para != tok.para;
        if new_para {
            if let Some((_, o)) = open.take() {
                found.push(quoted(t, o, k - 1, false));
            }
            nested.clear();
        }
        let Kind::Punct(c) = tok.kind else { continue };
        if !is_mark(c) {
            continue;
        }
        let at_para_start = k == 0 || new_para;
        let space_before = at_para_start
            || t.space_before(k)
            || t.punct(k - 1).is_some_and(opener_before) && t.toks[k - 1].end == tok.start;
        let space_after = t
            .toks
            .get(k + 1)
            .is_none_or(|n| n.para != tok.para || n.start > tok.end);
        let word_after = !space_after && t.is_word(k + 1);
        match open {
            Some((mark, o)) => {
                if let Some(&inner) = nested.last()
                    && closes(inner, c)
                    && !(space_before && word_after)
                {
                    nested.pop();
                } else if closes(mark, c) && (space_after || !space_before) {
                    found.push(quoted(t, o, k, true));
                    open = None;
                } else if space_before && !space_after && c != '’' && c != '”' {
                    nested.push(c);
                }
            }
            None => {
                let next_closes = t
                    .punct(k + 1)
                    .is_some_and(|n| matches!(n, ',' | '.' | ';' | ':' | ')' | '!' | '?'));
                let opens = match c {
                    '”' | '’' | '›' | '」' | '』' | '»' => space_before && word_after,
                    '"' => !space_after && !next_closes,
                    '“' => space_before || !space_after,
                    '‘' | '„' | '‹' => space_before && !space_after,
                    _ => true,
                };
                if opens {
                    open = Some((c, k));
                }
            }
        }
    }
    if let Some((_, o)) = open
        && let Some(last) = t.toks.len().checked_sub(1)
    {
        found.push(quoted(t, o, last, false));
    }
    // Mark the paragraphs that continue one left open.
    for i in 1..found.len() {
        let (prev, q) = (found[i - 1], found[i]);
        let first_of_para = q.open == 0 || t.toks[q.open - 1].para != t.toks[q.open].para;
        if !prev.closed && first_of_para && t.toks[prev.close].para + 1 == t.toks[q.open].para {
            found[i].continues = true;
        }
    }
    found
}

fn quoted(t: &Tokens<'_>, open: usize, close: usize, closed: bool) -> Quoted {
    Quoted {
        start: t.toks[open].start,
        end: t.toks[close].end,
        open,
        close,
        closed,
        continues: false,
    }
}

/// Whether the quotation reads as a title or a name rather than someone's
/// words: a few words, each capitalised (`“Meet the Press”`), or one in
/// a headline.
pub fn titled(t: &Tokens<'_>, q: &Quoted) -> bool {
    let words: Vec<usize> = (q.open..=q.close).filter(|&k| t.is_word(k)).collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let small = |k: usize| {
        matches!(
            t.text(k),
            "of" | "the" | "and" | "a" | "an" | "in" | "on" | "for" | "to" | "at" | "with" | "&"
        )
    };
    let capitalised = words.iter().filter(|&&k| t.capitalised(k)).count();
    words.len() >= 2
        && t.capitalised(words[0])
        && words
            .iter()
            .all(|&k| t.capitalised(k) || small(k) || !t.chars[t.toks[k].start].is_alphabetic())
        && capitalised >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<String> {
        let t = Tokens::of(text);
        find(&t)
            .iter()
            .map(|q| t.chars[q.start..q.end].iter().collect())
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
            (
                "A site called “Leave If He Wins“ opened.",
                "“Leave If He Wins“",
            ),
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
        assert_eq!(
            quotes("The voters’ “choice” and the candidates’ answer."),
            ["“choice”"]
        );
    }

    #[test]
    fn a_quote_over_paragraphs_is_one_quote_per_paragraph() {
        let text = "“The first part.\n\n“The second part,” Peskov said.\n\nThen “unclosed\n\nno reopening.";
        assert_eq!(
            quotes(text),
            ["“The first part.", "“The second part,”", "“unclosed"]
        );
        let t = Tokens::of(text);
        let continues: Vec<bool> = find(&t).iter().map(|q| q.continues).collect();
        assert_eq!(continues, [false, true, false]);
    }

    #[test]
    fn titles_read_as_titles() {
        let t = Tokens::of("He told “Meet the Press” that “we will win the vote.”");
        let q = find(&t);
        assert!(titled(&t, &q[0]));
        assert!(!titled(&t, &q[1]));
    }
}
