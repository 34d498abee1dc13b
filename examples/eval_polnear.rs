//! How right the built-in suggestion rules are on real news, measured on
//! PolNeAR (`networkdynamics/PolNeAR`: political news from seven US outlets,
//! 2015–2016, with attributions annotated in brat standoff). The corpus is
//! read from a path and never enters the repository:
//!
//! ```sh
//! git clone https://github.com/networkdynamics/PolNeAR /tmp/PolNeAR
//! cargo run --release --no-default-features --example eval_polnear -- /tmp/PolNeAR/data dev
//! ```
//!
//! The path holds `train/`, `dev/` and `test/`, each with `text/NAME.txt`,
//! `attributions/NAME_ANNOTATOR.ann` and `corenlp/NAME.txt.xml`. Tune on
//! train, report on dev; test is an outside check, run once. Options:
//! `--errors quotes|pairs` lists each document's mistakes (for train),
//! `--bins` the share right per score a rule gives, `--doc NAME` every
//! quote suggested in the documents whose name holds NAME.
//!
//! # The gold standard, derived from PolNeAR
//!
//! PolNeAR annotates attributions: an event `E` linking a `Source` (who),
//! a `Cue` (said, according to) and a `Content` (what), each a text-bound
//! `T` whose offsets are code points. A document annotated by several
//! people is read once, from the first `.ann` file in name order.
//!
//! 1. *Quotation-mark segments.* In each line (paragraph) of the text,
//!    the double marks `“ ” "` are read left to right: `“` opens unless it
//!    stands after a character and before a space (then it closes, as
//!    typed by mistake), `”` closes unless it stands after a space and
//!    before a letter, `"` opens after the line's start, a space or one of
//!    `( [ { — – - /` when a character follows. An opening mark while a
//!    segment is open, and a closing one while none is, are skipped. A
//!    segment runs from its opening mark to its closing mark, both
//!    included; one still open at the end of the line ends there (a quote
//!    continued in the next paragraph is one segment per paragraph).
//! 2. *Quotes.* A segment is a gold quote when at least half of its
//!    characters (spaces and marks aside) lie in the `Content` of some
//!    attribution (with or without a source). Quotes within a quote and
//!    single marks are not segments of their own.
//! 3. *Speakers and attribution.* The speakers of a gold quote are the
//!    `Source` mentions (each from its first to its last character) of
//!    every attribution whose `Content` overlaps the quote; gold speakers
//!    are those mentions, once each; a gold attribution is a (quote,
//!    speaker) pair. A quote whose attributions have no source (PolNeAR
//!    leaves some implicit) counts as a quote with no speaker.
//! 4. *Entities and dates* have no gold in PolNeAR; their reliability is
//!    measured against the named entities (PERSON, ORGANIZATION,
//!    LOCATION, MISC: runs of tokens of one class) and the DATE and TIME
//!    expressions of the CoreNLP analysis PolNeAR ships, a silver
//!    standard. For the mentions of entities "tagged before", the CoreNLP
//!    entities (three characters or more) of the documents read so far
//!    are given to the rules as the project's tagged entities.
//!
//! # Scoring
//!
//! Suggestions are those of `analysis::suggest::suggest` with every rule.
//! Predicted quotes are the `quote` suggestions, predicted attributions
//! each quote with its `said_by`, predicted speakers those `said_by`
//! ranges, once each. A prediction matches at most one gold item and the
//! reverse: *exact* means the same start and end, *overlap* at least one
//! character in common; an attribution matches when both its quote and
//! its speaker do. The reliability table gives, for each threshold, the
//! share right (overlapping an item of its kind) among the suggestions
//! with a score at or above it: a quote's `pair_score` counts as right when
//! the quote and its speaker both are.
//!
//! The baseline is "the one-line regular expression": quotes are
//! `["“][^"“”\n]*["”]`, and each quote's speaker the name (capitalised
//! words) right before or after a speech verb (`said`, `says`, `told`,
//! `added`, `wrote`, `asked`, `stated`, `explained`, `noted`, `tweeted`)
//! in the quote's paragraph, nearest the quote.

// Shared by the PolNeAR examples: not every one uses every part.
#[allow(dead_code)]
#[path = "polnear/mod.rs"]
mod polnear;

use std::path::{Path, PathBuf};

use spanmark::analysis::suggest::{self, Rule};
use spanmark::model::{Document, LabelSet, Suggestion};

