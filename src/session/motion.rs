//! Moving through the text without changing it: the nearest word edge, a
//! selection's edge moved by a character or a word, and the next sentence
//! no span touches. Each reads only the text near where it starts.

use crate::model::DocView;
use crate::model::text::word_ranges;

use super::rules::Edge;

/// The nearest word edge from `at` in one direction: the end of a word for
/// an end edge, the start of one for a start edge.
pub fn word_edge(view: DocView<'_>, at: usize, edge: Edge, right: bool) -> Option<usize> {
    // Words near the edge only: a key press never segments the whole text.
    const REACH: usize = 400;
    let from = at.saturating_sub(REACH);
    let to = (at + REACH).min(view.len());
    let window = view.slice(from, to);
    let n = crate::model::text::char_len(window);
    let words = word_ranges(window);
    // A word cut by the window's edge has a false edge there.
    let whole = |&&(a, b): &&(usize, usize)| (a > 0 || from == 0) && (b < n || to == view.len());
    let edges = words.iter().filter(whole).map(|&(a, b)| {
        let e = if edge == Edge::Start { a } else { b };
        from + e
    });
    if right {
        edges.filter(|&e| e > at).min()
    } else {
        edges.filter(|&e| e < at).max()
    }
}

/// A text selection `[a, b)` with one edge moved a character (`Some(delta)`)
/// or a word (`None`, in direction `right`), never emptied or past the text.
pub fn move_range_edge(
    view: DocView<'_>,
    (a, b): (usize, usize),
    edge: Edge,
    delta: Option<i32>,
    right: bool,
) -> Option<(usize, usize)> {
    let at = if edge == Edge::Start { a } else { b };
    let target = match delta {
        Some(d) => view.cluster_step(at, d),
        None => word_edge(view, at, edge, right)?,
    };
    let (a, b) = if edge == Edge::Start {
        (target, b)
    } else {
        (a, target)
    };
    (a < b).then_some((a, b))
}

/// `to - from` as a signed step.
pub(super) fn delta_of(from: usize, to: usize) -> i32 {
    let d = to as i64 - from as i64;
    d.clamp(i32::MIN as i64, i32::MAX as i64) as i32
}

/// The next (or previous) sentence after (before) `from` that no span
/// touches, as a code point range without its surrounding whitespace.
/// Sentences are Unicode sentences (UAX #29) within each line.
pub fn untagged_sentence(
    view: DocView<'_>,
    from: usize,
    forward: bool,
    at_caret: bool,
) -> Option<(usize, usize)> {
    use crate::model::text::char_len;
    let text = view.doc.text.as_str();
    let untagged = |(a, b): (usize, usize)| b > a && view.spans_in(a, b).is_empty();
    // The line holding `from`: its first byte and code point. Only the
    // lines looked at are read, never the text before them.
    let from_b = view.chars.byte_of(text, from.min(view.len()))?;
    let mut start_b = text[..from_b].rfind('\n').map_or(0, |b| b + 1);
    let mut start_c = from.min(view.len()) - char_len(&text[start_b..from_b]);
    if forward {
        loop {
            let end_b = text[start_b..]
                .find('\n')
                .map_or(text.len(), |i| start_b + i);
            let line = &text[start_b..end_b];
            let found = line_sentences(line, start_c)
                .into_iter()
                .find(|&(a, b)| (a >= from || (at_caret && b > from)) && untagged((a, b)));
            if found.is_some() || end_b == text.len() {
                return found;
            }
            start_c += char_len(line) + 1;
            start_b = end_b + 1;
        }
    }
    let mut end_b = text[start_b..]
        .find('\n')
        .map_or(text.len(), |i| start_b + i);
    loop {
        let line = &text[start_b..end_b];
        let found = line_sentences(line, start_c)
            .into_iter()
            .rev()
            .find(|&(a, b)| (b <= from || (at_caret && a < from)) && untagged((a, b)));
        if found.is_some() || start_b == 0 {
            return found;
        }
        // The line before.
        end_b = start_b - 1;
        start_b = text[..end_b].rfind('\n').map_or(0, |b| b + 1);
        start_c -= char_len(&text[start_b..end_b]) + 1;
    }
}

/// The sentences of one line (Unicode sentences, UAX #29) starting at code
/// point `at`, each without its surrounding whitespace.
fn line_sentences(line: &str, at: usize) -> Vec<(usize, usize)> {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut p = at;
    line.split_sentence_bounds()
        .map(|s| {
            let a = p;
            p += crate::model::text::char_len(s);
            crate::model::text::trimmed(s, a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn untagged_sentences_are_found_line_by_line_both_ways() {
        use crate::model::text::CharMap;
        let text = "One here. Two there.\n\nThree é now.\nFour 😀 last.";
        let doc = Document::new("d", "D", text);
        let chars = CharMap::new(text);
        let view = DocView {
            doc: &doc,
            chars: &chars,
        };
        let said = |r: Option<(usize, usize)>| r.map(|(a, b)| view.slice(a, b).to_owned());
        assert_eq!(
            said(untagged_sentence(view, 0, true, false)).as_deref(),
            Some("One here.")
        );
        assert_eq!(
            said(untagged_sentence(view, 9, true, false)).as_deref(),
            Some("Two there.")
        );
        assert_eq!(
            said(untagged_sentence(view, 21, true, false)).as_deref(),
            Some("Three é now.")
        );
        let end = view.len();
        assert_eq!(
            said(untagged_sentence(view, end, false, false)).as_deref(),
            Some("Four 😀 last.")
        );
        let four = text.chars().count() - "Four 😀 last.".chars().count();
        assert_eq!(
            said(untagged_sentence(view, four, false, false)).as_deref(),
            Some("Three é now.")
        );
        assert_eq!(
            said(untagged_sentence(view, 22, false, false)).as_deref(),
            Some("Two there.")
        );
        assert_eq!(untagged_sentence(view, 0, false, false), None);
        // From a caret inside a sentence: that sentence, either way.
        assert_eq!(
            said(untagged_sentence(view, 12, true, true)).as_deref(),
            Some("Two there.")
        );
        assert_eq!(
            said(untagged_sentence(view, 12, false, true)).as_deref(),
            Some("Two there.")
        );
    }
}
