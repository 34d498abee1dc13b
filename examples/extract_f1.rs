//! Word-level F1 of the article text Spanmark takes from saved web pages,
//! against the text a reader sees, for the old importer (`html_to_text`:
//! `<article>`, `<main>` or `<body>` blocks) and the Readability one
//! (`extract_article`).
//!
//! Each page is a folder holding `source.html` (the saved page),
//! `expected.html` (the article as a reader sees it) and, optionally,
//! `expected-metadata.json` (its `title`, the headline). Mozilla's
//! Readability test pages have that shape (Apache-2.0):
//!
//! ```sh
//! git clone https://github.com/mozilla/readability /tmp/readability
//! cargo run --release --example extract_f1 -- /tmp/readability/test/test-pages/*
//! ```

use std::collections::HashMap;
use std::path::Path;

/// Lowercased words, punctuation trimmed.
fn words(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text.split_whitespace() {
        let w: String = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !w.is_empty() {
            *out.entry(w).or_insert(0) += 1;
        }
    }
    out
}

/// F1 of the words of `got` against `want` (as multisets).
fn f1(got: &str, want: &str) -> f64 {
    let (g, w) = (words(got), words(want));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
        .sum();
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    if common == 0 || gn == 0 || wn == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / gn as f64, common as f64 / wn as f64);
    2.0 * p * r / (p + r)
}

fn reference(dir: &Path) -> Option<String> {
    let expected = std::fs::read_to_string(dir.join("expected.html")).ok()?;
    let (_, body) = spanmark::formats::html_to_text(&format!("<body>{expected}</body>"));
    let title = std::fs::read_to_string(dir.join("expected-metadata.json"))
        .ok()
        .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
        .and_then(|m| m.get("title").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default();
    Some(format!("{title}\n\n{body}"))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    let (mut old_empty, mut new_empty) = (0, 0);
    println!("{:<40} {:>6} {:>6}", "page", "old", "new");
    for arg in std::env::args().skip(1) {
        let dir = Path::new(&arg);
        let (Ok(source), Some(want)) = (
            std::fs::read_to_string(dir.join("source.html")),
            reference(dir),
        ) else {
            continue;
        };
        let (_, before) = spanmark::formats::html_to_text(&source);
        let after = spanmark::formats::extract_article(&source, None).text;
        old_empty += usize::from(before.trim().is_empty());
        new_empty += usize::from(after.trim().is_empty());
        let (a, b) = (f1(&before, &want), f1(&after, &want));
        let name = dir
            .file_name()
            .map_or(arg.clone(), |n| n.to_string_lossy().into_owned());
        println!("{name:<40} {a:>6.3} {b:>6.3}");
        old.push(a);
        new.push(b);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "{} pages: old mean {:.3} median {:.3} ({} with no text); new mean {:.3} median {:.3} ({} with no text)",
        old.len(),
        mean(&old),
        median(&mut old.clone()),
        old_empty,
        mean(&new),
        median(&mut new.clone()),
        new_empty
    );
}
