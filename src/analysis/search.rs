//! Find every occurrence of a query in a document's text, as code-point ranges.

/// Options for [`find_all`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Match letter case exactly.
    pub case_sensitive: bool,
    /// Only match whole words: neither edge of a match cuts a word. Each
    /// edge is a Unicode word boundary (UAX #29, where a drag snaps, and
    /// between any two Chinese or Japanese ideographs) or borders a
    /// character that is not a letter or digit (so "Russia’s" holds
    /// "Russia", and "Russian" does not).
    pub whole_word: bool,
}

/// All non-overlapping matches of `query` in `text`, as `[start, end)` code
/// point ranges, in order. An empty query matches nothing.
///
/// Case-insensitive matching compares character by character with simple
/// lowercase folding, so offsets stay exact even where lowercasing changes a
/// string's length.
pub fn find_all(text: &str, query: &str, options: SearchOptions) -> Vec<(usize, usize)> {
    let needle: Vec<char> = query.chars().collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let fold = |c: char| -> char {
        if options.case_sensitive {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let needle: Vec<char> = needle.into_iter().map(fold).collect();
    let hay: Vec<char> = text.chars().collect();
    // Word boundaries, by code point, computed once.
    let mut boundary = vec![false; hay.len() + 1];
    if options.whole_word {
        use unicode_segmentation::UnicodeSegmentation as _;
        let mut pos = 0;
        boundary[0] = true;
        for seg in text.split_word_bounds() {
            pos += seg.chars().count();
            boundary[pos] = true;
        }
    }
    let mut out = Vec::new();
    let n = needle.len();
    let mut i = 0;
    while i + n <= hay.len() {
        if fold(hay[i]) == needle[0]
            && hay[i..i + n]
                .iter()
                .zip(&needle)
                .all(|(h, c)| fold(*h) == *c)
        {
            let edge = |at: usize, outside: Option<&char>| {
                boundary[at] || outside.is_none_or(|c| !c.is_alphanumeric())
            };
            let whole =
                edge(i, i.checked_sub(1).and_then(|b| hay.get(b))) && edge(i + n, hay.get(i + n));
            if !options.whole_word || whole {
                out.push((i, i + n));
                i += n;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively_with_exact_code_point_offsets() {
        let text = "“Russia” and RUSSIA’s neighbours; Belarussian";
        let m = find_all(text, "russia", SearchOptions::default());
        assert_eq!(m, vec![(1, 7), (13, 19), (38, 44)]);
        let whole = find_all(
            text,
            "russia",
            SearchOptions {
                whole_word: true,
                ..Default::default()
            },
        );
        assert_eq!(whole, vec![(1, 7), (13, 19)]);
        let exact = find_all(
            text,
            "Russia",
            SearchOptions {
                case_sensitive: true,
                ..Default::default()
            },
        );
        assert_eq!(exact, vec![(1, 7)]);
        assert!(find_all(text, "", SearchOptions::default()).is_empty());
    }

    #[test]
    fn whole_words_never_cut_a_word_in_any_script() {
        let whole = SearchOptions {
            whole_word: true,
            ..Default::default()
        };
        let text = "Russia said the Russian ministry; 俄罗斯说，北京市的俄罗斯人";
        assert_eq!(find_all(text, "Russia", whole), vec![(0, 6)]);
        // Ideographs are words of their own: found inside running Chinese.
        assert_eq!(find_all(text, "俄罗斯", whole), vec![(34, 37), (43, 46)]);
        assert_eq!(find_all(text, "北京", whole), vec![(39, 41)]);
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(
            find_all("aaaa", "aa", SearchOptions::default()),
            vec![(0, 2), (2, 4)]
        );
    }
}
