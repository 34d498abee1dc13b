//! The linear-chain CRF of the `crfs` crate (a pure-Rust port of
//! CRFsuite, trained with L-BFGS), on exactly the features, layers and
//! tags of the perceptron: built only with the `crf` feature, to measure
//! the two learners side by side (`examples/learn_curve.rs --crf`).
//!
//! Not the model Spanmark keeps: `crfs` trains in one call (no progress,
//! no cancelling), writes its model through a file, and its tagger gives
//! the best sequence but no marginals, so its spans would have no
//! calibrated score.

use crfs::{Attribute, Trainer};

use super::LearnError;
use super::classes::{self, classes_of};
use super::features;
use super::model::layer_tags;
use super::tokens::tokenize;
use super::train::{Lesson, Options, prepare};
use crate::model::{Document, LabelSet, Suggestion};

fn attributes(hashes: &[u64]) -> Vec<Attribute> {
    hashes
        .iter()
        .map(|h| Attribute::new(format!("{h:x}"), 1.0))
        .collect()
}

/// Train a CRF per layer on `lessons` (L2 `c2`, at most `iterations`
/// L-BFGS iterations) and return the spans it tags in each of `docs`.
pub fn crf_suggest(
    lessons: &[Lesson<'_>],
    labels: &LabelSet,
    opts: &Options,
    c2: f64,
    iterations: usize,
    docs: &[&Document],
) -> Result<Vec<Vec<Suggestion>>, LearnError> {
    let lesson_docs: Vec<&Document> = lessons.iter().map(|l| l.doc).collect();
    let mut classes = classes_of(&lesson_docs, labels);
    if let Some(only) = &opts.only {
        classes.retain(|c| only.contains(&c.name));
    }
    let layers: Vec<Vec<usize>> = if opts.joint {
        vec![(0..classes.len()).collect()]
    } else {
        (0..classes.len()).map(|c| vec![c]).collect()
    };
    let prep = prepare(lessons, &classes, &mut || true).ok_or(LearnError::Cancelled)?;
    let xs: Vec<Vec<Vec<Attribute>>> = (0..lessons.len())
        .map(|d| {
            features::extract(&prep.tokens[d], &prep.gazetteer, Some(d))
                .iter()
                .map(|h| attributes(h))
                .collect()
        })
        .collect();
    let test_tokens: Vec<_> = docs.iter().map(|d| tokenize(&d.text)).collect();
    let test_xs: Vec<Vec<Vec<Attribute>>> = test_tokens
        .iter()
        .map(|t| {
            features::extract(t, &prep.gazetteer, None)
                .iter()
                .map(|h| attributes(h))
                .collect()
        })
        .collect();
    let mut out: Vec<Vec<Suggestion>> = vec![Vec::new(); docs.len()];
    let io = |e: std::io::Error| LearnError::Io {
        path: std::env::temp_dir(),
        source: e,
    };
    for (li, lc) in layers.iter().enumerate() {
        let mut trainer = Trainer::lbfgs();
        for (d, x) in xs.iter().enumerate() {
            let tags: Vec<String> = layer_tags(lc, &prep.spans[d], &prep.tokens[d])
                .iter()
                .map(u16::to_string)
                .collect();
            if !x.is_empty() {
                trainer.append(x, &tags).map_err(io)?;
            }
        }
        trainer.params_mut().set_c2(c2).map_err(io)?;
        trainer
            .params_mut()
            .set_max_iterations(iterations)
            .map_err(io)?;
        let path =
            std::env::temp_dir().join(format!("spanmark-crf-{}-{li}.crfsuite", std::process::id()));
        trainer.train(&path).map_err(io)?;
        let bytes = std::fs::read(&path).map_err(io)?;
        let _ = std::fs::remove_file(&path);
        let model = crfs::Model::new(&bytes).map_err(io)?;
        let tagger = model.tagger().map_err(io)?;
        for (d, x) in test_xs.iter().enumerate() {
            let tags: Vec<u16> = tagger
                .tag(x)
                .map_err(io)?
                .iter()
                .map(|t| t.parse().unwrap_or(0))
                .collect();
            for (k, a, b) in classes::decode(&tags) {
                let (Some(class), Some(ta), Some(tb)) =
                    (lc.get(k), test_tokens[d].get(a), test_tokens[d].get(b))
                else {
                    continue;
                };
                let c = &classes[*class];
                let mut s = Suggestion::new(ta.start, tb.end, &c.label, "model:spanmark-crf");
                s.attrs = c.attrs.clone();
                out[d].push(s);
            }
        }
    }
    Ok(out)
}
