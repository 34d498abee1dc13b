//! PolNeAR's attributions read as the news convention has them, shared by
//! the examples that measure on it (`eval_polnear`, `learn_curve`): the
//! brat `.ann` attributions, the quotation-mark segments of a text, and the
//! gold quotes, speakers and quote-speaker pairs derived from them. Only
//! read from a path given at run time; no PolNeAR text is in the
//! repository.

pub mod baseline;
pub mod reliability;
pub mod score;

use std::collections::BTreeMap;

/// A code point range.
pub type Range = (usize, usize);

/// One attribution of a brat file.
pub struct Attribution {
    /// Its sources, each from its first to its last character.
    pub sources: Vec<Range>,
    /// Its content's pieces.
    pub contents: Vec<Range>,
}

/// The gold quotes of a document, who said each, and the speakers.
pub struct Quotes {
    /// The quotation-mark segments that are attributed words.
    pub quotes: Vec<Range>,
    /// Each quote with each of its sources.
    pub pairs: Vec<(Range, Range)>,
    /// The sources of the quotes, once each.
    pub speakers: Vec<Range>,
}

/// Whether two ranges share a code point.
pub fn overlaps(a: Range, b: Range) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The attributions of a brat `.ann` file (lines that are not `T` or `E`,
/// and the lines of multi-line notes, are skipped).
pub fn read_ann(ann: &str) -> Vec<Attribution> {
    let mut spans: BTreeMap<&str, Vec<Range>> = BTreeMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(what)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = what.split_once(' ') else {
                continue;
            };
            let frags: Option<Vec<Range>> = ranges
                .split(';')
                .map(|r| {
                    let mut n = r.split_whitespace().map(str::parse::<usize>);
                    match (n.next(), n.next()) {
                        (Some(Ok(a)), Some(Ok(b))) => Some((a, b)),
                        _ => None,
                    }
                })
                .collect();
            if let Some(f) = frags {
                spans.insert(id, f);
            }
        } else if id.starts_with('E') {
            let roles = what
                .split_whitespace()
                .filter_map(|r| r.split_once(':'))
                .map(|(role, t)| (role.trim_end_matches(|c: char| c.is_ascii_digit()), t))
                .collect();
            events.push(roles);
        }
    }
    let frags = |t: &str| spans.get(t).cloned().unwrap_or_default();
    events
        .iter()
        .map(|roles| {
            let mut a = Attribution {
                sources: Vec::new(),
                contents: Vec::new(),
            };
            for &(role, t) in roles {
                let f = frags(t);
                match role {
                    "Source" => {
                        if let (Some(first), Some(last)) = (f.first(), f.last()) {
                            a.sources.push((first.0, last.1));
                        }
                    }
                    "Content" => a.contents.extend(f),
                    _ => {}
                }
            }
            a
        })
        .collect()
}

/// Step 1 of the gold standard: the quotation-mark segments of the text.
pub fn mark_segments(chars: &[char]) -> Vec<Range> {
    let mut out = Vec::new();
    let mut line_start = 0;
    while line_start < chars.len() {
        let line_end = chars[line_start..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(chars.len(), |p| line_start + p);
        let mut open: Option<usize> = None;
        for i in line_start..line_end {
            let c = chars[i];
            if !matches!(c, '“' | '”' | '"') {
                continue;
            }
            let prev = (i > line_start).then(|| chars[i - 1]);
            let next = (i + 1 < line_end).then(|| chars[i + 1]);
            let space_before = prev.is_none_or(char::is_whitespace);
            let space_after = next.is_none_or(char::is_whitespace);
            let opening = match c {
                '“' => space_before || !space_after,
                '”' => space_before && next.is_some_and(char::is_alphanumeric),
                _ => (space_before || prev.is_some_and(|p| "([{—–-/".contains(p))) && !space_after,
            };
            match (opening, open) {
                (true, None) => open = Some(i),
                (false, Some(a)) => {
                    out.push((a, i + 1));
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(a) = open {
            let mut end = line_end;
            while end > a + 1 && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            out.push((a, end));
        }
        line_start = line_end + 1;
    }
    out
}

/// Steps 2 and 3: the gold quotes, attributions and speakers.
pub fn quotes(chars: &[char], atts: &[Attribution]) -> Quotes {
    let mut in_content = vec![false; chars.len()];
    for a in atts {
        for &(x, y) in &a.contents {
            for c in in_content.iter_mut().take(y.min(chars.len())).skip(x) {
                *c = true;
            }
        }
    }
    let mut g = Quotes {
        quotes: Vec::new(),
        pairs: Vec::new(),
        speakers: Vec::new(),
    };
    for q in mark_segments(chars) {
        let inner: Vec<usize> = (q.0..q.1)
            .filter(|&i| !chars[i].is_whitespace() && !matches!(chars[i], '“' | '”' | '"'))
            .collect();
        let covered = inner.iter().filter(|&&i| in_content[i]).count();
        if inner.is_empty() || covered * 2 < inner.len() {
            continue;
        }
        g.quotes.push(q);
        for a in atts {
            if a.contents.iter().any(|&c| overlaps(c, q)) {
                for &s in &a.sources {
                    if !g.pairs.contains(&(q, s)) {
                        g.pairs.push((q, s));
                    }
                    if !g.speakers.contains(&s) {
                        g.speakers.push(s);
                    }
                }
            }
        }
    }
    g
}
