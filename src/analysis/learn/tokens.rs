//! Tokens for the learned model: every Unicode word-bound segment (UAX #29)
//! that is not white space, with code point offsets, the paragraph and
//! sentence it belongs to, and where it stands with respect to quotation
//! marks.
//!
//! Unlike the rules' words (`analysis::suggest::words`), punctuation is kept
//! as tokens of its own: a quotation mark, a comma before it and the period
//! of `Mr.` are what a quote's and a speaker's edges are made of.

use unicode_segmentation::UnicodeSegmentation as _;

/// Where a token stands with respect to double quotation marks in its
/// paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Outside every quotation.
    Out,
    /// A mark that opens a quotation.
    Open,
    /// Inside a quotation.
    In,
    /// A mark that closes a quotation.
    Close,
}

impl Mark {
    /// A short name for features.
    pub fn code(self) -> &'static str {
        match self {
            Mark::Out => "o",
            Mark::Open => "[",
            Mark::In => "i",
            Mark::Close => "]",
        }
    }
}

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Start (code points).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The token as written.
    pub text: String,
    /// In lower case.
    pub lower: String,
    /// Its paragraph (lines of text), from 0.
    pub paragraph: usize,
    /// The first token of its paragraph.
    pub para_start: bool,
    /// The first token of its sentence.
    pub sent_start: bool,
    /// Quotation-mark state.
    pub mark: Mark,
    /// The quotation segment (marks included) it belongs to, as token
    /// indices `[first, last]`, when inside one.
    pub segment: Option<(usize, usize)>,
}

/// Whether `c` is a double quotation mark (the marks quotes are made of).
pub fn is_double_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// The tokens of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut pos = 0usize;
    let mut paragraph = 0usize;
    let mut new_para = true;
    let mut new_sent = true;
    for seg in text.split_word_bounds() {
        let n = seg.chars().count();
        if seg.chars().all(char::is_whitespace) {
            if seg.contains('\n') {
                if !new_para {
                    paragraph += 1;
                }
                new_para = true;
                new_sent = true;
            }
            pos += n;
            continue;
        }
        let lower = seg.to_lowercase();
        out.push(Token {
            start: pos,
            end: pos + n,
            text: seg.to_owned(),
            paragraph,
            para_start: new_para,
            sent_start: new_sent,
            mark: Mark::Out,
            segment: None,
            lower,
        });
        new_para = false;
        new_sent = ends_sentence(&out);
        pos += n;
    }
    mark_quotes(&mut out);
    out
}

/// Whether the last token ends a sentence (`.`, `!`, `?`, not after a
/// title or an initial).
fn ends_sentence(tokens: &[Token]) -> bool {
    let Some(last) = tokens.last() else {
        return false;
    };
    match last.text.as_str() {
        "!" | "?" => true,
        "." => {
            let before = tokens.len().checked_sub(2).and_then(|i| tokens.get(i));
            !before.is_some_and(|b| {
                b.end == last.start
                    && (b.text.chars().count() == 1
                        || matches!(
                            b.text.as_str(),
                            "Mr" | "Mrs"
                                | "Ms"
                                | "Dr"
                                | "Sen"
                                | "Rep"
                                | "Gov"
                                | "Gen"
                                | "St"
                                | "Lt"
                        ))
            })
        }
        _ => false,
    }
}

/// Mark quotations per paragraph: a mark opens when it follows a space (or
/// the paragraph's start, or an opening bracket or dash) and precedes a
/// character; otherwise it closes an open quotation (the reading PolNeAR's
/// evaluation uses, so segments match those of the gold standard).
fn mark_quotes(tokens: &mut [Token]) {
    let mut i = 0;
    while i < tokens.len() {
        let para = tokens[i].paragraph;
        let end = tokens[i..]
            .iter()
            .position(|t| t.paragraph != para)
            .map_or(tokens.len(), |p| i + p);
        let mut open: Option<usize> = None;
        let mut segments: Vec<(usize, usize)> = Vec::new();
        for k in i..end {
            let t = &tokens[k];
            let Some(c) = t.text.chars().next().filter(|c| is_double_mark(*c)) else {
                continue;
            };
            let space_before = k == i || tokens[k - 1].end < t.start;
            let glued_after = k + 1 < end && tokens[k + 1].start == t.end;
            let after_opener = k > i
                && tokens[k - 1].end == t.start
                && tokens[k - 1].text.chars().all(|p| "([{—–-/".contains(p));
            let opening = match c {
                '“' | '„' | '«' => space_before || glued_after,
                '”' | '»' => space_before && glued_after,
                _ => (space_before || after_opener) && glued_after,
            };
            match (opening, open) {
                (true, None) => open = Some(k),
                (false, Some(a)) => {
                    segments.push((a, k));
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(a) = open
            && end > a + 1
        {
            segments.push((a, end - 1));
        }
        for (a, b) in segments {
            for (k, t) in tokens.iter_mut().enumerate().take(b + 1).skip(a) {
                t.segment = Some((a, b));
                t.mark = if k == a {
                    Mark::Open
                } else if k == b && t.text.chars().all(is_double_mark) {
                    Mark::Close
                } else {
                    Mark::In
                };
            }
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_kept_and_offsets_are_code_points() {
        let t = tokenize("“Fine,” Mr. Ødegård said.\nNext");
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "“",
                "Fine",
                ",",
                "”",
                "Mr",
                ".",
                "Ødegård",
                "said",
                ".",
                "Next"
            ]
        );
        assert_eq!((t[6].start, t[6].end), (12, 19));
        assert!(t[9].para_start && t[9].sent_start && t[9].paragraph == 1);
        assert!(!t[6].sent_start, "Mr. does not end a sentence");
    }

    #[test]
    fn quotation_marks_open_and_close_per_paragraph() {
        let t = tokenize("He called it \"rigged\" and said: “We will win.”\n“Unclosed");
        let marks: String = t.iter().map(|t| t.mark.code()).collect();
        assert_eq!(marks, "ooo[i]ooo[iiii][i");
        assert_eq!(t[3].segment, Some((3, 5)));
    }
}
