//! CoNLL with IOB2 tags.
//!
//! Layout: each document begins with `-DOCSTART- -X- O O` and a blank line,
//! as CoNLL-2003 readers (`spacy convert --converter ner`, seqeval) expect
//! (with `comments`, a line `# doc_id = <id>` instead), then sentences of
//! `token<TAB>tag` lines, each sentence followed by a blank line.
//!
//! Tokenisation: Unicode word boundaries (UAX #29); every segment that is not
//! whitespace is a token, so punctuation and curly quotes are tokens of their
//! own. Sentences: Unicode sentence boundaries within each line of the text;
//! a sentence break inside an exported span is not made, so an entity never
//! straddles two sentences.
//!
//! CoNLL holds one layer of non-overlapping spans. Policy: among overlapping
//! spans the outermost (longest, then earliest) wins; the others are left out
//! and counted in the report. `--label X` exports the layer of label X alone.
//! A token is tagged if it overlaps a span; a span not aligned with token
//! boundaries thus grows to whole tokens (counted in the report). IOB2 has
//! no gaps: each piece of a discontinuous span is written as an entity of
//! its own (counted).

use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::{LabelSet, Span};

use super::{ExportDoc, text};

/// CoNLL-specific options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllOptions {
    /// Export only this label's spans.
    pub label: Option<String>,
    /// Begin documents with `# doc_id = <id>` instead of `-DOCSTART-`.
    pub comments: bool,
}

/// A token: code point range and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The token's text.
    pub text: &'t str,
    /// Whether a sentence may end after this token.
    pub sentence_end: bool,
}

/// Tokenise `text` as the CoNLL export does.
pub fn conll_tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut line_char = 0;
    for line in text.split('\n') {
        let mut sent_char = line_char;
        for sentence in line.split_sentence_bounds() {
            let mut pos = sent_char;
            let first = tokens.len();
            for seg in sentence.split_word_bounds() {
                let n = seg.chars().count();
                if !seg.chars().all(char::is_whitespace) {
                    tokens.push(Token {
                        start: pos,
                        end: pos + n,
                        text: seg,
                        sentence_end: false,
                    });
                }
                pos += n;
            }
            if tokens.len() > first
                && let Some(t) = tokens.last_mut()
            {
                t.sentence_end = true;
            }
            sent_char = pos;
        }
        line_char += line.chars().count() + 1;
    }
    tokens
}

/// The outermost non-overlapping spans, and how many were left out.
fn one_layer<'a>(spans: &[&'a Span]) -> (Vec<&'a Span>, usize) {
    let mut sorted: Vec<&Span> = spans.to_vec();
    sorted.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.id));
    let mut kept: Vec<&Span> = Vec::new();
    let mut left = 0;
    for s in sorted {
        match kept.last() {
            Some(k) if s.start < k.end => left += 1,
            _ => kept.push(s),
        }
    }
    (kept, left)
}

/// What the CoNLL export could not hold as it was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConllStats {
    /// Spans left out because a longer span overlapped them.
    pub overlapping: usize,
    /// Spans left out because `--label` chose another layer.
    pub other_layers: usize,
    /// Span edges inside a token, widened to the token.
    pub widened: usize,
    /// Discontinuous spans, written as one entity per piece.
    pub split: usize,
}

impl ConllStats {
    /// Add the counts of another part of the same export.
    pub fn add(&mut self, other: ConllStats) {
        self.overlapping += other.overlapping;
        self.other_layers += other.other_layers;
        self.widened += other.widened;
        self.split += other.split;
    }
}

/// Each label's CoNLL tag: the name it came with, spaces made `_` so the
/// tag stays one column; a label whose tag another label already has
/// (`A B` and `A_B`) is written under its id (then its id with a number),
/// and each such label is named in the returned notes.
pub fn conll_tags(labels: &LabelSet) -> (HashMap<String, String>, Vec<String>) {
    let mut tags = HashMap::new();
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut notes = Vec::new();
    for l in labels.iter() {
        let name = l
            .export_name()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("_");
        let mut tag = name.clone();
        let mut n = 2;
        while taken.contains_key(&tag) {
            tag = if n == 2 && !taken.contains_key(&l.id) {
                l.id.clone()
            } else {
                format!("{name}_{n}")
            };
            n += 1;
        }
        if tag != name {
            let other = taken.get(&name).cloned().unwrap_or_default();
            notes.push(format!(
                "labels {} and {} would share the CoNLL tag {name}: {} is written as {tag}",
                text::quote(&other),
                text::quote(l.export_name()),
                text::quote(l.export_name())
            ));
        }
        taken.insert(tag.clone(), l.export_name().to_owned());
        tags.insert(l.id.clone(), tag);
    }
    (tags, notes)
}

