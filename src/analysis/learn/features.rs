//! Features of each token, as 64-bit hashes of a template and its value
//! (FNV-1a: stable across runs and builds, so a model file keeps its
//! meaning).
//!
//! Templates: the token, lower-cased and as written; its shape; prefixes
//! and suffixes of one to three characters; the words ±1, ±2 and ±3 and
//! two bigrams; capitalisation and sentence and paragraph position; the
//! gazetteer of texts the project's people tagged; the quotation-mark
//! state, and for a token inside a quotation the words just before and
//! after that quotation and its length, for one outside how far the
//! nearest quotation before and after it is.

use super::gazetteer::Gazetteer;
use super::tokens::{Mark, Token};

/// A stable 64-bit hash of a feature (template number and value).
fn hash(template: u8, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    };
    eat(template);
    for p in parts {
        eat(0x1F);
        for b in p.bytes() {
            eat(b);
        }
    }
    h
}

/// The shape of a word: `Xx` for `Trump`, `X.` for initials, `d` for
/// digits (runs of one kind folded).
fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !out.ends_with(k) {
            out.push(k);
        }
        if out.len() > 8 {
            break;
        }
    }
    out
}

/// Words that report speech or its source (lower case): a speaker stands
/// next to one.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "wrote",
    "writes",
    "stated",
    "explained",
    "noted",
    "insisted",
    "argued",
    "claimed",
    "declared",
    "warned",
    "replied",
    "responded",
    "tweeted",
    "continued",
    "according",
    "acknowledged",
    "recalled",
    "announced",
    "suggested",
    "predicted",
    "joked",
    "quipped",
    "remarked",
    "admitted",
    "conceded",
    "maintained",
    "contended",
    "cautioned",
    "urged",
    "vowed",
    "promised",
    "described",
    "called",
    "declared",
    "read",
    "statement",
    "interview",
];

/// Whether `w` (lower case) reports speech.
fn speech(w: &str) -> bool {
    SPEECH.contains(&w)
}

/// A distance in tokens, in a few buckets.
fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=12 => "7-12",
        _ => "far",
    }
}

/// The first `n` characters of `s`, or its last `n` (`from_end`).
fn affix(s: &str, n: usize, from_end: bool) -> Option<&str> {
    let len = s.chars().count();
    if len <= n {
        return None;
    }
    let cut = if from_end { len - n } else { n };
    let b = s.char_indices().nth(cut).map_or(s.len(), |(b, _)| b);
    Some(if from_end { &s[b..] } else { &s[..b] })
}

