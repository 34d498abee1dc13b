//! How well the learned model (`analysis::learn`) does after a person has
//! annotated 10, 50, 200… documents: a learning curve on PolNeAR (quotes
//! and their speakers in political news) and on WNUT-17 (emerging named
//! entities). The corpora are read from a path and never enter the
//! repository:
//!
//! ```sh
//! cargo run --release --no-default-features --example learn_curve -- polnear /work/data/polnear
//! cargo run --release --no-default-features --example learn_curve -- wnut /work/data/wnut17
//! # the crfs CRF on the same features, beside the perceptron:
//! cargo run --release --no-default-features --features crf --example learn_curve -- polnear /work/data/polnear --crf
//! ```
//!
//! Options: `--sizes 10,50,200` (documents learnt from, drawn at random
//! with a fixed seed from the train split), `--joint` (one layer for all
//! classes), `--epochs N`, `--folds N`, `--crf` (also the `crfs` CRF, with
//! the `crf` feature), `--export DIR` (writes `train.jsonl` and
//! `dev.jsonl`, text and gold spans, for scripts/spacy_ner_compare.py).
//!
//! PolNeAR: trained on its train split, measured on dev; test is never
//! read. The gold standard is that of `examples/eval_polnear.rs`: a quote
//! is a quotation-mark segment (marks included, one per paragraph) at
//! least half of whose characters lie in an attribution's content; its
//! speakers are the sources of the attributions whose content overlaps
//! it. The model learns quotes (label `quote`) and speakers (the targets
//! of `said_by` links from quotes, as a project holds them). A prediction
//! matches one gold item at most and the reverse: exact (same start and
//! end) or overlap (a character in common).
//!
//! WNUT-17 (CC-BY 4.0): one tweet or post is one document (its tokens
//! joined by spaces); trained on `wnut17train.conll`, measured on
//! `emerging.dev.conll`; entities exact, by type.

// Shared by the PolNeAR examples: not every one uses every part.
#[allow(dead_code)]
#[path = "polnear/mod.rs"]
mod polnear;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use spanmark::analysis::learn::{self, Lesson, Options, calibrate};
use spanmark::model::{DocStatus, Document, Relation, RelationId, Span, SpanId, Suggestion};

use polnear::score::{Count, matched};
use polnear::{Range, overlaps};

/// A document with its gold items per kind (`quote`, `speaker`, or an
/// entity type).
struct Case {
    doc: Document,
    gold: BTreeMap<String, Vec<Range>>,
    pairs: Vec<(Range, Range)>,
}

fn polnear_split(root: &Path, split: &str) -> anyhow::Result<Vec<Case>> {
    let dir = root.join(split);
    let mut anns: Vec<_> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut cases: Vec<Case> = Vec::new();
    let mut last = String::new();
    for ann in anns {
        let stem = ann
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = stem
            .rsplit_once('_')
            .map_or(stem.clone(), |s| s.0.to_owned());
        if name == last {
            continue; // The first annotator's file only.
        }
        last = name.clone();
        let text = std::fs::read_to_string(dir.join("text").join(format!("{name}.txt")))?;
        let chars: Vec<char> = text.chars().collect();
        let atts = polnear::read_ann(&std::fs::read_to_string(&ann)?);
        let polnear::Quotes {
            quotes,
            pairs,
            speakers,
        } = polnear::quotes(&chars, &atts);
        let mut doc = Document::new(name.clone(), name, text);
        doc.status = DocStatus::Done;
        let mut ids: BTreeMap<Range, SpanId> = BTreeMap::new();
        let mut next = 1u64;
        for (label, ranges) in [("quote", &quotes), ("entity", &speakers)] {
            for &r in ranges {
                let id = SpanId(next);
                next += 1;
                let _ = doc.spans.insert(Span::new(id, r.0, r.1, label));
                ids.insert(r, id);
            }
        }
        for (k, (q, s)) in pairs.iter().enumerate() {
            if let (Some(&f), Some(&t)) = (ids.get(q), ids.get(s)) {
                let _ =
                    doc.relations
                        .insert(Relation::new(RelationId(k as u64 + 1), "said_by", f, t));
            }
        }
        let gold = [
            ("quote".to_owned(), quotes),
            ("speaker".to_owned(), speakers),
        ]
        .into();
        cases.push(Case { doc, gold, pairs });
    }
    Ok(cases)
}