/// Write documents as CoNLL; returns the text and what did not fit. Tags
/// are those of `conll_tags`.
pub fn write_conll(
    docs: &[ExportDoc<'_>],
    labels: &LabelSet,
    options: &ConllOptions,
) -> (String, ConllStats) {
    let (tags, _) = conll_tags(labels);
    let tag_name = |id: &str| -> String {
        tags.get(id)
            .cloned()
            .unwrap_or_else(|| id.split_whitespace().collect::<Vec<_>>().join("_"))
    };
    let mut out = String::new();
    let (mut overlapping, mut other_layers, mut widened, mut split) = (0, 0, 0, 0);
    for d in docs {
        let spans: Vec<&Span> = d
            .spans
            .iter()
            .copied()
            .filter(|s| options.label.as_ref().is_none_or(|l| *l == s.label))
            .collect();
        other_layers += d.spans.len() - spans.len();
        let (layer, left) = one_layer(&spans);
        overlapping += left;
        let tokens = conll_tokens(&d.doc.text);
        // tags[i]: index into `layer` and whether token i begins the span.
        let mut tags: Vec<Option<(usize, bool)>> = vec![None; tokens.len()];
        let mut t = 0;
        for (k, s) in layer.iter().enumerate() {
            split += usize::from(s.is_discontinuous());
            for (start, end) in s.pieces() {
                while t < tokens.len() && tokens[t].end <= start {
                    t += 1;
                }
                let mut first = true;
                let mut j = t;
                while j < tokens.len() && tokens[j].start < end {
                    if first && tokens[j].start != start {
                        widened += 1;
                    }
                    tags[j] = Some((k, first));
                    first = false;
                    j += 1;
                }
                if j > t && tokens[j - 1].end != end && !first {
                    widened += 1;
                }
            }
        }
        if options.comments {
            out.push_str("# doc_id = ");
            out.push_str(&d.doc.id);
            out.push_str("\n\n");
        } else {
            out.push_str("-DOCSTART- -X- O O\n\n");
        }
        let mut in_sentence = false;
        for (i, tok) in tokens.iter().enumerate() {
            let tag = match tags[i] {
                None => "O".to_owned(),
                Some((k, true)) => format!("B-{}", tag_name(&layer[k].label)),
                Some((k, false)) => format!("I-{}", tag_name(&layer[k].label)),
            };
            out.push_str(tok.text);
            out.push('\t');
            out.push_str(&tag);
            out.push('\n');
            in_sentence = true;
            // End the sentence here unless a span continues into the next token.
            let continues = matches!((tags[i], tags.get(i + 1)), (Some((a, _)), Some(Some((b, false)))) if a == *b);
            if tok.sentence_end && !continues {
                out.push('\n');
                in_sentence = false;
            }
        }
        if in_sentence {
            out.push('\n');
        }
    }
    (
        out,
        ConllStats {
            overlapping,
            other_layers,
            widened,
            split,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_punctuation_and_keep_code_point_offsets() {
        let text = "“Hi,” said Ann. Ukraine’s 😀 grid.\nNext line";
        let toks = conll_tokens(text);
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "“",
                "Hi",
                ",",
                "”",
                "said",
                "Ann",
                ".",
                "Ukraine’s",
                "😀",
                "grid",
                ".",
                "Next",
                "line"
            ]
        );
        for t in &toks {
            assert_eq!(
                crate::model::text::slice_chars(text, t.start, t.end),
                Some(t.text)
            );
        }
        let ends: Vec<&str> = toks
            .iter()
            .filter(|t| t.sentence_end)
            .map(|t| t.text)
            .collect();
        assert_eq!(ends, [".", ".", "line"]);
    }
}
