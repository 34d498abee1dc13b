//! Text helpers: code-point offsets, slicing and word snapping.
//!
//! Offsets everywhere in Spanmark are Unicode code points (Rust `char`s),
//! half-open. Byte offsets exist only inside these helpers.

use unicode_segmentation::UnicodeSegmentation;

/// Number of code points in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Byte offset of code point `char_idx` in `s`; `char_idx == char_len(s)` gives `s.len()`.
pub fn byte_offset(s: &str, char_idx: usize) -> Option<usize> {
    if char_idx == 0 {
        return Some(0);
    }
    match s.char_indices().nth(char_idx) {
        Some((b, _)) => Some(b),
        None if char_len(s) == char_idx => Some(s.len()),
        None => None,
    }
}

/// The code points `[start, end)` of `s`, or `None` when out of range.
pub fn slice_chars(s: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let b0 = byte_offset(s, start)?;
    let rest = &s[b0..];
    let b1 = byte_offset(rest, end - start)?;
    Some(&rest[..b1])
}

/// Code point to byte offset lookup in O(1) plus a short scan: the byte
/// offset of every 64th code point is kept.
#[derive(Clone, Debug, Default)]
pub struct CharMap {
    checkpoints: Vec<usize>,
    char_len: usize,
}

const CHECKPOINT_EVERY: usize = 64;

impl CharMap {
    /// Map `text` (O(text) once).
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_EVERY + 1);
        let mut n = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % CHECKPOINT_EVERY == 0 {
                checkpoints.push(b);
            }
            n = i + 1;
        }
        Self {
            checkpoints,
            char_len: n,
        }
    }

    /// Number of code points in the mapped text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of code point `c` in `text` (the text this map was built from).
    pub fn byte_of(&self, text: &str, c: usize) -> Option<usize> {
        if c == self.char_len {
            return Some(text.len());
        }
        if c > self.char_len {
            return None;
        }
        let base = *self.checkpoints.get(c / CHECKPOINT_EVERY)?;
        let rest = text.get(base..)?;
        rest.char_indices()
            .nth(c % CHECKPOINT_EVERY)
            .map(|(b, _)| base + b)
    }

    /// The code points `[a, b)` of `text`.
    pub fn slice<'t>(&self, text: &'t str, a: usize, b: usize) -> Option<&'t str> {
        if a > b {
            return None;
        }
        text.get(self.byte_of(text, a)?..self.byte_of(text, b)?)
    }
}

/// The Unicode word segments of `s` as char ranges `[start, end)`, with
/// whether the segment is a word (contains an alphanumeric character).
fn segments(s: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for seg in s.split_word_bounds() {
        let n = char_len(seg);
        let wordy = !seg.chars().all(char::is_whitespace);
        out.push((pos, pos + n, wordy));
        pos += n;
    }
    out
}

/// The words of `s` (Unicode word segments holding a letter or digit) as
/// char ranges `[start, end)`.
pub fn word_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for seg in s.split_word_bounds() {
        let n = char_len(seg);
        if seg.chars().any(char::is_alphanumeric) {
            out.push((pos, pos + n));
        }
        pos += n;
    }
    out
}

/// Widen the selection `[start, end)` (code points into `s`) to whole words,
/// using Unicode word boundaries (UAX #29). Whitespace at either edge is
/// dropped. Returns `None` if the selection holds only whitespace.
pub fn snap_to_words(s: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (start, end) = (start.min(end), start.max(end));
    let segs = segments(s);
    let touched: Vec<_> = segs
        .iter()
        .filter(|(a, b, wordy)| *wordy && *a < end.max(start + 1) && *b > start)
        .collect();
    let first = touched.first()?;
    let last = touched.last()?;
    Some((first.0, last.1))
}

/// The grapheme cluster boundaries of `s` (extended clusters, UAX #29) as
/// code point offsets, from 0 to its length.
pub fn cluster_bounds(s: &str) -> Vec<usize> {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut out = Vec::with_capacity(s.len() + 1);
    let mut pos = 0;
    out.push(0);
    for g in s.graphemes(true) {
        pos += char_len(g);
        out.push(pos);
    }
    out
}