/// WNUT-17 CoNLL: `token\tTAG` lines, a blank line between documents.
fn wnut_split(path: &Path) -> anyhow::Result<Vec<Case>> {
    let text = std::fs::read_to_string(path)?;
    let mut cases = Vec::new();
    let mut toks: Vec<(String, String)> = Vec::new();
    let mut flush = |toks: &mut Vec<(String, String)>| {
        if toks.is_empty() {
            return;
        }
        let mut text = String::new();
        let mut gold: BTreeMap<String, Vec<Range>> = BTreeMap::new();
        let mut open: Option<(String, usize, usize)> = None;
        let mut pos = 0;
        let mut spans = Vec::new();
        for (w, tag) in toks.iter() {
            if !text.is_empty() {
                text.push(' ');
                pos += 1;
            }
            let (a, b) = (pos, pos + w.chars().count());
            text.push_str(w);
            pos = b;
            let (bio, kind) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
            match (bio, &mut open) {
                ("I", Some((k, _, e))) if k == kind => *e = b,
                _ => {
                    if let Some(o) = open.take() {
                        spans.push(o);
                    }
                    if bio != "O" {
                        open = Some((kind.to_owned(), a, b));
                    }
                }
            }
        }
        spans.extend(open.take());
        let n = cases.len();
        let mut doc = Document::new(format!("w{n}"), format!("w{n}"), text);
        doc.status = DocStatus::Done;
        for (k, (kind, a, b)) in spans.into_iter().enumerate() {
            let _ = doc
                .spans
                .insert(Span::new(SpanId(k as u64 + 1), a, b, kind.as_str()));
            gold.entry(kind).or_default().push((a, b));
        }
        cases.push(Case {
            doc,
            gold,
            pairs: Vec::new(),
        });
        toks.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        match line.split_once('\t') {
            Some((w, tag)) if !w.is_empty() => toks.push((w.to_owned(), tag.to_owned())),
            _ => flush(&mut toks),
        }
    }
    flush(&mut toks);
    Ok(cases)
}

/// Scores per kind: exact and overlap counts, and each suggestion's score
/// with whether it is right (exact, overlap).
#[derive(Default)]
struct Scores {
    exact: BTreeMap<String, Count>,
    overlap: BTreeMap<String, Count>,
    rel: BTreeMap<String, Vec<(f64, bool, bool)>>,
}

impl Scores {
    fn add(&mut self, case: &Case, found: &[Suggestion], kind_of: &dyn Fn(&str) -> String) {
        let mut pred: BTreeMap<String, Vec<(Range, f64)>> = BTreeMap::new();
        for s in found {
            let score = s.score.map_or(1.0, |x| f64::from(x.0));
            pred.entry(kind_of(&s.label))
                .or_default()
                .push(((s.start, s.end), score));
        }
        let kinds: std::collections::BTreeSet<&String> =
            case.gold.keys().chain(pred.keys()).collect();
        for kind in kinds {
            let p: Vec<Range> = pred
                .get(kind)
                .map_or(Vec::new(), |v| v.iter().map(|x| x.0).collect());
            let g = case.gold.get(kind).cloned().unwrap_or_default();
            let e = self.exact.entry(kind.clone()).or_default();
            e.hit += matched(&p, &g, |a, b| a == b);
            e.pred += p.len();
            e.gold += g.len();
            let o = self.overlap.entry(kind.clone()).or_default();
            o.hit += matched(&p, &g, overlaps);
            o.pred += p.len();
            o.gold += g.len();
            for &(r, score) in pred.get(kind).into_iter().flatten() {
                let ex = g.contains(&r);
                let ov = g.iter().any(|&x| overlaps(x, r));
                self.rel
                    .entry(kind.clone())
                    .or_default()
                    .push((score, ex, ov));
            }
        }
        let _ = &case.pairs;
    }