/// The features of every token of a document: `feats[t]` lists token
/// `t`'s feature hashes.
pub fn extract(tokens: &[Token], gazetteer: &Gazetteer, skip_doc: Option<usize>) -> Vec<Vec<u64>> {
    let word = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| tokens.get(i))
            .map_or("<none>", |t| t.lower.as_str())
    };
    let gaz = gazetteer.marks(tokens, skip_doc);
    // Per paragraph: the last closing mark so far, and the next opening.
    let mut since_close: Vec<Option<usize>> = vec![None; tokens.len()];
    let mut to_open: Vec<Option<usize>> = vec![None; tokens.len()];
    let mut last: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.para_start {
            last = None;
        }
        since_close[i] = last.map(|c| i - c);
        if t.mark == Mark::Close {
            last = Some(i);
        }
    }
    let mut next: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate().rev() {
        if t.mark == Mark::Open {
            next = Some(i);
        }
        to_open[i] = next.map(|o| o - i);
        if t.para_start {
            next = None;
        }
    }
    // Per sentence: whether it holds a quotation mark or a speech word.
    let mut sent_quote = vec![false; tokens.len()];
    let mut sent_speech = vec![false; tokens.len()];
    let mut s = 0;
    while s < tokens.len() {
        let e = (s + 1..tokens.len())
            .find(|&k| tokens[k].sent_start)
            .unwrap_or(tokens.len());
        let q = tokens[s..e].iter().any(|t| t.mark != Mark::Out);
        let v = tokens[s..e].iter().any(|t| speech(&t.lower));
        for k in s..e {
            sent_quote[k] = q;
            sent_speech[k] = v;
        }
        s = e;
    }
    // The nearest speech word before and after each token, in its sentence.
    let near_speech = |i: usize, dir: isize| -> Option<(usize, &str)> {
        (1..=6).find_map(|d| {
            let j = i as isize + dir * d as isize;
            let t = tokens.get(usize::try_from(j).ok()?)?;
            if (dir > 0 && t.sent_start) || t.mark != Mark::Out && t.segment.is_some() && d > 1 {
                return None;
            }
            speech(&t.lower).then_some((d as usize, t.lower.as_str()))
        })
    };
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let i_ = i as isize;
        let mut f: Vec<u64> = Vec::with_capacity(48);
        let w = t.lower.as_str();
        f.push(hash(0, &[]));
        f.push(hash(1, &[w]));
        if t.text != t.lower {
            f.push(hash(2, &[&t.text]));
        }
        let sh = shape(&t.text);
        f.push(hash(3, &[&sh]));
        for n in 1..=3 {
            if let Some(p) = affix(w, n, false) {
                f.push(hash(4 + n as u8, &[p]));
            }
            if let Some(s) = affix(w, n, true) {
                f.push(hash(8 + n as u8, &[s]));
            }
        }
        for (k, d) in [-3isize, -2, -1, 1, 2, 3].into_iter().enumerate() {
            f.push(hash(12 + k as u8, &[word(i_ + d)]));
        }
        f.push(hash(18, &[word(i_ - 1), w]));
        f.push(hash(19, &[w, word(i_ + 1)]));
        let sh_prev = i
            .checked_sub(1)
            .map_or(String::new(), |p| shape(&tokens[p].text));
        let sh_next = tokens.get(i + 1).map_or(String::new(), |n| shape(&n.text));
        f.push(hash(20, &[&sh_prev, &sh]));
        f.push(hash(21, &[&sh, &sh_next]));
        let pos = match (t.para_start, t.sent_start) {
            (true, _) => "para",
            (false, true) => "sent",
            _ => "mid",
        };
        f.push(hash(22, &[pos]));
        f.push(hash(23, &[pos, &sh]));
        if t.paragraph == 0 {
            f.push(hash(24, &[]));
        }
        for g in &gaz[i] {
            f.push(hash(25, &[g]));
        }
        f.push(hash(
            41,
            &[
                if sent_quote[i] { "q" } else { "-" },
                if sent_speech[i] { "v" } else { "-" },
            ],
        ));
        if let Some((d, v)) = near_speech(i, 1) {
            f.push(hash(42, &[bucket(d)]));
            f.push(hash(43, &[v]));
            f.push(hash(44, &[bucket(d), &sh]));
        }
        if let Some((d, v)) = near_speech(i, -1) {
            f.push(hash(45, &[bucket(d)]));
            f.push(hash(46, &[v]));
        }
        let m = t.mark.code();
        f.push(hash(26, &[m]));
        f.push(hash(27, &[m, word(i_ - 1)]));
        f.push(hash(28, &[m, word(i_ + 1)]));
        match t.segment {
            Some((a, b)) => {
                let a = a as isize;
                let b = b as isize;
                f.push(hash(29, &[word(a - 1)]));
                f.push(hash(30, &[word(a - 2), word(a - 1)]));
                f.push(hash(31, &[word(b + 1)]));
                f.push(hash(32, &[word(b + 1), word(b + 2)]));
                f.push(hash(33, &[word(b + 2)]));
                f.push(hash(34, &[bucket((b - a) as usize)]));
                f.push(hash(35, &[word(b - 1), word(b + 1)]));
            }
            None => {
                let c = since_close[i].map_or("none", bucket);
                let o = to_open[i].map_or("none", bucket);
                f.push(hash(36, &[c]));
                f.push(hash(37, &[o]));
                f.push(hash(38, &[c, &sh]));
                f.push(hash(39, &[o, &sh]));
                f.push(hash(40, &[c, w]));
            }
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Trump"), "Xx");
        assert_eq!(shape("J."), "X.");
        assert_eq!(shape("2016"), "d");
        assert_eq!(affix("spokesman", 3, true), Some("man"));
        assert_eq!(affix("spokesman", 2, false), Some("sp"));
        assert_eq!(affix("he", 2, false), None);
        assert_eq!(affix("élan", 1, false), Some("é"));
    }

    #[test]
    fn hashes_are_stable_and_distinguish_templates() {
        assert_eq!(hash(1, &["said"]), hash(1, &["said"]));
        assert_ne!(hash(1, &["said"]), hash(2, &["said"]));
        assert_ne!(hash(18, &["a", "bc"]), hash(18, &["ab", "c"]));
        // Fixed value: a model file written today reads the same tomorrow.
        assert_eq!(hash(0, &[]), 0xaf63_bd4c_8601_b7df);
    }
}