/// `[start, end)` widened to whole grapheme clusters of `s`: an edge
/// inside a cluster (between a letter and its combining mark, inside an
/// emoji ZWJ sequence or a flag) moves out to the cluster's edge.
pub fn to_clusters(s: &str, start: usize, end: usize) -> (usize, usize) {
    let bounds = cluster_bounds(s);
    let floor = |x: usize| bounds[bounds.partition_point(|&b| b <= x).saturating_sub(1)];
    let ceil = |x: usize| {
        bounds
            .get(bounds.partition_point(|&b| b < x))
            .copied()
            .unwrap_or(x)
    };
    (floor(start), ceil(end))
}

/// `[at, at + len(piece))` without the white space at its edges, in code
/// points (an empty range at the end of the leading space when the piece
/// is nothing but white space). The one trimming every caller shares.
pub fn trimmed(piece: &str, at: usize) -> (usize, usize) {
    let lead = piece.chars().take_while(|c| c.is_whitespace()).count();
    let total = char_len(piece);
    let trail = piece[..]
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count()
        .min(total - lead);
    (at + lead, at + total - trail)
}

/// Trim whitespace from both edges of `[start, end)` without widening it.
/// Returns `None` if nothing but whitespace is selected.
pub fn trim_selection(s: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (a, b) = trimmed(slice_chars(s, start, end)?, start);
    // Never half a cluster: an edge inside one moves out to its edge.
    (a < b).then(|| to_clusters(s, a, b))
}

/// The sentence (or sentences) around code points `[start, end)` of
/// `text`: from the start of the sentence holding `start` to the end of the
/// one holding `end`, within their line, as a code point range without its
/// surrounding whitespace. Reads only that line.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let (Some(sb), Some(eb)) = (byte_offset(text, start), byte_offset(text, end)) else {
        return (start, end);
    };
    let line_b = text[..sb].rfind('\n').map_or(0, |b| b + 1);
    let line_e = text[eb..].find('\n').map_or(text.len(), |i| eb + i);
    let line_c = start - char_len(&text[line_b..sb]);
    let mut p = line_c;
    let (mut a, mut z) = (start, end);
    for s in text[line_b..line_e].split_sentence_bounds() {
        let n = char_len(s);
        let (sa, sz) = trimmed(s, p);
        if sa <= start && start < p + n {
            a = sa;
        }
        if p < end && end <= p + n {
            z = sz.max(end);
        }
        p += n;
    }
    (a.min(start), z.max(end))
}

/// A short one-line preview of span text (60 characters at most).
pub fn snippet(s: &str) -> String {
    snippet_of(s, 60)
}