use polnear::baseline::baseline;
use polnear::reliability::{Reliability, bins, reliability_table};
use polnear::score::{Count, matched};
use polnear::{Attribution, Range, overlaps, read_ann};

/// What a document holds for the evaluation.
struct Gold {
    quotes: Vec<Range>,
    pairs: Vec<(Range, Range)>,
    speakers: Vec<Range>,
    /// Silver entities and dates, when the CoreNLP file is there.
    ner: Option<(Vec<Range>, Vec<Range>)>,
}

/// Steps 2 and 3: the gold quotes, attributions and speakers.
fn gold(chars: &[char], atts: &[Attribution]) -> Gold {
    let q = polnear::quotes(chars, atts);
    Gold {
        quotes: q.quotes,
        pairs: q.pairs,
        speakers: q.speakers,
        ner: None,
    }
}

/// Step 4: CoreNLP's entities and dates (runs of tokens of one class).
fn read_corenlp(xml: &str) -> (Vec<Range>, Vec<Range>) {
    let field = |line: &str, tag: &str| {
        line.trim()
            .strip_prefix(&format!("<{tag}>"))
            .and_then(|r| r.strip_suffix(&format!("</{tag}>")))
            .map(str::to_owned)
    };
    let (mut entities, mut dates) = (Vec::new(), Vec::new());
    let mut run: Option<(String, Range)> = None;
    let (mut begin, mut end) = (0usize, 0usize);
    let mut flush = |run: &mut Option<(String, Range)>| {
        if let Some((class, r)) = run.take() {
            match class.as_str() {
                "PERSON" | "ORGANIZATION" | "LOCATION" | "MISC" => entities.push(r),
                "DATE" | "TIME" => dates.push(r),
                _ => {}
            }
        }
    };
    for line in xml.lines() {
        if let Some(b) = field(line, "CharacterOffsetBegin") {
            begin = b.parse().unwrap_or(0);
        } else if let Some(e) = field(line, "CharacterOffsetEnd") {
            end = e.parse().unwrap_or(0);
        } else if let Some(class) = field(line, "NER") {
            match &mut run {
                Some((c, r)) if *c == class && begin <= r.1 + 2 => r.1 = end,
                _ => {
                    flush(&mut run);
                    if class != "O" {
                        run = Some((class, (begin, end)));
                    }
                }
            }
        } else if line.trim() == "</sentence>" {
            flush(&mut run);
        }
    }
    flush(&mut run);
    (entities, dates)
}

/// A document of the split, with its gold.
struct Case {
    name: String,
    doc: Document,
    gold: Gold,
}

fn read_split(root: &Path, split: &str) -> anyhow::Result<Vec<Case>> {
    let dir = root.join(split);
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut cases: Vec<Case> = Vec::new();
    for ann in anns {
        let stem = ann
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // NAME_ANNOTATOR.ann: the first annotator's file only.
        let name = stem.rsplit_once('_').map_or(stem.as_str(), |s| s.0);
        if cases.last().is_some_and(|c| c.name == name) {
            continue;
        }
        let text = std::fs::read_to_string(dir.join("text").join(format!("{name}.txt")))?;
        let chars: Vec<char> = text.chars().collect();
        let mut gold = gold(&chars, &read_ann(&std::fs::read_to_string(&ann)?));
        let xml = dir.join("corenlp").join(format!("{name}.txt.xml"));
        gold.ner = std::fs::read_to_string(xml).ok().map(|x| read_corenlp(&x));
        cases.push(Case {
            name: name.to_owned(),
            doc: Document::new(name, name, text),
            gold,
        });
    }
    Ok(cases)
}

/// Quotes, speakers, attribution, each exact and overlap.
#[derive(Default)]
struct Scores([Count; 6]);

impl Scores {
    fn add(&mut self, quotes: &[Range], pairs: &[(Range, Range)], gold: &Gold) {
        let mut speakers: Vec<Range> = pairs.iter().map(|p| p.1).collect();
        speakers.sort_unstable();
        speakers.dedup();
        for (k, exact) in [true, false].into_iter().enumerate() {
            let same = |a: Range, b: Range| if exact { a == b } else { overlaps(a, b) };
            let n = matched(quotes, &gold.quotes, same);
            self.0[k].add(n, quotes.len(), gold.quotes.len());
            let n = matched(&speakers, &gold.speakers, same);
            self.0[2 + k].add(n, speakers.len(), gold.speakers.len());
            let n = matched(pairs, &gold.pairs, |p, g| same(p.0, g.0) && same(p.1, g.1));
            self.0[4 + k].add(n, pairs.len(), gold.pairs.len());
        }
    }