    fn micro(&self, of: &BTreeMap<String, Count>) -> Count {
        of.values().fold(Count::default(), |a, c| Count {
            hit: a.hit + c.hit,
            pred: a.pred + c.pred,
            gold: a.gold + c.gold,
        })
    }
}

fn reliability(scores: &Scores) {
    let thresholds: Vec<f64> = (10..=19).map(|k| f64::from(k) * 0.05).collect();
    print!("\n| Kind (right = exact) |");
    for s in &thresholds {
        print!(" ≥ {s:.2} |");
    }
    println!("\n|---|{}", "---:|".repeat(thresholds.len()));
    for (kind, items) in &scores.rel {
        for (name, exact) in [("exact", true), ("overlap", false)] {
            let pairs: Vec<(f64, bool)> = items
                .iter()
                .map(|i| (i.0, if exact { i.1 } else { i.2 }))
                .collect();
            print!("| {kind}, {name} |");
            for (s, share, n) in calibrate::reliability(&pairs, &thresholds) {
                match share {
                    Some(x) => print!(" {x:.2} ({n}){} |", if x + 1e-9 < s { " ✗" } else { "" }),
                    None => print!(" – |"),
                }
            }
            println!();
        }
    }
}

fn export(
    dir: &Path,
    name: &str,
    cases: &[&Case],
    kind_of: &dyn Fn(&str) -> String,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut out = String::new();
    for c in cases {
        let spans: Vec<(usize, usize, String)> = c
            .gold
            .iter()
            .flat_map(|(k, v)| v.iter().map(move |r| (r.0, r.1, k.clone())))
            .collect();
        let _ = kind_of;
        let line = serde_json::json!({"id": c.doc.id, "text": c.doc.text, "spans": spans});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(dir.join(format!("{name}.jsonl")), out)?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(root)) = (args.first(), args.get(1)) else {
        anyhow::bail!(
            "usage: learn_curve (polnear|wnut) PATH [--sizes 10,50,200] [--joint] [--epochs N] [--folds N] [--crf] [--export DIR]"
        );
    };
    let flag = |f: &str| args.iter().any(|a| a == f);
    let value = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
    };
    let root = Path::new(root);
    let polnear = corpus == "polnear";
    let (train, dev) = if polnear {
        (polnear_split(root, "train")?, polnear_split(root, "dev")?)
    } else {
        (
            wnut_split(&root.join("wnut17train.conll"))?,
            wnut_split(&root.join("emerging.dev.conll"))?,
        )
    };
    let kind_of = move |l: &str| {
        if polnear && l == "entity" {
            "speaker".to_owned()
        } else {
            l.to_owned()
        }
    };
    let sizes: Vec<usize> = value("--sizes")
        .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 50, 200, train.len()]);
    let mut order: Vec<usize> = (0..train.len()).collect();
    // A fixed shuffle (xorshift64*), so every run and the spaCy script see
    // the same first N documents.
    let mut x: u64 = 2024u64.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..order.len()).rev() {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D) % (i as u64 + 1);
        order.swap(i, r as usize);
    }
    if let Some(dir) = value("--export") {
        let tr: Vec<&Case> = order.iter().map(|&i| &train[i]).collect();
        export(Path::new(dir), "train", &tr, &kind_of)?;
        export(
            Path::new(dir),
            "dev",
            &dev.iter().collect::<Vec<_>>(),
            &kind_of,
        )?;
        println!(
            "exported {} train (in the curve's order) and {} dev documents to {dir}",
            tr.len(),
            dev.len()
        );
    }
    let mut opts = Options {
        joint: flag("--joint"),
        ..Options::default()
    };
    if polnear {
        opts.only = Some(vec!["quote".to_owned(), "speaker".to_owned()]);
    }
    if let Some(e) = value("--epochs").and_then(|e| e.parse().ok()) {
        opts.epochs = e;
    }
    if let Some(f) = value("--folds").and_then(|e| e.parse().ok()) {
        opts.folds = f;
    }
    let labels = spanmark::model::LabelSet::default();
    println!(
        "{corpus}: {} train, {} dev documents; {} epochs, {} layer(s), {} folds\n",
        train.len(),
        dev.len(),
        opts.epochs,
        if opts.joint { "one" } else { "per-class" },
        opts.folds
    );
    println!(
        "| Learner | Docs | Kind | exact P / R / F1 | overlap P / R / F1 | train s | suggest ms/doc |\n|---|---:|---|---|---|---:|---:|"
    );
    let mut last: Option<Scores> = None;
    for &size in &sizes {
        let size = size.min(train.len());
        let lessons: Vec<Lesson<'_>> = order[..size]
            .iter()
            .map(|&i| Lesson {
                doc: &train[i].doc,
                gold_only: false,
            })
            .collect();
        let t0 = Instant::now();
        let model = learn::train(
            &lessons,
            &labels,
            &opts,
            &mut |_, _| {},
            &AtomicBool::new(false),
        )?;
        let took = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let found: Vec<Vec<Suggestion>> = dev.iter().map(|c| model.suggest(&c.doc)).collect();
        let per_doc = t1.elapsed().as_secs_f64() * 1000.0 / dev.len().max(1) as f64;
        if let Some(k) = value("--show").and_then(|k| k.parse::<usize>().ok()) {
            let chars: Vec<char> = dev[k].doc.text.chars().collect();
            for s in &found[k] {
                let t: String = chars[s.start..s.end].iter().collect();
                println!(
                    "{} {:.2} {:?} {t:?}",
                    s.label,
                    s.score.map_or(0.0, |x| x.0),
                    (s.start, s.end)
                );
            }
            println!("gold {:?}", dev[k].gold);
        }
        let mut scores = Scores::default();
        for (c, f) in dev.iter().zip(&found) {
            scores.add(c, f, &kind_of);
        }
        print_rows("perceptron", size, &scores, took, per_doc, !polnear);
        #[cfg(feature = "crf")]
        if flag("--crf") {
            let t0 = Instant::now();
            let docs: Vec<&Document> = dev.iter().map(|c| &c.doc).collect();
            let found = learn::crf::crf_suggest(&lessons, &labels, &opts, 1.0, 100, &docs)?;
            let took = t0.elapsed().as_secs_f64();
            let mut crf = Scores::default();
            for (c, f) in dev.iter().zip(&found) {
                crf.add(c, f, &kind_of);
            }
            print_rows("crf (crfs, L-BFGS)", size, &crf, took, f64::NAN, !polnear);
        }
        last = Some(scores);
    }
    if let Some(s) = &last {
        println!(
            "\nReliability of the last model: share right among suggestions scored ≥ s (how many)"
        );
        reliability(s);
    }
    Ok(())
}

fn print_rows(learner: &str, size: usize, s: &Scores, took: f64, per_doc: f64, micro: bool) {
    let mut rows: Vec<(String, Count, Count)> = s
        .exact
        .iter()
        .map(|(k, e)| (k.clone(), *e, s.overlap.get(k).copied().unwrap_or_default()))
        .collect();
    if micro {
        rows = vec![(
            "all entities".to_owned(),
            s.micro(&s.exact),
            s.micro(&s.overlap),
        )];
    }
    for (kind, e, o) in rows {
        println!(
            "| {learner} | {size} | {kind} | {} | {} | {took:.2} | {per_doc:.2} |",
            e.cell(),
            o.cell()
        );
    }
}