/// `s` on one line, cut to `max` characters with an ellipsis.
pub fn snippet_of(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, word) in s.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > max * 4 {
            break; // Enough to cut from; never join a megabyte of words.
        }
    }
    if char_len(&out) > max {
        let cut: String = out.chars().take(max).collect();
        format!("{cut}…")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_a_span() {
        let text = "First one. Peskov said “no” today. Last.\nNext line.";
        let s = text.chars().collect::<Vec<_>>();
        let at = |needle: &str| {
            let i = text.find(needle).unwrap_or(0);
            let c = char_len(&text[..i]);
            (c, c + char_len(needle))
        };
        let (a, z) = at("Peskov");
        let (sa, sz) = sentence_around(text, a, z);
        assert_eq!(
            s[sa..sz].iter().collect::<String>(),
            "Peskov said “no” today."
        );
        let (a, _) = at("First");
        let (_, z) = at("Peskov");
        let (sa, sz) = sentence_around(text, a, z);
        assert_eq!(
            s[sa..sz].iter().collect::<String>(),
            "First one. Peskov said “no” today."
        );
    }

    #[test]
    fn slices_by_code_point_not_byte() {
        let s = "“We are satisfied,” Peskov said. 😀 ok";
        assert_eq!(slice_chars(s, 0, 1), Some("“"));
        assert_eq!(slice_chars(s, 1, 3), Some("We"));
        assert_eq!(slice_chars(s, 20, 26), Some("Peskov"));
        let emoji = s.chars().position(|c| c == '😀').unwrap_or(0);
        assert_eq!(slice_chars(s, emoji, emoji + 1), Some("😀"));
        assert_eq!(slice_chars(s, 0, char_len(s)), Some(s));
        assert_eq!(slice_chars(s, 3, 2), None);
        assert_eq!(slice_chars(s, 0, char_len(s) + 1), None);
    }

    #[test]
    fn snapping_widens_to_whole_words_and_drops_edges() {
        let s = "Kremlin spokesperson Dmitry Peskov said";
        // "mitry Pes" -> "Dmitry Peskov"
        assert_eq!(snap_to_words(s, 22, 31), Some((21, 34)));
        // trailing space is dropped
        assert_eq!(snap_to_words(s, 21, 35), Some((21, 34)));
        // a click inside a word selects it
        assert_eq!(snap_to_words(s, 23, 23), Some((21, 27)));
        // only whitespace
        assert_eq!(snap_to_words(s, 27, 28), None);
    }

    #[test]
    fn snapping_keeps_curly_quotes_and_apostrophes() {
        let s = "Ukraine’s “uncontrollable” leader";
        assert_eq!(snap_to_words(s, 1, 3), Some((0, 9)));
        assert_eq!(slice_chars(s, 0, 9), Some("Ukraine’s"));
        let (a, b) = snap_to_words(s, 10, 25).unwrap_or((0, 0));
        assert_eq!(slice_chars(s, a, b), Some("“uncontrollable"));
    }

    #[test]
    fn char_map_agrees_with_plain_slicing() {
        let s: String = "a“é😀\u{301}ب中 ".repeat(40);
        let map = CharMap::new(&s);
        let n = char_len(&s);
        assert_eq!(map.char_len(), n);
        for a in (0..=n).step_by(7) {
            for b in [a, a + 1, a + 65, n] {
                assert_eq!(map.slice(&s, a, b), slice_chars(&s, a, b), "[{a}, {b})");
            }
        }
        assert_eq!(map.slice(&s, 0, n + 1), None);
    }

    #[test]
    fn trim_keeps_inner_text() {
        assert_eq!(trim_selection("  ab c ", 0, 7), Some((2, 6)));
        assert_eq!(trim_selection("   ", 0, 3), None);
    }

    #[test]
    fn edges_inside_a_cluster_move_out_to_its_edges() {
        // e + combining acute; a family (three emoji joined by ZWJ); a
        // flag (two regional indicators); Devanagari क्ष (a conjunct);
        // Hangul jamo ᄒ ᅡ ᆫ (one syllable).
        let s = "cafe\u{301} 👨\u{200d}👩\u{200d}👧 🇺🇦 क्ष \u{1112}\u{1161}\u{11ab}";
        let chars: Vec<char> = s.chars().collect();
        let at = |needle: &str| {
            let n: Vec<char> = needle.chars().collect();
            (0..chars.len())
                .find(|&i| chars[i..].starts_with(&n))
                .unwrap_or(usize::MAX)
        };
        let (e, family, flag, ksa, han) =
            (at("e\u{301}"), at("👨"), at("🇺"), at("क"), at("\u{1112}"));
        assert_eq!(
            to_clusters(s, 0, e + 1),
            (0, e + 2),
            "the accent goes with its letter"
        );
        assert_eq!(to_clusters(s, family + 2, family + 3), (family, family + 5));
        assert_eq!(to_clusters(s, flag + 1, flag + 1), (flag, flag + 2));
        assert_eq!(to_clusters(s, ksa + 1, ksa + 2), (ksa, ksa + 3));
        assert_eq!(to_clusters(s, han + 1, han + 2), (han, han + 3));
        assert_eq!(trim_selection(s, 1, e + 1), Some((1, e + 2)));
        let bounds = cluster_bounds(s);
        for inside in [e + 1, family + 1, family + 4, flag + 1, ksa + 1, han + 2] {
            assert!(!bounds.contains(&inside), "{inside}");
        }
    }
}