    fn rows(&self, name: &str) -> String {
        let c = &self.0;
        format!(
            "| {name}, exact | {} | {} | {} |\n| {name}, overlap | {} | {} | {} |\n",
            c[0].cell(),
            c[2].cell(),
            c[4].cell(),
            c[1].cell(),
            c[3].cell(),
            c[5].cell()
        )
    }
}

fn judge(found: &[Suggestion], g: &Gold, rel: &mut Reliability) {
    let hits = |r: Range, items: &[Range]| items.iter().any(|&x| overlaps(r, x));
    let score = |s: &Suggestion| s.score.map_or(1.0, |x| x.0);
    for s in found {
        let r = (s.start, s.end);
        let (name, right) = match (s.label.as_str(), s.source.as_str()) {
            ("quote", _) => ("quotes", hits(r, &g.quotes)),
            (_, "rule:speakers") => ("speakers", hits(r, &g.speakers)),
            (_, "rule:entities") => match &g.ner {
                Some((e, _)) if s.attrs.get("kind").is_some_and(|k| k == "tagged") => {
                    ("entities tagged before", hits(r, e))
                }
                Some((e, _)) => ("entities", hits(r, e)),
                None => continue,
            },
            (_, "rule:dates") => match &g.ner {
                Some((_, d)) => ("dates", hits(r, d)),
                None => continue,
            },
            _ => continue,
        };
        rel.entry(name).or_default().push((score(s), right));
        if let (Some(by), Some(p)) = (s.said_by, s.pair_score) {
            let right = g
                .pairs
                .iter()
                .any(|&(q, w)| overlaps(q, r) && overlaps(w, by));
            rel.entry("quote with speaker")
                .or_default()
                .push((p.0, right));
        }
    }
}

/// The text around `r`, the range in brackets.
fn around(chars: &[char], r: Range) -> String {
    let a = r.0.saturating_sub(70);
    let b = (r.1 + 50).min(chars.len());
    let s = |x: usize, y: usize| chars[x..y].iter().collect::<String>().replace('\n', "¶");
    format!("{}[[{}]]{}", s(a, r.0), s(r.0, r.1), s(r.1, b))
}

fn errors(
    case: &Case,
    found: &[Suggestion],
    quotes: &[Range],
    pairs: &[(Range, Range)],
    what: &str,
) {
    let chars: Vec<char> = case.doc.text.chars().collect();
    let t = |r: Range| chars[r.0..r.1].iter().collect::<String>();
    let g = &case.gold;
    match what {
        "quotes" => {
            for &q in &g.quotes {
                if !quotes.iter().any(|&p| overlaps(p, q)) {
                    println!("{}: MISSED {}", case.name, around(&chars, q));
                }
            }
            for &p in quotes {
                if !g.quotes.iter().any(|&q| overlaps(p, q)) {
                    println!("{}: WRONG {}", case.name, around(&chars, p));
                }
            }
        }
        _ => {
            for &q in &g.quotes {
                let want: Vec<Range> = g.pairs.iter().filter(|p| p.0 == q).map(|p| p.1).collect();
                let got = pairs.iter().find(|p| overlaps(p.0, q)).map(|p| p.1);
                let how = found
                    .iter()
                    .find(|s| s.label == "quote" && overlaps((s.start, s.end), q))
                    .and_then(|s| s.pair_score)
                    .map_or(0.0, |x| x.0);
                let right = got.is_some_and(|s| want.iter().any(|&w| overlaps(s, w)));
                if right || (want.is_empty() && got.is_none()) {
                    continue;
                }
                let ctx_from = want
                    .iter()
                    .chain(got.iter())
                    .map(|r| r.0)
                    .min()
                    .unwrap_or(q.0);
                let ctx_to = want
                    .iter()
                    .chain(got.iter())
                    .map(|r| r.1)
                    .max()
                    .unwrap_or(q.1);
                let ctx = around(&chars, (ctx_from.min(q.0), ctx_to.max(q.1)));
                println!(
                    "{}: {how:.2} want {:?} got {:?}\n    {}",
                    case.name,
                    want.iter().map(|&w| t(w)).collect::<Vec<_>>(),
                    got.map(t),
                    ctx
                );
            }
        }
    }
}

