//! Find every occurrence of a query in a document's text, as code-point ranges.

/// Options for [`find_all`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Match letter case exactly.
    pub case_sensitive: bool,
    /// Only match whole words (the characters around a match are not alphanumeric).
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
            let before_ok = i == 0 || !hay[i - 1].is_alphanumeric();
            let after_ok = i + n == hay.len() || !hay[i + n].is_alphanumeric();
            if !options.whole_word || (before_ok && after_ok) {
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
    fn matches_do_not_overlap() {
        assert_eq!(
            find_all("aaaa", "aa", SearchOptions::default()),
            vec![(0, 2), (2, 4)]
        );
    }
}