/// Every quote suggested in a document, with its speaker and scores.
fn show(case: &Case, found: &[Suggestion]) {
    let chars: Vec<char> = case.doc.text.chars().collect();
    let t = |(a, b): Range| chars[a..b].iter().collect::<String>().replace('\n', "¶");
    for s in found.iter().filter(|s| s.label == "quote") {
        let gold = case.gold.quotes.contains(&(s.start, s.end));
        println!(
            "{} {:.2}/{:.2} {} <- {:?}",
            if gold { "gold" } else { "    " },
            s.score.map_or(0.0, |x| x.0),
            s.pair_score.map_or(0.0, |x| x.0),
            t((s.start, s.end)),
            s.said_by.map(t)
        );
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(root), Some(split)) = (args.first(), args.get(1)) else {
        anyhow::bail!(
            "usage: eval_polnear PATH (train|dev|test) [--errors quotes|speakers|pairs] [--bins]"
        );
    };
    let errors_of = args
        .iter()
        .position(|a| a == "--errors")
        .and_then(|i| args.get(i + 1));
    let doc_of = args
        .iter()
        .position(|a| a == "--doc")
        .and_then(|i| args.get(i + 1));
    let cases = read_split(Path::new(root), split)?;
    let (mut rules, mut regex) = (Scores::default(), Scores::default());
    let mut rel = Reliability::new();
    let started = std::time::Instant::now();
    // Entities "tagged before": CoreNLP's entities of the documents read
    // so far, as if a person had tagged them (the entities rule suggests
    // their later mentions).
    let mut known: suggest::Known = Vec::new();
    let mut seen: std::collections::HashSet<Vec<char>> = std::collections::HashSet::new();
    for case in &cases {
        let found = suggest::suggest(&case.doc, &known, &Rule::ALL, &LabelSet::default());
        if let Some((entities, _)) = &case.gold.ner {
            let chars: Vec<char> = case.doc.text.chars().collect();
            for &(a, b) in entities {
                let text: Vec<char> = chars[a.min(chars.len())..b.min(chars.len())].to_vec();
                if text.len() >= 3 && seen.insert(text.clone()) {
                    let attrs = [("kind".to_owned(), "tagged".to_owned())].into();
                    known.push((text, attrs));
                }
            }
        }
        let quotes: Vec<Range> = found
            .iter()
            .filter(|s| s.label == "quote")
            .map(|s| (s.start, s.end))
            .collect();
        let pairs: Vec<(Range, Range)> = found
            .iter()
            .filter(|s| s.label == "quote")
            .filter_map(|s| s.said_by.map(|w| ((s.start, s.end), w)))
            .collect();
        rules.add(&quotes, &pairs, &case.gold);
        judge(&found, &case.gold, &mut rel);
        if let Some(what) = errors_of {
            errors(case, &found, &quotes, &pairs, what);
        }
        if doc_of.is_some_and(|d| case.name.contains(d.as_str())) {
            show(case, &found);
        }
        let chars: Vec<char> = case.doc.text.chars().collect();
        let base = baseline(&chars);
        let quotes: Vec<Range> = base.iter().map(|b| b.0).collect();
        let pairs: Vec<(Range, Range)> =
            base.iter().filter_map(|b| b.1.map(|w| (b.0, w))).collect();
        regex.add(&quotes, &pairs, &case.gold);
    }
    let took = started.elapsed();
    let g = &rules.0;
    println!(
        "PolNeAR {split}: {} documents, {} quotes, {} speakers, {} attributions (rules and baseline in {:.2} s)\n",
        cases.len(),
        g[0].gold,
        g[2].gold,
        g[4].gold,
        took.as_secs_f32()
    );
    println!("| P / R / F1 | Quotes | Speakers | Attribution |\n|---|---|---|---|");
    print!("{}", rules.rows("rules"));
    print!("{}", regex.rows("one-line regex"));
    println!("\nReliability: share right among suggestions with score ≥ s (how many)\n");
    print!("{}", reliability_table(&rel));
    if args.iter().any(|a| a == "--bins") {
        bins(&rel);
    }
    Ok(())
}
